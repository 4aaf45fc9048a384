"""Assertions shared by the bad-input tests: a refusal is a 4xx in words, and changes nothing."""

import html
import os
from pathlib import Path

from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Function-scoped fixtures (the database, the client) are shared by every example of a
# property; that is what we want, since a refused input must leave them untouched.
PROPERTY = hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


def text_of(response) -> str:
    """The response body as a reader sees it (entities decoded)."""
    return html.unescape(response.content.decode("utf-8", errors="replace"))


def assert_refused(response, *phrases: str) -> str:
    """A 4xx whose body says, in one of `phrases`, what was wrong; returns the body."""
    assert 400 <= response.status_code < 500, (response.status_code, text_of(response)[:500])
    body = text_of(response)
    assert any(phrase in body for phrase in phrases), (phrases, body[:2000])
    return body


def private_files() -> set[str]:
    """Every file under the private media root, relative to it."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    found = set()
    for directory, _subdirectories, names in os.walk(root):
        for name in names:
            found.add(str((Path(directory) / name).relative_to(root)))
    return found


def public_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        str((Path(directory) / name).relative_to(root))
        for directory, _subdirectories, names in os.walk(root)
        for name in names
    }
