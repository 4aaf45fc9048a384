from datetime import date

from django import forms
from django.utils import timezone

from lms.core.periods import period_check
from lms.people.models import User
from lms.people.roles import Role

from .models import ATTESTATION_TEXT, INCREMENT_MINUTES, SESSION_MINUTES, SupervisionTopic


class SupervisionLogForm(forms.Form):
    held_on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    duration_minutes = forms.TypedChoiceField(
        label="Duration",
        coerce=int,
        choices=[
            (
                minutes,
                f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min",
            )
            for minutes in range(SESSION_MINUTES[0], SESSION_MINUTES[1] + 1, INCREMENT_MINUTES)
        ],
        initial=60,
        help_text="In 15-minute steps, as Montana's supervision records are kept.",
    )
    topics = forms.MultipleChoiceField(
        choices=[], widget=forms.CheckboxSelectMultiple, label="Topics discussed"
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="A short, respectful summary. The peer can read it.",
    )
    attested = forms.BooleanField(label=ATTESTATION_TEXT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = SupervisionTopic.choices

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("A supervision session can't be in the future.")
        return value


class AssignmentForm(forms.Form):
    supervisor = forms.ModelChoiceField(queryset=None)
    peer = forms.ModelChoiceField(queryset=None)
    override_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text="Administrators only: why a supervisor without the qualification is assigned.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = User.objects.filter(is_active=True).order_by("preferred_name")
        self.fields["supervisor"].queryset = active.filter(groups__name=Role.SUPERVISOR)
        self.fields["peer"].queryset = active.filter(groups__name=Role.PEER)


class ReportPeriodForm(forms.Form):
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        # Supervision records are kept 7 years: a report may cover all of them.
        period_check(cleaned.get("start"), cleaned.get("end"), longest_years=7)
        return cleaned


class HoursWorkedForm(forms.Form):
    month = forms.DateField(
        label="Month",
        widget=forms.DateInput(attrs={"type": "month"}),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        help_text="The hours are for the whole month.",
    )
    hours = forms.DecimalField(
        label="Hours worked",
        min_value=0,
        max_value=744,
        decimal_places=2,
        max_digits=5,
        widget=forms.NumberInput(attrs={"step": "0.25"}),
    )

    def clean_month(self) -> date:
        return self.cleaned_data["month"].replace(day=1)
