"""Scheduled jobs (Celery beat): each calls one service and is safe to run twice."""

from celery import shared_task
from django.db import OperationalError

from .services import retention_apply

TRANSIENT = (OperationalError, OSError)


@shared_task(
    name="lms.retention.jobs.retention_apply_task",
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=5,
    time_limit=1800,
)
def retention_apply_task() -> dict:
    """Daily (beat): delete or forget what is past its retention period, audited."""
    return {item.policy.key: item.count for item in retention_apply() if item.count}
