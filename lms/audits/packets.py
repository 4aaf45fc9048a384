"""Building an audit packet: a zip with a folder per person (summary PDF, CE certificates,
approved evidence, hub course agendas, supervision log), a manifest of every file with its
SHA-256, the manifest's detached JWS (the hub's Open Badges key, where one is configured) and
a README saying how to check them. Runs in the worker (`tasks.audit_packet_build_task`);
docs/decisions/0012-audit-packets.md has the reasons.

The zip is written to a temporary file and stored only once it is whole: a failure leaves the
packet marked failed with a message, never half a zip in storage.
"""

import hashlib
import json
import logging
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date

import jwt
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.db import OperationalError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from certificates.pdfs import credential_pdf_render
from lms.core.spreadsheets import csv_lines
from lms.core.uploads import sniff_type
from lms.people.models import User
from lms.people.services import audit_record
from lms.supervision.selectors import SUPERVISION_REPORT_COLUMNS, supervision_report_rows

from .models import AuditPacket
from .selectors import PersonRecords, person_records

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.jws"
README = "README.txt"
CHUNK = 1024 * 1024
# Progress is saved at most this often (seconds), and at the end of each person.
PROGRESS_EVERY = 0.5
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}


class PacketError(Exception):
    """A packet cannot be built as asked (its message is shown to the person who asked)."""


def folder_of(person: User) -> str:
    """`<display name>-<user id>`: readable, and unique by the id."""
    name = slugify(person.certificate_name or person.preferred_name) or "person"
    return f"{name[:60]}-{person.pk}"


