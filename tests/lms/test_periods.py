"""The one rule for report periods (CE roster, funder report, supervision report)."""

from datetime import date

import pytest
from django import forms

from lms.core.periods import period_check


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [
        (date(2026, 3, 1), date(2026, 3, 1), 3),  # one day
        (date(2024, 1, 1), date(2027, 1, 1), 3),  # three years across a leap day
        (date(2024, 2, 29), date(2027, 2, 28), 3),
        (date(2019, 1, 1), date(2026, 1, 1), 7),  # the supervision records' seven years
        (None, date(2026, 1, 1), 3),  # a missing date is its field's error, not this one's
    ],
)
def test_periods_that_are_allowed(start, end, years):
    period_check(start, end, longest_years=years)


@pytest.mark.parametrize(
    ("start", "end", "years", "message"),
    [
        (date(2026, 3, 2), date(2026, 3, 1), 3, "ends before it starts"),
        (date(2023, 1, 1), date(2026, 1, 5), 3, "at most 3 years"),
        (date(2018, 1, 1), date(2026, 1, 1), 7, "at most 7 years"),
    ],
)
def test_periods_that_are_refused_say_why(start, end, years, message):
    with pytest.raises(forms.ValidationError, match=message):
        period_check(start, end, longest_years=years)
