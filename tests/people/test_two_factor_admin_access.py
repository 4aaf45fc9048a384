"""Two-factor follows admin access, not role names: whoever can reach any admin (Wagtail's
`access_admin` from a group of any name or given directly, staff, superuser) needs it, and
Wagtail's default Editors and Moderators groups are gone."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from lms.people.permissions import two_factor_required
from lms.people.roles import Role
from tests.factories import UserFactory, authenticator_code, confirmed_authenticator

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
SETUP, VERIFY = "/accounts/two-factor/setup/", "/accounts/two-factor/"


def access_admin():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def group_with_admin_access(name: str) -> Group:
    group = Group.objects.create(name=name)
    group.permissions.add(access_admin())
    GroupPagePermission.objects.create(
        group=group, page=Page.get_first_root_node(), permission_type="change"
    )
    return group


def person(**extra):
    return UserFactory(password=PASSWORD, **extra)


def sign_in_at(url: str, user) -> Client:
    client = Client()
    response = client.post(url, {"username": user.email, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302, response.content[:500]
    return client


def admin_capable_people():
    editors = person()
    editors.groups.add(group_with_admin_access("Editors"))
    helpers = person()
    helpers.groups.add(group_with_admin_access("Content helpers"))
    direct = person()
    direct.user_permissions.add(access_admin())
    staff = person(is_staff=True)
    superuser = person(is_superuser=True)
    return {
        "a group named like Wagtail's Editors": editors,
        "a group of any other name": helpers,
        "the permission given directly": direct,
        "staff": staff,
        "superuser without a group": superuser,
    }


@pytest.mark.parametrize("login_url", ["/admin/login/", "/accounts/login/"])
def test_anyone_who_can_reach_an_admin_must_set_up_two_factor_first(login_url):
    for label, user in admin_capable_people().items():
        assert two_factor_required(user), label
        client = sign_in_at(login_url, user)
        for path in ["/admin/", "/admin/pages/", "/django-admin/", "/", "/certificates/"]:
            response = client.get(path)
            assert response.status_code == 302, (label, path)
            assert response["Location"].startswith(SETUP), (label, path)


def test_with_an_authenticator_the_admin_opens_only_after_the_code():
    helper = person()
    helper.groups.add(group_with_admin_access("Content helpers"))
    device = confirmed_authenticator(helper)
    client = sign_in_at("/admin/login/", helper)
    assert client.get("/admin/")["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    client.post(VERIFY, {"code": authenticator_code(device), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200


def test_people_who_reach_no_admin_are_not_asked():
    for user in [UserFactory(roles=[Role.PEER]), UserFactory(roles=[Role.SUPERVISOR]), person()]:
        assert not two_factor_required(user)
        client = Client()
        client.force_login(user)
        assert client.get("/").status_code == 200


def test_losing_admin_access_is_seen_on_the_next_request():
    helper = person()
    group = group_with_admin_access("Content helpers")
    helper.groups.add(group)
    assert two_factor_required(type(helper).objects.get(pk=helper.pk))
    group.permissions.clear()
    assert not two_factor_required(type(helper).objects.get(pk=helper.pk))


def test_wagtails_default_editors_and_moderators_groups_do_not_exist():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    # Only the hub's own admin roles hold admin access after migrating.
    holders = set(Group.objects.filter(permissions=access_admin()).values_list("name", flat=True))
    assert holders == {Role.TRAINER, Role.LEAD_TRAINER, Role.HR, Role.ADMINISTRATOR}


def test_the_migration_empties_a_default_group_that_has_members():
    from django.apps import apps

    migration = __import__(
        "lms.people.migrations.0007_remove_wagtail_default_groups",
        fromlist=["remove_default_groups"],
    )
    kept = group_with_admin_access("Editors")
    member = person()
    member.groups.add(kept)
    GroupCollectionPermission.objects.create(
        group=kept,
        collection_id=1,
        permission=Permission.objects.get(codename="add_image"),
    )
    group_with_admin_access("Moderators")

    migration.remove_default_groups(apps, None)

    assert not Group.objects.filter(name="Moderators").exists()
    kept.refresh_from_db()
    assert not kept.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=kept).exists()
    assert not GroupCollectionPermission.objects.filter(group=kept).exists()
    assert not two_factor_required(type(member).objects.get(pk=member.pk))
