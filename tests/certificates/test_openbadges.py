"""Open Badges 3.0 credentials: 1EdTech's pinned schema, real keys, and joserfc (not PyJWT,
which signs them) checking the signatures against the published JWKS. No mocks."""

import base64
import io
import json
import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from joserfc import jwt as joserfc_jwt
from joserfc.errors import BadSignatureError, InvalidKeyIdError
from joserfc.jwk import KeySet, RSAKey

from certificates import openbadges
from certificates.models import CECategory, Credential
from tests.certificates.helpers import ce_record
from tests.factories import CredentialFactory, CredentialTypeFactory

BADGE_VIEWS = ["openbadge_jwt", "openbadge_json", "openbadge_svg"]
SCHEMA_FILE = Path(openbadges.__file__).parent / "schemas" / "ob_v3p0_achievementcredential.json"


@pytest.fixture(autouse=True)
def _fresh_badge_key():
    openbadges.badge_signing_configuration.cache_clear()
    yield
    openbadges.badge_signing_configuration.cache_clear()


@pytest.fixture
def course_credential(db, holder, hub_type):
    return CredentialFactory(
        holder=holder,
        credential_type=hub_type,
        source=Credential.Source.COURSE_COMPLETION,
        course_title="Ethics and Boundaries in Peer Support",
        course_description="Boundaries, dual relationships and self-disclosure.",
        ce_details={"presenters": [{"name": "Dana Two Bears", "credentials": "CPRS"}]},
        contact_hours=Decimal("6.50"),
        ce_hours=Decimal("6.00"),
        issued_on=timezone.localdate() - timedelta(days=10),
        expires_on=timezone.localdate() + timedelta(days=700),
    )


def published_key_set(client) -> KeySet:
    response = client.get(reverse("certificates:openbadges_jwks"))
    assert response.status_code == 200
    return KeySet.import_key_set(json.loads(response.content))


def verify_independently(token: str, key_set: KeySet) -> dict:
    """joserfc picks the key by the header's `kid` from the published set."""
    return joserfc_jwt.decode(token, key_set, algorithms=["RS256", "ES256"]).claims


def new_rsa_key_file(path: Path) -> Path:
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


def public_key_file(private_path: Path, public_path: Path) -> Path:
    key = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
    public_path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return public_path


# The credential and 1EdTech's schema ------------------------------------------------------


def test_the_pinned_schema_is_1edtechs_achievement_credential_schema():
    schema = json.loads(SCHEMA_FILE.read_text())
    assert schema["$id"] == openbadges.SCHEMA_URL
    assert "AchievementCredential" in schema["title"]


def test_a_course_credential_validates_against_1edtechs_schema(course_credential):
    document = openbadges.achievement_credential(course_credential)
    assert openbadges.schema_errors(document) == []
    subject = document["credentialSubject"]
    achievement = subject["achievement"]
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["issuer"]["id"] == openbadges.issuer_id()
    assert achievement["name"] == course_credential.title
    assert "Ethics and Boundaries in Peer Support" in achievement["criteria"]["narrative"]
    assert subject["identifier"][0]["identityHash"] == "Winona Redbird-Castillo"
    assert subject["result"][0]["value"] == "6.5"
    assert achievement["creditsAvailable"] == subject["creditsEarned"] == 6.0
    assert datetime.fromisoformat(document["validFrom"]).date() == course_credential.issued_on
    assert datetime.fromisoformat(document["validUntil"]).date() == course_credential.expires_on
    assert document["id"].endswith(f"/verify/{course_credential.display_code}/")


def test_the_ce_category_of_the_hours_is_the_achievements_alignment(course_credential):
    assert (
        "alignment"
        not in openbadges.achievement_credential(course_credential)["credentialSubject"][
            "achievement"
        ]
    )  # no CE record: nothing to align to
    ethics = CECategory.objects.get(slug="ethics")
    record = ce_record(
        course_credential.holder,
        hours="6",
        completed_on=course_credential.issued_on,
        category=ethics,
    )
    record.credential = course_credential
    record.save(update_fields=["credential"])
    document = openbadges.achievement_credential(course_credential)
    assert openbadges.schema_errors(document) == []
    [alignment] = document["credentialSubject"]["achievement"]["alignment"]
    assert alignment["targetName"] == ethics.name
    assert alignment["targetCode"] == "ethics"
    assert alignment["targetUrl"].endswith("/certificates/issuer.json#ce-category-ethics")


