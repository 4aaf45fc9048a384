from django import forms
from django.utils import timezone

from courses.models import Track
from lms.core.periods import period_check


class FunderReportForm(forms.Form):
    period_start = forms.DateField(
        label="From", widget=forms.DateInput(attrs={"type": "date"}), initial=None
    )
    period_end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))
    tracks = forms.ModelMultipleChoiceField(
        queryset=Track.objects.order_by("sort_order", "name"),
        widget=forms.CheckboxSelectMultiple,
        help_text="The report counts the courses of these tracks.",
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        period_check(start, end)
        if start and start > timezone.localdate():  # the hub's day, not the server's
            raise forms.ValidationError("The period starts in the future.")
        return cleaned
