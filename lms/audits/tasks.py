"""The work this app's services queue: build an audit packet."""

from celery import shared_task
from django.db import OperationalError

from .packets import audit_packet_build


@shared_task(
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=600,
    time_limit=660,
)
def audit_packet_build_task(packet_id: int) -> None:
    audit_packet_build(packet_id=packet_id)
