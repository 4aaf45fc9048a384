from django.apps import AppConfig


class AuditsConfig(AppConfig):
    """Audit packets: one zip per person (or board sample) with what a CE or supervision audit
    asks for, built in a Celery task (a workflow on top of people, credentials, learning and
    supervision; it only reads what they record)."""

    name = "lms.audits"
    label = "audits"
    verbose_name = "Audit packets"
