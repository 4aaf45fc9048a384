"""Uploaded evidence and certificate PDFs live outside public media and are served only by
permission-checked views; Wagtail's own image uploads are capped in size and pixels."""

import struct
import zlib
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from certificates.models import CERecord, Credential, ExternalCredentialClaim
from lms.people.roles import Role
from tests.certificates.helpers import PDF_BYTES, upload
from tests.factories import CredentialFactory, UserFactory
from tests.security.helpers import assert_refused

pytestmark = pytest.mark.django_db

PRIVATE_FIELDS = [
    (CERecord, "evidence"),
    (ExternalCredentialClaim, "evidence"),
    (Credential, "pdf"),
]


def is_inside(path, directory) -> bool:
    return Path(path).resolve().is_relative_to(Path(directory).resolve())


def test_private_media_is_not_under_any_publicly_served_directory():
    private = settings.PRIVATE_MEDIA_ROOT
    public = [settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS]
    for directory in public:
        assert not is_inside(private, directory), directory
        assert not is_inside(directory, private), directory


@pytest.mark.parametrize(("model", "field"), PRIVATE_FIELDS)
def test_evidence_and_certificates_are_written_to_private_storage(model, field):
    storage = model._meta.get_field(field).storage
    assert Path(storage.location).resolve() == Path(settings.PRIVATE_MEDIA_ROOT).resolve()


def test_no_template_links_a_private_file_directly():
    templates = Path(settings.BASE_DIR, "templates").rglob("*.html")
    for template in templates:
        text = template.read_text()
        for attribute in ("evidence.url", "pdf.url", "evidence.path", "pdf.path"):
            assert attribute not in text, f"{template} uses {attribute}"


@pytest.fixture
def evidence(client, holder, two_year_type):
    """One CE record and one external credential claim of the holder, both with evidence."""
    client.force_login(holder)
    today = timezone.localdate()
    client.post(
        reverse("certificates:ce"),
        {
            "title": "Naloxone refresher",
            "provider": "Montana Peer Network",
            "completed_on": (today - timedelta(days=2)).isoformat(),
            "hours": "1",
            "evidence": upload("ce.pdf", PDF_BYTES, "application/pdf"),
        },
    )
    client.post(
        reverse("certificates:external"),
        {
            "credential_type": two_year_type.pk,
            "number": "CPR-77",
            "issued_on": (today - timedelta(days=20)).isoformat(),
            "evidence": upload("card.pdf", PDF_BYTES, "application/pdf"),
        },
    )
    client.logout()
    record, claim = CERecord.objects.get(holder=holder), ExternalCredentialClaim.objects.get()
    credential = CredentialFactory(holder=holder, credential_type=two_year_type)
    credential.pdf.save("certificates/test.pdf", ContentFile(PDF_BYTES), save=True)
    return {
        "CE evidence": reverse("certificates:ce_evidence", args=[record.pk]),
        "claim evidence": reverse("certificates:claim_evidence", args=[claim.pk]),
        "certificate PDF": reverse("certificates:pdf", args=[credential.pk]),
        "files": [record.evidence, claim.evidence, credential.pdf],
    }


def test_the_holder_and_their_supervisor_may_download(
    client, evidence, holder, supervisor, assign_supervisor
):
    assign_supervisor(supervisor, holder)
    allowed = {
        holder: ["CE evidence", "claim evidence", "certificate PDF"],
        supervisor: ["CE evidence", "claim evidence"],
    }
    for user, names in allowed.items():
        client.force_login(user)
        for name in names:
            response = client.get(evidence[name])
            assert response.status_code == 200, (user, name)
            assert b"".join(response.streaming_content) == PDF_BYTES
            assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("who", ["other peer", "other supervisor", "trainer"])
def test_anyone_else_gets_403_in_words(client, evidence, other_peer, who):
    user = {
        "other peer": other_peer,
        "other supervisor": UserFactory(roles=[Role.SUPERVISOR]),
        "trainer": UserFactory(roles=[Role.TRAINER]),
    }[who]
    client.force_login(user)
    for name in ("CE evidence", "claim evidence", "certificate PDF"):
        response = client.get(evidence[name])
        assert_refused(response, "not available to you", "belongs to someone else")
        assert response.status_code == 403


def test_hr_never_sees_evidence(client, evidence, hr):
    client.force_login(hr)
    for name in ("CE evidence", "claim evidence"):
        assert client.get(evidence[name]).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, evidence):
    for name in ("CE evidence", "claim evidence", "certificate PDF"):
        response = client.get(evidence[name])
        assert response.status_code == 302
        assert response.url.startswith(f"{reverse('login')}?next=")


def test_private_files_have_no_public_address(client, evidence):
    for field_file in evidence["files"]:
        assert Path(field_file.path).is_file()
        assert is_inside(field_file.path, settings.PRIVATE_MEDIA_ROOT)
        for guess in (f"{settings.MEDIA_URL}{field_file.name}", f"/{field_file.name}"):
            assert client.get(guess).status_code == 404


# Wagtail images and documents (uploaded by trainers in the admin) ------------------------


def png_claiming(width: int, height: int) -> bytes:
    """A small, valid black-and-white PNG of `width` x `height` pixels (a decompression bomb's
    shape: a few kilobytes that would take megabytes once decoded)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit per pixel
    rows = (b"\x00" + b"\x00" * ((width + 7) // 8)) * height
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def test_wagtail_image_and_document_limits_are_set():
    assert 0 < settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 50_000_000
    assert 0 < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert 0 < settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 10_000
    extensions = getattr(settings, "WAGTAILIMAGES_EXTENSIONS", None)
    assert extensions is None or "svg" not in extensions
    assert not {"html", "htm", "svg", "js", "xml"} & set(settings.WAGTAILDOCS_EXTENSIONS)


def test_wagtail_refuses_an_image_with_too_many_pixels():
    from wagtail.images.fields import WagtailImageField

    bomb = upload("bomb.png", png_claiming(8_000, 6_000), "image/png")  # 48 million pixels

    with pytest.raises(ValidationError) as refused:
        WagtailImageField().clean(bomb)

    assert "too many pixels" in " ".join(refused.value.messages)


def test_wagtail_refuses_an_image_file_that_is_too_large():
    from wagtail.images.fields import WagtailImageField

    big = png_claiming(100, 100) + b"\x00" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE

    with pytest.raises(ValidationError) as refused:
        WagtailImageField().clean(upload("big.png", big, "image/png"))

    assert "too big" in " ".join(refused.value.messages)
