"""Scheduled jobs (Celery beat): each calls one service and is safe to run twice."""

from celery import shared_task
from django.db import OperationalError

from .services import supervisor_assignments_expire

TRANSIENT = (OperationalError, OSError)


# The name it had in lms/tasks.py: a schedule or message from before the move still finds it.
@shared_task(
    name="lms.tasks.supervisor_assignments_expire_task",
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=5,
    time_limit=300,
)
def supervisor_assignments_expire_task() -> int:
    """Daily (beat): remove access for assignments whose end date has come."""
    return supervisor_assignments_expire()
