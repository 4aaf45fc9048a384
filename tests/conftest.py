import contextlib
import os

import psycopg2
import pytest
from django.conf import settings
from django.core.cache import cache

from lms.people.roles import Role
from tests.clients import SignedInClient
from tests.factories import UserFactory

# Credential fixtures (holder, credential types, assign_supervisor...) for every app's tests.
pytest_plugins = ["tests.certificates.fixtures"]

# tests/smoke checks the demo as `make run` serves it (SQLite, lms.settings.smoke) in a pytest run
# of its own (see the Makefile); the PostgreSQL run leaves it out.
collect_ignore = [] if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") else ["smoke"]


def pytest_sessionstart(session):
    """Drop the test databases left by earlier runs that were killed (each run names its
    own, test_<db>_<pid>, so a killed run's database is never reused). Only those whose
    process is gone here, and never one in use: PostgreSQL refuses to drop that."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    prefix = f"test_{database['NAME']}_"
    connection = psycopg2.connect(
        dbname="postgres",
        user=database.get("USER") or "postgres",
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or "127.0.0.1",
        port=database.get("PORT") or 5432,
    )
    connection.autocommit = True  # DROP DATABASE can't run in a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [prefix]
            )
            for (name,) in cursor.fetchall():
                pid = name.removeprefix(prefix)
                if not pid.isdigit() or _process_alive(int(pid)):
                    continue
                with contextlib.suppress(psycopg2.Error):
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        connection.close()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters and cached fragments never
    leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    """Signs admin-role people in with two-factor done (see tests/clients.py)."""
    return SignedInClient()


@pytest.fixture
def peer(db):
    return UserFactory(roles=[Role.PEER])


@pytest.fixture
def other_peer(db):
    return UserFactory(roles=[Role.PEER])


@pytest.fixture
def trainer(db):
    return UserFactory(roles=[Role.TRAINER])


@pytest.fixture
def lead_trainer(db):
    return UserFactory(roles=[Role.LEAD_TRAINER, Role.TRAINER])


@pytest.fixture
def supervisor(db):
    return UserFactory(roles=[Role.SUPERVISOR])


@pytest.fixture
def hr(db):
    return UserFactory(roles=[Role.HR])


@pytest.fixture
def administrator(db):
    return UserFactory(roles=[Role.ADMINISTRATOR], is_superuser=True, is_staff=True)
