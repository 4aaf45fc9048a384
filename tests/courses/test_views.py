"""Learner and trainer screens over HTTP: access, tampering, replays, attendance, query budgets."""

import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse
from django.utils.timezone import now

from courses.models import Attendance, Enrolment, LessonProgress, QuizAttempt, SessionSignup
from courses.services.enrolments import enrolment_withdraw
from lms.people.roles import Role
from tests.courses.helpers import (
    add_page,
    answers,
    attempt_snapshot,
    complete_lessons,
    correct_ids,
    drawn_questions,
    enrol,
    fail_quiz,
    future_session,
    lessons_of,
    light_course,
    many_questions,
    past_session,
    quiz_page,
    quizzes_of,
    wrong_ids,
)
from tests.factories import EnrolmentFactory, UserFactory, make_course

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def form(data) -> dict[str, list[str]]:
    """QueryDict to test-client data: posting a QueryDict would send only each key's last value."""
    return {key: data.getlist(key) for key in data}


def login_url_for(path: str) -> str:
    return f"{reverse('login')}?next={path}"


# Lesson pages ------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_sign_in(client, small_course):
    lesson = lessons_of(small_course)[0]

    response = client.get(lesson.url)

    assert response.status_code == 302
    assert response.url == login_url_for(lesson.url)


def test_a_peer_not_enrolled_is_sent_to_the_course_page(client, peer, small_course):
    lesson = lessons_of(small_course)[0]
    client.force_login(peer)

    response = client.get(lesson.url)

    assert response.status_code == 302
    assert response.url == small_course.url
    assert any("Enrol in this course" in message for message in messages_of(response))
    assert not LessonProgress.objects.exists()


def test_the_course_page_links_lessons_only_for_enrolled_peers(client, peer, small_course):
    lesson, quiz = lessons_of(small_course)[0], quizzes_of(small_course)[0]
    client.force_login(peer)

    outsider = client.get(small_course.url)
    assert outsider.status_code == 200
    assert b"Module 1" in outsider.content  # the outline is shown...
    assert f'href="{lesson.url}"'.encode() not in outsider.content  # ...without links
    assert f'href="{quiz.url}"'.encode() not in outsider.content

    enrol(peer, small_course)
    insider = client.get(small_course.url)
    assert f'href="{lesson.url}"'.encode() in insider.content
    assert f'href="{quiz.url}"'.encode() in insider.content


def test_a_withdrawn_peer_is_sent_to_the_course_page(client, peer, enrolment, small_course):
    enrolment_withdraw(enrolment=enrolment, acting_user=peer)
    client.force_login(peer)

    response = client.get(lessons_of(small_course)[0].url)

    assert response.status_code == 302
    assert response.url == small_course.url


def test_an_enrolled_peer_reads_the_lesson(client, peer, enrolment, small_course):
    lesson = lessons_of(small_course)[0]
    client.force_login(peer)

    response = client.get(lesson.url)

    assert response.status_code == 200
    assert b"Peer support is mutual." in response.content
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at is None


def test_pages_route_by_their_path(client, peer, enrolment, small_course):
    lesson, quiz = lessons_of(small_course)[0], quizzes_of(small_course)[0]
    client.force_login(peer)

    assert client.get(lesson.url).status_code == 200
    assert client.get(quiz.url).status_code == 200
    assert client.get(small_course.url).status_code == 200
    assert client.get("/courses/").status_code == 200
    assert client.get(f"{small_course.url}module-1/no-such-lesson/").status_code == 404
    assert client.get(f"{small_course.url}no-such-module/lesson-1/").status_code == 404
    assert client.get(f"{lesson.url}extra/").status_code == 404


def test_a_lesson_that_is_not_live_is_not_found(client, peer, enrolment, small_course):
    lesson = lessons_of(small_course)[0]
    lesson.unpublish()
    client.force_login(peer)

    assert client.get(lesson.url).status_code == 404


@pytest.fixture
def sequential_course(db):
    return make_course(modules=2, lessons_per_module=1, questions=1, sequential=True)


def test_a_locked_lesson_opened_by_its_url_redirects_with_a_message(
    client, peer, sequential_course
):
    enrol(peer, sequential_course)
    _, locked = lessons_of(sequential_course)
    client.force_login(peer)

    response = client.get(locked.url)

    assert response.status_code == 302
    assert response.url == sequential_course.url
    assert any("opens once you finish" in message for message in messages_of(response))
    outline = client.get(sequential_course.url).content
    assert f'href="{locked.url}"'.encode() not in outline


