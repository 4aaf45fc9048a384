"""Public verification: status only, nothing about the person beyond the name on the certificate."""

import hashlib

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from lms.core.errors import DomainError
from lms.core.uploads import sniff_type

from ..models import Credential
from ..selectors import PdfMatch, credential_by_pdf_hash
from ..uploads import MAX_EVIDENCE_BYTES


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
