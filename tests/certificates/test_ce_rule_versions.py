"""CE rules as versions with effective dates (issue #17 item 1).

Each cycle is judged by the version in force on its first day; category maximums leave hours
out and the working says so; reactivation asks its hours over the months before the day; the
two demo types carry their own rules and sources (certificates 0007).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from certificates.ce_cycles import (
    approved_ce_records,
    ce_progress,
    reactivation_progress,
    rule_in_force,
    rule_versions,
)
from certificates.models import CECategory, CECategoryRule, CERuleVersion, CredentialType
from tests.certificates.helpers import ce_record
from tests.certificates.services.test_ce import RENEWAL, certify, yearly_type
from tests.factories import CredentialTypeFactory, ce_category_rule, ce_rule_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def presenting(db):
    return CECategory.objects.create(name="Presenting (tests)", slug="presenting-test")


def renewed_yearly(holder, credential_type, first_year: int, years: int):
    """Certified on 1 March of `first_year`, renewed each December: one cycle a year."""
    chain = [certify(holder, credential_type, date(first_year, 3, 1))]
    for year in range(first_year, first_year + years - 1):
        chain.append(
            certify(
                holder, credential_type, date(year, 12, 15), supersedes=chain[-1], issued_as=RENEWAL
            )
        )
    return chain


# Which version judges a cycle ------------------------------------------------------------


@pytest.mark.parametrize(
    ("effective_from", "judged_2026", "judged_2027"),
    [
        (
            date(2026, 1, 1),
            "24",
            "24",
        ),  # on the 2026 cycle's first day: that cycle is the new one's
        (date(2025, 12, 31), "24", "24"),  # on the 2025 cycle's last day: from the next cycle
        (date(2026, 7, 1), "20", "24"),  # half-way: the cycle under way keeps its rule
        (date(2026, 12, 31), "20", "24"),  # the last day of 2026: 2027 on
        (date(2027, 1, 2), "20", "20"),  # the day after 2027 begins: 2028 on
    ],
)
def test_each_cycle_is_judged_by_the_version_in_force_on_its_first_day(
    holder, effective_from, judged_2026, judged_2027
):
    credential_type = yearly_type(ce_first_cycle="full")
    ce_rule_of(
        credential_type,
        effective_from=effective_from,
        source_title="Amended rule",
        hours_per_cycle=Decimal("24"),
    )
    _, in_2026, in_2027 = renewed_yearly(holder, credential_type, 2025, 3)

    assert ce_progress(in_2026).required == Decimal(judged_2026)
    assert ce_progress(in_2027).required == Decimal(judged_2027)


def test_the_working_names_the_version_and_its_source_and_the_previous_cycles(holder):
    credential_type = yearly_type(ce_first_cycle="full", ce_carry_forward_max_hours=Decimal("20"))
    ce_rule_of(
        credential_type,
        effective_from=date(2026, 1, 1),
        source_title="ARM 24.219.421 (amended)",
        source_url="https://rules.mt.gov/gateway/ShowRuleFile.asp?RID=40269",
        hours_per_cycle=Decimal("24"),
        carry_forward_max_hours=Decimal("5"),
    )
    _, second = renewed_yearly(holder, credential_type, 2025, 2)
    ce_record(holder, hours=30, completed_on=date(2025, 6, 1))

    progress = ce_progress(second)

    # 2025 judged by its own rule (standard 20): 10 above it; 2026's rule accepts at most 5.
    assert (progress.required, progress.carried_forward) == (Decimal("24"), Decimal("5"))
    assert progress.rule.source_title == "ARM 24.219.421 (amended)"
    assert progress.working[-2:] == [
        "Rule: ARM 24.219.421 (amended), in force from January 1, 2026 "
        "(https://rules.mt.gov/gateway/ShowRuleFile.asp?RID=40269), the version in force when "
        "this cycle began.",
        "2025 was judged by Test rule from 2000-01-01, in force from January 1, 2000, the "
        "version in force when it began.",
    ]
    assert (
        "Carried forward: 30 hours earned in 2025, 10 hours above the standard 20 hours (at "
        "most 5 hours carry)." in progress.working
    )


def test_a_cycle_before_the_earliest_version_is_judged_by_the_earliest():
    credential_type = CredentialTypeFactory()
    later = ce_rule_of(credential_type, effective_from=date(2020, 5, 1), hours_per_cycle=8)
    earliest = ce_rule_of(credential_type, effective_from=date(2019, 3, 30), hours_per_cycle=6)
    rules = rule_versions(credential_type)

    assert rules == [earliest, later]
    assert rule_in_force(rules, date(2010, 1, 1)) == earliest
    assert rule_in_force(rules, date(2020, 4, 30)) == earliest
    assert rule_in_force(rules, date(2020, 5, 1)) == later


def test_a_leap_day_effective_date_on_a_two_year_cycle_boundary(holder):
    """A 24-month licence certified on 29 February 2024 renews from 1 March 2026; a rule from
    1 March 2026 judges the renewal, not the first cycle."""
    credential_type = CredentialTypeFactory(
        validity_rule="months", validity_months=24, ce_hours_required=Decimal("20")
    )
    ce_rule_of(credential_type, effective_from=date(2026, 3, 1), hours_per_cycle=Decimal("30"))
    first = certify(holder, credential_type, date(2024, 2, 29))
    second = certify(holder, credential_type, date(2026, 2, 1), supersedes=first, issued_as=RENEWAL)

    assert first.expires_on == date(2026, 2, 28)
    assert ce_progress(first).required == 20
    assert ce_progress(second).cycle_start == date(2026, 3, 1)
    assert ce_progress(second).required == 30


def test_a_month_end_cycle_start_and_an_effective_date_a_day_later(holder):
    """Certified 31 January: the rule from 1 February is not in force on the cycle's first day."""
    credential_type = CredentialTypeFactory(
        validity_rule="months", validity_months=12, ce_hours_required=Decimal("10")
    )
    ce_rule_of(credential_type, effective_from=date(2025, 2, 1), hours_per_cycle=Decimal("15"))

    progress = ce_progress(certify(holder, credential_type, date(2025, 1, 31)))

    assert progress.required == 10
    assert progress.rule.effective_from == date(2000, 1, 1)


