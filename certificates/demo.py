"""Demo credentials and CE records for `seed_demo`. Development only; idempotent."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from lms.people.services import supervisors_notify

from .models import (
    CECategory,
    CERecord,
    Credential,
    CredentialType,
)
from .services.issuance import credential_issue, credential_revoke
from .services.renewals import renewals_flag_due

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
    # Jordan holds IC&RC Peer Recovery: its own CE rule (20 hours every two years, 6 in ethics).
    icrc = CredentialType.objects.filter(code="icrc-peer-recovery").first()
    if icrc is not None:
        credential_issue(
            holder=jordan,
            credential_type=icrc,
            source=Credential.Source.EXTERNAL,
            issued_on=today - timedelta(days=300),
            external_number="PR-MT-2291",
            acting_user=supervisor,
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
    renewals_flag_due(today=today)
