"""After a restore: does every credential still verify, and is every stored PDF the one issued?

Read-only. The credentials are walked on one server-side cursor, and their printed codes
and PDF hashes are looked up one chunk at a time, so a hub of 25,000 credentials takes a
couple of dozen queries, not one per credential.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.core.exceptions import SuspiciousFileOperation
from django.db.models import Q

from ..models import Credential, normalise_code
from .verification import verification_payload

CHUNK_SIZE = 1000

# What the check reads: the public verification fields, the code and the PDF.
_FIELDS = (
    "pk",
    "code",
    "status",
    "holder_name",
    "title",
    "issued_on",
    "expires_on",
    "revoked_at",
    "suspended_at",
    "pdf",
    "pdf_sha256",
    # The status of the day needs the type's window and grace.
    "credential_type__renewal_window_days",
    "credential_type__grace_days",
)


@dataclass(frozen=True)
class CredentialProblem:
    credential_id: int
    code: str  # as printed on the certificate
    problems: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.code} (credential {self.credential_id}): {'; '.join(self.problems)}"


@dataclass
class IntegrityReport:
    checked: int = 0
    verified_by_code: int = 0
    pdf_matching: int = 0
    without_pdf: list[str] = field(default_factory=list)  # printed codes; not a failure
    problems: list[CredentialProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def credentials_integrity_check(*, chunk_size: int = CHUNK_SIZE) -> IntegrityReport:
    """Check every credential: its printed code finds it on the public verification page,
    and its stored PDF exists, hashes to the recorded SHA-256 and an upload of it finds it.

    Credentials without a PDF yet (awaiting rendering, or external licences) are counted
    apart. Queries: 1 + one per `chunk_size` credentials.
    """
    report = IntegrityReport()
    credentials = (
        Credential.objects.select_related("credential_type")
        .only(*_FIELDS)
        .order_by("pk")
        .iterator(chunk_size=chunk_size)
    )
    for chunk in _chunks(credentials, chunk_size):
        by_code, by_hash = _lookups(chunk)
        for credential in chunk:
            report.checked += 1
            problems = []
            code_problem = _code_problem(credential, by_code)
            if code_problem:
                problems.append(code_problem)
            else:
                report.verified_by_code += 1
            if not credential.pdf.name and not credential.pdf_sha256:
                report.without_pdf.append(credential.display_code)
            else:
                pdf_problem = _pdf_problem(credential, by_hash)
                if pdf_problem:
                    problems.append(pdf_problem)
                else:
                    report.pdf_matching += 1
            if problems:
                report.problems.append(
                    CredentialProblem(credential.pk, credential.display_code, tuple(problems))
                )
    return report


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _lookups(chunk: list[Credential]) -> tuple[dict[str, int], dict[str, set[int]]]:
    """What public verification would find for this chunk's printed codes and PDF hashes.

    One query: `credential_by_code` and `credential_by_pdf_hash`, for a whole chunk at once.
    """
    codes = {normalise_code(credential.display_code) for credential in chunk} - {None}
    hashes = {credential.pdf_sha256 for credential in chunk} - {""}
    by_code: dict[str, int] = {}
    by_hash: dict[str, set[int]] = defaultdict(set)
    for pk, code, sha256 in Credential.objects.filter(
        Q(code__in=codes) | Q(pdf_sha256__in=hashes)
    ).values_list("pk", "code", "pdf_sha256"):
        by_code[code] = pk
        if sha256 in hashes:
            by_hash[sha256].add(pk)
    return by_code, by_hash


def _code_problem(credential: Credential, by_code: dict[str, int]) -> str | None:
    code = normalise_code(credential.display_code)
    if code is None or by_code.get(code) != credential.pk:
        return "its printed code does not find it"
    payload = verification_payload(credential)
    if not payload["holder_name"] or not payload["credential"]:
        return "its verification page would show no name or no credential"
    return None


def _pdf_problem(credential: Credential, by_hash: dict[str, set[int]]) -> str | None:
    name = credential.pdf.name
    if not name:
        return "a PDF hash is recorded but no PDF file"
    if not credential.pdf_sha256:
        return f"PDF file {name} has no recorded SHA-256"
    try:
        with credential.pdf.storage.open(name, "rb") as stored:
            digest = Credential.sha256_of(stored.read())
    except FileNotFoundError:
        return f"PDF file missing: {name}"
    except (OSError, SuspiciousFileOperation) as error:
        return f"PDF file unreadable: {name} ({error})"
    if digest != credential.pdf_sha256:
        return f"PDF file {name} does not match its recorded SHA-256"
    others = by_hash[credential.pdf_sha256] - {credential.pk}
    if others:
        return f"another credential has the same PDF hash ({', '.join(map(str, sorted(others)))})"
    return None
