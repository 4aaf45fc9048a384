"""Smaller request-level hardening: a bad Host header is a 400 in production, signed-in pages
are never cached, oversized bodies are refused before they are read, no Gravatar."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from tests.celery_support import database_url
from tests.lms.test_project import PRODUCTION_ENV, run_manage

# Production settings in a process of their own. The manifest static storage is swapped for
# the plain one only because this checkout has run no collectstatic.
HOST_PROBE = """
import json
from django.test import Client, override_settings
results = {}
with override_settings(STORAGES={
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}):
    client = Client(raise_request_exception=False)
    hosts = ["evil.example.com", "hub.example.org:abc", "[bad", "a" * 300, "hub.example.org@evil",
             "hub.example.org.evil.com", "xn--", "-.example.org"]
    for host in hosts:
        for secure in (True, False):
            for method in ("get", "post"):
                response = getattr(client, method)("/help/", secure=secure, HTTP_HOST=host)
                page = response.content.decode()
                results[f"{method} {host[:30]} secure={secure}"] = [
                    response.status_code, "We couldn't read that request" in page
                ]
    good = client.get("/help/", secure=True, HTTP_HOST="hub.example.org")
    results["good"] = [good.status_code, True]
print(json.dumps(results))
"""


@pytest.mark.django_db
def test_production_answers_a_bad_host_header_with_the_400_page():
    result = run_manage(
        "shell", "-c", HOST_PROBE, env={**PRODUCTION_ENV, "DATABASE_URL": database_url()}
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen.pop("good")[0] == 200
    assert seen and all(value == [400, True] for value in seen.values()), seen


def test_the_400_and_413_pages_need_no_request():
    from lms.middleware import bad_request

    class Bare:  # what a request is before AuthenticationMiddleware: no user
        pass

    response = bad_request(Bare(), Exception("bad host"))
    assert response.status_code == 400
    assert b"We couldn't read that request" in response.content


# Cache-Control on signed-in pages ---------------------------------------------------------

SIGNED_IN_PATHS = [
    "/",
    "/learn/",
    "/certificates/",
    "/certificates/ce/",
    "/certificates/external/",
    "/supervision/mine/",
    "/notifications/",
    "/accounts/password_change/",
    "/no-such-page/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", SIGNED_IN_PATHS)
def test_signed_in_responses_are_private_and_not_stored(client, peer, path):
    client.force_login(peer)
    response = client.get(path)
    cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= cache_control, (path, response.get("Cache-Control"))
    assert "public" not in cache_control


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role_fixture", ["supervisor", "hr", "administrator", "trainer", "lead_trainer"]
)
def test_every_role_gets_private_pages_including_admin_and_hr(client, request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    client.force_login(user)
    for path in ["/", "/admin/", "/hr/", "/supervision/", "/audit/"]:
        response = client.get(path)
        assert "no-store" in response.get("Cache-Control", ""), (role_fixture, path)
        assert "private" in response.get("Cache-Control", ""), (role_fixture, path)


@pytest.mark.django_db
def test_a_private_file_download_is_not_stored(client, peer):
    from tests.factories import CredentialFactory

    credential = CredentialFactory(holder=peer)
    client.force_login(peer)
    response = client.get(reverse("certificates:detail", args=[credential.pk]))
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_anonymous_public_pages_are_left_cacheable(client):
    response = client.get("/help/")
    assert "no-store" not in response.get("Cache-Control", "")


# Request body limits ----------------------------------------------------------------------


class RecordingInput(io.BytesIO):
    """A request body that remembers how much of it was read."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.bytes_read += len(line)
        return line


def post_declaring(client, path: str, declared: int, body: bytes = b"x" * 1024):
    stream = RecordingInput(body)
    response = client.generic(
        "POST",
        path,
        data=body,
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(declared),
        **{"wsgi.input": stream},
    )
    return response, stream


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/verify/", "/certificates/ce/", "/certificates/external/", "/accounts/login/"]
)
def test_an_oversized_body_is_refused_from_its_content_length_unread(client, path):
    response, stream = post_declaring(client, path, 60 * 1024 * 1024)
    assert response.status_code == 413
    assert b"too large" in response.content
    assert stream.bytes_read == 0
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_a_real_oversized_certificate_upload_to_verify_is_a_413(client):
    pdf = SimpleUploadedFile(
        "big.pdf", b"%PDF-1.7\n" + b"\x00" * (11 * 1024 * 1024), content_type="application/pdf"
    )
    response = client.post("/verify/", {"pdf": pdf})
    assert response.status_code == 413


@pytest.mark.django_db
@pytest.mark.parametrize("declared", ["-1", "abc", "1e9", " "])
def test_a_malformed_content_length_is_a_400(client, declared):
    response = client.generic(
        "POST", "/verify/", data=b"x", content_type="text/plain", CONTENT_LENGTH=declared
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_upload_handler_stops_reading_a_file_past_the_cap(client, peer):
    client.force_login(peer)
    evidence = SimpleUploadedFile(
        "evidence.pdf", b"%PDF-1.7\n" + b"\x00" * 4096, content_type="application/pdf"
    )
    with override_settings(UPLOAD_FILE_MAX_BYTES=1024):
        response = client.post(
            reverse("certificates:ce"),
            {"title": "x", "provider": "y", "completed_on": "2026-01-01", "hours": "1"}
            | {"evidence": evidence},
        )
    assert response.status_code == 400
    assert b"We couldn't read that request" in response.content


# Gravatar -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_asks_no_third_party_for_avatars(client, administrator):
    from wagtail.users.utils import get_gravatar_url

    assert get_gravatar_url(administrator.email) is None
    client.force_login(administrator)
    for path in ["/admin/", "/admin/users/", f"/admin/users/edit/{administrator.pk}/"]:
        html = client.get(path).content.decode()
        assert "gravatar" not in html.lower(), path
