"""A funder report: its period and tracks, its figures (counts only) and its files."""

from django.conf import settings
from django.db import models

from certificates.storage import private_storage


class FunderReport(models.Model):
    """Built by a Celery task; reused while the data it counts is unchanged (`data_version`)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being prepared"
        DONE = "done", "Ready"
        FAILED = "failed", "Could not be prepared"

    period_start = models.DateField()
    period_end = models.DateField()
    track_ids = models.JSONField(default=list)
    # The sorted track ids as text, to find an earlier report for the same request.
    tracks_key = models.CharField(max_length=255)
    data_version = models.CharField(max_length=32)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    figures = models.JSONField(default=dict, blank=True)
    pdf = models.FileField(upload_to="funder-reports/", storage=private_storage, blank=True)
    xlsx = models.FileField(upload_to="funder-reports/", storage=private_storage, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="funder_report_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="funder_report_progress_in_range"
            ),
        ]
        indexes = [
            models.Index(fields=["period_start", "period_end", "tracks_key", "data_version"])
        ]

    def __str__(self):
        return f"Funder report {self.period_start} to {self.period_end}"
