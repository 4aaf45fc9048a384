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
    from lms.models import User

    clients = {}
    for number, (who, email) in enumerate(PEOPLE.items(), start=10):
        client = SignedInClient(REMOTE_ADDR=f"192.0.2.{number}")
        if email is not None:
            client.force_login(User.objects.get(email=email))
        clients[who] = client
    return clients
