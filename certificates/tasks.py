"""Celery tasks the services queue: each takes ids, does one piece of work, and is safe to
run twice. The scheduled jobs (beat) that call services are in jobs.py."""

from celery import shared_task
from django.db import OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .pdfs import credential_pdf_render
from .reminders import renewal_reminders_email

TRANSIENT = (OperationalError, OSError)
# What queueing a task raises when the broker is down or stops answering: kombu wraps
# connection errors in its OperationalError once the publish retries run out; redis-py's
# own errors and socket errors can still escape on some paths.
BROKER_UNAVAILABLE = (BrokerOperationalError, RedisConnectionError, RedisTimeoutError, OSError)


@shared_task(
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=8,
    soft_time_limit=120,
    time_limit=180,
)
def credential_render_pdf_task(credential_id: int, force: bool = False) -> None:
    credential_pdf_render(credential_id=credential_id, force=force)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=8, time_limit=300)
def renewal_reminders_email_task(reminder_ids: list[int]) -> None:
    renewal_reminders_email(reminder_ids=reminder_ids)
