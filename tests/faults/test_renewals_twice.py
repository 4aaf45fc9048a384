"""The renewal job started twice at once, as two processes (cron and a person, two hosts).

tests/certificates/services/test_renewals.py runs two threads of one process; here two
`manage.py flag_renewals` processes run against the test database. To be sure they really
overlap, whatever serialises them inside, the test holds an exclusive lock on the credential
types table (the first table the job reads) until both processes are waiting on a lock, then
lets them go together. The test checks the outcome, not the mechanism: with the job's
advisory lock removed it still passes, because the status UPDATEs wait on each other's row
locks and re-check their condition, and the reminders are INSERT ... ON CONFLICT DO NOTHING;
without ON CONFLICT the second run fails on the unique constraint.
"""

import base64
import json
import re
import subprocess
import sys
import time
from contextlib import closing
from datetime import date, timedelta

import psycopg2
import pytest
from django.conf import settings
from django.core import mail

from certificates.models import Credential, CredentialType, RenewalReminder
from certificates.reminders import renewal_reminders_email
from lms.people.models import Notification
from tests.celery_support import ROOT, database_url
from tests.factories import CredentialFactory, CredentialTypeFactory
from tests.faults.helpers import wait_for, worker_environment

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TODAY = date(2031, 3, 10)
RUN_SECONDS = 60
COUNTS = re.compile(r"renewal due: (\d+)\s+expired: (\d+)\s+reminders: (\d+)")


def expiring(credential_type, days_from_today: int) -> Credential:
    expires_on = TODAY + timedelta(days=days_from_today)
    return CredentialFactory(
        credential_type=credential_type,
        status=Credential.Status.ACTIVE,
        issued_on=expires_on - timedelta(days=365),
        expires_on=expires_on,
    )


def processes_waiting_on_a_lock(cursor) -> int:
    # Inside a transaction PostgreSQL keeps showing the activity it first saw, unless told.
    cursor.execute("SELECT pg_stat_clear_snapshot()")
    cursor.execute(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = %s AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
        [settings.DATABASES["default"]["NAME"]],
    )
    return cursor.fetchone()[0]


def queued_tasks(redis_client) -> list[tuple[str, list]]:
    """(task name, args) of each message waiting in the private broker's default queue."""
    tasks = []
    for raw in redis_client.lrange("celery", 0, -1):
        message = json.loads(raw)
        args, _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        tasks.append((message["headers"]["task"], args))
    return tasks


def test_two_processes_at_once_change_each_status_once_and_add_each_reminder_once(
    private_redis,
):
    yearly = CredentialTypeFactory(
        name="Yearly credential (faults)",
        validity_rule="months",
        validity_months=12,
        renewal_window_days=60,
        grace_days=14,
        reminder_offsets=[7, 30, 60],
    )
    credentials = [expiring(yearly, days) for days in (50, 40, 20, 10, 5, 2, -30)]
    env = worker_environment(broker_url=private_redis.url())
    command = [sys.executable, "manage.py", "flag_renewals", "--today", TODAY.isoformat()]

    with closing(psycopg2.connect(database_url())) as holder, holder.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {CredentialType._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        runs = [
            subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for _ in range(2)
        ]
        try:
            wait_for(
                lambda: (
                    processes_waiting_on_a_lock(cursor) == 2
                    or any(run.poll() is not None for run in runs)
                ),
                seconds=RUN_SECONDS,
                what="both runs to wait on the credential types",
            )
            assert all(run.poll() is None for run in runs), "a run ended without waiting"
        except BaseException:
            for run in runs:
                run.kill()
            raise
        finally:
            holder.commit()  # both go
        started = time.monotonic()
        outputs = [run.communicate(timeout=RUN_SECONDS) for run in runs]

    for run, (_stdout, stderr) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, stderr.decode()[-3000:]
    counts = sorted(
        tuple(int(n) for n in COUNTS.search(stdout.decode()).groups()) for stdout, _ in outputs
    )
    # One run did everything; the other found nothing left to do.
    assert counts == [(0, 0, 0), (6, 1, 6)], f"{counts} after {time.monotonic() - started:.1f} s"

    statuses = dict(
        Credential.objects.filter(pk__in=[c.pk for c in credentials]).values_list("pk", "status")
    )
    assert [statuses[c.pk] for c in credentials] == ["renewal_due"] * 6 + ["expired"]
    reminders = list(RenewalReminder.objects.values_list("credential_id", "offset_days"))
    assert len(reminders) == len(set(reminders)) == 6
    assert Notification.objects.count() == 6
    # Each run queues the reminders not yet emailed (the second run may find the first's,
    # still unsent); running every queued batch sends each reminder's email exactly once.
    queued = queued_tasks(private_redis.client())
    assert {task for task, _args in queued} == {"certificates.tasks.renewal_reminders_email_task"}
    all_ids = sorted(RenewalReminder.objects.values_list("pk", flat=True))
    assert all(sorted(reminder_ids) == all_ids for _task, [reminder_ids] in queued)
    sent = sum(renewal_reminders_email(reminder_ids=ids) for _task, [ids] in queued)
    assert sent == 6
    assert len(mail.outbox) == 6