@dataclass
class PacketWriter:
    """Adds files to the zip and records each one's path, size and SHA-256 for the manifest.
    Stored files are copied in chunks, so a large scan never sits in memory whole."""

    archive: zipfile.ZipFile
    files: list[dict] = field(default_factory=list)
    missing: list[dict] = field(default_factory=list)

    def _info(self, path: str, *, compress: bool = True) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(path, date_time=time.localtime()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        return info

    def add_bytes(self, path: str, content: bytes) -> None:
        self.archive.writestr(self._info(path), content)
        self.files.append(
            {"path": path, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
        )

    def add_stored(self, stem: str, field_file, *, what: str) -> None:
        """A file from private storage, named by what its content is (never its upload name)."""
        try:
            source = field_file.storage.open(field_file.name, "rb")
        except FileNotFoundError:
            # Deleted outside the retention job: the manifest says so rather than failing.
            self.missing.append({"path": stem, "what": what})
            return
        with source:
            kind = sniff_type(source.read(16)) or ""
            path = f"{stem}.{EXTENSIONS.get(kind, 'bin')}"
            source.seek(0)
            digest, size = hashlib.sha256(), 0
            # Scans and signed PDFs are compressed already: stored as they are, saving the time.
            info = self._info(path, compress=kind not in EXTENSIONS)
            with self.archive.open(info, "w") as target:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    target.write(chunk)
        self.files.append({"path": path, "size": size, "sha256": digest.hexdigest()})


# The person's files ------------------------------------------------------------------------


def summary_pdf(records: PersonRecords, *, packet: AuditPacket, today: date) -> bytes:
    # WeasyPrint loads in the worker only (decision 0006); the certificate renderer's offline
    # fetcher and fonts, so nothing is fetched over the network.
    from weasyprint import HTML

    from certificates.rendering import FONTS_DIR, OfflineURLFetcher

    html = render_to_string(
        "audits/pdf/summary.html",
        {
            "records": records,
            "packet": packet,
            "today": today,
            "fonts_url": FONTS_DIR.as_uri(),
            "generated": timezone.localtime(),
            "hub_name": settings.HUB_NAME,
        },
    )
    return HTML(string=html, url_fetcher=OfflineURLFetcher(), base_url="/").write_pdf()


def supervision_csv(records: PersonRecords) -> bytes:
    rows = supervision_report_rows(records.supervision)
    return "".join(csv_lines(SUPERVISION_REPORT_COLUMNS, rows)).encode("utf-8")


def course_agenda_html(course, *, person: User) -> bytes:
    return render_to_string(
        "audits/course_agenda.html",
        {"course": course, "person": person, "hub_name": settings.HUB_NAME},
    ).encode("utf-8")


def person_steps(records: PersonRecords) -> int:
    """Files written for a person: summary, supervision log, and one per certificate, piece of
    evidence and course."""
    return (
        2
        + len(records.certificates)
        + len(records.evidence)
        + len(records.claims)
        + len(records.courses)
    )


def write_person(writer: PacketWriter, records: PersonRecords, *, packet, today, step) -> None:
    person = records.person
    folder = folder_of(person)
    writer.add_bytes(f"{folder}/summary.pdf", summary_pdf(records, packet=packet, today=today))
    step()
    for credential in records.certificates:
        if not credential.pdf:
            # Not rendered yet (its task still queued): rendered here, as the task would.
            credential = credential_pdf_render(credential_id=credential.pk) or credential
        stem = f"{folder}/ce-certificates/{credential.issued_on}-{credential.code}"
        if credential.pdf:
            writer.add_stored(stem, credential.pdf, what=f"certificate {credential.display_code}")
        else:
            writer.missing.append({"path": stem, "what": "certificate PDF"})
        step()
    for record in records.evidence:
        writer.add_stored(
            f"{folder}/ce-evidence/{record.completed_on}-ce-{record.pk}",
            record.evidence,
            what=f"evidence of CE record {record.pk}",
        )
        step()
    for claim in records.claims:
        writer.add_stored(
            f"{folder}/ce-evidence/{claim.issued_on}-credential-{claim.pk}",
            claim.evidence,
            what=f"evidence of {claim.credential_type.name}",
        )
        step()
    for course in records.courses:
        writer.add_bytes(
            f"{folder}/courses/{course.file_stem}-agenda.html",
            course_agenda_html(course, person=person),
        )
        step()
    writer.add_bytes(f"{folder}/supervision-log.csv", supervision_csv(records))
    step()


# The manifest and its signature ------------------------------------------------------------


def signing_key():
    """The Open Badges signing configuration, or None where no key is configured (the packet
    is then unsigned, and its manifest and README say so)."""
    # Imported here: the key module loads pyHanko's demo mark (decision 0006).
    from certificates.openbadges import badge_signing_configuration

    try:
        return badge_signing_configuration()
    except ImproperlyConfigured:
        return None


def manifest_bytes(packet, *, people, files, missing, configuration, built_at) -> bytes:
    from certificates.openbadges import jwks_url

    requester = packet.requested_by
    document = {
        "type": "PeerTrainingHubAuditPacket",
        "version": 1,
        "hub": {"name": settings.HUB_NAME, "url": settings.SITE_URL},
        "packet": packet.pk,
        "requested_by": (
            {"id": requester.pk, "name": requester.certificate_name or requester.preferred_name}
            if requester
            else None
        ),
        "requested_at": packet.created_at.isoformat(),
        "built_at": built_at.isoformat(),
        "scope": packet.scope,
        "period": {"start": packet.period_start.isoformat(), "end": packet.period_end.isoformat()},
        "sample": (
            {
                "credential_type": packet.credential_type.name if packet.credential_type else None,
                "size": packet.sample_size,
                "drawn_from": packet.drawn_from,
                "seed": packet.seed,
                "method": (
                    "Python random.Random(int(seed)).sample(ids, size) over the ids of the "
                    "active holders of a current credential of the type, in ascending order"
                ),
            }
            if packet.scope == AuditPacket.Scope.SAMPLE
            else None
        ),
        "people": [
            {
                "id": person.pk,
                "name": person.certificate_name or person.preferred_name,
                "folder": folder_of(person),
            }
            for person in people
        ],
        "files": files,
        "missing": missing,
        "signature": (
            {
                "file": SIGNATURE,
                "format": "JWS compact serialization, detached payload (RFC 7515 appendix F)",
                "alg": configuration.algorithm,
                "kid": configuration.kid,
                "keys": jwks_url(),
            }
            if configuration
            else None
        ),
    }
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


def manifest_signature(content: bytes, configuration) -> str:
    """A detached compact JWS over the manifest's exact bytes: `header..signature`. Put the
    manifest's base64url in the middle to check it as an ordinary JWS."""
    return jwt.api_jws.encode(
        content,
        configuration.private_key,
        algorithm=configuration.algorithm,
        headers={"kid": configuration.kid, "typ": "JOSE", "cty": "application/json"},
        is_payload_detached=True,
    )


def readme_text(*, signed: bool) -> bytes:
    return render_to_string(
        "audits/packet_readme.txt",
        {
            "signed": signed,
            "hub_name": settings.HUB_NAME,
            "site_url": settings.SITE_URL,
            "manifest": MANIFEST,
            "signature": SIGNATURE,
        },
    ).encode("utf-8")


# The build --------------------------------------------------------------------------------


class _Progress:
    def __init__(self, packet: AuditPacket):
        self.packet = packet
        self.saved_at = 0.0

    def save(self, *, force: bool = False, **fields) -> None:
        for name, value in fields.items():
            setattr(self.packet, name, value)
        now = time.monotonic()
        if force or now - self.saved_at >= PROGRESS_EVERY:
            AuditPacket.objects.filter(pk=self.packet.pk).update(
                progress_done=self.packet.progress_done,
                progress_total=self.packet.progress_total,
                message=self.packet.message,
            )
            self.saved_at = now

    def step(self) -> None:
        self.save(progress_done=min(self.packet.progress_done + 1, self.packet.progress_total))


def audit_packet_build(*, packet_id: int) -> AuditPacket | None:
    """Build and store the packet's zip, saving progress as each person and file is done.
    Safe to run twice: a ready packet is left as it is. A failure marks it failed with a
    message and stores nothing; a database hiccup is raised again so the task retries."""
    packet = AuditPacket.objects.select_related("requested_by", "credential_type").filter(
        pk=packet_id
    )
    packet = packet.first()
    if packet is None or packet.status == AuditPacket.Status.READY:
        return packet
    AuditPacket.objects.filter(pk=packet.pk).update(
        status=AuditPacket.Status.BUILDING,
        started_at=timezone.now(),
        progress_done=0,
        progress_total=0,
        message="Reading the records.",
    )
    packet.refresh_from_db()
    try:
        _build(packet)
    except Exception as error:
        logger.exception("Audit packet %s could not be built", packet_id)
        message = (
            str(error)
            if isinstance(error, PacketError)
            else "Something went wrong while preparing the packet; nothing was kept. "
            "Please ask again, or tell an administrator if it happens again."
        )
        AuditPacket.objects.filter(pk=packet.pk).update(
            status=AuditPacket.Status.FAILED, message=message, finished_at=timezone.now()
        )
        audit_record(
            actor=packet.requested_by,
            action="audit_packet.failed",
            target=packet,
            subject=packet.person,
            detail={"error": type(error).__name__},
        )
        if isinstance(error, OperationalError):
            raise
        return packet
    return packet


def _build(packet: AuditPacket) -> None:
    today = timezone.localdate()
    people_by_id = User.objects.in_bulk(packet.people)
    if len(people_by_id) != len(packet.people):
        raise PacketError("Someone in this packet is no longer in the hub; ask for a new packet.")
    people = [people_by_id[pk] for pk in packet.people]
    progress = _Progress(packet)
    everyone = []
    for number, person in enumerate(people, 1):
        everyone.append(
            person_records(
                person=person, start=packet.period_start, end=packet.period_end, today=today
            )
        )
        progress.save(message=f"Reading the records ({number} of {len(people)}).")
    progress.save(
        force=True,
        progress_total=sum(person_steps(records) for records in everyone) + 1,
        message="Adding the files.",
    )
    configuration = signing_key()
    with tempfile.TemporaryFile(prefix="audit-packet-", suffix=".zip") as temporary:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            writer = PacketWriter(archive)
            for records in everyone:
                write_person(writer, records, packet=packet, today=today, step=progress.step)
                progress.save(force=True)
            writer.add_bytes(README, readme_text(signed=configuration is not None))
            built_at = timezone.now()
            manifest = manifest_bytes(
                packet,
                people=people,
                files=writer.files,
                missing=writer.missing,
                configuration=configuration,
                built_at=built_at,
            )
            archive.writestr(writer._info(MANIFEST), manifest)
            if configuration is not None:
                archive.writestr(
                    writer._info(SIGNATURE), manifest_signature(manifest, configuration)
                )
        temporary.seek(0)
        digest, size = hashlib.sha256(), 0
        while chunk := temporary.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
        temporary.seek(0)
        if packet.zip:
            packet.zip.storage.delete(packet.zip.name)
        packet.zip.save(f"audit-packet-{packet.pk}.zip", File(temporary), save=False)
    AuditPacket.objects.filter(pk=packet.pk).update(
        zip=packet.zip.name,
        zip_sha256=digest.hexdigest(),
        zip_size=size,
        signed=configuration is not None,
        status=AuditPacket.Status.READY,
        progress_done=packet.progress_total,
        message="",
        finished_at=built_at,
    )
    packet.refresh_from_db()
    audit_record(
        actor=packet.requested_by,
        action="audit_packet.built",
        target=packet,
        subject=packet.person,
        detail={
            "sha256": packet.zip_sha256,
            "files": len(writer.files),
            "missing": len(writer.missing),
            "people": packet.people,
            "signed": packet.signed,
        },
    )
