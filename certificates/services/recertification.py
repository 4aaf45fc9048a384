"""The one recertification service: every way a credential is renewed goes through here.

Routes: the holder's request (a hub credential whose CE is met), a refresher course, a course
taken again, a verified outside card, and an administrator. Each asks
`certificates.expiry.recertification_decide` for renewal, new certification or refusal and
the new expiry, so no route can lose validity or stack periods that another would not.

A credential issued by another body (the Board, the National Council, the Red Cross, DONA)
changes only through a verified claim (`ExternalCredentialClaim`, the verification row):
never at its holder's request, never by a hub course.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from lms.core.errors import Conflict, DomainError, NotAllowed
from lms.people.models import User
from lms.people.services import audit_record, notification_send

from ..ce_cycles import ce_progress
from ..expiry import (
    Recertification,
    renewable_until,
)
from ..models import CECategory, CERecord, Credential, CredentialType
from ..selectors import credential_chain_of, printed_expiry_check, recertification_decision
from .issuance import credential_issue


class RenewalRoute(models.TextChoices):
    HOLDER = "holder", "The holder's request, with the CE requirement met"
    COURSE = "course", "Completing the credential's course again"
    REFRESHER = "refresher", "Completing the refresher course"
    VERIFIED_CARD = "verified_card", "A renewed card verified by a supervisor or administrator"
    ADMINISTRATOR = "administrator", "Recorded by an administrator"


# Routes by which the hub itself certifies; another body's credential takes only a verified card.
HUB_ROUTES = {
    RenewalRoute.HOLDER,
    RenewalRoute.COURSE,
    RenewalRoute.REFRESHER,
    RenewalRoute.ADMINISTRATOR,
}


@dataclass(frozen=True)
class Snapshot:
    """What the new certificate prints, when the route has it (a course completion)."""

    title: str | None = None
    course_title: str = ""
    course_description: str = ""
    contact_hours: Decimal = Decimal("0")
    ce_hours: Decimal = Decimal("0")
    ce_details: dict = field(default_factory=dict)  # certificates.ce_details.CEDetails as JSON


@transaction.atomic
def credential_recertify(
    *,
    holder,
    credential_type: CredentialType,
    completed_on: date,
    route: str,
    acting_user=None,
    printed_expiry: date | None = None,
    external_number: str = "",
    snapshot: Snapshot | None = None,
    source: str | None = None,
) -> Credential:
    """Issue the renewal or new certification that completing on `completed_on` earns.

    Renewal when the holder holds the type (current, renewal due, or in grace) and the window
    is open: the new expiry follows the type's date basis and rule. Outside the window the type
    refuses (saying when it opens) or takes a retake, a new chain counted from the completion
    date. Nothing current, or past grace: a new certification. The new credential supersedes
    the current one, whose history stays.
    """
    if route not in RenewalRoute.values:
        raise ValueError(f"Unknown renewal route {route!r}")
    current, last_expiry = credential_chain_of(holder.pk, credential_type, lock=True)
    # Another body's credential changes only through a verified card: never at its holder's or
    # an administrator's word, and a hub course may grant it once but never renew it.
    if not credential_type.issued_by_hub and (
        route in (RenewalRoute.HOLDER, RenewalRoute.ADMINISTRATOR)
        or (route in HUB_ROUTES and current is not None)
    ):
        raise NotAllowed(
            f"{credential_type.name} is issued by {credential_type.issuer}: record the renewed "
            "card with its evidence, and your supervisor or an administrator verifies it."
        )
    if current is not None and current.is_suspended:
        # Renewing would issue a new, unsuspended credential: the suspension escaped by any
        # route (the holder, a course, a verified card, an administrator). Lift it first.
        raise Conflict(
            f"{credential_type.name} is suspended ({current.suspended_reason}): it can be "
            "renewed or re-certified once an administrator lifts the suspension."
        )
    decision = recertification_decision(credential_type, completed_on, current, last_expiry)
    if route == RenewalRoute.HOLDER:
        _check_holder_may_renew(current, decision)
    printed_expiry_check(credential_type, decision, completed_on, printed_expiry)

    supersedes = None
    if current is not None and decision.replaces_current:
        if completed_on > renewable_until(credential_type.rules, current.expires_on):
            # Past its grace but not yet flagged by the nightly job: it lapsed, it is not
            # superseded by a new chain.
            current.status = Credential.Status.EXPIRED
            current.save(update_fields=["status"])
        else:
            supersedes = current
    snapshot = snapshot or Snapshot(
        title=current.title if current else None,
        course_title=current.course_title if current else "",
        course_description=current.course_description if current else "",
        contact_hours=current.contact_hours if current else Decimal("0"),
        ce_hours=current.ce_hours if current else Decimal("0"),
        ce_details=current.ce_details if current else {},
    )
    credential = credential_issue(
        holder=holder,
        credential_type=credential_type,
        source=source or _source_for(route, current),
        issued_on=completed_on,
        expires_on=printed_expiry or decision.expires_on,
        supersedes=supersedes,
        issued_as=decision.issued_as,
        external_number=external_number or (current.external_number if current else ""),
        acting_user=acting_user,
        title=snapshot.title,
        course_title=snapshot.course_title,
        course_description=snapshot.course_description,
        contact_hours=snapshot.contact_hours,
        ce_hours=snapshot.ce_hours,
        ce_details=snapshot.ce_details,
    )
    if current is not None:
        audit_record(
            actor=acting_user,
            action="credential.renew" if decision.is_renewal else "credential.retake",
            target=credential,
            subject=holder,
            detail={
                "route": route,
                "previous": current.pk,
                "issued_as": decision.issued_as,
                "expires_on": credential.expires_on.isoformat() if credential.expires_on else None,
            },
        )
    return credential


def _check_holder_may_renew(current: Credential | None, decision: Recertification) -> None:
    """The holder renews a hub credential themselves only inside its window (or grace), and
    only by meeting its CE requirement: never a retake or a new certification by request."""
    if current is None:
        raise Conflict("There is no current credential of this type to renew.")
    if not current.credential_type.expires:
        raise DomainError("This credential does not expire, so it never needs renewing.")
    if not decision.is_renewal:
        rules = current.credential_type.rules
        if decision.window_opens_on is not None:
            raise Conflict(
                f"Too early to renew: the renewal window opens on "
                f"{decision.window_opens_on:%B %-d, %Y}."
            )
        lapsed_on = renewable_until(rules, current.expires_on)
        raise Conflict(
            f"This credential lapsed after {lapsed_on:%B %-d, %Y} and can no longer be "
            "renewed: completing its course again gives a new certification."
        )
    progress = ce_progress(current)
    if progress is None:
        raise Conflict("This credential renews by completing its refresher course, not by request.")
    if not progress.met:
        raise DomainError("The CE requirement for this cycle is not met yet.")


def _source_for(route: str, current: Credential | None) -> str:
    if route == RenewalRoute.VERIFIED_CARD:
        return Credential.Source.EXTERNAL
    if route in (RenewalRoute.COURSE, RenewalRoute.REFRESHER):
        return Credential.Source.COURSE_COMPLETION
    if route == RenewalRoute.ADMINISTRATOR:
        return Credential.Source.MANUAL
    return current.source if current else Credential.Source.MANUAL


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
    # The CE hours by category (category id or None, hours), adding up to ce_hours.
    ce_portions: tuple[tuple[int | None, Decimal], ...]
    ce_details: dict  # what the certificate prints for a board: certificates.ce_details
    completed_on: date
    # Partial credit for the time attended (the course not finished): the certificate and CE
    # hours only; it renews nothing through a refresher.
    partial: bool = False


@transaction.atomic
def credential_issue_for_course_completion(*, completion: CourseCompletion) -> Credential | None:
    """The one seam from course completion: CE credit, a certificate, and refresher renewals.

    Called once per enrolment (the courses app locks the enrolment row first). Completing a
    course must never fail for a renewal the rules refuse: the learner keeps what they hold
    and is told when the window opens.
    """
    holder = User.objects.get(pk=completion.holder_id)
    credential = None
    if completion.credential_type_id:
        credential_type = CredentialType.objects.get(pk=completion.credential_type_id)
        current, _ = credential_chain_of(holder.pk, credential_type, lock=True)
        if current is not None and not credential_type.expires:
            credential = current  # a lifelong certificate is never issued twice
        else:
            credential = _recertify_or_tell(
                holder=holder,
                credential_type=credential_type,
                completed_on=completion.completed_on,
                route=RenewalRoute.COURSE,
                current=current,
                snapshot=Snapshot(
                    course_title=completion.course_title,
                    course_description=completion.course_description,
                    contact_hours=completion.contact_hours,
                    ce_hours=completion.ce_hours,
                    ce_details=completion.ce_details,
                ),
            )
    # One CE record per category; linked to the certificate that prints them, unless that is
    # an earlier (lifelong) certificate whose records are already there.
    link_to = (
        credential
        if credential and credential.ce_hours and not credential.ce_records.exists()
        else None
    )
    categories = CECategory.objects.in_bulk(
        [category_id for category_id, _ in completion.ce_portions if category_id]
    )
    CERecord.objects.bulk_create(
        CERecord(
            holder=holder,
            title=completion.course_title,
            provider=settings.HUB_NAME,
            completed_on=completion.completed_on,
            hours=hours,
            category=categories.get(category_id),
            source=CERecord.Source.HUB_COURSE,
            credential=link_to,
            status=CERecord.Status.APPROVED,
            reviewed_at=timezone.now(),
            review_note=(
                "Hub course, partial credit for the time attended: approved automatically."
                if completion.partial
                else "Hub course: approved automatically."
            ),
        )
        for category_id, hours in completion.ce_portions
        if hours > 0
    )
    if completion.partial:
        return credential
    refreshed_types = CredentialType.objects.filter(
        refresher_course_id=completion.course_page_id, issued_by_hub=True
    ).exclude(pk=completion.credential_type_id)
    for refreshed in refreshed_types:
        current, _ = credential_chain_of(holder.pk, refreshed, lock=True)
        if current is not None and completion.completed_on <= renewable_until(
            refreshed.rules, current.expires_on
        ):
            _recertify_or_tell(
                holder=holder,
                credential_type=refreshed,
                completed_on=completion.completed_on,
                route=RenewalRoute.REFRESHER,
                current=current,
            )
    return credential


def _recertify_or_tell(*, holder, credential_type, completed_on, route, current, snapshot=None):
    """Recertify; when the rules refuse, keep the current credential and tell the holder why."""
    try:
        with transaction.atomic():
            return credential_recertify(
                holder=holder,
                credential_type=credential_type,
                completed_on=completed_on,
                route=route,
                snapshot=snapshot,
            )
    except DomainError as refusal:
        notification_send(
            recipient=holder,
            message=f"{credential_type.name} not renewed: {refusal.message}",
            url=f"/certificates/{current.pk}/" if current else "/certificates/",
        )
        return current
