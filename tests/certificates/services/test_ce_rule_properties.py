"""Property tests of versioned CE rules over random CE histories (issue #17 item 1).

Pure, like test_ce_properties.py: a yearly licence renewed for several cycles, two rule
versions with a random effective date, a category with a maximum, and random approved
records. Whatever the history: an hour is counted in one cycle only and never twice (a
cycle's own use and what it carries never exceed what counted in it), carry-forward never
exceeds the receiving version's cap, and a category maximum is never exceeded over its window.
"""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from certificates.ce_cycles import ce_progress, rule_in_force
from certificates.models import CECategory, CECategoryRule, CERecord, CERuleVersion
from tests.certificates.services.test_ce_properties import make_chain, make_type

QUARTER = Decimal("0.25")
PRESENTING = CECategory(pk=2, name="Presenting or authoring", slug="presenting")
SUICIDE = CECategory(pk=1, name="Suicide prevention", slug="suicide")

quarters = st.integers(min_value=0, max_value=160).map(lambda n: n * QUARTER)


def version(effective_from, *, standard, cap, max_hours, every):
    rule = CERuleVersion(
        pk=effective_from.toordinal(),
        effective_from=effective_from,
        source_title=f"Rule from {effective_from}",
        hours_per_cycle=standard,
        first_cycle="exempt",
        carry_forward_max_hours=cap,
    )
    rule.category_rules = [
        CECategoryRule(category=PRESENTING, max_hours=max_hours, every_cycles=every),
        CECategoryRule(category=SUICIDE, min_hours=Decimal("2"), every_cycles=2),
    ]
    return rule


@st.composite
def histories(draw):
    first_year = draw(st.integers(2022, 2026))
    cycles = draw(st.integers(2, 4))
    start, end = date(first_year, 1, 1), date(first_year + cycles, 12, 31)
    records = draw(
        st.lists(
            st.tuples(
                st.integers(0, (end - start).days),
                quarters,
                st.sampled_from([None, PRESENTING.pk, SUICIDE.pk]),
            ),
            max_size=25,
        )
    )
    return (
        first_year,
        cycles,
        [
            CERecord(
                holder_id=1,
                completed_on=start + timedelta(days=offset),
                hours=hours,
                category_id=category,
                status="approved",
            )
            for offset, hours, category in records
            if hours
        ],
    )


@settings(max_examples=300, deadline=None)
@given(
    history=histories(),
    effective_offset=st.integers(0, 5 * 366),
    standards=st.tuples(quarters, quarters),
    caps=st.tuples(quarters, quarters),
    maxima=st.tuples(quarters, quarters),
    every=st.integers(1, 3),
)
def test_hours_are_never_counted_twice_and_carry_forward_keeps_its_cap(
    history, effective_offset, standards, caps, maxima, every
):
    first_year, cycles, records = history
    credential_type = make_type(rule="exempt")
    effective = date(first_year, 1, 1) + timedelta(days=effective_offset)
    credential_type.ce_rules = [
        version(
            date(2000, 1, 1), standard=standards[0], cap=caps[0], max_hours=maxima[0], every=every
        ),
        version(effective, standard=standards[1], cap=caps[1], max_hours=maxima[1], every=every),
    ]
    chain = make_chain(credential_type, date(first_year, 3, 1), cycles)
    progress = [ce_progress(credential, approved_records=records) for credential in chain]

    for index, cycle in enumerate(progress):
        if cycle is None:  # a version asking nothing: no CE for that cycle
            continue
        in_cycle = sum(
            (r.hours for r in records if cycle.cycle_start <= r.completed_on <= cycle.cycle_end),
            Decimal("0"),
        )
        # The version is the one in force on the cycle's first day.
        assert cycle.rule is rule_in_force(
            sorted(credential_type.ce_rules.all(), key=lambda r: r.effective_from),
            cycle.cycle_start,
        )
        # Only this cycle's records, each at most once; a maximum only takes away.
        assert cycle.earned_all == in_cycle
        assert 0 <= cycle.earned <= cycle.earned_all
        for cap in cycle.caps:
            assert cap.counted <= cap.earned
            assert cap.earlier + cap.counted <= cap.max_hours or cap.counted == 0
        # Carry-forward: within the receiving version's cap, and only the part of the previous
        # cycle's counted hours above what that cycle itself used (its standard).
        assert 0 <= cycle.carried_forward <= cycle.rule.carry_forward_max_hours
        if index and cycle.carried_forward:
            previous = cycle.previous_earned
            assert cycle.previous_standard + cycle.carried_forward <= previous
            before = progress[index - 1]
            if before is not None:
                assert previous == before.earned
        if not index:
            assert cycle.carried_forward == 0
