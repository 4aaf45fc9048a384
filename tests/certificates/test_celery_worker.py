"""A real Celery worker renders the certificate PDF queued when a credential is issued."""

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from certificates.models import Credential
from certificates.services.issuance import credential_issue
from lms.celery import app

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
# A Redis database of its own, so no other test's messages reach this worker.
WORKER_BROKER_URL = "redis://127.0.0.1:6379/14"
WAIT_SECONDS = 60


def database_url() -> str:
    """The pytest-django test database, as a URL for the worker's settings."""
    db = settings.DATABASES["default"]
    credentials = quote(db.get("USER") or "postgres", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return (
        f"postgres://{credentials}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
        f"/{db['NAME']}"
    )


@contextlib.contextmanager
def broker(url: str):
    """Send this process's tasks to `url`, then go back to the configured broker."""

    def reset_connection_pools():
        # The app caches its broker connections; drop them as Celery does after a fork.
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_url
    app.conf.broker_url = url
    reset_connection_pools()
    try:
        yield
    finally:
        app.conf.broker_url = previous
        reset_connection_pools()


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    """A worker process on the test database, the shared private media and its own broker."""
    assert db_is_test_database()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": WORKER_BROKER_URL,
        "DJANGO_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    log_path = tmp_path / "worker.log"
    with broker(WORKER_BROKER_URL):
        app.control.purge()
        with log_path.open("wb") as log:
            worker = subprocess.Popen(
                [
                    str(Path(sys.executable).parent / "celery"),
                    "-A",
                    "lms",
                    "worker",
                    "--pool=solo",
                    "-Q",
                    "celery",
                    "--concurrency=1",
                    "-l",
                    "WARNING",
                    "--without-gossip",
                    "--without-mingle",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        worker.log_path = log_path
        try:
            yield worker
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait(timeout=10)
            app.control.purge()


def db_is_test_database() -> bool:
    return settings.DATABASES["default"]["NAME"].startswith("test_")


def worker_log(worker) -> str:
    return worker.log_path.read_text(errors="replace")[-4000:]


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
