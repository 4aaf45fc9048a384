"""Certificate rendering against a minimal WeasyPrint page, flag_renewals at 100,000 rows, and
1,000 certificates issued through a real Celery worker.

Targets (issue 4 / 7): render ≤ 2x the minimal one-page document in the same process;
PDF ≤ 150 KB; flag_renewals over 100,000 credentials ≤ 10 s with a query count that does
not depend on the number of rows; 1,000 certificates issued and their PDFs stored by a
Celery worker in ≤ 3 minutes.
"""

import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# A broker database of the benchmark's own (the test suite and the load test use others).
BENCH_BROKER = os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/7")

from bench.common import BENCH_DB, median_ms, setup_django, table, timed, write_result

setup_django()

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from weasyprint import HTML

from certificates.models import Credential, CredentialType, RenewalReminder
from certificates.rendering import render_certificate_pdf
from certificates.services.issuance import credential_issue
from certificates.services.renewals import renewals_flag_due
from certificates.signing import sign_pdf
from lms.people.models import Notification, User

BOARD_FIELDS = {
    "objectives": [
        "Recognise warning signs of suicide",
        "Ask directly about suicide and respond with care",
        "Build a safety plan, including reducing access to lethal means",
    ],
    "presenters": [
        {"name": "Dana Whitcomb", "credentials": "MSW, LAC"},
        {"name": "Sam Okafor", "credentials": "CBHPSS"},
    ],
    "approvals": [
        {"body": "NAADAC", "provider_number": "123456", "approval_number": ""},
        {"body": "IC&RC member board", "provider_number": "", "approval_number": "PR-2026-014"},
    ],
    "hours_by_category": [
        {"category": "Suicide prevention", "hours": "2"},
        {"category": "Ethics and boundaries", "hours": "4"},
    ],
    "delivery": "Live in person and self-paced online",
    "dates": ["2026-11-18", "2026-11-25"],
    "signatory_name": "Jordan Reyes",
    "signatory_title": "CE program coordinator",
}
MINIMAL = "<!doctype html><html><body><h1>Certificate</h1><p>Minimal page.</p></body></html>"


def bench_render() -> str:
    credential = Credential(
        code="7K3MQ9XA2BHDW4TN",
        credential_type=CredentialType.objects.get(code="peer-support-40-hour"),
        holder_name="Samantha R. Two Feathers",
        title="Peer Support Ethics & Boundaries, 40-hour course",
        course_title="Peer Support Ethics & Boundaries (40-hour course)",
        course_description="Scope of practice, boundaries, confidentiality and consent.",
        provider="One Health Peer Training Hub",
        ce_details={"presenters": [{"name": "One Health peer training team", "credentials": ""}]},
        issued_on=timezone.localdate(),
        contact_hours=40,
        ce_hours=0,
    )
    ce_credential = Credential(
        code="7K3MQ9XA2BHDW4TM",
        credential_type=credential.credential_type,
        holder_name="Samantha R. Two Feathers",
        title="Certificate: Suicide Prevention for Peer Supporters",
        course_title="Suicide Prevention for Peer Supporters",
        course_description="Warning signs, asking directly, safety planning and lethal means.",
        provider="One Health Peer Training Hub",
        ce_details=BOARD_FIELDS,
        issued_on=timezone.localdate(),
        contact_hours=6,
        ce_hours=6,
    )
    sign_pdf(render_certificate_pdf(credential))  # warm up fonts, templates and the key
    render_certificate_pdf(ce_credential)
    HTML(string=MINIMAL).write_pdf()
    # Interleaved, so background load on the machine hits both sides alike.
    certificate, signed, minimal, ce_pages = [], [], [], []
    for _ in range(15):
        ce_pages += timed(lambda: render_certificate_pdf(ce_credential), repeat=1)
        certificate += timed(lambda: render_certificate_pdf(credential), repeat=1)
        signed += timed(lambda: sign_pdf(render_certificate_pdf(credential)), repeat=1)
        minimal += timed(lambda: HTML(string=MINIMAL).write_pdf(), repeat=1)
    size_kb = len(render_certificate_pdf(credential)) / 1024
    signed_kb = len(sign_pdf(render_certificate_pdf(credential))) / 1024
    ratio = median_ms(certificate) / median_ms(minimal)
    signing_share = median_ms(signed) / median_ms(certificate) - 1
    return table(
        "Certificate PDF rendering (median of 15, same process)",
        ["document", "median ms", "ratio", "size KB", "target"],
        [
            ["minimal one-page WeasyPrint", f"{median_ms(minimal):.1f}", "1.00", "", ""],
            [
                "hub certificate",
                f"{median_ms(certificate):.1f}",
                f"{ratio:.2f}",
                f"{size_kb:.1f}",
                "ratio ≤ 2, ≤ 150 KB",
            ],
            [
                "hub certificate, signed (PAdES B-B)",
                f"{median_ms(signed):.1f}",
                f"{median_ms(signed) / median_ms(minimal):.2f}",
                f"{signed_kb:.1f}",
                f"signing adds {signing_share:.0%} (target ≤ 50%)",
            ],
            [
                "CE certificate (second page for boards: objectives, presenters, approvals, "
                "hours by category)",
                f"{median_ms(ce_pages):.1f}",
                f"{median_ms(ce_pages) / median_ms(minimal):.2f}",
                f"{len(render_certificate_pdf(ce_credential)) / 1024:.1f}",
                "two pages; ≤ 150 KB",
            ],
        ],
    )


