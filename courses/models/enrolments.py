from django.conf import settings
from django.db import models
from django.db.models import Q


class Enrolment(models.Model):
    """A learner taking a course. Completion happens once and links the certificate it earned."""

    class Status(models.TextChoices):
        ACTIVE = "active", "In progress"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"
        # Left a live course part-way; a trainer gave a certificate for the hours attended
        # (where the course's credential type allows partial credit).
        PARTIAL = "partial", "Partial credit for time attended"

    # Enrolments that ended before completion: no more attendance or progress is recorded
    # (a partial credit's certificate printed the hours as they were).
    CLOSED_EARLY = (Status.WITHDRAWN, Status.PARTIAL)

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="enrolments"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the learner enrolled themselves.",
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    credential = models.OneToOneField(
        "certificates.Credential",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolment",
    )

    class Meta:
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="enrolment_once_per_course"),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="enrolment_completed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="partial")
                | (Q(completed_at__isnull=False) & Q(credential__isnull=False)),
                name="enrolment_partial_has_date_and_certificate",
            ),
        ]

    def __str__(self):
        return f"{self.learner} in {self.course_id}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE
