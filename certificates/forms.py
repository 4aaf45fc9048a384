from django import forms
from django.utils import timezone

from .models import CECategory, Credential, CredentialType
from .selectors import EXPIRY_FILTERS


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


class VerifyCredentialForm(forms.Form):
    """An Open Badges credential: the .jwt or .json file the holder downloaded, or pasted."""

    credential_file = forms.FileField(
        label="Credential file",
        required=False,
        help_text="The open-badge-….jwt (signed) or .json file from the holder.",
    )
    token = forms.CharField(
        label="Or paste the credential",
        required=False,
        max_length=300_000,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocomplete": "off"}),
        help_text="The content of the .jwt file: three parts separated by dots.",
        error_messages={"max_length": "That is larger than any credential the hub issues."},
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("credential_file") and not cleaned.get("token"):
            raise forms.ValidationError("Choose a credential file, or paste the credential.")
        return cleaned


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
        error_messages={"required": "Give a reason for revoking; the holder is told it."},
        help_text=(
            "The holder is told this reason by email and in the hub, and it is kept in the audit "
            "trail. The public page shows only that it was revoked, and when."
        ),
    )
    confirm = forms.BooleanField(
        label="I understand that revoking can't be undone, and that anyone who checks this "
        "certificate will see it as revoked.",
        error_messages={"required": "Tick the box to confirm the revocation."},
    )


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label="Reason for the suspension",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Give a reason for the suspension; the holder is told it."},
        help_text=(
            "While the credential is reviewed, anyone who checks it sees it as suspended. The "
            "holder is told this reason; the public sees only that it is suspended."
        ),
    )


class LiftSuspensionForm(forms.Form):
    note = forms.CharField(
        label="Outcome of the review (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text="Sent to the holder with the news that the suspension is lifted.",
    )


class RecordRenewalForm(forms.Form):
    completed_on = forms.DateField(
        label="Renewal completed on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The date the holder met the renewal requirements.",
    )

    def clean_completed_on(self):
        completed_on = self.cleaned_data["completed_on"]
        if completed_on > timezone.localdate():
            raise forms.ValidationError("The renewal date can't be in the future.")
        if completed_on.year < timezone.localdate().year - 5:
            raise forms.ValidationError("That date is more than five years ago; check the year.")
        return completed_on


class ClaimDatesForm(forms.Form):
    """The dates on a card from another body; on its own, to see what verifying it would record
    before sending it (a safe GET, no file needed)."""

    credential_type = forms.ModelChoiceField(
        queryset=None, label="Credential", empty_label="Choose the credential"
    )
    issued_on = forms.DateField(label="Issued on", widget=forms.DateInput(attrs={"type": "date"}))
    expires_on = forms.DateField(
        label="Expires on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="As printed on the card; leave empty if it doesn't expire or doesn't say.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["credential_type"].queryset = CredentialType.objects.exclude(
            kind=CredentialType.Kind.HUB_COURSE
        )

    def clean(self):
        cleaned = super().clean()
        issued, expires = cleaned.get("issued_on"), cleaned.get("expires_on")
        if issued and issued > timezone.localdate():
            self.add_error("issued_on", "The issue date can't be in the future.")
        if issued and expires and expires < issued:
            self.add_error("expires_on", "The expiry date is before the issue date.")
        return cleaned


class ExternalCredentialForm(ClaimDatesForm):
    """The card itself: its dates, its number and the evidence a supervisor checks."""

    number = forms.CharField(max_length=100, label="Licence or certificate number")
    evidence = forms.FileField(
        label="Evidence", help_text="A photo or scan of the card or certificate: PDF, PNG or JPEG."
    )
    field_order = ["credential_type", "number", "issued_on", "expires_on", "evidence"]


class StaffCredentialFilterForm(forms.Form):
    """The administrators' credential list: search and filters (all optional, all GET)."""

    q = forms.CharField(
        label="Holder, code or title",
        required=False,
        max_length=100,
        help_text="Name, email, certificate code or credential title.",
    )
    credential_type = forms.ModelChoiceField(
        label="Type", queryset=None, required=False, empty_label="All types"
    )
    status = forms.ChoiceField(label="Status", required=False)
    expiry = forms.ChoiceField(label="Expiry", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["credential_type"].queryset = CredentialType.objects.order_by("name")
        self.fields["status"].choices = [("", "All statuses"), *Credential.Status.choices]
        self.fields["expiry"].choices = [("", "Any expiry"), *EXPIRY_FILTERS.items()]
