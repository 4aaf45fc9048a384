"""The supervisor dashboard with 40 supervisees (target ≤ 100 ms server time), and its query
count at 10 and at 40 supervisees (the test suite holds the budget: it must not grow).

Runs on the scale data (bench/seed_scale.py): two bench supervisors are given 10 and 40 of
its peers, each with their credentials, CE records, enrolments and supervision logs.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median_ms, setup_django, table, write_result

setup_django()

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lms.people.models import SupervisorAssignment, User
from lms.people.roles import Role
from lms.supervision.services import supervisor_assignment_create

SIZES = (10, 40)
REPEAT = 15


def bench_supervisor(supervisees: int) -> User:
    """A supervisor with exactly `supervisees` scale peers (assigned through the service)."""
    supervisor, _ = User.objects.get_or_create(
        email=f"supervisor-bench-{supervisees}@example.org",
        defaults={"preferred_name": f"Bench {supervisees}", "certificate_name": "Bench"},
    )
    supervisor.groups.add(Group.objects.get(name=Role.SUPERVISOR))
    administrator = User.objects.filter(groups__name=Role.ADMINISTRATOR).first()
    assigned = set(
        SupervisorAssignment.objects.filter(supervisor=supervisor).values_list("peer_id", flat=True)
    )
    # Peers with a full record: enrolments, credentials and CE (the first scale peers).
    peers = User.objects.filter(email__startswith="scale-peer-").order_by("pk")[:supervisees]
    for peer in peers:
        if peer.pk not in assigned:
            supervisor_assignment_create(
                supervisor=supervisor,
                peer=peer,
                acting_user=administrator,
                override_reason="benchmark supervisor",
            )
    return supervisor


def measure(supervisor: User) -> tuple[float, float, int]:
    client = Client()
    client.force_login(supervisor)
    response = client.get("/supervision/")  # warm
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    samples, cpu = [], []
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get("/supervision/")
            samples.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    assert response.status_code == 200
    return median_ms(samples), median_ms(cpu), len(captured)


if __name__ == "__main__":
    if not User.objects.filter(email__startswith="scale-peer-").exists():
        sys.exit("No scale data: run `python bench/seed_scale.py` first.")
    rows = []
    for size in SIZES:
        ms, cpu_ms, queries = measure(bench_supervisor(size))
        rows.append([f"{size} supervisees", f"{ms:.0f}", f"{cpu_ms:.0f}", queries, "≤ 100 ms"])
    text = "## Supervisor dashboard\n\n" + table(
        f"Server time per request (median of {REPEAT}, Django test client, PostgreSQL; CPU = "
        "the Django process alone, steadier than wall time on a shared machine)",
        ["request", "ms", "CPU ms", "queries", "target"],
        rows,
    )
    print(text)
    print(f"written to {write_result('supervisor', text)}")
