"""Fixtures for the fault tests: a private Redis to stop and freeze.

The shared PostgreSQL (5432) and Redis (6379) are never stopped or reconfigured: a fault
test starts its own redis-server on a free loopback port and breaks only that one.
"""

import pytest

from tests.celery_support import broker
from tests.faults.helpers import PrivateRedis


@pytest.fixture
def private_redis(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fault_broker(private_redis):
    """This process (and its test client's views) queue tasks on the private Redis."""
    with broker(private_redis.url()):
        yield private_redis
