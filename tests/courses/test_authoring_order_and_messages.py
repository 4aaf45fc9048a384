"""Authoring details: a new lesson goes before its module's quiz, and a lead trainer who
approves from the dashboard is told it worked."""

import pytest
from wagtail.models import Page

from courses.models import LessonPage, ModulePage, QuizPage
from tests.courses.test_wagtail_admin import (  # noqa: F401 - fixtures
    add_url,
    approve_url,
    client_for,
    doula_course,
    doula_track,
    doula_trainer,
    lesson_form,
    module_form,
)
from tests.factories import make_course

pytestmark = pytest.mark.django_db


def test_a_lesson_added_in_the_admin_goes_before_the_modules_quiz(lead_trainer):
    course = make_course(modules=1, lessons_per_module=2, questions=1)
    module = ModulePage.objects.child_of(course).get()
    lead = client_for(lead_trainer)
    response = lead.post(add_url(LessonPage, module), lesson_form("Self-care plan", "self-care"))
    assert response.status_code == 302
    order = [page.specific_class for page in module.get_children().order_by("path")]
    titles = [page.title for page in module.get_children().order_by("path")]
    assert order == [LessonPage, LessonPage, LessonPage, QuizPage], titles
    assert titles[2] == "Self-care plan"
    new = LessonPage.objects.get(slug="self-care")
    assert new.url == f"{module.url}self-care/"
    assert QuizPage.objects.child_of(module).get().url.startswith(module.url)


def test_a_lesson_added_to_a_module_without_a_quiz_goes_last(lead_trainer):
    course = make_course(modules=1, lessons_per_module=1, quiz=False)
    module = ModulePage.objects.child_of(course).get()
    client_for(lead_trainer).post(add_url(LessonPage, module), lesson_form("Wrap-up", "wrap-up"))
    assert module.get_children().order_by("path").last().title == "Wrap-up"


def test_the_lead_trainer_is_told_an_approval_went_through(
    doula_trainer,  # noqa: F811
    doula_course,  # noqa: F811
    lead_trainer,
):
    author, lead = client_for(doula_trainer), client_for(lead_trainer)
    author.post(add_url(ModulePage, doula_course), module_form("Postpartum", "pp"))
    module = ModulePage.objects.child_of(doula_course).get(slug="pp")
    response = lead.post(approve_url(module), {"comment": ""}, follow=True)
    assert Page.objects.get(pk=module.pk).live
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["“Postpartum” approved and published."]
