"""The HR prerequisite matrix at 5,000 peers x 6 positions (target < 1 s server time; the
page itself well under that), and its query count (the test suite holds the budget of 12).

On the scale data (bench/seed_scale.py: 5,000 peers) nothing is added; on an empty database
the missing peers are seeded with credentials and attestations of their own."""

import random
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median_ms, setup_django, table, write_result

setup_django()

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.models import Credential, CredentialType
from lms.hiring.demo import _seed_positions
from lms.hiring.models import Attestation, Position
from lms.people.models import User
from lms.people.roles import Role

PEOPLE = 5000


def seed() -> User:
    if not Position.objects.exists():
        _seed_positions()
    peer_group = Group.objects.get(name=Role.PEER)
    existing = User.objects.filter(email__startswith="hr-bench-").count()
    others = User.objects.filter(groups=peer_group).exclude(email__startswith="hr-bench-").count()
    wanted = max(PEOPLE - others, 0)  # only what the scale data (if any) leaves missing
    if existing < wanted:
        users = User.objects.bulk_create(
            [
                User(
                    email=f"hr-bench-{n}@example.org",
                    preferred_name=f"H{n}",
                    certificate_name=f"Person {n}",
                )
                for n in range(existing, wanted)
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


def signed_in_client(user) -> Client:
    """A test client signed in as `user`, with two-factor done when their role needs it (HR
    does), as if they had typed a code: the benchmark times the page, not the sign-in."""
    client = Client()
    client.force_login(user)
    try:
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from lms.people.permissions import two_factor_required
    except ImportError:  # a checkout from before two-factor
        return client
    if two_factor_required(user):
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="bench", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def first_position() -> str:
    return Position.objects.order_by("name").values_list("slug", flat=True).first()


def fetch(client, params) -> tuple[object, bytes]:
    params = dict(params)
    export = params.pop("export", None)
    if export:  # the Export button: a POST, filters in the query string
        response = client.post(f"/hr/?{urlencode(params)}", {"export": export})
    else:
        response = client.get("/hr/", params)
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    # A streamed export does its work while it is read, so reading it is part of the time.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, content


def measure(client, params) -> tuple[float, float, int, int]:
    """Median wall and CPU milliseconds of 5 requests (after a warm-up), queries, size."""
    fetch(client, params)
    samples, cpu, queries = [], [], 0
    for _ in range(5):
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            _response, content = fetch(client, params)
            samples.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        queries = len(captured)
    return median_ms(samples), median_ms(cpu), queries, len(content) // 1024


if __name__ == "__main__":
    hr = seed()
    client = signed_in_client(hr)
    people = User.objects.filter(groups__name=Role.PEER).count()
    positions = Position.objects.count()
    rows = []
    for label, params in [
        ("all people, all positions", {}),
        ("all people, page 60", {"page": "60"}),
        ("status = missing", {"status": "missing"}),
        ("status = met, one position", {"status": "met", "position": first_position()}),
        ("expiring within 90 days", {"status": "expiring", "within": "90"}),
        ("search by name", {"q": "an"}),
        ("CSV export (streamed)", {"export": "csv"}),
        ("XLSX export", {"export": "xlsx"}),
    ]:
        ms, cpu_ms, queries, size = measure(client, params)
        rows.append(
            [
                label,
                f"{people:,} x {positions}",
                f"{ms:.0f}",
                f"{cpu_ms:.0f}",
                queries,
                size,
                "< 1000 ms",
            ]
        )
    text = "## HR prerequisite matrix\n\n" + table(
        "Server time per request (median of 5, Django test client, PostgreSQL; CPU = the "
        "Django process alone, steadier than wall time on a shared machine)",
        ["request", "people x positions", "ms", "CPU ms", "queries", "KB", "target"],
        rows,
    )
    print(text)
    print(f"written to {write_result('hr', text)}")
