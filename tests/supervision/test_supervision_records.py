"""Supervision records to the rule (issue #17 item 3): 15-minute increments in the form, the
service and the database; the attestation's words stored; the report per supervisee and
period (page and CSV); hours worked entered monthly and the supervision ratio."""

import csv
import importlib
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from certificates.models import CredentialType
from lms.core.errors import DomainError, NotAllowed
from lms.people.models import AuditEntry
from lms.supervision.forms import HoursWorkedForm, SupervisionLogForm
from lms.supervision.models import (
    ATTESTATION_TEXT,
    HoursWorked,
    SupervisionLog,
    SupervisionRatio,
)
from lms.supervision.selectors import supervision_report
from lms.supervision.services import hours_worked_record, supervision_log_record
from tests.factories import CredentialFactory

rounding = importlib.import_module(
    "lms.supervision.migrations.0003_durations_rounded_to_quarter_hours"
)


@pytest.fixture
def supervised(assign_supervisor, supervisor, peer):
    assign_supervisor(supervisor, peer, starts_days_ago=400)
    return peer


def record(supervisor, peer, *, days_ago=10, minutes=60, topics=("goals",)):
    return supervision_log_record(
        supervisor=supervisor,
        peer=peer,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        duration_minutes=minutes,
        topics=list(topics),
        summary="Talked it through.",
        attested=True,
    )


# 15-minute increments ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("minutes", [15, 45, 480])
def test_durations_in_quarter_hours_are_recorded_with_the_attested_words(
    supervisor, supervised, minutes
):
    log = record(supervisor, supervised, minutes=minutes)
    log.refresh_from_db()
    assert log.duration_minutes == minutes
    assert log.attestation_text == ATTESTATION_TEXT
    assert log.supervisor_attested_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("minutes", [5, 10, 50, 61, 470, 495])
def test_the_service_refuses_a_duration_off_the_quarter_hour(supervisor, supervised, minutes):
    with pytest.raises(DomainError):
        record(supervisor, supervised, minutes=minutes)
    assert not SupervisionLog.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("minutes", [5, 50, 490])
def test_the_database_refuses_a_duration_off_the_quarter_hour(supervisor, supervised, minutes):
    log = record(supervisor, supervised, minutes=60)
    with pytest.raises(IntegrityError), transaction.atomic():
        SupervisionLog.objects.filter(pk=log.pk).update(duration_minutes=minutes)


def test_the_form_offers_quarter_hours_and_shows_the_attestation_words():
    form = SupervisionLogForm()
    values = [value for value, _ in form.fields["duration_minutes"].choices]
    assert values[0] == 15 and values[-1] == 480
    assert all(value % 15 == 0 for value in values) and len(values) == 32
    assert form.fields["attested"].label == ATTESTATION_TEXT
    data = {
        "held_on": "2026-01-05",
        "duration_minutes": "50",
        "topics": ["goals"],
        "summary": "x",
        "attested": "on",
    }
    assert "duration_minutes" in SupervisionLogForm(data).errors


@pytest.mark.parametrize(
    ("recorded", "rounded"),
    [(5, 15), (7, 15), (15, 15), (22, 15), (23, 30), (50, 45), (53, 60), (479, 480), (480, 480)],
)
def test_earlier_durations_round_to_the_nearest_quarter_hour(recorded, rounded):
    assert rounding.nearest_quarter_hour(recorded) == rounded


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_upgrade_rounds_earlier_records_and_keeps_and_audits_what_was_recorded(
    supervisor, peer
):
    executor = MigrationExecutor(connection)
    executor.migrate([("supervision", "0002_quarter_hours_attestation_hours_worked")])
    executor.loader.build_graph()
    with connection.cursor() as cursor:
        for minutes in (50, 60):
            cursor.execute(
                "INSERT INTO lms_supervisionlog (supervisor_id, peer_id, held_on, "
                "duration_minutes, topics, summary, supervisor_attested_at, created_at, "
                "attestation_text) VALUES (%s, %s, '2025-03-01', %s, '[]', 's', now(), now(), '')",
                [supervisor.pk, peer.pk, minutes],
            )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    logs = {log.duration_minutes: log for log in SupervisionLog.objects.all()}
    assert set(logs) == {45, 60}
    assert logs[45].duration_minutes_as_recorded == 50
    assert logs[60].duration_minutes_as_recorded is None
    assert logs[45].attestation_text == rounding.ATTESTATION_TEXT_BEFORE
    (entry,) = AuditEntry.objects.filter(action="supervision.duration_rounded")
    assert entry.detail == {"from_minutes": 50, "to_minutes": 45}
    assert entry.subject_id == peer.pk


# Hours worked -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_hours_worked_are_entered_monthly_corrected_and_audited(supervisor, supervised, hr):
    month = timezone.localdate().replace(day=1) - timedelta(days=1)
    entry = hours_worked_record(
        peer=supervised, month=month, hours=Decimal("80"), acting_user=supervisor
    )
    assert entry.month == month.replace(day=1)
    hours_worked_record(peer=supervised, month=month, hours=Decimal("82.5"), acting_user=hr)

    (entry,) = HoursWorked.objects.filter(peer=supervised)
    assert (entry.hours, entry.entered_by) == (Decimal("82.5"), hr)
    details = [
        e.detail
        for e in AuditEntry.objects.filter(action="supervision.hours_worked").order_by("pk")
    ]
    assert [d["before"] for d in details] == [None, "80.00"]
    assert [d["hours"] for d in details] == ["80", "82.5"]


