"""Suspending a credential while it is under review, and lifting the suspension.

A suspension is reversible: it holds the credential's status word at "Suspended" on every
page and in verification, and sets its bit in the suspension status list, until an
administrator lifts it; then the dates decide again. Both steps are audited and the holder
is told each time (in the hub and by email), with the reason.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from lms.core.errors import Conflict, DomainError
from lms.people.services import audit_record, notification_send

from ..models import Credential, StatusList
from .issuance import _send_quietly
from .status_lists import status_list_publish


def _tell_holder(credential: Credential, *, subject: str, message: str, body: str) -> None:
    holder = credential.holder
    notification_send(recipient=holder, message=message, url=f"/certificates/{credential.pk}/")
    email = EmailMessage(
        subject=subject,
        body=(
            f"Hello {holder.preferred_name},\n\n{body}\n\nIf you have questions, contact "
            f"{settings.HUB_CONTACT_EMAIL}.\n\n{settings.HUB_NAME}"
        ),
        to=[holder.email],
        reply_to=[settings.HUB_CONTACT_EMAIL],
    )
    transaction.on_commit(lambda: _send_quietly(email))


def _locked(credential: Credential) -> Credential:
    return Credential.objects.select_for_update().select_related("holder").get(pk=credential.pk)


@transaction.atomic
def credential_suspend(*, credential: Credential, acting_user, reason: str) -> Credential:
    """Suspend a credential under review; its suspension bit is set in this transaction."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Give a reason for the suspension; the holder is told it.")
    credential = _locked(credential)
    if credential.status in (Credential.Status.REVOKED, Credential.Status.SUPERSEDED):
        raise Conflict(f"A {credential.get_status_display().lower()} credential is not suspended.")
    if credential.is_suspended:
        raise Conflict("This credential is already suspended.")
    credential.suspended_at = timezone.now()
    credential.suspended_by = acting_user
    credential.suspended_reason = reason
    credential.save(update_fields=["suspended_at", "suspended_by", "suspended_reason"])
    status_list_publish(purpose=StatusList.Purpose.SUSPENSION)
    audit_record(
        actor=acting_user,
        action="credential.suspend",
        target=credential,
        subject=credential.holder,
        detail={"reason": reason},
    )
    _tell_holder(
        credential,
        subject=f"Your {credential.title} is suspended while it is reviewed",
        message=f"Your {credential.title} is suspended while it is reviewed: {reason}",
        body=(
            f"Your {credential.title} (code {credential.display_code}) is suspended from "
            f"{timezone.localdate(credential.suspended_at):%B %-d, %Y} while it is reviewed."
            f"\n\nReason: {reason}\n\nUntil the review ends, anyone who checks it sees it as "
            "suspended. A suspension is not a revocation: when it is lifted, the credential "
            "is valid again."
        ),
    )
    return credential


@transaction.atomic
def credential_suspension_lift(
    *, credential: Credential, acting_user, note: str = ""
) -> Credential:
    """End a suspension: the bit is cleared in this transaction, and the dates decide again."""
    credential = _locked(credential)
    if not credential.is_suspended:
        raise Conflict("This credential is not suspended.")
    reason, suspended_at = credential.suspended_reason, credential.suspended_at
    credential.suspended_at, credential.suspended_by, credential.suspended_reason = None, None, ""
    credential.save(update_fields=["suspended_at", "suspended_by", "suspended_reason"])
    status_list_publish(purpose=StatusList.Purpose.SUSPENSION)
    note = (note or "").strip()
    audit_record(
        actor=acting_user,
        action="credential.suspension_lift",
        target=credential,
        subject=credential.holder,
        detail={
            "reason": reason,
            "suspended_at": suspended_at.isoformat(),
            "note": note,
        },
    )
    _tell_holder(
        credential,
        subject=f"The suspension of your {credential.title} is lifted",
        message=f"The suspension of your {credential.title} is lifted."
        + (f" {note}" if note else ""),
        body=(
            f"The review of your {credential.title} (code {credential.display_code}) is over "
            "and its suspension is lifted. Anyone who checks it sees its status as before."
            + (f"\n\nNote: {note}" if note else "")
        ),
    )
    return credential
