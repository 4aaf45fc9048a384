"""Stop the test run early, with one clear line, when PostgreSQL or Redis is not reachable."""

import os
import socket
import sys
from urllib.parse import urlparse

import psycopg2

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lms"
DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/15"


def main() -> int:
    db = urlparse(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))
    try:
        psycopg2.connect(
            host=db.hostname,
            port=db.port or 5432,
            user=db.username,
            password=db.password,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg2.OperationalError:
        print(
            f"PostgreSQL is not reachable at {db.hostname}:{db.port or 5432}; start it with: "
            "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
            file=sys.stderr,
        )
        return 1
    broker = urlparse(os.environ.get("CELERY_BROKER_URL", DEFAULT_BROKER_URL))
    try:
        socket.create_connection((broker.hostname, broker.port or 6379), timeout=3).close()
    except OSError:
        print(
            f"Redis is not reachable at {broker.hostname}:{broker.port or 6379}; start it with: "
            'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
