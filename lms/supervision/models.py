"""Supervision sessions: what was discussed, attested by the supervisor, acknowledged by the peer.

Who supervises whom (SupervisorAssignment) is a relation between people that gates access on
every layer, so it lives in lms.people; this app holds the supervision work itself.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from certificates.models import CredentialType
from lms.people.models import User

# Montana keeps supervision records in 15-minute increments, for 7 years (ARM 24.219; the domain
# brief, docs/decisions/0007-retention.md). A session is 15 minutes to 8 hours.
INCREMENT_MINUTES = 15
SESSION_MINUTES = (15, 480)
# The words a supervisor attests to, stored with each record as they stood when attested.
ATTESTATION_TEXT = (
    "I attest that I supervised this peer on the date and for the time recorded here, that the "
    "topics and summary are an accurate record of our supervision session, and that I am their "
    "supervisor."
)
# What the form said before the words were stored (issue #17): the earlier records' wording.
ATTESTATION_TEXT_BEFORE_2026 = "I attest that this record of our supervision session is accurate."


class SupervisionTopic(models.TextChoices):
    """Supervision discussion topics, from the peer-support implementation guide."""

    FEEDBACK = "feedback", "Sharing constructive feedback"
    GOALS = "goals", "Professional goals and growth"
    WELLNESS = "wellness", "Workplace wellness"
    LEARNING = "learning", "Learning and development opportunities"
    REFLECTION = "reflection", "Reflective, values-based practice"
    ROLE_CLARITY = "role_clarity", "Role clarity"
    RELATIONSHIPS = "relationships", "Relationships with non-peer staff"
    PRACTICE = "practice", "Guidance on practice situations"
    STRENGTHS = "strengths", "Validation and strengths"
    WORKLOAD = "workload", "Program goals and workload"
    POLICY = "policy", "Policies and procedures"
    ETHICS = "ethics", "Ethics and boundaries"
    TIME = "time_management", "Time management"
    ACCOMMODATIONS = "accommodations", "Accommodations"


class SupervisionLog(models.Model):
    """A supervision session, kept 7 years. No person deletes it (administrators may archive
    it); the retention job (lms.retention) deletes it once 7 years have passed."""

    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervision_given")
    peer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervision_received")
    held_on = models.DateField()
    duration_minutes = models.PositiveSmallIntegerField()
    topics = models.JSONField(default=list)
    summary = models.TextField()
    duration_minutes_as_recorded = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=(
            "The minutes first recorded, where they were not a 15-minute increment and the "
            "duration was rounded (lms.supervision 0002); empty otherwise."
        ),
    )
    supervisor_attested_at = models.DateTimeField(
        help_text="When the supervisor attested that this record is accurate."
    )
    attestation_text = models.TextField(
        default=ATTESTATION_TEXT, help_text="The exact words the supervisor attested to."
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    archived_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=15) & models.Q(duration_minutes__lte=480),
                name="supervision_log_duration_in_range",
            ),
            # 15-minute increments (ARM 24.219): the database refuses anything else.
            models.CheckConstraint(
                condition=models.Q(duration_minutes__in=range(15, 481, INCREMENT_MINUTES)),
                name="supervision_log_duration_quarter_hours",
            ),
            models.CheckConstraint(
                condition=~models.Q(supervisor=models.F("peer")), name="supervision_log_not_self"
            ),
        ]
        indexes = [models.Index(fields=["peer", "held_on"], name="lms_supervi_peer_id_663ff9_idx")]
        # The table it had in the people app (lms): moving the model moved no data.
        db_table = "lms_supervisionlog"

    def __str__(self):
        return f"Supervision of {self.peer} on {self.held_on}"

    @property
    def topic_labels(self) -> list[str]:
        """The topics in words ("Role clarity"), never the stored codes ("role_clarity")."""
        labels = dict(SupervisionTopic.choices)
        return [labels.get(topic, topic) for topic in self.topics]

    def delete(self, *args, **kwargs):
        # Invariant: supervision records are retained (7 years in Montana); archive instead.
        # Only lms.retention removes them, past their period, with a queryset delete.
        raise ValueError("Supervision records are never deleted; archive them instead.")


class HoursWorked(models.Model):
    """The hours a peer worked in a month, entered by their supervisor, HR or an administrator,
    so supervision can be set against them (a credential type's supervision ratio)."""

    peer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="hours_worked")
    month = models.DateField(help_text="The first day of the month.")
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("744"))],
    )
    entered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month"]
        verbose_name_plural = "hours worked"
        constraints = [
            models.UniqueConstraint(fields=["peer", "month"], name="hours_worked_one_per_month"),
            # At most every hour of a 31-day month.
            models.CheckConstraint(
                condition=models.Q(hours__gte=0) & models.Q(hours__lte=744),
                name="hours_worked_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.peer}: {self.hours} hours worked in {self.month:%B %Y}"


class SupervisionRatio(models.Model):
    """A credential type's supervision ratio: one hour of supervision for every N hours worked.

    Kept here, above credentials, rather than on CredentialType: the ratio is supervision's
    rule about a credential (docs/decisions/0006-layers.md: the relation goes below, the work
    above). Montana's older rules asked about 1 hour per 20 hours worked."""

    credential_type = models.OneToOneField(
        CredentialType, on_delete=models.CASCADE, related_name="supervision_ratio"
    )
    hours_worked_per_hour = models.PositiveSmallIntegerField(
        "hours worked for each hour of supervision",
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    source = models.CharField(max_length=300, blank=True, help_text="Where the ratio comes from.")

    class Meta:
        ordering = ["credential_type__name"]

    def __str__(self):
        return f"{self.credential_type}: 1 hour per {self.hours_worked_per_hour} hours worked"
