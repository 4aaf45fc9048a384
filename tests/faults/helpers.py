"""Helpers for the fault tests: a private redis-server, a worker whose render hangs, polling."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings

from tests.celery_support import ROOT, database_url, worker_arguments, worker_log

REDIS_START_SECONDS = 10


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test's own: started, stopped (refuses), frozen (never answers)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.frozen = False

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self, db: int = 0) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, db=db, socket_timeout=5)

    def start(self) -> None:
        assert self.process is None, "already running"
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + REDIS_START_SECONDS
        while True:
            with contextlib.suppress(redis.ConnectionError):
                if self.client().ping():
                    return
            assert self.process.poll() is None, f"redis-server on {self.port} exited"
            assert time.monotonic() < deadline, f"redis-server on {self.port} not answering"
            time.sleep(0.05)

    def stop(self) -> None:
        """Down: the port refuses connections, as when Redis crashed or was restarted."""
        self.thaw()
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def freeze(self) -> None:
        """Unresponsive: connections are accepted by the kernel but never answered."""
        os.kill(self.process.pid, signal.SIGSTOP)
        self.frozen = True

    def thaw(self) -> None:
        if self.frozen and self.process is not None:
            os.kill(self.process.pid, signal.SIGCONT)
        self.frozen = False


def worker_environment(*, broker_url: str, **extra: str) -> dict[str, str]:
    """What tests.celery_support.running_worker gives its worker, plus `extra`."""
    assert settings.DATABASES["default"]["NAME"].startswith("test_")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url,
        "DJANGO_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        **extra,
    }


@contextlib.contextmanager
def hanging_render_worker(
    *,
    broker_url: str,
    marker: Path,
    log_path: Path,
    pool: str,
    visibility_timeout: int,
    hang_after: str = "render",
):
    """A worker through tests/faults/hanging_render_worker.py: its first rendering hangs
    after `hang_after` ("render" or "store") and writes `marker` first."""
    env = worker_environment(
        broker_url=broker_url,
        FAULTS_RENDER_MARKER=str(marker),
        FAULTS_HANG_AFTER=hang_after,
        CELERY_VISIBILITY_TIMEOUT=str(visibility_timeout),
    )
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.faults.hanging_render_worker",
                *worker_arguments(pool=pool),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, for the teardown below
        )
    worker.log_path = log_path
    try:
        yield worker
    finally:
        # The whole group: a prefork worker's pool processes too, whatever their state.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


def wait_for(condition, *, seconds: float, what: str, log=None, interval: float = 0.1):
    """Poll `condition()` until it is truthy (and return it); fail after `seconds`.

    `log` is a worker whose log ends the failure message (read then, not before).
    """
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(
                f"gave up waiting {seconds} s for {what}"
                + (f"; worker log:\n{worker_log(log)}" if log is not None else "")
            )
        time.sleep(interval)
