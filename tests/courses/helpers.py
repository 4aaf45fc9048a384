"""Builders for the courses tests: small quizzes, light course trees, answers and snapshots.

`tests.factories.make_course` publishes every page through a revision, which is realistic but
slow; the builders here add what a test needs on top of the smallest tree that will do.
"""

from datetime import timedelta
from decimal import Decimal

from django.http import QueryDict
from django.utils import timezone

from courses.models import (
    Choice,
    CoursePage,
    Enrolment,
    LessonPage,
    ModulePage,
    Question,
    QuestionKind,
    QuizAttempt,
    QuizPage,
)
from courses.services.enrolments import enrolment_create
from courses.services.progress import lesson_complete
from courses.services.quizzes import quiz_attempt_start, quiz_attempt_submit
from tests.factories import SessionFactory, TrackFactory, catalogue, make_course

_numbers = iter(range(1, 1_000_000))


def add_page(parent, page, *, publish: bool = False):
    """Add a live page under `parent`; `publish` also stores a revision, as the admin would."""
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def light_course(
    *, lessons: int = 1, lesson_minutes: int = 30, quiz: bool = False, **fields
) -> CoursePage:
    """A live course with one module of `lessons` lessons (and a one-question quiz), fast.

    Pages are added without revisions, which is all the learner side needs.
    """
    number = next(_numbers)
    title = fields.pop("title", f"Light course {number}")
    fields.setdefault("track", TrackFactory())
    fields.setdefault("required_contact_hours", Decimal(lessons * lesson_minutes) / 60)
    course = add_page(
        catalogue(),
        CoursePage(
            title=title,
            slug=f"light-course-{number}",
            code=f"L-{number}",
            summary="A light course for tests.",
            **fields,
        ),
    )
    module = add_page(course, ModulePage(title="Module 1", slug="module-1"))
    for lesson_number in range(1, lessons + 1):
        add_page(
            module,
            LessonPage(
                title=f"Lesson 1.{lesson_number}",
                slug=f"lesson-{lesson_number}",
                estimated_minutes=lesson_minutes,
                body=[("paragraph", "<p>Peer support is mutual.</p>")],
            ),
        )
    if quiz:
        add_page(module, quiz_page(many_questions(1, choices=2), pass_mark_percent=50))
    return CoursePage.objects.get(pk=course.pk)


def quiz_page(questions, **options) -> QuizPage:
    """An unsaved quiz; `questions` is a list of (kind, [is_correct, ...]) pairs (a reflection
    has no choices: (QuestionKind.REFLECTION, []))."""
    options.setdefault("pass_mark_percent", 75)
    quiz = QuizPage(title=options.pop("title", "Quiz"), slug=options.pop("slug", "quiz"), **options)
    for number, (kind, flags) in enumerate(questions, start=1):
        question = Question(
            prompt=f"Question {number}?",
            kind=kind,
            sort_order=number,
            explanation=f"Explanation {number}.",
            marking_guide="Names a boundary." if kind == QuestionKind.REFLECTION else "",
        )
        question.choices = [
            Choice(
                text=f"Choice {number}.{i}",
                is_correct=flag,
                sort_order=i,
                feedback=f"Feedback {number}.{i}",
            )
            for i, flag in enumerate(flags, start=1)
        ]
        quiz.questions.add(question)
    return quiz


def make_quiz_course(questions, **options) -> QuizPage:
    """A live course whose only content is one module holding this quiz (no lessons)."""
    course = make_course(modules=1, lessons_per_module=0, quiz=False, required_contact_hours=0)
    module = ModulePage.objects.child_of(course).get()
    return add_page(module, quiz_page(questions, **options))


def make_mixed_quiz(**options) -> QuizPage:
    """A quiz with one question of each kind: single (1 of 3), multiple (2 of 4), true/false."""
    return make_quiz_course(
        [
            (QuestionKind.SINGLE, [True, False, False]),
            (QuestionKind.MULTIPLE, [True, True, False, False]),
            (QuestionKind.TRUE_FALSE, [True, False]),
        ],
        pass_mark_percent=75,
        **options,
    )


