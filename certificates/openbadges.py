"""Open Badges 3.0: every credential as a signed `OpenBadgeCredential` (decision 0004).

The credential is built from the credential's snapshot only (the name as printed, title,
course, hours, dates), so it says what the PDF says. It never carries private data: no email
(not even hashed: a salted hash ships its salt, so anyone holding a list of addresses could
confirm who trained here), no CE evidence, no external card or licence number, no notes.

- The subject is identified by the name as printed on the certificate (an `IdentityObject` of
  type `name`, not hashed: the same name the PDF and the public check show), and by an `id`
  (`urn:uuid:`, derived from the credential's code) that VC-JWT needs as `sub` and that links
  this credential to nothing else.
- Contact hours are a `result` (with its `resultDescription`); CE hours are the
  achievement's `creditsAvailable` and the subject's `creditsEarned`, the spec's place for
  credit hours, and their CE category is the achievement's `alignment`.
- `validFrom` is the start of the issue day and `validUntil` the end of the printed expiry
  day, in the hub's time zone. A grace period is the hub's renewal allowance, not part of the
  credential: a verifier who needs it asks the public check.

Signed as a VC-JWT (a compact JWS: header `alg`, `kid`, `typ`), the proof format described in
Open Badges 3.0 §8.2, with PyJWT. The key comes from `OPEN_BADGES_SIGNING_KEY` (RSA: RS256,
the algorithm every OB 3.0 verifier must support; or EC P-256: ES256). The demo and tests
make a throw-away RSA key at first use, marked as a demo key; production refuses it. Every
key that ever signed stays in the published JWKS (`/.well-known/jwks.json`: the current key
plus `OPEN_BADGES_RETIRED_KEYS`), so a badge signed with a retired key still verifies.
"""

import base64
import fcntl
import hashlib
import json
import textwrap
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.urls import reverse

from lms.core.text import hours_number

from .models import CERecord, Credential, CredentialType, StatusList
from .status_lists import credential_status_entry

OB_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential-jsonschema1.json"
)
SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"
# Credential ids below this namespace are stable for a given code and site.
SUBJECT_NAMESPACE = uuid.UUID("6f7c1a52-4f0b-5d0e-9a51-1c3c2f6a0b16")
JWT_MEDIA_TYPE = "application/jwt"
JWKS_MEDIA_TYPE = "application/jwk-set+json"

ACHIEVEMENT_TYPES = {
    CredentialType.Kind.HUB_COURSE: "Certificate",
    CredentialType.Kind.TRAINING_COMPLETION: "CertificateOfCompletion",
    CredentialType.Kind.EXTERNAL_LICENCE: "License",
}


# URLs ------------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def issuer_id() -> str:
    return _absolute(reverse("certificates:openbadges_issuer"))


def jwks_url() -> str:
    return _absolute(reverse("certificates:openbadges_jwks"))


def credential_url(credential: Credential) -> str:
    """The credential's id: its public check, which anyone can open."""
    return _absolute(reverse("certificates:verify_code", args=[credential.display_code]))


# Building --------------------------------------------------------------------------------


def _hours(value: Decimal) -> float:
    return float(value.normalize()) if value else 0.0


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=ZoneInfo(settings.TIME_ZONE))


def issuer_profile() -> dict:
    """The hub as an OB 3.0 `Profile`: what `/certificates/issuer.json` serves."""
    return {
        "@context": OB_CONTEXT,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.HUB_NAME,
        "url": settings.SITE_URL + "/",
        "email": settings.HUB_CONTACT_EMAIL,
        "description": (
            f"{settings.HUB_NAME} issues peer-support training certificates. Its Open Badges "
            f"are signed as VC-JWT; the public keys are at {jwks_url()}."
        ),
    }


def _criteria_narrative(credential: Credential) -> str:
    if credential.source == Credential.Source.COURSE_COMPLETION:
        parts = [f"Completed the course “{credential.course_title or credential.title}”"]
        if credential.contact_hours:
            parts.append(f"{hours_number(credential.contact_hours)} contact hours")
        presenters = credential.ce.presenters
        if presenters:
            parts.append("presented by " + "; ".join(str(p) for p in presenters))
        return ", ".join(parts) + f", at {settings.HUB_NAME}."
    if credential.source == Credential.Source.EXTERNAL:
        return (
            f"Holds this credential from {credential.provider}; a supervisor at "
            f"{settings.HUB_NAME} checked the holder's evidence."
        )
    return f"Awarded by the administrators of {settings.HUB_NAME}."


