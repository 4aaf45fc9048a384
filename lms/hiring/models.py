"""Positions the hub hires for and what they require; whether an attestation is on file.

The tables keep the names they had in `certificates` and `lms` (docs/decisions/0006-layers.md).
"""

from django import forms
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from certificates.models import CredentialType
from lms.people.models import User


class Position(ClusterableModel):
    """A job the hub hires for, and the credentials, supervision and attestation it requires."""

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    description = models.TextField(blank=True)
    required_credential_types = ParentalManyToManyField(
        CredentialType,
        blank=True,
        related_name="required_by_positions",
        verbose_name="requires all of",
    )
    requires_supervisor = models.BooleanField(
        default=False, help_text="An active supervisor assignment is required to practise."
    )
    requires_attestation = models.BooleanField(
        default=True, help_text="A lived-experience attestation must be on file."
    )
    applies_to_groups = ParentalManyToManyField(
        "auth.Group",
        blank=True,
        related_name="+",
        verbose_name="applies to roles",
        help_text=("HR's matrix lists everyone in these roles, and anyone who holds a credential."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("required_credential_types", widget=forms.CheckboxSelectMultiple),
        InlinePanel("any_of_groups", label="…and one of each group"),
        FieldRowPanel([FieldPanel("requires_supervisor"), FieldPanel("requires_attestation")]),
        FieldPanel("applies_to_groups", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        ordering = ["name"]
        db_table = "certificates_position"  # its table before it moved here: no data moved

    def __str__(self):
        return self.name


class PositionAnyOfGroup(Orderable, ClusterableModel):
    """At least one credential of this group is required (e.g. MHFA or an equivalent)."""

    position = ParentalKey(Position, on_delete=models.CASCADE, related_name="any_of_groups")
    label = models.CharField(max_length=150, help_text="e.g. 'First aid'")
    credential_types = ParentalManyToManyField(CredentialType, related_name="+")

    panels = [
        FieldPanel("label"),
        FieldPanel("credential_types", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta(Orderable.Meta):
        db_table = "certificates_positionanyofgroup"

    def __str__(self):
        return self.label


class Attestation(models.Model):
    """Whether a lived-experience attestation is on file. Never a diagnosis or history."""

    person = models.OneToOneField(User, on_delete=models.CASCADE, related_name="attestation")
    on_file = models.BooleanField()
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "lms_attestation"  # its table in the people app (lms): no data moved

    def __str__(self):
        return f"Attestation for {self.person}: {'on file' if self.on_file else 'not on file'}"
