"""Helpers shared by the certificates tests: files, PDF text, threads, and quick records."""

import io
import re
import threading
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from pypdf import PdfReader

from certificates.models import CERecord, Credential

# Smallest files whose first bytes say what they are.
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def squash(text: str) -> str:
    """Text without whitespace: PDF extraction breaks lines and spaces where it likes."""
    return re.sub(r"\s+", "", text)


def storage():
    """The private storage the certificates models write to."""
    return Credential._meta.get_field("pdf").storage


def stored_files(directory: str) -> list[str]:
    """File names in a private-storage directory; [] when it does not exist."""
    if not storage().exists(directory):
        return []
    return storage().listdir(directory)[1]


def pdf_files_of(credential: Credential) -> list[str]:
    return [
        name
        for name in stored_files(f"certificates/{credential.code[:2]}")
        if name.startswith(credential.code)
    ]


def ce_record(holder, *, hours, completed_on: date, status=CERecord.Status.APPROVED, category=None):
    return CERecord.objects.create(
        holder=holder,
        title=f"Workshop on {completed_on}",
        provider="Montana Peer Network",
        completed_on=completed_on,
        hours=Decimal(str(hours)),
        category=category,
        source=CERecord.Source.EXTERNAL,
        status=status,
    )


def run_at_once(target, *, threads: int, timeout: float = 120):
    """Call `target()` from `threads` threads released together; return (results, errors).

    Each thread uses, then closes, its own database connection.
    """
    barrier = threading.Barrier(threads)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=30)
            results.append(target())
        except Exception as error:  # noqa: BLE001 - handed back to the test to assert on
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=timeout)
    assert not any(worker.is_alive() for worker in workers), "a thread did not finish"
    return results, errors