# Category maximums -----------------------------------------------------------------------


def test_hours_above_a_category_maximum_do_not_count_and_the_working_says_so(holder, presenting):
    credential_type = yearly_type(ce_first_cycle="full")
    ce_category_rule(credential_type, presenting, max_hours=Decimal("10"))
    (credential,) = renewed_yearly(holder, credential_type, 2025, 1)
    ce_record(holder, hours=14, completed_on=date(2025, 4, 1), category=presenting)
    ce_record(holder, hours=3, completed_on=date(2025, 5, 1))

    progress = ce_progress(credential)

    assert (progress.earned_all, progress.earned, progress.to_go) == (17, 13, 7)
    assert progress.working[0] == "20 hours needed; 13 hours earned; 7 hours to go."
    assert (
        "Presenting (tests): at most 10 hours count (this cycle); 14 hours earned, 10 hours "
        "counted, 4 hours not counted." in progress.working
    )


def test_a_maximum_over_two_cycles_counts_the_earlier_cycles_hours_first(holder, presenting):
    credential_type = yearly_type(ce_first_cycle="full")
    ce_category_rule(credential_type, presenting, max_hours=Decimal("10"), every_cycles=2)
    _, second, third = renewed_yearly(holder, credential_type, 2025, 3)
    ce_record(holder, hours=6, completed_on=date(2025, 4, 1), category=presenting)
    ce_record(holder, hours=8, completed_on=date(2026, 4, 1), category=presenting)
    ce_record(holder, hours=9, completed_on=date(2027, 4, 1), category=presenting)

    in_2026 = ce_progress(second)
    in_2027 = ce_progress(third)

    assert (in_2026.caps[0].earlier, in_2026.caps[0].counted) == (6, 4)
    assert in_2026.earned == 4
    # 2027's window is 2026 and 2027: 2026's 8 hours use up 8 of the 10.
    assert (in_2027.caps[0].earlier, in_2027.caps[0].counted) == (8, 2)
    assert "every 2 cycles, counted from January 1, 2026" in " ".join(in_2027.working)


