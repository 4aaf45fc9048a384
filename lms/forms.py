from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
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
