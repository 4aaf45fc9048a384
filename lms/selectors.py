"""Read queries for people."""

from django.db.models import Q
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Notification, SupervisorAssignment, User


def current_supervisors_of(*, peer_ids) -> dict[int, list[User]]:
    """Each peer's supervisors as of today, in one query."""
    today = timezone.localdate()
    assignments = SupervisorAssignment.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today),
        peer_id__in=peer_ids,
        starts_on__lte=today,
    ).select_related("supervisor")
    supervisors: dict[int, list[User]] = {}
    for assignment in assignments:
        supervisors.setdefault(assignment.peer_id, []).append(assignment.supervisor)
    return supervisors


def is_current_supervisor(*, supervisor, peer) -> bool:
    today = timezone.localdate()
    return SupervisorAssignment.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today),
        supervisor=supervisor,
        peer=peer,
        starts_on__lte=today,
    ).exists()


def notifications_for(*, user, limit: int = 50):
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")[:limit]


def unread_notification_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def two_factor_is_set_up(*, user) -> bool:
    """Has a confirmed authenticator app (recovery codes alone don't count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
