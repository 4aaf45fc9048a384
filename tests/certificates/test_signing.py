"""Signed certificate PDFs, with real keys and pyHanko's own validator: no mocks."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from weasyprint import HTML

from certificates import signing
from tests.certificates.helpers import upload

# Every test here with database access, so pytest-django runs them all before the browser
# tests: pyHanko's sync API calls asyncio.run(), which fails once Playwright's session-long
# event loop is running (after the first e2e test), as tests without a database would be.
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_signing_configuration():
    signing.signing_configuration.cache_clear()
    yield
    signing.signing_configuration.cache_clear()


def sample_pdf() -> bytes:
    return HTML(string="<p>A certificate</p>").write_pdf(pdf_variant="pdf/a-3b")


def validate_with_pyhanko(content: bytes, roots) -> object:
    embedded = PdfFileReader(io.BytesIO(content)).embedded_signatures
    assert len(embedded) == 1
    context = ValidationContext(trust_roots=list(roots), allow_fetching=False)
    return validate_pdf_signature(embedded[0], context)


def test_an_issued_certificate_is_signed_and_pyhanko_validates_it(rendered):
    _credential, content = rendered
    status = validate_with_pyhanko(content, signing.signing_configuration().trust_roots)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    xmp = PdfReader(io.BytesIO(content)).xmp_metadata  # PDF/A-3b identification
    assert xmp is not None and b"pdfaid" in xmp.stream.get_data()
    assert signing.check_signature(content).ok


@pytest.mark.parametrize("where", [0.25, 0.5, 0.75])
def test_changing_one_byte_breaks_the_signature(rendered, where):
    _credential, content = rendered
    changed = bytearray(content)
    # A byte of the signed content (not inside the signature's own hex placeholder).
    position = int(len(changed) * where * 0.5)
    changed[position] ^= 0x01
    check = signing.check_signature(bytes(changed))
    assert not check.ok
    assert not (check.signed and check.intact and check.trusted)


def test_a_certificate_signed_with_a_retired_key_still_verifies(tmp_path, settings):
    old_ca, old_key, old_cert = signing.make_demo_issuer(tmp_path / "old", label="old")
    new_ca, new_key, new_cert = signing.make_demo_issuer(tmp_path / "new", label="new")
    settings.CERTIFICATE_SIGNING_KEY = str(old_key)
    settings.CERTIFICATE_SIGNING_CERT = str(old_cert)
    settings.CERTIFICATE_SIGNING_CHAIN = [str(old_ca)]
    signed_before = signing.sign_pdf(sample_pdf())

    # Rotation: the new key signs, the old CA stays published.
    settings.CERTIFICATE_SIGNING_KEY = str(new_key)
    settings.CERTIFICATE_SIGNING_CERT = str(new_cert)
    settings.CERTIFICATE_SIGNING_CHAIN = [str(new_ca)]
    settings.CERTIFICATE_RETIRED_CERTS = [str(old_ca)]
    signing.signing_configuration.cache_clear()
    signed_after = signing.sign_pdf(sample_pdf())

    assert signing.check_signature(signed_before).ok
    assert signing.check_signature(signed_after).ok
    published = signing.published_trust_roots_pem()
    assert published.count("BEGIN CERTIFICATE") == 2

    # Had the old CA been dropped from the list, its certificates would no longer verify.
    settings.CERTIFICATE_RETIRED_CERTS = []
    signing.signing_configuration.cache_clear()
    check = signing.check_signature(signed_before)
    assert check.intact and not check.trusted


@override_settings(CERTIFICATE_DEMO_SIGNING=False, CERTIFICATE_SIGNING_KEY="")
def test_production_refuses_to_sign_without_a_key():
    with pytest.raises(ImproperlyConfigured, match="no signing key is configured"):
        signing.sign_pdf(sample_pdf())


def test_production_never_signs_with_a_demo_key(tmp_path, settings):
    ca, key, cert = signing.make_demo_issuer(tmp_path)
    settings.CERTIFICATE_DEMO_SIGNING = False
    settings.CERTIFICATE_SIGNING_KEY = str(key)
    settings.CERTIFICATE_SIGNING_CERT = str(cert)
    settings.CERTIFICATE_SIGNING_CHAIN = [str(ca)]
    with pytest.raises(ImproperlyConfigured, match="demo key"):
        signing.sign_pdf(sample_pdf())


def test_a_pkcs12_key_with_a_passphrase_signs(tmp_path, settings):
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    ca, key_file, cert_file = signing.make_demo_issuer(tmp_path)
    key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    bundle = pkcs12.serialize_key_and_certificates(
        b"hub",
        key,
        x509.load_pem_x509_certificate(cert_file.read_bytes()),
        [x509.load_pem_x509_certificate(ca.read_bytes())],
        serialization.BestAvailableEncryption(b"correct horse"),
    )
    (tmp_path / "hub.p12").write_bytes(bundle)
    settings.CERTIFICATE_SIGNING_KEY = str(tmp_path / "hub.p12")
    settings.CERTIFICATE_SIGNING_PASSPHRASE = "correct horse"
    assert signing.check_signature(signing.sign_pdf(sample_pdf())).ok


def test_the_signing_keys_are_published_for_offline_checks(client, db):
    response = client.get(reverse("certificates:signing_keys"))
    assert response.status_code == 200
    assert response.content.startswith(b"-----BEGIN CERTIFICATE-----")
    assert "public" in response["Cache-Control"]


def test_the_upload_check_says_the_signature_is_intact(client, rendered):
    _credential, content = rendered
    page = client.post(reverse("certificates:verify"), {"pdf": upload("c.pdf", content)})
    assert "digital signature is intact" in page.content.decode()


def test_signing_check_prints_the_configuration_and_checks_a_sample(capsys):
    call_command("signing_check")
    out = capsys.readouterr().out
    assert "Demo issuer:  yes" in out
    assert "PAdES B-B" in out
    assert "Sample signature verifies" in out


def test_signing_works_inside_a_running_event_loop():
    """As under an ASGI server, or beside Playwright's loop in the same test process."""
    import asyncio

    async def sign_and_check():
        signed = signing.sign_pdf(sample_pdf())
        return signing.check_signature(signed)

    assert asyncio.run(sign_and_check()).ok
