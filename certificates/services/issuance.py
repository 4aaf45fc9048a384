"""Issuing, rendering, renewing and revoking credentials."""

import logging
import smtplib
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.core.errors import Conflict, DomainError
from lms.people.services import audit_record, notification_send

from ..models import Credential, CredentialType, StatusList
from ..tasks import BROKER_UNAVAILABLE, credential_render_pdf_task
from .status_lists import status_list_publish, status_lists_cover

logger = logging.getLogger(__name__)


def credential_pdf_queue(*, credential_id: int, force: bool = False) -> bool:
    """Queue the rendering of a credential's PDF; False, with a warning, if the broker is down.

    Runs after the credential is committed, often inside a web request: a broker outage must
    neither fail that request nor undo anything. `credentials_without_pdf_requeue` (every
    15 minutes) queues the PDFs that were never rendered; a forced re-render of an existing
    PDF is not swept and has to be asked for again.
    """
    try:
        credential_render_pdf_task.delay(credential_id, force=force)
    except BROKER_UNAVAILABLE as error:
        logger.warning(
            "The PDF of credential %s (force=%s) was not queued: the broker is unavailable (%s).",
            credential_id,
            force,
            error,
        )
        return False
    return True


def _queue_pdf(credential: Credential) -> None:
    # Not delay_on_commit: it would raise from the on-commit hook when the broker is down.
    credential_id = credential.pk
    transaction.on_commit(lambda: credential_pdf_queue(credential_id=credential_id))


class _IndexTaken(Exception):
    pass


def _create_credential(**fields) -> Credential:
    """Create in a savepoint; a random status list index taken meanwhile is `_IndexTaken`."""
    credential = Credential(**fields)
    try:
        with transaction.atomic():
            credential.save(force_insert=True)
    except IntegrityError:
        if Credential.objects.filter(status_list_index=credential.status_list_index).exists():
            raise _IndexTaken from None
        raise
    return credential


@transaction.atomic
def credential_issue(
    *,
    holder,
    credential_type: CredentialType,
    source: str,
    issued_on: date,
    title: str | None = None,
    course_title: str = "",
    course_description: str = "",
    contact_hours: Decimal = Decimal("0"),
    ce_hours: Decimal = Decimal("0"),
    ce_details: dict | None = None,
    external_number: str = "",
    expires_on: date | None = None,
    supersedes: Credential | None = None,
    issued_as: str = Credential.IssuedAs.NEW,
    acting_user=None,
) -> Credential:
    """Issue one credential and queue its PDF. The database refuses a second current one.

    Renewals and retakes come through `recertification.credential_recertify`, which decides
    `expires_on`, `supersedes` and `issued_as`; without an expiry this is a new certification.
    """
    if expires_on is None:
        expires_on = credential_type.expiry_for(issued_on=issued_on)
    if expires_on is not None and expires_on < issued_on:
        raise DomainError("The expiry date is before the issue date.")
    if supersedes is not None:
        supersedes.status = Credential.Status.SUPERSEDED
        supersedes.save(update_fields=["status"])
    credential = None
    for _attempt in range(5):
        try:
            credential = _create_credential(
                holder=holder,
                credential_type=credential_type,
                source=source,
                issued_on=issued_on,
                expires_on=expires_on,
                holder_name=holder.certificate_name or holder.preferred_name,
                title=title or credential_type.name,
                course_title=course_title,
                course_description=course_description,
                provider=(
                    settings.HUB_NAME
                    if credential_type.kind != CredentialType.Kind.EXTERNAL_LICENCE
                    else credential_type.issuer
                ),
                ce_details=ce_details or {},
                contact_hours=contact_hours,
                ce_hours=ce_hours,
                external_number=external_number,
                supersedes=supersedes,
                issued_as=issued_as,
            )
            break
        except _IndexTaken:
            continue  # another issue took the same random index a moment before: draw again
        except IntegrityError as error:
            raise Conflict(f"{holder} already holds a current {credential_type.name}.") from error
    if credential is None:
        raise Conflict("No free status list index was found; try again.")
    status_lists_cover(index=credential.status_list_index)
    if credential_type.kind != CredentialType.Kind.EXTERNAL_LICENCE:
        _queue_pdf(credential)
    audit_record(
        actor=acting_user,
        action="credential.issue",
        target=credential,
        subject=holder,
        detail={"source": source, "supersedes": supersedes.pk if supersedes else None},
    )
    notification_send(
        recipient=holder,
        message=f"Your {credential.title} certificate has been issued.",
        url=f"/certificates/{credential.pk}/",
    )
    return credential


