"""Writes for people and roles."""

import secrets
from collections.abc import Iterable

import django_otp
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from guardian.shortcuts import assign_perm, remove_perm

from lms.core.errors import Conflict, DomainError

from .models import AuditEntry, Notification, User
from .roles import Role
from .selectors import current_supervisors_of


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


def supervisors_notify(*, peer: User, message: str) -> None:
    """Tell each of the peer's current supervisors, in-app, with a link to the peer's page."""
    url = reverse("supervision:supervisee", args=[peer.pk])
    for supervisor in current_supervisors_of(peer_ids=[peer.pk]).get(peer.pk, []):
        notification_send(recipient=supervisor, message=message, url=url)
