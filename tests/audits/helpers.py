"""A person with CE, certificates, a hub course and supervision over several years, and a
second person with their own (who must never appear in the first one's packet)."""

import hashlib
import io
import json
import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import jwt
from django.core.files.base import ContentFile
from django.utils import timezone

from certificates.models import CERecord, Credential, ExternalCredentialClaim
from certificates.openbadges import published_jwks
from courses.models import Attendance, Enrolment
from lms.supervision.models import SupervisionLog
from tests.factories import CredentialFactory, SessionFactory, make_course


def pdf_bytes(marker: str) -> bytes:
    return (
        b"%PDF-1.4\n% " + marker.encode() + b"\n1 0 obj<</Type/Catalog>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def ce_record(holder, *, day, title, status="approved", marker=None, hours="2", category=None):
    record = CERecord(
        holder=holder,
        title=title,
        provider="Elsewhere",
        completed_on=day,
        hours=Decimal(hours),
        source=CERecord.Source.EXTERNAL,
        status=status,
        category=category,
    )
    if marker:
        record.evidence.save("evidence.pdf", ContentFile(pdf_bytes(marker)), save=False)
    record.save()
    return record


def supervision(supervisor, peer, *, day, summary):
    return SupervisionLog.objects.create(
        supervisor=supervisor,
        peer=peer,
        held_on=day,
        duration_minutes=60,
        topics=["goals"],
        summary=summary,
        attestation_text="I attest this session took place.",
        supervisor_attested_at=aware(day),
    )


def hub_course_credential(holder, *, credential_type, day, presenter, trainer):
    """A completed hub course: its credential (snapshot), enrolment and one session attended."""
    course = make_course(
        modules=1, lessons_per_module=2, quiz=False, credential_type=credential_type, ce_hours=3
    )
    credential = CredentialFactory(
        holder=holder,
        credential_type=credential_type,
        source=Credential.Source.COURSE_COMPLETION,
        issued_on=day,
        course_title=course.title,
        course_description="Ethics, boundaries and confidentiality.",
        ce_details={
            "presenters": [{"name": presenter, "credentials": "PhD, LAC"}],
            "approvals": [{"body": "NAADAC", "approval_number": "MT-CE-1234"}],
            "objectives": ["Name three boundaries of peer work"],
        },
        ce_hours=Decimal("3"),
        contact_hours=Decimal("4"),
    )
    enrolment = Enrolment.objects.create(
        learner=holder,
        course=course,
        status=Enrolment.Status.COMPLETED,
        completed_at=aware(day),
        credential=credential,
    )
    session = SessionFactory(
        course=course,
        trainer=trainer,
        location="Billings community room",
        starts_at=aware(day - timedelta(days=2), 9),
        ends_at=aware(day - timedelta(days=2), 13),
    )
    Attendance.objects.create(
        session=session, enrolment=enrolment, hours=Decimal("4"), recorded_by=trainer
    )
    return credential, course


def claim(holder, *, credential_type, day, marker):
    item = ExternalCredentialClaim(
        holder=holder,
        credential_type=credential_type,
        number="CPR-77",
        issued_on=day,
        status=ExternalCredentialClaim.Status.VERIFIED,
        reviewed_at=aware(day),
    )
    item.evidence.save("card.pdf", ContentFile(pdf_bytes(marker)), save=False)
    item.save()
    return item


def unpack(packet) -> dict[str, bytes]:
    packet.zip.open("rb")
    try:
        with zipfile.ZipFile(io.BytesIO(packet.zip.read())) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    finally:
        packet.zip.close()


def checked_manifest(files: dict[str, bytes]) -> dict:
    """The manifest, after checking its signature with the published keys and every file
    against it (and that nothing in the zip is missing from it)."""
    manifest_bytes = files["manifest.json"]
    manifest = json.loads(manifest_bytes)
    token = files["manifest.json.jws"].decode().strip()
    _header, payload, _ = token.split(".")
    assert payload == ""  # detached
    kid = jwt.get_unverified_header(token)["kid"]
    key = next(k for k in published_jwks()["keys"] if k["kid"] == kid)
    jwt.api_jws.decode_complete(
        token, jwt.PyJWK(key).key, algorithms=[key["alg"]], detached_payload=manifest_bytes
    )
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(listed) == set(files) - {"manifest.json", "manifest.json.jws"}
    for path, entry in listed.items():
        assert entry["size"] == len(files[path]), path
        assert entry["sha256"] == hashlib.sha256(files[path]).hexdigest(), path
    return manifest
