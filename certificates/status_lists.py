"""W3C Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/):
revocation and suspension published without saying who was revoked (decision 0011).

- Two lists: `/certificates/status/1` (statusPurpose `revocation`, final) and
  `/certificates/status/2` (`suspension`, reversible). A credential has one random index,
  the same in both lists.
- The bitstring has at least 131,072 entries (`models.STATUS_LIST_MIN_ENTRIES`, doubled as
  the hub grows, see `status_list_capacity`); entry 0 is the left-most (most significant) bit
  of the first byte. `encodedList` is the bitstring GZIP-compressed (RFC 1952) and then
  multibase base64url without padding (the `u` prefix).
- The list credential is a `BitstringStatusListCredential` signed as a VC-JWT with the
  Open Badges key, the securing mechanism of the badges that point at it (the spec's
  "same securing mechanism" advice).
- A credential's Open Badge carries one `credentialStatus`: its revocation entry. 1EdTech's
  AchievementCredential schema allows a single `credentialStatus` object, not the array the
  VC data model allows, so the suspension entry (same index, list 2) is published here and
  named in the status list credential, and the hub's checks (`/verify/`,
  `docs/offline_verify.py`) read both.
"""

import base64
import gzip
import hashlib
import io
from datetime import datetime

import jwt
from django.conf import settings
from django.urls import reverse

from .models import Credential, StatusList

LIST_NUMBERS = {StatusList.Purpose.REVOCATION: 1, StatusList.Purpose.SUSPENSION: 2}
PURPOSES = {number: purpose for purpose, number in LIST_NUMBERS.items()}
# How long a verifier or a shared cache may keep a list before asking again (seconds).
MAX_AGE = getattr(settings, "STATUS_LIST_MAX_AGE", 300)


def status_list_url(purpose: str) -> str:
    return settings.SITE_URL + reverse("certificates:status_list", args=[LIST_NUMBERS[purpose]])


def credential_status_entry(credential: Credential, purpose: str) -> dict:
    """The `BitstringStatusListEntry` pointing at a credential's bit in one list."""
    url = status_list_url(purpose)
    index = str(credential.status_list_index)
    return {
        # The spec: an entry's id must not be the list's URL; the fragment names the entry.
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": str(purpose),
        "statusListIndex": index,
        "statusListCredential": url,
    }


# The bitstring ----------------------------------------------------------------------------


def bitstring(indexes, length: int) -> bytes:
    """`length` bits (a multiple of 8), those at `indexes` set; index 0 is the left-most bit."""
    bits = bytearray(length // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def encode_list(bits: bytes) -> str:
    """GZIP, then multibase base64url with no padding (`u` + base64url)."""
    # mtime=0: the same bits always give the same bytes, so an unchanged list keeps its ETag.
    compressed = gzip.compress(bits, compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def decode_list(encoded: str, *, max_bytes: int = 16 * 1024 * 1024) -> bytes:
    """The bitstring of an `encodedList` (ValueError when it is not one)."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise ValueError("encodedList is not multibase base64url (no 'u' prefix).")
    body = encoded[1:]
    compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    with gzip.GzipFile(fileobj=io.BytesIO(compressed)) as stream:
        bits = stream.read(max_bytes + 1)
    if len(bits) > max_bytes:
        raise ValueError("encodedList expands beyond any list the hub publishes.")
    return bits


def bit_at(bits: bytes, index: int) -> bool:
    if index < 0 or index >= len(bits) * 8:
        raise IndexError(f"Status list index {index} is outside the list.")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


# The list credential ----------------------------------------------------------------------


def status_list_document(*, purpose: str, bits: bytes, built_at: datetime) -> dict:
    from .openbadges import OB_CONTEXT, issuer_id  # the badges' issuer signs its lists

    url = status_list_url(purpose)
    return {
        "@context": [OB_CONTEXT[0]],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "name": f"{settings.HUB_NAME}: {purpose} status list",
        "description": (
            f"Bit N set: the credential with statusListIndex N is "
            f"{'revoked' if purpose == StatusList.Purpose.REVOCATION else 'suspended'}. "
            "Every credential has one index, the same in the revocation list "
            f"({status_list_url(StatusList.Purpose.REVOCATION)}) and the suspension list "
            f"({status_list_url(StatusList.Purpose.SUSPENSION)})."
        ),
        "validFrom": built_at.isoformat(),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": str(purpose),
            "encodedList": encode_list(bits),
            "ttl": MAX_AGE * 1000,
        },
    }


def sign_status_list(document: dict) -> str:
    """The list credential as a VC-JWT, signed with the Open Badges key (`kid` in the JWKS)."""
    from .openbadges import badge_signing_configuration

    configuration = badge_signing_configuration()
    claims = {
        **document,
        "iss": document["issuer"],
        "jti": document["id"],
        "sub": document["credentialSubject"]["id"],
        "nbf": int(datetime.fromisoformat(document["validFrom"]).timestamp()),
        "iat": int(datetime.fromisoformat(document["validFrom"]).timestamp()),
    }
    return jwt.encode(
        claims,
        configuration.private_key,
        algorithm=configuration.algorithm,
        headers={"kid": configuration.kid, "typ": "JWT"},
    )


def etag_of(token: str) -> str:
    return '"' + hashlib.sha256(token.encode()).hexdigest()[:32] + '"'
