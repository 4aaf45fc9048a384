"""Per-quiz rules (attempts allowed, time between attempts, grading method) and reflection
questions a trainer marks, through the quiz services."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import Enrolment, QuestionKind, QuizAttempt, ReviewState
from courses.quiz_rules import quiz_grade, quiz_standing
from courses.selectors import attempts_awaiting_marking
from courses.services.quizzes import (
    NextAttemptNotOpenYet,
    ReflectionMark,
    quiz_attempt_mark,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.core.errors import Conflict, DomainError, NotAllowed
from lms.people.models import Notification
from lms.people.roles import Role
from tests.courses.helpers import (
    answers,
    enrol,
    fail_quiz,
    make_quiz_course,
    many_questions,
    pass_quiz,
)
from tests.factories import CredentialTypeFactory, UserFactory, course_trainer

pytestmark = pytest.mark.django_db


def course_of(quiz):
    return quiz.get_parent().get_parent().specific


def start(enrolment, quiz):
    return quiz_attempt_start(enrolment=enrolment, quiz=quiz, acting_user=enrolment.learner)


def submit(attempt, data=None):
    return quiz_attempt_submit(
        attempt=attempt, data=data or answers(attempt), acting_user=attempt.enrolment.learner
    ).attempt


def backdate(attempt, **delta):
    """As if the attempt had been made that long ago."""
    earlier = timezone.now() - timedelta(**delta)
    QuizAttempt.objects.filter(pk=attempt.pk).update(started_at=earlier, submitted_at=earlier)


# Attempts allowed and time between attempts --------------------------------------------------


def test_attempts_allowed_are_enforced_and_the_standing_says_none_remain(peer):
    quiz = make_quiz_course(many_questions(2), max_attempts=2)
    enrolment = enrol(peer, course_of(quiz))
    fail_quiz(enrolment, quiz)
    fail_quiz(enrolment, quiz)

    with pytest.raises(Conflict, match="used every attempt"):
        start(enrolment, quiz)
    standing = quiz_standing(
        quiz=quiz, attempts=list(QuizAttempt.objects.filter(quiz=quiz)), now=timezone.now()
    )
    assert standing.attempts_left == 0
    assert not standing.can_start
    assert standing.review_state == ReviewState.FINAL


def test_the_next_attempt_opens_after_the_time_between_attempts(peer):
    quiz = make_quiz_course(many_questions(2), attempt_delay_minutes=30)
    enrolment = enrol(peer, course_of(quiz))
    failed = fail_quiz(enrolment, quiz)

    with pytest.raises(NextAttemptNotOpenYet) as refused:
        start(enrolment, quiz)
    assert refused.value.status_code == 409
    assert refused.value.opens_at == failed.submitted_at + timedelta(minutes=30)
    assert "Your next attempt opens on" in refused.value.message
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1

    backdate(failed, minutes=31)
    assert start(enrolment, quiz).number == 2


def test_a_timed_out_attempt_starts_the_wait_from_its_deadline(peer):
    quiz = make_quiz_course(many_questions(2), attempt_delay_minutes=30, time_limit_minutes=5)
    enrolment = enrol(peer, course_of(quiz))
    attempt = start(enrolment, quiz)
    deadline = timezone.now() - timedelta(minutes=1)
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline_at=deadline)

    with pytest.raises(NextAttemptNotOpenYet) as refused:
        start(enrolment, quiz)

    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.TIMED_OUT
    assert refused.value.opens_at == deadline + timedelta(minutes=30)


def test_without_a_time_between_attempts_a_retry_starts_at_once(peer):
    quiz = make_quiz_course(many_questions(2))
    enrolment = enrol(peer, course_of(quiz))
    fail_quiz(enrolment, quiz)

    assert start(enrolment, quiz).number == 2


# Grading method --------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "grade"), [("highest", "50.00"), ("last", "0.00")])
def test_the_grading_method_picks_the_attempt_that_gives_the_grade(peer, method, grade):
    quiz = make_quiz_course(many_questions(2), pass_mark_percent=100, grading_method=method)
    enrolment = enrol(peer, course_of(quiz))
    first = start(enrolment, quiz)
    half = answers(first, right={first.question_ids[0]})
    submit(first, half)
    fail_quiz(enrolment, quiz)

    attempts = list(QuizAttempt.objects.filter(quiz=quiz))
    assert quiz_grade(quiz=quiz, attempts=attempts) == Decimal(grade)


def test_a_passed_quiz_has_its_grade_and_takes_no_more_attempts(peer):
    quiz = make_quiz_course(many_questions(2), grading_method="last")
    enrolment = enrol(peer, course_of(quiz))
    fail_quiz(enrolment, quiz)
    pass_quiz(enrolment, quiz)

    standing = quiz_standing(
        quiz=quiz, attempts=list(QuizAttempt.objects.filter(quiz=quiz)), now=timezone.now()
    )
    assert standing.grade == Decimal("100.00")
    assert standing.review_state == ReviewState.PASSED
    with pytest.raises(Conflict, match="already passed"):
        start(enrolment, quiz)


# Reflections -----------------------------------------------------------------------------------


@pytest.fixture
def reflection_quiz(db):
    """One choice question and one reflection; 100% needed, so the reflection decides."""
    awards = CredentialTypeFactory(name="Mutuality certificate")
    quiz = make_quiz_course(
        [(QuestionKind.SINGLE, [True, False]), (QuestionKind.REFLECTION, [])],
        pass_mark_percent=100,
    )
    course = course_of(quiz)
    course.credential_type = awards
    course.save()
    return quiz


@pytest.fixture
def reflection_enrolment(peer, reflection_quiz):
    return enrol(peer, course_of(reflection_quiz))


@pytest.fixture
def marker(reflection_quiz):
    return course_trainer(course_of(reflection_quiz))


def reflection_id(quiz) -> int:
    return quiz.questions.get(kind=QuestionKind.REFLECTION).pk


def submitted_reflection(enrolment, quiz) -> QuizAttempt:
    attempt = start(enrolment, quiz)
    return QuizAttempt.objects.select_related("quiz", "enrolment").get(pk=submit(attempt).pk)


def test_an_attempt_with_a_reflection_awaits_marking_without_a_score(
    reflection_quiz, reflection_enrolment
):
    attempt = submitted_reflection(reflection_enrolment, reflection_quiz)

    assert attempt.status == QuizAttempt.Status.AWAITING_MARKING
    assert attempt.score_percent is None and attempt.passed is None
    question_id = str(reflection_id(reflection_quiz))
    assert attempt.written_answers == {
        question_id: "I would keep my story short and bring the focus back to them."
    }
    assert attempt.results[question_id] == {"correct": None, "awaiting_marking": True}
    assert question_id not in attempt.answers
    with pytest.raises(Conflict, match="waiting for a trainer"):
        start(reflection_enrolment, reflection_quiz)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("   ", "Please answer every question"),
        ("x" * 4001, "at most 4,000 characters"),
        ("a\x00b", "can't be stored"),
    ],
    ids=["blank", "too-long", "nul"],
)
def test_a_reflection_that_cannot_be_stored_is_refused(
    reflection_quiz, reflection_enrolment, text, problem
):
    attempt = start(reflection_enrolment, reflection_quiz)

    with pytest.raises(DomainError, match=problem):
        submit(attempt, answers(attempt, picks={reflection_id(reflection_quiz): text}))
    assert QuizAttempt.objects.get(pk=attempt.pk).is_open


def test_two_values_for_one_reflection_are_refused(reflection_quiz, reflection_enrolment):
    attempt = start(reflection_enrolment, reflection_quiz)
    data = answers(attempt)
    data.setlist(f"q_{reflection_id(reflection_quiz)}", ["one", "two"])

    with pytest.raises(DomainError, match="one piece of text"):
        submit(attempt, data)


def test_a_marked_reflection_passes_the_quiz_completes_the_course_and_tells_the_learner(
    reflection_quiz, reflection_enrolment, marker, peer
):
    attempt = submitted_reflection(reflection_enrolment, reflection_quiz)

    marked = quiz_attempt_mark(
        attempt=attempt,
        marks={reflection_id(reflection_quiz): ReflectionMark(True, "  Clear and kind.  ")},
        acting_user=marker,
    )

    assert marked.status == QuizAttempt.Status.SUBMITTED
    assert (marked.score_percent, marked.passed) == (Decimal("100.00"), True)
    assert (marked.marked_by, marked.marked_at is not None) == (marker, True)
    assert marked.results[str(reflection_id(reflection_quiz))] == {
        "correct": True,
        "feedback": "Clear and kind.",
    }
    enrolment = Enrolment.objects.get(pk=reflection_enrolment.pk)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.credential.title == "Mutuality certificate"
    note = Notification.objects.get(recipient=peer, message__contains="marked")
    assert "has been marked: passed" in note.message
    assert note.url == f"/learn/attempts/{attempt.pk}/"


def test_a_reflection_marked_not_yet_fails_the_attempt_and_allows_a_retry(
    reflection_quiz, reflection_enrolment, marker
):
    attempt = submitted_reflection(reflection_enrolment, reflection_quiz)

    marked = quiz_attempt_mark(
        attempt=attempt,
        marks={reflection_id(reflection_quiz): ReflectionMark(False, "Say more.")},
        acting_user=marker,
    )

    assert (marked.score_percent, marked.passed) == (Decimal("50.00"), False)
    assert Enrolment.objects.get(pk=reflection_enrolment.pk).status == Enrolment.Status.ACTIVE
    assert start(reflection_enrolment, reflection_quiz).number == 2


def test_an_attempt_is_marked_once(reflection_quiz, reflection_enrolment, marker):
    attempt = submitted_reflection(reflection_enrolment, reflection_quiz)
    marks = {reflection_id(reflection_quiz): ReflectionMark(True)}
    quiz_attempt_mark(attempt=attempt, marks=marks, acting_user=marker)

    with pytest.raises(Conflict, match="already been marked"):
        quiz_attempt_mark(attempt=attempt, marks=marks, acting_user=marker)


def test_every_reflection_must_be_marked(reflection_quiz, reflection_enrolment, marker):
    attempt = submitted_reflection(reflection_enrolment, reflection_quiz)
    choice_question = reflection_quiz.questions.get(kind=QuestionKind.SINGLE).pk

    for marks in ({}, {choice_question: ReflectionMark(True)}):
        with pytest.raises(DomainError, match="mark every reflection"):
            quiz_attempt_mark(attempt=attempt, marks=marks, acting_user=marker)
    assert QuizAttempt.objects.get(pk=attempt.pk).is_awaiting_marking


def test_only_trainers_who_may_edit_the_course_mark_it(
    reflection_quiz, reflection_enrolment, marker, peer, other_peer, trainer
):
    attempt = submitted_reflection(reflection_enrolment, reflection_quiz)
    marks = {reflection_id(reflection_quiz): ReflectionMark(True)}
    other_course_trainer = course_trainer(course_of(make_quiz_course(many_questions(1))))
    # Edit rights without a trainer role (e.g. a peer who once helped author) don't mark either.
    not_a_trainer = UserFactory(roles=[Role.PEER])
    not_a_trainer.groups.add(*marker.groups.exclude(name=Role.TRAINER))

    for someone in (peer, other_peer, trainer, other_course_trainer, not_a_trainer):
        with pytest.raises(NotAllowed):
            quiz_attempt_mark(attempt=attempt, marks=marks, acting_user=someone)
            quiz_attempt_mark(attempt=attempt, marks=marks, acting_user=someone)
    assert QuizAttempt.objects.get(pk=attempt.pk).is_awaiting_marking


def test_the_marking_queue_holds_the_attempts_a_trainer_may_mark(
    reflection_quiz, reflection_enrolment, marker, lead_trainer, trainer, other_peer
):
    waiting = submitted_reflection(reflection_enrolment, reflection_quiz)
    elsewhere = make_quiz_course([(QuestionKind.REFLECTION, [])])
    submitted_reflection(enrol(other_peer, course_of(elsewhere)), elsewhere)

    assert list(attempts_awaiting_marking(user=marker)) == [waiting]
    assert len(attempts_awaiting_marking(user=lead_trainer)) == 2  # lead trainers edit all
    assert list(attempts_awaiting_marking(user=trainer)) == []
    assert list(attempts_awaiting_marking(user=reflection_enrolment.learner)) == []
