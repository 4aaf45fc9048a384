"""A real Celery worker for tests: a subprocess on the test database and a broker of its own."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

from lms.celery import app

ROOT = Path(__file__).resolve().parents[1]


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
    """Send this process's tasks (a live server's too: same app) to `url` for a while."""

    def forget_connection_pools():
        # The app caches the pools of its broker URL; kombu keeps one pool per URL, so
        # forgetting ours (without closing it: kombu would hand the closed pool back for
        # this URL later) makes the app look up the pool of the URL now configured.
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_url
    app.conf.broker_url = url
    forget_connection_pools()
    try:
        yield
    finally:
        app.conf.broker_url = previous
        forget_connection_pools()


def worker_arguments(*, pool: str = "solo") -> list[str]:
    """`celery worker` for a test: one process on the default queue, quiet, and no chatter
    with other workers (gossip, mingle, heartbeats) that might share the broker."""
    return [
        "worker",
        f"--pool={pool}",
        "--concurrency=1",
        "-Q",
        "celery",
        "-l",
        "WARNING",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]


@contextlib.contextmanager
def running_worker(*, broker_url: str, log_path: Path):
    """A worker process on the test database and the shared private media."""
    assert settings.DATABASES["default"]["NAME"].startswith("test_")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url,
        "DJANGO_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [str(Path(sys.executable).parent / "celery"), "-A", "lms", *worker_arguments()],
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


@contextlib.contextmanager
def worker_on_own_broker(*, broker_url: str, log_path: Path):
    """A worker on a Redis database of its own (so no other test's messages reach it), with
    the queue purged before and after: the body of each worker test's fixture."""
    with broker(broker_url):
        app.control.purge()
        with running_worker(broker_url=broker_url, log_path=log_path) as worker:
            yield worker
        app.control.purge()


def worker_log(worker) -> str:
    return worker.log_path.read_text(errors="replace")[-4000:]
