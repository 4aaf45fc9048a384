"""A worker killed with SIGKILL while rendering a certificate: the task runs again, once.

The killed worker comes from tests/faults/hanging_render_worker.py: its first rendering
writes a marker file and hangs inside the task's transaction (credential row locked), so
the kill lands at the same point every time. The message was taken with acks_late, so it
stays unacknowledged in Redis (the "unacked" hash and the "unacked_index" sorted set,
scored by delivery time) until something gives it back:

- the whole worker dies (solo pool here; in production the OOM killer or a lost machine):
  nobody is left to give it back. kombu's `restore_visible` does, in any worker, for
  messages delivered more than the visibility timeout ago. Measured with kombu 5.7: it
  runs once when a worker starts consuming, then only every `unacked_restore_interval` x
  `unacked_restore_throttle` seconds (10 x 10 by default). So the test waits until the
  visibility timeout (1 s here through CELERY_VISIBILITY_TIMEOUT, 3600 in production) has
  passed since delivery, then starts the second worker, whose start-up sweep restores the
  message at once; started earlier, it would wait 100 s for its next sweep. (A solo worker
  busy in a task sends even an early ack only once the task returns, so this test guards
  the visibility timeout path, not acks_late; the next one guards acks_late.)
- only a pool process dies (prefork, production's pool): the worker, which has not
  acknowledged the message (acks_late), sees the process lost and, with
  reject_on_worker_lost, requeues the message at once, without any timeout. This one
  is killed later, with the PDF file already stored and not yet recorded: the rerun renders
  the same bytes, finds the file under the same name and records it, leaving no orphan.
"""

import os
import signal
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from certificates.models import Credential
from certificates.services.issuance import credential_issue
from tests.celery_support import running_worker, worker_log
from tests.factories import CredentialTypeFactory
from tests.faults.helpers import hanging_render_worker, wait_for

pytestmark = [
    pytest.mark.faults,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VISIBILITY_TIMEOUT = 1  # second; production keeps 3600
WAIT_SECONDS = 60
QUEUE = "celery"


def issue_credential(holder) -> Credential:
    credential_type = CredentialTypeFactory(name="Peer Support Ethics (faults)", kind="hub_course")
    with transaction.atomic():  # the PDF task is queued when this commits
        return credential_issue(
            holder=holder,
            credential_type=credential_type,
            source=Credential.Source.MANUAL,
            issued_on=timezone.localdate(),
        )


def stored_pdfs(credential: Credential) -> list[Path]:
    """Every file in private storage for this credential's code (a leftover would show)."""
    directory = Path(settings.PRIVATE_MEDIA_ROOT) / "certificates" / credential.code[:2]
    return sorted(directory.glob(f"{credential.code}*")) if directory.is_dir() else []


def assert_one_credential_with_one_matching_pdf(holder, credential: Credential) -> None:
    assert Credential.objects.filter(holder=holder).count() == 1
    credential.refresh_from_db()
    files = stored_pdfs(credential)
    assert [path.name for path in files] == [Path(credential.pdf.name).name]
    content = files[0].read_bytes()
    assert content.startswith(b"%PDF")
    assert Credential.sha256_of(content) == credential.pdf_sha256


def wait_for_pdf(credential: Credential, worker) -> None:
    def rendered():
        assert worker.poll() is None, f"the worker exited:\n{worker_log(worker)}"
        credential.refresh_from_db()
        return credential.pdf_sha256

    wait_for(rendered, seconds=WAIT_SECONDS, what="the PDF", log=worker)


def wait_until_acknowledged(redis_client) -> None:
    # acks_late: the worker acknowledges just after the task's transaction commits.
    wait_for(lambda: redis_client.zcard("unacked_index") == 0, seconds=10, what="the ack")
    assert redis_client.llen(QUEUE) == 0


def test_a_worker_killed_mid_render_leaves_the_task_to_the_next_worker(
    fault_broker, peer, tmp_path, monkeypatch
):
    redis_client = fault_broker.client()
    marker = tmp_path / "rendering"
    credential = issue_credential(peer)
    assert redis_client.llen(QUEUE) == 1

    with hanging_render_worker(
        broker_url=fault_broker.url(),
        marker=marker,
        log_path=tmp_path / "worker-1.log",
        pool="solo",
        visibility_timeout=VISIBILITY_TIMEOUT,
    ) as first:
        wait_for(
            lambda: marker.exists() or first.poll() is not None,
            seconds=WAIT_SECONDS,
            what="the first worker to start rendering",
            log=first,
        )
        assert marker.exists(), worker_log(first)
        assert int(marker.read_text()) == first.pid  # solo: the worker renders itself
        # Taken but not acknowledged: the message waits in the unacked set, not the queue.
        assert redis_client.llen(QUEUE) == 0
        unacked = redis_client.zrange("unacked_index", 0, -1, withscores=True)
        assert len(unacked) == 1, "the message should wait, unacknowledged, for a worker"
        [(_tag, delivered_at)] = unacked
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)

    # Nothing of the killed run survived: its transaction died with its connection.
    credential.refresh_from_db()
    assert not credential.pdf and not credential.pdf_sha256
    assert stored_pdfs(credential) == []

    # The next worker's start-up sweep restores messages older than the visibility timeout.
    time.sleep(max(0.0, delivered_at + VISIBILITY_TIMEOUT + 0.2 - time.time()))
    monkeypatch.setenv("CELERY_VISIBILITY_TIMEOUT", str(VISIBILITY_TIMEOUT))
    with running_worker(
        broker_url=fault_broker.url(), log_path=tmp_path / "worker-2.log"
    ) as second:
        wait_for_pdf(credential, second)
        wait_until_acknowledged(redis_client)

    assert_one_credential_with_one_matching_pdf(peer, credential)


def test_a_pool_process_killed_after_storing_the_pdf_is_replaced_and_the_task_runs_again(
    fault_broker, peer, tmp_path
):
    redis_client = fault_broker.client()
    marker = tmp_path / "rendering"
    credential = issue_credential(peer)

    with hanging_render_worker(
        broker_url=fault_broker.url(),
        marker=marker,
        log_path=tmp_path / "worker.log",
        pool="prefork",
        # An hour, as in production: the requeue must not come from the visibility timeout.
        visibility_timeout=3600,
        # The worst moment: the file is stored, the database row does not point to it yet.
        hang_after="store",
    ) as worker:
        wait_for(
            lambda: marker.exists() or worker.poll() is not None,
            seconds=WAIT_SECONDS,
            what="a pool process to start rendering",
            log=worker,
        )
        assert marker.exists(), worker_log(worker)
        child = int(marker.read_text())
        assert child != worker.pid  # prefork: a pool process renders
        credential.refresh_from_db()
        assert not credential.pdf and len(stored_pdfs(credential)) == 1  # stored, not recorded
        os.kill(child, signal.SIGKILL)

        wait_for_pdf(credential, worker)
        wait_until_acknowledged(redis_client)

    assert_one_credential_with_one_matching_pdf(peer, credential)
