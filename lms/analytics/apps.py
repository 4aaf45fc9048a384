from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Analytics: charts for trainers, lead trainers, supervisors and funders (a workflow on
    top of people, credentials and learning; it only reads what they record)."""

    name = "lms.analytics"
    label = "analytics"
    verbose_name = "Analytics"

    def ready(self):
        from django.db.backends.signals import connection_created

        from .aggregates import sqlite_median_register

        connection_created.connect(sqlite_median_register, dispatch_uid="analytics_median")
