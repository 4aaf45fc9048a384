"""Writes for people and roles."""

import secrets
from collections.abc import Iterable
from datetime import date

import django_otp
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from guardian.shortcuts import assign_perm, remove_perm

from lms.core.errors import Conflict, DomainError, NotAllowed

from .models import (
    Attestation,
    AuditEntry,
    Notification,
    SupervisionLog,
    SupervisionTopic,
    SupervisorAssignment,
    User,
)
from .roles import Role


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    preferred_name: str,
    certificate_name: str,
    roles: Iterable[Role] = (),
    is_superuser: bool = False,
) -> User:
    user = User.objects.create_user(
        email=email,
        password=password,
        preferred_name=preferred_name,
        certificate_name=certificate_name,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    user_roles_add(user=user, roles=roles)
    return user


def user_roles_add(*, user: User, roles: Iterable[Role]) -> None:
    groups = Group.objects.filter(name__in=[str(role) for role in roles])
    user.groups.add(*groups)
    user.__dict__.pop("_role_facts", None)


def audit_record(
    *,
    actor: User | None,
    action: str,
    target,
    subject: User | None = None,
    detail: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=target._meta.label,
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        subject=subject,
        detail=detail or {},
    )


def notification_send(*, recipient: User, message: str, url: str = "") -> Notification:
    return Notification.objects.create(recipient=recipient, message=message[:300], url=url)


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# Supervision ---------------------------------------------------------------------------

LEARNER_RECORD_PERMISSIONS = ("lms.view_learner_record", "lms.review_learner_evidence")


def learner_record_access_grant(*, supervisor: User, peer: User, acting_user: User | None) -> None:
    """Give a supervisor object permissions on one peer's record (and audit it)."""
    for permission in LEARNER_RECORD_PERMISSIONS:
        assign_perm(permission, supervisor, peer)
    audit_record(
        actor=acting_user,
        action="permission.grant",
        target=peer,
        subject=peer,
        detail={"to": supervisor.pk, "permissions": list(LEARNER_RECORD_PERMISSIONS)},
    )


def learner_record_access_revoke(*, supervisor: User, peer: User, acting_user: User | None) -> None:
    for permission in LEARNER_RECORD_PERMISSIONS:
        remove_perm(permission, supervisor, peer)
    audit_record(
        actor=acting_user,
        action="permission.remove",
        target=peer,
        subject=peer,
        detail={"from": supervisor.pk, "permissions": list(LEARNER_RECORD_PERMISSIONS)},
    )


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


SUPERVISION_MINUTES = (5, 480)
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
    from .selectors import is_current_supervisor

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
        raise DomainError("Duration must be between 5 minutes and 8 hours.")
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
def attestation_record(*, person: User, on_file: bool, acting_user: User) -> Attestation:
    """Record whether a lived-experience attestation is on file (never what it says)."""
    attestation, _ = Attestation.objects.update_or_create(
        person=person,
        defaults={
            "on_file": on_file,
            "recorded_on": timezone.localdate(),
            "recorded_by": acting_user,
        },
    )
    audit_record(
        actor=acting_user,
        action="attestation.record",
        target=attestation,
        subject=person,
        detail={"on_file": on_file},
    )
    return attestation


def calendar_token_reset(*, user: User) -> str:
    """A new unguessable calendar feed token; any old feed address stops working."""
    user.calendar_token = secrets.token_urlsafe(32)
    user.save(update_fields=["calendar_token"])
    return user.calendar_token


# Two-factor sign-in -----------------------------------------------------------------------

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"


def two_factor_device_pending(*, user: User) -> TOTPDevice:
    """The authenticator-app device being set up: reused, so reloading the page keeps the
    secret the person may already have scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def two_factor_device_confirm(*, user: User, token: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the pending authenticator with a code from it; returns the device and a fresh
    set of recovery codes (shown once)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        raise Conflict("Start the set-up again: there is no authenticator waiting to be confirmed.")
    # Checked in a transaction of its own, so a wrong code's throttling sticks.
    if django_otp.verify_token(user, device.persistent_id, _digits(token)) is None:
        raise DomainError(
            "That code didn't match. Check the app shows the Peer Training Hub entry and type "
            "the 6 digits it shows now."
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = two_factor_recovery_codes_replace(user=user)
        audit_record(actor=user, action="two_factor.enable", target=user, subject=user)
    device.refresh_from_db()
    return device, codes


@transaction.atomic
def two_factor_recovery_codes_replace(*, user: User) -> list[str]:
    """New single-use recovery codes; every earlier one stops working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def two_factor_verify(*, user: User, token: str):
    """The device that accepts `token`: six digits from the app, or one recovery code (used
    up). django-otp throttles each device, doubling the wait after every wrong code."""
    token = (token or "").strip()
    if _digits(token).isdigit() and len(_digits(token)) == 6:
        devices, token = TOTPDevice.objects.filter(user=user, confirmed=True), _digits(token)
    else:
        devices, token = StaticDevice.objects.filter(user=user, confirmed=True), token.lower()
    for device in devices:
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            raise DomainError("Too many wrong codes. Wait a minute, then try again.")
        verified = django_otp.verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    raise DomainError(
        "That code didn't work. Type the 6 digits your authenticator app shows now, or one of "
        "your recovery codes."
    )


@transaction.atomic
def two_factor_reset(*, user: User, acting_user: User | None) -> None:
    """Remove someone's authenticator and recovery codes (a lost phone); they set up again at
    their next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=acting_user, action="two_factor.reset", target=user, subject=user)


def _digits(token: str) -> str:
    return "".join((token or "").split()).replace("-", "")
