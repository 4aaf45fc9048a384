from datetime import timedelta

from django import forms

from certificates.expiry import add_months
from certificates.models import CredentialType

from .services import LONGEST_YEARS, SAMPLE_MAX


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        legal = obj.certificate_name
        return (
            f"{obj.preferred_name} ({legal})" if legal and legal != obj.preferred_name else str(obj)
        )


def default_period(today):
    """The three years to today: the Board's shortest keeping period for CE records."""
    return add_months(today, -36) + timedelta(days=1), today


class PeriodForm(forms.Form):
    period_start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end:
            if end < start:
                raise forms.ValidationError("The period ends before it starts.")
            if (end - start).days > LONGEST_YEARS * 366:
                raise forms.ValidationError(f"Choose a period of at most {LONGEST_YEARS} years.")
        return cleaned


class PersonPacketForm(PeriodForm):
    """One person's packet; `people` is who the requester may choose (oneself at least)."""

    person = PersonChoiceField(queryset=None, empty_label=None, label="Whose records")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.order_fields(["person", "period_start", "period_end"])


class SamplePacketForm(PeriodForm):
    """A board's random sample: administrators only."""

    credential_type = forms.ModelChoiceField(
        queryset=CredentialType.objects.order_by("name"),
        label="Holders of",
        help_text="People are drawn from everyone holding a current credential of this type.",
    )
    size = forms.IntegerField(
        label="How many people", min_value=1, max_value=SAMPLE_MAX, initial=10
    )
    seed = forms.IntegerField(
        label="Seed (optional)",
        required=False,
        min_value=0,
        max_value=2**63 - 1,
        help_text="Leave empty for a new draw; enter an earlier packet's seed to repeat its draw.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["credential_type", "size", "period_start", "period_end", "seed"])
