"""Supervision: assigning qualified supervisors, ending assignments, and the session records."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates.models import Credential
from lms.core.errors import Conflict, DomainError, NotAllowed
from lms.people.models import SupervisorAssignment, User
from lms.people.permissions import user_has_role
from lms.people.roles import Role
from lms.people.selectors import is_current_supervisor
from lms.people.services import (
    audit_record,
    learner_record_access_grant,
    learner_record_access_revoke,
)

from .models import (
    ATTESTATION_TEXT,
    INCREMENT_MINUTES,
    SESSION_MINUTES,
    HoursWorked,
    SupervisionLog,
    SupervisionTopic,
)
from .permissions import can_enter_hours_worked

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


@transaction.atomic
def supervisor_assignment_end(
    *, assignment: SupervisorAssignment, ends_on: date | None = None, acting_user: User
) -> SupervisorAssignment:
    """End an assignment; the supervisor loses access to the peer's record at once."""
    assignment = SupervisorAssignment.objects.select_for_update().get(pk=assignment.pk)
    today = timezone.localdate()
    ends_on = ends_on or today
    if ends_on < assignment.starts_on:
        raise DomainError("The end date is before the assignment started.")
    if assignment.ends_on is not None and assignment.ends_on <= today:
        raise Conflict("This assignment has already ended.")
    assignment.ends_on = ends_on
    assignment.save(update_fields=["ends_on"])
    another = (
        SupervisorAssignment.objects.current(today)
        .filter(supervisor=assignment.supervisor_id, peer=assignment.peer_id)
        .exists()
    )
    if ends_on <= today and not another:
        learner_record_access_revoke(
            supervisor=assignment.supervisor, peer=assignment.peer, acting_user=acting_user
        )
    return assignment


@transaction.atomic
def supervisor_assignments_expire(*, today: date | None = None) -> int:
    """Remove access for assignments that have ended (daily job; idempotent).

    Ending an assignment now removes access at once; this catches end dates set ahead, on
    the morning of that day (beat: supervisor-assignments-expire).
    """
    today = today or timezone.localdate()
    lapsed = SupervisorAssignment.objects.filter(ends_on__lte=today).select_related(
        "supervisor", "peer"
    )
    still_current = SupervisorAssignment.objects.current(today)
    current_pairs = set(still_current.values_list("supervisor_id", "peer_id"))
    removed = 0
    for assignment in lapsed:
        if (assignment.supervisor_id, assignment.peer_id) in current_pairs:
            continue
        if assignment.supervisor.has_perm("lms.view_learner_record", assignment.peer):
            learner_record_access_revoke(
                supervisor=assignment.supervisor, peer=assignment.peer, acting_user=None
            )
            removed += 1
    return removed


SUPERVISION_MINUTES = SESSION_MINUTES
# Records are kept 7 years: an older date is a mistyped year, not a record to keep.
SUPERVISION_RETENTION_YEARS = 7


@transaction.atomic
def supervision_log_record(
    *,
    supervisor: User,
    peer: User,
    held_on: date,
    duration_minutes: int,
    topics: list[str],
    summary: str,
    attested: bool,
) -> SupervisionLog:
    if not is_current_supervisor(supervisor=supervisor, peer=peer):
        raise NotAllowed("You can record supervision only for peers you currently supervise.")
    if not attested:
        raise DomainError("Confirm that this record is accurate before saving it.")
    if held_on > timezone.localdate():
        raise DomainError("A supervision session can't be in the future.")
    if held_on.year < timezone.localdate().year - SUPERVISION_RETENTION_YEARS:
        raise DomainError(
            f"That date is more than {SUPERVISION_RETENTION_YEARS} years ago; check the year."
        )
    if not SUPERVISION_MINUTES[0] <= duration_minutes <= SUPERVISION_MINUTES[1]:
        raise DomainError("Duration must be between 15 minutes and 8 hours.")
    if duration_minutes % INCREMENT_MINUTES:
        raise DomainError("Record the duration in 15-minute steps (15, 30, 45, 60 ...).")
    unknown = set(topics) - set(SupervisionTopic.values)
    if unknown or not topics:
        raise DomainError("Choose one or more topics from the list.")
    if not summary.strip():
        raise DomainError("Write a short summary of what you discussed.")
    return SupervisionLog.objects.create(
        supervisor=supervisor,
        peer=peer,
        held_on=held_on,
        duration_minutes=duration_minutes,
        topics=sorted(set(topics)),
        summary=summary.strip(),
        supervisor_attested_at=timezone.now(),
        attestation_text=ATTESTATION_TEXT,
    )


@transaction.atomic
def supervision_log_acknowledge(*, log: SupervisionLog, acting_user: User) -> SupervisionLog:
    if log.peer_id != acting_user.pk:
        raise NotAllowed("Only the peer acknowledges their supervision record.")
    updated = SupervisionLog.objects.filter(pk=log.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now()
    )
    log.refresh_from_db()
    if not updated and log.acknowledged_at is None:
        raise Conflict("This record could not be acknowledged.")
    return log


@transaction.atomic
def supervision_log_archive(*, log: SupervisionLog, acting_user: User) -> SupervisionLog:
    SupervisionLog.objects.filter(pk=log.pk, archived_at__isnull=True).update(
        archived_at=timezone.now(), archived_by=acting_user
    )
    audit_record(actor=acting_user, action="supervision.archive", target=log, subject=log.peer)
    log.refresh_from_db()
    return log


@transaction.atomic
def hours_worked_record(
    *, peer: User, month: date, hours: Decimal, acting_user: User
) -> HoursWorked:
    """Enter (or correct) the hours a peer worked in a month. The peer's current supervisor,
    HR or an administrator; every entry and correction is audited with the figures."""
    if not can_enter_hours_worked(acting_user, peer):
        raise NotAllowed("Only the peer's supervisor, HR or an administrator enters hours worked.")
    month = month.replace(day=1)
    if month > timezone.localdate():
        raise DomainError("Hours worked can't be entered for a month that hasn't begun.")
    if not Decimal("0") <= hours <= Decimal("744"):
        raise DomainError("Hours worked in a month are between 0 and 744.")
    if hours % Decimal("0.25"):
        raise DomainError("Enter hours worked in quarter hours (e.g. 80 or 80.25).")
    existing = HoursWorked.objects.select_for_update().filter(peer=peer, month=month).first()
    before = str(existing.hours) if existing else None
    entry, _ = HoursWorked.objects.update_or_create(
        peer=peer, month=month, defaults={"hours": hours, "entered_by": acting_user}
    )
    audit_record(
        actor=acting_user,
        action="supervision.hours_worked",
        target=entry,
        subject=peer,
        detail={"month": month.isoformat(), "hours": str(hours), "before": before},
    )
    return entry
