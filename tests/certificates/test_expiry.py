"""Validity arithmetic: month ends, leap years, fixed dates and renewals counted from expiry."""

import calendar
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, example, given
from hypothesis import strategies as st

from certificates.expiry import (
    RecertificationRules,
    ValidityRule,
    add_months,
    compute_expiry,
    cycle_start,
    end_of_month,
    next_fixed_date,
    renewal_expiry,
)
from certificates.models import CredentialType

# Real certificates: issued in living memory, valid for up to 20 years.
days = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))
periods = st.integers(min_value=1, max_value=240)
# Month/day pairs that exist every year (what CredentialType.clean() accepts).
fixed_dates = st.tuples(st.integers(1, 12), st.integers(1, 31)).filter(
    lambda md: md[1] <= calendar.monthrange(2025, md[0])[1]
)


def expiry(*, rule, issued_on, months=None, fixed_month=None, fixed_day=None, previous_expiry=None):
    """A first certification on `issued_on`, or, with `previous_expiry`, a renewal completed
    on `issued_on` counted from the previous expiry (the default date basis)."""
    rules = RecertificationRules(
        validity_rule=rule, months=months, fixed_month=fixed_month, fixed_day=fixed_day
    )
    if previous_expiry is None or not rules.expires:
        return compute_expiry(rules=rules, completed_on=issued_on)
    return renewal_expiry(rules, previous=previous_expiry, completed_on=issued_on)


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


# add_months ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2025, 1, 15), -12, date(2024, 1, 15)),
        (date(2025, 6, 30), 0, date(2025, 6, 30)),
    ],
)
def test_add_months_examples(day, months, expected):
    assert add_months(day, months) == expected


@given(day=days, months=st.integers(min_value=-120, max_value=240))
@example(day=date(2024, 2, 29), months=12)
@example(day=date(2024, 1, 31), months=1)
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == min(day.day, last_day(result.year, result.month))


@given(day=days, months=st.integers(min_value=0, max_value=239))
def test_add_months_moves_forward_month_by_month(day, months):
    assert add_months(day, months) >= day
    assert add_months(day, months + 1) > add_months(day, months)


# End of the anniversary month ---------------------------------------------------------


@given(issued_on=days, months=periods)
@example(issued_on=date(2024, 2, 29), months=36)
@example(issued_on=date(2023, 2, 1), months=12)
def test_end_of_anniversary_month_is_the_last_day_of_that_month(issued_on, months):
    expires = expiry(rule=ValidityRule.END_OF_ANNIVERSARY_MONTH, issued_on=issued_on, months=months)
    assert (expires + timedelta(days=1)).day == 1
    assert expires == end_of_month(add_months(issued_on, months))
    assert expires > issued_on


def test_dona_doula_runs_three_years_to_the_end_of_the_month():
    expires = expiry(
        rule=ValidityRule.END_OF_ANNIVERSARY_MONTH, issued_on=date(2024, 2, 10), months=36
    )
    assert expires == date(2027, 2, 28)


# Fixed calendar date ------------------------------------------------------------------


@given(issued_on=days)
@example(issued_on=date(2025, 12, 31))
@example(issued_on=date(2025, 1, 1))
def test_fixed_31_december_is_the_next_31_december_after_issue(issued_on):
    expires = expiry(
        rule=ValidityRule.FIXED_DATE, issued_on=issued_on, fixed_month=12, fixed_day=31
    )
    assert (expires.month, expires.day) == (12, 31)
    assert expires > issued_on  # never valid for no days at all
    assert expires.year == issued_on.year + (
        1 if (issued_on.month, issued_on.day) == (12, 31) else 0
    )


@given(issued_on=days, previous_expiry=days)
@example(issued_on=date(2025, 12, 31), previous_expiry=date(2025, 12, 31))
def test_fixed_31_december_on_renewal_is_strictly_after_the_previous_expiry(
    issued_on, previous_expiry
):
    expires = expiry(
        rule=ValidityRule.FIXED_DATE,
        issued_on=issued_on,
        fixed_month=12,
        fixed_day=31,
        previous_expiry=previous_expiry,
    )
    assert (expires.month, expires.day) == (12, 31)
    assert previous_expiry < expires <= previous_expiry + timedelta(days=366)


@given(after=days, month_day=fixed_dates, inclusive=st.booleans())
def test_next_fixed_date_is_the_first_such_date(after, month_day, inclusive):
    month, day = month_day
    found = next_fixed_date(after, month=month, day=day, inclusive=inclusive)
    assert (found.month, found.day) == (month, day)
    assert found >= after if inclusive else found > after
    assert found - after <= timedelta(days=366)
    earlier = date(found.year - 1, month, day)
    assert earlier < after or (earlier == after and not inclusive)


