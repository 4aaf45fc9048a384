"""Quiz attempts: start, submit, grade. Graded on the server; a submitted attempt never changes.

Both writes are built for a class of peers starting the same quiz at once: no row lock on
anything two learners share, one short transaction each, and a handful of queries whatever
the size of the quiz. The database constraints (one open attempt per learner and quiz,
unique attempt numbers) rather than locks settle a double click.
"""

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.timesince import timeuntil

from lms.core.errors import Conflict, DomainError, NotAllowed
from lms.people.services import notification_send

from ..models import Enrolment, Question, QuestionKind, QuizAttempt, QuizPage
from ..permissions import can_mark_attempt
from ..quiz_rules import quiz_standing
from .completion import enrolment_complete_if_finished

# Network and clock slack allowed after the time limit before a submission is refused.
DEADLINE_GRACE = timedelta(seconds=30)
# A short written reflection: room for a few paragraphs, not an essay.
REFLECTION_MAX_CHARACTERS = 4000
FEEDBACK_MAX_CHARACTERS = 2000


class NextAttemptNotOpenYet(Conflict):
    """The quiz's time between attempts has not passed yet."""

    def __init__(self, opens_at):
        self.opens_at = opens_at
        super().__init__(f"Your next attempt opens {next_attempt_opens_phrase(opens_at)}.")


def next_attempt_opens_phrase(opens_at) -> str:
    """'on December 2, 2026 at 4:10 p.m. (in 25 minutes)', in the site's time zone."""
    local = timezone.localtime(opens_at)
    day = formats.date_format(local, "F j, Y")
    hour = formats.time_format(local, "g:i a")
    return f"on {day} at {hour} (in {timeuntil(opens_at)})"


@dataclass(frozen=True)
class QuestionKey:
    """What drawing and grading need of a question: its kind and its choices, in order."""

    kind: str
    choice_ids: tuple[int, ...]
    correct_ids: frozenset[int]


def _question_keys(quiz_id: int, question_ids=None) -> dict[int, QuestionKey]:
    """The quiz's questions (or those of `question_ids`) in authored order, in one query.

    A question without choices still appears (the outer join gives one row with no choice).
    """
    questions = Question.objects.filter(quiz_id=quiz_id)
    if question_ids is not None:
        questions = questions.filter(pk__in=question_ids)
    rows = questions.order_by("sort_order", "pk", "choices__sort_order", "choices__pk").values_list(
        "pk", "kind", "choices__pk", "choices__is_correct"
    )
    choices: dict[int, list[int]] = {}
    correct: dict[int, set[int]] = {}
    kinds: dict[int, str] = {}
    for question_id, kind, choice_id, is_correct in rows:
        kinds[question_id] = kind
        choices.setdefault(question_id, [])
        correct.setdefault(question_id, set())
        if choice_id is not None:
            choices[question_id].append(choice_id)
            if is_correct:
                correct[question_id].add(choice_id)
    return {
        question_id: QuestionKey(kind, tuple(choices[question_id]), frozenset(correct[question_id]))
        for question_id, kind in kinds.items()
    }


def _draw(
    quiz: QuizPage, seed: int, keys: dict[int, QuestionKey] | None = None
) -> tuple[list[int], dict[str, list[int]]]:
    """The questions and choice orders of one attempt; the same seed always gives the same draw.

    The random calls and their order are part of every stored attempt (and of the scale
    data): change them and old seeds would no longer describe their attempts.
    """
    rng = random.Random(seed)  # noqa: S311 - shuffling, not security
    keys = _question_keys(quiz.pk) if keys is None else keys
    question_ids = list(keys)  # authored order: (sort_order, pk)
    if quiz.pool_size and quiz.pool_size < len(question_ids):
        position = {question_id: index for index, question_id in enumerate(question_ids)}
        question_ids = rng.sample(question_ids, quiz.pool_size)
        question_ids.sort(key=position.__getitem__)
    if quiz.shuffle_questions:
        rng.shuffle(question_ids)
    orders = {}
    for question_id in question_ids:
        choice_ids = list(keys[question_id].choice_ids)
        if quiz.shuffle_choices and keys[question_id].kind != QuestionKind.TRUE_FALSE:
            rng.shuffle(choice_ids)
        orders[str(question_id)] = choice_ids
    return question_ids, orders


