"""External credentials (e.g. the state CBHPSS): a peer records one, a supervisor verifies it."""

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from lms.core.errors import Conflict, DomainError
from lms.people.services import audit_record, notification_send, supervisors_notify

from ..models import CredentialType, ExternalCredentialClaim
from ..selectors import recertification_preview
from ..uploads import check_evidence_file
from .recertification import RenewalRoute, credential_recertify

# Plausible dates only: a mistyped year (0202, 9999) would become a credential whose dates
# break the renewal and CE arithmetic on every page that shows it.
OLDEST_ISSUE_YEARS = 60
FURTHEST_EXPIRY_YEARS = 50


@transaction.atomic
def external_credential_claim_submit(
    *,
    holder,
    credential_type: CredentialType,
    number: str,
    issued_on: date,
    expires_on: date | None,
    evidence: UploadedFile,
) -> ExternalCredentialClaim:
    number = (number or "").strip()
    if credential_type.kind == CredentialType.Kind.HUB_COURSE:
        raise DomainError("Hub course certificates are issued by the hub, not recorded here.")
    if not number:
        raise DomainError("Give the licence or certificate number.")
    today = timezone.localdate()
    if issued_on > today:
        raise DomainError("The issue date can't be in the future.")
    if issued_on.year < today.year - OLDEST_ISSUE_YEARS:
        raise DomainError(
            f"The issue date is more than {OLDEST_ISSUE_YEARS} years ago; check the year."
        )
    if expires_on is not None and expires_on < issued_on:
        raise DomainError("The expiry date is before the issue date.")
    if expires_on is not None and expires_on.year > today.year + FURTHEST_EXPIRY_YEARS:
        raise DomainError(
            f"The expiry date is more than {FURTHEST_EXPIRY_YEARS} years away; check the year."
        )
    waiting = ExternalCredentialClaim.objects.filter(
        holder=holder,
        credential_type=credential_type,
        status=ExternalCredentialClaim.Status.PENDING,
    ).first()
    if waiting is not None:
        sent_on = timezone.localdate(waiting.created_at)
        raise Conflict(
            f"Your {credential_type.name} sent on {sent_on:%B %-d, %Y} is still waiting for "
            "verification; once it is reviewed you can send another."
        )
    # The same rules verification will apply: a card renewed before its window opens is
    # refused now (or taken as a retake), not after the supervisor has looked at it.
    recertification_preview(
        holder=holder,
        credential_type=credential_type,
        completed_on=issued_on,
        printed_expiry=expires_on,
    )
    check_evidence_file(evidence)
    claim = ExternalCredentialClaim(
        holder=holder,
        credential_type=credential_type,
        number=number[:100],
        issued_on=issued_on,
        expires_on=expires_on,
    )
    claim.evidence.save(f"{holder.pk}/{evidence.name[-80:]}", evidence, save=False)
    claim.save()
    supervisors_notify(
        peer=holder,
        message=f"{holder.preferred_name} sent a {credential_type.name} to verify.",
    )
    return claim


@transaction.atomic
def external_credential_claim_review(
    *, claim: ExternalCredentialClaim, approve: bool, note: str, acting_user
) -> ExternalCredentialClaim:
    """Verify (through the recertification service: a renewal or a new certification) or
    decline a claim. The claim is the verification row behind every outside credential."""
    claim = (
        ExternalCredentialClaim.objects.select_for_update()
        .select_related("credential_type", "holder")
        .get(pk=claim.pk)
    )
    if claim.status != ExternalCredentialClaim.Status.PENDING:
        raise Conflict("This credential has already been reviewed.")
    note = (note or "").strip()
    if not approve and not note:
        raise DomainError("Say why it can't be verified, so the peer knows what to send.")
    now = timezone.now()
    if approve:
        credential = credential_recertify(
            holder=claim.holder,
            credential_type=claim.credential_type,
            completed_on=claim.issued_on,
            route=RenewalRoute.VERIFIED_CARD,
            printed_expiry=claim.expires_on,
            external_number=claim.number,
            acting_user=acting_user,
        )
        credential.verified_by, credential.verified_at = acting_user, now
        credential.save(update_fields=["verified_by", "verified_at"])
        claim.credential = credential
    claim.status = (
        ExternalCredentialClaim.Status.VERIFIED
        if approve
        else ExternalCredentialClaim.Status.REJECTED
    )
    claim.reviewed_by, claim.reviewed_at, claim.review_note = acting_user, now, note
    claim.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "credential"])
    audit_record(
        actor=acting_user,
        action="credential.verify" if approve else "credential.decline",
        target=claim,
        subject=claim.holder,
        detail={"type": claim.credential_type.code, "note": note},
    )
    notification_send(
        recipient=claim.holder,
        message=f"Your {claim.credential_type.name} was "
        + ("verified." if approve else "not verified: see the note."),
        url="/certificates/",
    )
    return claim
