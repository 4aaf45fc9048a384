"""How a credential's CE cycles are judged: what each cycle asks, what counts toward it, and
the working shown to the holder. Reads and rules only; CE records are written by
certificates.services.ce.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from lms.core.text import hours_number, hours_text

from .expiry import ValidityRule, add_months
from .models import CECategory, CERecord, CERuleVersion, Credential, FirstCycleCE

# The rules below follow the Montana Board of Behavioral Health's CE rule (ARM 24.219, CE
# requirements: rules.mt.gov/gateway/ShowRuleFile.asp?RID=40269) and make each of its choices a
# setting of a **CE rule version** (`CERuleVersion`), so other bodies' rules fit too, and a
# rule that changes (Montana amended its CE rules effective 30 March 2019 and renumbered its
# rules in 2023) is a new version with its own effective date and source:
#
# - **Which version judges a cycle**: the one in force on the cycle's *first day* (the latest
#   `effective_from` on or before it; a cycle that began before the earliest version is judged
#   by the earliest). A rule is effective from its publication or a later date it names (MCA
#   2-4-306(4)) and Montana law is not retroactive unless it says so (MCA 1-2-109): judging by
#   the first day means a peer knows on day one what the whole cycle asks, and no hour already
#   earned is re-judged by a rule adopted half-way. A rule that says it applies to cycles
#   already under way is entered with that cycle's start as its `effective_from`. An effective
#   date on a cycle's first day applies to that cycle; on its last day, to the next.
#   The previous cycle (for carry-forward) is judged by its own version.
#
# - A **cycle** runs from the credential's issue date, or, for a renewal (which continues its
#   predecessor's chain: `Credential.is_renewal`), from the day after the previous expiry; it
#   ends on the credential's expiry. A retake or a new certification starts a new chain, even
#   when it supersedes an earlier credential: its cycle is a first cycle again.
# - **First cycle** (`CERuleVersion.first_cycle`):
#     full: the standard requirement;
#     exempt: nothing, category minimums included (the Board's "(5) Continuing education
#       requirements will not apply until after the licensee's first renewal");
#     prorated: the standard requirement * months held / months in a full period, rounded
#       up to the quarter hour (see `months_held` and `prorate`);
#     prorated_after: the full requirement when certified on or before the cutoff day of the
#       year of certification, else pro-rated as above (the Montana Peer Network's guide:
#       "may be less if certifying after July 1": cutoff 1 July).
#   A category minimum in a pro-rated first cycle is capped at the cycle's (pro-rated) total,
#   since its hours are "of the 20 hours" (Board rule (4)).
# - **Carry-forward** (Board rule (2): "Licensees completing more than 20 hours of CE may carry
#   forward those hours into the next year. The number of hours carried forward shall not
#   exceed 20"): only into a renewal, only hours earned inside the cycle just ended, only those
#   above that cycle's version's *standard* requirement (`hours_per_cycle`, whatever that
#   cycle itself asked: an exempt or pro-rated first cycle carries only what is above the
#   standard), at most the *receiving* cycle's version's `carry_forward_max_hours` (the cap
#   is what the new cycle accepts). Hours carried into a cycle never carry again: a cycle's
#   surplus is worked out from the hours earned (and counted) in it.
# - A **category maximum** ("no more than 10 hours from presenting or authoring") limits the
#   hours of that category that count, over its own window of N cycles like a minimum: hours
#   of it earned in the window's earlier cycles use up the allowance first (conservatively,
#   whether or not they were needed then). Hours above it are kept in the ledger, counted
#   nowhere (not in the total, not carried), and the working says how many.
# - **Reactivation** from inactive status asks `reactivation_hours` earned in the
#   `reactivation_months` before the day of reactivation, judged by the version in force on
#   that day (one event, one day); category maximums apply over that window.
# - A **category minimum** over N cycles (2 h of suicide prevention "for a licensee's first
#   renewal and every two years thereafter") is judged over its own window: the current cycle
#   and the N-1 cycles of the same chain before it, never before the chain's first issue date.
#   An exempt first cycle requires nothing itself, but hours earned in it are real hours: they
#   count in the next cycle's window, just as its hours above the standard carry forward.
# - An hour of a category counts toward its minimum **and** toward the total: the Board's
#   2 hours of suicide prevention are "of the 20 hours".
#   Carried hours count toward the total only: a category's window already reaches back
#   over the cycles it spans, so a carried hour of it would be counted twice.
#   A category with a maximum counts toward its minimum only up to that maximum.

QUARTER = Decimal("0.25")
ZERO = Decimal("0")


@dataclass
class CategoryProgress:
    category: CECategory
    required: Decimal
    earned: Decimal
    window_start: date
    window_end: date | None = None
    every_cycles: int = 1

    @property
    def met(self) -> bool:
        return self.earned >= self.required

    @property
    def to_go(self) -> Decimal:
        return max(ZERO, self.required - self.earned)


@dataclass
class CategoryCap:
    """A category maximum applied to one cycle: what was earned in it, what counted."""

    category: CECategory
    max_hours: Decimal
    every_cycles: int
    window_start: date
    earlier: Decimal  # hours of the category in the window's earlier cycles
    earned: Decimal  # in this cycle
    counted: Decimal

    @property
    def not_counted(self) -> Decimal:
        return self.earned - self.counted


@dataclass
class CycleHours:
    """One cycle's hours under its own rule version."""

    start: date
    end: date
    rule: CERuleVersion
    earned: Decimal  # every approved hour completed in the cycle
    counted: Decimal  # earned, less what category maximums leave out
    caps: list[CategoryCap] = field(default_factory=list)


