"""Quiz start and submit under a spike: short, lock-free for anything shared, idempotent, and a
query count that does not grow with the size of the quiz (service and HTTP)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import QuizAttempt
from courses.services import quizzes
from courses.services.quizzes import quiz_attempt_start, quiz_attempt_submit
from tests.courses.helpers import answers, enrol, make_quiz_course, many_questions

pytestmark = pytest.mark.django_db

START_BUDGET = 5  # this learner's attempts, the quiz's questions, and the insert (savepoint)
SUBMIT_BUDGET = 6  # the drawn questions, then lock this attempt, store it (savepoint)


def _quiz_and_enrolment(peer, questions: int, **options):
    quiz = make_quiz_course(many_questions(questions, choices=4), **options)
    return quiz, enrol(peer, quiz.get_parent().get_parent().specific)


def _start(enrolment, quiz):
    return quiz_attempt_start(enrolment=enrolment, quiz=quiz, acting_user=enrolment.learner)


@pytest.mark.parametrize("options", [{}, {"pool_size": 5}], ids=["every-question", "pool"])
def test_start_and_submit_queries_do_not_grow_with_the_quiz(peer, other_peer, options):
    counts = []
    for learner, size in ((peer, 6), (other_peer, 60)):
        quiz, enrolment = _quiz_and_enrolment(learner, size, **options)
        with CaptureQueriesContext(connection) as started:
            attempt = _start(enrolment, quiz)
        # Failing on purpose: a pass also runs the course-completion check (courses.completion).
        wrong = answers(attempt, right=set())
        with CaptureQueriesContext(connection) as submitted:
            result = quiz_attempt_submit(attempt=attempt, data=wrong, acting_user=learner)
        assert result.attempt.passed is False
        counts.append((len(started), len(submitted)))
        assert not any("FOR UPDATE" in q["sql"] for q in started.captured_queries)
    assert counts[0] == counts[1]
    assert counts[1][0] <= START_BUDGET
    assert counts[1][1] <= SUBMIT_BUDGET


def test_a_start_that_loses_a_race_returns_the_winners_attempt(peer, monkeypatch):
    quiz, enrolment = _quiz_and_enrolment(peer, 3)
    winner = _start(enrolment, quiz)
    # As if this request read the attempts just before the other one inserted its own.
    monkeypatch.setattr(quizzes, "_attempts_of", lambda enrolment, quiz: [])

    again = _start(enrolment, quiz)

    assert again.pk == winner.pk
    assert (again.seed, again.question_ids) == (winner.seed, winner.question_ids)
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1


def test_a_submission_racing_another_keeps_the_first_result(peer):
    quiz, enrolment = _quiz_and_enrolment(peer, 3, pass_mark_percent=50)
    attempt = _start(enrolment, quiz)
    first_copy = QuizAttempt.objects.select_related("quiz", "enrolment").get(pk=attempt.pk)
    second_copy = QuizAttempt.objects.select_related("quiz", "enrolment").get(pk=attempt.pk)

    first = quiz_attempt_submit(attempt=first_copy, data=answers(first_copy), acting_user=peer)
    # The second request read the attempt while it was still open.
    second = quiz_attempt_submit(
        attempt=second_copy, data=answers(second_copy, right=set()), acting_user=peer
    )

    assert first.already_submitted is False and first.attempt.passed is True
    assert second.already_submitted is True
    stored = QuizAttempt.objects.get(pk=attempt.pk)
    assert stored.passed is True
    assert stored.answers == first.attempt.answers


def _http_counts(client, learner, size):
    quiz, _enrolment = _quiz_and_enrolment(learner, size)
    client.force_login(learner)
    client.get(quiz.url)  # warms per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as started:
        response = client.post(reverse("courses:quiz_start", args=[quiz.pk]))
    assert response.status_code == 302
    attempt = QuizAttempt.objects.get(enrolment__learner=learner, quiz=quiz)
    with CaptureQueriesContext(connection) as page:
        assert client.get(response.url).status_code == 200
    wrong = answers(attempt, right=set())
    with CaptureQueriesContext(connection) as submitted:
        response = client.post(response.url, wrong)
    assert response.status_code == 302
    return len(started), len(page), len(submitted)


def test_the_quiz_pages_query_counts_do_not_grow_with_the_quiz(client, peer, other_peer):
    small = _http_counts(client, peer, 3)
    large = _http_counts(client, other_peer, 40)

    assert small == large
