from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo hub (`manage.py seed_demo`): the top layer, composing every other app."""

    name = "lms.demo"
    label = "demo"
    verbose_name = "Demo data"
