"""Redis down or frozen: course completion still saves and answers, the cache fails soft.

Redis is the Celery broker and, in production, the cache. These tests stop a private
redis-server (the port refuses connections) or freeze it with SIGSTOP (connections are
accepted and never answered, like a half-open connection), and check that requests neither
fail nor hang, and that the certificate PDF still arrives once Redis is back.
"""

import importlib
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from certificates.jobs import credentials_without_pdf_sweep_task
from certificates.models import Credential
from certificates.services.issuance import credential_pdf_queue
from courses.models import Enrolment
from tests.celery_support import running_worker, worker_log
from tests.courses.helpers import enrol, lessons_of, light_course
from tests.factories import CredentialTypeFactory
from tests.faults.helpers import wait_for

pytestmark = pytest.mark.faults

# A request that queues a task while Redis refuses connections: the retry policy's pause
# plus the request's own work; the old behaviour was a 500 after the publish retries.
REQUEST_SECONDS = 5
# Publishing to a frozen Redis: two attempts of socket_timeout (2 s) each, then give up.
FROZEN_PUBLISH_SECONDS = 6
# If queueing hung for good, the test thaws Redis after this long so that it ends (failing).
THAW_AFTER_SECONDS = 20
WAIT_SECONDS = 60


def production_caches(monkeypatch, cache_url: str) -> dict:
    """CACHES exactly as lms/settings/production.py builds them for this CACHE_URL."""
    environment = {
        "DJANGO_SECRET_KEY": "faults-test-only",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "CELERY_BROKER_URL": cache_url,
        "CACHE_URL": cache_url,
        "EMAIL_URL": "consolemail://",
    }
    # Only while the module runs: Celery reads CELERY_BROKER_URL from the environment
    # before its configuration, so leaving it set would move this process's broker.
    with monkeypatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        sys.modules.pop("lms.settings.production", None)
        try:
            return importlib.import_module("lms.settings.production").CACHES
        finally:
            sys.modules.pop("lms.settings.production", None)


@pytest.fixture
def production_cache(private_redis, settings, monkeypatch):
    """The default cache is production's, on the private Redis (database 1)."""
    settings.CACHES = production_caches(monkeypatch, private_redis.url(1))
    assert settings.CACHES["default"]["BACKEND"] == "lms.cache.FailSoftRedisCache"
    cache.clear()
    return cache


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_course_completed_while_redis_is_down_is_saved_and_its_pdf_follows(
    client, peer, fault_broker, production_cache, tmp_path, caplog
):
    course = light_course(credential_type=CredentialTypeFactory(name="Foundations (faults)"))
    enrolment = enrol(peer, course)
    [lesson] = lessons_of(course)
    client.force_login(peer)

    fault_broker.stop()  # broker and cache
    started = time.monotonic()
    response = client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert response.url == reverse("courses:dashboard")  # "You have completed the course"
    assert elapsed < REQUEST_SECONDS
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    credential = Credential.objects.get(holder=peer)
    assert enrolment.credential == credential
    assert not credential.pdf
    assert f"The PDF of credential {credential.pk} (force=False) was not queued" in caplog.text

    detail = client.get(reverse("certificates:detail", args=[credential.pk]))
    assert detail.status_code == 200
    assert "Your certificate PDF is being prepared" in detail.content.decode()
    pdf = client.get(reverse("certificates:pdf", args=[credential.pk]))
    assert pdf.status_code == 202
    assert "Your certificate is being prepared" in pdf.content.decode()

    fault_broker.start()
    # The sweep leaves credentials younger than 10 minutes alone (their task may still be
    # on its way); this one has waited that long now.
    Credential.objects.filter(pk=credential.pk).update(
        created_at=timezone.now() - timedelta(minutes=11)
    )
    credentials_without_pdf_sweep_task.delay()  # what beat sends every 15 minutes
    with running_worker(broker_url=fault_broker.url(), log_path=tmp_path / "worker.log") as worker:

        def rendered():
            assert worker.poll() is None, worker_log(worker)
            credential.refresh_from_db()
            return credential.pdf_sha256

        wait_for(rendered, seconds=WAIT_SECONDS, what="the PDF", log=worker)

    assert Credential.objects.filter(holder=peer).count() == 1
    content = (Path(settings.PRIVATE_MEDIA_ROOT) / credential.pdf.name).read_bytes()
    assert Credential.sha256_of(content) == credential.pdf_sha256
    download = client.get(reverse("certificates:pdf", args=[credential.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content


def test_queueing_a_pdf_gives_up_within_seconds_when_redis_stops_answering(fault_broker, caplog):
    fault_broker.freeze()
    thaw = threading.Timer(THAW_AFTER_SECONDS, fault_broker.thaw)
    thaw.start()
    try:
        started = time.monotonic()
        queued = credential_pdf_queue(credential_id=1)
        elapsed = time.monotonic() - started
    finally:
        thaw.cancel()

    assert queued is False
    assert elapsed < FROZEN_PUBLISH_SECONDS
    assert "was not queued: the broker is unavailable" in caplog.text


@pytest.mark.django_db
def test_the_production_cache_fails_soft_while_redis_is_down_or_frozen(
    client, private_redis, production_cache, caplog
):
    production_cache.set("greeting", "hello")
    assert production_cache.get("greeting") == "hello"

    private_redis.freeze()
    started = time.monotonic()
    assert production_cache.get("greeting", "fallback") == "fallback"
    assert time.monotonic() - started < 2  # socket_timeout=1 in production.py
    private_redis.stop()

    started = time.monotonic()
    assert production_cache.get("greeting") is None
    production_cache.set("greeting", "hello again")
    assert production_cache.add("new", 1) is False
    with pytest.raises(ValueError, match="not found"):
        production_cache.incr("counter")  # what the API does for a missing key
    assert production_cache.get_many(["greeting", "new"]) == {}
    assert production_cache.get_or_set("computed", 42) == 42
    assert production_cache.has_key("greeting") is False
    assert production_cache.delete("greeting") is False
    assert production_cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    production_cache.delete_many(["a", "b"])
    assert production_cache.touch("a") is False
    production_cache.clear()
    # Verification counts requests in the cache; without it, it answers (uncounted).
    assert client.get(reverse("certificates:verify")).status_code == 200
    assert time.monotonic() - started < 2
    assert "Redis is unavailable" in caplog.text

    private_redis.start()
    production_cache.set("greeting", "back")
    assert production_cache.get("greeting") == "back"