@dataclass
class CEProgress:
    credential: Credential
    cycle_start: date
    cycle_end: date
    required: Decimal
    earned: Decimal  # counted hours of this cycle (category maximums applied)
    carried_forward: Decimal
    categories: list[CategoryProgress]
    standard_required: Decimal = ZERO
    first_cycle: bool = False
    # The first-cycle rule applied: "full", "exempt" or "prorated" (None for a renewal).
    first_cycle_rule: str | None = None
    months_held: int | None = None
    period_months: int | None = None
    # The rule version judging this cycle, and the one that judged the cycle just ended.
    rule: CERuleVersion | None = None
    previous_rule: CERuleVersion | None = None
    earned_all: Decimal = ZERO  # before category maximums
    caps: list[CategoryCap] = field(default_factory=list)
    # The cycle just ended (a renewal's), its counted hours, and the part above the standard.
    previous_cycle: tuple[date, date] | None = None
    previous_earned: Decimal | None = None
    previous_earned_all: Decimal | None = None  # before its category maximums
    previous_standard: Decimal | None = None
    working: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.earned + self.carried_forward

    @property
    def to_go(self) -> Decimal:
        return max(ZERO, self.required - self.total)

    @property
    def met(self) -> bool:
        return self.total >= self.required and all(c.met for c in self.categories)

    @property
    def percent(self) -> int:
        if not self.required:
            return 100
        return min(100, round(100 * self.total / self.required))


def period_months(credential_type) -> int:
    """Months in one full period of the type (a fixed calendar date: a year)."""
    if credential_type.validity_rule == ValidityRule.FIXED_DATE:
        return 12
    return credential_type.validity_months or 12


def months_held(start: date, end: date) -> int:
    """Whole or part months from `start` to `end` (both days included): the fewest month
    steps from `start` that pass `end`, so a started month counts as a whole one.

    Against a 31 December expiry: certified 1 or 2 January, 12; 30 June, 7; 1 or 2 July, 6;
    1 or 31 December, 1. Month ends clamp (31 January + 1 month = 28/29 February).
    """
    months = 1
    while add_months(start, months) <= end:
        months += 1
    return months


