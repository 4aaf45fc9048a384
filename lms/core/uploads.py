"""An upload handler that stops reading a file once it is larger than any upload we accept."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class CappedUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: counts each file's bytes as they arrive and gives up
    past settings.UPLOAD_FILE_MAX_BYTES (a 400 page), so no file larger than that is ever
    spooled in full. The request body limit (lms.security) refuses most before any read."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_FILE_MAX_BYTES:
            raise RequestDataTooBig("Uploaded file larger than UPLOAD_FILE_MAX_BYTES.")
        return raw_data  # the next handler stores it

    def file_complete(self, file_size):
        return None


# What a file is, by its first bytes (magic numbers), never by its name.
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


def sniff_type(head: bytes) -> str | None:
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None
