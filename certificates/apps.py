from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _role_permissions(sender, **kwargs):
    from .services.setup import role_permissions_setup

    role_permissions_setup()


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = "Credentials and certificates"

    def ready(self):
        # Model permissions exist only after migrate has run, hence post_migrate.
        post_migrate.connect(_role_permissions, sender=self)
