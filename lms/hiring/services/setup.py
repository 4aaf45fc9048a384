"""Which roles manage positions in the Wagtail admin (run after migrate)."""

from django.contrib.auth.models import Group, Permission

from lms.people.roles import Role

POSITION_PERMISSIONS = [f"{verb}_position" for verb in ("add", "change", "delete", "view")]


def role_permissions_setup() -> None:
    for role in (Role.HR, Role.ADMINISTRATOR):
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="hiring", codename__in=POSITION_PERMISSIONS
                )
            )
