"""The daily renewal job: set-based status changes and one reminder per credential and offset."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from lms.people.models import Notification

from ..expiry import ValidityRule
from ..models import Credential, CredentialType, RenewalReminder
from ..reminders import reminder_text
from ..tasks import BROKER_UNAVAILABLE, renewal_reminders_email_task

# Any fixed number: serialises two runs of the job started at once (PostgreSQL only).
RENEWALS_LOCK_ID = 4_2026_1231
REMINDER_EMAIL_BATCH = 200

logger = logging.getLogger(__name__)


@dataclass
class RenewalCounts:
    renewal_due: int = 0
    expired: int = 0
    reminders: int = 0


def _insert_reminders(*, type_id: int, offset: int, after: date, until: date, now) -> list[int]:
    """INSERT … SELECT the credentials expiring in (after, until]; existing pairs are skipped.

    A suspended credential gets no reminder while suspended (a reminder says "renew it"); once
    lifted, the next band's reminder comes as usual."""
    reminder_table = RenewalReminder._meta.db_table
    credential_table = Credential._meta.db_table
    # Table names come from model metadata, never from input; every value is a parameter.
    sql = (
        f"INSERT INTO {reminder_table} (credential_id, offset_days, created_at) "  # noqa: S608  # nosec B608
        f"SELECT id, %s, %s FROM {credential_table} "
        "WHERE credential_type_id = %s AND status IN (%s, %s) "
        "AND suspended_at IS NULL "  # under review: no 'renew it' while suspended
        "AND expires_on > %s AND expires_on <= %s "
        "ON CONFLICT (credential_id, offset_days) DO NOTHING RETURNING id"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [offset, now, type_id, *Credential.CURRENT_STATUSES, after, until],
        )
        return [row[0] for row in cursor.fetchall()]


@transaction.atomic
def renewals_flag_due(*, today: date | None = None) -> RenewalCounts:
    """Move credentials into 'renewal due' and 'expired', and create due reminders.

    A fixed number of statements per credential type, whatever the number of credentials.
    Running it twice on one day changes nothing the second time.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RENEWALS_LOCK_ID])
    counts = RenewalCounts()
    new_reminder_ids: list[int] = []
    types = CredentialType.objects.exclude(validity_rule=ValidityRule.NONE).values(
        "id", "renewal_window_days", "grace_days", "reminder_offsets"
    )
    for credential_type in types:
        of_type = Credential.objects.filter(credential_type_id=credential_type["id"])
        lapse_before = today - timedelta(days=credential_type["grace_days"])
        counts.expired += of_type.filter(
            status__in=Credential.CURRENT_STATUSES, expires_on__lt=lapse_before
        ).update(status=Credential.Status.EXPIRED)
        counts.renewal_due += of_type.filter(
            status=Credential.Status.ACTIVE,
            expires_on__lte=today + timedelta(days=credential_type["renewal_window_days"]),
        ).update(status=Credential.Status.RENEWAL_DUE)
        # Offsets make contiguous bands, e.g. (30, 90], (7, 30], [0, 7]: a credential gets the
        # reminder of the band it is in, even if the job skipped a day.
        offsets = sorted({int(days) for days in credential_type["reminder_offsets"] or []})
        for index, offset in enumerate(offsets):
            lower = offsets[index - 1] if index else -1
            new_reminder_ids += _insert_reminders(
                type_id=credential_type["id"],
                offset=offset,
                after=today + timedelta(days=lower),
                until=today + timedelta(days=offset),
                now=now,
            )
    counts.reminders = len(new_reminder_ids)
    if new_reminder_ids:
        _notify_in_app(new_reminder_ids)
    # Today's reminders and any earlier one whose email never went out (the broker was down
    # when it was queued, or sending failed): each email is sent once (emailed_at).
    unsent_ids = list(
        RenewalReminder.objects.filter(emailed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if unsent_ids:
        _queue_reminder_emails(unsent_ids)
    return counts


def _notify_in_app(reminder_ids: list[int]) -> None:
    reminders = RenewalReminder.objects.filter(pk__in=reminder_ids).select_related(
        "credential__credential_type"
    )
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=reminder.credential.holder_id,
                message=reminder_text(reminder.credential),
                url="/certificates/",
            )
            for reminder in reminders
        ],
        # One INSERT on PostgreSQL however many reminders are due (Django batches only on
        # SQLite, whose parameter limit needs it).
        batch_size=None,
    )


def _queue_reminder_emails(reminder_ids: list[int]) -> None:
    """After commit, in batches. With the broker down the job still succeeds (its status
    changes and in-app notices stand); the next run queues the emails that never went out."""

    def queue():
        for start in range(0, len(reminder_ids), REMINDER_EMAIL_BATCH):
            batch = reminder_ids[start : start + REMINDER_EMAIL_BATCH]
            try:
                renewal_reminders_email_task.delay(batch)
            except BROKER_UNAVAILABLE as error:
                logger.warning(
                    "Renewal reminder emails not queued: broker unavailable (%s).", error
                )
                return

    transaction.on_commit(queue)
