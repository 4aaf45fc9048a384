"""Who authors what in the Wagtail admin: the lead-trainer workflow and per-track page rights.

Run after every migrate (idempotent), and whenever a track or a course changes.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from lms.people.roles import Role

from ..models import CoursePage, HomePage, QuizPage, Track

WORKFLOW_NAME = "Lead trainer approval"
TRACK_PAGE_PERMISSIONS = ("add_page", "change_page")
LEAD_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
MEDIA_PERMISSIONS = {
    "wagtailimages": ("add_image", "choose_image"),
    "wagtaildocs": ("add_document", "choose_document"),
}


def _page_permissions(codenames) -> list[Permission]:
    return list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
    )


@transaction.atomic
def authoring_setup() -> None:
    home = HomePage.objects.first()
    groups = {group.name: group for group in Group.objects.filter(name__in=list(Role.values))}
    lead, trainer = groups.get(Role.LEAD_TRAINER), groups.get(Role.TRAINER)
    if home is None or lead is None or trainer is None:
        return
    for permission in _page_permissions(LEAD_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=lead, page=home, permission=permission)

    root_collection = Collection.get_first_root_node()
    for app_label, codenames in MEDIA_PERMISSIONS.items():
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        ):
            for group in (trainer, lead):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    snippet_permissions = Permission.objects.filter(
        content_type__app_label="courses",
        codename__in=["add_track", "change_track", "delete_track"],
    )
    lead.permissions.add(*snippet_permissions)

    task = GroupApprovalTask.objects.filter(name="Lead trainer review").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Lead trainer review")
    task.groups.set([lead])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


@transaction.atomic
def course_permissions_sync(*, course: CoursePage) -> None:
    """Exactly the course's track groups may add and change pages in the course."""
    permissions = _page_permissions(TRACK_PAGE_PERMISSIONS)
    wanted_groups = list(course.track.trainer_groups.all())
    GroupPagePermission.objects.filter(page=course, permission__in=permissions).exclude(
        group__in=wanted_groups
    ).delete()
    for group in wanted_groups:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=course, permission=permission
            )


def track_permissions_sync(*, track: Track) -> None:
    for course in CoursePage.objects.filter(track=track).select_related("track"):
        course_permissions_sync(course=course)


@transaction.atomic
def lesson_place_before_quiz(*, lesson) -> None:
    """A lesson added to a module goes before the module's quiz, not after it: Wagtail adds
    every new page last, and the quiz checks what the lessons taught."""
    quiz = QuizPage.objects.child_of(lesson.get_parent()).order_by("path").first()
    if quiz is not None and quiz.path < lesson.path:
        lesson.move(quiz, pos="left")