def quiz_attempt_start(*, enrolment: Enrolment, quiz: QuizPage, acting_user) -> QuizAttempt:
    """Start an attempt, or return the one already open (a reload or a double click).

    Two reads (this learner's attempts at the quiz, and the quiz's questions), then one
    short transaction that only writes: no row is locked while the draw is worked out, and
    nothing shared by other learners is locked at all. Not `@transaction.atomic` as a whole
    for that reason. Two starts at the same moment both try to insert; the unique
    constraints let one win and the other returns the winner's attempt.
    """
    if enrolment.learner_id != acting_user.pk:
        raise NotAllowed("Only the learner can take their own quiz.")
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise NotAllowed("This course is not active for you, so its quizzes are closed.")
    attempts = _attempts_of(enrolment, quiz)
    now = timezone.now()
    expired = None
    for attempt in attempts:
        if attempt.status == QuizAttempt.Status.IN_PROGRESS:
            if attempt.deadline_at is None or now <= attempt.deadline_at + DEADLINE_GRACE:
                return attempt
            expired = attempt
    if any(attempt.passed for attempt in attempts):
        raise Conflict("You have already passed this quiz.")
    if any(attempt.is_awaiting_marking for attempt in attempts):
        raise Conflict(
            "Your last attempt is waiting for a trainer to mark your written reflection. "
            "You will get a notification when it has been marked."
        )
    used = max((attempt.number for attempt in attempts), default=0)
    if quiz.max_attempts and len(attempts) >= quiz.max_attempts:
        raise Conflict(
            "You have used every attempt at this quiz. Your trainer can talk through next steps."
        )
    if quiz.attempt_delay_minutes:
        if expired is not None:
            # Ran out of time: closed as at its deadline, from which the wait counts.
            _time_out(expired)
            expired = None
        standing = quiz_standing(quiz=quiz, attempts=attempts, now=now)
        if standing.next_attempt_at is not None:
            raise NextAttemptNotOpenYet(standing.next_attempt_at)
    keys = _question_keys(quiz.pk)
    if not keys:
        raise DomainError("This quiz has no questions yet.")
    seed = secrets.randbits(62)
    question_ids, choice_orders = _draw(quiz, seed, keys)
    try:
        with transaction.atomic():
            if expired is not None:
                _time_out(expired)
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
        # Another request (the same learner's double click) started one first: that's the one.
        winner = QuizAttempt.objects.filter(
            enrolment=enrolment, quiz=quiz, status=QuizAttempt.Status.IN_PROGRESS
        ).first()
        if winner is None:
            raise Conflict("An attempt was started at the same moment; please reload.") from error
        return winner


def _attempts_of(enrolment: Enrolment, quiz: QuizPage) -> list[QuizAttempt]:
    return list(QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz))


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


def _drawn_question_keys(attempt: QuizAttempt) -> dict[int, QuestionKey]:
    return _question_keys(attempt.quiz_id, attempt.question_ids)


def parse_answers(
    attempt: QuizAttempt, data, *, keys: dict[int, QuestionKey] | None = None
) -> dict[str, list[int]]:
    """Turn POST data (q_<question id> → choice ids) into answers, refusing anything tampered.

    Every drawn question must be answered, with choices of that question only, and a
    single-choice or true/false question with exactly one.
    """
    keys = _drawn_question_keys(attempt) if keys is None else keys
    expected = {f"q_{qid}" for qid in attempt.question_ids}
    unknown = {key for key in data if isinstance(key, str) and key.startswith("q_")} - expected
    if unknown:
        raise DomainError("The answers include a question that is not part of this attempt.")
    answers = {}
    for question_id in attempt.question_ids:
        if question_id in keys and keys[question_id].kind == QuestionKind.REFLECTION:
            continue  # written: parse_written_answers
        raw = _sent_values(data, f"q_{question_id}")
        if not raw:
            raise DomainError("Please answer every question before submitting.")
        chosen = sorted({_choice_id(value) for value in raw})
        offered = set(attempt.choice_orders.get(str(question_id), []))
        if not set(chosen) <= offered or question_id not in keys:
            raise DomainError("An answer was not one of the offered choices.")
        if keys[question_id].kind != QuestionKind.MULTIPLE and len(chosen) != 1:
            raise DomainError("A single-choice question takes exactly one answer.")
        answers[str(question_id)] = chosen
    return answers


