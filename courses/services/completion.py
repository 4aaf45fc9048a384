"""Course completion: happens exactly once, then hands over to the certificates app.

A finished course earns its certificate and CE hours; where the course's credential type
allows partial credit, a trainer may instead close an unfinished enrolment with a certificate
for the hours actually attended.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from certificates.ce_details import (
    Approval,
    CategoryHours,
    CEDetails,
    Presenter,
)
from certificates.services.recertification import (
    CourseCompletion,
    credential_issue_for_course_completion,
)
from lms.core.errors import DomainError, NotAllowed
from lms.people.services import audit_record

from ..models import Attendance, CoursePage, Delivery, Enrolment
from ..permissions import can_give_partial_credit
from ..selectors import (
    CourseProgress,
    ce_portions,
    enrolment_progress,
    partial_ce_hours,
    partial_credit_refusal,
)


def _locked_enrolment(enrolment_id: int) -> Enrolment:
    # The row lock makes concurrent callers queue; only the first sees an active enrolment.
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("course__credential_type", "course__ce_category", "learner")
        .get(pk=enrolment_id)
    )


def _days_attended(enrolment: Enrolment) -> list[date]:
    starts = Attendance.objects.filter(enrolment=enrolment, hours__gt=0).values_list(
        "session__starts_at", flat=True
    )
    return sorted({timezone.localdate(start) for start in starts})


def _ce_details(
    course: CoursePage,
    *,
    portions,
    days: list[date],
    completed_on: date,
    attended_hours: Decimal | None = None,
) -> CEDetails:
    presenters = tuple(Presenter(p.name, p.credentials) for p in course.presenters.all())
    if not course.ce_hours:
        # Every course certificate names its presenters; the rest is for CE boards.
        return CEDetails(presenters=presenters)
    return CEDetails(
        objectives=tuple(course.objectives()),
        presenters=presenters,
        approvals=tuple(
            Approval(a.body, a.provider_number, a.approval_number)
            for a in course.ce_approvals.all()
        ),
        hours_by_category=tuple(
            CategoryHours(category.name if category else "", hours) for category, hours in portions
        ),
        delivery=Delivery.ce_wording(course.delivery),
        dates=tuple(days or [completed_on]),
        attended_hours=attended_hours,
        course_ce_hours=course.ce_hours if attended_hours is not None else None,
        signatory_name=settings.HUB_CE_SIGNATORY_NAME,
        signatory_title=settings.HUB_CE_SIGNATORY_TITLE,
        hub_provider_number=settings.HUB_CE_PROVIDER_NUMBER,
    )


def _completion(
    enrolment: Enrolment, progress: CourseProgress, *, completed_on: date, partial: bool
) -> CourseCompletion:
    course = enrolment.course
    ce_hours = partial_ce_hours(course, progress) if partial else course.ce_hours
    portions = [(c, h) for c, h in ce_portions(course, ce_hours) if h > 0]
    details = _ce_details(
        course,
        portions=portions,
        days=_days_attended(enrolment),
        completed_on=completed_on,
        attended_hours=progress.contact_hours if partial else None,
    )
    return CourseCompletion(
        holder_id=enrolment.learner_id,
        course_page_id=course.pk,
        course_title=course.title,
        course_description=course.summary,
        credential_type_id=course.credential_type_id,
        contact_hours=progress.contact_hours,
        ce_hours=sum((hours for _, hours in portions), Decimal("0")),
        ce_portions=tuple((c.pk if c else None, h) for c, h in portions),
        ce_details=details.as_json(),
        completed_on=completed_on,
        partial=partial,
    )


@transaction.atomic
def enrolment_complete_if_finished(*, enrolment_id: int) -> Enrolment:
    """Complete the enrolment when everything is done; idempotent and safe under concurrency."""
    enrolment = _locked_enrolment(enrolment_id)
    if enrolment.status != Enrolment.Status.ACTIVE:
        return enrolment
    progress = enrolment_progress(enrolment)
    if not progress.is_finished:
        return enrolment
    now = timezone.now()
    credential = credential_issue_for_course_completion(
        completion=_completion(
            enrolment, progress, completed_on=timezone.localdate(now), partial=False
        )
    )
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.completed_at = now
    enrolment.credential = credential
    enrolment.save(update_fields=["status", "completed_at", "credential"])
    return enrolment


@transaction.atomic
def enrolment_give_partial_credit(*, enrolment_id: int, acting_user) -> Enrolment:
    """Close an unfinished enrolment with a certificate for the CE hours attended.

    Only where the course's credential type allows partial credit, by someone who may record
    the course's attendance; the enrolment ends ("partial credit"), so the same hours are
    never given twice.
    """
    enrolment = _locked_enrolment(enrolment_id)
    if not can_give_partial_credit(acting_user, enrolment.course):
        raise NotAllowed("Only the course's trainers or a lead trainer give partial credit.")
    progress = enrolment_progress(enrolment)
    refusal = partial_credit_refusal(enrolment, progress)
    if refusal:
        raise DomainError(refusal)
    now = timezone.now()
    completion = _completion(
        enrolment, progress, completed_on=timezone.localdate(now), partial=True
    )
    credential = credential_issue_for_course_completion(completion=completion)
    enrolment.status = Enrolment.Status.PARTIAL
    enrolment.completed_at = now
    enrolment.credential = credential
    enrolment.save(update_fields=["status", "completed_at", "credential"])
    audit_record(
        actor=acting_user,
        action="enrolment.partial_credit",
        target=enrolment,
        subject=enrolment.learner,
        detail={
            "contact_hours": str(progress.contact_hours),
            "ce_hours": str(completion.ce_hours),
            "course_ce_hours": str(enrolment.course.ce_hours),
        },
    )
    return enrolment
