from django import forms
from django.utils import timezone

from lms.people.models import User
from lms.people.roles import Role

from .models import SupervisionTopic


class SupervisionLogForm(forms.Form):
    held_on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    duration_minutes = forms.IntegerField(
        label="Duration (minutes)", min_value=5, max_value=480, initial=60
    )
    topics = forms.MultipleChoiceField(
        choices=[], widget=forms.CheckboxSelectMultiple, label="Topics discussed"
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="A short, respectful summary. The peer can read it.",
    )
    attested = forms.BooleanField(
        label="I attest that this record of our supervision session is accurate."
    )

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