def many_questions(count: int, choices: int = 4, kind: str = QuestionKind.SINGLE):
    """`count` questions of one kind, each with its first choice right."""
    return [(kind, [True] + [False] * (choices - 1))] * count


def enrol(learner, course) -> Enrolment:
    return enrolment_create(learner=learner, course=course, acting_user=learner)


def correct_ids(question) -> list[int]:
    return sorted(choice.pk for choice in question.choices.all() if choice.is_correct)


def wrong_ids(question) -> list[int]:
    return sorted(choice.pk for choice in question.choices.all() if not choice.is_correct)


def drawn_questions(attempt: QuizAttempt) -> list[Question]:
    questions = {q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids)}
    return [questions[pk] for pk in attempt.question_ids]


def answers(attempt: QuizAttempt, *, right=None, picks=None) -> QueryDict:
    """POST data for an attempt: every question right (or wrong), with per-question overrides.

    `right` is a set of question ids answered correctly (default all); `picks` maps a question
    id to the exact list of choice ids to send.
    """
    data = QueryDict(mutable=True)
    for question in drawn_questions(attempt):
        if question.kind == QuestionKind.REFLECTION:
            data.setlist(f"q_{question.pk}", [(picks or {}).get(question.pk, REFLECTION)])
            continue
        if picks and question.pk in picks:
            chosen = picks[question.pk]
        elif right is None or question.pk in right:
            chosen = correct_ids(question)
        else:
            chosen = wrong_ids(question)[:1]
        data.setlist(f"q_{question.pk}", [str(value) for value in chosen])
    return data


REFLECTION = "I would keep my story short and bring the focus back to them."


def attempt_snapshot(attempt: QuizAttempt) -> dict:
    """What a tampered or refused submission must leave untouched, as stored."""
    return (
        QuizAttempt.objects.filter(pk=attempt.pk)
        .values(
            "status",
            "answers",
            "results",
            "score_percent",
            "passed",
            "submitted_at",
            "question_ids",
            "choice_orders",
            "seed",
        )
        .get()
    )


def pass_quiz(enrolment: Enrolment, quiz: QuizPage) -> QuizAttempt:
    attempt = quiz_attempt_start(enrolment=enrolment, quiz=quiz, acting_user=enrolment.learner)
    result = quiz_attempt_submit(
        attempt=attempt, data=answers(attempt), acting_user=enrolment.learner
    )
    assert result.attempt.passed
    return result.attempt


def fail_quiz(enrolment: Enrolment, quiz: QuizPage) -> QuizAttempt:
    attempt = quiz_attempt_start(enrolment=enrolment, quiz=quiz, acting_user=enrolment.learner)
    result = quiz_attempt_submit(
        attempt=attempt, data=answers(attempt, right=set()), acting_user=enrolment.learner
    )
    assert result.attempt.passed is False
    return result.attempt


def complete_lessons(enrolment: Enrolment, lessons) -> None:
    for lesson in lessons:
        lesson_complete(enrolment=enrolment, lesson=lesson, acting_user=enrolment.learner)


def lessons_of(page) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(page).order_by("path"))


def quizzes_of(page) -> list[QuizPage]:
    return list(QuizPage.objects.descendant_of(page).order_by("path"))


def past_session(course, *, hours: int = 4, **fields):
    """A session that has already run (attendance can be recorded)."""
    starts_at = timezone.now() - timedelta(days=1)
    return SessionFactory(
        course=course, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours), **fields
    )


def future_session(course, *, hours: int = 4, **fields):
    """A session that has not started (sign-up is open)."""
    starts_at = timezone.now() + timedelta(days=7)
    return SessionFactory(
        course=course, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours), **fields
    )
