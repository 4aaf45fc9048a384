from django import forms
from django.utils import timezone

from .models import CECategory


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label="Verification code",
        max_length=40,
        help_text="The 16-character code printed on the certificate, e.g. 7K3M-Q9XA-2BHD-W4TN.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class VerifyPdfForm(forms.Form):
    pdf = forms.FileField(
        label="Certificate PDF", help_text="Checks the file is the genuine, unaltered certificate."
    )


class CESubmitForm(forms.Form):
    title = forms.CharField(max_length=255, label="Activity title")
    provider = forms.CharField(max_length=200, label="Provider or sponsor")
    completed_on = forms.DateField(
        label="Date completed", widget=forms.DateInput(attrs={"type": "date"})
    )
    hours = forms.CharField(max_length=10, label="Hours", help_text="In quarter hours, e.g. 1.5")
    category = forms.ModelChoiceField(
        queryset=CECategory.objects.all(), required=False, empty_label="General / not sure"
    )
    evidence = forms.FileField(
        label="Evidence",
        help_text="A certificate or attendance record: PDF, PNG or JPEG, up to 10 MB.",
    )

    def clean_completed_on(self):
        value = self.cleaned_data["completed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("The completion date can't be in the future.")
        return value


class CEReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("reject", "Not accepted")])
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="Kept in the audit trail. The public page shows only that it was revoked.",
    )
