"""Property tests of the CE cycle rules (first cycle, carry-forward, category windows).

Pure: credential types, credentials and CE records are built in memory, so hypothesis can try
hundreds of certification dates over leap years and month ends without a database. Each
oracle is worked out from the rule text, independently of the service's own helpers.
"""

import calendar
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from certificates.ce_cycles import ce_progress
from certificates.expiry import one_period_from
from certificates.models import (
    CECategory,
    CECategoryRule,
    CERecord,
    CERuleVersion,
    Credential,
    CredentialType,
)

SUICIDE = CECategory(pk=1, name="Suicide prevention", slug="suicide")
RULES = ["full", "exempt", "prorated", "prorated_after"]
QUARTER = Decimal("0.25")

quarter_hours = st.integers(min_value=1, max_value=160).map(lambda n: n * QUARTER)  # 0.25..40
caps = st.integers(min_value=0, max_value=120).map(lambda n: n * QUARTER)


@st.composite
def certification_dates(draw, *, first=2023, last=2029):
    """Any day, with month ends, month starts and leap days drawn often."""
    year = draw(st.integers(first, last))
    month = draw(st.integers(1, 12))
    days = calendar.monthrange(year, month)[1]
    day = draw(st.one_of(st.sampled_from([1, 2, days - 1, days]), st.integers(1, days)))
    return date(year, month, day)


@st.composite
def cutoffs(draw):
    month = draw(st.integers(1, 12))
    return month, draw(st.integers(1, calendar.monthrange(2025, month)[1]))


def make_type(
    *,
    rule="exempt",
    standard=Decimal("20"),
    cap=Decimal("20"),
    cutoff=(7, 1),
    validity="fixed_date",
    months=None,
    minimum_every=None,
):
    credential_type = CredentialType(
        name="Licence",
        issuer="Montana Board of Behavioral Health",
        validity_rule=validity,
        validity_months=months,
        fixed_expiry_month=12 if validity == "fixed_date" else None,
        fixed_expiry_day=31 if validity == "fixed_date" else None,
    )
    version = CERuleVersion(
        effective_from=date(2000, 1, 1),
        source_title="Test rule",
        hours_per_cycle=standard,
        first_cycle=rule,
        first_cycle_cutoff_month=cutoff[0],
        first_cycle_cutoff_day=cutoff[1],
        carry_forward_max_hours=cap,
    )
    version.category_rules = (
        [CECategoryRule(category=SUICIDE, min_hours=Decimal("2"), every_cycles=minimum_every)]
        if minimum_every
        else []
    )
    credential_type.ce_rules = [version]
    return credential_type


def make_chain(credential_type, certified_on: date, cycles: int, *, last_is_renewal=True):
    """A chain certified on `certified_on` and renewed `cycles - 1` times, each renewal one
    period on from the previous expiry. The last link is a retake when `last_is_renewal` is
    False: a new certification that supersedes the previous credential."""
    first = Credential(
        pk=1,
        holder_id=1,
        credential_type=credential_type,
        issued_on=certified_on,
        expires_on=credential_type.expiry_for(issued_on=certified_on),
        issued_as="new",
    )
    chain = [first]
    for number in range(2, cycles + 1):
        previous = chain[-1]
        renewal = last_is_renewal or number < cycles
        if renewal:
            issued_on = previous.expires_on - timedelta(days=10)
            expires_on = one_period_from(credential_type.rules, previous.expires_on)
        else:
            issued_on = previous.expires_on + timedelta(days=40)
            expires_on = credential_type.expiry_for(issued_on=issued_on)
        chain.append(
            Credential(
                pk=number,
                holder_id=1,
                credential_type=credential_type,
                issued_on=issued_on,
                expires_on=expires_on,
                supersedes=previous,
                issued_as="renewal" if renewal else "new",
            )
        )
    return chain


def cycle_bounds(chain):
    """(start, end) of each cycle, from the rule text: a renewal starts the day after the
    previous expiry; a new certification on its issue date."""
    return [
        (
            credential.issued_on
            if credential.issued_as == "new"
            else chain[index - 1].expires_on + timedelta(days=1),
            credential.expires_on,
        )
        for index, credential in enumerate(chain)
    ]


def hours_between(records, start, end, category=False):
    return sum(
        (
            r.hours
            for r in records
            if start <= r.completed_on <= end and (not category or r.category_id == SUICIDE.pk)
        ),
        Decimal("0"),
    )


def quarter_ceiling(value: Decimal) -> Decimal:
    quarters = (value / QUARTER).to_integral_value(rounding="ROUND_CEILING")
    return quarters * QUARTER


# First cycle --------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(
    rule=st.sampled_from(RULES),
    certified_on=certification_dates(),
    standard=quarter_hours,
    cutoff=cutoffs(),
)
def test_first_cycle_requirement_follows_the_type_setting(rule, certified_on, standard, cutoff):
    # Certified on 31 December itself, the licence runs to the next one: a full year, tested
    # in test_ce.py::test_a_first_cycle_is_pro_rated_by_the_months_held.
    assume((certified_on.month, certified_on.day) != (12, 31))
    credential_type = make_type(rule=rule, standard=standard, cutoff=cutoff, minimum_every=2)
    (credential,) = make_chain(credential_type, certified_on, 1)

    progress = ce_progress(credential, approved_records=[])

    # A 31 December licence is held in every calendar month from its certification's month on.
    months = 13 - certified_on.month
    exact_share = standard * months / 12
    cutoff_day = date(certified_on.year, *cutoff)
    prorated = rule == "prorated" or (rule == "prorated_after" and certified_on > cutoff_day)
    assert progress.first_cycle
    assert progress.cycle_start == certified_on
    assert progress.cycle_end == date(certified_on.year, 12, 31)
    assert progress.carried_forward == 0
    if rule == "exempt":
        assert progress.required == 0
        assert progress.categories[0].required == 0
        assert progress.met
    elif prorated:
        assert progress.required == quarter_ceiling(exact_share)
        assert exact_share <= progress.required < exact_share + QUARTER
        assert progress.required <= standard
        assert progress.categories[0].required == min(Decimal("2"), progress.required)
    else:
        assert progress.required == standard
        assert progress.categories[0].required == 2
    if prorated and certified_on.month < 12:
        # Certifying later never asks for more.
        later = date(certified_on.year, certified_on.month + 1, 1)
        (later_credential,) = make_chain(credential_type, later, 1)
        assert ce_progress(later_credential, approved_records=[]).required <= progress.required


