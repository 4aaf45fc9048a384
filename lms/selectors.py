"""Read queries for people."""

from django.db.models import Q
from django.utils import timezone

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
