"""Audit packets (issue 17 item 4): one person with 7 years of records (target ≤ 10 s) and a
random sample of 50 people (target ≤ 2 min), built as the worker builds them, with the time
and the worker's peak memory.

Each build runs in a forked child process (as a worker's pool process would), so its peak
resident memory (ru_maxrss) is that build's.
A database of its own (lms_bench_audit), seeded once: CBHPSS-like renewals every year, CE
records with 150 KB evidence scans, hub course completions with stored certificate PDFs,
sessions attended, two supervision sessions a month and hours worked.
"""

import os
import random
import resource
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as day_time
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("BENCH_DB", "lms_bench_audit")

from bench.common import setup_django, table, write_result

setup_django()

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connections
from django.utils import timezone

from certificates.expiry import add_months
from certificates.models import CECategory, CERecord, Credential, CredentialType
from certificates.pdfs import credential_pdf_render
from courses.models import Attendance, Enrolment
from lms.audits.models import AuditPacket
from lms.audits.packets import audit_packet_build
from lms.audits.services import audit_packet_request, audit_sample_request
from lms.people.models import User
from lms.people.roles import Role
from lms.supervision.models import HoursWorked, SupervisionLog
from tests.factories import (
    CredentialTypeFactory,
    SessionFactory,
    ce_category_rule,
    make_course,
)

TODAY = timezone.localdate()
YEARS = 7
SAMPLE = 50
SAMPLE_YEARS = 3
EVIDENCE_BYTES = 150 * 1024
TARGETS = {"one": 10.0, "sample": 120.0}


def aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, day_time(hour)))


def scan(rng: random.Random) -> bytes:
    """A JPEG-like scan: incompressible bytes behind the JPEG magic number."""
    return b"\xff\xd8\xff\xe0" + rng.randbytes(EVIDENCE_BYTES - 4)