# Renewal counts from the old expiry ---------------------------------------------------


@given(
    old_expiry=days,
    renewed_days_early=st.integers(min_value=0, max_value=365),
    months=periods,
)
def test_renewing_early_loses_no_time_with_months(old_expiry, renewed_days_early, months):
    renewed_on = old_expiry - timedelta(days=renewed_days_early)
    expires = expiry(
        rule=ValidityRule.MONTHS, issued_on=renewed_on, months=months, previous_expiry=old_expiry
    )
    assert expires == add_months(old_expiry, months)
    on_the_day = expiry(
        rule=ValidityRule.MONTHS, issued_on=old_expiry, months=months, previous_expiry=old_expiry
    )
    assert expires == on_the_day


@given(
    old_expiry=days.map(end_of_month),
    renewed_days_early=st.integers(min_value=0, max_value=365),
    months=periods,
)
def test_renewing_early_loses_no_time_to_the_end_of_the_month(
    old_expiry, renewed_days_early, months
):
    expires = expiry(
        rule=ValidityRule.END_OF_ANNIVERSARY_MONTH,
        issued_on=old_expiry - timedelta(days=renewed_days_early),
        months=months,
        previous_expiry=old_expiry,
    )
    assert expires == end_of_month(add_months(old_expiry, months))


@given(
    year=st.integers(min_value=1950, max_value=2150),
    renewed_days_early=st.integers(min_value=0, max_value=364),
)
def test_renewing_a_31_december_credential_early_adds_exactly_one_year(year, renewed_days_early):
    old_expiry = date(year, 12, 31)
    expires = expiry(
        rule=ValidityRule.FIXED_DATE,
        issued_on=old_expiry - timedelta(days=renewed_days_early),
        fixed_month=12,
        fixed_day=31,
        previous_expiry=old_expiry,
    )
    assert expires == date(year + 1, 12, 31)
    assert (expires - old_expiry).days == (366 if calendar.isleap(year + 1) else 365)


@given(
    rule=st.sampled_from(
        [ValidityRule.MONTHS, ValidityRule.END_OF_ANNIVERSARY_MONTH, ValidityRule.FIXED_DATE]
    ),
    issued_on=days,
    months=periods,
    month_day=fixed_dates,
)
def test_expiry_is_never_before_issue(rule, issued_on, months, month_day):
    expires = expiry(
        rule=rule,
        issued_on=issued_on,
        months=months,
        fixed_month=month_day[0],
        fixed_day=month_day[1],
    )
    assert expires >= issued_on


@given(
    rule=st.sampled_from(
        [ValidityRule.MONTHS, ValidityRule.END_OF_ANNIVERSARY_MONTH, ValidityRule.FIXED_DATE]
    ),
    renewed_on=days,
    days_left=st.integers(min_value=0, max_value=400),
    months=periods,
    month_day=fixed_dates,
)
def test_a_renewal_before_expiry_always_ends_after_the_old_expiry(
    rule, renewed_on, days_left, months, month_day
):
    old_expiry = renewed_on + timedelta(days=days_left)
    if rule == ValidityRule.FIXED_DATE:
        old_expiry = next_fixed_date(
            old_expiry, month=month_day[0], day=month_day[1], inclusive=True
        )
    elif rule == ValidityRule.END_OF_ANNIVERSARY_MONTH:
        old_expiry = end_of_month(old_expiry)
    expires = expiry(
        rule=rule,
        issued_on=renewed_on,
        months=months,
        fixed_month=month_day[0],
        fixed_day=month_day[1],
        previous_expiry=old_expiry,
    )
    assert expires > old_expiry >= renewed_on


def test_a_credential_that_does_not_expire_has_no_expiry():
    assert expiry(rule=ValidityRule.NONE, issued_on=date(2025, 5, 1)) is None
    assert (
        expiry(rule=ValidityRule.NONE, issued_on=date(2025, 5, 1), previous_expiry=date(2025, 6, 1))
        is None
    )


def test_an_unknown_rule_is_an_error():
    with pytest.raises(ValueError, match="Unknown validity rule"):
        expiry(rule="fortnightly", issued_on=date(2025, 5, 1))


