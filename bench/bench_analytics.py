"""Analytics pages on the 5,000-peer scale data: server time per page (target ≤ 200 ms warm)
and query count, and the funder report's task (target ≤ 10 s).

Runs on the scale data (bench/seed_scale.py). Pages are asked for by the administrator
(course analytics for the course with the most learners and the quiz with the most attempts;
the hub dashboard) and by the supervisor with the most supervisees; the funder report covers
the last twelve months and every track, built by the task's function in this process, as a
worker runs it.

    .venv/bin/python bench/bench_analytics.py      # BENCH_DB=… for another database
"""

import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median_ms, setup_django, table, write_result

setup_django()

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import CoursePage, QuizAttempt, Track
from lms.analytics.exports import funder_report_build
from lms.analytics.models import FunderReport
from lms.people.models import SupervisorAssignment, User
from lms.people.roles import Role

REPEAT = 15
TARGET_MS = 200


def signed_in_client(user) -> Client:
    """Signed in, two-factor done as if a code had been typed: the page is timed, not sign-in."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lms.people.permissions import two_factor_required

    client = Client()
    client.force_login(user)
    if two_factor_required(user):
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="bench", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def measure(client, url: str, *, cold: bool = False) -> tuple[float, float, int]:
    """Median wall and CPU ms over REPEAT requests after one warm-up, and the query count."""
    if cold:
        cache.clear()
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return (time.perf_counter() - start) * 1000, float("nan"), len(captured)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    samples, cpu = [], []
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            samples.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    return median_ms(samples), median_ms(cpu), len(captured)


def main() -> str:
    administrator = User.objects.filter(groups__name=Role.ADMINISTRATOR).first()
    lead, _ = User.objects.get_or_create(
        email="lead-bench@example.org",
        defaults={"preferred_name": "Bench lead", "certificate_name": "Bench Lead"},
    )
    lead.groups.add(Group.objects.get(name=Role.LEAD_TRAINER))
    course = CoursePage.objects.annotate(n=Count("enrolments")).order_by("-n").first()
    quiz_id = (
        QuizAttempt.objects.values("quiz_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("quiz_id", flat=True)
        .first()
    )
    busiest = (
        SupervisorAssignment.objects.current()
        .values("supervisor_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    supervisor = User.objects.get(pk=busiest["supervisor_id"])
    attempts = QuizAttempt.objects.filter(quiz_id=quiz_id).count()
    admin_client, lead_client = signed_in_client(administrator), signed_in_client(lead)
    supervisor_client = signed_in_client(supervisor)
    pages = [
        (
            f"course analytics ({course.enrolments.count():,} learners)",
            admin_client,
            f"/analytics/courses/{course.pk}/",
        ),
        (
            f"quiz item analysis ({attempts:,} attempts)",
            admin_client,
            f"/analytics/quizzes/{quiz_id}/",
        ),
        ("hub dashboard, by month (lead trainer)", lead_client, "/analytics/hub/"),
        ("hub dashboard, by quarter", lead_client, "/analytics/hub/?by=quarter"),
        (
            f"supervision charts ({busiest['n']} supervisees)",
            supervisor_client,
            "/analytics/supervision/",
        ),
        ("course analytics list (administrator)", admin_client, "/analytics/courses/"),
        ("funder report form", lead_client, "/analytics/funder-reports/"),
    ]
    rows = []
    for label, client, url in pages:
        ms, cpu_ms, queries = measure(client, url)
        verdict = "ok" if ms <= TARGET_MS else "over"
        rows.append([label, f"{ms:.0f}", f"{cpu_ms:.0f}", queries, f"≤ {TARGET_MS} ms: {verdict}"])
    cold_ms, _, cold_queries = measure(lead_client, "/analytics/hub/", cold=True)
    rows.append(
        [
            "hub dashboard, cold (CE compliance recomputed)",
            f"{cold_ms:.0f}",
            "",
            cold_queries,
            "first request after a CE or credential change",
        ]
    )

    today = timezone.localdate()
    report = FunderReport.objects.create(
        period_start=today - timedelta(days=365),
        period_end=today,
        track_ids=list(Track.objects.values_list("pk", flat=True)),
        tracks_key="bench",
        data_version=f"bench-{time.time()}",
    )
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        funder_report_build(report_id=report.pk)
        seconds = time.perf_counter() - start
    report.refresh_from_db()
    assert report.status == FunderReport.Status.DONE
    figures = report.figures
    task_rows = [
        [
            "funder report: 12 months, every track (figures, PDF with charts, XLSX)",
            f"{seconds:.2f}",
            len(captured),
            f"{report.pdf.size / 1024:.0f} kB PDF, {report.xlsx.size / 1024:.0f} kB XLSX",
            "≤ 10 s: " + ("ok" if seconds <= 10 else "over"),
        ]
    ]
    report.pdf.delete(save=False)
    report.xlsx.delete(save=False)
    report.delete()
    return (
        "## Analytics\n\n"
        + table(
            f"Server time per page (median of {REPEAT} warm requests, Django test client, "
            "PostgreSQL; CPU = the Django process alone)",
            ["page", "ms", "CPU ms", "queries", "target"],
            rows,
        )
        + "\n"
        + table(
            "Funder report task (in-process, as a worker runs it)",
            ["task", "seconds", "queries", "files", "target"],
            task_rows,
        )
        + f"\nPeers trained in the report: {figures['trained_total']:,}; hours delivered: "
        f"{figures['hours_total']}; approved CE hours: {figures['ce_total']}.\n"
    )


if __name__ == "__main__":
    if not User.objects.filter(email__startswith="scale-peer-").exists():
        sys.exit("No scale data: run `python bench/seed_scale.py` first.")
    text = main()
    print(text)
    print(f"written to {write_result('analytics', text)}")
