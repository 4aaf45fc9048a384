"""The recertification rules (Totara's date basis, the rule of a period, the window, grace and
retake) as properties over random dates, leap years and month ends.

Every route (holder, course, refresher, verified card, administrator) calls the same
`recertification_decide`, so these properties hold for all of them; the route tests in
`tests/certificates/services/test_recertification.py` prove each route goes through it.
"""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from certificates.expiry import (
    DateBasis,
    OutOfWindow,
    RecertificationRules,
    RenewalRefused,
    ValidityRule,
    compute_expiry,
    one_period_from,
    recertification_decide,
    status_on,
)

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
fixed_dates = st.tuples(st.integers(1, 12), st.integers(1, 31)).filter(
    lambda md: md[1] <= calendar.monthrange(2025, md[0])[1]
)


@st.composite
def rule_sets(draw):
    rule = draw(
        st.sampled_from(
            [ValidityRule.MONTHS, ValidityRule.END_OF_ANNIVERSARY_MONTH, ValidityRule.FIXED_DATE]
        )
    )
    months = draw(st.integers(1, 60)) if rule != ValidityRule.FIXED_DATE else None
    month, day = draw(fixed_dates) if rule == ValidityRule.FIXED_DATE else (None, None)
    rules = RecertificationRules(
        validity_rule=rule, months=months, fixed_month=month, fixed_day=day
    )
    shortest = rules.shortest_period_days()
    # What CredentialType.clean() accepts: window and grace together shorter than a period.
    window = draw(st.integers(0, shortest - 1))
    grace = draw(st.integers(0, shortest - 1 - window))
    return RecertificationRules(
        validity_rule=rule,
        months=months,
        fixed_month=month,
        fixed_day=day,
        window_days=window,
        grace_days=grace,
        basis=draw(st.sampled_from(list(DateBasis))),
        out_of_window=draw(st.sampled_from(list(OutOfWindow))),
    )


def status(rules, expires_on, today):
    return status_on(
        stored_status="active",
        expires_on=expires_on,
        today=today,
        window_days=rules.window_days,
        grace_days=rules.grace_days,
    )


@st.composite
def renewals(draw):
    """Rules, the current expiry, and a completion date from two periods before it to well
    past its grace."""
    rules = draw(rule_sets())
    issued = draw(days)
    current_expiry = compute_expiry(rules=rules, completed_on=issued)
    assume(current_expiry > issued)
    offset = draw(st.integers(-800, rules.grace_days + 400))
    completed_on = current_expiry + timedelta(days=offset)
    return rules, current_expiry, completed_on


@settings(max_examples=400)
@given(case=renewals())
@example(
    case=(
        RecertificationRules(
            validity_rule=ValidityRule.FIXED_DATE, fixed_month=12, fixed_day=31, window_days=90
        ),
        date(2026, 12, 31),
        date(2026, 12, 10),
    )
)
@example(
    case=(
        RecertificationRules(
            validity_rule=ValidityRule.MONTHS,
            months=36,
            window_days=90,
            basis=DateBasis.COMPLETION,
        ),
        date(2028, 2, 29),
        date(2027, 12, 31),
    )
)
def test_no_route_loses_or_stacks_validity(case):
    rules, current_expiry, completed_on = case
    try:
        decision = recertification_decide(
            rules=rules,
            completed_on=completed_on,
            has_current=True,
            current_expires_on=current_expiry,
            last_expires_on=current_expiry,
        )
    except RenewalRefused as refusal:
        # Refused only before the window, by a type that refuses, and it says when it opens.
        assert rules.out_of_window == OutOfWindow.REFUSE
        assert completed_on < current_expiry - timedelta(days=rules.window_days)
        assert refusal.window_opens_on == current_expiry - timedelta(days=rules.window_days)
        assert f"{refusal.window_opens_on:%B %-d, %Y}" in refusal.message
        return

    in_window = (
        current_expiry - timedelta(days=rules.window_days)
        <= completed_on
        <= current_expiry + timedelta(days=rules.grace_days)
    )
    from_previous = one_period_from(rules, current_expiry)
    from_completion = compute_expiry(rules=rules, completed_on=completed_on)
    assert decision.expires_on > completed_on
    if in_window:
        assert decision.is_renewal
        # Loses nothing of the period being renewed, whatever the basis.
        assert decision.expires_on > current_expiry
        if rules.basis == DateBasis.COMPLETION:
            if rules.validity_rule == ValidityRule.FIXED_DATE:
                assert decision.expires_on == one_period_from(
                    rules, max(current_expiry, completed_on)
                )
            else:
                assert decision.expires_on == one_period_from(rules, completed_on)
        else:
            assert decision.expires_on == from_previous
        # Never more than one period from the later basis.
        assert decision.expires_on <= max(from_previous, from_completion)
        # A renewal is never "renewal due" on the day it is made.
        assert status(rules, decision.expires_on, completed_on) == "active"
    else:
        # A retake before the window, or a new certification after grace: a new chain counted
        # from the completion date, never stacked onto the old period.
        assert not decision.is_renewal
        assert decision.expires_on <= from_completion
        if completed_on < current_expiry:
            assert rules.out_of_window == OutOfWindow.RETAKE
            assert decision.replaces_current