def test_a_locked_lesson_cannot_be_marked_complete(client, peer, sequential_course):
    enrolment = enrol(peer, sequential_course)
    _, locked = lessons_of(sequential_course)
    client.force_login(peer)

    response = client.post(reverse("courses:lesson_complete", args=[locked.pk]))

    assert response.status_code == 302
    assert response.url == sequential_course.url
    assert not LessonProgress.objects.filter(enrolment=enrolment).exists()


def test_marking_a_lesson_complete_moves_on_to_the_next_step(client, peer, enrolment, small_course):
    lesson, quiz = lessons_of(small_course)[0], quizzes_of(small_course)[0]
    client.force_login(peer)

    response = client.post(reverse("courses:lesson_complete", args=[lesson.pk]))

    assert response.status_code == 302
    assert response.url == quiz.url
    assert LessonProgress.objects.get(enrolment=enrolment).completed_at is not None


# Quiz attempts over HTTP ------------------------------------------------------------------------


@pytest.fixture
def open_attempt(client, peer, enrolment, small_course):
    client.force_login(peer)
    quiz = quizzes_of(small_course)[0]
    response = client.post(reverse("courses:quiz_start", args=[quiz.pk]))
    assert response.status_code == 302
    return QuizAttempt.objects.get(enrolment=enrolment, quiz=quiz)


def attempt_url(attempt) -> str:
    return reverse("courses:attempt", args=[attempt.pk])


def _one_question(attempt):
    return drawn_questions(attempt)[0]


HTTP_TAMPERING = {
    "unknown-choice": (
        lambda a: answers(a, picks={_one_question(a).pk: [987654321]}),
        "not one of the offered choices",
    ),
    "two-answers-to-single-choice": (
        lambda a: answers(
            a,
            picks={
                _one_question(a).pk: correct_ids(_one_question(a)) + wrong_ids(_one_question(a))
            },
        ),
        "exactly one answer",
    ),
    "choice-of-another-question": (
        lambda a: answers(a, picks={_one_question(a).pk: correct_ids(drawn_questions(a)[1])}),
        "not one of the offered choices",
    ),
    "missing-answer": (
        lambda a: _drop(answers(a), f"q_{_one_question(a).pk}"),
        "answer every question",
    ),
    "not-a-number": (
        lambda a: answers(a, picks={_one_question(a).pk: ["first"]}),
        "not one of the offered choices",
    ),
    "question-not-in-attempt": (
        lambda a: _add(answers(a), "q_987654321", "1"),
        "not part of this attempt",
    ),
}


def _drop(data, key):
    data.pop(key)
    return data


def _add(data, key, value):
    data[key] = value
    return data


@pytest.mark.parametrize(
    ("make_data", "message"), HTTP_TAMPERING.values(), ids=HTTP_TAMPERING.keys()
)
def test_tampered_quiz_posts_get_a_400_and_save_nothing(client, open_attempt, make_data, message):
    before = attempt_snapshot(open_attempt)

    response = client.post(attempt_url(open_attempt), form(make_data(open_attempt)))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert attempt_snapshot(open_attempt) == before


def test_another_users_attempt_is_forbidden(client, open_attempt, other_peer):
    before = attempt_snapshot(open_attempt)
    data = answers(open_attempt)
    client.force_login(other_peer)

    assert client.get(attempt_url(open_attempt)).status_code == 403
    assert client.post(attempt_url(open_attempt), form(data)).status_code == 403

    assert attempt_snapshot(open_attempt) == before


def test_an_anonymous_visitor_cannot_open_an_attempt(client, open_attempt):
    client.logout()

    response = client.get(attempt_url(open_attempt))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_double_post_records_the_result_once(client, open_attempt):
    data = answers(open_attempt)

    first = client.post(attempt_url(open_attempt), form(data))
    recorded = attempt_snapshot(open_attempt)
    second = client.post(attempt_url(open_attempt), form(answers(open_attempt, right=set())))

    assert first.status_code == second.status_code == 302
    assert first.url == second.url == attempt_url(open_attempt)
    assert "already submitted" in " ".join(messages_of(second))
    assert attempt_snapshot(open_attempt) == recorded
    assert recorded["passed"] is True
    assert QuizAttempt.objects.filter(enrolment=open_attempt.enrolment).count() == 1
    result = client.get(attempt_url(open_attempt))
    assert result.status_code == 200
    assert "courses/attempt_result.html" in [t.name for t in result.templates]


def test_the_attempt_page_keeps_its_order_on_reload(client, peer):
    course = light_course(lessons=0)
    module = course.get_children().get()
    quiz = add_page(module, quiz_page(many_questions(6), shuffle_questions=True, slug="long"))
    enrolment = enrol(peer, course)
    client.force_login(peer)
    client.post(reverse("courses:quiz_start", args=[quiz.pk]))
    attempt = QuizAttempt.objects.get(enrolment=enrolment)

    def shown_order():
        html = client.get(attempt_url(attempt)).content.decode()
        names = re.findall(r'name="q_(\d+)" value="(\d+)"', html)
        questions = list(dict.fromkeys(int(question) for question, _ in names))
        choices = {
            str(q): [int(c) for question, c in names if int(question) == q] for q in questions
        }
        return questions, choices

    first = shown_order()
    assert first == shown_order()
    assert first == (attempt.question_ids, attempt.choice_orders)


