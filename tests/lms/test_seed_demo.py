import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings

from certificates.models import CERecord, Credential
from courses.models import CoursePage, Enrolment, QuizAttempt, Session
from lms.people.models import User

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_builds_the_demo_once_and_a_second_run_changes_nothing():
    call_command("seed_demo", "--force")  # DEBUG is off in tests: --force is required
    after_first = row_counts()
    with override_settings(DEBUG=True):
        call_command("seed_demo")
    assert row_counts() == after_first

    assert User.objects.filter(email__endswith="@example.org").count() == 7
    hr = User.objects.get(email="hr@example.org")
    assert list(hr.groups.values_list("name", flat=True)) == ["HR"]
    assert hr.check_password("demo-pass-2026")
    assert User.objects.get(email="admin@example.org").is_superuser

    # Content: the 40-hour course in full, a course in every other track, CE electives.
    ethics = CoursePage.objects.get(code="PS-ETH-40")
    assert ethics.get_children().count() >= 8
    assert Session.objects.filter(course=ethics).count() >= 5
    assert CoursePage.objects.filter(track__slug="ce-electives").count() >= 6
    assert CoursePage.objects.values("track").distinct().count() == 8
    # Learners in several states, a failed then passed quiz, records in every status.
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert {"active", "completed"} <= statuses
    assert QuizAttempt.objects.filter(passed=False).exists()
    assert set(Credential.objects.values_list("status", flat=True)) >= {
        "active",
        "renewal_due",
        "expired",
        "revoked",
        "superseded",
    }
    assert set(CERecord.objects.values_list("status", flat=True)) == {
        "pending",
        "approved",
        "rejected",
    }


def test_seed_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()
