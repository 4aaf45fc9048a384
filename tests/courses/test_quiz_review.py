"""What a learner sees after an attempt, per state (another attempt left, passed, last attempt),
what the quiz page says about the next attempt, where the result page leads, and the trainers'
marking screens."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment, ModulePage, QuestionKind, QuizAttempt
from courses.services.quizzes import quiz_attempt_start, quiz_attempt_submit
from tests.courses.helpers import (
    add_page,
    answers,
    enrol,
    fail_quiz,
    light_course,
    make_quiz_course,
    many_questions,
    pass_quiz,
    quiz_page,
    quizzes_of,
)
from tests.factories import CredentialTypeFactory, course_trainer

pytestmark = pytest.mark.django_db

# One single-choice question (choice 1 right) with feedback on each choice and an explanation.
ONE_QUESTION = [(QuestionKind.SINGLE, [True, False])]
RIGHT_ANSWER_CHIP = "correct answer</span>"
EXPLANATION = "Explanation 1."
WRONG_CHOICE_FEEDBACK = "Feedback 1.2"


def course_of(quiz):
    return quiz.get_parent().get_parent().specific


def result_page(client, attempt) -> str:
    client.force_login(attempt.enrolment.learner)
    response = client.get(reverse("courses:attempt", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def start(enrolment, quiz):
    return quiz_attempt_start(enrolment=enrolment, quiz=quiz, acting_user=enrolment.learner)


# Review options per state ------------------------------------------------------------------


def test_a_failed_attempt_with_retries_left_holds_the_right_answers_back(client, peer):
    quiz = make_quiz_course(ONE_QUESTION, max_attempts=3)
    attempt = fail_quiz(enrol(peer, course_of(quiz)), quiz)

    page = result_page(client, attempt)

    assert "Not quite" in page  # whether each answer was right
    assert WRONG_CHOICE_FEEDBACK in page  # the feedback on the choice picked
    assert RIGHT_ANSWER_CHIP not in page
    assert EXPLANATION not in page
    assert "The right answers are shown once you pass or have used every attempt." in page
    assert "Review the lessons and try again" in page


def test_a_pass_shows_the_right_answers_and_feedback(client, peer):
    quiz = make_quiz_course(ONE_QUESTION, max_attempts=3)
    attempt = pass_quiz(enrol(peer, course_of(quiz)), quiz)

    page = result_page(client, attempt)

    assert "✓ Passed" in page
    assert "✓ Right" in page
    assert RIGHT_ANSWER_CHIP in page
    assert EXPLANATION in page
    assert "Feedback 1.1" in page


def test_the_last_allowed_attempt_shows_the_right_answers(client, peer):
    quiz = make_quiz_course(ONE_QUESTION, max_attempts=2)
    enrolment = enrol(peer, course_of(quiz))
    first = fail_quiz(enrolment, quiz)
    assert RIGHT_ANSWER_CHIP not in result_page(client, first)  # one attempt still left
    last = fail_quiz(enrolment, quiz)

    page = result_page(client, last)

    assert RIGHT_ANSWER_CHIP in page
    assert EXPLANATION in page
    assert "This was your last allowed attempt" in page
    # Earlier attempts are reviewed as where the learner now stands: no attempts left.
    assert RIGHT_ANSWER_CHIP in result_page(client, first)


@pytest.mark.parametrize(
    ("state", "make_attempt", "max_attempts"),
    [("retry", fail_quiz, 3), ("passed", pass_quiz, 3), ("final", fail_quiz, 1)],
)
def test_each_state_follows_its_own_review_options(client, peer, state, make_attempt, max_attempts):
    off = {f"review_{state}_{option}": False for option in ("feedback", "right_answers")}
    quiz = make_quiz_course(ONE_QUESTION, max_attempts=max_attempts, **off)
    attempt = make_attempt(enrol(peer, course_of(quiz)), quiz)

    page = result_page(client, attempt)

    assert "Question by question" in page  # correctness is still on
    assert "Feedback 1." not in page
    assert RIGHT_ANSWER_CHIP not in page
    assert EXPLANATION not in page


@pytest.mark.parametrize(
    ("make_attempt", "max_attempts"), [(fail_quiz, 3), (pass_quiz, 3), (fail_quiz, 1)]
)
def test_a_quiz_showing_nothing_shows_only_the_score(client, peer, make_attempt, max_attempts):
    off = {
        f"review_{state}_{option}": False
        for state in ("retry", "passed", "final")
        for option in ("correctness", "feedback", "right_answers")
    }
    quiz = make_quiz_course(ONE_QUESTION, max_attempts=max_attempts, **off)
    attempt = make_attempt(enrol(peer, course_of(quiz)), quiz)

    page = result_page(client, attempt)

    assert "Question by question" not in page
    assert "Question 1?" not in page
    assert "pass mark 75%" in page


# The quiz page and starting ----------------------------------------------------------------


def test_the_quiz_page_says_when_the_next_attempt_opens_and_starting_early_is_a_409(client, peer):
    quiz = make_quiz_course(ONE_QUESTION, attempt_delay_minutes=45)
    fail_quiz(enrol(peer, course_of(quiz)), quiz)
    client.force_login(peer)

    page = client.get(quiz.url).content.decode()
    assert "Your next attempt opens on" in page
    assert "Try again" not in page
    assert "Time between attempts: 45 minutes" in page

    response = client.post(reverse("courses:quiz_start", args=[quiz.pk]))
    assert response.status_code == 409
    assert "Your next attempt opens on" in response.content.decode()
    assert QuizAttempt.objects.filter(quiz=quiz).count() == 1


def test_the_quiz_page_says_no_attempts_remain(client, peer):
    quiz = make_quiz_course(ONE_QUESTION, max_attempts=1)
    fail_quiz(enrol(peer, course_of(quiz)), quiz)
    client.force_login(peer)

    page = client.get(quiz.url).content.decode()

    assert "No attempts remain." in page
    assert "Attempts allowed: 1 (0 left)" in page
    assert client.post(reverse("courses:quiz_start", args=[quiz.pk])).status_code == 409


def test_the_quiz_page_offers_a_retry_once_the_wait_is_over(client, peer):
    quiz = make_quiz_course(ONE_QUESTION, attempt_delay_minutes=10)
    attempt = fail_quiz(enrol(peer, course_of(quiz)), quiz)
    earlier = timezone.now() - timedelta(minutes=11)
    QuizAttempt.objects.filter(pk=attempt.pk).update(submitted_at=earlier)
    client.force_login(peer)

    page = client.get(quiz.url).content.decode()

    assert "Try again" in page
    assert "Your grade: 0%" in page


# Where the result page leads ----------------------------------------------------------------


def test_a_result_leads_to_the_next_lesson(client, peer):
    course = light_course(lessons=1, quiz=True)
    module = ModulePage.objects.child_of(course).get()
    second = add_page(course, ModulePage(title="Module 2", slug="module-2"))
    from courses.models import LessonPage

    add_page(
        second,
        LessonPage(
            title="Listening well", slug="listening", body=[("paragraph", "<p>Listen.</p>")]
        ),
    )
    quiz = quizzes_of(module)[0]
    attempt = pass_quiz(enrol(peer, course), quiz)

    page = result_page(client, attempt)

    assert "Next: lesson “Listening well”" in page
    assert 'href="/courses/' in page


def test_the_quiz_that_completes_the_course_says_the_certificate_is_being_prepared(client, peer):
    quiz = make_quiz_course(ONE_QUESTION)
    course = course_of(quiz)
    course.credential_type = CredentialTypeFactory(name="Quiz-only certificate")
    course.save()
    enrolment = enrol(peer, course)

    attempt = pass_quiz(enrolment, quiz)
    page = result_page(client, attempt)

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert "Course complete: your certificate is being prepared" in page
    assert reverse("certificates:detail", args=[enrolment.credential_id]) in page
    assert "Next:" not in page


# Reflections over HTTP ----------------------------------------------------------------------

REFLECTION_QUIZ = [(QuestionKind.SINGLE, [True, False]), (QuestionKind.REFLECTION, [])]


@pytest.fixture
def reflection_quiz(db):
    return make_quiz_course(REFLECTION_QUIZ, pass_mark_percent=100)


@pytest.fixture
def awaiting(peer, reflection_quiz):
    enrolment = enrol(peer, course_of(reflection_quiz))
    attempt = start(enrolment, reflection_quiz)
    quiz_attempt_submit(attempt=attempt, data=answers(attempt), acting_user=peer)
    return QuizAttempt.objects.get(pk=attempt.pk)


def reflection_of(quiz):
    return quiz.questions.get(kind=QuestionKind.REFLECTION)


def test_the_attempt_page_asks_for_a_written_reflection(client, peer, reflection_quiz):
    attempt = start(enrol(peer, course_of(reflection_quiz)), reflection_quiz)
    client.force_login(peer)
    question = reflection_of(reflection_quiz)
    url = reverse("courses:attempt", args=[attempt.pk])

    page = client.get(url).content.decode()
    assert f'<textarea name="q_{question.pk}"' in page

    data = answers(attempt)
    data.setlist(f"q_{question.pk}", [""])
    response = client.post(url, {key: data.getlist(key) for key in data})
    assert response.status_code == 400
    assert "Please answer every question" in response.content.decode()


def test_an_attempt_awaiting_marking_says_so(client, peer, awaiting, reflection_quiz):
    page = result_page(client, awaiting)

    assert "Submitted: awaiting marking." in page
    assert "Awaiting marking" in page
    assert "Names a boundary." not in page  # the marking guide waits for the mark
    quiz_page = client.get(reflection_quiz.url).content.decode()
    assert "waiting for a trainer to mark your written reflection" in quiz_page


def test_a_trainer_marks_from_the_queue_and_the_learner_sees_the_feedback(
    client, peer, awaiting, reflection_quiz
):
    marker = course_trainer(course_of(reflection_quiz))
    client.force_login(marker)
    queue = client.get(reverse("courses:marking_queue")).content.decode()
    mark_url = reverse("courses:mark_attempt", args=[awaiting.pk])
    assert mark_url in queue
    assert "1 quiz attempt to mark" in client.get(reverse("courses:sessions")).content.decode()

    form = client.get(mark_url).content.decode()
    assert "I would keep my story short" in form
    assert "Names a boundary." in form  # the marking guide
    question = reflection_of(reflection_quiz)
    response = client.post(
        mark_url, {f"outcome_{question.pk}": "meets", f"feedback_{question.pk}": "Well put."}
    )

    assert response.status_code == 302
    awaiting.refresh_from_db()
    assert awaiting.status == QuizAttempt.Status.SUBMITTED and awaiting.passed
    page = result_page(client, awaiting)
    assert "✓ Meets the standard" in page
    assert "Well put." in page
    assert "Names a boundary." in page


def test_marking_without_a_judgement_is_a_400_and_marks_nothing(client, awaiting, reflection_quiz):
    client.force_login(course_trainer(course_of(reflection_quiz)))

    response = client.post(reverse("courses:mark_attempt", args=[awaiting.pk]), {})

    assert response.status_code == 400
    assert "Please choose one." in response.content.decode()
    assert QuizAttempt.objects.get(pk=awaiting.pk).is_awaiting_marking


def test_who_may_open_the_marking_screens(client, peer, awaiting, trainer, lead_trainer):
    mark_url = reverse("courses:mark_attempt", args=[awaiting.pk])
    queue_url = reverse("courses:marking_queue")
    assert client.get(queue_url).status_code == 302  # anonymous: sign in
    for someone, queue, mark in ((peer, 403, 403), (trainer, 200, 403), (lead_trainer, 200, 200)):
        client.force_login(someone)
        assert client.get(queue_url).status_code == queue, someone
        assert client.get(mark_url).status_code == mark, someone
    client.force_login(trainer)
    assert mark_url not in client.get(queue_url).content.decode()
    assert client.get(reverse("courses:mark_attempt", args=[999999])).status_code == 404


def test_a_quiz_with_only_a_reflection_renders_for_marking(client, peer):
    quiz = add_page(
        ModulePage.objects.child_of(course_of(make_quiz_course(ONE_QUESTION))).get(),
        quiz_page([(QuestionKind.REFLECTION, [])], slug="reflect", title="Reflect"),
    )
    enrolment = Enrolment.objects.create(learner=peer, course=course_of(quiz))
    attempt = start(enrolment, quiz)
    quiz_attempt_submit(attempt=attempt, data=answers(attempt), acting_user=peer)

    page = result_page(client, QuizAttempt.objects.get(pk=attempt.pk))

    assert "I would keep my story short" in page


def test_in_a_sequential_course_a_result_leads_to_what_is_left(client, peer):
    course = light_course(lessons=1, quiz=True, sequential=True)
    second = add_page(course, ModulePage(title="Module 2", slug="module-2"))
    add_page(second, quiz_page([(QuestionKind.SINGLE, [True, False])], title="Later quiz"))
    quiz = quizzes_of(ModulePage.objects.child_of(course).order_by("path")[0])[0]
    attempt = pass_quiz(enrol(peer, course), quiz)  # the module's lesson is not done yet

    page = result_page(client, attempt)

    assert "Next: lesson “Lesson 1.1”" in page  # not the locked quiz of module 2


def test_while_awaiting_marking_no_wait_is_announced(client, peer, reflection_quiz):
    reflection_quiz.attempt_delay_minutes = 60
    reflection_quiz.save()
    enrolment = enrol(peer, course_of(reflection_quiz))
    attempt = start(enrolment, reflection_quiz)
    quiz_attempt_submit(attempt=attempt, data=answers(attempt), acting_user=peer)

    page = result_page(client, QuizAttempt.objects.get(pk=attempt.pk))

    assert "Your next attempt opens" not in page


# Measured 8 at 2 and at 30 questions: a little room, no growth.
RESULT_PAGE_BUDGET = 10


def _result_page_queries(client, learner, questions: int) -> int:
    quiz = make_quiz_course(many_questions(questions), max_attempts=3)
    attempt = fail_quiz(enrol(learner, course_of(quiz)), quiz)
    client.force_login(learner)
    url = reverse("courses:attempt", args=[attempt.pk])
    client.get(url)  # warms the per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_result_page_queries_do_not_grow_with_the_quiz(client, peer, other_peer):
    small = _result_page_queries(client, peer, 2)
    large = _result_page_queries(client, other_peer, 30)

    assert small == large
    assert large <= RESULT_PAGE_BUDGET
