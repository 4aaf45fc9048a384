"""Celery tasks: each takes ids, calls one service, and is safe to run twice."""

from celery import shared_task
from django.db import OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

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
    from .services.issuance import credential_pdf_render

    credential_pdf_render(credential_id=credential_id, force=force)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, time_limit=600)
def renewals_flag_due_task() -> None:
    from .services.renewals import renewals_flag_due

    renewals_flag_due()


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=8, time_limit=300)
def renewal_reminders_email_task(reminder_ids: list[int]) -> None:
    from .services.renewals import renewal_reminders_email

    renewal_reminders_email(reminder_ids=reminder_ids)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, time_limit=600)
def credentials_without_pdf_sweep_task() -> None:
    from .services.issuance import credentials_without_pdf_requeue

    credentials_without_pdf_requeue()
