"""Certificate rendering against a minimal WeasyPrint page, and flag_renewals at 100,000 rows.

Targets (issue 4 / 7): render ≤ 2x the minimal one-page document in the same process;
PDF ≤ 150 KB; flag_renewals over 100,000 credentials ≤ 10 s with a query count that does
not depend on the number of rows.
"""

import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median_ms, setup_django, table, timed, write_result

setup_django()

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from weasyprint import HTML

from certificates.models import Credential, CredentialType, RenewalReminder
from certificates.rendering import render_certificate_pdf
from certificates.services.renewals import renewals_flag_due
from lms.models import Notification, User

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
        presenter="One Health peer training team",
        issued_on=timezone.localdate(),
        contact_hours=40,
        ce_hours=0,
    )
    render_certificate_pdf(credential)  # warm up fonts and templates
    HTML(string=MINIMAL).write_pdf()
    # Interleaved, so background load on the machine hits both sides alike.
    certificate, minimal = [], []
    for _ in range(15):
        certificate += timed(lambda: render_certificate_pdf(credential), repeat=1)
        minimal += timed(lambda: HTML(string=MINIMAL).write_pdf(), repeat=1)
    size_kb = len(render_certificate_pdf(credential)) / 1024
    ratio = median_ms(certificate) / median_ms(minimal)
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


if __name__ == "__main__":
    text = "## Certificates benchmark\n\n" + bench_render() + "\n" + bench_renewals()
    print(text)
    print(f"written to {write_result('certificates', text)}")
