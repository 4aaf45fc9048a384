"""A real Celery worker renders the certificate PDF queued when a credential is issued."""

import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from certificates.models import Credential
from certificates.services.issuance import credential_issue
from tests.celery_support import worker_log, worker_on_own_broker

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A Redis database of its own, so no other test's messages reach this worker.
WORKER_BROKER_URL = "redis://127.0.0.1:6379/14"
WAIT_SECONDS = 60


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    with worker_on_own_broker(
        broker_url=WORKER_BROKER_URL, log_path=tmp_path / "worker.log"
    ) as worker:
        yield worker


def test_a_worker_renders_the_pdf_queued_when_a_credential_is_issued(
    celery_worker, holder, hub_type
):
    with transaction.atomic():
        credential = credential_issue(
            holder=holder,
            credential_type=hub_type,
            source=Credential.Source.MANUAL,
            issued_on=timezone.localdate(),
        )
    assert not credential.pdf_sha256  # nothing rendered in this process

    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        credential.refresh_from_db()
        if credential.pdf_sha256 or celery_worker.poll() is not None:
            break
        time.sleep(0.5)

    assert credential.pdf_sha256, f"no PDF after {WAIT_SECONDS} s:\n{worker_log(celery_worker)}"
    assert celery_worker.poll() is None, worker_log(celery_worker)
    path = Path(settings.PRIVATE_MEDIA_ROOT) / credential.pdf.name
    assert path.is_file()
    content = path.read_bytes()
    assert content.startswith(b"%PDF")
    assert Credential.sha256_of(content) == credential.pdf_sha256