@pytest.mark.parametrize("source", [choice for choice, _ in Credential.Source.choices])
@pytest.mark.parametrize("kind", ["hub_course", "training_completion", "external_licence"])
def test_every_kind_of_credential_validates(db, holder, source, kind):
    credential = CredentialFactory(
        holder=holder,
        credential_type=CredentialTypeFactory(kind=kind, issued_by_hub=kind != "external_licence"),
        source=source,
    )
    document = openbadges.achievement_credential(credential)
    assert openbadges.schema_errors(document) == []
    assert "validUntil" not in document  # it does not expire
    assert "result" not in document["credentialSubject"]  # no hours, no result


def test_the_schema_check_finds_what_is_missing(course_credential):
    document = openbadges.achievement_credential(course_credential)
    del document["credentialSubject"]["achievement"]["criteria"]
    document["type"] = ["VerifiableCredential"]
    errors = openbadges.schema_errors(document)
    assert any("criteria" in error for error in errors)
    assert any(error.startswith("type") for error in errors)


def test_the_issuer_profile_is_published_and_validates(client, db):
    response = client.get(reverse("certificates:openbadges_issuer"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    profile = json.loads(response.content)
    assert profile["id"] == openbadges.issuer_id()
    assert openbadges.schema_errors(profile, schema="profile") == []


# Private data ----------------------------------------------------------------------------


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(min_size=1, max_size=80).filter(lambda n: n.strip() and "\x00" not in n))
def test_the_badge_carries_the_printed_name_and_nothing_private(db, holder, hub_type, name):
    holder.email = "winona.private@example.org"
    holder.preferred_name = "Wino (private nickname)"
    # Built, not saved: each example is a new credential without touching the database.
    credential = CredentialFactory.build(
        holder=holder,
        credential_type=hub_type,
        holder_name=name,
        external_number="MT-PSS-99881",
        revoked_reason="private reason",
    )
    document = openbadges.achievement_credential(credential)
    token = openbadges.credential_jwt(credential)
    payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    assert payload["credentialSubject"]["identifier"][0]["identityHash"] == name
    assert openbadges.schema_errors(document) == []
    for text in (json.dumps(document, ensure_ascii=False), json.dumps(payload, ensure_ascii=False)):
        for private in ("winona.private@example.org", "private nickname", "MT-PSS-99881"):
            assert private not in text
        assert "private reason" not in text
    # The subject's id comes from the public code alone: it links to nothing else.
    assert payload["sub"] == str(
        uuid.uuid5(openbadges.SUBJECT_NAMESPACE, openbadges.credential_url(credential)).urn
    )


def test_no_ce_evidence_or_email_key_appears(course_credential):
    text = json.dumps(openbadges.achievement_credential(course_credential))
    for key in ('"email"', '"evidence"', '"licenseNumber"'):
        assert key not in text.replace(json.dumps(openbadges.issuer_profile()["email"]), "")


# Signatures, checked by another library --------------------------------------------------


def test_the_signed_badge_verifies_with_the_published_jwks(client, course_credential):
    token = openbadges.credential_jwt(course_credential)
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert set(header) == {"alg", "kid", "typ"}  # OB 3.0 allows no other JOSE headers
    assert header["alg"] == "RS256" and header["typ"] == "JWT"
    assert header["kid"].startswith(openbadges.jwks_url() + "#")

    claims = verify_independently(token, published_key_set(client))

    document = openbadges.achievement_credential(course_credential)
    assert {k: v for k, v in claims.items() if k not in ("iss", "jti", "sub", "nbf", "exp")} == (
        document
    )
    assert claims["iss"] == document["issuer"]["id"]
    assert claims["jti"] == document["id"]
    assert claims["sub"] == document["credentialSubject"]["id"]
    assert claims["nbf"] == int(datetime.fromisoformat(document["validFrom"]).timestamp())
    assert claims["exp"] == int(datetime.fromisoformat(document["validUntil"]).timestamp())


def test_the_jwks_is_public_cacheable_and_holds_no_private_part(client, db):
    response = client.get(reverse("certificates:openbadges_jwks"))
    assert response["Content-Type"] == "application/jwk-set+json"
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    keys = json.loads(response.content)["keys"]
    assert keys and all("d" not in key and "p" not in key for key in keys)
    # The kid's fragment is the RFC 7638 thumbprint, as joserfc computes it.
    assert keys[0]["kid"].endswith("#" + RSAKey.import_key(keys[0]).thumbprint())


@pytest.mark.parametrize(
    "tamper",
    [
        lambda claims: {**claims, "name": claims["name"] + " (advanced)"},
        lambda claims: {
            **claims,
            "credentialSubject": {
                **claims["credentialSubject"],
                "identifier": [
                    {**claims["credentialSubject"]["identifier"][0], "identityHash": "Someone Else"}
                ],
            },
        },
        lambda claims: {**claims, "exp": claims["exp"] + 86400 * 365},
    ],
    ids=["title", "name", "expiry"],
)
def test_a_changed_payload_fails(client, course_credential, tamper):
    token = openbadges.credential_jwt(course_credential)
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    forged = base64.urlsafe_b64encode(json.dumps(tamper(claims)).encode()).rstrip(b"=").decode()
    with pytest.raises(BadSignatureError):
        verify_independently(f"{header}.{forged}.{signature}", published_key_set(client))


def test_a_retired_keys_badge_still_verifies(client, course_credential, tmp_path):
    old_key = new_rsa_key_file(tmp_path / "old.pem")
    with override_settings(OPEN_BADGES_SIGNING_KEY=str(old_key)):
        old_token = openbadges.credential_jwt(course_credential)
    openbadges.badge_signing_configuration.cache_clear()

    new_key = new_rsa_key_file(tmp_path / "new.pem")
    retired = public_key_file(old_key, tmp_path / "old-public.pem")
    with override_settings(
        OPEN_BADGES_SIGNING_KEY=str(new_key), OPEN_BADGES_RETIRED_KEYS=[str(retired)]
    ):
        key_set = published_key_set(client)
        new_token = openbadges.credential_jwt(course_credential)
        assert len(key_set.keys) == 2
        assert (
            verify_independently(old_token, key_set)["jti"]
            == verify_independently(new_token, key_set)["jti"]
        )
    openbadges.badge_signing_configuration.cache_clear()

    # Without the retired key published, the old badge no longer verifies.
    with (
        override_settings(OPEN_BADGES_SIGNING_KEY=str(new_key), OPEN_BADGES_RETIRED_KEYS=[]),
        pytest.raises(InvalidKeyIdError),
    ):
        verify_independently(old_token, published_key_set(client))


def test_an_ec_p256_key_signs_es256(client, course_credential, tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    path = tmp_path / "ec.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    with override_settings(OPEN_BADGES_SIGNING_KEY=str(path)):
        token = openbadges.credential_jwt(course_credential)
        claims = verify_independently(token, published_key_set(client))
    assert json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))["alg"] == "ES256"
    assert claims["jti"] == openbadges.credential_url(course_credential)


