"""Read queries for credentials, the CE ledger and verification."""

from django.db.models import QuerySet

from .models import CERecord, Credential, normalise_code


def current_credential_type_ids(*, user) -> set[int]:
    """Types the user holds an active or renewal-due credential of."""
    if not user.is_authenticated:
        return set()
    return set(
        Credential.objects.filter(holder=user, status__in=Credential.CURRENT_STATUSES).values_list(
            "credential_type_id", flat=True
        )
    )


def credentials_of(*, user) -> QuerySet[Credential]:
    return Credential.objects.filter(holder=user).select_related("credential_type")


def credential_by_code(raw_code: str) -> Credential | None:
    code = normalise_code(raw_code)
    if code is None:
        return None
    return Credential.objects.filter(code=code).select_related("credential_type").first()


def credential_by_pdf_hash(sha256: str) -> Credential | None:
    return Credential.objects.filter(pdf_sha256=sha256).select_related("credential_type").first()


def ce_records_of(*, user) -> QuerySet[CERecord]:
    return CERecord.objects.filter(holder=user).select_related("category")
