"""Checking an Open Badges 3.0 VC-JWT the way any verifier would: signature against the
published keys (current and retired), issuer, validity dates and the status list bits.

Pure: no database. The caller hands in the keys and a way to read a status list (the hub
reads its stored, signed lists; `docs/offline_verify.py`, a copy that needs no Django, reads
downloaded files). Every check is reported in words a person can act on.
"""

import base64
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import jwt

from lms.core.errors import DomainError

from . import status_lists
from .models import STATUS_LIST_MIN_ENTRIES

# A compact JWS: three base64url parts. Anything else is not a VC-JWT.
COMPACT_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")
MAX_CREDENTIAL_BYTES = 256 * 1024  # a hub badge is a few kilobytes
ALGORITHMS = ("RS256", "ES256")


class BadCredential(DomainError):
    """Input that is not a credential the hub could have signed (400)."""


class CredentialTooBig(DomainError):
    status_code = 413


@dataclass(frozen=True)
class Check:
    ok: bool | None  # True passed, False failed, None information
    text: str


@dataclass
class StatusListRead:
    """A status list as read and checked: its bits, purpose and when it was built."""

    purpose: str
    bits: bytes
    built_at: datetime | None
    source: str  # what was read ("the hub's published list", a file name, ...)


@dataclass
class CredentialCheck:
    verdict: str = "unknown"  # valid / expired / not_yet_valid / revoked / suspended
    checks: list[Check] = field(default_factory=list)
    document: dict = field(default_factory=dict)
    kid: str = ""
    record: object = None  # the hub's Credential, when the check found it

    @property
    def holder_name(self) -> str:
        for identifier in self.document.get("credentialSubject", {}).get("identifier", []):
            if identifier.get("identityType") == "name" and not identifier.get("hashed"):
                return identifier.get("identityHash", "")
        return ""

    @property
    def title(self) -> str:
        return self.document.get("name", "")

    @property
    def credential_id(self) -> str:
        return self.document.get("id", "")

    @property
    def valid_from(self) -> datetime | None:
        return _when(self.document.get("validFrom"))

    @property
    def valid_until(self) -> datetime | None:
        return _when(self.document.get("validUntil"))

    @property
    def verdict_word(self) -> str:
        return VERDICT_WORDS.get(self.verdict, "Not verified")


VERDICT_WORDS = {
    "valid": "Valid",
    "expired": "Expired",
    "not_yet_valid": "Not yet valid",
    "revoked": "Revoked",
    "suspended": "Suspended",
}


