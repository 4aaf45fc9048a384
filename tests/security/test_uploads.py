"""Uploads (CE evidence, external credential claims, PDF verification): bad files are refused
in words, and nothing is stored: no database row, no file in private (or public) media."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from certificates.models import CERecord, Credential, ExternalCredentialClaim
from certificates.uploads import MAX_EVIDENCE_BYTES
from lms.core.uploads import SIGNATURES
from tests.certificates.helpers import JPEG_BYTES, PDF_BYTES, PNG_BYTES, upload
from tests.security.helpers import PROPERTY, assert_refused, private_files, public_files

pytestmark = pytest.mark.django_db

NOT_A_TYPE_WE_TAKE = "The evidence must be a PDF, PNG or JPEG file."
TOO_BIG = "larger than 10 MB"
EMPTY = "The submitted file is empty."
DAMAGED = "That PDF looks damaged or incomplete."
REQUIRED = "This field is required."

DISGUISED = {
    "html-as-pdf": (
        "certificate.pdf",
        b"<html><script>alert(1)</script></html>",
        "application/pdf",
    ),
    "exe-as-jpeg": ("photo.jpg", b"MZ\x90\x00\x03" + b"\x00" * 200, "image/jpeg"),
    "gif-as-png": ("card.png", b"GIF89a\x01\x00\x01\x00" + b"\x00" * 40, "image/png"),
    "svg-as-png": (
        "card.png",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>',
        "image/png",
    ),
    "zip-as-pdf": ("certificate.pdf", b"PK\x03\x04" + b"\x00" * 100, "application/pdf"),
    "text-as-pdf": ("certificate.pdf", b"pdf-1.4 %%EOF", "application/pdf"),
    "pdf-signature-late": ("certificate.pdf", b" %PDF-1.4\n%%EOF\n", "application/pdf"),
    "truncated-png-signature": ("card.png", b"\x89PNG\r\n", "image/png"),
}


def today():
    return timezone.localdate()


@pytest.fixture
def ce_target(client, peer):
    """Posts one evidence file as a CE record; returns the response."""
    client.force_login(peer)

    def post(evidence):
        data = {
            "title": "De-escalation",
            "provider": "Montana Peer Network",
            "completed_on": (today() - timedelta(days=3)).isoformat(),
            "hours": "2",
        }
        if evidence is not None:
            data["evidence"] = evidence
        return client.post(reverse("certificates:ce"), data)

    post.model = CERecord
    post.rows = CERecord.objects.count
    return post


@pytest.fixture
def claim_target(client, peer, two_year_type):
    """Posts one evidence file as an external credential claim; returns the response."""
    client.force_login(peer)

    def post(evidence):
        data = {
            "credential_type": two_year_type.pk,
            "number": "CPR-1234",
            "issued_on": (today() - timedelta(days=30)).isoformat(),
        }
        if evidence is not None:
            data["evidence"] = evidence
        return client.post(reverse("certificates:external"), data)

    post.model = ExternalCredentialClaim
    post.rows = ExternalCredentialClaim.objects.count
    return post


@pytest.fixture(params=["ce", "claim"])
def target(request):
    return request.getfixturevalue(f"{request.param}_target")


def assert_nothing_stored(target, evidence, *messages):
    rows, private, public = target.rows(), private_files(), public_files()
    assert_refused(target(evidence), *messages)
    assert target.rows() == rows
    assert private_files() == private
    assert public_files() == public


@pytest.mark.parametrize(("name", "content", "content_type"), DISGUISED.values(), ids=DISGUISED)
def test_a_file_disguised_by_its_name_is_refused(target, name, content, content_type):
    assert_nothing_stored(target, upload(name, content, content_type), NOT_A_TYPE_WE_TAKE)


def test_an_oversized_file_is_refused(target):
    content = PDF_BYTES[:-6] + b"\x00" * (MAX_EVIDENCE_BYTES + 1 - len(PDF_BYTES)) + b"%%EOF\n"
    assert len(content) == MAX_EVIDENCE_BYTES + 1

    assert_nothing_stored(target, upload("big.pdf", content, "application/pdf"), TOO_BIG)


def test_an_empty_file_is_refused(target):
    assert_nothing_stored(target, upload("empty.pdf", b"", "application/pdf"), EMPTY)


def test_a_missing_file_is_refused(target):
    assert_nothing_stored(target, None, REQUIRED)


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\n1 0 obj <<>> endobj\n", b"%PDF-", b"%PDF-1.7\n" + b"\x00" * 4096],
    ids=["no-end-marker", "header-only", "end-marker-missing-after-padding"],
)
def test_a_truncated_pdf_is_refused(target, content):
    assert_nothing_stored(target, upload("scan.pdf", content, "application/pdf"), DAMAGED)


@PROPERTY
@given(
    content=st.binary(min_size=1, max_size=2048).filter(
        lambda content: not content.startswith(tuple(SIGNATURES))
    ),
    name=st.sampled_from(["evidence.pdf", "evidence.png", "evidence.jpg", "e.PDF", "evidence"]),
    content_type=st.sampled_from(
        ["application/pdf", "image/png", "image/jpeg", "text/html", "application/octet-stream"]
    ),
)
def test_any_file_that_is_not_pdf_png_or_jpeg_is_refused(ce_target, content, name, content_type):
    assert_nothing_stored(ce_target, upload(name, content, content_type), NOT_A_TYPE_WE_TAKE)


@pytest.mark.parametrize(
    ("name", "content", "content_type", "served_as"),
    [
        ("scan.png", PDF_BYTES, "image/png", "application/pdf"),
        ("photo.pdf", PNG_BYTES, "application/pdf", "image/png"),
        ("photo", JPEG_BYTES, "text/html", "image/jpeg"),
    ],
)
def test_a_real_pdf_png_or_jpeg_is_judged_by_content_not_by_its_label(
    client, ce_target, name, content, content_type, served_as
):
    """Deliberate: the browser's label and the name are the sender's guess; the bytes decide.

    The file is kept, and served back as what it is, as an attachment, never sniffed.
    """
    response = ce_target(upload(name, content, content_type))

    assert response.status_code == 302
    record = CERecord.objects.get()
    served = client.get(reverse("certificates:ce_evidence", args=[record.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == served_as
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"].startswith("attachment;")
    assert b"".join(served.streaming_content) == content


@pytest.mark.parametrize(
    "name",
    ["../../../etc/passwd.pdf", "..\\..\\boot.pdf", "/absolute/path.pdf", "a" * 300 + ".pdf"],
)
def test_a_file_name_cannot_place_the_file_outside_its_directory(target, name):
    rows = target.rows()

    response = target(upload(name, PDF_BYTES, "application/pdf"))

    assert response.status_code == 302
    assert target.rows() == rows + 1
    stored = target.model.objects.latest("pk")
    assert ".." not in stored.evidence.name
    assert stored.evidence.name.split("/")[0] in {"ce-evidence", "credential-evidence"}
    assert len(stored.evidence.name) <= 100


# Verification by upload: nothing is stored, whatever is sent ----------------------------


@pytest.fixture
def verify_upload(client, hub_type, holder):
    credential_count = Credential.objects.count()

    def post(pdf, content_type="application/pdf", name="certificate.pdf"):
        data = {} if pdf is None else {"pdf": upload(name, pdf, content_type)}
        files = private_files()
        cache.clear()  # the per-client verification rate limit; many examples share a client
        response = client.post(reverse("certificates:verify"), data)
        assert private_files() == files
        assert Credential.objects.count() == credential_count
        return response

    return post


@pytest.mark.parametrize(
    ("content", "content_type", "message"),
    [
        (PNG_BYTES, "application/pdf", "That file is not a PDF."),
        (b"<html>%PDF-1.4</html>", "application/pdf", "That file is not a PDF."),
        (b"", "application/pdf", EMPTY),
        (None, "application/pdf", REQUIRED),
        (b"%PDF-" + b"\x00" * MAX_EVIDENCE_BYTES, "application/pdf", "larger than any certificate"),
    ],
    ids=["png-labelled-pdf", "html", "empty", "missing", "oversized"],
)
def test_verifying_a_file_that_cannot_be_a_certificate_is_refused(
    verify_upload, content, content_type, message
):
    assert_refused(verify_upload(content, content_type), message)


def test_verifying_an_unknown_pdf_says_it_does_not_match(verify_upload):
    response = verify_upload(PDF_BYTES, content_type="image/png", name="scan.png")

    assert response.status_code == 200
    assert "does not match any certificate" in response.content.decode()


@PROPERTY
@given(content=st.binary(min_size=1, max_size=4096))
def test_verifying_any_bytes_never_fails_or_stores_anything(verify_upload, content):
    response = verify_upload(content)

    if content.startswith(b"%PDF-"):
        assert response.status_code == 200
    else:
        assert_refused(response, "That file is not a PDF.")
