"""The work this app's services queue: build a funder report (figures, PDF, XLSX)."""

from celery import shared_task
from django.db import OperationalError

from .exports import funder_report_build


@shared_task(
    autoretry_for=(OperationalError, OSError),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=120,
    time_limit=180,
)
def funder_report_build_task(report_id: int) -> None:
    funder_report_build(report_id=report_id)
