from django.db import migrations

ROLES = ["Peer", "Trainer", "Lead Trainer", "Supervisor", "HR", "Administrator"]
# Roles that work in the Wagtail admin (authoring, snippets, HR reports).
ADMIN_ROLES = ["Trainer", "Lead Trainer", "HR", "Administrator"]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    # Created by wagtailadmin's own first migration, so it exists on a fresh database.
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        if name in ADMIN_ROLES:
            group.permissions.add(access_admin)


def remove_role_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
