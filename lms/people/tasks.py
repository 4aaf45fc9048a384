"""Celery tasks for people: each calls one service and is safe to run twice."""

from celery import shared_task
from django.db import OperationalError

TRANSIENT = (OperationalError, OSError)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, time_limit=300)
def supervisor_assignments_expire_task() -> int:
    """Daily (beat): remove access for assignments whose end date has come."""
    from .services import supervisor_assignments_expire

    return supervisor_assignments_expire()
