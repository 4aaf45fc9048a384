"""Lesson progress."""

from django.db import transaction
from django.utils import timezone

from lms.core.errors import NotAllowed

from ..caching import learner_progress_changed
from ..models import Enrolment, LessonPage, LessonProgress
from .completion import enrolment_complete_if_finished

# Time on a page beyond this is someone who left the tab open, not study.
MAX_CREDITED_SECONDS_PER_VISIT = 4 * 3600


def lesson_progress_start(*, enrolment: Enrolment, lesson: LessonPage) -> None:
    """Note when the learner first opened the lesson; later visits keep that first time.

    One INSERT ... ON CONFLICT DO NOTHING, where get_or_create took up to four queries on
    every lesson page view.
    """
    LessonProgress.objects.bulk_create(
        [LessonProgress(enrolment=enrolment, lesson=lesson, started_at=timezone.now())],
        ignore_conflicts=True,
    )
    learner_progress_changed(learner_id=enrolment.learner_id)  # bulk_create sends no signal


@transaction.atomic
def lesson_complete(*, enrolment: Enrolment, lesson: LessonPage, acting_user) -> LessonProgress:
    if enrolment.learner_id != acting_user.pk:
        raise NotAllowed("Only the learner can mark their own lesson complete.")
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise NotAllowed("This enrolment is not active.")
    now = timezone.now()
    progress, _ = LessonProgress.objects.select_for_update().get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"started_at": now}
    )
    if progress.completed_at is None:
        elapsed = int((now - progress.started_at).total_seconds())
        progress.time_spent_seconds = min(
            progress.time_spent_seconds + max(elapsed, 0), MAX_CREDITED_SECONDS_PER_VISIT
        )
        progress.completed_at = now
        progress.save(update_fields=["completed_at", "time_spent_seconds"])
        enrolment_complete_if_finished(enrolment_id=enrolment.pk)
    return progress
