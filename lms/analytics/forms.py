from datetime import date

from django import forms

from courses.models import Track


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
        if start and end:
            if end < start:
                raise forms.ValidationError("The period ends before it starts.")
            if (end - start).days > 3 * 366:
                raise forms.ValidationError("Choose a period of at most three years.")
            if start > date.today():
                raise forms.ValidationError("The period starts in the future.")
        return cleaned
