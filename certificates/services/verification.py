"""Public verification: status only, nothing about the person beyond the name on the certificate.

By code, by PDF (byte match, signature, and the Open Badge it carries) and by Open Badges
credential (.jwt, .json or pasted): the credential checks themselves are `vc_verify`'s, with
the hub's published keys and its stored, signed status lists.
"""

import hashlib
import json
import re

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from lms.core.errors import DomainError
from lms.core.uploads import sniff_type

from .. import vc_verify
from ..models import Credential, StatusList
from ..selectors import PdfMatch, credential_by_code, credential_by_pdf_hash
from ..status_lists import LIST_NUMBERS, status_list_url
from ..uploads import MAX_EVIDENCE_BYTES
from .status_lists import status_list_published


def verification_payload(credential: Credential) -> dict:
    """Exactly the public fields of a credential.

    `status` is the machine verdict (valid / expired / revoked / superseded); `status_word` is
    the word the holder's own page shows on the same day (grace included).
    """
    today = timezone.localdate()
    return {
        "holder_name": credential.holder_name,
        "credential": credential.title,
        "issued_on": credential.issued_on.isoformat(),
        "expires_on": credential.expires_on.isoformat() if credential.expires_on else None,
        "status": credential.public_status(today),
        "status_word": credential.status_word_on(today),
        # The local date: a revocation in a Montana evening is already tomorrow in UTC.
        "revoked_on": (
            timezone.localdate(credential.revoked_at).isoformat() if credential.revoked_at else None
        ),
        "suspended_on": (
            timezone.localdate(credential.suspended_at).isoformat()
            if credential.suspended_at
            else None
        ),
    }


def credential_for_uploaded_pdf(upload: UploadedFile) -> PdfMatch | None:
    """The credential one of whose PDFs (current or earlier) is byte-for-byte this upload."""
    if upload is None or upload.size == 0:
        raise DomainError("Choose the certificate PDF to check.")
    if upload.size > MAX_EVIDENCE_BYTES:
        raise DomainError("That file is larger than any certificate we issue (10 MB).")
    if sniff_type(upload.read(8)) != "application/pdf":
        raise DomainError("That file is not a PDF.")
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return credential_by_pdf_hash(digest.hexdigest())


# Open Badges credentials (.jwt, .json, pasted, or inside a PDF) ----------------------------


def _published_keys() -> list[dict]:
    from ..openbadges import published_jwks

    return published_jwks()["keys"]


def _hub_status_list_reader(keys: list[dict]):
    """Reads the hub's own lists as published: the stored signed token, its signature checked
    like any other verifier would."""
    from ..openbadges import issuer_id

    urls = {status_list_url(purpose): number for purpose, number in LIST_NUMBERS.items()}

    def read(url: str):
        number = urls.get(url)
        if number is None:
            return None
        status_list = status_list_published(number=number)
        return vc_verify.read_status_list_token(
            status_list.token, keys, issuer=issuer_id(), source="the hub's published list"
        )

    return read


def _hub_record(check: vc_verify.CredentialCheck) -> None:
    """Add what the hub's own record says, when the credential's id is one of its codes."""
    match = re.search(r"/verify/([^/]+)/?$", check.credential_id or "")
    credential = credential_by_code(match.group(1)) if match else None
    if credential is None:
        return
    payload = verification_payload(credential)
    check.record = credential
    check.checks.append(
        vc_verify.Check(
            None,
            f"The hub's record of certificate {credential.display_code} says: "
            f"{payload['status_word']}.",
        )
    )


def credential_check_token(token: str) -> vc_verify.CredentialCheck:
    """Every check of a VC-JWT, with the hub's published keys and status lists."""
    from ..openbadges import issuer_id

    keys = _published_keys()
    check = vc_verify.check_credential(
        token,
        keys=keys,
        issuer=issuer_id(),
        read_status_list=_hub_status_list_reader(keys),
        suspension_list_url=status_list_url(StatusList.Purpose.SUSPENSION),
    )
    _hub_record(check)
    return check


def credential_check_readable_copy(document: dict) -> vc_verify.CredentialCheck:
    """The unsigned .json copy: it proves nothing alone, so it is compared with the hub's
    record, and its status entry is checked."""
    from ..openbadges import achievement_credential

    check = vc_verify.CredentialCheck(document=document)
    check.checks.append(
        vc_verify.Check(
            None,
            "This is the readable copy (.json) of an Open Badge: it carries no signature, so "
            "it was compared with the hub's record. The signed copy is the .jwt file.",
        )
    )
    match = re.search(r"/verify/([^/]+)/?$", str(document.get("id", "")))
    credential = credential_by_code(match.group(1)) if match else None
    if credential is None:
        raise vc_verify.BadCredential(
            "This readable copy names no certificate the hub issued, so it cannot be checked."
        )
    if achievement_credential(credential) != document:
        raise vc_verify.BadCredential(
            f"This readable copy differs from the hub's record of certificate "
            f"{credential.display_code}: it was changed. Check the code instead."
        )
    check.checks.append(
        vc_verify.Check(
            True,
            f"Every detail matches the hub's record of certificate {credential.display_code}.",
        )
    )
    keys = _published_keys()
    vc_verify.assess(
        check,
        read_status_list=_hub_status_list_reader(keys),
        suspension_list_url=status_list_url(StatusList.Purpose.SUSPENSION),
    )
    _hub_record(check)
    return check


def credential_check_text(text: str) -> vc_verify.CredentialCheck:
    """A pasted credential or an uploaded file's text: a VC-JWT, or the readable .json."""
    if len(text.encode()) > vc_verify.MAX_CREDENTIAL_BYTES:
        raise vc_verify.CredentialTooBig(
            "That is larger than any credential the hub issues (256 KB)."
        )
    stripped = text.strip()
    if not stripped:
        raise DomainError("Paste a credential, or choose its file.")
    if stripped.startswith("{"):
        try:
            document = json.loads(stripped)
        except (ValueError, RecursionError):  # a nesting bomb is bad input, not a crash
            raise vc_verify.BadCredential("That file is not valid JSON.") from None
        if not isinstance(document, dict) or "credentialSubject" not in document:
            raise vc_verify.BadCredential("That JSON is not an Open Badges credential.")
        return credential_check_readable_copy(document)
    return credential_check_token(vc_verify.token_from_text(stripped))


def credential_check_upload(upload: UploadedFile) -> vc_verify.CredentialCheck:
    if upload is None or upload.size == 0:
        raise DomainError("Choose the credential file (.jwt or .json) to check.")
    if upload.size > vc_verify.MAX_CREDENTIAL_BYTES:
        raise vc_verify.CredentialTooBig(
            "That file is larger than any credential the hub issues (256 KB)."
        )
    try:
        text = upload.read().decode("utf-8")
    except UnicodeDecodeError:
        raise vc_verify.BadCredential(
            "That file is not an Open Badges credential (.jwt or .json text)."
        ) from None
    return credential_check_text(text)


def embedded_credential_check(content: bytes):
    """The Open Badge a certificate PDF carries, checked: a CredentialCheck; a DomainError
    when the one it carries is not genuine; None when it carries none (older certificates)."""
    from ..signing import embedded_files  # pyHanko loads only where a file is checked

    tokens = [
        data for name, data in sorted(embedded_files(content).items()) if name.endswith(".jwt")
    ]
    if not tokens:
        return None
    try:
        return credential_check_text(tokens[0].decode("utf-8"))
    except UnicodeDecodeError:
        raise vc_verify.BadCredential("The PDF's embedded credential is not readable.") from None
