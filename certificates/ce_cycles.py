"""How a credential's CE cycles are judged: what each cycle asks, what counts toward it, and
the working shown to the holder. Reads and rules only; CE records are written by
certificates.services.ce.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from .expiry import ValidityRule, add_months
from .models import CECategory, CERecord, Credential, FirstCycleCE

# The rules below follow the Montana Board of Behavioral Health's CE rule (ARM 24.219, CE
# requirements: rules.mt.gov/gateway/ShowRuleFile.asp?RID=40269) and make each of its choices a
# setting of the credential type, so other bodies' rules fit too:
#
# - A **cycle** runs from the credential's issue date, or, for a renewal (which continues its
#   predecessor's chain: `Credential.is_renewal`), from the day after the previous expiry; it
#   ends on the credential's expiry. A retake or a new certification starts a new chain, even
#   when it supersedes an earlier credential: its cycle is a first cycle again.
# - **First cycle** (`CredentialType.ce_first_cycle`):
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
#   above the type's *standard* requirement (`ce_hours_required`, whatever that cycle itself
#   asked: an exempt or pro-rated first cycle carries only what is above the standard), at
#   most `ce_carry_forward_max_hours`. Hours carried into a cycle never carry again: a cycle's
#   surplus is worked out from the hours earned in it.
# - A **category minimum** over N cycles (2 h of suicide prevention "for a licensee's first
#   renewal and every two years thereafter") is judged over its own window: the current cycle
#   and the N-1 cycles of the same chain before it, never before the chain's first issue date.
#   An exempt first cycle requires nothing itself, but hours earned in it are real hours: they
#   count in the next cycle's window, just as its hours above the standard carry forward.
# - An hour of a category counts toward its minimum **and** toward the total: the Board's
#   2 hours of suicide prevention are "of the 20 hours".
#   Carried hours count toward the total only: a category's window already reaches back
#   over the cycles it spans, so a carried hour of it would be counted twice.

QUARTER = Decimal("0.25")


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
        return max(Decimal("0"), self.required - self.earned)


@dataclass
class CEProgress:
    credential: Credential
    cycle_start: date
    cycle_end: date
    required: Decimal
    earned: Decimal
    carried_forward: Decimal
    categories: list[CategoryProgress]
    standard_required: Decimal = Decimal("0")
    first_cycle: bool = False
    # The first-cycle rule applied: "full", "exempt" or "prorated" (None for a renewal).
    first_cycle_rule: str | None = None
    months_held: int | None = None
    period_months: int | None = None
    # The cycle just ended (a renewal's), its hours, and the part above the standard.
    previous_cycle: tuple[date, date] | None = None
    previous_earned: Decimal | None = None
    working: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.earned + self.carried_forward

    @property
    def to_go(self) -> Decimal:
        return max(Decimal("0"), self.required - self.total)

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


def first_cycle_rule(credential_type, issued_on: date) -> str:
    """The first-cycle rule a credential certified on `issued_on` falls under: full, exempt or
    prorated (prorated_after resolves to full or prorated by the cutoff day)."""
    rule = credential_type.ce_first_cycle
    if rule == FirstCycleCE.PRORATED_AFTER_CUTOFF:
        cutoff = first_cycle_cutoff(credential_type, issued_on.year)
        return FirstCycleCE.PRORATED if cutoff and issued_on > cutoff else FirstCycleCE.FULL
    if rule in (FirstCycleCE.EXEMPT, FirstCycleCE.PRORATED):
        return rule
    return FirstCycleCE.FULL


def first_cycle_cutoff(credential_type, year: int) -> date | None:
    """The type's cutoff day in `year` (a 29 February cutoff is the 28th in other years)."""
    month, day = (
        credential_type.ce_first_cycle_cutoff_month,
        credential_type.ce_first_cycle_cutoff_day,
    )
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

    Walks `supersedes` only through renewals; prefetch `supersedes__supersedes` for two cycles
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
        Decimal("0"),
    )