def parse_written_answers(
    attempt: QuizAttempt, data, *, keys: dict[int, QuestionKey]
) -> dict[str, str]:
    """The reflections sent for the attempt's reflection questions (q_<question id> → text)."""
    written = {}
    for question_id in attempt.question_ids:
        if question_id not in keys or keys[question_id].kind != QuestionKind.REFLECTION:
            continue
        raw = _sent_values(data, f"q_{question_id}")
        if len(raw) > 1 or (raw and not isinstance(raw[0], str)):
            raise DomainError("A written answer must be one piece of text.")
        text = raw[0].replace("\r\n", "\n").strip() if raw else ""
        if not text:
            raise DomainError("Please answer every question before submitting.")
        if "\x00" in text:  # PostgreSQL can't store it in JSON; no keyboard types it
            raise DomainError("A written answer contains a character that can't be stored.")
        if len(text) > REFLECTION_MAX_CHARACTERS:
            raise DomainError(
                f"A written answer can be at most {REFLECTION_MAX_CHARACTERS:,} characters "
                f"(this one has {len(text):,})."
            )
        written[str(question_id)] = text
    return written


@dataclass
class QuizResult:
    attempt: QuizAttempt
    already_submitted: bool


def _grade(
    attempt: QuizAttempt, answers: dict[str, list[int]], keys: dict[int, QuestionKey]
) -> tuple[Decimal | None, dict]:
    """The score, or None while a reflection waits for a trainer, and each question's result."""
    results = {}
    awaiting = False
    for question_id in attempt.question_ids:
        key = keys.get(question_id)
        if key is not None and key.kind == QuestionKind.REFLECTION:
            results[str(question_id)] = {"correct": None, "awaiting_marking": True}
            awaiting = True
            continue
        chosen = set(answers.get(str(question_id), []))
        is_right = chosen == (key.correct_ids if key else set())
        results[str(question_id)] = {"correct": is_right}
    if awaiting:
        return None, results
    return _score(attempt, results), results


def _score(attempt: QuizAttempt, results: dict) -> Decimal:
    right = sum(1 for result in results.values() if result.get("correct"))
    score = Decimal(100 * right) / Decimal(len(attempt.question_ids) or 1)
    return score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def quiz_attempt_submit(*, attempt: QuizAttempt, data, acting_user) -> QuizResult:
    """Grade and close an attempt. A replay of a submitted attempt returns its result unchanged.

    Graded before the transaction (one query for the drawn questions); the transaction only
    locks this attempt's own row to confirm it is still open, then stores the result. Of two
    submissions racing, the second finds it submitted and returns the stored result.
    """
    if attempt.enrolment.learner_id != acting_user.pk:
        raise NotAllowed("This attempt belongs to someone else.")
    if attempt.status != QuizAttempt.Status.IN_PROGRESS:
        return QuizResult(_stored(attempt), already_submitted=True)
    now = timezone.now()
    if attempt.deadline_at and now > attempt.deadline_at + DEADLINE_GRACE:
        raise DomainError(
            "The time limit for this attempt has passed, so these answers can't be accepted."
        )
    keys = _drawn_question_keys(attempt)
    answers = parse_answers(attempt, data, keys=keys)
    written = parse_written_answers(attempt, data, keys=keys)
    score, results = _grade(attempt, answers, keys)
    with transaction.atomic():
        status = (
            QuizAttempt.objects.select_for_update()
            .filter(pk=attempt.pk)
            .values_list("status", flat=True)
            .get()
        )
        if status != QuizAttempt.Status.IN_PROGRESS:  # another request submitted it first
            return QuizResult(_stored(attempt), already_submitted=True)
        attempt.answers = answers
        attempt.written_answers = written
        attempt.results = results
        attempt.score_percent = score
        if score is None:  # a trainer marks the reflections; the grade comes then
            attempt.passed = None
            attempt.status = QuizAttempt.Status.AWAITING_MARKING
        else:
            attempt.passed = score >= attempt.quiz.pass_mark_percent
            attempt.status = QuizAttempt.Status.SUBMITTED
        attempt.submitted_at = now
        attempt.save(
            update_fields=[
                "answers",
                "written_answers",
                "results",
                "score_percent",
                "passed",
                "status",
                "submitted_at",
            ]
        )
        if attempt.passed:
            enrolment_complete_if_finished(enrolment_id=attempt.enrolment_id)
    return QuizResult(attempt, already_submitted=False)


