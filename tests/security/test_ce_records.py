"""CE submissions: impossible hours and dates are a 400 in words, with no record and no file."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import assume, given
from hypothesis import strategies as st

from certificates.models import CERecord
from tests.certificates.helpers import PDF_BYTES, upload
from tests.security.helpers import PROPERTY, assert_refused, private_files

pytestmark = pytest.mark.django_db

HOURS_MESSAGES = (
    "Hours must be a number",
    "Hours must be more than 0 and at most 200",
    "Hours are counted in quarter hours",
    "at most 10 characters",
    "This field is required",
    "Null characters are not allowed",
)
DATE_MESSAGES = (
    "Enter a valid date",
    "can't be in the future",
    "older than five years",
    "This field is required",
    "Null characters are not allowed",
)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=14)


def today() -> date:
    return timezone.localdate()


def ce_form(**overrides) -> dict:
    return {
        "title": "Motivational interviewing",
        "provider": "Montana Peer Network",
        "completed_on": (today() - timedelta(days=10)).isoformat(),
        "hours": "1.5",
        "evidence": upload("certificate.pdf", PDF_BYTES, "application/pdf"),
        **overrides,
    }


def is_quarter_hours_up_to_200(raw: str) -> bool:
    """What the ledger accepts, worked out exactly (no Decimal context to round or underflow)."""
    try:
        value = Decimal(raw.strip())
    except (InvalidOperation, ValueError):
        return False
    if not value.is_finite() or not -6 < value.adjusted() < 6:
        return False
    exact = Fraction(value)
    return 0 < exact <= 200 and (exact * 4).denominator == 1


@pytest.fixture
def submit(client, peer):
    client.force_login(peer)

    def send(**overrides):
        records, files = CERecord.objects.count(), private_files()
        response = client.post(reverse("certificates:ce"), ce_form(**overrides))
        return response, records, files

    return send


def assert_nothing_saved(response, records, files, messages):
    assert_refused(response, *messages)
    assert CERecord.objects.count() == records
    assert private_files() == files


hours_that_look_like_numbers = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
    st.integers(min_value=-(10**9), max_value=10**9).map(str),
    st.sampled_from(
        [
            "-1",
            "0",
            "-0",
            "0.0",
            "0.00",
            "-0.25",
            "200.25",
            "201",
            "1000000",
            "1E+3",
            "NaN",
            "-NaN",
            "sNaN",
            "inf",
            "Infinity",
            "-Infinity",
            "1.1",
            "1.333",
            "0.1",
            "1.2500001",
            "1E-9999999",
            "1e-999999",
            "2.5E-1000",
            "1/2",
            "1,5",
            "one",
            "1.5h",
            "½",
            "0x10",
            "",
            "   ",
            "1\x00",
            "99999999999",
        ]
    ),
)


@PROPERTY
@given(hours=st.one_of(hours_that_look_like_numbers, any_text))
def test_impossible_hours_are_refused_and_nothing_is_saved(submit, hours):
    assume(not is_quarter_hours_up_to_200(hours))

    assert_nothing_saved(*submit(hours=hours), HOURS_MESSAGES)


@PROPERTY
@given(
    digit=st.integers(min_value=1, max_value=9),
    exponent=st.integers(min_value=-9_999_999, max_value=9_999_999),
)
def test_hours_in_exponent_notation_are_judged_exactly(submit, digit, exponent):
    """Ten characters at most (the form's limit), with exponents beyond what a Decimal context
    multiplies exactly: 1E-9999999 underflowed to zero quarters and reached the database."""
    hours = f"{digit}E{exponent}"
    response, records, files = submit(hours=hours)

    if is_quarter_hours_up_to_200(hours):
        assert response.status_code == 302
    else:
        assert_nothing_saved(response, records, files, HOURS_MESSAGES)


@PROPERTY
@given(quarters=st.integers(min_value=1, max_value=800), style=st.sampled_from(["{}", " {} "]))
def test_any_quarter_hour_up_to_200_is_accepted(submit, quarters, style):
    hours = Decimal(quarters) / 4
    response, records, _files = submit(hours=style.format(hours))

    assert response.status_code == 302
    assert CERecord.objects.count() == records + 1
    assert CERecord.objects.latest("pk").hours == hours


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("-1", "more than 0"),
        ("0", "more than 0"),
        ("200.25", "at most 200"),
        ("1E+6", "at most 200"),
        ("NaN", "more than 0"),
        ("Infinity", "more than 0"),
        ("-inf", "more than 0"),
        ("ten", "must be a number"),
        ("1.1", "quarter hours"),
        ("1.2500001", "quarter hours"),
        # Below what a Decimal can multiply without underflowing to zero.
        ("1E-9999999", "quarter hours"),
        ("12345678901", "at most 10 characters"),
    ],
)
def test_each_kind_of_bad_hours_gets_its_own_message(submit, hours, message):
    response, records, files = submit(hours=hours)

    assert response.status_code == 400
    assert_nothing_saved(response, records, files, [message])


@PROPERTY
@given(
    completed_on=st.one_of(
        st.dates(max_value=date.today() - timedelta(days=5 * 365 + 2)),
        st.dates(min_value=date.today() + timedelta(days=2)),
    )
)
def test_ce_dates_in_the_future_or_too_long_ago_are_refused(submit, completed_on):
    assert_nothing_saved(*submit(completed_on=completed_on.isoformat()), DATE_MESSAGES)


@pytest.mark.parametrize(
    "completed_on",
    [
        "2024-02-30",
        "2023-02-29",
        "2024-13-01",
        "0000-01-01",
        "10000-01-01",
        "99999-12-31",
        "-2024-01-01",
        "yesterday",
        "2024-01-01T00:00",
        "2024-01-01\x00",
        "1" * 5000,
        "",
    ],
)
def test_malformed_ce_dates_are_refused(submit, completed_on):
    assert_nothing_saved(*submit(completed_on=completed_on), DATE_MESSAGES)


@PROPERTY
@given(completed_on=any_text)
def test_any_text_that_is_not_a_date_is_refused(submit, completed_on):
    from django import forms

    try:
        forms.DateField().clean(completed_on)
    except forms.ValidationError:
        pass
    else:
        assume(False)

    assert_nothing_saved(*submit(completed_on=completed_on), DATE_MESSAGES)
