"""Supervision sessions: what was discussed, attested by the supervisor, acknowledged by the peer.

Who supervises whom (SupervisorAssignment) is a relation between people that gates access on
every layer, so it lives in lms.people; this app holds the supervision work itself.
"""

from django.db import models

from lms.people.models import User


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
    """A supervision session, kept 7 years. Never deleted; administrators may archive it."""

    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervision_given")
    peer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervision_received")
    held_on = models.DateField()
    duration_minutes = models.PositiveSmallIntegerField()
    topics = models.JSONField(default=list)
    summary = models.TextField()
    supervisor_attested_at = models.DateTimeField(
        help_text="When the supervisor attested that this record is accurate."
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
                condition=models.Q(duration_minutes__gte=5) & models.Q(duration_minutes__lte=480),
                name="supervision_log_duration_in_range",
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
        raise ValueError("Supervision records are never deleted; archive them instead.")