def _stored(attempt: QuizAttempt) -> QuizAttempt:
    return QuizAttempt.objects.select_related("quiz", "enrolment").get(pk=attempt.pk)


@dataclass(frozen=True)
class ReflectionMark:
    """A trainer's judgement of one reflection: meets the standard or not yet, and a comment."""

    meets_standard: bool
    feedback: str = ""


def quiz_attempt_mark(
    *, attempt: QuizAttempt, marks: dict[int, ReflectionMark], acting_user
) -> QuizAttempt:
    """Mark an attempt's reflections, grade the whole attempt and, on a pass, check completion.

    Exactly the attempt's reflection questions are marked, all at once. Two trainers marking
    the same attempt: the row lock makes the second wait, then find it marked.
    """
    if not can_mark_attempt(acting_user, attempt):
        raise NotAllowed("Only trainers who may edit this course mark its quizzes.")
    if attempt.enrolment.learner_id == acting_user.pk:
        raise NotAllowed("Your own attempt is marked by another trainer.")
    keys = _drawn_question_keys(attempt)
    reflection_ids = {
        question_id
        for question_id in attempt.question_ids
        if question_id in keys and keys[question_id].kind == QuestionKind.REFLECTION
    }
    if set(marks) != reflection_ids:
        raise DomainError("Please mark every reflection in this attempt.")
    for mark in marks.values():
        if len(mark.feedback) > FEEDBACK_MAX_CHARACTERS or "\x00" in mark.feedback:
            raise DomainError(
                f"Feedback can be at most {FEEDBACK_MAX_CHARACTERS:,} characters of plain text."
            )
    with transaction.atomic():
        locked = (
            QuizAttempt.objects.select_for_update(of=("self",))
            .select_related("quiz", "enrolment")
            .get(pk=attempt.pk)
        )
        if locked.status != QuizAttempt.Status.AWAITING_MARKING:
            raise Conflict("This attempt has already been marked.")
        results = dict(locked.results)
        for question_id, mark in marks.items():
            results[str(question_id)] = {
                "correct": mark.meets_standard,
                "feedback": mark.feedback.strip(),
            }
        locked.results = results
        locked.score_percent = _score(locked, results)
        locked.passed = locked.score_percent >= locked.quiz.pass_mark_percent
        locked.status = QuizAttempt.Status.SUBMITTED
        locked.marked_by = acting_user
        locked.marked_at = timezone.now()
        locked.save(
            update_fields=[
                "results",
                "score_percent",
                "passed",
                "status",
                "marked_by",
                "marked_at",
            ]
        )
        if locked.passed:
            enrolment_complete_if_finished(enrolment_id=locked.enrolment_id)
        outcome = "passed" if locked.passed else "not passed yet"
        notification_send(
            recipient=locked.enrolment.learner,
            message=f"Your attempt at “{locked.quiz.title}” has been marked: {outcome}.",
            url=reverse("courses:attempt", args=[locked.pk]),
        )
    return locked
