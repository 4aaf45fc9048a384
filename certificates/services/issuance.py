"""Issuing, rendering, renewing and revoking credentials."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.errors import Conflict, DomainError
from lms.models import User
from lms.services import audit_record, notification_send

from ..models import CECategory, CERecord, Credential, CredentialType

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CourseCompletion:
    """What the courses app hands over when a learner completes a course (a snapshot)."""

    holder_id: int
    course_page_id: int
    course_title: str
    course_description: str
    credential_type_id: int | None
    contact_hours: Decimal
    ce_hours: Decimal
    ce_category_id: int | None
    presenter: str
    approval_number: str
    completed_on: date


def credential_pdf_queue(*, credential_id: int, force: bool = False) -> bool:
    """Queue the rendering of a credential's PDF; False, with a warning, if the broker is down.

    Runs after the credential is committed, often inside a web request: a broker outage must
    neither fail that request nor undo anything. `credentials_without_pdf_requeue` (every
    15 minutes) queues the PDFs that were never rendered; a forced re-render of an existing
    PDF is not swept and has to be asked for again.
    """
    from ..tasks import BROKER_UNAVAILABLE, credential_render_pdf_task

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


def _current_credential(holder_id: int, credential_type: CredentialType) -> Credential | None:
    return (
        Credential.objects.select_for_update()
        .filter(
            holder_id=holder_id,
            credential_type=credential_type,
            status__in=Credential.CURRENT_STATUSES,
        )
        .first()
    )


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
    presenter: str = "",
    approval_number: str = "",
    external_number: str = "",
    expires_on: date | None = None,
    supersedes: Credential | None = None,
    acting_user=None,
) -> Credential:
    """Issue one credential and queue its PDF. The database refuses a second current one."""
    if expires_on is None:
        expires_on = credential_type.expiry_for(
            issued_on=issued_on, previous_expiry=supersedes.expires_on if supersedes else None
        )
    if expires_on is not None and expires_on < issued_on:
        raise DomainError("The expiry date is before the issue date.")
    if supersedes is not None:
        supersedes.status = Credential.Status.SUPERSEDED
        supersedes.save(update_fields=["status"])
    try:
        with transaction.atomic():
            credential = Credential.objects.create(
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
                presenter=presenter,
                approval_number=approval_number,
                contact_hours=contact_hours,
                ce_hours=ce_hours,
                external_number=external_number,
                supersedes=supersedes,
            )
    except IntegrityError as error:
        raise Conflict(f"{holder} already holds a current {credential_type.name}.") from error
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
def credential_issue_for_course_completion(*, completion: CourseCompletion) -> Credential | None:
    """The one seam from course completion: CE credit, a certificate, and refresher renewals.

    Called once per enrolment (the courses app locks the enrolment row first).
    """
    holder = User.objects.get(pk=completion.holder_id)
    credential = None
    if completion.credential_type_id:
        credential_type = CredentialType.objects.get(pk=completion.credential_type_id)
        current = _current_credential(holder.pk, credential_type)
        if current is not None and not credential_type.expires:
            credential = current  # a lifelong certificate is never issued twice
        else:
            credential = credential_issue(
                holder=holder,
                credential_type=credential_type,
                source=Credential.Source.COURSE_COMPLETION,
                issued_on=completion.completed_on,
                course_title=completion.course_title,
                course_description=completion.course_description,
                contact_hours=completion.contact_hours,
                ce_hours=completion.ce_hours,
                presenter=completion.presenter,
                approval_number=completion.approval_number,
                supersedes=current,
            )
    if completion.ce_hours > 0:
        CERecord.objects.create(
            holder=holder,
            title=completion.course_title,
            provider=settings.HUB_NAME,
            completed_on=completion.completed_on,
            hours=completion.ce_hours,
            category=CECategory.objects.filter(pk=completion.ce_category_id).first(),
            source=CERecord.Source.HUB_COURSE,
            credential=credential if credential and credential.ce_hours else None,
            status=CERecord.Status.APPROVED,
            reviewed_at=timezone.now(),
            review_note="Hub course: approved automatically.",
        )
    for refreshed in CredentialType.objects.filter(
        refresher_course_id=completion.course_page_id
    ).exclude(pk=completion.credential_type_id):
        current = _current_credential(holder.pk, refreshed)
        if current is not None:
            credential_renew(credential=current, acting_user=None, reason="refresher course")
    return credential


@transaction.atomic
def credential_renew(*, credential: Credential, acting_user, reason: str) -> Credential:
    """Issue the successor of a current credential; its expiry counts from the old expiry."""
    credential = (
        Credential.objects.select_for_update()
        .select_related("credential_type", "holder")
        .get(pk=credential.pk)
    )
    if not credential.is_current:
        raise Conflict("Only an active or renewal-due credential can be renewed.")
    if not credential.credential_type.expires:
        raise DomainError("This credential does not expire, so it never needs renewing.")
    renewed = credential_issue(
        holder=credential.holder,
        credential_type=credential.credential_type,
        source=credential.source,
        issued_on=timezone.localdate(),
        title=credential.title,
        course_title=credential.course_title,
        course_description=credential.course_description,
        contact_hours=credential.contact_hours,
        ce_hours=credential.ce_hours,
        presenter=credential.presenter,
        approval_number=credential.approval_number,
        external_number=credential.external_number,
        supersedes=credential,
        acting_user=acting_user,
    )
    audit_record(
        actor=acting_user,
        action="credential.renew",
        target=renewed,
        subject=credential.holder,
        detail={"reason": reason, "previous": credential.pk},
    )
    return renewed


def credential_pdf_render(*, credential_id: int, force: bool = False) -> Credential | None:
    """Render and store a credential's PDF. Safe to run twice: a stored PDF is kept unless forced.

    Runs in a Celery worker; the row lock makes a second, concurrent run wait and then skip.
    """
    from ..rendering import render_certificate_pdf

    with transaction.atomic():
        credential = (
            Credential.objects.select_for_update()
            .select_related("credential_type")
            .filter(pk=credential_id)
            .first()
        )
        if credential is None or (credential.pdf and not force):
            return credential
        content = render_certificate_pdf(credential)
        digest = Credential.sha256_of(content)
        name = f"{credential.code[:2]}/{credential.code}-{digest[:12]}.pdf"
        storage = credential.pdf.storage
        if not storage.exists(f"certificates/{name}"):
            credential.pdf.save(name, ContentFile(content), save=False)
        else:
            credential.pdf.name = f"certificates/{name}"
        credential.pdf_sha256 = digest
        credential.pdf_rendered_at = timezone.now()
        credential.save(update_fields=["pdf", "pdf_sha256", "pdf_rendered_at"])
    return credential


@transaction.atomic
def credential_revoke(*, credential: Credential, acting_user, reason: str) -> Credential:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Give a reason for revoking; it is kept in the audit trail.")
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    if credential.status == Credential.Status.REVOKED:
        raise Conflict("This credential is already revoked.")
    previous_status = credential.status
    credential.status = Credential.Status.REVOKED
    credential.revoked_at = timezone.now()
    credential.revoked_by = acting_user
    credential.revoked_reason = reason
    credential.save(update_fields=["status", "revoked_at", "revoked_by", "revoked_reason"])
    audit_record(
        actor=acting_user,
        action="credential.revoke",
        target=credential,
        subject=credential.holder,
        detail={"reason": reason, "previous_status": previous_status},
    )
    return credential


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
    from ..tasks import credential_render_pdf_task

    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    missing = Credential.objects.filter(pdf="", created_at__lt=cutoff).exclude(
        credential_type__kind=CredentialType.Kind.EXTERNAL_LICENCE
    )
    ids = list(missing.values_list("pk", flat=True)[:1000])
    for credential_id in ids:
        credential_render_pdf_task.delay(credential_id)
    return len(ids)
