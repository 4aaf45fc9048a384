"""The demo as `make run` serves it: SQLite (lms.settings.smoke), seeded once per run with
`seed_demo`, and signed in as each demo person.

`make test` runs this folder in a pytest run of its own after the PostgreSQL suite:
`pytest --ds=lms.settings.smoke tests/smoke`.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.clients import SignedInClient

# Everyone who uses the demo: its seven sign-ins (lms/demo.py) and an anonymous visitor.
PEOPLE = {
    "anonymous": None,
    "peer": "peer@example.org",
    "peer2": "peer2@example.org",
    "trainer": "trainer@example.org",
    "lead": "lead@example.org",
    "supervisor": "supervisor@example.org",
    "hr": "hr@example.org",
    "admin": "admin@example.org",
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, then seeded once for the whole run, as `make run` does."""
    with django_db_blocker.unblock():
        call_command("seed_demo", "--force", stdout=StringIO())


@pytest.fixture
def demo_clients(db):
    """One signed-in test client per demo person (two-factor done for admin roles), each from
    an address of its own so that per-client rate limits (verification) count per person."""
    from lms.people.models import User

    clients = {}
    for number, (who, email) in enumerate(PEOPLE.items(), start=10):
        client = SignedInClient(REMOTE_ADDR=f"192.0.2.{number}")
        if email is not None:
            client.force_login(User.objects.get(email=email))
        clients[who] = client
    return clients


# The demo in a browser ----------------------------------------------------------------------
# Chromium as the e2e tests launch it, with their CSP watch (browser_for), against the demo
# served the way `make run` serves it: `manage.py runserver` with the dev settings, on the
# seeded database of this run.
from tests.e2e.conftest import (  # noqa: E402, F401 - fixtures
    browser_context_args,
    browser_for,
    browser_type_launch_args,
)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def demo_server(django_db_setup, tmp_path_factory):
    """`manage.py runserver` (dev settings: DEBUG on, in-process tasks) on the seeded SQLite
    database, for the browser checks; its output goes to a log shown if it fails to start."""
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    from django.conf import settings
    from django.db import connection

    root = Path(__file__).resolve().parents[2]
    port = _free_port()
    log_path = tmp_path_factory.mktemp("demo-server") / "runserver.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "CELERY_BROKER_URL": "",
        "CACHE_URL": "locmemcache://",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        import urllib.request

        for _ in range(120):
            if server.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{url}/ping", timeout=2):  # noqa: S310 - loopback
                    break
            except OSError:
                time.sleep(0.25)
        else:
            raise RuntimeError("the demo server did not answer")
        if server.poll() is not None:
            raise RuntimeError(f"the demo server stopped:\n{log_path.read_text()[-3000:]}")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def base_url(demo_server):
    """Relative URLs (page.goto("/learn/")) go to the demo server."""
    return demo_server