def ce_progress(
    credential: Credential,
    *,
    approved_records: list[CERecord] | None = None,
    today: date | None = None,
) -> CEProgress | None:
    """Hours earned against hours required in this credential's cycle, or None if no CE applies.

    The rules are in the comment above `CategoryProgress`. Pass `approved_records` (see
    `approved_ce_records`) and prefetch `credential_type__ce_minimums__category` and
    `supersedes__supersedes` to compute many credentials without a query each.
    """
    credential_type = credential.credential_type
    minimums = list(credential_type.ce_minimums.all())
    standard = credential_type.ce_hours_required
    if not credential.expires_on or (not standard and not minimums):
        return None
    if approved_records is None:
        approved_records = approved_ce_records(holder_ids=[credential.holder_id])[
            credential.holder_id
        ]
    cycles = chain_cycles(credential, max([2, *(m.every_cycles for m in minimums)]))
    _, start, end = cycles[0]
    period = period_months(credential_type)
    progress = CEProgress(
        credential=credential,
        cycle_start=start,
        cycle_end=end,
        required=standard,
        earned=_approved_hours(approved_records, start, end),
        carried_forward=Decimal("0"),
        categories=[],
        standard_required=standard,
        first_cycle=not credential.is_renewal,
        period_months=period,
    )

    if progress.first_cycle:
        rule = first_cycle_rule(credential_type, credential.issued_on)
        progress.first_cycle_rule = rule
        if rule == FirstCycleCE.EXEMPT:
            progress.required = Decimal("0")
        elif rule == FirstCycleCE.PRORATED:
            progress.months_held = min(period, months_held(start, end))
            progress.required = prorate(standard, held=progress.months_held, period=period)
    elif len(cycles) > 1:
        _, previous_start, previous_end = cycles[1]
        if previous_end is not None:
            progress.previous_cycle = (previous_start, previous_end)
            progress.previous_earned = _approved_hours(
                approved_records, previous_start, previous_end
            )
            progress.carried_forward = max(
                Decimal("0"),
                min(
                    progress.previous_earned - standard,
                    credential_type.ce_carry_forward_max_hours,
                ),
            )

    for minimum in minimums:
        window = cycles[: minimum.every_cycles]
        window_start = window[-1][1]
        required = minimum.hours
        if progress.first_cycle_rule == FirstCycleCE.EXEMPT:
            required = Decimal("0")
        elif progress.first_cycle_rule == FirstCycleCE.PRORATED and standard:
            # "Of the 20 hours": never more than the pro-rated total itself.
            required = min(required, progress.required)
        progress.categories.append(
            CategoryProgress(
                category=minimum.category,
                required=required,
                earned=_approved_hours(approved_records, window_start, end, minimum.category_id),
                window_start=window_start,
                window_end=end,
                every_cycles=minimum.every_cycles,
            )
        )
    progress.working = ce_working(progress, today=today or timezone.localdate())
    return progress


# Showing the working --------------------------------------------------------------------


def hours_text(hours: Decimal) -> str:
    """'1 hour', '2 hours', '1.5 hours', '0.25 hours'."""
    number = format(Decimal(hours).quantize(Decimal("0.01")), "f").rstrip("0").rstrip(".")
    return f"{number} hour" if number == "1" else f"{number} hours"


def _day(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def cycle_name(start: date, end: date) -> str:
    """'2026' for a cycle inside one calendar year that ends on 31 December (a fixed-date
    licence's year, its first part-year included); otherwise the dates."""
    if start.year == end.year and (end.month, end.day) == (12, 31):
        return str(end.year)
    return f"the cycle {_day(start)} to {_day(end)}"


def ce_working(progress: CEProgress, *, today: date) -> list[str]:
    """How the figures were reached, in plain sentences for the holder's pages."""
    credential_type = progress.credential.credential_type
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
    rule = progress.first_cycle_rule
    if rule == FirstCycleCE.EXEMPT:
        body = f"{credential_type.issuer}'s" if credential_type.issuer else "this credential's"
        lines.append(
            f"First cycle: no CE required before the first renewal ({body} rule). Hours you "
            f"earn now still count: those above the standard {hours_text(standard)} carry "
            "forward."
        )
    elif rule == FirstCycleCE.PRORATED and progress.required < standard:
        cutoff = first_cycle_cutoff(credential_type, issued_on.year)
        after = (
            f", after {cutoff:%B} {cutoff.day}"
            if credential_type.ce_first_cycle == FirstCycleCE.PRORATED_AFTER_CUTOFF and cutoff
            else ""
        )
        lines.append(
            f"Pro-rated: {_number(progress.required)} of {hours_text(standard)} because "
            f"certified on {_day(issued_on)}{after}: {progress.months_held} of "
            f"{progress.period_months} months held (a started month counts), rounded up to the "
            "quarter hour."
        )
    elif progress.first_cycle and credential_type.ce_first_cycle in (
        FirstCycleCE.PRORATED,
        FirstCycleCE.PRORATED_AFTER_CUTOFF,
    ):
        cutoff = first_cycle_cutoff(credential_type, issued_on.year)
        if credential_type.ce_first_cycle == FirstCycleCE.PRORATED_AFTER_CUTOFF and cutoff:
            reason = f"certified on {_day(issued_on)}, not after {cutoff:%B} {cutoff.day}"
        elif credential_type.ce_first_cycle == FirstCycleCE.PRORATED_AFTER_CUTOFF:
            reason = "no cutoff day is set for this credential"
        else:
            reason = f"certified on {_day(issued_on)}, a full period"
        lines.append(f"First cycle: the full {hours_text(standard)}, because {reason}.")

    if progress.previous_cycle and credential_type.ce_carry_forward_max_hours:
        name = cycle_name(*progress.previous_cycle)
        above = max(Decimal("0"), progress.previous_earned - standard)
        if progress.carried_forward:
            capped = (
                f" (at most {hours_text(credential_type.ce_carry_forward_max_hours)} carry)"
                if above > progress.carried_forward
                else ""
            )
            lines.append(
                f"Carried forward: {hours_text(progress.previous_earned)} earned in {name}, "
                f"{hours_text(above)} above the standard {hours_text(standard)}{capped}."
            )
        else:
            lines.append(
                f"Nothing carried from {name}: only hours above the standard "
                f"{hours_text(standard)} carry forward, and {hours_text(progress.previous_earned)}"
                " were earned then."
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
    return lines


def _number(hours: Decimal) -> str:
    return hours_text(hours).split(" ")[0]
