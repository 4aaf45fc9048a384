"""The holder's pages show the CE working: what is needed, what carried, what is left."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import Credential
from tests.certificates.helpers import ce_record
from tests.factories import CredentialFactory, CredentialTypeFactory

pytestmark = pytest.mark.django_db


def chain(holder, credential_type, years: list[int], *, certified_on_day=(8, 15)):
    """Certified in the first year, renewed for each later one (31 December types)."""
    credentials = []
    for index, year in enumerate(years):
        previous = credentials[-1] if credentials else None
        if previous is not None:
            previous.status = Credential.Status.SUPERSEDED
            previous.save(update_fields=["status"])
        credentials.append(
            CredentialFactory(
                holder=holder,
                credential_type=credential_type,
                issued_on=date(year, *certified_on_day) if index == 0 else date(year - 1, 12, 1),
                expires_on=date(year, 12, 31),
                supersedes=previous,
                issued_as="renewal" if previous else "new",
            )
        )
    return credentials


def test_the_ce_page_shows_the_working_of_a_renewed_licence(
    client, holder, cbhpss_type, suicide_prevention
):
    year = timezone.localdate().year
    *_, current = chain(holder, cbhpss_type, [year - 2, year - 1, year])
    ce_record(holder, hours=26, completed_on=date(year - 1, 5, 1))
    ce_record(holder, hours=1, completed_on=date(year, 2, 1), category=suicide_prevention)
    client.force_login(holder)

    page = client.get(reverse("certificates:ce")).content.decode()

    assert f"20 hours needed; 6 hours carried from {year - 1}; 1 hour earned; 13 hours to go." in (
        page
    )
    assert f"Carried forward: 26 hours earned in {year - 1}, 6 hours above the standard" in page
    assert "1 hour earned; 1 hour to go." in page
    detail = client.get(reverse("certificates:detail", args=[current.pk])).content.decode()
    assert f"6 hours carried from {year - 1}" in detail
    mine = client.get(reverse("certificates:mine")).content.decode()
    assert f"20 hours needed; 6 hours carried from {year - 1}" in mine


def test_an_exempt_first_cycle_says_why_nothing_is_needed(client, holder, cbhpss_type):
    year = timezone.localdate().year
    (first,) = chain(holder, cbhpss_type, [year], certified_on_day=(1, 1))
    client.force_login(holder)

    detail = client.get(reverse("certificates:detail", args=[first.pk])).content.decode()

    assert "No CE hours needed this cycle." in detail
    assert (
        "First cycle: no CE required before the first renewal (Montana Board of Behavioral "
        "Health&#x27;s rule)."
    ) in detail


def test_a_pro_rated_first_cycle_says_how_it_was_pro_rated(client, holder):
    year = timezone.localdate().year
    credential_type = CredentialTypeFactory(
        kind="external_licence",
        issued_by_hub=False,
        validity_rule="fixed_date",
        fixed_expiry_month=12,
        fixed_expiry_day=31,
        ce_hours_required=Decimal("20"),
        ce_first_cycle="prorated_after",
        ce_first_cycle_cutoff_month=7,
        ce_first_cycle_cutoff_day=1,
    )
    chain(holder, credential_type, [year], certified_on_day=(7, 2))
    client.force_login(holder)

    page = client.get(reverse("certificates:ce")).content.decode()

    assert "10 hours needed; 10 hours to go." in page
    assert f"Pro-rated: 10 of 20 hours because certified on July 2, {year}" in page


def test_the_ce_page_query_count_does_not_grow_with_credentials_or_records(
    client, holder, cbhpss_type, suicide_prevention
):
    year = timezone.localdate().year
    client.force_login(holder)

    def count():
        client.get(reverse("certificates:ce"))  # warms per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("certificates:ce")).status_code == 200
        return len(queries)

    chain(holder, cbhpss_type, [year - 1, year])
    ce_record(holder, hours=3, completed_on=date(year, 3, 1))
    small = count()
    for number in range(3):
        other_type = CredentialTypeFactory(
            validity_rule="months", validity_months=24, ce_hours_required=Decimal("10")
        )
        chain(holder, other_type, [year], certified_on_day=(1, 1 + number))
        ce_record(holder, hours=1, completed_on=date(year, 4, 1 + number))
        ce_record(holder, hours=2, completed_on=date(year, 5, 1), category=suicide_prevention)

    assert count() == small


def test_the_help_page_explains_cycles_first_cycle_and_carry_forward(client):
    page = client.get(reverse("help")).content.decode()

    for words in (
        "How CE cycles work",
        "Your first cycle",
        "you need 10 of the usual 20 hours",
        "hours above 20, at most 20",
        "Hours only carry once",
        "2 hours of suicide prevention are 2 of your 20",
    ):
        assert words in page
