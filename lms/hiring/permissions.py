"""Who may use the hiring screens. Views ask here; deny by default."""

from lms.people.permissions import can_manage_people, user_has_role
from lms.people.roles import Role


def can_use_hr_screens(user) -> bool:
    """HR sees credential names, statuses and dates; never quiz answers, evidence or notes."""
    return user_has_role(user, Role.HR, Role.ADMINISTRATOR)


def can_record_attestation(user) -> bool:
    return can_manage_people(user)