def prorate(required: Decimal, *, held: int, period: int) -> Decimal:
    """`required` * held / period, rounded *up* to the quarter hour.

    The quarter hour is the unit the hub records CE in (`parse_hours`), so the figure is the
    least a peer can log that is never below their exact share; a whole-hour rounding would
    ask up to 45 minutes more. Integer arithmetic, so no rounding error can tip it over.
    """
    if held >= period:
        return required
    hundredths = int(required * 100)
    quarters = -(-(hundredths * held * 4) // (100 * period))  # ceiling division
    return Decimal(quarters) * QUARTER


def rule_versions(credential_type) -> list[CERuleVersion]:
    """The type's CE rule versions, oldest first (prefetch `ce_rules__category_rules__category`
    to read many types without a query each)."""
    return sorted(credential_type.ce_rules.all(), key=lambda rule: rule.effective_from)


def rule_in_force(rules: list[CERuleVersion], day: date) -> CERuleVersion | None:
    """The version in force on `day`: the latest effective on or before it; before the earliest
    version, the earliest (the oldest rule the hub knows). `rules` oldest first."""
    chosen = rules[0] if rules else None
    for rule in rules:
        if rule.effective_from <= day:
            chosen = rule
    return chosen


def asks_for_ce(rules: list[CERuleVersion]) -> bool:
    return any(rule.hours_per_cycle or rule.category_rules.all() for rule in rules)


def first_cycle_rule(rule: CERuleVersion, issued_on: date) -> str:
    """The first-cycle rule a credential certified on `issued_on` falls under: full, exempt or
    prorated (prorated_after resolves to full or prorated by the cutoff day)."""
    first = rule.first_cycle
    if first == FirstCycleCE.PRORATED_AFTER_CUTOFF:
        cutoff = first_cycle_cutoff(rule, issued_on.year)
        return FirstCycleCE.PRORATED if cutoff and issued_on > cutoff else FirstCycleCE.FULL
    if first in (FirstCycleCE.EXEMPT, FirstCycleCE.PRORATED):
        return first
    return FirstCycleCE.FULL


def first_cycle_cutoff(rule: CERuleVersion, year: int) -> date | None:
    """The rule's cutoff day in `year` (a 29 February cutoff is the 28th in other years)."""
    month, day = rule.first_cycle_cutoff_month, rule.first_cycle_cutoff_day
    if not month or not day or not 1 <= month <= 12:
        return None
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def cycle_start_of(credential: Credential) -> date:
    """Where a credential's CE cycle starts: a renewal continues from the day after its
    predecessor's expiry; a new certification (retakes included) from its issue date."""
    if credential.is_renewal and credential.supersedes.expires_on is not None:
        return credential.supersedes.expires_on + timedelta(days=1)
    return credential.issued_on


def chain_cycles(credential: Credential, count: int) -> list[tuple[Credential, date, date]]:
    """Up to `count` cycles of the credential's chain, newest first: (credential, start, end).

    Walks `supersedes` only through renewals; prefetch `supersedes__supersedes` for three cycles
    (each cycle further back costs a query per credential unless prefetched too).
    """
    cycles = []
    current = credential
    while True:
        cycles.append((current, cycle_start_of(current), current.expires_on))
        if len(cycles) >= count or not current.is_renewal:
            return cycles
        current = current.supersedes


def approved_ce_records(*, holder_ids) -> dict[int, list[CERecord]]:
    """Every approved CE record of these people, by holder (one query)."""
    records: dict[int, list[CERecord]] = {holder_id: [] for holder_id in holder_ids}
    for record in CERecord.objects.filter(
        holder_id__in=holder_ids, status=CERecord.Status.APPROVED
    ).only("holder_id", "completed_on", "hours", "category_id"):
        records[record.holder_id].append(record)
    return records


def _approved_hours(records: list[CERecord], start: date, end: date, category_id=None) -> Decimal:
    return sum(
        (
            record.hours
            for record in records
            if start <= record.completed_on <= end
            and (category_id is None or record.category_id == category_id)
        ),
        ZERO,
    )


def _cycle_hours(records, cycles, index: int, rules) -> CycleHours:
    """Cycle `index` of `cycles` (newest first) under the version in force on its first day,
    with its category maximums applied over their windows."""
    _, start, end = cycles[index]
    rule = rule_in_force(rules, start)
    earned = _approved_hours(records, start, end)
    hours = CycleHours(start=start, end=end, rule=rule, earned=earned, counted=earned)
    for category_rule in rule.category_rules.all():
        if category_rule.max_hours is None:
            continue
        window = cycles[index : index + category_rule.every_cycles]
        window_start = window[-1][1]
        earlier = (
            _approved_hours(
                records, window_start, start - timedelta(days=1), category_rule.category_id
            )
            if window_start < start
            else ZERO
        )
        in_cycle = _approved_hours(records, start, end, category_rule.category_id)
        counted = min(in_cycle, max(ZERO, category_rule.max_hours - earlier))
        hours.counted -= in_cycle - counted
        hours.caps.append(
            CategoryCap(
                category=category_rule.category,
                max_hours=category_rule.max_hours,
                every_cycles=category_rule.every_cycles,
                window_start=window_start,
                earlier=earlier,
                earned=in_cycle,
                counted=counted,
            )
        )
    return hours


def ce_progress(
    credential: Credential,
    *,
    approved_records: list[CERecord] | None = None,
    today: date | None = None,
) -> CEProgress | None:
    """Hours earned against hours required in this credential's cycle, or None if no CE applies.

    The rules are in the comment at the top of this module. Pass `approved_records` (see
    `approved_ce_records`) and prefetch `credential_type__ce_rules__category_rules__category`
    and `supersedes__supersedes` to compute many credentials without a query each.
    """
    credential_type = credential.credential_type
    rules = rule_versions(credential_type)
    if not credential.expires_on or not rules:
        return None
    every = max([1, *(c.every_cycles for r in rules for c in r.category_rules.all())])
    # One cycle more than the longest window, so the previous cycle's window is whole too.
    cycles = chain_cycles(credential, every + 1)
    _, start, end = cycles[0]
    rule = rule_in_force(rules, start)
    standard = rule.hours_per_cycle
    category_rules = list(rule.category_rules.all())
    if not standard and not category_rules:
        return None
    if approved_records is None:
        approved_records = approved_ce_records(holder_ids=[credential.holder_id])[
            credential.holder_id
        ]
    current = _cycle_hours(approved_records, cycles, 0, rules)
    period = period_months(credential_type)
    progress = CEProgress(
        credential=credential,
        cycle_start=start,
        cycle_end=end,
        required=standard,
        earned=current.counted,
        earned_all=current.earned,
        caps=current.caps,
        carried_forward=ZERO,
        categories=[],
        standard_required=standard,
        first_cycle=not credential.is_renewal,
        period_months=period,
        rule=rule,
    )

    if progress.first_cycle:
        first = first_cycle_rule(rule, credential.issued_on)
        progress.first_cycle_rule = first
        if first == FirstCycleCE.EXEMPT:
            progress.required = ZERO
        elif first == FirstCycleCE.PRORATED:
            progress.months_held = min(period, months_held(start, end))
            progress.required = prorate(standard, held=progress.months_held, period=period)
    elif len(cycles) > 1 and cycles[1][2] is not None:
        previous = _cycle_hours(approved_records, cycles, 1, rules)
        progress.previous_cycle = (previous.start, previous.end)
        progress.previous_rule = previous.rule
        progress.previous_earned = previous.counted
        progress.previous_earned_all = previous.earned
        progress.previous_standard = previous.rule.hours_per_cycle
        progress.carried_forward = max(
            ZERO,
            min(previous.counted - previous.rule.hours_per_cycle, rule.carry_forward_max_hours),
        )

    caps = {cap.category.pk: cap for cap in current.caps}
    for category_rule in category_rules:
        if category_rule.min_hours is None:
            continue
        window = cycles[: category_rule.every_cycles]
        window_start = window[-1][1]
        required = category_rule.min_hours
        if progress.first_cycle_rule == FirstCycleCE.EXEMPT:
            required = ZERO
        elif progress.first_cycle_rule == FirstCycleCE.PRORATED and standard:
            # "Of the 20 hours": never more than the pro-rated total itself.
            required = min(required, progress.required)
        earned = _approved_hours(approved_records, window_start, end, category_rule.category_id)
        if category_rule.max_hours is not None:
            cap = caps[category_rule.category_id]
            earned = min(earned, cap.earlier + cap.counted)
        progress.categories.append(
            CategoryProgress(
                category=category_rule.category,
                required=required,
                earned=earned,
                window_start=window_start,
                window_end=end,
                every_cycles=category_rule.every_cycles,
            )
        )
    progress.working = ce_working(progress, today=today or timezone.localdate())
    return progress


# Reactivation ---------------------------------------------------------------------------


@dataclass
class ReactivationProgress:
    rule: CERuleVersion
    on: date
    window_start: date
    required: Decimal
    earned: Decimal  # counted, category maximums applied
    earned_all: Decimal
    caps: list[CategoryCap]
    working: list[str] = field(default_factory=list)

    @property
    def to_go(self) -> Decimal:
        return max(ZERO, self.required - self.earned)

    @property
    def met(self) -> bool:
        return self.earned >= self.required


def reactivation_progress(
    credential_type, *, approved_records: list[CERecord], on: date
) -> ReactivationProgress | None:
    """What reactivating from inactive status on `on` asks, against the hours of the
    `reactivation_months` before it (that day included), by the version in force on `on`.
    None when the type asks no reactivation hours."""
    rule = rule_in_force(rule_versions(credential_type), on)
    if rule is None or not rule.reactivation_hours:
        return None
    window_start = add_months(on, -rule.reactivation_months) + timedelta(days=1)
    earned = _approved_hours(approved_records, window_start, on)
    progress = ReactivationProgress(
        rule=rule,
        on=on,
        window_start=window_start,
        required=rule.reactivation_hours,
        earned=earned,
        earned_all=earned,
        caps=[],
    )
    for category_rule in rule.category_rules.all():
        if category_rule.max_hours is None:
            continue
        in_window = _approved_hours(approved_records, window_start, on, category_rule.category_id)
        counted = min(in_window, category_rule.max_hours)
        progress.earned -= in_window - counted
        progress.caps.append(
            CategoryCap(
                category=category_rule.category,
                max_hours=category_rule.max_hours,
                every_cycles=1,
                window_start=window_start,
                earlier=ZERO,
                earned=in_window,
                counted=counted,
            )
        )
    state = f"{hours_text(progress.to_go)} to go" if progress.to_go else "met"
    progress.working = [
        f"To reactivate on {_day(on)}: {hours_text(progress.required)} earned from "
        f"{_day(window_start)} to {_day(on)} (the {rule.reactivation_months} months before); "
        f"{hours_text(progress.earned)} counted; {state}.",
        *(_cap_line(cap, "in that window") for cap in progress.caps if cap.not_counted),
        _rule_line(rule, "on the day of reactivation"),
    ]
    return progress


# Showing the working --------------------------------------------------------------------


def _day(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def cycle_name(start: date, end: date) -> str:
    """'2026' for a cycle inside one calendar year that ends on 31 December (a fixed-date
    licence's year, its first part-year included); otherwise the dates."""
    if start.year == end.year and (end.month, end.day) == (12, 31):
        return str(end.year)
    return f"the cycle {_day(start)} to {_day(end)}"


def _rule_line(rule: CERuleVersion, when: str) -> str:
    link = f" ({rule.source_url})" if rule.source_url else ""
    return f"Rule: {rule.citation}{link}, the version in force {when}."


def _cap_line(cap: CategoryCap, where: str) -> str:
    window = (
        f"every {cap.every_cycles} cycles, counted from {_day(cap.window_start)}"
        if cap.every_cycles > 1
        else where
    )
    earlier = (
        f" ({hours_text(cap.earlier)} of it earlier in the window already count against it)"
        if cap.earlier
        else ""
    )
    return (
        f"{cap.category.name}: at most {hours_text(cap.max_hours)} count ({window}){earlier}; "
        f"{hours_text(cap.earned)} earned, {hours_text(cap.counted)} counted, "
        f"{hours_text(cap.not_counted)} not counted."
    )


def ce_working(progress: CEProgress, *, today: date) -> list[str]:
    """How the figures were reached, in plain sentences for the holder's pages."""
    credential_type = progress.credential.credential_type
    rule = progress.rule
    standard = progress.standard_required
    lines = []

    if progress.required:
        summary = [f"{hours_text(progress.required)} needed"]
    else:
        summary = ["No CE hours needed this cycle"]
    if progress.previous_cycle and progress.carried_forward:
        summary.append(
            f"{hours_text(progress.carried_forward)} carried from "
            f"{cycle_name(*progress.previous_cycle)}"
        )
    if progress.earned:
        summary.append(f"{hours_text(progress.earned)} earned")
    if progress.required:
        summary.append(f"{hours_text(progress.to_go)} to go" if progress.to_go else "total met")
    lines.append("; ".join(summary) + ".")
    if progress.previous_cycle and today < progress.cycle_start:
        # Renewed early: the new cycle has not begun, and CE until then belongs to the old one.
        lines.append(
            f"This cycle starts on {_day(progress.cycle_start)}. CE you finish before then "
            f"counts for {cycle_name(*progress.previous_cycle)}."
        )

    issued_on = progress.credential.issued_on
    first = progress.first_cycle_rule
    if first == FirstCycleCE.EXEMPT:
        body = f"{credential_type.issuer}'s" if credential_type.issuer else "this credential's"
        lines.append(
            f"First cycle: no CE required before the first renewal ({body} rule). Hours you "
            f"earn now still count: those above the standard {hours_text(standard)} carry "
            "forward."
        )
    elif first == FirstCycleCE.PRORATED and progress.required < standard:
        cutoff = first_cycle_cutoff(rule, issued_on.year)
        after = (
            f", after {cutoff:%B} {cutoff.day}"
            if rule.first_cycle == FirstCycleCE.PRORATED_AFTER_CUTOFF and cutoff
            else ""
        )
        lines.append(
            f"Pro-rated: {_number(progress.required)} of {hours_text(standard)} because "
            f"certified on {_day(issued_on)}{after}: {progress.months_held} of "
            f"{progress.period_months} months held (a started month counts), rounded up to the "
            "quarter hour."
        )
    elif progress.first_cycle and rule.first_cycle in (
        FirstCycleCE.PRORATED,
        FirstCycleCE.PRORATED_AFTER_CUTOFF,
    ):
        cutoff = first_cycle_cutoff(rule, issued_on.year)
        if rule.first_cycle == FirstCycleCE.PRORATED_AFTER_CUTOFF and cutoff:
            reason = f"certified on {_day(issued_on)}, not after {cutoff:%B} {cutoff.day}"
        elif rule.first_cycle == FirstCycleCE.PRORATED_AFTER_CUTOFF:
            reason = "no cutoff day is set for this credential"
        else:
            reason = f"certified on {_day(issued_on)}, a full period"
        lines.append(f"First cycle: the full {hours_text(standard)}, because {reason}.")

    if progress.previous_cycle and rule.carry_forward_max_hours:
        name = cycle_name(*progress.previous_cycle)
        previous_standard = progress.previous_standard
        above = max(ZERO, progress.previous_earned - previous_standard)
        if progress.carried_forward:
            capped = (
                f" (at most {hours_text(rule.carry_forward_max_hours)} carry)"
                if above > progress.carried_forward
                else ""
            )
            earned = (
                f"earned in {name}"
                if progress.previous_earned_all == progress.previous_earned
                else f"counted in {name} (of {hours_text(progress.previous_earned_all)} earned)"
            )
            lines.append(
                f"Carried forward: {hours_text(progress.previous_earned)} {earned}, "
                f"{hours_text(above)} above the standard {hours_text(previous_standard)}{capped}."
            )
        else:
            lines.append(
                f"Nothing carried from {name}: only hours above the standard "
                f"{hours_text(previous_standard)} carry forward, and "
                f"{hours_text(progress.previous_earned)} were earned then."
            )

    for category in progress.categories:
        name = category.category.name
        if not category.required:
            lines.append(f"{name}: not required in the first cycle.")
            continue
        window = (
            f"every {category.every_cycles} cycles, counted from {_day(category.window_start)}"
            if category.every_cycles > 1
            else "this cycle"
        )
        state = f"{hours_text(category.to_go)} to go" if category.to_go else "met"
        lines.append(
            f"{name}: {hours_text(category.required)} needed ({window}); "
            f"{hours_text(category.earned)} earned; {state}. These hours count toward the "
            "total too."
        )
    for cap in progress.caps:
        if cap.earned or cap.earlier:
            lines.append(_cap_line(cap, "this cycle"))
    lines.append(_rule_line(rule, "when this cycle began"))
    if progress.previous_rule is not None and progress.previous_rule is not rule:
        lines.append(
            f"{cycle_name(*progress.previous_cycle).capitalize()} was judged by "
            f"{progress.previous_rule.citation}, the version in force when it began."
        )
    return lines


def _number(hours: Decimal) -> str:
    return hours_number(hours)
