"""Enrolling and withdrawing."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.core.errors import Conflict, DomainError, NotAllowed

from ..models import CoursePage, Enrolment
from ..selectors import prerequisites_missing


@transaction.atomic
def enrolment_create(*, learner, course: CoursePage, acting_user) -> Enrolment:
    """Self-enrolment when prerequisites are met, or enrolment by a trainer or supervisor.

    Enrolling someone else is permission-checked by the view; prerequisites bind everyone.
    """
    if not course.live:
        raise DomainError("This course is not open for enrolment.")
    missing = prerequisites_missing(user=learner, course=course)
    if missing:
        names = ", ".join(item.name for item in missing)
        raise NotAllowed(f"Before this course you need: {names}.")
    existing = Enrolment.objects.select_for_update().filter(learner=learner, course=course).first()
    if existing is not None:
        if existing.status == Enrolment.Status.WITHDRAWN:
            existing.status = Enrolment.Status.ACTIVE
            existing.withdrawn_at = None
            existing.save(update_fields=["status", "withdrawn_at"])
        return existing
    try:
        with transaction.atomic():
            return Enrolment.objects.create(
                learner=learner,
                course=course,
                enrolled_by=None if acting_user == learner else acting_user,
            )
    except IntegrityError:  # a double click raced us: the other request enrolled
        return Enrolment.objects.get(learner=learner, course=course)


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, acting_user) -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == Enrolment.Status.COMPLETED:
        raise Conflict("A completed course can't be withdrawn from.")
    if enrolment.status == Enrolment.Status.PARTIAL:
        # Withdrawn, it could be re-opened and finished: the attended hours counted twice.
        raise Conflict("This course was closed with partial credit; it can't be withdrawn from.")
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        return enrolment
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.withdrawn_at = timezone.now()
    enrolment.save(update_fields=["status", "withdrawn_at"])
    enrolment.session_signups.filter(session__starts_at__gt=timezone.now()).delete()
    return enrolment