def seed_world():
    if User.objects.filter(email="audit-bench-admin@example.org").exists():
        return
    rng = random.Random(17)
    admin = User.objects.create_user(
        email="audit-bench-admin@example.org",
        password="x-bench-password-1",  # noqa: S106
        preferred_name="Bench admin",
        certificate_name="Bench Admin",
        is_superuser=True,
    )
    admin.groups.add(*Group.objects.filter(name=Role.ADMINISTRATOR))
    supervisor = User.objects.create_user(
        email="audit-bench-supervisor@example.org",
        password="x-bench-password-1",  # noqa: S106
        preferred_name="Dana",
        certificate_name="Dana Supervisor",
    )
    suicide, _ = CECategory.objects.get_or_create(
        slug="bench-suicide", defaults={"name": "Suicide prevention (bench)"}
    )
    ethics_ce, _ = CECategory.objects.get_or_create(
        slug="bench-ethics", defaults={"name": "Ethics (bench)"}
    )
    licence = CredentialTypeFactory(
        name="CBHPSS (audit bench)",
        code="cbhpss-audit-bench",
        issuer="Montana Board of Behavioral Health",
        kind=CredentialType.Kind.EXTERNAL_LICENCE,
        validity_rule="fixed_date",
        fixed_expiry_month=12,
        fixed_expiry_day=31,
        issued_by_hub=False,
        ce_hours_required=Decimal("20"),
        ce_first_cycle="exempt",
        ce_carry_forward_max_hours=Decimal("20"),
    )
    ce_category_rule(licence, suicide, min_hours=Decimal("2"), every_cycles=2)
    # A course (and its certificate type) a year: one current certificate per type and person.
    courses = []
    for number in range(YEARS):
        hub_type = CredentialTypeFactory(
            name=f"Hub CE course {number} (audit bench)", code=f"hub-audit-bench-{number}"
        )
        courses.append(
            make_course(
                modules=3, lessons_per_module=4, quiz=False, credential_type=hub_type, ce_hours=3
            )
        )
    trainer = supervisor
    # One real certificate PDF (rendered and signed as issuing does), its bytes stored for
    # every other hub credential: the size a real one has, without 400 renders in the seed.
    template_pdf = None

    def person(email, name, years):
        nonlocal template_pdf
        user = User.objects.create_user(
            email=email,
            password="x-bench-password-1",  # noqa: S106
            preferred_name=name,
            certificate_name=f"{name} Bench",
        )
        first_year = TODAY.year - years
        previous = None
        for year in range(first_year, TODAY.year + 1):
            previous = Credential.objects.create(
                holder=user,
                credential_type=licence,
                source=Credential.Source.EXTERNAL,
                status="active" if year == TODAY.year else "superseded",
                issued_on=date(year, 1, 2),
                expires_on=date(year, 12, 31),
                holder_name=user.certificate_name,
                title=licence.name,
                provider=licence.issuer,
                external_number=f"MT-{user.pk}",
                issued_as="renewal" if previous else "new",
                supersedes=previous,
            )
        for year in range(first_year, TODAY.year + 1):
            for number in range(25 if years == YEARS else 15):
                day = date(year, 1, 5) + timedelta(days=rng.randrange(0, 350))
                if day > TODAY:
                    continue
                record = CERecord(
                    holder=user,
                    title=f"Workshop {year}-{number}",
                    provider="Montana Peer Network",
                    completed_on=day,
                    hours=Decimal(rng.choice(["1", "1.5", "2", "3"])),
                    source=CERecord.Source.EXTERNAL,
                    status="approved" if number % 5 else "pending",
                    category=rng.choice([suicide, ethics_ce, None]),
                )
                if number % 5:
                    record.evidence.save("scan.jpg", ContentFile(scan(rng)), save=False)
                record.save()
            for month in range(1, 13):
                for day_of_month in (8, 22):
                    day = date(year, month, day_of_month)
                    if day > TODAY:
                        continue
                    SupervisionLog.objects.create(
                        supervisor=supervisor,
                        peer=user,
                        held_on=day,
                        duration_minutes=60,
                        topics=["goals", "boundaries"],
                        summary="Talked through the week and boundaries with a new participant.",
                        attestation_text="I attest this session took place as recorded.",
                        supervisor_attested_at=aware(day),
                    )
                if date(year, month, 1) <= TODAY:
                    HoursWorked.objects.create(
                        peer=user, month=date(year, month, 1), hours=80, entered_by=supervisor
                    )
        # Hub courses: one a year, each with its certificate and a session attended.
        for index, year in enumerate(range(first_year + 1, TODAY.year + 1)):
            course = courses[index]
            hub_type = course.credential_type
            day = min(date(year, 6, 15), TODAY - timedelta(days=1))
            credential = Credential.objects.create(
                holder=user,
                credential_type=hub_type,
                source=Credential.Source.COURSE_COMPLETION,
                issued_on=day,
                holder_name=user.certificate_name,
                title=hub_type.name,
                course_title=course.title,
                course_description=course.summary,
                provider="One Health Peer Training Hub",
                ce_details={"presenters": [{"name": "Rae Presenter", "credentials": "CBHPSS"}]},
                ce_hours=Decimal("3"),
                contact_hours=Decimal("4"),
                status="active",
            )
            if template_pdf is None:
                credential = credential_pdf_render(credential_id=credential.pk)
                credential.pdf.open("rb")
                template_pdf = credential.pdf.read()
                credential.pdf.close()
            else:
                credential.pdf.save(f"bench/{credential.code}.pdf", ContentFile(template_pdf))
            enrolment = Enrolment.objects.create(
                learner=user,
                course=course,
                status="completed",
                completed_at=aware(day),
                credential=credential,
            )
            session = SessionFactory(
                course=course,
                trainer=trainer,
                starts_at=aware(day - timedelta(days=3), 9),
                ends_at=aware(day - timedelta(days=3), 13),
            )
            Attendance.objects.create(
                session=session, enrolment=enrolment, hours=4, recorded_by=trainer
            )
        return user

    person("audit-bench-seven@example.org", "Sam", YEARS)
    for number in range(SAMPLE + 10):
        person(f"audit-bench-{number}@example.org", f"Peer{number}", SAMPLE_YEARS)


