"""Retention keeps and forgets on purpose (issue #17 item 6): only what is past its period
goes, files are forgotten while the ledger stays, everything the job does is audited, the
report changes nothing, and a second run finds nothing."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from certificates.models import CERecord
from lms.people.models import AuditEntry, Notification
from lms.retention.jobs import retention_apply_task
from lms.retention.policies import POLICIES, policy
from lms.retention.services import retention_apply, retention_plan
from lms.supervision.models import HoursWorked, SupervisionLog

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)
CUTOFF = date(2019, 12, 2)  # 7 years before: kept from this day on


def aware(day: date):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12))


def supervision_on(supervisor, peer, day):
    return SupervisionLog.objects.create(
        supervisor=supervisor,
        peer=peer,
        held_on=day,
        duration_minutes=60,
        summary="s",
        supervisor_attested_at=aware(day),
    )


def ce_with_evidence(peer, day):
    record = CERecord.objects.create(
        holder=peer,
        title=f"Workshop {day}",
        provider="Montana Peer Network",
        completed_on=day,
        hours=Decimal("2"),
        source=CERecord.Source.EXTERNAL,
        status=CERecord.Status.APPROVED,
    )
    record.evidence.save("certificate.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return record


@pytest.fixture
def history(supervisor, peer):
    """Records on either side of each period's last day."""
    kept_log = supervision_on(supervisor, peer, CUTOFF)
    old_log = supervision_on(supervisor, peer, CUTOFF - timedelta(days=1))
    kept_ce = ce_with_evidence(peer, CUTOFF)
    old_ce = ce_with_evidence(peer, CUTOFF - timedelta(days=1))
    for month in (date(2019, 11, 1), date(2019, 12, 1)):
        HoursWorked.objects.create(peer=peer, month=month, hours=80, entered_by=supervisor)
    for day in (date(2025, 12, 2), date(2025, 12, 1)):
        note = Notification.objects.create(recipient=peer, message=f"sent {day}")
        Notification.objects.filter(pk=note.pk).update(created_at=aware(day))
    for day in (CUTOFF, CUTOFF - timedelta(days=1)):
        entry = AuditEntry.objects.create(
            actor=None, action="test.old", target_type="x", target_id="1", target_repr="x"
        )
        AuditEntry.objects.filter(pk=entry.pk).update(created_at=aware(day))
    return {"kept_log": kept_log, "old_log": old_log, "kept_ce": kept_ce, "old_ce": old_ce}


def test_each_policy_has_a_period_or_says_it_keeps_and_names_its_source():
    keys = {p.key for p in POLICIES}
    assert {"ce_evidence", "supervision_logs", "audit_trail", "claim_evidence"} <= keys
    assert policy("supervision_logs").years == 7
    assert "ARM 24.219" in policy("supervision_logs").source
    assert all(p.source for p in POLICIES)
    assert all(p.keeps_forever == (p.action == "keep") for p in POLICIES)
    assert policy("audit_packets").days == 30


@pytest.mark.parametrize(
    ("today", "cutoff"),
    [
        (date(2026, 12, 2), date(2019, 12, 2)),
        (date(2028, 2, 29), date(2021, 2, 28)),  # a leap day, seven years on: the 28th
        (date(2027, 2, 28), date(2020, 2, 28)),
        (date(2026, 3, 31), date(2019, 3, 31)),
    ],
)
def test_the_cutoff_is_the_same_day_years_before(today, cutoff):
    assert policy("supervision_logs").cutoff(today) == cutoff
    assert policy("notifications").cutoff(today) == date(today.year - 1, *cutoff.timetuple()[1:3])


def test_the_report_says_what_would_happen_and_changes_nothing(history, capsys):
    plan = {item.policy.key: item for item in retention_plan(today=TODAY)}
    assert {key: item.count for key, item in plan.items() if item.count} == {
        "ce_evidence": 1,
        "supervision_logs": 1,
        "hours_worked": 1,
        "notifications": 1,
        "audit_trail": 1,
    }
    assert plan["supervision_logs"].oldest == CUTOFF - timedelta(days=1)

    call_command("retention_report", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    assert "dry run" in out and "Supervision records" in out and "1 deleted" in out
    assert "files deleted, rows kept" in out
    assert SupervisionLog.objects.count() == 2
    assert not AuditEntry.objects.filter(action__startswith="retention.").exists()


def test_the_job_removes_only_what_is_past_its_period_and_audits_it(history):
    old_file = history["old_ce"].evidence.name
    storage = history["old_ce"].evidence.storage

    retention_apply(today=TODAY)

    assert list(SupervisionLog.objects.all()) == [history["kept_log"]]
    history["old_ce"].refresh_from_db()
    history["kept_ce"].refresh_from_db()
    assert not history["old_ce"].evidence and not storage.exists(old_file)
    assert history["kept_ce"].evidence  # the row and the younger file stay
    assert CERecord.objects.count() == 2
    assert list(HoursWorked.objects.values_list("month", flat=True)) == [date(2019, 12, 1)]
    assert list(Notification.objects.values_list("message", flat=True)) == ["sent 2025-12-02"]
    assert AuditEntry.objects.filter(action="test.old").count() == 1

    applied = {e.target_id: e.detail for e in AuditEntry.objects.filter(action="retention.applied")}
    assert applied["supervision_logs"]["count"] == 1
    assert applied["supervision_logs"]["cutoff"] == CUTOFF.isoformat()
    assert applied["ce_evidence"]["action"] == "delete_file"
    (run,) = AuditEntry.objects.filter(action="retention.run")
    assert run.detail["changed"] == {
        "ce_evidence": 1,
        "supervision_logs": 1,
        "hours_worked": 1,
        "notifications": 1,
        "audit_trail": 1,
    }


def test_a_second_run_finds_nothing(history):
    retention_apply(today=TODAY)
    again = retention_apply(today=TODAY)
    assert not any(item.count for item in again)
    assert AuditEntry.objects.filter(action="retention.applied").count() == 5
    assert AuditEntry.objects.filter(action="retention.run").count() == 2


def test_the_scheduled_job_calls_the_service(history):
    # Judged as of the real today (on or after TODAY): at least the older session goes.
    changed = retention_apply_task()
    assert changed["supervision_logs"] >= 1
    assert AuditEntry.objects.filter(action="retention.run").exists()
    schedule = settings.CELERY_BEAT_SCHEDULE["retention-apply"]
    assert schedule["task"] == retention_apply_task.name
