"""Who may see which analytics. Views ask here; deny by default.

Trainers see the courses they may edit (Wagtail's page permissions, which each track's
trainer groups get on its courses: `courses.services.authoring`); lead trainers and
administrators see the whole hub and the funder report (counts only); supervisors see their
own supervisees (`lms.people.permissions.supervisees_of`).
"""

from django.db.models import QuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses.models import CoursePage, QuizPage
from lms.people.permissions import supervisees_of, user_has_role
from lms.people.roles import Role

COURSE_ROLES = (Role.TRAINER, Role.LEAD_TRAINER, Role.ADMINISTRATOR)
HUB_ROLES = (Role.LEAD_TRAINER, Role.ADMINISTRATOR)


def can_use_course_analytics(user) -> bool:
    """May open the list of courses at all (each course is checked on its own)."""
    return user_has_role(user, *COURSE_ROLES)


def courses_analysable_by(user) -> QuerySet:
    """The courses whose analytics `user` may see: those they may edit in the admin."""
    if not can_use_course_analytics(user):
        return CoursePage.objects.none()
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, {"change"})
    return CoursePage.objects.filter(pk__in=editable.values("pk"))


def can_view_course_analytics(user, course: CoursePage) -> bool:
    if not can_use_course_analytics(user):
        return False
    return PagePermissionPolicy().user_has_permission_for_instance(user, "change", course)


def can_view_quiz_analytics(user, quiz: QuizPage) -> bool:
    """A quiz's item analysis: aggregates over its attempts, for those who may edit it. No
    one's answers are shown, only how often each choice was picked."""
    if not can_use_course_analytics(user):
        return False
    return PagePermissionPolicy().user_has_permission_for_instance(user, "change", quiz)


def can_view_hub_dashboard(user) -> bool:
    return user_has_role(user, *HUB_ROLES)


def can_use_supervision_analytics(user) -> bool:
    return user_has_role(user, Role.SUPERVISOR, Role.ADMINISTRATOR)


def supervisees_charted_for(user) -> QuerySet:
    """Only one's own current supervisees, whatever one's other roles."""
    return supervisees_of(user)


def can_request_funder_report(user) -> bool:
    return user_has_role(user, *HUB_ROLES)
