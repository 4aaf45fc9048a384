"""The daily renewal job: statuses, reminder bands, emails, query budget, command, concurrency."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates.models import Credential, CredentialType, RenewalReminder
from certificates.reminders import renewal_reminders_email
from certificates.services.renewals import renewals_flag_due
from lms.people.models import Notification
from lms.people.roles import Role
from tests.certificates.helpers import run_at_once
from tests.factories import CredentialFactory, CredentialTypeFactory, UserFactory

# The job takes its date as an argument, so every test runs "on" this day.
TODAY = date(2031, 3, 10)


@pytest.fixture
def yearly_type(db):
    """Renewal window 60 days, 14 days of grace, reminders 60, 30 and 7 days ahead."""
    return CredentialTypeFactory(
        name="Yearly credential (test)",
        code="yearly-test",
        validity_rule="months",
        validity_months=12,
        renewal_window_days=60,
        grace_days=14,
        reminder_offsets=[7, 60, 30],
    )


def expiring(credential_type, days_from_today: int, *, holder=None, status="active", **fields):
    """A credential of `credential_type` expiring `days_from_today` after TODAY."""
    expires_on = TODAY + timedelta(days=days_from_today)
    return CredentialFactory(
        credential_type=credential_type,
        status=status,
        issued_on=expires_on - timedelta(days=365),
        expires_on=expires_on,
        **({"holder": holder} if holder else {}),
        **fields,
    )


def statuses(credentials) -> dict[int, str]:
    return dict(
        Credential.objects.filter(pk__in=[c.pk for c in credentials]).values_list("pk", "status")
    )


def reminder_pairs() -> set[tuple[int, int]]:
    return set(RenewalReminder.objects.values_list("credential_id", "offset_days"))


# Statuses -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_credentials_move_to_renewal_due_and_expired_by_window_and_grace(yearly_type):
    far = expiring(yearly_type, 61)
    window_starts = expiring(yearly_type, 60)
    soon = expiring(yearly_type, 10)
    last_valid_day = expiring(yearly_type, 0)
    in_grace = expiring(yearly_type, -14)
    lapsed = expiring(yearly_type, -15)
    already_due_lapsed = expiring(yearly_type, -40, status="renewal_due")
    revoked = expiring(yearly_type, -40, status="revoked", revoked_at=timezone.now())
    superseded = expiring(yearly_type, 5, status="superseded")
    lifelong = CredentialFactory(credential_type=CredentialTypeFactory(validity_rule="none"))

    counts = renewals_flag_due(today=TODAY)

    assert statuses([far, window_starts, soon, last_valid_day, in_grace]) == {
        far.pk: "active",
        window_starts.pk: "renewal_due",
        soon.pk: "renewal_due",
        last_valid_day.pk: "renewal_due",
        in_grace.pk: "renewal_due",
    }
    assert statuses([lapsed, already_due_lapsed, revoked, superseded, lifelong]) == {
        lapsed.pk: "expired",
        already_due_lapsed.pk: "expired",
        revoked.pk: "revoked",
        superseded.pk: "superseded",
        lifelong.pk: "active",
    }
    assert (counts.renewal_due, counts.expired) == (4, 2)


@pytest.mark.django_db
def test_running_twice_on_one_day_changes_nothing_the_second_time(yearly_type):
    credentials = [expiring(yearly_type, days) for days in (90, 45, 20, 3, -1, -30)]
    first = renewals_flag_due(today=TODAY)
    after_first = (statuses(credentials), reminder_pairs(), Notification.objects.count())
    assert first.reminders == 3

    second = renewals_flag_due(today=TODAY)

    assert (second.renewal_due, second.expired, second.reminders) == (0, 0, 0)
    assert (statuses(credentials), reminder_pairs(), Notification.objects.count()) == after_first


# Reminders ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_credential_gets_the_reminder_of_the_band_it_is_in(yearly_type):
    band = {days: expiring(yearly_type, days) for days in (61, 60, 31, 30, 8, 7, 1, 0, -1)}

    counts = renewals_flag_due(today=TODAY)

    assert reminder_pairs() == {
        (band[60].pk, 60),
        (band[31].pk, 60),
        (band[30].pk, 30),
        (band[8].pk, 30),
        (band[7].pk, 7),
        (band[1].pk, 7),
        (band[0].pk, 7),
    }
    assert counts.reminders == 7
    # One in-app notice per new reminder, to the holder.
    notified = Notification.objects.values_list("recipient_id", flat=True)
    assert sorted(notified) == sorted(band[d].holder_id for d in (60, 31, 30, 8, 7, 1, 0))


@pytest.mark.django_db
def test_a_reminder_is_created_once_per_credential_and_offset_as_days_pass(yearly_type):
    credential = expiring(yearly_type, 35)
    offsets_by_day = {}
    for day_number in range(40):
        renewals_flag_due(today=TODAY + timedelta(days=day_number))
        offsets_by_day[day_number] = sorted(
            RenewalReminder.objects.filter(credential=credential).values_list(
                "offset_days", flat=True
            )
        )
    assert offsets_by_day[0] == [60]
    assert offsets_by_day[4] == [60]
    assert offsets_by_day[5] == [30, 60]  # 30 days left
    assert offsets_by_day[27] == [30, 60]
    assert offsets_by_day[28] == [7, 30, 60]  # 7 days left
    assert offsets_by_day[39] == [7, 30, 60]
    assert RenewalReminder.objects.count() == 3


@pytest.mark.django_db
def test_a_skipped_day_still_reminds_in_the_current_band(yearly_type):
    credential = expiring(yearly_type, 20)
    renewals_flag_due(today=TODAY)
    assert reminder_pairs() == {(credential.pk, 30)}


@pytest.mark.django_db
def test_the_reminder_emails_are_queued_after_commit_in_one_batch(
    yearly_type, django_capture_on_commit_callbacks
):
    for days in (50, 20, 5):
        expiring(yearly_type, days)
    with django_capture_on_commit_callbacks() as callbacks:
        renewals_flag_due(today=TODAY)
    assert len(callbacks) == 1
    renewal_reminders_email(reminder_ids=list(RenewalReminder.objects.values_list("pk", flat=True)))
    with django_capture_on_commit_callbacks() as callbacks:
        renewals_flag_due(today=TODAY)
    assert callbacks == []


@pytest.mark.django_db
def test_reminders_whose_email_never_went_out_are_queued_again_next_run(
    yearly_type, django_capture_on_commit_callbacks, mailoutbox
):
    expiring(yearly_type, 20)
    renewals_flag_due(today=TODAY)  # its emails were never queued (say, the broker was down)
    with django_capture_on_commit_callbacks() as callbacks:
        counts = renewals_flag_due(today=TODAY + timedelta(days=1))
    assert counts.reminders == 0
    assert len(callbacks) == 1


# Emails -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_one_email_per_reminder_copies_the_current_supervisor(
    yearly_type, holder, supervisor, other_supervisor, assign_supervisor, mailoutbox
):
    former = UserFactory(roles=[Role.SUPERVISOR])
    future = UserFactory(roles=[Role.SUPERVISOR])
    assign_supervisor(supervisor, holder)
    assign_supervisor(former, holder, starts_days_ago=400, ends_days_ago=1)
    assign_supervisor(future, holder, starts_days_ago=-5)
    assign_supervisor(other_supervisor, UserFactory(roles=[Role.PEER]))
    credential = expiring(yearly_type, 20, holder=holder)
    unsupervised = expiring(yearly_type, 5)
    renewals_flag_due(today=TODAY)
    reminder_ids = list(RenewalReminder.objects.values_list("pk", flat=True))

    sent = renewal_reminders_email(reminder_ids=reminder_ids)

    assert sent == 2
    assert len(mailoutbox) == 2
    by_recipient = {message.to[0]: message for message in mailoutbox}
    to_holder = by_recipient[holder.email]
    assert to_holder.cc == [supervisor.email]
    assert to_holder.subject == f"Renewal reminder: {credential.title}"
    assert holder.preferred_name in to_holder.body
    assert f"{credential.expires_on:%B %-d, %Y}" in to_holder.body
    assert f"{settings.SITE_URL}/certificates/" in to_holder.body
    assert by_recipient[unsupervised.holder.email].cc == []
    assert not RenewalReminder.objects.filter(emailed_at__isnull=True).exists()


@pytest.mark.django_db
def test_a_reminder_is_emailed_once(yearly_type, mailoutbox):
    expiring(yearly_type, 20)
    renewals_flag_due(today=TODAY)
    reminder_ids = list(RenewalReminder.objects.values_list("pk", flat=True))

    assert renewal_reminders_email(reminder_ids=reminder_ids) == 1
    assert renewal_reminders_email(reminder_ids=reminder_ids) == 0
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_suspended_credential_gets_no_reminder_until_the_suspension_is_lifted(
    yearly_type, mailoutbox
):
    suspended_at = timezone.make_aware(timezone.datetime(2031, 3, 1, 9))
    suspended = expiring(yearly_type, 20, suspended_at=suspended_at, suspended_reason="Review")
    renewals_flag_due(today=TODAY)
    assert reminder_pairs() == set()

    # Lifted: the band it is in now reminds it as usual.
    Credential.objects.filter(pk=suspended.pk).update(suspended_at=None, suspended_reason="")
    renewals_flag_due(today=TODAY + timedelta(days=1))
    assert reminder_pairs() == {(suspended.pk, 30)}


@pytest.mark.django_db
def test_a_reminder_made_before_a_suspension_is_not_emailed_during_it(yearly_type, mailoutbox):
    credential = expiring(yearly_type, 20)
    renewals_flag_due(today=TODAY)
    Credential.objects.filter(pk=credential.pk).update(
        suspended_at=timezone.now(), suspended_reason="Review"
    )
    reminder_ids = list(RenewalReminder.objects.values_list("pk", flat=True))
    assert renewal_reminders_email(reminder_ids=reminder_ids) == 0
    assert mailoutbox == []


# Query budget -------------------------------------------------------------------------


def many_expiring(credential_type, number: int) -> list[Credential]:
    holders = UserFactory.create_batch(number)
    credentials = [
        Credential(
            holder=holder,
            credential_type=credential_type,
            source="manual",
            issued_on=TODAY - timedelta(days=300),
            expires_on=TODAY + timedelta(days=[50, 20, 5, -20][index % 4]),
            holder_name=holder.certificate_name,
            title=credential_type.name,
            provider="The hub",
        )
        for index, holder in enumerate(holders)
    ]
    return Credential.objects.bulk_create(credentials)


def only_this_type_expires(credential_type):
    """The seeded types cost queries too; keep the budget about one type."""
    CredentialType.objects.exclude(pk=credential_type.pk).update(validity_rule="none")


@pytest.mark.django_db
@pytest.mark.parametrize("number", [5, 50])
def test_the_job_runs_in_a_fixed_number_of_queries(
    yearly_type, number, django_assert_max_num_queries
):
    only_this_type_expires(yearly_type)
    many_expiring(yearly_type, number)
    # Savepoint, lock, types; per type 2 updates and 1 insert per offset; notices; unsent
    # reminders; release.
    with django_assert_max_num_queries(12):
        counts = renewals_flag_due(today=TODAY)
    assert counts.reminders == number - number // 4


@pytest.mark.django_db
@pytest.mark.parametrize("number", [5, 50])
def test_the_emails_go_out_in_a_fixed_number_of_queries(
    yearly_type, number, assign_supervisor, django_assert_max_num_queries, mailoutbox
):
    for credential in many_expiring(yearly_type, number):
        assign_supervisor(UserFactory(roles=[Role.SUPERVISOR]), credential.holder)
    renewals_flag_due(today=TODAY)
    reminder_ids = list(RenewalReminder.objects.values_list("pk", flat=True))
    with django_assert_max_num_queries(5):
        renewal_reminders_email(reminder_ids=reminder_ids)
    assert len(mailoutbox) == len(reminder_ids)
    assert all(len(message.cc) == 1 for message in mailoutbox)


# The management command ---------------------------------------------------------------


@pytest.mark.django_db
def test_flag_renewals_prints_the_counts(yearly_type):
    expiring(yearly_type, 20)
    expiring(yearly_type, -30)
    out = StringIO()
    call_command("flag_renewals", "--today", TODAY.isoformat(), stdout=out)
    assert out.getvalue().strip() == "renewal due: 1  expired: 1  reminders: 1"

    out = StringIO()
    call_command("flag_renewals", "--today", TODAY.isoformat(), stdout=out)
    assert out.getvalue().strip() == "renewal due: 0  expired: 0  reminders: 0"


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["2031-02-30", "10/03/2031", "yesterday", "2031-3-10x"])
def test_flag_renewals_refuses_a_bad_date(yearly_type, bad):
    credential = expiring(yearly_type, -30)
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("flag_renewals", "--today", bad, stdout=StringIO())
    credential.refresh_from_db()
    assert credential.status == "active"


# Two runs at once ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("purge_test_broker")
def test_two_runs_at_once_add_each_reminder_once(yearly_type):
    credentials = [expiring(yearly_type, days) for days in (50, 40, 20, 10, 5, 2, -30)]

    results, errors = run_at_once(lambda: renewals_flag_due(today=TODAY), threads=2)

    assert errors == []
    assert sorted(counts.reminders for counts in results) == [0, 6]
    assert sum(counts.renewal_due for counts in results) == 6
    assert sum(counts.expired for counts in results) == 1
    assert RenewalReminder.objects.count() == 6
    assert Notification.objects.count() == 6
    assert set(statuses(credentials).values()) == {"renewal_due", "expired"}
