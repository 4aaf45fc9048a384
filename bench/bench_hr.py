"""The HR prerequisite matrix for 2,000 people x 6 positions (target < 1 s server time),
and its query count at two sizes (the test suite holds the budget of 12)."""

import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median_ms, setup_django, table, write_result

setup_django()

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.demo import _seed_positions
from certificates.models import Credential, CredentialType, Position
from lms.models import Attestation, User
from lms.roles import Role

PEOPLE = 2000


def seed() -> User:
    if not Position.objects.exists():
        _seed_positions()
    peer_group = Group.objects.get(name=Role.PEER)
    existing = User.objects.filter(email__startswith="hr-bench-").count()
    if existing < PEOPLE:
        users = User.objects.bulk_create(
            [
                User(
                    email=f"hr-bench-{n}@example.org",
                    preferred_name=f"H{n}",
                    certificate_name=f"Person {n}",
                )
                for n in range(existing, PEOPLE)
            ],
            batch_size=1000,
        )
        peer_group.user_set.add(*users)
        types = list(CredentialType.objects.all())
        rng = random.Random(7)
        today = timezone.localdate()
        rows = []
        for user in users:
            for credential_type in rng.sample(types, 4):
                rows.append(
                    Credential(
                        holder=user,
                        credential_type=credential_type,
                        source="manual",
                        issued_on=today - timedelta(days=300),
                        expires_on=today + timedelta(days=rng.randint(-30, 700)),
                        holder_name=user.certificate_name,
                        title=credential_type.name,
                        provider="Bench",
                    )
                )
        Credential.objects.bulk_create(rows, batch_size=5000)
        Attestation.objects.bulk_create(
            [
                Attestation(person=u, on_file=True, recorded_on=today, recorded_by=u)
                for u in users[::2]
            ],
            batch_size=1000,
        )
    hr, _ = User.objects.get_or_create(
        email="hr-bench-reader@example.org",
        defaults={"preferred_name": "HR", "certificate_name": "HR Reader"},
    )
    hr.groups.add(Group.objects.get(name=Role.HR))
    return hr


def measure(client, params) -> tuple[float, int, int]:
    client.get("/hr/", params)  # warm
    samples, queries = [], 0
    for _ in range(5):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get("/hr/", params)
            samples.append(time.perf_counter() - start)
        queries = len(captured)
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return median_ms(samples), queries, len(content) // 1024


if __name__ == "__main__":
    hr = seed()
    client = Client()
    client.force_login(hr)
    people = User.objects.filter(groups__name=Role.PEER).count()
    positions = Position.objects.count()
    rows = []
    for label, params in [
        ("all people, all positions", {}),
        ("status = missing", {"status": "missing"}),
        ("expiring within 90 days", {"status": "expiring", "within": "90"}),
        ("CSV export (streamed)", {"export": "csv"}),
    ]:
        ms, queries, size = measure(client, params)
        rows.append([label, f"{people:,} x {positions}", f"{ms:.0f}", queries, size, "< 1000 ms"])
    text = "## HR prerequisite matrix\n\n" + table(
        "Server time per request (median of 5, Django test client, PostgreSQL)",
        ["request", "people x positions", "ms", "queries", "KB", "target"],
        rows,
    )
    print(text)
    print(f"written to {write_result('hr', text)}")
