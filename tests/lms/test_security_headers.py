"""Security headers: the Content-Security-Policy everywhere, and production's HTTPS headers as
a real production-settings process sends them."""

import json

import pytest
from django.test import override_settings

from tests.celery_support import database_url
from tests.lms.test_project import PRODUCTION_ENV, run_manage


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/verify/", "/accounts/login/", "/help/", "/no-such-page/"])
def test_site_pages_allow_no_inline_script_or_style(client, path):
    policy = directives(client.get(path))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_signed_in_pages_and_redirects_carry_the_policy_too(client, peer):
    assert "Content-Security-Policy" in client.get("/learn/")  # redirect to sign in
    client.force_login(peer)
    assert directives(client.get("/learn/"))["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_the_wagtail_admin_gets_its_own_policy(client, trainer):
    client.force_login(trainer)
    policy = directives(client.get("/admin/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]  # page previews frame admin pages


@pytest.mark.django_db
def test_no_page_of_ours_has_inline_script(client, peer):
    client.force_login(peer)
    for path in ["/", "/learn/", "/certificates/", "/verify/", "/help/"]:
        html = client.get(path, follow=True).content.decode()
        assert "<script>" not in html and " onclick=" not in html and " style=" not in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_errors_show_no_stack_trace(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode()


PROBE = """
import json
from django.conf import settings
from django.test import Client
client = Client()
secure = client.get("/ping", secure=True, HTTP_HOST="hub.example.org")
plain = client.get("/help/", HTTP_HOST="hub.example.org")
print(json.dumps({
    "secure": dict(secure.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY,
                settings.CSRF_COOKIE_SECURE],
}))
"""


@pytest.mark.django_db
def test_production_sends_the_https_headers():
    result = run_manage(
        "shell", "-c", PROBE, env={**PRODUCTION_ENV, "DATABASE_URL": database_url()}
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    headers = seen["secure"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert seen["plain_status"] == 301
    assert seen["plain_location"] == "https://hub.example.org/help/"
    assert seen["cookies"] == [True, True, True]


@pytest.mark.parametrize("template", ["400.html", "403.html", "404.html", "500.html", "503.html"])
def test_error_pages_have_no_inline_style_or_script(template):
    from django.template.loader import get_template

    source = get_template(template).template.source
    assert "<style" not in source and "<script" not in source and " style=" not in source
