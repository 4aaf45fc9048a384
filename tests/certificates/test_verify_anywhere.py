"""Verify anywhere (issue 16 item 5): /verify/ checks an Open Badges credential (.jwt, .json,
pasted, or inside a signed PDF) with the published keys and status lists, and says what it
checked; docs/offline_verify.py does the same with downloaded files only. Real keys and
signatures throughout, no mocks."""

import base64
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from certificates import openbadges
from certificates.services.issuance import credential_revoke
from certificates.services.suspension import credential_suspend, credential_suspension_lift
from certificates.views import verification as verification_views
from lms.core import ratelimit
from tests.certificates.helpers import upload
from tests.factories import CredentialFactory

pytestmark = pytest.mark.django_db
OFFLINE = Path(settings.BASE_DIR) / "docs" / "offline_verify.py"


@pytest.fixture(autouse=True)
def _fresh_badge_key():
    openbadges.badge_signing_configuration.cache_clear()
    yield
    openbadges.badge_signing_configuration.cache_clear()


@pytest.fixture
def credential(holder, hub_type):
    return CredentialFactory(
        holder=holder,
        credential_type=hub_type,
        issued_on=timezone.localdate() - timedelta(days=10),
        expires_on=timezone.localdate() + timedelta(days=700),
    )


def downloaded(client, credential, file_format="jwt") -> bytes:
    """The file the holder downloads from their credential page."""
    client.force_login(credential.holder)
    response = client.get(reverse(f"certificates:openbadge_{file_format}", args=[credential.pk]))
    assert response.status_code == 200
    client.logout()
    return response.content


def paste(client, token: str):
    return client.post(reverse("certificates:verify"), {"kind": "credential", "token": token})


def send_file(client, name: str, content: bytes):
    return client.post(
        reverse("certificates:verify"),
        {"kind": "credential", "credential_file": upload(name, content)},
    )


def text(response) -> str:
    return response.content.decode()


def new_key_file(path: Path) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


def public_file(private: Path, path: Path) -> Path:
    key = serialization.load_pem_private_key(private.read_bytes(), password=None)
    path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return path


# The web check -----------------------------------------------------------------------------


def test_a_pasted_badge_is_checked_and_every_check_is_said(client, credential):
    token = downloaded(client, credential).decode()
    page = paste(client, token)
    assert page.status_code == 200
    body = text(page)
    assert "✓ Valid" in body
    assert "Signature by the hub&#x27;s current key" in body
    assert f"Issuer: {openbadges.issuer_id()} (this hub)" in body
    assert "Within its validity dates" in body
    assert "Not revoked (status list checked on" in body
    assert "Not suspended (status list checked on" in body
    assert "Winona Redbird-Castillo" in body
    assert "says: Active" in body


def test_the_jwt_and_json_downloads_are_accepted_as_files(client, credential):
    jwt_page = send_file(client, "open-badge.jwt", downloaded(client, credential, "jwt"))
    assert jwt_page.status_code == 200 and "✓ Valid" in text(jwt_page)
    json_page = send_file(client, "open-badge.json", downloaded(client, credential, "json"))
    assert json_page.status_code == 200
    assert "readable copy" in text(json_page)
    assert f"matches the hub&#x27;s record of certificate {credential.display_code}" in text(
        json_page
    )
    assert "Not revoked" in text(json_page)


def test_a_changed_readable_copy_is_refused(client, credential):
    document = json.loads(downloaded(client, credential, "json"))
    document["credentialSubject"]["creditsEarned"] = 40.0
    page = send_file(client, "open-badge.json", json.dumps(document).encode())
    assert page.status_code == 400
    assert "differs from the hub" in text(page)


def test_a_tampered_signature_is_refused_with_a_clear_message(client, credential):
    header, payload, signature = downloaded(client, credential).decode().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["name"] = "Master Narcan Trainer"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    page = paste(client, f"{header}.{forged}.{signature}")
    assert page.status_code == 400
    assert "The signature does not match" in text(page)
    assert "✓ Valid" not in text(page)


