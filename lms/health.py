"""Readiness checks for /healthz: can the hub reach its database and its task broker?"""

from django.conf import settings
from django.db import connection

from .celery import app as celery_app

BROKER_TIMEOUT_SECONDS = 2


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return "unavailable"
    return "ok"


def broker_status() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"  # demo mode: tasks run inside the web process
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS)
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return "unavailable"
    return "ok"
