from django.apps import AppConfig


class RetentionConfig(AppConfig):
    """Retention: what the hub keeps, for how long, and the job that forgets the rest (a
    workflow on top of every app whose records it keeps; docs/decisions/0007-retention.md)."""

    name = "lms.retention"
    label = "retention"
    verbose_name = "Retention"
