"""Writes for people and roles."""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from .models import AuditEntry, Notification, User
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
    user.__dict__.pop("_role_names", None)


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
