"""Who may ask for an audit packet, and for whom. Views ask here; deny by default.

A packet holds CE evidence and supervision notes, so it follows the learner-record rule
(`lms.people.permissions.can_view_learner_record`): the holder for themselves, their current
supervisor (object permission and a current assignment: never an ex-supervisor), and
administrators. Never HR as HR: they see credential statuses, not what a packet holds. A random
sample of holders (a board's audit draw) is for administrators only. The zip is served only to
the person who asked, and only while they may still see everyone in it.
"""

from django.db.models import QuerySet

from lms.people.models import User
from lms.people.permissions import (
    can_view_learner_record,
    learner_records_visible_to,
    user_has_role,
)
from lms.people.roles import Role

from .models import AuditPacket


def can_request_packet_for(user, person) -> bool:
    if not user.is_authenticated or not user.is_active or not person.is_active:
        return False
    return can_view_learner_record(user, person)


def people_packetable_by(user) -> QuerySet:
    """The queryset half of `can_request_packet_for`: oneself, one's current supervisees, or
    (administrators) everyone active."""
    return learner_records_visible_to(user).filter(is_active=True)


def can_request_sample(user) -> bool:
    return user_has_role(user, Role.ADMINISTRATOR)


def can_view_packet(user, packet: AuditPacket) -> bool:
    """The status page and the zip: only the person who asked, and only while they may still
    see everyone in it (a supervisor whose assignment ended loses a packet they asked for)."""
    if not user.is_authenticated or packet.requested_by_id != user.pk:
        return False
    if packet.scope == AuditPacket.Scope.SAMPLE:
        return can_request_sample(user)
    person = User.objects.filter(pk=packet.person_id).first()
    return person is not None and can_request_packet_for(user, person)


def packets_visible_to(user) -> QuerySet:
    """The queryset half of `can_view_packet` for lists: the packets one asked for."""
    if not user.is_authenticated:
        return AuditPacket.objects.none()
    return AuditPacket.objects.filter(requested_by=user)