@pytest.mark.parametrize(
    "pasted, message",
    [
        ("hello, is this real?", "not a signed Open Badges credential"),
        ("a.b.c", "its parts do not decode"),
        ("{not json", "not valid JSON"),
        ('{"id": "x"}', "not an Open Badges credential"),
        ('{"a": ' + "[" * 100_000, "not valid JSON"),
        (
            base64.urlsafe_b64encode(b"[" * 50_000).decode().rstrip("=") + ".e30.c2ln",
            "its parts do not decode",
        ),
    ],
)
def test_input_that_is_not_a_credential_gets_a_clear_400(client, db, pasted, message):
    # Including nesting bombs: bad input, never a 500.
    page = paste(client, pasted)
    assert page.status_code == 400
    assert message in text(page)


def test_nothing_sent_and_too_big_are_4xx(client, db):
    assert client.post(reverse("certificates:verify"), {"kind": "credential"}).status_code == 400
    assert paste(client, "a" * 300_001).status_code == 400
    big = send_file(client, "big.jwt", b"e" * (300 * 1024))
    assert big.status_code == 413
    assert "larger than any credential" in text(big)
    binary = send_file(client, "x.jwt", b"\xff\xfe\x00binary")
    assert binary.status_code == 400


def test_a_badge_from_another_issuer_is_refused(client, credential):
    # Signed with the hub's own key, so only the issuer check can catch it.
    configuration = openbadges.badge_signing_configuration()
    document = openbadges.achievement_credential(credential)
    document["issuer"]["id"] = "https://impostor.example/issuer"
    claims = openbadges.jwt_claims(document)
    token = jwt.encode(
        claims,
        configuration.private_key,
        algorithm=configuration.algorithm,
        headers={"kid": configuration.kid, "typ": "JWT"},
    )
    page = paste(client, token)
    assert page.status_code == 400
    assert "names another issuer" in text(page)


def test_an_unknown_key_is_refused(client, credential, tmp_path):
    stranger = new_key_file(tmp_path / "stranger.pem")
    with override_settings(OPEN_BADGES_SIGNING_KEY=str(stranger)):
        token = openbadges.credential_jwt(credential)
    openbadges.badge_signing_configuration.cache_clear()
    page = paste(client, token)
    assert page.status_code == 400
    assert "never published" in text(page)


def test_an_expired_badge_says_expired(client, holder, hub_type):
    expired = CredentialFactory(
        holder=holder,
        credential_type=hub_type,
        status="expired",
        issued_on=timezone.localdate() - timedelta(days=800),
        expires_on=timezone.localdate() - timedelta(days=70),
    )
    page = paste(client, openbadges.credential_jwt(expired))
    assert page.status_code == 200
    assert "✕ Expired" in text(page)
    assert f"Expired on {expired.expires_on:%B} {expired.expires_on.day}" in text(page)
    assert "Not revoked" in text(page)


def test_revoking_makes_an_earlier_download_verify_as_revoked(client, credential, administrator):
    token = downloaded(client, credential).decode()
    credential_revoke(credential=credential, acting_user=administrator, reason="Issued in error")
    page = paste(client, token)
    assert page.status_code == 200
    assert "✕ Revoked" in text(page)
    assert "✕ Revoked (status list checked on" in text(page)


def test_a_suspended_badge_verifies_suspended_then_valid_again(client, credential, administrator):
    token = downloaded(client, credential).decode()
    credential_suspend(credential=credential, acting_user=administrator, reason="Review")
    suspended = paste(client, token)
    assert "✕ Suspended" in text(suspended)
    assert "says: Suspended" in text(suspended)
    credential_suspension_lift(credential=credential, acting_user=administrator)
    again = paste(client, token)
    assert "✓ Valid" in text(again) and "Not suspended" in text(again)


def test_a_retired_keys_badge_still_verifies(client, credential, tmp_path):
    old = new_key_file(tmp_path / "old.pem")
    with override_settings(OPEN_BADGES_SIGNING_KEY=str(old)):
        token = openbadges.credential_jwt(credential)
    openbadges.badge_signing_configuration.cache_clear()
    new = new_key_file(tmp_path / "new.pem")
    retired = public_file(old, tmp_path / "old-public.pem")
    with override_settings(
        OPEN_BADGES_SIGNING_KEY=str(new), OPEN_BADGES_RETIRED_KEYS=[str(retired)]
    ):
        page = paste(client, token)
        assert page.status_code == 200
        assert "Signature by the hub&#x27;s retired key" in text(page)
        assert "✓ Valid" in text(page)


