"""The continuing-education ledger: submissions, reviews, and progress per credential cycle."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from lms.core.errors import Conflict, DomainError
from lms.people.services import audit_record, notification_send, supervisors_notify

from ..models import CECategory, CERecord
from ..uploads import check_evidence_file

MAX_CE_HOURS = Decimal("200")


def parse_hours(raw) -> Decimal:
    """Hours as a positive number up to 200 in quarter hours; anything else is refused."""
    try:
        hours = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError) as error:
        raise DomainError("Hours must be a number, such as 1.5.") from error
    if not hours.is_finite() or hours <= 0 or hours > MAX_CE_HOURS:
        raise DomainError("Hours must be more than 0 and at most 200.")
    # Below a quarter hour first: multiplying a tiny value (1E-9999999) underflows to 0, which
    # would pass as whole quarters and then overflow the database column (a 500).
    if hours < Decimal("0.25") or (hours * 4) % 1:
        raise DomainError("Hours are counted in quarter hours (e.g. 1.25, 1.5).")
    return hours


@transaction.atomic
def ce_record_submit(
    *,
    holder,
    title: str,
    provider: str,
    completed_on: date,
    hours,
    category: CECategory | None,
    evidence: UploadedFile,
) -> CERecord:
    """A peer's external CE, waiting for review by their supervisor."""
    hours = parse_hours(hours)
    today = timezone.localdate()
    if completed_on > today:
        raise DomainError("The completion date can't be in the future.")
    if completed_on < today - timedelta(days=365 * 5):
        raise DomainError("CE older than five years can't count toward a current cycle.")
    if not (title or "").strip() or not (provider or "").strip():
        raise DomainError("Give the activity's title and its provider.")
    check_evidence_file(evidence)
    record = CERecord(
        holder=holder,
        title=title.strip()[:255],
        provider=provider.strip()[:200],
        completed_on=completed_on,
        hours=hours,
        category=category,
        source=CERecord.Source.EXTERNAL,
        status=CERecord.Status.PENDING,
    )
    record.evidence.save(f"{holder.pk}/{evidence.name[-80:]}", evidence, save=False)
    record.save()
    supervisors_notify(
        peer=holder, message=f"{holder.preferred_name} sent CE for your review: {record.title}."
    )
    return record


@transaction.atomic
def ce_record_review(*, record: CERecord, approve: bool, note: str, acting_user) -> CERecord:
    record = CERecord.objects.select_for_update().get(pk=record.pk)
    if record.status != CERecord.Status.PENDING:
        raise Conflict("This CE record has already been reviewed.")
    if not approve and not (note or "").strip():
        raise DomainError("Say why the CE is not accepted, so the peer knows what to do.")
    record.status = CERecord.Status.APPROVED if approve else CERecord.Status.REJECTED
    record.reviewed_by = acting_user
    record.reviewed_at = timezone.now()
    record.review_note = (note or "").strip()
    record.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    audit_record(
        actor=acting_user,
        action="ce.approve" if approve else "ce.reject",
        target=record,
        subject=record.holder,
        detail={"hours": str(record.hours)},
    )
    verdict = "approved" if approve else "not accepted"
    notification_send(
        recipient=record.holder,
        message=f"Your CE “{record.title}” was {verdict}.",
        url="/certificates/ce/",
    )
    return record