@settings(max_examples=200, deadline=None)
@given(
    rule=st.sampled_from(RULES),
    certified_on=certification_dates(),
    months=st.sampled_from([12, 24, 36]),
    validity=st.sampled_from(["months", "end_of_month"]),
)
def test_a_first_cycle_of_a_full_period_is_never_reduced_except_by_exemption(
    rule, certified_on, months, validity
):
    credential_type = make_type(rule=rule, validity=validity, months=months)
    (credential,) = make_chain(credential_type, certified_on, 1)

    progress = ce_progress(credential, approved_records=[])

    assert progress.required == (0 if rule == "exempt" else 20)


# Carry-forward ------------------------------------------------------------------------------


@st.composite
def ledgers(draw, start: date, end: date):
    span = (end - start).days
    return [
        CERecord(
            holder_id=1,
            completed_on=start + timedelta(days=draw(st.integers(0, span))),
            hours=draw(quarter_hours),
            category_id=draw(st.sampled_from([None, SUICIDE.pk])),
            status="approved",
        )
        for _ in range(draw(st.integers(0, 8)))
    ]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_carry_forward_takes_only_hours_above_the_standard_of_the_cycle_just_ended(data):
    rule = data.draw(st.sampled_from(RULES))
    standard = data.draw(quarter_hours)
    cap = data.draw(caps)
    validity, months = data.draw(
        st.sampled_from(
            [("fixed_date", None), ("months", 12), ("months", 24), ("end_of_month", 36)]
        )
    )
    cycles = data.draw(st.integers(2, 4))
    retake = data.draw(st.booleans())
    credential_type = make_type(
        rule=rule, standard=standard, cap=cap, validity=validity, months=months, minimum_every=2
    )
    chain = make_chain(
        credential_type, data.draw(certification_dates()), cycles, last_is_renewal=not retake
    )
    bounds = cycle_bounds(chain)
    records = data.draw(ledgers(chain[0].issued_on - timedelta(days=400), chain[-1].expires_on))

    progress = ce_progress(chain[-1], approved_records=records)

    if retake:
        # A new certification starts a new chain: a first cycle, nothing carried.
        assert progress.first_cycle
        assert progress.carried_forward == 0
        assert progress.cycle_start == chain[-1].issued_on
        return
    previous_start, previous_end = bounds[-2]
    surplus = hours_between(records, previous_start, previous_end) - standard
    assert progress.cycle_start == previous_end + timedelta(days=1)
    assert progress.carried_forward <= cap
    assert progress.carried_forward <= max(Decimal("0"), surplus)
    assert progress.carried_forward == max(Decimal("0"), min(cap, surplus))
    assert progress.required == standard
    assert progress.total == progress.carried_forward + hours_between(records, *bounds[-1])

    # Hours from before the cycle just ended (carried into it, or older) never carry again.
    older = CERecord(
        holder_id=1, completed_on=previous_start - timedelta(days=1), hours=Decimal("40")
    )
    again = ce_progress(chain[-1], approved_records=[*records, older])
    assert again.carried_forward == progress.carried_forward


@settings(max_examples=300, deadline=None)
@given(
    certified_on=certification_dates(),
    first_cycle_hours=st.lists(quarter_hours, max_size=6),
    cap=caps,
)
def test_an_exempt_first_cycle_carries_only_hours_above_the_standard(
    certified_on, first_cycle_hours, cap
):
    credential_type = make_type(rule="exempt", cap=cap)
    first, second = make_chain(credential_type, certified_on, 2)
    records = [
        CERecord(holder_id=1, completed_on=first.expires_on, hours=hours)
        for hours in first_cycle_hours
    ]
    earned = sum(first_cycle_hours, Decimal("0"))

    progress = ce_progress(second, approved_records=records)

    assert progress.carried_forward == max(Decimal("0"), min(cap, earned - 20))
    assert progress.carried_forward <= max(Decimal("0"), earned - 20)


# Category windows ----------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_category_minimum_is_judged_over_its_own_window_of_the_chain(data):
    every = data.draw(st.integers(1, 4))
    rule = data.draw(st.sampled_from(RULES))
    cycles = data.draw(st.integers(1, 5))
    credential_type = make_type(rule=rule, minimum_every=every)
    chain = make_chain(credential_type, data.draw(certification_dates()), cycles)
    bounds = cycle_bounds(chain)
    records = data.draw(ledgers(chain[0].issued_on - timedelta(days=400), chain[-1].expires_on))
    assume(chain)

    category = ce_progress(chain[-1], approved_records=records).categories[0]

    window_start = bounds[max(0, cycles - every)][0]
    assert category.window_start == window_start
    assert category.window_start >= chain[0].issued_on
    assert category.earned == hours_between(records, window_start, chain[-1].expires_on, True)
    first_and_exempt = cycles == 1 and rule == "exempt"
    assert (category.required == 0) == first_and_exempt