def test_a_signed_pdf_has_its_embedded_badge_and_status_checked(client, rendered, administrator):
    credential, content = rendered
    page = client.post(reverse("certificates:verify"), {"pdf": upload("c.pdf", content)})
    assert page.status_code == 200
    body = text(page)
    assert "The Open Badge inside the file" in body
    assert "Not revoked (status list checked on" in body
    assert "✓ Valid" in body

    credential_revoke(credential=credential, acting_user=administrator, reason="Issued in error")
    page = client.post(reverse("certificates:verify"), {"pdf": upload("c.pdf", content)})
    assert "✕ Revoked (status list checked on" in text(page)


def test_the_credential_check_is_rate_limited(client, credential, monkeypatch):
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_900_000_000.0))
    monkeypatch.setattr(verification_views, "VERIFY_LIMIT", 3)
    token = openbadges.credential_jwt(credential)
    for _ in range(3):
        assert paste(client, token).status_code == 200
    assert paste(client, token).status_code == 429


# The offline check -------------------------------------------------------------------------


def published_files(client, directory: Path) -> list[str]:
    """What an auditor keeps: the key set, the PDF signing keys and both status lists."""
    (directory / "jwks.json").write_bytes(
        client.get(reverse("certificates:openbadges_jwks")).content
    )
    (directory / "signing-keys.pem").write_bytes(
        client.get(reverse("certificates:signing_keys")).content
    )
    for number in (1, 2):
        (directory / f"status-{number}.jwt").write_bytes(
            client.get(reverse("certificates:status_list", args=[number])).content
        )
    return [
        "--keys",
        str(directory / "jwks.json"),
        "--signing-keys",
        str(directory / "signing-keys.pem"),
        "--status-list",
        str(directory / "status-1.jwt"),
        "--status-list",
        str(directory / "status-2.jwt"),
    ]


def offline(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(OFFLINE), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_offline_check_verifies_a_badge_and_its_status_from_files_only(
    client, credential, administrator, tmp_path
):
    badge = tmp_path / "open-badge.jwt"
    badge.write_bytes(downloaded(client, credential))
    result = offline(badge, *published_files(client, tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✓ Signature by the hub's current key" in result.stdout
    assert f"✓ Issuer: {openbadges.issuer_id()}" in result.stdout
    assert "✓ Not revoked" in result.stdout and "✓ Not suspended" in result.stdout
    assert result.stdout.strip().endswith("VALID")

    credential_suspend(credential=credential, acting_user=administrator, reason="Review")
    result = offline(badge, *published_files(client, tmp_path))
    assert result.returncode == 1 and "✕ Suspended" in result.stdout
    credential_suspension_lift(credential=credential, acting_user=administrator)
    credential_revoke(credential=credential, acting_user=administrator, reason="In error")
    result = offline(badge, *published_files(client, tmp_path))
    assert result.returncode == 1 and "✕ Revoked" in result.stdout
    assert "NOT VALID" in result.stdout

    header, payload, signature = badge.read_text().split(".")
    badge.write_text(f"{header}.{payload[:-4]}AAAA.{signature}")
    result = offline(badge, *published_files(client, tmp_path))
    assert result.returncode == 2 and "NOT GENUINE" in result.stdout

    later = offline(
        tmp_path / "open-badge.jwt", "--keys", tmp_path / "jwks.json", "--now", "2099-01-01"
    )
    assert later.returncode == 2  # the tampered file, still refused


def test_the_offline_check_verifies_a_signed_pdf_and_the_badge_inside(client, rendered, tmp_path):
    _credential, content = rendered
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(content)
    files = published_files(client, tmp_path)
    result = offline(pdf, *files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✓ PDF signature by" in result.stdout
    assert "The Open Badge inside the PDF:" in result.stdout
    assert "✓ Not revoked" in result.stdout

    changed = bytearray(content)
    position = changed.index(b"/Producer")
    changed[position + 1] = ord("p")
    pdf.write_bytes(bytes(changed))
    result = offline(pdf, *files)
    assert result.returncode == 2 and "NOT GENUINE" in result.stdout
