import pytest
from django.core.cache import cache

from lms.roles import Role
from tests.clients import SignedInClient
from tests.factories import UserFactory


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
