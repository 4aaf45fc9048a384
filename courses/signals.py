"""Connects model and Wagtail events to the cache versions in `courses.caching`.

Signals rather than calls in each service, because these rows are also written by Wagtail
(publishing, moving, unpublishing), the Django and Wagtail admins and every service that
touches progress; a missed call would serve stale progress. Writes that bypass signals
(`bulk_create`, `QuerySet.update`) call `courses.caching` themselves.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from .caching import content_changed, learner_progress_changed
from .models import Attendance, Enrolment, LessonProgress, QuizAttempt, Session, SessionSignup

# Rows belonging to one enrolment, hence to one learner.
ENROLMENT_ROWS = (LessonProgress, QuizAttempt, Attendance, SessionSignup)


def _content_models() -> list:
    """What a cached outline, lesson body, route or dashboard shows, besides progress.

    Named one by one: a receiver for every sender would cost every bulk delete in the
    project Django's fast path (it must fetch rows to send their signals).
    """
    return [
        *get_page_models(),
        Site,
        PageViewRestriction,
        Session,
        get_image_model(),
        get_document_model(),
    ]


def _content_changed(sender, **kwargs):
    content_changed()


def _enrolment_saved_or_deleted(sender, instance, **kwargs):
    learner_progress_changed(learner_id=instance.learner_id)


def _enrolment_row_saved_or_deleted(sender, instance, **kwargs):
    if type(instance).enrolment.is_cached(instance):
        learner_id = instance.enrolment.learner_id
    else:
        # In a cascade the enrolment may be gone already; its own deletion bumps the version.
        learner_id = (
            Enrolment.objects.filter(pk=instance.enrolment_id)
            .values_list("learner_id", flat=True)
            .first()
        )
    if learner_id is not None:
        learner_progress_changed(learner_id=learner_id)


def connect() -> None:
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        for model in _content_models():
            signal.connect(
                _content_changed, sender=model, dispatch_uid=f"courses-{model.__name__}-{name}"
            )
        signal.connect(
            _enrolment_saved_or_deleted, sender=Enrolment, dispatch_uid=f"courses-enrolment-{name}"
        )
        for model in ENROLMENT_ROWS:
            signal.connect(
                _enrolment_row_saved_or_deleted,
                sender=model,
                dispatch_uid=f"courses-{model.__name__}-{name}",
            )
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ):
        signal.connect(_content_changed, dispatch_uid=f"courses-page-{name}")
