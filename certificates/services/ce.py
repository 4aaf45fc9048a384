"""The continuing-education ledger: submissions, reviews, and progress per credential cycle."""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from lms.errors import Conflict, DomainError
from lms.services import audit_record, notification_send

from ..expiry import ValidityRule, add_months
from ..models import CECategory, CERecord, Credential
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


@dataclass
class CategoryProgress:
    category: CECategory
    required: Decimal
    earned: Decimal
    window_start: date

    @property
    def met(self) -> bool:
        return self.earned >= self.required


@dataclass
class CEProgress:
    credential: Credential
    cycle_start: date
    cycle_end: date
    required: Decimal
    earned: Decimal
    carried_forward: Decimal
    categories: list[CategoryProgress]

    @property
    def total(self) -> Decimal:
        return self.earned + self.carried_forward

    @property
    def met(self) -> bool:
        return self.total >= self.required and all(c.met for c in self.categories)

    @property
    def percent(self) -> int:
        if not self.required:
            return 100
        return min(100, round(100 * self.total / self.required))


def _period_months(credential_type) -> int:
    if credential_type.validity_rule == ValidityRule.FIXED_DATE:
        return 12
    return credential_type.validity_months or 12


def approved_ce_records(*, holder_ids) -> dict[int, list[CERecord]]:
    """Every approved CE record of these people, by holder (one query)."""
    records: dict[int, list[CERecord]] = {holder_id: [] for holder_id in holder_ids}
    for record in CERecord.objects.filter(
        holder_id__in=holder_ids, status=CERecord.Status.APPROVED
    ).only("holder_id", "completed_on", "hours", "category_id"):
        records[record.holder_id].append(record)
    return records


def _approved_hours(records: list[CERecord], start: date, end: date, category_id=None) -> Decimal:
    return sum(
        (
            record.hours
            for record in records
            if start <= record.completed_on <= end
            and (category_id is None or record.category_id == category_id)
        ),
        Decimal("0"),
    )


def _required_hours(credential: Credential, start: date, end: date) -> Decimal:
    credential_type = credential.credential_type
    if credential.supersedes_id is None and credential_type.ce_first_cycle == "exempt":
        return Decimal("0")
    required = credential_type.ce_hours_required
    if credential_type.ce_first_cycle == "prorated":
        full_days = (add_months(start, _period_months(credential_type)) - start).days
        cycle_days = (end - start).days + 1
        if cycle_days < full_days:
            required = Decimal(math.ceil(required * cycle_days / full_days))
    return required


def ce_progress(
    credential: Credential, *, approved_records: list[CERecord] | None = None
) -> CEProgress | None:
    """Hours earned against hours required in this credential's cycle, or None if no CE applies.

    Pass `approved_records` (see `approved_ce_records`) and prefetch
    `credential_type__ce_minimums__category` and `supersedes__supersedes` to compute many
    credentials without a query each.
    """
    credential_type = credential.credential_type
    minimums = list(credential_type.ce_minimums.all())
    if not credential.expires_on or (not credential_type.ce_hours_required and not minimums):
        return None
    if approved_records is None:
        approved_records = approved_ce_records(holder_ids=[credential.holder_id])[
            credential.holder_id
        ]
    previous = credential.supersedes
    start = previous.expires_on + timedelta(days=1) if previous else credential.issued_on
    end = credential.expires_on
    carried = Decimal("0")
    if previous is not None and credential_type.ce_carry_forward_max_hours:
        previous_start = (
            previous.supersedes.expires_on + timedelta(days=1)
            if previous.supersedes_id
            else previous.issued_on
        )
        surplus = _approved_hours(approved_records, previous_start, previous.expires_on) - (
            _required_hours(previous, previous_start, previous.expires_on)
        )
        carried = max(Decimal("0"), min(surplus, credential_type.ce_carry_forward_max_hours))
    period = _period_months(credential_type)
    # "No CE before the first renewal" covers the category minimums too.
    first_cycle_exempt = previous is None and credential_type.ce_first_cycle == "exempt"
    categories = [
        CategoryProgress(
            category=minimum.category,
            required=Decimal("0") if first_cycle_exempt else minimum.hours,
            earned=_approved_hours(
                approved_records,
                add_months(start, -period * (minimum.every_cycles - 1)),
                end,
                minimum.category_id,
            ),
            window_start=add_months(start, -period * (minimum.every_cycles - 1)),
        )
        for minimum in minimums
    ]
    return CEProgress(
        credential=credential,
        cycle_start=start,
        cycle_end=end,
        required=_required_hours(credential, start, end),
        earned=_approved_hours(approved_records, start, end),
        carried_forward=carried,
        categories=categories,
    )
