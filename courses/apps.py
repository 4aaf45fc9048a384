from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _authoring_setup(sender, **kwargs):
    from .services.authoring import authoring_setup

    authoring_setup()


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses and learning"

    def ready(self):
        # Page rights and the moderation workflow need the permissions Django creates after
        # migrating, so they are set up here rather than in a data migration.
        post_migrate.connect(_authoring_setup, sender=self)
        from . import moderation, signals

        signals.connect()  # keeps the learning pages' cache current (courses.caching)
        moderation.connect()  # one approval email per course import (courses.moderation)
