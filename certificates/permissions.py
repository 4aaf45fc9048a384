"""Who may see and change credentials, CE and prerequisites. Views ask here; deny by default.

Per-peer rules (a supervisor and their supervisees) are django-guardian object permissions
on the peer, granted and removed only by the supervision services.
"""

from lms.people.permissions import (
    can_review_learner_evidence,
    can_view_learner_record,
    user_has_role,
)
from lms.people.roles import Role

from .models import CERecord, Credential, ExternalCredentialClaim


def can_view_credential(user, credential: Credential) -> bool:
    """The holder, an administrator, or the holder's current supervisor."""
    if not user.is_authenticated:
        return False
    return credential.holder_id == user.pk or can_view_learner_record(user, credential.holder)


def can_manage_credentials(user) -> bool:
    """Revoke, re-issue, award manually."""
    return user_has_role(user, Role.ADMINISTRATOR)


def can_suspend_credentials(user) -> bool:
    """Suspend a credential under review, and lift the suspension: administrators only (the
    holder's supervisor raises a concern; they do not hold a credential back themselves)."""
    return user_has_role(user, Role.ADMINISTRATOR)


def can_submit_ce(user) -> bool:
    return user_has_role(user, Role.PEER)


def can_use_review_queue(user) -> bool:
    return user_has_role(user, Role.SUPERVISOR, Role.ADMINISTRATOR)


def can_review_ce(user, record: CERecord) -> bool:
    return can_review_learner_evidence(user, record.holder)


def can_review_claim(user, claim: ExternalCredentialClaim) -> bool:
    return can_review_learner_evidence(user, claim.holder)


def can_view_ce_evidence(user, record: CERecord) -> bool:
    # Evidence files are for the peer and their reviewers only: never HR or the public.
    if not user.is_authenticated:
        return False
    return record.holder_id == user.pk or can_review_ce(user, record)


def can_view_claim_evidence(user, claim: ExternalCredentialClaim) -> bool:
    if not user.is_authenticated:
        return False
    return claim.holder_id == user.pk or can_review_claim(user, claim)
