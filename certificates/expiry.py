"""Date arithmetic of credential validity: pure functions, no database.

Renewal counts from the old expiry date, so renewing early never loses time.
"""

import calendar
from datetime import date, timedelta

from django.db import models


class ValidityRule(models.TextChoices):
    NONE = "none", "Does not expire"
    MONTHS = "months", "A number of months after issue"
    FIXED_DATE = "fixed_date", "A fixed calendar date (e.g. every 31 December)"
    END_OF_ANNIVERSARY_MONTH = "end_of_month", "End of the anniversary month"


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


def compute_expiry(
    *,
    rule: str,
    issued_on: date,
    months: int | None = None,
    fixed_month: int | None = None,
    fixed_day: int | None = None,
    previous_expiry: date | None = None,
) -> date | None:
    """When a credential issued on `issued_on` expires under `rule` (a ValidityRule value).

    With `previous_expiry` (a renewal), the new period starts from the old expiry instead of
    the renewal date.
    """
    if rule == ValidityRule.NONE:
        return None
    start = previous_expiry or issued_on
    if rule == ValidityRule.MONTHS:
        return add_months(start, months)
    if rule == ValidityRule.END_OF_ANNIVERSARY_MONTH:
        return end_of_month(add_months(start, months))
    if rule == ValidityRule.FIXED_DATE:
        return next_fixed_date(
            start, month=fixed_month, day=fixed_day, inclusive=previous_expiry is None
        )
    raise ValueError(f"Unknown validity rule {rule!r}")


def days_between(start: date, end: date) -> int:
    return (end - start).days


def cycle_start(*, issued_on: date, previous_expiry: date | None) -> date:
    """The first day a credential's CE cycle counts from."""
    return previous_expiry + timedelta(days=1) if previous_expiry else issued_on
