"""Data for the analytics tests: learners at different points of a course."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from courses.models import (
    Attendance,
    Enrolment,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    QuizPage,
    SessionSignup,
)
from tests.factories import SessionFactory, UserFactory


def lessons_of(course) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def learners_in(course, *, count: int, lessons_done: int, status="active", days_ago=1, minutes=10):
    """`count` learners who finished the first `lessons_done` lessons, each in `minutes`."""
    lessons = lessons_of(course)
    done_at = timezone.now() - timedelta(days=days_ago)
    enrolments = []
    for _ in range(count):
        enrolment = Enrolment.objects.create(
            learner=UserFactory(),
            course=course,
            status=status,
            completed_at=done_at if status == "completed" else None,
            withdrawn_at=done_at if status == "withdrawn" else None,
        )
        for lesson in lessons[:lessons_done]:
            LessonProgress.objects.create(
                enrolment=enrolment,
                lesson=lesson,
                started_at=done_at - timedelta(minutes=minutes),
                completed_at=done_at,
                time_spent_seconds=minutes * 60,
            )
        enrolments.append(enrolment)
    return enrolments


def quiz_passes(course, enrolments):
    quiz = QuizPage.objects.descendant_of(course).order_by("path").first()
    now = timezone.now()
    for enrolment in enrolments:
        QuizAttempt.objects.create(
            enrolment=enrolment,
            quiz=quiz,
            number=1,
            seed=1,
            question_ids=[],
            status=QuizAttempt.Status.SUBMITTED,
            started_at=now - timedelta(minutes=5),
            submitted_at=now,
            score_percent=100,
            passed=True,
        )


def session_with_attendance(course, enrolments, *, attended: int, trainer):
    session = SessionFactory(course=course, trainer=trainer)
    for number, enrolment in enumerate(enrolments):
        SessionSignup.objects.create(session=session, enrolment=enrolment)
        if number < attended:
            Attendance.objects.create(
                session=session, enrolment=enrolment, hours=Decimal("4"), recorded_by=trainer
            )
    return session
