"""Remove Wagtail's default "Editors" and "Moderators" groups.

Wagtail's first migrations create them with admin access, page rights on the whole tree and
image and document rights. The hub's roles are its own groups (Trainer, Lead Trainer, HR,
Administrator); nobody here is meant to be put in Wagtail's, and a person added to one by
mistake would reach /admin/ and edit every page. (Two-factor no longer depends on group names:
lms.people.permissions.two_factor_required asks for admin access itself; this just removes the trap.)

A group that already has members is not deleted under them: it is emptied of every
permission (admin access, page, collection and model permissions), so membership grants
nothing, and an administrator decides what those people should have instead.
"""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def remove_default_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        if group.user_set.exists():
            group.permissions.clear()
            GroupPagePermission.objects.filter(group=group).delete()
            GroupCollectionPermission.objects.filter(group=group).delete()
        else:
            GroupPagePermission.objects.filter(group=group).delete()
            GroupCollectionPermission.objects.filter(group=group).delete()
            group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0006_email_normalised"),
        # After every Wagtail migration that creates or grants rights to the default groups.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