# Keys like keys -----------------------------------------------------------------------


def test_production_refuses_to_sign_without_a_key(db):
    with (
        override_settings(CERTIFICATE_DEMO_SIGNING=False, OPEN_BADGES_SIGNING_KEY=""),
        pytest.raises(ImproperlyConfigured, match="OPEN_BADGES_SIGNING_KEY"),
    ):
        openbadges.badge_signing_configuration()


def test_production_refuses_the_demo_key(db):
    demo_key = openbadges.badge_signing_configuration().source.removeprefix("demo key ")
    assert openbadges.badge_signing_configuration().is_demo
    openbadges.badge_signing_configuration.cache_clear()
    with (
        override_settings(CERTIFICATE_DEMO_SIGNING=False, OPEN_BADGES_SIGNING_KEY=demo_key),
        pytest.raises(ImproperlyConfigured, match="demo key"),
    ):
        openbadges.badge_signing_configuration()


def test_a_private_key_listed_as_retired_is_refused(db, tmp_path):
    private = new_rsa_key_file(tmp_path / "k.pem")
    with (
        override_settings(OPEN_BADGES_RETIRED_KEYS=[str(private)]),
        pytest.raises(ImproperlyConfigured, match="private key"),
    ):
        openbadges.badge_signing_configuration()


