"""Read queries for people."""

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Notification, SupervisorAssignment, User


def current_supervisors_of(*, peer_ids) -> dict[int, list[User]]:
    """Each peer's supervisors as of today, in one query."""
    assignments = (
        SupervisorAssignment.objects.current()
        .filter(peer_id__in=peer_ids)
        .select_related("supervisor")
    )
    supervisors: dict[int, list[User]] = {}
    for assignment in assignments:
        supervisors.setdefault(assignment.peer_id, []).append(assignment.supervisor)
    return supervisors


def is_current_supervisor(*, supervisor, peer) -> bool:
    """Supervises `peer` now (SupervisorAssignment.objects.current: over once ended)."""
    if not getattr(supervisor, "is_authenticated", False) or not supervisor.is_active:
        return False
    return SupervisorAssignment.objects.current().filter(supervisor=supervisor, peer=peer).exists()


def notifications_for(*, user, limit: int = 50):
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")[:limit]


def unread_notification_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def two_factor_is_set_up(*, user) -> bool:
    """Has a confirmed authenticator app (recovery codes alone don't count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
