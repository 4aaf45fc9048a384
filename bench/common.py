"""Shared set-up for benchmarks: a PostgreSQL database of their own, migrated, and Django ready.

Benchmarks never run in the test command; `make bench` runs them and writes a dated table.
"""

import os
import statistics
import time
from datetime import date
from pathlib import Path

import psycopg2

BENCH_DB = os.environ.get("BENCH_DB", "lms_bench")
RESULTS_DIR = Path(__file__).resolve().parent / "results"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{BENCH_DB}")
    # A broker so tasks are queued (and purged), not run inline inside the timings.
    os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/13")
    os.environ.setdefault("EMAIL_URL", "dummymail://")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    # As in production: DEBUG off, so templates are compiled once and cached.
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    connection = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{BENCH_DB}"')
    connection.close()

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def timed(function, *, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def table(title: str, header: list[str], rows: list[list]) -> str:
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def write_result(name: str, text: str) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{date.today().isoformat()}-{name}.md"
    path.write_text(text)
    return path
