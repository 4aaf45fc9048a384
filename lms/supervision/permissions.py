"""Who may use the supervision screens. Views ask here; deny by default.

Per-peer rules (a supervisor and their supervisees) are django-guardian object permissions
on the peer (lms.people.permissions), granted and removed only by this app's services.
"""

from lms.people.permissions import can_view_learner_record, user_has_role
from lms.people.roles import Role
from lms.people.selectors import is_current_supervisor


def can_use_supervisor_dashboard(user) -> bool:
    return user_has_role(user, Role.SUPERVISOR, Role.ADMINISTRATOR)


def can_view_supervisee(user, peer) -> bool:
    """A supervisee's page: their current supervisor, or an administrator; never oneself."""
    return peer.pk != user.pk and can_view_learner_record(user, peer)


def can_record_supervision(user, peer) -> bool:
    """Only the peer's current supervisor records a session (an administrator does not)."""
    return is_current_supervisor(supervisor=user, peer=peer) and can_view_learner_record(user, peer)


def can_view_supervision_report(user, peer) -> bool:
    """A peer's supervision report: the peer, their current supervisor, or an administrator.
    Never HR: supervision notes and topics are not theirs to read."""
    if not user.is_authenticated:
        return False
    return peer.pk == user.pk or can_view_learner_record(user, peer)


def can_enter_hours_worked(user, peer) -> bool:
    """Hours worked: the peer's current supervisor, HR, or an administrator (not the peer)."""
    if not user.is_authenticated or peer.pk == user.pk:
        return False
    return user_has_role(user, Role.HR, Role.ADMINISTRATOR) or is_current_supervisor(
        supervisor=user, peer=peer
    )


def can_archive_supervision_logs(user) -> bool:
    return user_has_role(user, Role.ADMINISTRATOR)


def can_assign_supervisors(user) -> bool:
    return user_has_role(user, Role.HR, Role.ADMINISTRATOR)
