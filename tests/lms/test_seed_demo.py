import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings

from lms.models import User

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@override_settings(DEBUG=True)
def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo")
    after_first = row_counts()
    call_command("seed_demo")
    assert row_counts() == after_first
    assert User.objects.filter(email__endswith="@example.org").count() == 7


@override_settings(DEBUG=True)
def test_seed_demo_gives_each_demo_person_their_role():
    call_command("seed_demo")
    hr = User.objects.get(email="hr@example.org")
    assert list(hr.groups.values_list("name", flat=True)) == ["HR"]
    assert hr.check_password("demo-pass-2026")
    assert User.objects.get(email="admin@example.org").is_superuser


def test_seed_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_runs_with_force_without_debug():
    call_command("seed_demo", "--force")
    assert User.objects.count() == 7
