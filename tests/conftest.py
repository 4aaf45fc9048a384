import pytest

from lms.roles import Role
from tests.factories import UserFactory


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