@pytest.mark.django_db
def test_hours_worked_refuses_the_peer_another_supervisor_and_bad_figures(
    supervisor, supervised, other_supervisor
):
    last_month = timezone.localdate().replace(day=1) - timedelta(days=1)
    for who in (supervised, other_supervisor):
        with pytest.raises(NotAllowed):
            hours_worked_record(peer=supervised, month=last_month, hours=1, acting_user=who)
    next_month = timezone.localdate().replace(day=28) + timedelta(days=5)
    for month, hours in ((next_month, 1), (last_month, Decimal("10.1")), (last_month, 800)):
        with pytest.raises(DomainError):
            hours_worked_record(
                peer=supervised, month=month, hours=Decimal(hours), acting_user=supervisor
            )
    assert not HoursWorked.objects.exists()


def test_the_hours_worked_form_takes_a_month():
    form = HoursWorkedForm({"month": "2024-02", "hours": "80.25"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["month"] == date(2024, 2, 1)


# The report ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_report_totals_sessions_time_topics_and_the_ratio(supervisor, supervised):
    cbhpss = CredentialType.objects.get(code="cbhpss")
    SupervisionRatio.objects.create(credential_type=cbhpss, hours_worked_per_hour=20)
    CredentialFactory(holder=supervised, credential_type=cbhpss)
    record(supervisor, supervised, days_ago=40, minutes=60, topics=("goals", "ethics"))
    record(supervisor, supervised, days_ago=10, minutes=45, topics=("ethics",))
    record(supervisor, supervised, days_ago=300, minutes=30)  # outside the period
    today = timezone.localdate()
    start = today - timedelta(days=60)
    hours_worked_record(peer=supervised, month=today, hours=Decimal("40"), acting_user=supervisor)

    report = supervision_report(peer=supervised, start=start, end=today)

    assert (report.sessions, report.total_minutes, report.total_hours) == (2, 105, Decimal("1.75"))
    assert report.topics[0] == ("Ethics and boundaries", 2)
    assert report.hours_worked_total == 40
    assert [(t.code, every) for t, every in report.ratio_rules] == [("cbhpss", 20)]
    # 1.75 hours of supervision for 40 worked: 1 for every 20 asks 2.
    assert report.ratio_met(20) is False


@pytest.mark.django_db
def test_the_ratio_is_met_only_with_an_hour_of_supervision_per_n_hours_worked(
    supervisor, supervised
):
    today = timezone.localdate()
    record(supervisor, supervised, days_ago=1, minutes=120)
    hours_worked_record(peer=supervised, month=today, hours=Decimal("40"), acting_user=supervisor)
    report = supervision_report(peer=supervised, start=today - timedelta(days=5), end=today)

    assert report.ratio_met(20) is True  # 2 h for 40 h worked
    assert report.ratio_met(10) is False  # would need 4 h
    assert report.hours_worked_per_supervision_hour == Decimal("20.0")
    empty = supervision_report(peer=supervised, start=date(2001, 1, 1), end=date(2001, 2, 1))
    assert empty.ratio_met(20) is None


@pytest.mark.django_db
def test_the_report_page_and_csv(client, supervisor, supervised):
    log = record(supervisor, supervised, days_ago=3, minutes=75, topics=("goals",))
    url = reverse("supervision:report", args=[supervised.pk])
    client.force_login(supervised)

    page = client.get(url).content.decode()
    assert "75 minutes (1.25 hours)" in page
    assert ATTESTATION_TEXT in page
    assert "Professional goals and growth: 1 session" in page

    held = log.held_on.isoformat()
    response = client.get(url, {"start": held, "end": held, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["date", "peer", "supervisor", "minutes"]
    assert rows[1][0] == held and rows[1][3] == "75" and rows[1][7] == ATTESTATION_TEXT
    assert ["total minutes", "75", "sessions", "1"] in rows

    bad = client.get(url, {"start": "2026-05-02", "end": "2026-05-01"})
    assert bad.status_code == 400


@pytest.mark.django_db
def test_report_and_hours_worked_pages_deny_by_default(
    client, supervisor, supervised, other_supervisor, other_peer, hr, administrator, trainer
):
    report = reverse("supervision:report", args=[supervised.pk])
    hours = reverse("supervision:hours_worked", args=[supervised.pk])
    expected = {
        supervised: (200, 403),
        supervisor: (200, 200),
        administrator: (200, 200),
        hr: (403, 200),
        other_supervisor: (403, 403),
        other_peer: (403, 403),
        trainer: (403, 403),
    }
    for user, (report_status, hours_status) in expected.items():
        client.force_login(user)
        assert client.get(report).status_code == report_status, user
        assert client.get(hours).status_code == hours_status, user
    client.logout()
    assert client.get(report).status_code == 302
    assert client.get(hours).status_code == 302
