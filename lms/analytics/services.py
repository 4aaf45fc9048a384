"""Asking for a funder report: reuse the last one for the same period and tracks while the
data it counts is unchanged, else queue a new one."""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from certificates.tasks import BROKER_UNAVAILABLE

from .models import FunderReport
from .selectors import funder_data_version
from .tasks import funder_report_build_task

logger = logging.getLogger(__name__)
# A report still waiting this long was probably never queued (the broker was down): asking
# again queues it again (the task is safe to run twice).
STALE_QUEUED = timedelta(minutes=10)


def _queue(report_id: int) -> None:
    try:
        funder_report_build_task.delay(report_id)
    except BROKER_UNAVAILABLE as error:
        logger.warning("Funder report %s was not queued: broker unavailable (%s)", report_id, error)


@transaction.atomic
def funder_report_request(*, period_start, period_end, track_ids, acting_user) -> FunderReport:
    track_ids = sorted(int(pk) for pk in track_ids)
    version = funder_data_version()
    existing = (
        FunderReport.objects.filter(
            period_start=period_start,
            period_end=period_end,
            tracks_key=",".join(map(str, track_ids)),
            data_version=version,
        )
        .exclude(status=FunderReport.Status.FAILED)
        .first()
    )
    if existing is not None:
        waiting = existing.status == FunderReport.Status.QUEUED
        if waiting and existing.created_at < timezone.now() - STALE_QUEUED:
            transaction.on_commit(lambda: _queue(existing.pk))
        return existing
    report = FunderReport.objects.create(
        period_start=period_start,
        period_end=period_end,
        track_ids=track_ids,
        tracks_key=",".join(map(str, track_ids)),
        data_version=version,
        requested_by=acting_user,
    )
    # Not delay_on_commit: a broker outage must not fail the request from the on-commit hook.
    transaction.on_commit(lambda: _queue(report.pk))
    return report