# Attendance -----------------------------------------------------------------------------------


@pytest.fixture
def attendance(trainer, peer, small_course):
    """A four-hour session the trainer ran, with the peer signed up."""
    session = past_session(small_course, hours=4, trainer=trainer)
    enrolment = enrol(peer, small_course)
    SessionSignup.objects.create(session=session, enrolment=enrolment)
    return session, enrolment, reverse("courses:attendance", args=[session.pk])


def test_the_sessions_trainer_records_attendance(client, trainer, attendance):
    session, enrolment, url = attendance
    client.force_login(trainer)

    page = client.get(url)
    assert page.status_code == 200
    assert enrolment.learner.preferred_name in page.content.decode()

    response = client.post(url, {f"hours_{enrolment.pk}": "3.5"})

    assert response.status_code == 302
    assert Attendance.objects.get(session=session, enrolment=enrolment).hours == Decimal("3.50")


def test_a_lead_trainer_may_record_any_sessions_attendance(client, lead_trainer, attendance):
    client.force_login(lead_trainer)

    assert client.get(attendance[2]).status_code == 200


@pytest.mark.parametrize("role", [Role.TRAINER, Role.PEER, Role.SUPERVISOR, Role.HR])
def test_anyone_else_is_forbidden_from_attendance(client, attendance, role):
    _, enrolment, url = attendance
    client.force_login(UserFactory(roles=[role]))  # a trainer, but not this session's

    assert client.get(url).status_code == 403
    assert client.post(url, {f"hours_{enrolment.pk}": "4"}).status_code == 403
    assert not Attendance.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in_for_attendance(client, attendance):
    _, _, url = attendance

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == login_url_for(url)


@pytest.mark.parametrize("hours", ["4.5", "-1", "lots"])
def test_impossible_attendance_hours_get_a_400_and_save_nothing(client, trainer, attendance, hours):
    _, enrolment, url = attendance
    client.force_login(trainer)

    response = client.post(url, {f"hours_{enrolment.pk}": hours})

    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_a_bad_line_in_the_attendance_form_saves_no_line(client, trainer, attendance, other_peer):
    session, enrolment, url = attendance
    other = enrol(other_peer, session.course)
    SessionSignup.objects.create(session=session, enrolment=other)
    client.force_login(trainer)

    response = client.post(url, {f"hours_{enrolment.pk}": "4", f"hours_{other.pk}": "5"})

    assert response.status_code == 400
    assert not Attendance.objects.exists()


# Enrolling, leaving and signing up -------------------------------------------------------------


def test_a_peer_enrols_through_the_course_page(client, peer, small_course):
    client.force_login(peer)

    response = client.post(reverse("courses:enrol", args=[small_course.pk]))

    assert response.status_code == 302
    assert response.url == small_course.url
    assert Enrolment.objects.get(learner=peer).status == Enrolment.Status.ACTIVE


@pytest.mark.parametrize("role", [Role.TRAINER, Role.SUPERVISOR, Role.HR])
def test_only_peers_enrol_themselves(client, small_course, role):
    client.force_login(UserFactory(roles=[role]))

    assert client.post(reverse("courses:enrol", args=[small_course.pk])).status_code == 403
    assert not Enrolment.objects.exists()


def test_enrolling_needs_a_post_and_a_sign_in(client, peer, small_course):
    url = reverse("courses:enrol", args=[small_course.pk])
    assert client.post(url).url.startswith(reverse("login"))
    client.force_login(peer)
    assert client.get(url).status_code == 405
    assert not Enrolment.objects.exists()


def test_a_completed_course_cannot_be_left(client, peer, small_course):
    EnrolmentFactory(
        learner=peer, course=small_course, status=Enrolment.Status.COMPLETED, completed_at=now()
    )
    client.force_login(peer)

    response = client.post(reverse("courses:withdraw", args=[small_course.pk]))

    assert response.status_code == 409
    assert Enrolment.objects.get(learner=peer).status == Enrolment.Status.COMPLETED


def test_leaving_a_course_one_is_not_in_is_forbidden(client, peer, small_course):
    client.force_login(peer)

    assert client.post(reverse("courses:withdraw", args=[small_course.pk])).status_code == 403


