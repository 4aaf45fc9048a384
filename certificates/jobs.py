"""Scheduled jobs (Celery beat, lms/settings/base.py): each calls one service and is safe to
run twice. Their task names are kept from when they lived in tasks.py, so a schedule or a
queued message from before the move still finds them."""

from celery import shared_task

from .services.issuance import credentials_without_pdf_requeue
from .services.renewals import renewals_flag_due
from .tasks import TRANSIENT


@shared_task(
    name="certificates.tasks.renewals_flag_due_task",
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=5,
    time_limit=600,
)
def renewals_flag_due_task() -> None:
    renewals_flag_due()


@shared_task(
    name="certificates.tasks.credentials_without_pdf_sweep_task",
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=5,
    time_limit=600,
)
def credentials_without_pdf_sweep_task() -> None:
    credentials_without_pdf_requeue()