@transaction.atomic
def credential_revoke(*, credential: Credential, acting_user, reason: str) -> Credential:
    """Revoke with a reason: the holder is told in the hub and by email, with whom to contact.

    From now on verification leads with "Revoked", and the holder's page offers no PDF. The
    credential's bit in the revocation status list is set in this transaction (the list is
    republished before it commits); a suspension under way ends with it.
    """
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Give a reason for revoking; the holder is told it.")
    credential = (
        Credential.objects.select_for_update().select_related("holder").get(pk=credential.pk)
    )
    if credential.status == Credential.Status.REVOKED:
        raise Conflict("This credential is already revoked.")
    previous_status = credential.status
    was_suspended = credential.is_suspended
    credential.status = Credential.Status.REVOKED
    credential.revoked_at = timezone.now()
    credential.revoked_by = acting_user
    credential.revoked_reason = reason
    credential.suspended_at, credential.suspended_by, credential.suspended_reason = None, None, ""
    credential.save(
        update_fields=[
            "status",
            "revoked_at",
            "revoked_by",
            "revoked_reason",
            "suspended_at",
            "suspended_by",
            "suspended_reason",
        ]
    )
    status_list_publish(purpose=StatusList.Purpose.REVOCATION)
    if was_suspended:
        status_list_publish(purpose=StatusList.Purpose.SUSPENSION)
    audit_record(
        actor=acting_user,
        action="credential.revoke",
        target=credential,
        subject=credential.holder,
        detail={
            "reason": reason,
            "previous_status": previous_status,
            "was_suspended": was_suspended,
        },
    )
    notification_send(
        recipient=credential.holder,
        message=f"Your {credential.title} was revoked: {reason}",
        url=f"/certificates/{credential.pk}/",
    )
    holder = credential.holder
    body = (
        f"Hello {holder.preferred_name},\n\n"
        f"Your {credential.title} (code {credential.display_code}) was revoked on "
        f"{timezone.localdate(credential.revoked_at):%B %-d, %Y}.\n\nReason: {reason}\n\n"
        "Anyone who checks the code now sees it as revoked. If you think this is a mistake, "
        f"or to ask what happens next, contact {settings.HUB_CONTACT_EMAIL}.\n\n"
        f"{settings.HUB_NAME}"
    )
    message = EmailMessage(
        subject=f"Your {credential.title} was revoked",
        body=body,
        to=[holder.email],
        reply_to=[settings.HUB_CONTACT_EMAIL],
    )
    transaction.on_commit(lambda: _send_quietly(message))
    return credential


def _send_quietly(message: EmailMessage) -> None:
    """After commit: a mail server down must not turn a done revocation into an error page
    (the in-app notice stands, and the failure is logged)."""
    try:
        message.send()
    except (OSError, smtplib.SMTPException):
        logger.exception("The revocation email to %s was not sent.", message.to)


@transaction.atomic
def credential_reissue_pdf(*, credential: Credential, acting_user) -> Credential:
    """After a legal-name correction: same code, the holder's current certificate name, new PDF."""
    credential = (
        Credential.objects.select_for_update().select_related("holder").get(pk=credential.pk)
    )
    if credential.status in (Credential.Status.REVOKED, Credential.Status.SUPERSEDED):
        raise Conflict("A revoked or superseded credential is not re-issued.")
    old_name, old_hash = credential.holder_name, credential.pdf_sha256
    credential.holder_name = credential.holder.certificate_name or credential.holder.preferred_name
    credential.save(update_fields=["holder_name"])
    audit_record(
        actor=acting_user,
        action="credential.reissue_pdf",
        target=credential,
        subject=credential.holder,
        detail={"old_holder_name": old_name, "old_pdf_sha256": old_hash},
    )
    transaction.on_commit(lambda: credential_pdf_queue(credential_id=credential.pk, force=True))
    return credential


def credentials_without_pdf_requeue(*, older_than_minutes: int = 10) -> int:
    """Re-queue PDFs that never got rendered (e.g. the broker was down at issue). Idempotent."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    missing = Credential.objects.filter(pdf="", created_at__lt=cutoff).exclude(
        credential_type__kind=CredentialType.Kind.EXTERNAL_LICENCE
    )
    ids = list(missing.values_list("pk", flat=True)[:1000])
    for credential_id in ids:
        credential_render_pdf_task.delay(credential_id)
    return len(ids)
