"""Who may see and change credentials and CE. Views ask here; deny by default."""

from lms.permissions import user_has_role
from lms.roles import Role

from .models import CERecord, Credential


def can_view_credential(user, credential: Credential) -> bool:
    if not user.is_authenticated:
        return False
    return credential.holder_id == user.pk or user_has_role(user, Role.ADMINISTRATOR)


def can_manage_credentials(user) -> bool:
    """Revoke, re-issue, award manually."""
    return user_has_role(user, Role.ADMINISTRATOR)


def can_submit_ce(user) -> bool:
    return user_has_role(user, Role.PEER)


def can_review_ce(user, record: CERecord | None = None) -> bool:
    # Administrators review every record until supervisors get their own queue.
    return user_has_role(user, Role.ADMINISTRATOR)


def can_view_ce_evidence(user, record: CERecord) -> bool:
    if not user.is_authenticated:
        return False
    return record.holder_id == user.pk or can_review_ce(user, record)
