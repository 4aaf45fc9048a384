"""Course completion: happens exactly once, then hands over to the certificates app."""

from django.db import transaction
from django.utils import timezone

from certificates.services.recertification import (
    CourseCompletion,
    credential_issue_for_course_completion,
)

from ..models import Enrolment
from ..selectors import enrolment_progress


@transaction.atomic
def enrolment_complete_if_finished(*, enrolment_id: int) -> Enrolment:
    """Complete the enrolment when everything is done; idempotent and safe under concurrency.

    The row lock makes concurrent callers queue; only the first sees an active enrolment.
    """
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("course", "learner")
        .get(pk=enrolment_id)
    )
    if enrolment.status != Enrolment.Status.ACTIVE:
        return enrolment
    progress = enrolment_progress(enrolment)
    if not progress.is_finished:
        return enrolment
    course = enrolment.course
    now = timezone.now()
    credential = credential_issue_for_course_completion(
        completion=CourseCompletion(
            holder_id=enrolment.learner_id,
            course_page_id=course.pk,
            course_title=course.title,
            course_description=course.summary,
            credential_type_id=course.credential_type_id,
            contact_hours=progress.contact_hours,
            ce_hours=course.ce_hours,
            ce_category_id=course.ce_category_id,
            presenter=course.presenter,
            approval_number=course.ce_approval_number,
            completed_on=timezone.localdate(now),
        )
    )
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.completed_at = now
    enrolment.credential = credential
    enrolment.save(update_fields=["status", "completed_at", "credential"])
    return enrolment