@given(issued_on=days, previous_expiry=st.none() | days)
def test_the_ce_cycle_starts_the_day_after_the_old_expiry(issued_on, previous_expiry):
    assume(previous_expiry is None or previous_expiry < date(2150, 12, 31))
    start = cycle_start(issued_on=issued_on, previous_expiry=previous_expiry)
    if previous_expiry is None:
        assert start == issued_on
    else:
        assert start == previous_expiry + timedelta(days=1)


# CredentialType.clean() ---------------------------------------------------------------


def credential_type(**fields) -> CredentialType:
    values = {
        "name": "A credential",
        "code": "a-credential",
        "issuer": "The hub",
        "validity_rule": ValidityRule.NONE,
        "reminder_offsets": [90, 30, 7],
    }
    return CredentialType(**(values | fields))


def clean_errors(**fields) -> dict:
    with pytest.raises(ValidationError) as raised:
        credential_type(**fields).clean()
    return raised.value.message_dict


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"reminder_offsets": []},
        {"validity_rule": ValidityRule.MONTHS, "validity_months": 24},
        {"validity_rule": ValidityRule.END_OF_ANNIVERSARY_MONTH, "validity_months": 36},
        {
            "validity_rule": ValidityRule.FIXED_DATE,
            "fixed_expiry_month": 12,
            "fixed_expiry_day": 31,
        },
        {"validity_rule": ValidityRule.FIXED_DATE, "fixed_expiry_month": 2, "fixed_expiry_day": 28},
        {"reminder_offsets": [183, 90, 30, 1]},
    ],
)
def test_clean_accepts_sound_rules(fields):
    credential_type(**fields).clean()


@pytest.mark.parametrize(("month", "day"), [(2, 29), (2, 30), (4, 31), (6, 31), (11, 31)])
def test_clean_refuses_a_fixed_date_that_does_not_exist_every_year(month, day):
    errors = clean_errors(
        validity_rule=ValidityRule.FIXED_DATE, fixed_expiry_month=month, fixed_expiry_day=day
    )
    assert errors["fixed_expiry_day"] == ["That day does not exist every year."]


@pytest.mark.parametrize(
    ("month", "day"), [(None, None), (12, None), (None, 31)], ids=["neither", "no day", "no month"]
)
def test_clean_refuses_a_fixed_date_rule_without_its_date(month, day):
    errors = clean_errors(
        validity_rule=ValidityRule.FIXED_DATE, fixed_expiry_month=month, fixed_expiry_day=day
    )
    assert "fixed_expiry_day" in errors


@pytest.mark.parametrize(
    "rule", [ValidityRule.MONTHS, ValidityRule.END_OF_ANNIVERSARY_MONTH], ids=str
)
@pytest.mark.parametrize("months", [None, 0])
def test_clean_refuses_a_months_rule_without_months(rule, months):
    errors = clean_errors(validity_rule=rule, validity_months=months)
    assert "validity_months" in errors


@pytest.mark.parametrize(
    "offsets",
    [
        {"90": True},
        "90, 30, 7",
        None,
        [90, -7],
        [0],
        [30.5],
        ["30"],
        [None],
        [3651],
        [True],
        [[90]],
    ],
    ids=repr,
)
def test_clean_refuses_bad_reminder_offsets(offsets):
    errors = clean_errors(reminder_offsets=offsets)
    assert errors["reminder_offsets"] == ["A list of whole days before expiry, e.g. [90, 30, 7]."]


# Recertification settings in CredentialType.clean() ------------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        # A window as long as the period would make every renewal due again at once.
        (
            {
                "validity_rule": ValidityRule.MONTHS,
                "validity_months": 12,
                "renewal_window_days": 365,
            },
            "renewal_window_days",
        ),
        (
            {
                "validity_rule": ValidityRule.FIXED_DATE,
                "fixed_expiry_month": 12,
                "fixed_expiry_day": 31,
                "renewal_window_days": 300,
                "grace_days": 65,
            },
            "grace_days",
        ),
        ({"kind": "external_licence", "issued_by_hub": True}, "issued_by_hub"),
    ],
    # The first-cycle cutoff moved to CE rule versions: tests/certificates/test_ce_rule_versions.py.
    ids=["window", "window and grace", "outside but hub"],
)
def test_clean_refuses_recertification_settings_that_cannot_work(fields, field):
    assert field in clean_errors(**fields)


def test_clean_accepts_the_montana_and_national_council_settings():
    credential_type(
        validity_rule=ValidityRule.FIXED_DATE,
        fixed_expiry_month=12,
        fixed_expiry_day=31,
        renewal_window_days=90,
        kind="external_licence",
        issued_by_hub=False,
    ).clean()
