"""Who may do what in courses. Views ask here; deny by default."""

from django.db.models import QuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy

from lms.people.permissions import user_has_role
from lms.people.roles import Role
from lms.people.selectors import is_current_supervisor

from .models import QuizAttempt, QuizPage, Session

MARKING_ROLES = (Role.TRAINER, Role.LEAD_TRAINER, Role.ADMINISTRATOR)


def can_self_enrol(user) -> bool:
    return user_has_role(user, Role.PEER)


def can_view_attempt(user, attempt: QuizAttempt) -> bool:
    # Quiz answers are the learner's own: not their supervisor's, HR's or the public's.
    return user.is_authenticated and attempt.enrolment.learner_id == user.pk


def can_mark_quizzes(user) -> bool:
    """May open the marking queue at all (each attempt is checked against its course)."""
    return user_has_role(user, *MARKING_ROLES)


def can_mark_attempt(user, attempt: QuizAttempt) -> bool:
    """Trainers mark the quizzes of courses they may edit: Wagtail's own page permissions,
    which each track's trainer groups get on its courses (`services.authoring`). Reading a
    reflection is the one exception to "quiz answers are the learner's own"."""
    if not can_mark_quizzes(user):
        return False
    return PagePermissionPolicy().user_has_permission_for_instance(user, "change", attempt.quiz)


def quizzes_markable_by(user) -> QuerySet:
    """The quizzes whose attempts `user` may mark (the queryset half of `can_mark_attempt`)."""
    if not can_mark_quizzes(user):
        return QuizPage.objects.none()
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, {"change"})
    return QuizPage.objects.filter(pk__in=editable.values("pk"))


def can_run_sessions(user) -> bool:
    return user_has_role(user, Role.TRAINER, Role.LEAD_TRAINER, Role.ADMINISTRATOR)


def can_record_attendance(user, session: Session) -> bool:
    if not user.is_authenticated:
        return False
    return session.trainer_id == user.pk or user_has_role(
        user, Role.LEAD_TRAINER, Role.ADMINISTRATOR
    )


def can_enrol_others(user) -> bool:
    """May open the 'enrol a learner' form at all (the learner is checked on submit)."""
    return user_has_role(user, Role.TRAINER, Role.LEAD_TRAINER, Role.SUPERVISOR, Role.ADMINISTRATOR)


def can_enrol_learner(user, learner) -> bool:
    if user_has_role(user, Role.TRAINER, Role.LEAD_TRAINER, Role.ADMINISTRATOR):
        return True
    # A supervisor enrols only the peers they currently supervise.
    return user_has_role(user, Role.SUPERVISOR) and is_current_supervisor(
        supervisor=user, peer=learner
    )


def can_export_roster(user, course) -> bool:
    """A course's CE roster (names and licence numbers, for CE-tracking services): the
    trainers who may edit the course (Wagtail's page permissions), lead trainers and
    administrators. Never peers, supervisors or HR."""
    if not user_has_role(user, *MARKING_ROLES):
        return False
    return PagePermissionPolicy().user_has_permission_for_instance(user, "change", course)


def can_give_partial_credit(user, course) -> bool:
    """Close an unfinished enrolment with a certificate for the hours attended: whoever may
    export the course's CE roster, or a trainer who leads one of its sessions."""
    if not user.is_authenticated:
        return False
    return can_export_roster(user, course) or course.sessions.filter(trainer=user).exists()
