from django import forms


class MatrixFilterForm(forms.Form):
    position = forms.ChoiceField(required=False, choices=[])
    status = forms.ChoiceField(
        required=False,
        choices=[("", "Any"), ("met", "Met"), ("missing", "Missing"), ("expiring", "Expiring")],
    )
    within = forms.TypedChoiceField(
        label="Expiring within",
        coerce=int,
        required=False,
        empty_value=30,
        choices=[(30, "30 days"), (60, "60 days"), (90, "90 days")],
    )
    q = forms.CharField(required=False, max_length=100, label="Search by name or email")

    def __init__(self, *args, positions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = [("", "All positions")] + [
            (position.slug, position.name) for position in positions
        ]


class CandidateForm(forms.Form):
    q = forms.CharField(
        max_length=100,
        label="Verification code, name or email",
        help_text="A certificate code finds its holder; otherwise we search names and emails.",
    )


class AttestationForm(forms.Form):
    on_file = forms.TypedChoiceField(
        label="Lived-experience attestation",
        coerce=lambda value: value == "yes",
        choices=[("yes", "On file"), ("no", "Not on file")],
        widget=forms.RadioSelect,
        help_text="Records only whether the signed attestation is on file: never its content.",
    )
