from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _role_permissions(sender, **kwargs):
    from .services.setup import role_permissions_setup

    role_permissions_setup()


class HiringConfig(AppConfig):
    """Hiring: positions and their prerequisites, HR's matrix and candidate check, and the
    lived-experience attestation (a workflow on top of people, credentials and learning)."""

    name = "lms.hiring"
    label = "hiring"
    verbose_name = "Hiring"

    def ready(self):
        post_migrate.connect(_role_permissions, sender=self)
