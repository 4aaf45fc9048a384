"""Quiz attempts: start, submit, grade. Graded on the server; a submitted attempt never changes."""

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.errors import Conflict, DomainError, NotAllowed

from ..models import Enrolment, QuestionKind, QuizAttempt, QuizPage
from .completion import enrolment_complete_if_finished

# Network and clock slack allowed after the time limit before a submission is refused.
DEADLINE_GRACE = timedelta(seconds=30)


def _draw(quiz: QuizPage, seed: int) -> tuple[list[int], dict[str, list[int]]]:
    """The questions and choice orders of one attempt; the same seed always gives the same draw."""
    rng = random.Random(seed)  # noqa: S311 - shuffling, not security
    questions = list(quiz.questions.prefetch_related("choices").order_by("sort_order", "pk"))
    if quiz.pool_size and quiz.pool_size < len(questions):
        questions = rng.sample(questions, quiz.pool_size)
        questions.sort(key=lambda q: (q.sort_order, q.pk))
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    orders = {}
    for question in questions:
        choice_ids = [choice.pk for choice in question.choices.all()]
        if quiz.shuffle_choices and question.kind != QuestionKind.TRUE_FALSE:
            rng.shuffle(choice_ids)
        orders[str(question.pk)] = choice_ids
    return [question.pk for question in questions], orders


@transaction.atomic
def quiz_attempt_start(*, enrolment: Enrolment, quiz: QuizPage, acting_user) -> QuizAttempt:
    """Start an attempt, or return the one already open (a reload or a double click)."""
    if enrolment.learner_id != acting_user.pk:
        raise NotAllowed("Only the learner can take their own quiz.")
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise NotAllowed("This course is not active for you, so its quizzes are closed.")
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    attempts = QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz)
    now = timezone.now()
    open_attempt = attempts.filter(status=QuizAttempt.Status.IN_PROGRESS).first()
    if open_attempt is not None:
        if open_attempt.deadline_at is None or now <= open_attempt.deadline_at + DEADLINE_GRACE:
            return open_attempt
        _time_out(open_attempt)
    if attempts.filter(passed=True).exists():
        raise Conflict("You have already passed this quiz.")
    used = attempts.count()
    if quiz.max_attempts and used >= quiz.max_attempts:
        raise Conflict(
            "You have used every attempt at this quiz. Your trainer can talk through next steps."
        )
    if not quiz.questions.exists():
        raise DomainError("This quiz has no questions yet.")
    seed = secrets.randbits(62)
    question_ids, choice_orders = _draw(quiz, seed)
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(
                enrolment=enrolment,
                quiz=quiz,
                number=used + 1,
                seed=seed,
                question_ids=question_ids,
                choice_orders=choice_orders,
                started_at=now,
                deadline_at=now + timedelta(minutes=quiz.time_limit_minutes)
                if quiz.time_limit_minutes
                else None,
            )
    except IntegrityError as error:
        raise Conflict("An attempt was started at the same moment; please reload.") from error


def _time_out(attempt: QuizAttempt) -> None:
    attempt.status = QuizAttempt.Status.TIMED_OUT
    attempt.passed = False
    attempt.score_percent = Decimal("0")
    attempt.submitted_at = attempt.deadline_at
    attempt.save(update_fields=["status", "passed", "score_percent", "submitted_at"])


def _sent_values(data, key: str) -> list:
    """The values sent for one question: a form gives a list, a plain dict may give one value."""
    if hasattr(data, "getlist"):
        return data.getlist(key)
    raw = data.get(key)
    if raw is None:
        return []
    # A lone string must stay one value: iterating "12" would read it as choices 1 and 2.
    return list(raw) if isinstance(raw, list | tuple) else [raw]


def _choice_id(value) -> int:
    """A choice id as sent: an int, or a string of ASCII digits; never a float, bool or '1.0'."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        try:
            return int(value)
        except ValueError:  # more digits than Python converts: no choice has such an id
            pass
    raise DomainError("An answer was not one of the offered choices.")


def parse_answers(attempt: QuizAttempt, data) -> dict[str, list[int]]:
    """Turn POST data (q_<question id> → choice ids) into answers, refusing anything tampered.

    Every drawn question must be answered, with choices of that question only, and a
    single-choice or true/false question with exactly one.
    """
    kinds = dict(
        attempt.quiz.questions.filter(pk__in=attempt.question_ids).values_list("pk", "kind")
    )
    expected = {f"q_{qid}" for qid in attempt.question_ids}
    unknown = {key for key in data if isinstance(key, str) and key.startswith("q_")} - expected
    if unknown:
        raise DomainError("The answers include a question that is not part of this attempt.")
    answers = {}
    for question_id in attempt.question_ids:
        raw = _sent_values(data, f"q_{question_id}")
        if not raw:
            raise DomainError("Please answer every question before submitting.")
        chosen = sorted({_choice_id(value) for value in raw})
        offered = set(attempt.choice_orders.get(str(question_id), []))
        if not set(chosen) <= offered or question_id not in kinds:
            raise DomainError("An answer was not one of the offered choices.")
        if kinds[question_id] != QuestionKind.MULTIPLE and len(chosen) != 1:
            raise DomainError("A single-choice question takes exactly one answer.")
        answers[str(question_id)] = chosen
    return answers


@dataclass
class QuizResult:
    attempt: QuizAttempt
    already_submitted: bool


def _grade(attempt: QuizAttempt, answers: dict[str, list[int]]) -> tuple[Decimal, dict]:
    questions = attempt.quiz.questions.filter(pk__in=attempt.question_ids).prefetch_related(
        "choices"
    )
    correct_ids = {q.pk: {c.pk for c in q.choices.all() if c.is_correct} for q in questions}
    results = {}
    right = 0
    for question_id in attempt.question_ids:
        chosen = set(answers.get(str(question_id), []))
        is_right = chosen == correct_ids.get(question_id, set())
        right += is_right
        results[str(question_id)] = {"correct": is_right}
    score = Decimal(100 * right) / Decimal(len(attempt.question_ids) or 1)
    return score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), results


@transaction.atomic
def quiz_attempt_submit(*, attempt: QuizAttempt, data, acting_user) -> QuizResult:
    """Grade and close an attempt. A replay of a submitted attempt returns its result unchanged."""
    attempt = (
        QuizAttempt.objects.select_for_update(of=("self",))
        .select_related("quiz", "enrolment")
        .get(pk=attempt.pk)
    )
    if attempt.enrolment.learner_id != acting_user.pk:
        raise NotAllowed("This attempt belongs to someone else.")
    if attempt.status != QuizAttempt.Status.IN_PROGRESS:
        return QuizResult(attempt, already_submitted=True)
    now = timezone.now()
    if attempt.deadline_at and now > attempt.deadline_at + DEADLINE_GRACE:
        raise DomainError(
            "The time limit for this attempt has passed, so these answers can't be accepted."
        )
    answers = parse_answers(attempt, data)
    score, results = _grade(attempt, answers)
    attempt.answers = answers
    attempt.results = results
    attempt.score_percent = score
    attempt.passed = score >= attempt.quiz.pass_mark_percent
    attempt.status = QuizAttempt.Status.SUBMITTED
    attempt.submitted_at = now
    attempt.save(
        update_fields=["answers", "results", "score_percent", "passed", "status", "submitted_at"]
    )
    if attempt.passed:
        enrolment_complete_if_finished(enrolment_id=attempt.enrolment_id)
    return QuizResult(attempt, already_submitted=False)
