"""Course analytics for trainers: the figures, who may see them, and a flat query count."""

import pytest
from django.urls import reverse

from courses.models import QuizPage
from lms.analytics.selectors import course_analytics
from lms.people.roles import Role
from tests.analytics.helpers import (
    learners_in,
    lessons_of,
    quiz_passes,
    session_with_attendance,
)
from tests.factories import UserFactory, course_trainer, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return make_course(modules=2, lessons_per_module=2, questions=2)


def test_funnel_median_time_stops_enrolment_and_attendance(course):
    finished = learners_in(course, count=2, lessons_done=4, status="completed", minutes=20)
    learners_in(course, count=3, lessons_done=2, days_ago=60, minutes=10)  # stalled after 1.2
    learners_in(course, count=1, lessons_done=1, status="withdrawn")  # stopped after 1.1
    learners_in(course, count=1, lessons_done=3, days_ago=1, minutes=40)  # still going
    learners_in(course, count=2, lessons_done=0)  # enrolled, nothing done
    quiz_passes(course, finished)
    trainer = UserFactory(roles=[Role.TRAINER])
    session_with_attendance(course, finished, attended=1, trainer=trainer)

    figures = course_analytics(course=course)
    steps = {step.title: step for step in figures["steps"]}
    assert [s.title for s in figures["steps"]] == [
        "Lesson 1.1",
        "Lesson 1.2",
        "Quiz 1",
        "Lesson 2.1",
        "Lesson 2.2",
        "Quiz 2",
    ]
    assert [s.completed for s in figures["steps"]] == [7, 6, 2, 3, 2, 0]
    assert steps["Lesson 1.2"].stopped_here == 3
    assert steps["Lesson 1.1"].stopped_here == 1
    assert steps["Lesson 2.1"].stopped_here == 0  # active a day ago: not stopped
    assert figures["never_started"] == 2
    # Median of 2 x 20, 3 x 10, 1 x 10, 1 x 40 minutes on lesson 1.1 (7 learners): 10.
    assert steps["Lesson 1.1"].median_minutes == 10.0
    # Lesson 2.1: 20, 20, 40 minutes: 20.
    assert steps["Lesson 2.1"].median_minutes == 20.0
    assert figures["enrolled"][-1] == 9
    assert figures["completed"][-1] == 2
    assert figures["in_progress"][-1] == 9 - 2 - 1
    [session] = figures["sessions"]
    assert (session["signed_up"], session["attended"], session["hours"]) == (2, 1, 4)


def test_the_page_draws_each_chart_with_a_table_and_links_to_the_admin(client, course):
    learners_in(course, count=2, lessons_done=2)
    trainer = course_trainer(course)
    client.force_login(trainer)
    response = client.get(reverse("analytics:course", args=[course.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 4
    assert html.count('<details class="chart__data">') == 4
    assert reverse("wagtailadmin_pages:edit", args=[course.pk]) in html
    quiz = QuizPage.objects.descendant_of(course).first()
    assert reverse("analytics:quiz", args=[quiz.pk]) in html


def test_trainers_see_only_the_courses_of_their_tracks(client, course):
    other = make_course(modules=1, lessons_per_module=1)
    trainer = course_trainer(course)
    client.force_login(trainer)
    listing = client.get(reverse("analytics:courses")).content.decode()
    assert course.title in listing and other.title not in listing
    assert client.get(reverse("analytics:course", args=[other.pk])).status_code == 403
    other_quiz = QuizPage.objects.descendant_of(other).first()
    assert client.get(reverse("analytics:quiz", args=[other_quiz.pk])).status_code == 403
    own_quiz = QuizPage.objects.descendant_of(course).first()
    assert client.get(reverse("analytics:quiz", args=[own_quiz.pk])).status_code == 200


@pytest.mark.parametrize("role", [Role.PEER, Role.HR, Role.SUPERVISOR])
def test_other_roles_are_refused(client, course, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(reverse("analytics:courses")).status_code == 403
    assert client.get(reverse("analytics:course", args=[course.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, course):
    response = client.get(reverse("analytics:course", args=[course.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def page_queries(client, django_assert_max_num_queries, url, budget):
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_learners(client, course, django_assert_max_num_queries):
    trainer = course_trainer(course)
    client.force_login(trainer)
    quiz = QuizPage.objects.descendant_of(course).first()
    urls = [
        reverse("analytics:course", args=[course.pk]),
        reverse("analytics:quiz", args=[quiz.pk]),
    ]
    enrolments = learners_in(course, count=2, lessons_done=2)
    quiz_passes(course, enrolments)
    session_with_attendance(course, enrolments, attended=1, trainer=trainer)
    small = [page_queries(client, django_assert_max_num_queries, url, 40) for url in urls]
    enrolments = learners_in(course, count=25, lessons_done=4, status="completed")
    quiz_passes(course, enrolments[:10])
    session_with_attendance(course, enrolments, attended=20, trainer=trainer)
    large = [page_queries(client, django_assert_max_num_queries, url, 40) for url in urls]
    assert large == small


def test_lessons_of_are_in_order(course):
    assert [lesson.title for lesson in lessons_of(course)][:2] == ["Lesson 1.1", "Lesson 1.2"]


def test_the_selectors_run_the_queries_their_docstrings_say(course, django_assert_max_num_queries):
    from lms.analytics.selectors import (
        funder_data_version,
        funder_report_figures,
        quiz_item_analysis,
    )

    learners_in(course, count=3, lessons_done=2)
    quiz = QuizPage.objects.descendant_of(course).first()
    with django_assert_max_num_queries(11):
        course_analytics(course=course)
    with django_assert_max_num_queries(3):
        quiz_item_analysis(quiz=quiz)
    with django_assert_max_num_queries(6):
        funder_data_version()
    today = course.latest_revision_created_at.date()
    with django_assert_max_num_queries(8):
        funder_report_figures(start=today, end=today, track_ids=[course.track_id])
