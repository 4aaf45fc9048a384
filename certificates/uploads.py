"""Checks on uploaded files: size and type by content (magic bytes), never by extension."""

from django.core.files.uploadedfile import UploadedFile

from lms.core.errors import DomainError
from lms.core.uploads import sniff_type

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


def check_evidence_file(upload: UploadedFile) -> str:
    """The upload's real type; refuses empty, oversized and anything not PDF, PNG or JPEG."""
    if upload is None or upload.size == 0:
        raise DomainError("Attach your evidence: a PDF, PNG or JPEG file.")
    if upload.size > MAX_EVIDENCE_BYTES:
        raise DomainError("The evidence file is larger than 10 MB. Please send a smaller file.")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff_type(head)
    if content_type is None:
        raise DomainError("The evidence must be a PDF, PNG or JPEG file.")
    if content_type == "application/pdf":
        upload.seek(max(0, upload.size - 2048))
        tail = upload.read()
        upload.seek(0)
        if b"%%EOF" not in tail:
            raise DomainError("That PDF looks damaged or incomplete. Please export it again.")
    return content_type
