"""Backup and restore as the README says: pg_dump, tar, createdb, pg_restore, untar, verify.

Real PostgreSQL tools on the committed test database; `verify_certificates` runs as its own
process against the restored database and the restored private media.
"""

import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from certificates.models import Credential, CredentialType
from certificates.pdfs import credential_pdf_render
from tests.celery_support import ROOT, database_url
from tests.factories import CredentialFactory, CredentialTypeFactory

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "createdb", "dropdb", "tar")),
    reason="needs the PostgreSQL client tools and tar",
)


def pg_env() -> dict[str, str]:
    """libpq's environment for the test database's server."""
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "PGHOST": db.get("HOST") or "127.0.0.1",
        "PGPORT": str(db.get("PORT") or 5432),
        "PGUSER": db.get("USER") or "postgres",
    }
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def run(*command, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)
    assert result.returncode == 0, f"{command[0]} failed: {result.stderr}"
    return result


@dataclass
class Restored:
    database_url: str
    private_media: Path
    credentials: list[Credential]  # as backed up, PDFs first
    without_pdf: Credential

    def verify_certificates(self) -> subprocess.CompletedProcess:
        """`manage.py verify_certificates` on the restored database and media."""
        return subprocess.run(
            [sys.executable, "manage.py", "verify_certificates"],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "lms.settings.test",
                "DATABASE_URL": self.database_url,
                "DJANGO_PRIVATE_MEDIA_ROOT": str(self.private_media),
            },
            capture_output=True,
            text=True,
            timeout=300,
        )


@pytest.fixture
def restored(tmp_path):
    """Credentials with rendered PDFs, backed up and restored into a fresh database."""
    assert settings.DATABASES["default"]["NAME"].startswith("test_")
    hub_type = CredentialTypeFactory(name="Peer Support Ethics & Boundaries")
    active = CredentialFactory(credential_type=hub_type)
    revoked = CredentialFactory(
        credential_type=hub_type, status="revoked", revoked_at=timezone.now()
    )
    expired = CredentialFactory(
        credential_type=CredentialTypeFactory(validity_rule="months", validity_months=12),
        status="expired",
        issued_on=date(2020, 3, 1),
        expires_on=date(2021, 3, 1),
    )
    with_pdfs = [active, revoked, expired]
    for credential in with_pdfs:
        credential_pdf_render(credential_id=credential.pk)
        credential.refresh_from_db()
        assert credential.pdf_sha256
    without_pdf = CredentialFactory(
        credential_type=CredentialTypeFactory(kind=CredentialType.Kind.EXTERNAL_LICENCE)
    )

    # Backup: the database first, then the files (a PDF is stored before its row commits).
    dump = tmp_path / "lms.dump"
    private_tar = tmp_path / "lms-private-media.tar.gz"
    run("pg_dump", "-Fc", f"--file={dump}", database_url(), env=pg_env())
    run("tar", "-czf", str(private_tar), "-C", str(settings.PRIVATE_MEDIA_ROOT), ".")

    # After the backup, the live hub moves on; the restore must not see any of this.
    CredentialFactory(credential_type=hub_type)
    for credential in with_pdfs:
        credential.pdf.storage.delete(credential.pdf.name)

    name = f"lms_restore_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    private_media = tmp_path / "restored-private-media"
    private_media.mkdir()
    try:
        run("createdb", name, env=pg_env())
        run(
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={name}",
            str(dump),
            env=pg_env(),
        )
        run("tar", "-xzf", str(private_tar), "-C", str(private_media))
        yield Restored(
            database_url=database_url().rsplit("/", 1)[0] + f"/{name}",
            private_media=private_media,
            credentials=with_pdfs,
            without_pdf=without_pdf,
        )
    finally:
        run("dropdb", "--if-exists", "--force", name, env=pg_env())


# Committed data (pg_dump reads it from another session). serialized_rollback puts back the
# data migrations' rows after the flush, for the transactional tests that follow.
TRANSACTIONAL = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@TRANSACTIONAL
def test_a_restored_hub_verifies_every_credential_and_every_pdf(restored):
    result = restored.verify_certificates()

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "credentials checked: 4",  # not the one issued after the backup
        "verified by code: 4",
        "PDF present, SHA-256 matching: 3",
        "no PDF yet (not a failure): 1",
        "All credentials verified.",
    ]
    assert result.stderr == ""


@TRANSACTIONAL
def test_an_altered_or_missing_pdf_in_the_restored_media_fails_naming_the_credential(restored):
    altered, deleted, intact = restored.credentials
    altered_path = restored.private_media / altered.pdf.name
    altered_path.write_bytes(altered_path.read_bytes().replace(b"%%EOF", b"%%EOF\n% edited"))
    (restored.private_media / deleted.pdf.name).unlink()

    result = restored.verify_certificates()

    assert result.returncode != 0
    assert "PDF present, SHA-256 matching: 1" in result.stdout
    problems = [line for line in result.stderr.splitlines() if line.startswith("PROBLEM")]
    assert problems == [
        f"PROBLEM {altered.display_code} (credential {altered.pk}): "
        f"PDF file {altered.pdf.name} does not match its recorded SHA-256",
        f"PROBLEM {deleted.display_code} (credential {deleted.pk}): "
        f"PDF file missing: {deleted.pdf.name}",
    ]
    assert intact.display_code not in result.stderr
    assert "2 credential(s) failed the check." in result.stderr
