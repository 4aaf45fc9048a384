"""Approval notices for the lead trainers: one email per course import, not one per page.

Wagtail emails each approver every time a page is submitted to a group approval task. A
course package submits every page it creates (the 40-hour course: 37 pages), so an import
sent each lead trainer 37 near-identical emails. Inside `approval_notices_batched` the
submissions are collected instead, and once the import commits each approver gets one email
naming the course and how many pages wait for them. Every other submission (the page
editor's "Submit for moderation") is emailed by Wagtail's own notifier, as before.

The batch is a context variable, so it covers only the request or command doing the import;
another request submitting a page at the same moment is emailed as usual.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.signal_handlers import task_submission_email_notifier
from wagtail.models import TaskState
from wagtail.signals import task_submitted

# Wagtail connects its notifier under this id in wagtail.admin's ready(); the courses app
# comes first in INSTALLED_APPS, so this receiver takes the id and Wagtail's connect is a
# no-op (Django keeps the first receiver per dispatch_uid and sender).
WAGTAIL_DISPATCH_UID = "group_approval_task_submitted_email_notification"

_batch: ContextVar[list | None] = ContextVar("approval_notices_batch", default=None)


def task_submitted_notify(sender, instance=None, **kwargs):
    """Wagtail's notifier, unless an import is collecting its submissions."""
    batch = _batch.get()
    if batch is not None:
        batch.append((instance, kwargs.get("user")))
        return True
    return task_submission_email_notifier(instance=instance, **kwargs)


def connect() -> None:
    task_submitted.connect(
        task_submitted_notify, sender=TaskState, dispatch_uid=WAGTAIL_DISPATCH_UID
    )


@contextmanager
def approval_notices_batched(*, course) -> Iterator[None]:
    """Collect the page submissions made inside; after commit, one email per approver."""
    batch: list = []
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
    if batch:
        transaction.on_commit(lambda: _send_summary(course=course, batch=batch))


def _send_summary(*, course, batch) -> None:
    recipients: dict[int, object] = {}
    for task_state, user in batch:
        # The same people Wagtail would email: the task's groups (and superusers), those
        # who want submission notices, with an email address, never the submitter.
        for person in task_submission_email_notifier.get_valid_recipients(task_state, user=user):
            recipients.setdefault(person.pk, person)
    if not recipients:
        return
    task = batch[0][0].task.specific
    context = {
        "course": course,
        "pages": len(batch),
        "task": task,
        "submitted_by": batch[0][1],
        "review_url": settings.SITE_URL + reverse("wagtailadmin_pages:edit", args=[course.pk]),
        "hub_name": settings.HUB_NAME,
    }
    subject = render_to_string("courses/email/course_submitted_subject.txt", context).strip()
    body = render_to_string("courses/email/course_submitted.txt", context)
    for person in recipients.values():
        send_mail(subject, body, None, [person.email])
