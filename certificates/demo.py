"""Demo credentials and CE records for `seed_demo`. Development only; idempotent."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from lms.people.roles import Role
from lms.people.services import attestation_record, supervision_log_record

from .models import (
    CECategory,
    CERecord,
    Credential,
    CredentialType,
    Position,
    PositionAnyOfGroup,
)
from .services.issuance import credential_issue, credential_revoke
from .services.renewals import renewals_flag_due
from .services.supervision import supervisor_assignment_create, supervisors_notify

# A tiny valid PDF, standing in for a scanned CE certificate.
EVIDENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed(people) -> None:
    sam, jordan = people["peer@example.org"], people["peer2@example.org"]
    admin, supervisor = people["admin@example.org"], people["supervisor@example.org"]
    cbhpss = CredentialType.objects.get(code="cbhpss")
    if Credential.objects.filter(holder=sam, credential_type=cbhpss).exists():
        return
    today = timezone.localdate()
    year = today.year

    credential_issue(
        holder=supervisor,
        credential_type=CredentialType.objects.get(code="qualified-supervisor"),
        source=Credential.Source.MANUAL,
        issued_on=date(year - 1, 9, 1),
        acting_user=admin,
    )
    supervisor_assignment_create(
        supervisor=supervisor, peer=sam, starts_on=date(year, 1, 6), acting_user=admin
    )

    # Sam's state certification: first issued last year, renewed for this year, so it is in
    # its renewal window now (every CBHPSS expires on 31 December).
    first = credential_issue(
        holder=sam,
        credential_type=cbhpss,
        source=Credential.Source.EXTERNAL,
        issued_on=date(year - 1, 3, 10),
        external_number=f"CBHPSS-{year - 1}-0412",
        acting_user=supervisor,
    )
    credential_issue(
        holder=sam,
        credential_type=cbhpss,
        source=Credential.Source.EXTERNAL,
        issued_on=date(year - 1, 12, 15),
        expires_on=date(year, 12, 31),
        external_number=f"CBHPSS-{year - 1}-0412",
        supersedes=first,
        issued_as=Credential.IssuedAs.RENEWAL,
        acting_user=supervisor,
    )
    # An expired Mental Health First Aid certificate (three-year validity).
    credential_issue(
        holder=sam,
        credential_type=CredentialType.objects.get(code="mhfa"),
        source=Credential.Source.EXTERNAL,
        issued_on=today - timedelta(days=3 * 365 + 40),
        acting_user=supervisor,
    )
    # A revoked CPR card for Jordan.
    cpr = credential_issue(
        holder=jordan,
        credential_type=CredentialType.objects.get(code="cpr-first-aid"),
        source=Credential.Source.MANUAL,
        issued_on=today - timedelta(days=200),
        acting_user=admin,
    )
    credential_revoke(
        credential=cpr, acting_user=admin, reason="Entered for the wrong person; see audit trail."
    )

    general = CECategory.objects.get(slug="general")
    ethics = CECategory.objects.get(slug="ethics")
    for title, provider, days_ago, hours, category, status, note in [
        (
            "Motivational interviewing refresher",
            "Montana Peer Network",
            200,
            "6",
            general,
            "approved",
            "",
        ),
        ("Ethics in rural peer work", "Billings Clinic", 120, "4", ethics, "approved", ""),
        (
            "Harm reduction conference day",
            "Montana Public Health Assoc.",
            20,
            "5",
            general,
            "pending",
            "",
        ),
        (
            "Webinar recording",
            "Unknown provider",
            60,
            "2",
            general,
            "rejected",
            "The certificate doesn't show hours; please send the one with the hours on it.",
        ),
    ]:
        record = CERecord(
            holder=sam,
            title=title,
            provider=provider,
            completed_on=today - timedelta(days=days_ago),
            hours=Decimal(hours),
            category=category,
            source=CERecord.Source.EXTERNAL,
            status=status,
            reviewed_by=None if status == "pending" else supervisor,
            reviewed_at=None if status == "pending" else timezone.now(),
            review_note=note,
        )
        record.evidence.save(
            f"{sam.pk}/evidence-{days_ago}.pdf", ContentFile(EVIDENCE_PDF), save=False
        )
        record.save()
        if status == "pending":  # as ce_record_submit tells the supervisor
            supervisors_notify(peer=sam, message=f"Sam sent CE for your review: {title}.")
    _seed_positions()
    _seed_supervision(sam=sam, supervisor=supervisor, hr=people["hr@example.org"], today=today)
    renewals_flag_due(today=today)


POSITIONS = [
    # name, all-of type codes, any-of groups (label, type codes), supervisor, attestation
    ("Peer Support Specialist", ["cbhpss", "peer-support-40-hour"], [], True, True),
    (
        "Recovery Doula",
        ["peer-support-40-hour", "course-ps-doula-rd"],
        [("Doula certification", ["dona-doula", "indigenous-doula"])],
        True,
        True,
    ),
    ("Indigenous Recovery Doula", ["peer-support-40-hour", "indigenous-doula"], [], True, True),
    (
        "Master Narcan Trainer",
        ["master-narcan-trainer"],
        [("First aid", ["cpr-first-aid", "mhfa"])],
        False,
        True,
    ),
    ("Corrections (jail) peer", ["cbhpss", "corrections-peer"], [], True, True),
    ("Trauma group facilitator", ["peer-support-40-hour", "trauma-facilitator"], [], True, True),
]


def _seed_positions() -> None:
    types = {
        credential_type.code: credential_type for credential_type in CredentialType.objects.all()
    }
    # HR's matrix lists the peers (and anyone holding a credential) for each position.
    peers = Group.objects.get(name=Role.PEER)
    for name, all_of, any_of, needs_supervisor, needs_attestation in POSITIONS:
        position = Position(
            name=name,
            slug=slugify(name),
            requires_supervisor=needs_supervisor,
            requires_attestation=needs_attestation,
        )
        position.required_credential_types = [types[code] for code in all_of if code in types]
        position.any_of_groups = [
            PositionAnyOfGroup(
                label=label, credential_types=[types[code] for code in codes if code in types]
            )
            for label, codes in any_of
        ]
        position.applies_to_groups = [peers]
        position.save()


def _seed_supervision(*, sam, supervisor, hr, today) -> None:
    attestation_record(person=sam, on_file=True, acting_user=hr)
    for weeks_ago, minutes, topics, summary in [
        (
            6,
            60,
            ["goals", "wellness", "strengths"],
            "Talked through Sam's goals for the doula course and how the first months in the "
            "role have felt. Named strengths in building trust with new peers.",
        ),
        (
            2,
            45,
            ["ethics", "role_clarity", "practice"],
            "Reflected on a boundary question from a community visit and agreed a plan for "
            "similar situations. Clarified what to hand over to the care team.",
        ),
    ]:
        supervision_log_record(
            supervisor=supervisor,
            peer=sam,
            held_on=today - timedelta(weeks=weeks_ago),
            duration_minutes=minutes,
            topics=topics,
            summary=summary,
            attested=True,
        )
