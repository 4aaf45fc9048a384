"""Supervisor assignments: only qualified supervisors, with object permissions on the peer."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.core.errors import Conflict, DomainError
from lms.people.models import SupervisorAssignment, User
from lms.people.permissions import user_has_role
from lms.people.roles import Role
from lms.people.services import audit_record, learner_record_access_grant

from ..models import Credential

QUALIFYING_TYPE_CODE = "qualified-supervisor"


def is_qualified_supervisor(user: User) -> bool:
    return Credential.objects.filter(
        holder=user,
        credential_type__code=QUALIFYING_TYPE_CODE,
        status__in=Credential.CURRENT_STATUSES,
    ).exists()


@transaction.atomic
def supervisor_assignment_create(
    *,
    supervisor: User,
    peer: User,
    starts_on: date | None = None,
    acting_user: User,
    override_reason: str = "",
) -> SupervisorAssignment:
    """Assign a supervisor to a peer and grant access to the peer's record.

    The supervisor must hold an active "Qualified peer supervisor" credential; an
    administrator may override that with a reason, which is kept in the audit trail.
    """
    if supervisor.pk == peer.pk:
        raise DomainError("A person can't supervise themselves.")
    if not user_has_role(supervisor, Role.SUPERVISOR):
        raise DomainError(f"{supervisor} doesn't have the Supervisor role.")
    override_reason = (override_reason or "").strip()
    if not is_qualified_supervisor(supervisor):
        if not override_reason:
            raise DomainError(
                f"{supervisor} doesn't hold an active Qualified peer supervisor credential. "
                "An administrator can override this with a reason."
            )
        if not user_has_role(acting_user, Role.ADMINISTRATOR):
            raise DomainError("Only an administrator can override the qualification check.")
    starts_on = starts_on or timezone.localdate()
    if starts_on > timezone.localdate():
        raise DomainError("Assignments start today or earlier; access is granted when saved.")
    try:
        with transaction.atomic():
            assignment = SupervisorAssignment.objects.create(
                supervisor=supervisor,
                peer=peer,
                starts_on=starts_on,
                created_by=acting_user,
                override_reason=override_reason,
            )
    except IntegrityError as error:
        raise Conflict(f"{supervisor} already supervises {peer}.") from error
    learner_record_access_grant(supervisor=supervisor, peer=peer, acting_user=acting_user)
    audit_record(
        actor=acting_user,
        action="supervision.assign",
        target=assignment,
        subject=peer,
        detail={"supervisor": supervisor.pk, "override_reason": override_reason},
    )
    return assignment


def supervisors_notify(*, peer: User, message: str) -> None:
    """Tell each of the peer's current supervisors, in-app, with a link to the peer's page."""
    from django.urls import reverse

    from lms.people.selectors import current_supervisors_of
    from lms.people.services import notification_send

    url = reverse("certificates:supervisee", args=[peer.pk])
    for supervisor in current_supervisors_of(peer_ids=[peer.pk]).get(peer.pk, []):
        notification_send(recipient=supervisor, message=message, url=url)
