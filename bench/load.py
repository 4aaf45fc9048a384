"""Load test: gunicorn with production settings (2 workers, Redis cache) on 127.0.0.1, driven
by locust (headless), against the scale data (bench/seed_scale.py).

Phases, each on its own: the trivial /ping view (the baseline), then each page alone at 20
concurrent users, then the quiz-start spike (200 peers start one quiz within 5 s). Reports
requests/s, p50/p95/p99, errors, throughput as a share of the baseline, and gunicorn
workers' peak memory. Benchmarks only; never part of the test command.
"""

import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SECRET = "bench-only-" + "k" * 50  # the bench process and gunicorn must share it (sessions)
os.environ["DJANGO_SECRET_KEY"] = SECRET
# The same cache as gunicorn's, so what this process changes (enrolments, quiz attempts of
# the spike peers) reaches the cached progress the server reads.
CACHE_URL = "redis://127.0.0.1:6379/12"
os.environ["CACHE_URL"] = CACHE_URL

from bench.common import BENCH_DB, setup_django, table, write_result

setup_django()

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from certificates.models import Credential
from courses.models import CoursePage, Enrolment, LessonPage, QuizPage
from courses.services.enrolments import enrolment_create
from lms.people.models import User
from lms.people.permissions import two_factor_required

# BENCH_PORT lets two people load-test on one machine; BENCH_PAGES runs a subset, e.g.
# BENCH_PAGES=PeerLesson,QuizSpike (the /ping baseline always runs).
PORT = int(os.environ.get("BENCH_PORT", "8123"))
HOST = f"http://127.0.0.1:{PORT}"
USERS, SECONDS = 20, 20
PAGES = [
    ("PeerDashboard", "dashboard"),
    ("PeerLesson", "lesson page"),
    ("PeersReading", "lesson page and dashboard at a reader's pace"),
    ("PublicVerification", "verification"),
    ("SupervisorDashboard", "supervisor dashboard"),
    ("HRMatrix", "HR matrix"),
]


def session_for(user: User) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if two_factor_required(user):  # HR: a session that has passed two-factor, as after sign-in
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "Authenticator app"}
        )
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return store.session_key


def load_data() -> dict:
    peers = list(User.objects.filter(email__startswith="scale-peer-").order_by("pk")[:500])
    if not peers:
        sys.exit("No scale data: run `python bench/seed_scale.py` first.")
    data = {"peers": [], "supervisors": [], "hr": [], "codes": [], "spike_peers": []}
    for peer in peers[:50]:
        courses = Enrolment.objects.filter(learner=peer).values_list("course__path", flat=True)
        lessons = [
            lesson.url
            for lesson in LessonPage.objects.live().filter(path__startswith=courses[0])[:10]
        ]
        data["peers"].append({"session": session_for(peer), "lessons": lessons})
    for supervisor in User.objects.filter(email__startswith="scale-supervisor-")[:20]:
        data["supervisors"].append({"session": session_for(supervisor)})
    data["hr"].append({"session": session_for(User.objects.get(email="scale-hr@example.org"))})
    data["codes"] = [
        f"{c[:4]}-{c[4:8]}-{c[8:12]}-{c[12:]}"
        for c in Credential.objects.values_list("code", flat=True)[:500]
    ]
    # The spike: 200 peers newly enrolled in one course all start its first quiz.
    course = CoursePage.objects.live().order_by("pk").first()
    quiz = QuizPage.objects.live().descendant_of(course).order_by("path").first()
    data["spike_quiz"] = quiz.pk
    data["spike_answers"] = {
        str(question.pk): [choice.pk for choice in question.choices.order_by("sort_order")][:1]
        for question in quiz.questions.all()
    }
    # Peers who have not completed that course: a completed enrolment may not start a quiz.
    completed = set(
        Enrolment.objects.filter(course=course, completed_at__isnull=False).values_list(
            "learner_id", flat=True
        )
    )
    spike_peers = [peer for peer in peers[200:] if peer.pk not in completed][:200]
    for peer in spike_peers:
        enrolment = enrolment_create(learner=peer, course=course, acting_user=peer)
        enrolment.quiz_attempts.filter(quiz=quiz).delete()  # each run starts fresh
        data["spike_peers"].append({"session": session_for(peer), "csrf": secrets.token_hex(16)})
    return data


