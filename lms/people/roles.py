"""The hub's roles. Each is a Django group of the same name, created by a data migration."""

from django.db import models


class Role(models.TextChoices):
    PEER = "Peer"
    TRAINER = "Trainer"
    LEAD_TRAINER = "Lead Trainer"
    SUPERVISOR = "Supervisor"
    HR = "HR"
    ADMINISTRATOR = "Administrator"


# Roles whose members work in the Wagtail admin (authoring, snippets, reports).
ADMIN_ROLES = frozenset({Role.TRAINER, Role.LEAD_TRAINER, Role.HR, Role.ADMINISTRATOR})