def _when(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _b64json(part: str) -> dict:
    try:
        value = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (ValueError, RecursionError):
        raise BadCredential("That is not a signed credential: its parts do not decode.") from None
    if not isinstance(value, dict):
        raise BadCredential("That is not a signed credential: its parts do not decode.")
    return value


def token_from_text(text: str) -> str:
    """The compact JWS in pasted or uploaded text (BadCredential when there is none)."""
    if len(text.encode()) > MAX_CREDENTIAL_BYTES:
        raise CredentialTooBig("That is larger than any credential the hub issues (256 KB).")
    token = "".join(text.split())
    if not COMPACT_JWS.match(token):
        raise BadCredential(
            "That is not a signed Open Badges credential (a VC-JWT: three parts separated by "
            "dots). Paste the .jwt file's content, or upload the .jwt or .json file."
        )
    return token


def unverified_header(token: str) -> dict:
    return _b64json(token.split(".")[0])


def key_for(token: str, keys: list[dict]) -> dict:
    header = unverified_header(token)
    if header.get("alg") not in ALGORITHMS:
        raise BadCredential(
            f"The credential's signature algorithm ({header.get('alg')!r}) is not one the hub "
            "signs with, so it was not signed by the hub."
        )
    for key in keys:
        if key.get("kid") == header.get("kid"):
            return key
    raise BadCredential(
        "The credential names a signing key the hub never published, so it was not signed "
        "by the hub."
    )


def verify_signature(token: str, keys: list[dict]) -> tuple[dict, dict]:
    """(claims, key) after checking the signature with the published key it names."""
    key = key_for(token, keys)
    try:
        claims = jwt.decode(
            token,
            key=jwt.PyJWK(key).key,
            algorithms=[key.get("alg") or unverified_header(token)["alg"]],
            options={
                "verify_exp": False,  # the dates are checked below, and said in words
                "verify_nbf": False,
                "verify_iat": False,
                "verify_aud": False,
            },
        )
    except jwt.InvalidSignatureError:
        raise BadCredential(
            "The signature does not match: the credential was changed after the hub signed it, "
            "or someone else signed it."
        ) from None
    except jwt.PyJWTError:
        raise BadCredential("That is not a signed credential the hub could have issued.") from None
    if not isinstance(claims, dict):
        raise BadCredential("That is not a signed credential the hub could have issued.")
    return claims, key


def read_status_list_token(token: str, keys: list[dict], *, issuer: str, source: str):
    """Check a status list credential's signature and return what it says."""
    claims, _key = verify_signature(token, keys)
    if claims.get("iss") != issuer or "BitstringStatusListCredential" not in claims.get("type", []):
        raise BadCredential("The status list was not published by the hub.")
    subject = claims.get("credentialSubject", {})
    try:
        bits = status_lists.decode_list(subject.get("encodedList"))
    except (ValueError, OSError, EOFError):
        raise BadCredential("The status list's encodedList does not decode.") from None
    return StatusListRead(
        purpose=subject.get("statusPurpose", ""),
        bits=bits,
        built_at=_when(claims.get("validFrom")),
        source=source,
    )


def _day(moment: datetime | None) -> str:
    return f"{moment:%B %-d, %Y}" if moment else "an unknown date"


def check_credential(
    token: str,
    *,
    keys: list[dict],
    issuer: str,
    read_status_list: Callable[[str], StatusListRead | None],
    suspension_list_url: str | None = None,
    now: datetime | None = None,
) -> CredentialCheck:
    """Every check of one VC-JWT. BadCredential for what is not the hub's (tampered, wrong
    issuer, unknown key); a genuine credential that is expired, revoked or suspended is a
    result, not an error."""
    now = now or datetime.now(UTC)
    claims, key = verify_signature(token, keys)
    result = CredentialCheck(document=claims, kid=key["kid"])
    retired = key is not keys[0]
    result.checks.append(
        Check(
            True,
            "Signature by the hub's "
            + ("retired key" if retired else "current key")
            + f" ({key['alg']}, published in the hub's key set): valid. Nothing in the "
            "credential changed since it was signed.",
        )
    )
    issuer_in_document = claims.get("issuer", {})
    if isinstance(issuer_in_document, dict):
        issuer_in_document = issuer_in_document.get("id")
    if claims.get("iss") != issuer or issuer_in_document != issuer:
        raise BadCredential(
            f"The credential names another issuer ({issuer_in_document or claims.get('iss')!r}), "
            "not this hub."
        )
    result.checks.append(Check(True, f"Issuer: {issuer} (this hub)."))
    types = claims.get("type", [])
    if "VerifiableCredential" not in types or not (
        "OpenBadgeCredential" in types or "AchievementCredential" in types
    ):
        raise BadCredential("That is signed by the hub, but it is not an Open Badges credential.")
    return assess(
        result,
        read_status_list=read_status_list,
        suspension_list_url=suspension_list_url,
        now=now,
    )


def assess(
    result: CredentialCheck,
    *,
    read_status_list: Callable[[str], StatusListRead | None],
    suspension_list_url: str | None = None,
    now: datetime | None = None,
) -> CredentialCheck:
    """The validity dates and status list bits of a credential's document, added to `result`."""
    now = now or datetime.now(UTC)
    claims = result.document
    verdict = "valid"
    valid_from, valid_until = result.valid_from, result.valid_until
    if valid_from and valid_from > now:
        verdict = "not_yet_valid"
        result.checks.append(Check(False, f"Not valid before {_day(valid_from)}."))
    elif valid_until and valid_until < now:
        verdict = "expired"
        result.checks.append(Check(False, f"Expired on {_day(valid_until)}."))
    else:
        until = f" until {_day(valid_until)}" if valid_until else ", with no expiry date"
        result.checks.append(
            Check(True, f"Within its validity dates: from {_day(valid_from)}{until}.")
        )

    entries = claims.get("credentialStatus")
    entries = [entries] if isinstance(entries, dict) else list(entries or [])
    if not entries:
        result.checks.append(
            Check(None, "The credential carries no status list entry (issued before status lists).")
        )
    for entry in entries:
        if entry.get("type") != "BitstringStatusListEntry":
            continue
        outcome = _check_entry(entry, read_status_list)
        result.checks.append(outcome[1])
        if outcome[0]:
            verdict = _worse(verdict, outcome[0])
        # The hub publishes one index in both lists (decision 0011): the suspension list is
        # checked at the revocation entry's index too.
        if entry.get("statusPurpose") == "revocation" and suspension_list_url:
            twin = {
                **entry,
                "statusPurpose": "suspension",
                "statusListCredential": suspension_list_url,
            }
            outcome = _check_entry(twin, read_status_list)
            result.checks.append(outcome[1])
            if outcome[0]:
                verdict = _worse(verdict, outcome[0])
    result.verdict = verdict
    return result


SEVERITY = ["valid", "not_yet_valid", "expired", "suspended", "revoked"]


def _worse(first: str, second: str) -> str:
    return max(first, second, key=SEVERITY.index)


def _check_entry(entry: dict, read_status_list) -> tuple[str | None, Check]:
    purpose = entry.get("statusPurpose")
    word = {"revocation": "revoked", "suspension": "suspended"}.get(purpose, purpose)
    try:
        index = int(entry.get("statusListIndex"))
    except (TypeError, ValueError):
        raise BadCredential("The credential's status list index is not a number.") from None
    status_list = read_status_list(entry.get("statusListCredential", ""))
    if status_list is None:
        return None, Check(
            None,
            f"Status ({purpose}) not checked: the list {entry.get('statusListCredential')} is "
            "not one this check can read.",
        )
    if status_list.purpose != purpose:
        raise BadCredential("The status list's purpose does not match the credential's entry.")
    if len(status_list.bits) * 8 < STATUS_LIST_MIN_ENTRIES:
        raise BadCredential("The status list is shorter than the 131,072 entries the spec asks.")
    try:
        is_set = status_lists.bit_at(status_list.bits, index)
    except IndexError:
        raise BadCredential("The credential's status list index is outside the list.") from None
    when = f"status list checked on {_day(status_list.built_at)}, {status_list.source}"
    if is_set:
        return word, Check(False, f"{word.capitalize()} ({when}).")
    return None, Check(True, f"Not {word} ({when}).")
