from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from .emails import normalise_email
from .models import User


class NormalisedEmailField(forms.EmailField):
    """An email field that reads any spelling of an address as its one normalised spelling
    (lms.people.emails) before validating it: full-width letters or a long s name the same address
    here as in the account lookup and the sign-in lockout."""

    def to_python(self, value):
        return normalise_email(super().to_python(value))


class SignInForm(AuthenticationForm):
    username = NormalisedEmailField(
        label="Email",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "That email and password don't match an account. Check both and try again "
            "(the password is case-sensitive)."
        ),
    }


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, recovery_allowed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if recovery_allowed:
            self.fields[
                "code"
            ].help_text = (
                "The 6 digits your authenticator app shows now, or one of your recovery codes."
            )
        else:
            self.fields["code"].help_text = "The 6 digits the app shows after you add the hub."
            self.fields["code"].widget.attrs["inputmode"] = "numeric"


class HubPasswordResetForm(PasswordResetForm):
    """Django's reset form, finding the account by the one normalised spelling (lms.people.emails)
    with an exact match: never `iexact`, whose UPPER() folds look-alike letters together."""

    email = NormalisedEmailField(
        label="Email", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def get_users(self, email):
        for user in User.objects.by_email(email).filter(is_active=True):
            if user.has_usable_password():
                yield user
