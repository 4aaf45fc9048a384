"""Finding things: site search over what each person may see, "Lesson 3 of 7" with previous
and next on lessons and quizzes, and the collapsible course outline."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.models import LessonPage, ModulePage, QuizPage
from courses.services.enrolments import enrolment_withdraw
from tests.courses.helpers import add_page, complete_lessons, enrol, lessons_of, pass_quiz
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db


def search(client, query: str, **params):
    return client.get(reverse("courses:search"), {"q": query, **params})


def hit_titles(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(
        r'class="search-results__title"><a href="[^"]*">([^<]*)</a>', response.content.decode()
    )


def lesson_about(module, title: str, text: str, slug: str) -> LessonPage:
    return add_page(
        module,
        LessonPage(title=title, slug=slug, body=[("paragraph", f"<p>{text}</p>")]),
        publish=True,
    )


@pytest.fixture
def naloxone_course(db):
    """A live course with a lesson whose body (not title) mentions naloxone."""
    course = make_course(modules=1, lessons_per_module=0, quiz=False, title="Overdose response")
    module = ModulePage.objects.child_of(course).get()
    lesson_about(module, "Giving the spray", "Naloxone reverses an opioid overdose.", "spray")
    return course


# Search ---------------------------------------------------------------------------------------


def test_the_search_box_is_in_the_site_chrome(client):
    page = client.get(reverse("help")).content.decode()

    assert 'role="search"' in page
    assert f'action="{reverse("courses:search")}"' in page


def test_anyone_finds_live_courses_but_lessons_only_once_enrolled(client, peer, naloxone_course):
    assert hit_titles(search(client, "overdose")) == ["Overdose response"]
    assert hit_titles(search(client, "naloxone")) == []  # anonymous: no lessons

    client.force_login(peer)
    assert hit_titles(search(client, "naloxone")) == []  # not enrolled: the lesson won't open
    enrolment = enrol(peer, naloxone_course)
    assert hit_titles(search(client, "naloxone")) == ["Giving the spray"]
    page = search(client, "naloxone").content.decode()
    assert "Lesson · Overdose response · Module 1" in page

    enrolment_withdraw(enrolment=enrolment, acting_user=peer)
    assert hit_titles(search(client, "naloxone")) == []


def test_unpublished_pages_are_never_found(client, peer, naloxone_course):
    enrol(peer, naloxone_course)
    client.force_login(peer)
    LessonPage.objects.get(slug="spray").unpublish()

    assert hit_titles(search(client, "naloxone")) == []
    naloxone_course.unpublish()
    assert hit_titles(search(client, "overdose")) == []


def test_locked_lessons_of_a_sequential_course_are_not_found(client, peer):
    course = make_course(modules=2, lessons_per_module=0, quiz=False, sequential=True)
    first, second = ModulePage.objects.child_of(course).order_by("path")
    lesson_about(first, "Opening", "Mutuality first.", "opening")
    lesson_about(second, "Later on", "Mutuality again, later.", "later")
    enrol(peer, course)
    client.force_login(peer)

    assert hit_titles(search(client, "mutuality")) == ["Opening"]


def test_a_view_restriction_hides_a_course_from_those_it_excludes(client, peer, naloxone_course):
    insiders = Group.objects.create(name="Corrections staff")
    restriction = PageViewRestriction.objects.create(
        page=naloxone_course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(insiders)

    assert hit_titles(search(client, "overdose")) == []
    client.force_login(peer)
    assert hit_titles(search(client, "overdose")) == []
    insider = UserFactory()
    insider.groups.add(insiders)
    client.force_login(insider)
    assert hit_titles(search(client, "overdose")) == ["Overdose response"]


@pytest.mark.parametrize("query", ["", "   ", "\x00", "%", "'; drop table", "a" * 200, "ü ✓ 🌱"])
def test_odd_queries_answer_a_page(client, naloxone_course, query):
    assert search(client, query).status_code == 200


def test_an_overlong_query_is_a_400_with_the_reason(client):
    response = search(client, "a" * 201)

    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


def test_a_repeated_query_parameter_answers_a_page(client, naloxone_course):
    response = client.get(f"{reverse('courses:search')}?q=overdose&q=x")

    assert response.status_code == 200


# "Lesson 3 of 7", previous and next -----------------------------------------------------------


@pytest.fixture
def three_lesson_course(db):
    """Module 1: lessons 1.1, 1.2, quiz 1; module 2: lesson 2.1, quiz 2 (not sequential)."""
    course = make_course(modules=2, lessons_per_module=2, quiz=True)
    LessonPage.objects.get(pk=lessons_of(course)[-1].pk).delete()  # 3 lessons in all
    return course


def test_a_lesson_says_where_it_is_and_links_either_side(client, peer, three_lesson_course):
    enrol(peer, three_lesson_course)
    client.force_login(peer)
    second = lessons_of(three_lesson_course)[1]

    page = client.get(second.url).content.decode()

    assert "Lesson 2 of 3" in page
    assert "Previous: Lesson 1.1" in page
    assert "Next: Quiz 1" in page


def test_a_quiz_says_where_it_is_and_links_either_side(client, peer, three_lesson_course):
    enrol(peer, three_lesson_course)
    client.force_login(peer)
    quiz = QuizPage.objects.descendant_of(three_lesson_course).order_by("path")[1]

    page = client.get(quiz.url).content.decode()

    assert "Quiz 2 of 2" in page
    assert "Previous: Lesson 2.1" in page
    assert "Next:" not in page


def test_a_locked_next_step_is_named_but_not_linked(client, peer):
    course = make_course(modules=2, lessons_per_module=1, quiz=True, sequential=True)
    enrolment = enrol(peer, course)
    client.force_login(peer)
    quiz = QuizPage.objects.descendant_of(course).order_by("path")[0]

    page = client.get(quiz.url).content.decode()
    assert "Next: Lesson 2.1 (opens when this module is done)" in page

    complete_lessons(enrolment, lessons_of(course)[:1])
    pass_quiz(enrolment, quiz)
    page = client.get(quiz.url).content.decode()
    assert 'rel="next">Next: Lesson 2.1' in page


def test_a_lesson_published_later_changes_the_count_on_cached_pages(
    client, peer, three_lesson_course
):
    enrol(peer, three_lesson_course)
    client.force_login(peer)
    first = lessons_of(three_lesson_course)[0]
    assert "Lesson 1 of 3" in client.get(first.url).content.decode()  # now cached

    module = ModulePage.objects.child_of(three_lesson_course).order_by("path")[1]
    lesson_about(module, "Added later", "New.", "added")

    assert "Lesson 1 of 4" in client.get(first.url).content.decode()


# The collapsible outline ------------------------------------------------------------------------


def test_the_outline_opens_the_module_of_the_next_step_only(client, peer, three_lesson_course):
    enrolment = enrol(peer, three_lesson_course)
    client.force_login(peer)
    module_1, module_2 = ModulePage.objects.child_of(three_lesson_course).order_by("path")

    def open_modules() -> list[str]:
        page = client.get(three_lesson_course.url).content.decode()
        assert "<script" not in page and "style=" not in page  # strict CSP: nothing inline
        return re.findall(r"<details[^>]* open>\s*<summary><h3[^>]*>([^<]*)</h3>", page)

    assert open_modules() == [module_1.title]
    complete_lessons(enrolment, lessons_of(module_1))
    pass_quiz(enrolment, QuizPage.objects.child_of(module_1).get())
    assert open_modules() == [module_2.title]


# Query budgets ------------------------------------------------------------------------------------

# Measured 5 with 1 or 6 enrolled courses (session, user, the search, the facts of the courses
# found; the learner's progress comes from the cache): a little room, no growth.
SEARCH_BUDGET = 7


def _search_queries(client, user, courses: int) -> int:
    for number in range(courses):
        course = make_course(modules=1, lessons_per_module=2, quiz=False, title=f"Ethics {number}")
        enrol(user, course)
    client.force_login(user)
    search(client, "ethics")  # warms the per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert len(hit_titles(search(client, "peer support mutual"))) > 0
    return len(queries)


def test_search_queries_do_not_grow_with_courses_or_enrolments(client, peer, other_peer):
    small = _search_queries(client, peer, 1)
    large = _search_queries(client, other_peer, 6)

    assert small == large
    assert large <= SEARCH_BUDGET
