"""External credential claims: impossible dates are a 400 in words; no claim, no file is kept."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import assume, given
from hypothesis import strategies as st

from certificates.models import Credential, ExternalCredentialClaim
from tests.certificates.helpers import PDF_BYTES, upload
from tests.security.helpers import PROPERTY, assert_refused, private_files

pytestmark = pytest.mark.django_db

DATE_MESSAGES = (
    "Enter a valid date.",
    "The issue date can't be in the future.",
    "The expiry date is before the issue date.",
    "years ago; check the year",
    "years away; check the year",
    "This field is required.",
    "Null characters are not allowed.",
)


def today() -> date:
    return timezone.localdate()


def claim_form(claimed_type, /, **overrides) -> dict:
    return {
        "credential_type": claimed_type.pk,
        "number": "MT-CBHPSS-0042",
        "issued_on": (today() - timedelta(days=100)).isoformat(),
        "expires_on": "",
        "evidence": upload("card.pdf", PDF_BYTES, "application/pdf"),
        **overrides,
    }


@pytest.fixture
def submit(client, peer):
    client.force_login(peer)

    def send(claimed_type, /, **overrides):
        claims, files = ExternalCredentialClaim.objects.count(), private_files()
        response = client.post(
            reverse("certificates:external"), claim_form(claimed_type, **overrides)
        )
        return response, claims, files

    return send


def assert_nothing_saved(response, claims, files, *messages):
    assert_refused(response, *(messages or DATE_MESSAGES))
    assert ExternalCredentialClaim.objects.count() == claims
    assert private_files() == files


def plausible(issued: date, expires: date | None) -> bool:
    now = today()
    return (
        now.year - 60 <= issued.year
        and issued <= now
        and (expires is None or issued <= expires)
        and (expires is None or expires.year <= now.year + 50)
    )


@PROPERTY
@given(
    issued=st.dates(),
    expires=st.one_of(st.none(), st.dates()),
)
def test_impossible_issue_and_expiry_dates_are_refused(submit, two_year_type, issued, expires):
    assume(not plausible(issued, expires))

    response, claims, files = submit(
        two_year_type,
        issued_on=issued.isoformat(),
        expires_on=expires.isoformat() if expires else "",
    )

    assert_nothing_saved(response, claims, files)


@pytest.mark.parametrize(
    ("issued_on", "expires_on", "message"),
    [
        ("2099-01-01", "", "The issue date can't be in the future."),
        ("2024-06-01", "2024-05-31", "The expiry date is before the issue date."),
        ("0001-01-01", "", "more than 60 years ago"),
        ("1900-01-01", "1902-01-01", "more than 60 years ago"),
        ("2024-01-01", "9999-12-31", "more than 50 years away"),
        ("2024-02-30", "", "Enter a valid date."),
        ("2024-01-01", "2025-13-01", "Enter a valid date."),
        ("10000-01-01", "", "Enter a valid date."),
        ("01/02/03/04", "", "Enter a valid date."),
        ("", "", "This field is required."),
        ("2024-01-01\x00", "", "Enter a valid date."),
    ],
)
def test_each_kind_of_bad_date_gets_its_own_message(
    submit, two_year_type, issued_on, expires_on, message
):
    response, claims, files = submit(two_year_type, issued_on=issued_on, expires_on=expires_on)

    assert response.status_code == 400
    assert_nothing_saved(response, claims, files, message)


@pytest.mark.parametrize(
    "credential_type_id", ["", "0", "-1", "abc", "99999999999999999999", "1\x00"]
)
def test_an_unknown_credential_type_is_refused(submit, two_year_type, credential_type_id):
    response, claims, files = submit(two_year_type, credential_type=credential_type_id)

    assert_nothing_saved(
        response,
        claims,
        files,
        "Select a valid choice",
        "This field is required.",
        "Null characters are not allowed.",
    )


@pytest.mark.parametrize("number", ["", "   ", "x" * 101, "MT\x00-1"])
def test_a_missing_or_impossible_number_is_refused(submit, two_year_type, number):
    assert_nothing_saved(
        *submit(two_year_type, number=number),
        "This field is required.",
        "at most 100 characters",
        "Null characters are not allowed.",
    )


def test_a_hub_course_type_cannot_be_claimed(submit, hub_type):
    assert_nothing_saved(*submit(hub_type), "Select a valid choice")


def test_a_plausible_old_claim_still_works_end_to_end(
    client, submit, peer, supervisor, assign_supervisor, two_year_type
):
    """The refusals above are bounds, not a narrowing: a card from 50 years back, with the
    expiry printed on it (within the type's rule), is kept, can be verified, and every page
    that shows it works. A printed expiry beyond the rule is refused: see
    tests/certificates/services/test_recertification.py."""
    issued, expires = date(today().year - 50, 3, 1), date(today().year - 48, 2, 1)
    response, _claims, _files = submit(
        two_year_type, issued_on=issued.isoformat(), expires_on=expires.isoformat()
    )
    assert response.status_code == 302
    claim = ExternalCredentialClaim.objects.get()
    assign_supervisor(supervisor, peer)
    client.force_login(supervisor)
    review = client.post(
        reverse("certificates:claim_review", args=[claim.pk]), {"decision": "approve"}
    )
    assert review.status_code == 302
    credential = Credential.objects.get(holder=peer)
    assert (credential.issued_on, credential.expires_on) == (issued, expires)
    assert client.get(reverse("supervision:supervisor_dashboard")).status_code == 200
    client.force_login(peer)
    for url in (
        reverse("certificates:mine"),
        reverse("certificates:detail", args=[credential.pk]),
        reverse("certificates:verify_code", args=[credential.display_code]),
    ):
        assert client.get(url).status_code == 200, url