# The holder's downloads and links ---------------------------------------------------------


@pytest.mark.parametrize("role", ["holder", "supervisor", "administrator"])
def test_holder_supervisor_and_administrator_download_the_badge(
    client, request, course_credential, assign_supervisor, supervisor, role
):
    assign_supervisor(supervisor, course_credential.holder)
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("certificates:openbadge_jwt", args=[course_credential.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwt"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    claims = verify_independently(response.content.decode(), published_key_set(client))
    assert claims["jti"] == openbadges.credential_url(course_credential)

    readable = client.get(reverse("certificates:openbadge_json", args=[course_credential.pk]))
    assert readable.status_code == 200
    assert openbadges.schema_errors(json.loads(readable.content)) == []


@pytest.mark.parametrize("role", ["other_peer", "other_supervisor", "trainer", "hr"])
@pytest.mark.parametrize("view", BADGE_VIEWS)
def test_nobody_else_downloads_the_badge(
    client, request, course_credential, assign_supervisor, supervisor, role, view
):
    assign_supervisor(supervisor, course_credential.holder)
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(f"certificates:{view}", args=[course_credential.pk])).status_code == (
        403
    )


@pytest.mark.parametrize("view", BADGE_VIEWS)
def test_anonymous_is_sent_to_sign_in(client, course_credential, view):
    response = client.get(reverse(f"certificates:{view}", args=[course_credential.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("view", BADGE_VIEWS)
def test_a_revoked_credential_offers_no_badge(client, holder, course_credential, view):
    course_credential.status = Credential.Status.REVOKED
    course_credential.revoked_at = timezone.now()
    course_credential.save()
    client.force_login(holder)
    response = client.get(reverse(f"certificates:{view}", args=[course_credential.pk]))
    assert response.status_code == 410
    detail = client.get(reverse("certificates:detail", args=[course_credential.pk]))
    assert b"open-badge" not in detail.content and b"linkedin.com" not in detail.content


def test_an_unknown_credential_is_not_found(client, holder, course_credential):
    client.force_login(holder)
    url = reverse("certificates:openbadge_jwt", args=[course_credential.pk + 1000])
    assert client.get(url).status_code == 404


def test_the_credential_page_offers_badge_share_and_linkedin_links(
    client, holder, course_credential
):
    client.force_login(holder)
    page = client.get(reverse("certificates:detail", args=[course_credential.pk])).content.decode()
    assert reverse("certificates:openbadge_jwt", args=[course_credential.pk]) in page
    assert openbadges.credential_url(course_credential) in page
    assert "https://www.linkedin.com/profile/add?" in page


def test_the_linkedin_link_fills_in_the_certification(course_credential):
    query = parse_qs(urlsplit(openbadges.linkedin_add_url(course_credential)).query)
    issued, expires = course_credential.issued_on, course_credential.expires_on
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == [course_credential.title]
    assert query["issueYear"] == [str(issued.year)] and query["issueMonth"] == [str(issued.month)]
    assert query["expirationYear"] == [str(expires.year)]
    assert query["expirationMonth"] == [str(expires.month)]
    assert query["certUrl"] == [openbadges.credential_url(course_credential)]
    assert query["certId"] == [course_credential.display_code]


# Inside the signed PDF ------------------------------------------------------------------


def test_the_signed_pdf_carries_the_badge_and_its_signature_still_holds(client, course_credential):
    from pypdf import PdfReader

    from certificates.pdfs import credential_pdf_render
    from certificates.signing import check_signature

    credential_pdf_render(credential_id=course_credential.pk)
    course_credential.refresh_from_db()
    with course_credential.pdf.open("rb") as stored:
        content = stored.read()
    assert check_signature(content).ok

    files = PdfReader(io.BytesIO(content)).attachments
    stem = f"open-badge-{course_credential.display_code}"
    assert set(files) == {f"{stem}.jwt", f"{stem}.json"}
    token = files[f"{stem}.jwt"][0].decode()
    claims = verify_independently(token, published_key_set(client))
    readable = json.loads(files[f"{stem}.json"][0])
    assert readable == openbadges.achievement_credential(course_credential)
    assert claims["jti"] == readable["id"]
    assert openbadges.schema_errors(readable) == []


def test_signing_check_reports_the_badge_key_and_checks_a_sample(db, capsys):
    from django.core.management import call_command

    call_command("signing_check")
    output = capsys.readouterr().out
    assert "Open Badges:  RS256" in output
    assert "Demo key:     yes" in output
    assert "Sample badge verifies with the published JWKS." in output


@pytest.mark.parametrize("view", BADGE_VIEWS)
def test_another_bodys_licence_is_not_offered_as_a_badge(client, holder, view):
    licence = CredentialFactory(
        holder=holder,
        credential_type=CredentialTypeFactory(kind="external_licence", issued_by_hub=False),
        source=Credential.Source.EXTERNAL,
        provider="Montana Board of Behavioral Health",
    )
    client.force_login(holder)
    response = client.get(reverse(f"certificates:{view}", args=[licence.pk]))
    assert response.status_code == 409
    assert b"Montana Board of Behavioral Health issued this credential" in response.content
    detail = client.get(reverse("certificates:detail", args=[licence.pk]))
    assert b"linkedin.com" not in detail.content


# The baked badge image ------------------------------------------------------------------


def test_the_badge_image_has_the_signed_credential_baked_in(client, holder, hub_type):
    credential = CredentialFactory(
        holder=holder,
        credential_type=hub_type,
        title='Ethics <& "Boundaries"> for Peer Support Specialists in Rural Communities',
    )
    client.force_login(holder)
    response = client.get(reverse("certificates:openbadge_svg", args=[credential.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Our own output: it must be well-formed XML even with markup characters in the title.
    root = ElementTree.fromstring(response.content)  # noqa: S314
    baked = list(root.iter("{https://purl.imsglobal.org/ob/v3p0}credential"))
    assert len(baked) == 1 and root[0] is baked[0]  # first, and only one (OB 3.0 §5.3.2)
    claims = verify_independently(baked[0].attrib["verify"], published_key_set(client))
    assert claims["name"] == credential.title
    assert b"<script" not in response.content


@hypothesis_settings(max_examples=60, deadline=None)
@given(title=st.text(max_size=120))
def test_the_badge_image_is_well_formed_xml_whatever_the_title(title):
    from certificates.models import CredentialType

    credential = Credential(
        credential_type=CredentialType(name="t", code="t", kind="hub_course"),
        title=title,
        holder_name="A Peer",
        issued_on=timezone.localdate(),
        source=Credential.Source.MANUAL,
        provider="The hub",
    )
    root = ElementTree.fromstring(openbadges.baked_svg(credential))  # noqa: S314 - our output
    assert len(list(root.iter("{https://purl.imsglobal.org/ob/v3p0}credential"))) == 1


@pytest.mark.parametrize("view", ["openbadges_issuer", "openbadges_jwks"])
def test_the_public_documents_only_answer_reads(client, db, view):
    url = reverse(f"certificates:{view}")
    assert client.head(url).status_code == 200
    assert client.post(url, {}).status_code == 405