@given(rules=rule_sets(), completed_on=days)
def test_a_first_certification_runs_at_most_one_period(rules, completed_on):
    decision = recertification_decide(rules=rules, completed_on=completed_on)
    assert not decision.is_renewal
    assert completed_on <= decision.expires_on
    assert decision.expires_on <= one_period_from(rules, completed_on)


@given(rules=rule_sets(), issued=days, gap=st.integers(1, 2000))
def test_a_fixed_schedule_keeps_its_anniversaries_after_a_lapse(rules, issued, gap):
    rules = RecertificationRules(**{**rules.__dict__, "basis": DateBasis.FIXED})
    last_expiry = compute_expiry(rules=rules, completed_on=issued)
    completed_on = last_expiry + timedelta(days=rules.grace_days + gap)
    decision = recertification_decide(
        rules=rules, completed_on=completed_on, last_expires_on=last_expiry
    )
    assert not decision.is_renewal
    assert decision.expires_on > completed_on
    # On the original schedule: the previous date of the schedule is on or before completion.
    schedule = last_expiry
    while schedule < decision.expires_on:
        previous, schedule = schedule, one_period_from(rules, schedule)
    assert schedule == decision.expires_on
    assert previous <= completed_on


# The reviewer's cases, one by one ------------------------------------------------------

CBHPSS = RecertificationRules(
    validity_rule=ValidityRule.FIXED_DATE, fixed_month=12, fixed_day=31, window_days=90
)
MHFA = RecertificationRules(
    validity_rule=ValidityRule.MONTHS,
    months=36,
    window_days=90,
    out_of_window=OutOfWindow.RETAKE,
)
DONA = RecertificationRules(
    validity_rule=ValidityRule.END_OF_ANNIVERSARY_MONTH, months=36, window_days=183
)


@pytest.mark.parametrize("completed_on", [date(2026, 10, 2), date(2026, 12, 1), date(2026, 12, 31)])
def test_a_31_december_licence_renewed_in_its_window_gets_the_next_31_december(completed_on):
    decision = recertification_decide(
        rules=CBHPSS,
        completed_on=completed_on,
        has_current=True,
        current_expires_on=date(2026, 12, 31),
    )
    assert decision.is_renewal
    assert decision.expires_on == date(2027, 12, 31)
    assert status(CBHPSS, decision.expires_on, completed_on) == "active"


def test_a_31_december_licence_is_not_renewed_before_its_window():
    with pytest.raises(RenewalRefused, match="October 2, 2026"):
        recertification_decide(
            rules=CBHPSS,
            completed_on=date(2026, 6, 1),
            has_current=True,
            current_expires_on=date(2026, 12, 31),
        )


def test_a_three_year_card_renewed_60_days_early_loses_nothing():
    decision = recertification_decide(
        rules=MHFA,
        completed_on=date(2027, 3, 2),
        has_current=True,
        current_expires_on=date(2027, 5, 1),
    )
    assert decision.is_renewal
    assert decision.expires_on == date(2030, 5, 1)


def test_mhfa_a_year_early_is_a_retake_from_its_date_never_stacked():
    decision = recertification_decide(
        rules=MHFA,
        completed_on=date(2026, 5, 1),
        has_current=True,
        current_expires_on=date(2027, 5, 1),
    )
    assert not decision.is_renewal
    assert decision.replaces_current
    assert decision.expires_on == date(2029, 5, 1)


def test_an_end_of_month_type_keeps_its_month():
    decision = recertification_decide(
        rules=DONA,
        completed_on=date(2027, 11, 15),
        has_current=True,
        current_expires_on=date(2028, 2, 29),
    )
    assert decision.expires_on == date(2031, 2, 28)


def test_a_renewal_in_grace_is_still_a_renewal_and_past_grace_a_new_certification():
    rules = RecertificationRules(validity_rule=ValidityRule.MONTHS, months=24, grace_days=14)
    in_grace = recertification_decide(
        rules=rules,
        completed_on=date(2026, 3, 15),
        has_current=True,
        current_expires_on=date(2026, 3, 1),
    )
    assert in_grace.is_renewal
    assert in_grace.expires_on == date(2028, 3, 1)
    lapsed = recertification_decide(
        rules=rules,
        completed_on=date(2026, 3, 16),
        has_current=True,
        current_expires_on=date(2026, 3, 1),
    )
    assert not lapsed.is_renewal
    assert lapsed.expires_on == date(2028, 3, 16)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 10, 1), "active"),
        (date(2026, 10, 2), "renewal_due"),
        (date(2026, 12, 31), "renewal_due"),
        (date(2027, 1, 1), "in_grace"),
        (date(2027, 1, 14), "in_grace"),
        (date(2027, 1, 15), "expired"),
    ],
)
def test_one_status_word_a_day(today, expected):
    assert (
        status_on(
            stored_status="active",
            expires_on=date(2026, 12, 31),
            today=today,
            window_days=90,
            grace_days=14,
        )
        == expected
    )
