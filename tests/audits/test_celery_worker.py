"""A real Celery worker builds the audit packet a request queues, with its progress saved."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from lms.audits.models import AuditPacket
from lms.audits.services import audit_packet_request
from tests.audits.helpers import ce_record, checked_manifest, supervision, unpack
from tests.celery_support import worker_log, worker_on_own_broker

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A Redis database of its own, so no other test's messages reach this worker.
WORKER_BROKER_URL = "redis://127.0.0.1:6379/11"
WAIT_SECONDS = 90


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    with worker_on_own_broker(
        broker_url=WORKER_BROKER_URL, log_path=tmp_path / "worker.log"
    ) as worker:
        yield worker


def test_a_worker_builds_the_packet_queued_by_a_request(celery_worker, holder, supervisor):
    today = timezone.localdate()
    ce_record(holder, day=today - timedelta(days=5), title="Workshop", marker="WORKER")
    supervision(supervisor, holder, day=today - timedelta(days=2), summary="Session notes.")
    packet = audit_packet_request(
        person=holder,
        period_start=today - timedelta(days=365),
        period_end=today,
        acting_user=holder,
    )  # autocommit: queued on commit, to the worker

    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        packet.refresh_from_db()
        if not packet.in_progress or celery_worker.poll() is not None:
            break
        time.sleep(0.5)

    assert packet.status == AuditPacket.Status.READY, (
        f"{packet.status} after {WAIT_SECONDS} s: {packet.message}\n{worker_log(celery_worker)}"
    )
    assert packet.progress_done == packet.progress_total
    manifest = checked_manifest(unpack(packet))
    assert [person["id"] for person in manifest["people"]] == [holder.pk]
