"""Report periods (a CE roster, a funder report, a supervision report): one rule for what a
period may be."""

from datetime import date, timedelta

from django import forms


def period_check(start: date | None, end: date | None, *, longest_years: int = 3) -> None:
    """Raise the form error for a period that ends before it starts or spans more than
    `longest_years` (leap days allowed for); a missing date is its field's own error."""
    if start and end:
        if end < start:
            raise forms.ValidationError("The period ends before it starts.")
        if end - start > timedelta(days=longest_years * 366):
            raise forms.ValidationError(f"Choose a period of at most {longest_years} years.")