def run_build(packet_id: int, queue) -> None:
    """In a forked child: the build as a worker runs it, timed, with its memory."""
    connections.close_all()  # the parent's connection is not the child's to share
    started = time.perf_counter()
    audit_packet_build(packet_id=packet_id)
    seconds = time.perf_counter() - started
    queue.put((seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def measure(packet: AuditPacket) -> tuple[float, int]:
    context = get_context("fork")
    queue = context.Queue()
    connections.close_all()
    child = context.Process(target=run_build, args=(packet.pk, queue))
    child.start()
    result = queue.get(timeout=600)
    child.join()
    return result


def main() -> None:
    started = time.perf_counter()
    seed_world()
    seeded = time.perf_counter() - started
    # What the worker process holds before it starts (Django, WeasyPrint loaded by the seed).
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    admin = User.objects.get(email="audit-bench-admin@example.org")
    sam = User.objects.get(email="audit-bench-seven@example.org")
    seven_years_ago = add_months(TODAY, -12 * YEARS) + timedelta(days=1)
    rows = []
    one = audit_packet_request(
        person=sam, period_start=seven_years_ago, period_end=TODAY, acting_user=admin
    )
    seconds, rss = measure(one)
    one.refresh_from_db()
    assert one.status == "ready", one.message
    rows.append(
        [
            f"one person, {YEARS} years ({seven_years_ago} to {TODAY})",
            1,
            one.progress_total - 1,
            f"{one.zip_size / 1e6:.1f}",
            f"{seconds:.1f}",
            f"{rss / 1024:.0f}",
            f"≤ {TARGETS['one']:.0f} s",
        ]
    )
    sample = audit_sample_request(
        credential_type=CredentialType.objects.get(code="cbhpss-audit-bench"),
        size=SAMPLE,
        seed=2026,
        period_start=add_months(TODAY, -12 * SAMPLE_YEARS) + timedelta(days=1),
        period_end=TODAY,
        acting_user=admin,
    )
    seconds_sample, rss_sample = measure(sample)
    sample.refresh_from_db()
    assert sample.status == "ready", sample.message
    rows.append(
        [
            f"sample of {SAMPLE} of {sample.drawn_from} holders, {SAMPLE_YEARS} years",
            len(sample.people),
            sample.progress_total - 1,
            f"{sample.zip_size / 1e6:.1f}",
            f"{seconds_sample:.1f}",
            f"{rss_sample / 1024:.0f}",
            f"≤ {TARGETS['sample']:.0f} s",
        ]
    )
    text = (
        "## Audit packet benchmark\n\n"
        + table(
            "Built as the worker builds it (audit_packet_build in a forked process; "
            "PostgreSQL, WeasyPrint summary per person, signed manifest)",
            [
                "packet",
                "people",
                "files",
                "zip MB",
                "seconds",
                "worker peak RSS MB (ru_maxrss)",
                "target",
            ],
            rows,
        )
        + f"\nThe process held {baseline / 1024:.0f} MB (peak RSS) before forking each build. "
        f"Seeding took {seeded:.0f} s (0 when an earlier run seeded it). Each person: a "
        "CBHPSS-like licence renewed every year, 25 CE records a year (15 for the sample), "
        "four in five approved with a 150 KB scan, one hub course a year (certificate PDF, "
        "session attended), two supervision sessions a month and monthly hours worked.\n"
    )
    print(text)
    path = write_result("audit-packet", text)
    print(f"Written to {path}")
    for packet, target in ((one, TARGETS["one"]), (sample, TARGETS["sample"])):
        took = seconds if packet is one else seconds_sample
        if took > target:
            print(f"OVER TARGET: packet {packet.pk} took {took:.1f} s (target {target:.0f} s)")


if __name__ == "__main__":
    main()