def start_gunicorn(static_root: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{BENCH_DB}",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/13",
        "CACHE_URL": CACHE_URL,
        "EMAIL_URL": "dummymail://",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",  # plain HTTP on loopback only
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_LOG_LEVEL": "WARNING",
        # Every simulated visitor comes from 127.0.0.1; the per-client limit would cap the
        # whole run at 30 lookups a minute.
        "VERIFY_RATE_LIMIT": "1000000",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "lms.wsgi:application",
            "--workers",
            "2",
            "--threads",
            "4",  # as in the Procfile
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(HOST + "/ping", timeout=1)  # noqa: S310 - loopback
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not start")


def worker_rss_mb(server: subprocess.Popen) -> float:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    peak = 0.0
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):  # the worker's peak resident memory
                peak = max(peak, int(line.split()[1]) / 1024)
    return peak


def run_locust(user_class: str, data_file: str, *, users: int, rate: float, seconds: int):
    prefix = Path(tempfile.mkdtemp()) / "stats"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--only-summary",
            "-u",
            str(users),
            "-r",
            str(rate),
            "-t",
            f"{seconds}s",
            "--host",
            HOST,
            "--csv",
            str(prefix),
            user_class,
        ],
        env={**os.environ, "LOAD_DATA": data_file},
        check=False,
        capture_output=True,
    )
    with open(f"{prefix}_stats.csv") as handle:
        return [row for row in csv.DictReader(handle) if row["Name"] != "Aggregated"]


def row_for(stats: dict, baseline_rps: float | None) -> list:
    rps = float(stats["Requests/s"])
    ratio = f"{rps / baseline_rps:.0%}" if baseline_rps else "100%"
    return [
        stats["Name"],
        stats["Request Count"],
        stats["Failure Count"],
        f"{rps:.1f}",
        stats["50%"],
        stats["95%"],
        stats["99%"],
        ratio,
    ]


def main() -> None:
    data = load_data()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(data, handle)
    static_root = tempfile.mkdtemp(prefix="lms-bench-static-")
    server = start_gunicorn(static_root)
    rows = []
    try:
        (baseline,) = run_locust("Baseline", handle.name, users=USERS, rate=USERS, seconds=SECONDS)
        baseline_rps = float(baseline["Requests/s"])
        rows.append(row_for(baseline, None))
        only = [name for name in os.environ.get("BENCH_PAGES", "").split(",") if name]
        for user_class, _name in PAGES:
            if only and user_class not in only:
                continue
            # Readers arrive over 10 s rather than all at once, so the phase measures
            # reading, not one burst of 20 simultaneous first pages.
            rate, seconds = (2, 60) if user_class == "PeersReading" else (USERS, SECONDS)
            for stats in run_locust(
                user_class, handle.name, users=USERS, rate=rate, seconds=seconds
            ):
                rows.append(row_for(stats, baseline_rps))
        # 200 peers ramped up within 5 s (40/s), each starting and submitting the quiz once.
        if not only or "QuizSpike" in only:
            for stats in run_locust("QuizSpike", handle.name, users=200, rate=40, seconds=25):
                rows.append(row_for(stats, None))
        rss = worker_rss_mb(server)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    text = (
        f"## Load test ({USERS} concurrent users, {SECONDS} s per page; gunicorn 2 workers "
        f"x 4 threads, production settings, Redis cache; "
        f"{settings.DATABASES['default']['NAME']})\n\n"
        + table(
            "Per page (milliseconds)",
            ["page", "requests", "errors", "req/s", "p50", "p95", "p99", "throughput vs /ping"],
            rows,
        )
        + f"\nPeak gunicorn worker RSS: {rss:.0f} MB (target < 250 MB)\n"
    )
    print(text)
    print(f"written to {write_result('load', text)}")


if __name__ == "__main__":
    main()