def test_signing_up_for_a_session(client, peer, other_peer, small_course):
    session = future_session(small_course, capacity=1)
    url = reverse("courses:session_signup", args=[session.pk])
    enrol(peer, small_course)
    enrol(other_peer, small_course)

    client.force_login(peer)
    assert client.post(url).status_code == 302
    client.force_login(other_peer)
    full = client.post(url)
    client.force_login(UserFactory(roles=[Role.PEER]))
    outsider = client.post(url)

    assert full.status_code == 409
    assert "full" in full.content.decode()
    assert outsider.status_code == 403
    assert list(SessionSignup.objects.values_list("enrolment__learner", flat=True)) == [peer.pk]


def test_the_sessions_list_is_for_trainers(client, trainer, peer, small_course):
    past_session(small_course, trainer=trainer, title="Naloxone practice")
    client.force_login(trainer)
    assert "Naloxone practice" in client.get(reverse("courses:sessions")).content.decode()
    client.force_login(peer)
    assert client.get(reverse("courses:sessions")).status_code == 403


# Dashboard ----------------------------------------------------------------------------------------


def test_the_dashboard_shows_a_peers_courses(client, peer, small_course):
    enrolment = enrol(peer, small_course)
    done = light_course(title="Narcan basics")
    complete_lessons(enrol(peer, done), lessons_of(done))
    fail_quiz(enrolment, quizzes_of(small_course)[0])
    client.force_login(peer)

    response = client.get(reverse("courses:dashboard"))

    assert response.status_code == 200
    content = response.content.decode()
    assert small_course.title in content
    assert "Narcan basics" in content
    assert f'href="{lessons_of(small_course)[0].url}"' in content  # "Continue" where they are
    assert "not passed yet" in content


def test_the_dashboard_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("courses:dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# Query budgets: the count stays flat as the data grows ----------------------------------------


def count_queries(client, url, assert_max_queries, budget, *, cold: bool = False) -> int:
    """Queries for one view of `url`, as a running server serves it.

    The first requests warm what a live process keeps warm (Wagtail's cached site roots,
    Django's ContentType cache) and the shared cache: two, because a first visit to a
    lesson records its start, which changes the learner's progress. `cold` empties the
    shared cache before the view counted, as after a deploy or when the learner's progress
    or the content has just changed. Both sizes are measured alike.
    """
    for _ in range(2):
        assert client.get(url).status_code == 200
    if cold:
        cache.clear()
    with assert_max_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def peer_with_enrolments(count: int):
    """A peer in `count` courses, each with a lesson done, a failed quiz and a session booked."""
    learner = UserFactory(roles=[Role.PEER])
    for _ in range(count):
        course = light_course(lessons=2, quiz=True)
        enrolment = EnrolmentFactory(learner=learner, course=course)
        complete_lessons(enrolment, lessons_of(course)[:1])
        fail_quiz(enrolment, quizzes_of(course)[0])
        SessionSignup.objects.create(session=future_session(course), enrolment=enrolment)
    return learner


# Warm, most of each page comes from the shared cache (courses.caching): the dashboard
# costs the session, the user, their roles and the notification count; the lesson page
# those, Wagtail's site and home page, the lesson itself and its view restrictions (2).
# Cold adds the learner's enrolments and progress (4), the outlines, the route, and the
# dashboard's booked sessions and recent results.
DASHBOARD_BUDGET = {"warm": 4, "cold": 12}
LESSON_BUDGET = {"warm": 9, "cold": 16}


@pytest.mark.parametrize("state", ["warm", "cold"])
def test_dashboard_query_count_is_within_budget_and_flat(
    client, django_assert_max_num_queries, state
):
    counts = {}
    for size in (1, 30):
        learner = peer_with_enrolments(size)
        assert Enrolment.objects.filter(learner=learner).count() == size
        client.force_login(learner)
        counts[size] = count_queries(
            client,
            reverse("courses:dashboard"),
            django_assert_max_num_queries,
            DASHBOARD_BUDGET[state],
            cold=state == "cold",
        )

    assert counts[1] == counts[30], counts


@pytest.mark.parametrize("state", ["warm", "cold"])
def test_lesson_page_query_count_is_within_budget_and_flat(
    client, django_assert_max_num_queries, state
):
    counts = {}
    for size in (1, 30):
        course = light_course(lessons=size, quiz=True)
        learner = UserFactory(roles=[Role.PEER])
        enrolment = enrol(learner, course)
        lessons = lessons_of(course)
        complete_lessons(enrolment, lessons[: size // 2])
        client.force_login(learner)
        counts[size] = count_queries(
            client,
            lessons[-1].url,
            django_assert_max_num_queries,
            LESSON_BUDGET[state],
            cold=state == "cold",
        )

    assert counts[1] == counts[30], counts