def test_hours_left_out_by_a_maximum_never_carry_forward(holder, presenting):
    credential_type = yearly_type(ce_first_cycle="full", ce_carry_forward_max_hours=Decimal("20"))
    ce_category_rule(credential_type, presenting, max_hours=Decimal("10"))
    _, second = renewed_yearly(holder, credential_type, 2025, 2)
    ce_record(holder, hours=25, completed_on=date(2025, 4, 1), category=presenting)
    ce_record(holder, hours=15, completed_on=date(2025, 5, 1))

    progress = ce_progress(second)

    # 40 earned, 25 counted (10 of presenting + 15): 5 above the 20.
    assert progress.carried_forward == 5
    assert (
        "Carried forward: 25 hours counted in 2025 (of 40 hours earned), 5 hours above the "
        "standard 20 hours." in progress.working
    )


def test_a_minimum_counts_a_capped_category_only_up_to_its_maximum(holder, presenting):
    credential_type = yearly_type(ce_first_cycle="full")
    ce_category_rule(credential_type, presenting, min_hours=Decimal("2"), max_hours=Decimal("3"))
    (credential,) = renewed_yearly(holder, credential_type, 2025, 1)
    ce_record(holder, hours=5, completed_on=date(2025, 4, 1), category=presenting)

    assert ce_progress(credential).categories[0].earned == 3


def test_a_category_rule_needs_a_minimum_or_a_maximum_and_never_a_maximum_below_it(presenting):
    rule = ce_rule_of(CredentialTypeFactory(), hours_per_cycle=Decimal("20"))
    with pytest.raises(ValidationError):
        CECategoryRule(rule=rule, category=presenting).clean()
    with pytest.raises(ValidationError):
        CECategoryRule(rule=rule, category=presenting, min_hours=5, max_hours=2).clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        CECategoryRule.objects.create(rule=rule, category=presenting)
    with pytest.raises(IntegrityError), transaction.atomic():
        CECategoryRule.objects.create(rule=rule, category=presenting, min_hours=5, max_hours=2)


def test_a_pro_rated_after_cutoff_version_needs_a_real_cutoff_day():
    rule = CERuleVersion(
        effective_from=date(2025, 1, 1), source_title="x", first_cycle="prorated_after"
    )
    with pytest.raises(ValidationError, match="month and day"):
        rule.clean()
    rule.first_cycle_cutoff_month, rule.first_cycle_cutoff_day = 2, 30
    with pytest.raises(ValidationError):
        rule.clean()
    rule.first_cycle_cutoff_month, rule.first_cycle_cutoff_day = 7, 1
    rule.clean()


