"""Which roles manage which credential snippets in the Wagtail admin (run after migrate)."""

from django.contrib.auth.models import Group, Permission

from lms.people.roles import Role

SNIPPET_PERMISSIONS = {
    Role.ADMINISTRATOR: [
        f"{verb}_{model}"
        for model in ("credentialtype", "cecategory")
        for verb in ("add", "change", "delete", "view")
    ],
}


def role_permissions_setup() -> None:
    for role, codenames in SNIPPET_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="certificates", codename__in=codenames
                )
            )
