"""Date rules of credential validity and recertification: pure functions, no database.

Every route that renews a credential (the holder's request, a refresher course, a verified
outside card, an administrator) asks `recertification_decide` what to issue. The vocabulary
is Totara's recertification model:

- the **date basis** of a renewal: the previous expiry (the default: renewing early loses
  nothing), the completion date, or a fixed schedule (the original anniversaries, kept even
  after a lapse);
- the **rule** of one period: none, N months, a fixed calendar date (31 December: a renewal
  before it gives the *next* 31 December), or the end of the anniversary month;
- the **window**: a renewal is accepted from `window_days` before expiry until the end of the
  grace period. Earlier, the type either refuses (saying when the window opens) or takes it as
  a *retake*: a new certification counted from the completion date, never one that stacks
  periods. Past grace, anything new is a new certification.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models


class ValidityRule(models.TextChoices):
    NONE = "none", "Does not expire"
    MONTHS = "months", "A number of months after issue"
    FIXED_DATE = "fixed_date", "A fixed calendar date (e.g. every 31 December)"
    END_OF_ANNIVERSARY_MONTH = "end_of_month", "End of the anniversary month"


class DateBasis(models.TextChoices):
    PREVIOUS_EXPIRY = "previous_expiry", "The previous expiry date (renewing early loses nothing)"
    COMPLETION = "completion", "The completion date"
    FIXED = "fixed", "A fixed schedule (the original anniversaries, even after a lapse)"


class OutOfWindow(models.TextChoices):
    REFUSE = "refuse", "Refuse, and say when the window opens"
    RETAKE = "retake", "Accept as a retake: a new certification from the completion date"


class RenewalRefused(Exception):
    """A renewal the rules do not allow; `message` says why (and when it will be allowed)."""

    def __init__(self, message: str, *, window_opens_on: date | None = None):
        super().__init__(message)
        self.message = message
        self.window_opens_on = window_opens_on


@dataclass(frozen=True)
class RecertificationRules:
    validity_rule: str
    months: int | None = None
    fixed_month: int | None = None
    fixed_day: int | None = None
    window_days: int = 90
    grace_days: int = 0
    basis: str = DateBasis.PREVIOUS_EXPIRY
    out_of_window: str = OutOfWindow.REFUSE

    @property
    def expires(self) -> bool:
        return self.validity_rule != ValidityRule.NONE

    def shortest_period_days(self) -> int | None:
        """The fewest days one period can last (28-day Februaries); None when it never ends."""
        if not self.expires:
            return None
        if self.validity_rule == ValidityRule.FIXED_DATE:
            return 365
        months = self.months or 0
        return 365 * (months // 12) + 28 * (months % 12)


@dataclass(frozen=True)
class Recertification:
    """What to issue: a renewal continues the chain; a new certification starts one."""

    issued_as: str  # "renewal" or "new" (Credential.IssuedAs)
    expires_on: date | None
    replaces_current: bool
    window_opens_on: date | None = None

    @property
    def is_renewal(self) -> bool:
        return self.issued_as == "renewal"


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def end_of_month(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def next_fixed_date(after: date, *, month: int, day: int, inclusive: bool) -> date:
    """The first `month`/`day` on or after (inclusive) or strictly after `after`."""
    candidate = date(after.year, month, day)
    if candidate < after or (candidate == after and not inclusive):
        candidate = date(after.year + 1, month, day)
    return candidate


def one_period_from(rules: RecertificationRules, start: date) -> date | None:
    """The end of one period counted from `start`, always after it.

    A fixed date is the *next* one after `start`: a renewal from a 31 December expiry reaches
    the next 31 December, and a first certification on 31 December runs a year rather than
    expiring the day it is issued.
    """
    if rules.validity_rule == ValidityRule.NONE:
        return None
    if rules.validity_rule == ValidityRule.MONTHS:
        return add_months(start, rules.months)
    if rules.validity_rule == ValidityRule.END_OF_ANNIVERSARY_MONTH:
        return end_of_month(add_months(start, rules.months))
    if rules.validity_rule == ValidityRule.FIXED_DATE:
        return next_fixed_date(start, month=rules.fixed_month, day=rules.fixed_day, inclusive=False)
    raise ValueError(f"Unknown validity rule {rules.validity_rule!r}")


def compute_expiry(*, rules: RecertificationRules, completed_on: date) -> date | None:
    """The expiry of a new certification completed on `completed_on`."""
    return one_period_from(rules, completed_on)


def renewal_window_opens(rules: RecertificationRules, expires_on: date) -> date:
    return expires_on - timedelta(days=rules.window_days)


def renewable_until(rules: RecertificationRules, expires_on: date) -> date:
    """The last day a credential can still be renewed: its expiry plus the grace days."""
    return expires_on + timedelta(days=rules.grace_days)


def renewal_expiry(rules: RecertificationRules, *, previous: date, completed_on: date) -> date:
    if rules.basis == DateBasis.COMPLETION:
        if rules.validity_rule == ValidityRule.FIXED_DATE:
            # The next 31 December after the one being renewed, whenever the renewal is done.
            return one_period_from(rules, max(previous, completed_on))
        return one_period_from(rules, completed_on)
    # Previous expiry and fixed schedule agree inside the window and grace: one period on.
    return one_period_from(rules, previous)


def _next_on_schedule(rules: RecertificationRules, *, anchor: date, completed_on: date) -> date:
    """The first date of the schedule running through `anchor` that falls after `completed_on`."""
    expiry = anchor
    while expiry <= completed_on:
        expiry = one_period_from(rules, expiry)
    return expiry


def recertification_decide(
    *,
    rules: RecertificationRules,
    completed_on: date,
    current_expires_on: date | None = None,
    has_current: bool = False,
    last_expires_on: date | None = None,
) -> Recertification:
    """Renewal, new certification, or a refusal (`RenewalRefused`), and the new expiry.

    `has_current`/`current_expires_on`: the holder's current credential of the type (active or
    renewal due; it may already be past its expiry, in grace or beyond). `last_expires_on`:
    the latest expiry of the holder's chain, for a fixed schedule after a lapse.
    """
    if not rules.expires:
        if has_current:
            raise RenewalRefused("This credential does not expire, so it never needs renewing.")
        return Recertification(issued_as="new", expires_on=None, replaces_current=False)

    if has_current and current_expires_on is not None:
        if completed_on <= renewable_until(rules, current_expires_on):
            opens_on = renewal_window_opens(rules, current_expires_on)
            if completed_on >= opens_on:
                return Recertification(
                    issued_as="renewal",
                    expires_on=renewal_expiry(
                        rules, previous=current_expires_on, completed_on=completed_on
                    ),
                    replaces_current=True,
                    window_opens_on=opens_on,
                )
            if rules.out_of_window == OutOfWindow.RETAKE:
                return Recertification(
                    issued_as="new",
                    expires_on=compute_expiry(rules=rules, completed_on=completed_on),
                    replaces_current=True,
                    window_opens_on=opens_on,
                )
            raise RenewalRefused(
                f"Too early to renew: the renewal window opens on {opens_on:%B %-d, %Y} "
                f"({rules.window_days} days before it expires on "
                f"{current_expires_on:%B %-d, %Y}).",
                window_opens_on=opens_on,
            )
        last_expires_on = max(last_expires_on or current_expires_on, current_expires_on)

    # Nothing current, or past its grace: a new certification starts a new chain.
    if rules.basis == DateBasis.FIXED and last_expires_on is not None:
        expires_on = _next_on_schedule(rules, anchor=last_expires_on, completed_on=completed_on)
    else:
        expires_on = compute_expiry(rules=rules, completed_on=completed_on)
    return Recertification(issued_as="new", expires_on=expires_on, replaces_current=has_current)


def status_on(
    *,
    stored_status: str,
    expires_on: date | None,
    today: date,
    window_days: int,
    grace_days: int,
    suspended: bool = False,
) -> str:
    """One status word for a day, decided by dates: the same on every page and in verification.

    active → renewal_due (inside the window) → in_grace (after expiry, within the grace days)
    → expired. Revoked and superseded are final. A suspension (under review) holds whatever
    the dates say until it is lifted, when the dates decide again.
    """
    if stored_status in ("revoked", "superseded"):
        return stored_status
    if suspended:
        return "suspended"
    if expires_on is None:
        return "expired" if stored_status == "expired" else "active"
    if today > expires_on + timedelta(days=grace_days):
        return "expired"
    if today > expires_on:
        return "in_grace"
    if stored_status == "expired":
        return "expired"
    if today >= expires_on - timedelta(days=window_days):
        return "renewal_due"
    return "active"


def cycle_start(*, issued_on: date, previous_expiry: date | None) -> date:
    """The first day a credential's CE cycle counts from."""
    return previous_expiry + timedelta(days=1) if previous_expiry else issued_on