def test_one_version_per_type_and_day():
    credential_type = CredentialTypeFactory()
    ce_rule_of(credential_type, effective_from=date(2025, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        CERuleVersion.objects.create(
            credential_type=credential_type, effective_from=date(2025, 1, 1), source_title="y"
        )


# Reactivation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "window_start"),
    [
        (date(2026, 3, 15), date(2025, 3, 16)),
        (date(2026, 3, 31), date(2025, 4, 1)),  # a month end
        (date(2025, 2, 28), date(2024, 2, 29)),  # back across a leap day
        (date(2024, 2, 29), date(2023, 3, 1)),  # from a leap day
    ],
)
def test_reactivation_counts_the_months_before_the_day(holder, presenting, on, window_start):
    credential_type = CredentialTypeFactory()
    ce_rule_of(credential_type, hours_per_cycle=Decimal("20"), reactivation_hours=Decimal("10"))
    ce_category_rule(credential_type, presenting, max_hours=Decimal("4"))
    ce_record(holder, hours=3, completed_on=window_start)  # the first day counts
    ce_record(holder, hours=5, completed_on=window_start.replace(day=1) - date.resolution)
    ce_record(holder, hours=6, completed_on=on, category=presenting)  # 4 count
    records = approved_ce_records(holder_ids=[holder.pk])[holder.pk]

    progress = reactivation_progress(credential_type, approved_records=records, on=on)

    assert progress.window_start == window_start
    assert (progress.earned_all, progress.earned, progress.to_go) == (9, 7, 3)
    assert not progress.met
    assert "Presenting (tests): at most 4 hours count (in that window)" in progress.working[1]


def test_reactivation_is_judged_by_the_version_in_force_on_the_day(holder):
    credential_type = CredentialTypeFactory()
    ce_rule_of(credential_type, hours_per_cycle=Decimal("20"), reactivation_hours=Decimal("10"))
    ce_rule_of(
        credential_type,
        effective_from=date(2026, 1, 1),
        source_title="Reactivation amended",
        hours_per_cycle=Decimal("20"),
        reactivation_hours=Decimal("20"),
        reactivation_months=24,
    )
    records = []

    before = reactivation_progress(credential_type, approved_records=records, on=date(2025, 12, 31))
    after = reactivation_progress(credential_type, approved_records=records, on=date(2026, 1, 1))

    assert (before.required, after.required) == (10, 20)
    assert after.window_start == date(2024, 1, 2)
    assert after.working[-1].startswith("Rule: Reactivation amended, in force from January 1")


def test_no_reactivation_hours_means_no_reactivation_rule():
    credential_type = CredentialTypeFactory(ce_hours_required=Decimal("20"))
    assert reactivation_progress(credential_type, approved_records=[], on=date(2026, 1, 1)) is None


# The demo types and the admin -------------------------------------------------------------


def test_the_migration_gives_montana_and_icrc_their_own_rules_and_sources(holder):
    cbhpss = CredentialType.objects.get(code="cbhpss")
    icrc = CredentialType.objects.get(code="icrc-peer-recovery")
    (montana,) = rule_versions(cbhpss)
    (peer_recovery,) = rule_versions(icrc)

    assert montana.effective_from == date(2019, 3, 30)
    assert "ARM 24.219.421" in montana.source_title and "RID=40269" in montana.source_url
    assert (montana.hours_per_cycle, montana.first_cycle, montana.carry_forward_max_hours) == (
        20,
        "exempt",
        20,
    )
    assert {
        (r.category.slug, r.min_hours, r.max_hours, r.every_cycles)
        for r in montana.category_rules.all()
    } == {("suicide-prevention", 2, None, 2), ("presenting-authoring", None, 10, 1)}
    assert peer_recovery.source_url == "https://internationalcredentialing.org/icrc-credentials/pr"
    assert (peer_recovery.hours_per_cycle, peer_recovery.first_cycle) == (20, "full")
    assert [(r.category.slug, r.min_hours) for r in peer_recovery.category_rules.all()] == [
        ("ethics", 6)
    ]

    credential = certify(holder, icrc, date(2025, 6, 10))
    ce_record(
        holder,
        hours=4,
        completed_on=date(2026, 1, 5),
        category=CECategory.objects.get(slug="ethics"),
    )
    progress = ce_progress(credential)
    assert (progress.cycle_end, progress.required, progress.earned) == (date(2027, 6, 10), 20, 4)
    assert progress.categories[0].to_go == 2
    assert "internationalcredentialing.org/icrc-credentials/pr" in progress.working[-1]


def test_administrators_edit_ce_rule_versions_in_the_wagtail_admin(client, administrator, peer):
    rule = rule_versions(CredentialType.objects.get(code="cbhpss"))[0]
    edit = reverse("wagtailsnippets_certificates_ceruleversion:edit", args=[rule.pk])

    client.force_login(peer)
    assert client.get(edit).status_code in (302, 403)

    client.force_login(administrator)
    listing = client.get(reverse("wagtailsnippets_certificates_ceruleversion:list"))
    assert listing.status_code == 200
    page = client.get(edit)
    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="effective_from"' in content
    assert 'name="category_rules-0-max_hours"' in content or "category_rules-" in content
    assert 'name="reactivation_hours"' in content


def test_an_administrator_adds_a_version_with_a_category_maximum_in_the_admin(
    client, administrator
):
    cbhpss = CredentialType.objects.get(code="cbhpss")
    presenting = CECategory.objects.get(slug="presenting-authoring")
    client.force_login(administrator)
    form = {
        "credential_type": cbhpss.pk,
        "effective_from": "2027-01-01",
        "source_title": "ARM 24.219.421 as amended (test)",
        "source_url": "https://rules.mt.gov/",
        "source_note": "",
        "hours_per_cycle": "24",
        "first_cycle": "exempt",
        "first_cycle_cutoff_month": "",
        "first_cycle_cutoff_day": "",
        "carry_forward_max_hours": "20",
        "reactivation_hours": "20",
        "reactivation_months": "12",
        "category_rules-TOTAL_FORMS": "1",
        "category_rules-INITIAL_FORMS": "0",
        "category_rules-MIN_NUM_FORMS": "0",
        "category_rules-MAX_NUM_FORMS": "1000",
        "category_rules-0-category": presenting.pk,
        "category_rules-0-min_hours": "",
        "category_rules-0-max_hours": "8",
        "category_rules-0-every_cycles": "1",
        "category_rules-0-ORDER": "1",
        "category_rules-0-DELETE": "",
        "category_rules-0-id": "",
    }
    response = client.post(reverse("wagtailsnippets_certificates_ceruleversion:add"), form)

    assert response.status_code == 302, response.content.decode()[:3000]
    new = CERuleVersion.objects.get(credential_type=cbhpss, effective_from=date(2027, 1, 1))
    assert new.hours_per_cycle == 24 and new.reactivation_hours == 20
    assert [(r.category.slug, r.max_hours) for r in new.category_rules.all()] == [
        ("presenting-authoring", 8)
    ]
    assert [r.effective_from for r in rule_versions(cbhpss)] == [
        date(2019, 3, 30),
        date(2027, 1, 1),
    ]


@pytest.mark.parametrize(
    ("code", "certified_on", "renewed_on", "effective_from"),
    [
        # CBHPSS: yearly to 31 December; a rule from 1 January 2027 judges 2027, not 2026.
        ("cbhpss", date(2025, 8, 15), date(2026, 12, 10), date(2027, 1, 1)),
        # IC&RC PR: two years from certification; a rule from mid-cycle waits for the renewal.
        ("icrc-peer-recovery", date(2024, 6, 10), date(2026, 5, 1), date(2025, 9, 1)),
    ],
)
def test_each_demo_type_judges_cycles_on_either_side_of_a_new_version(
    holder, code, certified_on, renewed_on, effective_from
):
    credential_type = CredentialType.objects.get(code=code)
    (current,) = rule_versions(credential_type)
    ce_rule_of(
        credential_type,
        effective_from=effective_from,
        source_title=f"{code} amended (test)",
        hours_per_cycle=current.hours_per_cycle + 4,
        first_cycle=current.first_cycle,
        carry_forward_max_hours=current.carry_forward_max_hours,
    )
    first = certify(holder, credential_type, certified_on)
    if code == "cbhpss":  # renewed each December: one cycle for 2026 before 2027's
        first = certify(
            holder, credential_type, date(2025, 12, 10), supersedes=first, issued_as=RENEWAL
        )
    renewed = certify(holder, credential_type, renewed_on, supersedes=first, issued_as=RENEWAL)

    before, after = ce_progress(first), ce_progress(renewed)

    assert before.cycle_start < effective_from <= after.cycle_start
    assert before.rule == current and before.required == current.hours_per_cycle
    assert after.rule.source_title == f"{code} amended (test)"
    assert after.required == current.hours_per_cycle + 4
    assert any(line.startswith(f"Rule: {code} amended (test)") for line in after.working)
