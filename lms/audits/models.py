"""An audit packet: who asked, for whom (one person, or a sample a board draws), the period,
its progress and the zip (private storage, deleted after the retention period)."""

from django.conf import settings
from django.db import models

from certificates.models import CredentialType
from certificates.storage import private_storage


class AuditPacket(models.Model):
    """Built by a Celery task (`tasks.audit_packet_build_task`); safe to build twice."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        BUILDING = "building", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be prepared"

    class Scope(models.TextChoices):
        PERSON = "person", "One person"
        SAMPLE = "sample", "A random sample"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.PERSON)
    # One person's packet: that person. A sample: empty (the drawn people are in `people`).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A sample: N holders of this credential type, drawn with `seed` from `drawn_from` holders
    # (their ids in ascending order), so the same draw can be made again.
    credential_type = models.ForeignKey(
        CredentialType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sample_size = models.PositiveSmallIntegerField(null=True, blank=True)
    seed = models.CharField(max_length=40, blank=True)
    drawn_from = models.PositiveIntegerField(null=True, blank=True)
    # Everyone in the packet, by user id, in the order drawn (one id for a person's packet).
    people = models.JSONField(default=list)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    zip = models.FileField(upload_to="audit-packets/", storage=private_storage, blank=True)
    zip_sha256 = models.CharField(max_length=64, blank=True)
    zip_size = models.PositiveBigIntegerField(null=True, blank=True)
    signed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="audit_packet_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(progress_done__lte=models.F("progress_total")),
                name="audit_packet_progress_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(scope="person", sample_size__isnull=True)
                | models.Q(scope="sample", sample_size__gte=1),
                name="audit_packet_scope_consistent",
            ),
        ]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return f"Audit packet {self.pk} ({self.period_start} to {self.period_end})"

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 100 if self.status == self.Status.READY else 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.BUILDING)

    @property
    def downloadable(self) -> bool:
        return self.status == self.Status.READY and bool(self.zip)