def seed_credentials(total: int) -> None:
    """`total` credentials spread over expiring types and dates around today (COPY-fast)."""
    Notification.objects.filter(recipient__email__startswith="bench-").delete()
    RenewalReminder.objects.filter(credential__holder__email__startswith="bench-").delete()
    Credential.objects.filter(holder__email__startswith="bench-").delete()
    types = list(CredentialType.objects.exclude(validity_rule="none"))
    wanted = -(-total // len(types))  # enough holders for every credential to be current
    holders = list(User.objects.filter(email__startswith="bench-")[:wanted])
    if len(holders) < wanted:
        User.objects.bulk_create(
            [
                User(
                    email=f"bench-{n}@example.org",
                    preferred_name=f"B{n}",
                    certificate_name=f"B {n}",
                )
                for n in range(len(holders), wanted)
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )
        holders = list(User.objects.filter(email__startswith="bench-")[:wanted])
    today = timezone.localdate()
    rng = random.Random(2026)
    # Unique (holder, type) among current credentials: walk holders x types.
    pairs = [(h, t) for t in types for h in holders]
    rows = []
    for index in range(total):
        holder, credential_type = pairs[index]
        expires = today + timedelta(days=rng.randint(-400, 900))
        rows.append(
            Credential(
                holder=holder,
                credential_type=credential_type,
                status="active",
                source="manual",
                issued_on=expires - timedelta(days=700),
                expires_on=expires,
                holder_name=holder.certificate_name,
                title=credential_type.name,
                provider="Bench",
            )
        )
    Credential.objects.bulk_create(rows, batch_size=5000)


def bench_renewals() -> str:
    out = []
    for total in (10_000, 100_000):
        seed_credentials(total)
        with CaptureQueriesContext(connection) as first_queries:
            start = time.perf_counter()
            counts = renewals_flag_due()
            first = time.perf_counter() - start
        start = time.perf_counter()
        again = renewals_flag_due()
        second = time.perf_counter() - start
        out.append(
            [
                f"{total:,}",
                f"{first:.2f}",
                len(first_queries),
                f"{counts.renewal_due:,} / {counts.expired:,} / {counts.reminders:,}",
                f"{second:.2f}",
                f"{again.renewal_due} / {again.expired} / {again.reminders}",
            ]
        )
    with transaction.atomic():
        Notification.objects.filter(recipient__email__startswith="bench-").delete()
    from lms.celery import app

    app.control.purge()
    return table(
        "flag_renewals (renewals_flag_due) over many credentials",
        [
            "credentials",
            "first run s",
            "queries",
            "due / expired / reminders",
            "second run s",
            "second run changes",
        ],
        out,
    )


ISSUED = 1000
ISSUE_TYPE = "peer-support-40-hour"
WORKER_CONCURRENCY = "2"  # as the Procfile's worker (CELERY_CONCURRENCY)
DEADLINE_S = 180


def start_worker(media_root: str, log) -> subprocess.Popen:
    """`celery worker` on the bench database and broker, as deployed (prefork, 2 processes)."""
    from lms.celery import app

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"],
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{BENCH_DB}",
        "CELERY_BROKER_URL": BENCH_BROKER,
        "DJANGO_PRIVATE_MEDIA_ROOT": media_root,
    }
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "lms",
            "worker",
            f"--concurrency={WORKER_CONCURRENCY}",
            "-l",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(120):
        if worker.poll() is not None:
            sys.exit("The Celery worker exited; see its log.")
        if app.control.ping(timeout=0.5):
            return worker
    worker.terminate()
    sys.exit("The Celery worker did not answer a ping within a minute.")


def issue_holders() -> list[User]:
    holders = list(User.objects.filter(email__startswith="bench-pdf-").order_by("pk")[:ISSUED])
    if len(holders) < ISSUED:
        User.objects.bulk_create(
            [
                User(
                    email=f"bench-pdf-{n}@example.org",
                    preferred_name=f"P{n}",
                    certificate_name=f"Pdf Holder {n}",
                )
                for n in range(len(holders), ISSUED)
            ],
            ignore_conflicts=True,
        )
        holders = list(User.objects.filter(email__startswith="bench-pdf-").order_by("pk"))
    return holders[:ISSUED]


def forget_issued() -> None:
    Notification.objects.filter(recipient__email__startswith="bench-pdf-").delete()
    Credential.objects.filter(holder__email__startswith="bench-pdf-").delete()


def _wait_for_pdfs(since: float) -> tuple[int, float]:
    issued = Credential.objects.filter(holder__email__startswith="bench-pdf-")
    stored = 0
    while time.perf_counter() - since < DEADLINE_S + 60:
        stored = issued.filter(pdf_rendered_at__isnull=False).count()
        if stored >= ISSUED:
            break
        time.sleep(0.25)
    return stored, time.perf_counter() - since


def _issue_all(credential_type) -> float:
    start = time.perf_counter()
    today = timezone.localdate()
    for holder in issue_holders():
        credential_issue(
            holder=holder,
            credential_type=credential_type,
            source=Credential.Source.MANUAL,
            issued_on=today,
        )
    return time.perf_counter() - start


def bench_celery_issue() -> str:
    """1,000 credentials issued through the service (each queues its PDF on commit) and
    rendered by a real worker process, two ways: issued while the worker runs (timed from the
    first enqueue to the last PDF stored; the issuing competes with the worker for the same
    2 cores), and a backlog of 1,000 queued tasks (timed from launching the worker)."""
    from lms.celery import app

    credential_type = CredentialType.objects.get(code=ISSUE_TYPE)
    media_root = tempfile.mkdtemp(prefix="lms-bench-pdf-")
    log_path = Path(tempfile.gettempdir()) / "lms-bench-celery-worker.log"
    rows = []
    with log_path.open("wb") as log:
        for mode in ("issued while the worker runs", "a queued backlog of 1,000"):
            forget_issued()
            app.control.purge()
            live = mode.startswith("issued")
            enqueue_s = None if live else _issue_all(credential_type)
            # A backlog is timed from launching the worker, start-up included: it starts
            # consuming before it answers the ping.
            launched = time.perf_counter()
            worker = start_worker(media_root, log)
            try:
                start = time.perf_counter() if live else launched
                if live:
                    enqueue_s = _issue_all(credential_type)
                stored, total = _wait_for_pdfs(start)
            finally:
                worker.terminate()
                worker.wait(timeout=30)
            rows.append(
                [
                    mode,
                    f"{stored:,}",
                    f"{enqueue_s:.1f}",
                    f"{total:.1f}" if stored >= ISSUED else f"> {total:.0f} (unfinished)",
                    f"{1000 * total / max(stored, 1):.0f}",
                    f"≤ {DEADLINE_S} s",
                ]
            )
    sizes = [path.stat().st_size for path in Path(media_root).rglob("*.pdf")]
    forget_issued()
    app.control.purge()
    return table(
        f"{ISSUED:,} certificates through a Celery worker (prefork, concurrency "
        f"{WORKER_CONCURRENCY}; Redis broker {BENCH_BROKER}; mean PDF "
        f"{sum(sizes) / max(len(sizes), 1) / 1024:.1f} KB)",
        ["run", "PDFs stored", "issue + enqueue s", "until the last PDF s", "per PDF ms", "target"],
        rows,
    )


if __name__ == "__main__":
    only = {name for name in os.environ.get("BENCH_CERTIFICATES", "").split(",") if name}
    parts = {"render": bench_render, "renewals": bench_renewals, "celery": bench_celery_issue}
    text = "## Certificates benchmark\n\n" + "\n".join(
        part() for name, part in parts.items() if not only or name in only
    )
    print(text)
    print(f"written to {write_result('certificates', text)}")
