from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    """Supervision: assignments, session records and the supervisor's screens (a workflow on
    top of people, credentials and learning)."""

    name = "lms.supervision"
    label = "supervision"
    verbose_name = "Supervision"