def _ce_categories(credential: Credential) -> list:
    """The CE categories of the hours the credential carries: its hub course's CE records."""
    records = CERecord.objects.filter(credential=credential, category__isnull=False)
    return [record.category for record in records.select_related("category").order_by("pk")]


def achievement_credential(credential: Credential) -> dict:
    """The credential as an Open Badges 3.0 `OpenBadgeCredential` (the AchievementCredential
    class), unsigned. Reads only the credential's snapshot and its type's code and kind."""
    credential_type = credential.credential_type
    achievement_id = _absolute(
        reverse("certificates:openbadges_issuer") + f"#achievement-{credential_type.code}"
    )
    achievement = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": ACHIEVEMENT_TYPES.get(credential_type.kind, "Certificate"),
        "name": credential.title,
        "description": credential.course_description
        or f"{credential.title}, a credential recorded by {settings.HUB_NAME}.",
        "criteria": {"narrative": _criteria_narrative(credential)},
        "creator": {"id": issuer_id(), "type": ["Profile"], "name": settings.HUB_NAME},
    }
    subject = {
        "id": f"urn:uuid:{uuid.uuid5(SUBJECT_NAMESPACE, credential_url(credential))}",
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": credential.holder_name,
            }
        ],
        "achievement": achievement,
    }
    if credential.contact_hours:
        description_id = f"{achievement_id}-contact-hours"
        achievement["resultDescription"] = [
            {
                "id": description_id,
                "type": ["ResultDescription"],
                "name": "Contact hours",
                "resultType": "ext:ContactHours",
            }
        ]
        subject["result"] = [
            {
                "type": ["Result"],
                "resultDescription": description_id,
                "value": hours_number(credential.contact_hours),
            }
        ]
    if credential.ce_hours:
        achievement["creditsAvailable"] = _hours(credential.ce_hours)
        subject["creditsEarned"] = _hours(credential.ce_hours)
        categories = _ce_categories(credential)
        if categories:
            # The CE categories the hours count toward, as alignments (OB 3.0 §B.1.2: an
            # achievement aligned to nodes of a framework, here the hub's CE categories).
            achievement["alignment"] = [
                {
                    "type": ["Alignment"],
                    "targetName": category.name,
                    "targetCode": category.slug,
                    "targetFramework": f"{settings.HUB_NAME} CE categories",
                    "targetType": "ext:CECategory",
                    "targetUrl": _absolute(
                        reverse("certificates:openbadges_issuer") + f"#ce-category-{category.slug}"
                    ),
                }
                for category in categories
            ]
    document = {
        "@context": OB_CONTEXT,
        "id": credential_url(credential),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": credential.title,
        "issuer": {
            "id": issuer_id(),
            "type": ["Profile"],
            "name": settings.HUB_NAME,
            "url": settings.SITE_URL + "/",
        },
        "validFrom": _start_of(credential.issued_on).isoformat(),
        "awardedDate": _start_of(credential.issued_on).isoformat(),
        "credentialSubject": subject,
        "credentialSchema": [{"id": SCHEMA_URL, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if credential.expires_on:
        document["validUntil"] = _end_of(credential.expires_on).isoformat()
    if credential.status_list_index is not None:
        # One entry: 1EdTech's schema takes a single credentialStatus (decision 0011). The
        # suspension list uses the same index.
        document["credentialStatus"] = credential_status_entry(
            credential, StatusList.Purpose.REVOCATION
        )
    return document


@cache
def _schema_validator(filename: str):
    from jsonschema import Draft201909Validator

    schema = json.loads((SCHEMAS_DIR / filename).read_text())
    return Draft201909Validator(schema)


def schema_errors(document: dict, *, schema: str = "achievementcredential") -> list[str]:
    """What 1EdTech's pinned JSON Schema finds wrong with a document (empty when valid)."""
    validator = _schema_validator(f"ob_v3p0_{schema}.json")
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator.iter_errors(document)
    ]


# Keys ------------------------------------------------------------------------------------


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8 or 1, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _b64_fixed(number: int, length: int) -> str:
    return base64.urlsafe_b64encode(number.to_bytes(length, "big")).rstrip(b"=").decode()


def public_jwk(public_key) -> dict:
    """The RFC 7517 members of a public key (never `d`), with its RFC 7638 thumbprint."""
    if isinstance(public_key, rsa.RSAPublicKey):
        numbers = public_key.public_numbers()
        members = {"e": _b64(numbers.e), "kty": "RSA", "n": _b64(numbers.n)}
    elif isinstance(public_key, ec.EllipticCurvePublicKey) and isinstance(
        public_key.curve, ec.SECP256R1
    ):
        numbers = public_key.public_numbers()
        members = {
            "crv": "P-256",
            "kty": "EC",
            "x": _b64_fixed(numbers.x, 32),
            "y": _b64_fixed(numbers.y, 32),
        }
    else:
        raise ImproperlyConfigured("Open Badges keys are RSA (2048 bits or more) or EC P-256.")
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode()
    thumbprint = base64.urlsafe_b64encode(hashlib.sha256(canonical).digest()).rstrip(b"=")
    return {**members, "_thumbprint": thumbprint.decode()}


def _algorithm(public_key) -> str:
    if isinstance(public_key, rsa.RSAPublicKey):
        if public_key.key_size < 2048:
            raise ImproperlyConfigured("An Open Badges RSA key needs at least 2048 bits.")
        return "RS256"
    return "ES256"


def _published(public_key) -> dict:
    jwk = public_jwk(public_key)
    thumbprint = jwk.pop("_thumbprint")
    return {**jwk, "kid": f"{jwks_url()}#{thumbprint}", "use": "sig", "alg": _algorithm(public_key)}


def make_demo_key(path: Path) -> Path:
    """A throw-away RSA key, marked in its file as a demo key (production refuses it)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    from .signing import DEMO_MARK  # pyHanko loads only where keys are made or read

    path.parent.mkdir(parents=True, exist_ok=True)
    # RFC 7468 allows text before the PEM block: it names the key for what it is.
    path.write_bytes(f"{settings.HUB_NAME} Open Badges key ({DEMO_MARK})\n".encode() + pem)
    path.chmod(0o600)
    return path


def _demo_key_path() -> Path:
    directory = Path(settings.CERTIFICATE_DEMO_SIGNING_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "demo-openbadges-key.pem"
    with open(directory / ".lock-openbadges", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            make_demo_key(path)
    return path


@dataclass(frozen=True)
class BadgeSigningConfiguration:
    private_key: object
    algorithm: str
    kid: str
    published_keys: tuple[dict, ...]
    is_demo: bool
    source: str


def _load_public_key(path: str):
    content = Path(path).read_bytes()
    if b"PRIVATE KEY" in content:
        raise ImproperlyConfigured(
            f"{path} holds a private key: list only public keys in OPEN_BADGES_RETIRED_KEYS."
        )
    if b"CERTIFICATE" in content:
        from cryptography import x509

        return x509.load_pem_x509_certificate(content).public_key()
    return serialization.load_pem_public_key(content)


@cache
def badge_signing_configuration() -> BadgeSigningConfiguration:
    """The Open Badges signing key and every key to publish, read once per process."""
    key_path = settings.OPEN_BADGES_SIGNING_KEY
    if key_path:
        source = str(key_path)
    elif settings.CERTIFICATE_DEMO_SIGNING:
        key_path = _demo_key_path()
        source = f"demo key {key_path}"
    else:
        raise ImproperlyConfigured(
            "Open Badges credentials are signed, and no key is configured: set "
            "OPEN_BADGES_SIGNING_KEY (a PEM RSA or EC P-256 private key)."
        )
    from .signing import DEMO_MARK

    content = Path(key_path).read_bytes()
    is_demo = DEMO_MARK.encode() in content
    if is_demo and not settings.CERTIFICATE_DEMO_SIGNING:
        raise ImproperlyConfigured("Refusing to sign production Open Badges with a demo key.")
    passphrase = (settings.OPEN_BADGES_SIGNING_PASSPHRASE or "").encode() or None
    private_key = serialization.load_pem_private_key(content, password=passphrase)
    public_key = private_key.public_key()
    current = _published(public_key)
    published = [current]
    for path in settings.OPEN_BADGES_RETIRED_KEYS:
        retired = _published(_load_public_key(path))
        if retired["kid"] not in {key["kid"] for key in published}:
            published.append(retired)
    return BadgeSigningConfiguration(
        private_key=private_key,
        algorithm=current["alg"],
        kid=current["kid"],
        published_keys=tuple(published),
        is_demo=is_demo,
        source=source,
    )


def published_jwks() -> dict:
    """What `/.well-known/jwks.json` serves: the current key and every retired one."""
    return {"keys": list(badge_signing_configuration().published_keys)}


# Signing ---------------------------------------------------------------------------------


def jwt_claims(document: dict) -> dict:
    """The credential plus the JWT claims OB 3.0 §8.2.3 asks for: iss, jti, sub, nbf, exp."""
    claims = {
        **document,
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "sub": document["credentialSubject"]["id"],
        "nbf": int(datetime.fromisoformat(document["validFrom"]).timestamp()),
    }
    if "validUntil" in document:
        claims["exp"] = int(datetime.fromisoformat(document["validUntil"]).timestamp())
    return claims


def credential_jwt(credential: Credential) -> str:
    """The credential signed as a VC-JWT (compact JWS), ready to download or share."""
    configuration = badge_signing_configuration()
    return jwt.encode(
        jwt_claims(achievement_credential(credential)),
        configuration.private_key,
        algorithm=configuration.algorithm,
        headers={"kid": configuration.kid, "typ": "JWT"},
    )


def pdf_attachments(credential: Credential) -> list:
    """The badge as PDF/A-3 associated files of the certificate: the signed VC-JWT, and the
    same credential as readable JSON. Both are covered by the PDF's own signature."""
    from weasyprint import Attachment

    stem = f"open-badge-{credential.display_code}"
    document = json.dumps(achievement_credential(credential), indent=2, ensure_ascii=False)
    return [
        Attachment(
            string=credential_jwt(credential),
            name=f"{stem}.jwt",
            description="Open Badges 3.0 credential, signed (VC-JWT)",
            relationship="Alternative",
        ),
        Attachment(
            string=document,
            name=f"{stem}.json",
            description="Open Badges 3.0 credential, readable copy",
            relationship="Alternative",
        ),
    ]


def _xml_text(text: str) -> str:
    """Drop the characters XML 1.0 cannot carry (control characters, U+FFFE, U+FFFF)."""
    return "".join(
        char
        for char in text
        if char in "\t\n\r"
        or ("\x20" <= char <= "\ud7ff")
        or ("\ue000" <= char <= "\ufffd")
        or char >= "\U00010000"
    )


def baked_svg(credential: Credential) -> str:
    """A badge image with the signed credential baked in (OB 3.0 §5.3.2.1: the VC-JWT in the
    `verify` attribute of the one `<openbadges:credential>` element)."""
    title = _xml_text(credential.title)
    wrapped = textwrap.wrap(title, width=22) or [""]
    lines = wrapped[:4]
    if len(wrapped) > 4:
        lines[-1] = lines[-1][:20] + "…"
    first_y = 196 - (len(lines) - 1) * 15
    return render_to_string(
        "certificates/openbadges/badge.svg",
        {
            "credential": credential,
            "title": title,
            "token": credential_jwt(credential),
            "hub_name": settings.HUB_NAME,
            "title_lines": [
                {"text": text, "y": first_y + 30 * index} for index, text in enumerate(lines)
            ],
        },
    )


# Sharing ---------------------------------------------------------------------------------


def badge_offered(credential: Credential) -> bool:
    """Offered as the PDF is: never once revoked, and not for another body's licence (the
    hub did not issue it, and a badge or a LinkedIn entry would say it had)."""
    return (
        credential.status != Credential.Status.REVOKED
        and credential.credential_type.kind != CredentialType.Kind.EXTERNAL_LICENCE
    )


def linkedin_add_url(credential: Credential) -> str:
    """LinkedIn's "Add licence or certification" form, filled in from the credential."""
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": credential.title,
        "organizationName": settings.HUB_NAME,
        "issueYear": credential.issued_on.year,
        "issueMonth": credential.issued_on.month,
    }
    if credential.expires_on:
        params["expirationYear"] = credential.expires_on.year
        params["expirationMonth"] = credential.expires_on.month
    params["certUrl"] = credential_url(credential)
    params["certId"] = credential.display_code
    return "https://www.linkedin.com/profile/add?" + urlencode(params)
