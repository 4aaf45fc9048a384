"""Progress through a course (locks, contact hours) and completion, which happens exactly once."""

from decimal import Decimal

import pytest

from certificates.models import CERecord, Credential
from courses.models import Enrolment, LessonProgress
from courses.selectors import enrolment_progress
from courses.services.completion import enrolment_complete_if_finished
from courses.services.enrolments import enrolment_withdraw
from courses.services.progress import lesson_complete, lesson_progress_start
from courses.services.sessions import AttendanceLine, attendance_record
from lms.core.errors import NotAllowed
from tests.courses.helpers import (
    complete_lessons,
    enrol,
    fail_quiz,
    lessons_of,
    light_course,
    pass_quiz,
    past_session,
    quizzes_of,
)
from tests.factories import CECategoryFactory, CredentialTypeFactory, make_course

pytestmark = pytest.mark.django_db


def attend(enrolment, session, hours, trainer=None):
    attendance_record(
        session=session,
        lines=[AttendanceLine(enrolment_id=enrolment.pk, hours=str(hours))],
        acting_user=trainer or session.trainer,
    )


def status_of(enrolment) -> str:
    return Enrolment.objects.get(pk=enrolment.pk).status


# Sequential courses ------------------------------------------------------------------------


@pytest.fixture
def sequential_course(db):
    return make_course(modules=2, lessons_per_module=1, questions=1, sequential=True)


def locks(enrolment) -> list[tuple[bool, list[bool]]]:
    return [
        (module.unlocked, [step.unlocked for step in module.steps])
        for module in enrolment_progress(enrolment).modules
    ]


def test_module_two_opens_once_module_one_lessons_and_quiz_are_done(peer, sequential_course):
    enrolment = enrol(peer, sequential_course)
    (lesson_one, _), (quiz_one, _) = (lessons_of(sequential_course), quizzes_of(sequential_course))
    locked = [(True, [True, True]), (False, [False, False])]
    assert locks(enrolment) == locked

    complete_lessons(enrolment, [lesson_one])
    assert locks(enrolment) == locked  # the module's quiz is still to pass

    fail_quiz(enrolment, quiz_one)
    assert locks(enrolment) == locked  # a failed attempt is not done

    pass_quiz(enrolment, quiz_one)
    assert locks(enrolment) == [(True, [True, True]), (True, [True, True])]


def test_a_course_that_is_not_sequential_opens_every_module(peer, sequential_course):
    sequential_course.sequential = False
    sequential_course.save()

    enrolment = enrol(peer, sequential_course)

    assert locks(enrolment) == [(True, [True, True]), (True, [True, True])]


def test_the_next_step_follows_the_tree_order(peer, sequential_course):
    enrolment = enrol(peer, sequential_course)
    lesson_one, lesson_two = lessons_of(sequential_course)
    quiz_one, _ = quizzes_of(sequential_course)

    assert enrolment_progress(enrolment).next_step.page_id == lesson_one.pk
    complete_lessons(enrolment, [lesson_one])
    assert enrolment_progress(enrolment).next_step.page_id == quiz_one.pk
    pass_quiz(enrolment, quiz_one)
    assert enrolment_progress(enrolment).next_step.page_id == lesson_two.pk


# Contact hours --------------------------------------------------------------------------------


def test_contact_hours_are_completed_lesson_minutes_plus_attendance(peer):
    course = light_course(lessons=2, lesson_minutes=45, required_contact_hours=10)
    enrolment = enrol(peer, course)
    first, second = lessons_of(course)
    morning, afternoon = past_session(course, hours=3), past_session(course, hours=3)

    lesson_complete(enrolment=enrolment, lesson=first, acting_user=peer)
    attend(enrolment, morning, "2.5")
    progress = enrolment_progress(enrolment)
    assert progress.online_hours == Decimal("0.75")
    assert progress.attended_hours == Decimal("2.50")
    assert progress.contact_hours == Decimal("3.25")

    lesson_complete(enrolment=enrolment, lesson=second, acting_user=peer)
    attend(enrolment, afternoon, "1.25")
    progress = enrolment_progress(enrolment)
    assert progress.contact_hours == Decimal("1.50") + Decimal("3.75")
    assert not progress.hours_met
    assert status_of(enrolment) == Enrolment.Status.ACTIVE


def test_a_started_lesson_earns_no_hours(peer):
    course = light_course(lessons=1, lesson_minutes=45)
    enrolment = enrol(peer, course)

    lesson_progress_start(enrolment=enrolment, lesson=lessons_of(course)[0])

    assert enrolment_progress(enrolment).contact_hours == Decimal("0.00")


def test_completing_a_lesson_twice_changes_nothing(peer, enrolment, small_course):
    lesson = lessons_of(small_course)[0]
    first = lesson_complete(enrolment=enrolment, lesson=lesson, acting_user=peer)

    again = lesson_complete(enrolment=enrolment, lesson=lesson, acting_user=peer)

    assert (again.completed_at, again.time_spent_seconds) == (
        first.completed_at,
        first.time_spent_seconds,
    )
    assert LessonProgress.objects.filter(enrolment=enrolment).count() == 1


def test_only_the_active_learner_completes_their_lesson(peer, other_peer, enrolment, small_course):
    lesson = lessons_of(small_course)[0]
    with pytest.raises(NotAllowed):
        lesson_complete(enrolment=enrolment, lesson=lesson, acting_user=other_peer)
    enrolment_withdraw(enrolment=enrolment, acting_user=peer)
    enrolment.refresh_from_db()
    with pytest.raises(NotAllowed):
        lesson_complete(enrolment=enrolment, lesson=lesson, acting_user=peer)
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


# Completion -------------------------------------------------------------------------------------


@pytest.fixture
def blended_course(db):
    """One 30-minute lesson and a one-question quiz, with 2.5 contact hours required."""
    return make_course(
        modules=1, lessons_per_module=1, questions=1, required_contact_hours=Decimal("2.5")
    )


REQUIREMENTS = ("lesson", "quiz", "attendance")


@pytest.mark.parametrize("last", REQUIREMENTS)
def test_completion_happens_when_the_last_requirement_arrives(peer, blended_course, last):
    enrolment = enrol(peer, blended_course)
    session = past_session(blended_course, hours=3)
    do = {
        "lesson": lambda: complete_lessons(enrolment, lessons_of(blended_course)),
        "quiz": lambda: pass_quiz(enrolment, quizzes_of(blended_course)[0]),
        "attendance": lambda: attend(enrolment, session, 2),  # 0.5 h online + 2 h = 2.5 h
    }
    for requirement in REQUIREMENTS:
        if requirement != last:
            do[requirement]()
    assert status_of(enrolment) == Enrolment.Status.ACTIVE
    assert not enrolment_progress(enrolment).is_finished

    do[last]()

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.completed_at is not None


def test_required_hours_hold_completion_until_attendance_covers_them(peer, blended_course):
    enrolment = enrol(peer, blended_course)
    session = past_session(blended_course, hours=3)
    complete_lessons(enrolment, lessons_of(blended_course))
    pass_quiz(enrolment, quizzes_of(blended_course)[0])

    attend(enrolment, session, "1.99")  # 2.49 h of the 2.5 required
    assert status_of(enrolment) == Enrolment.Status.ACTIVE
    assert enrolment_complete_if_finished(enrolment_id=enrolment.pk).status == "active"

    attend(enrolment, session, "2")  # the trainer corrects the hours
    assert status_of(enrolment) == Enrolment.Status.COMPLETED


def test_a_failed_quiz_does_not_complete_the_course(peer, enrolment, small_course):
    complete_lessons(enrolment, lessons_of(small_course))
    fail_quiz(enrolment, quizzes_of(small_course)[0])

    assert status_of(enrolment) == Enrolment.Status.ACTIVE


@pytest.fixture
def certified_course(db):
    return make_course(
        modules=1,
        lessons_per_module=1,
        questions=1,
        credential_type=CredentialTypeFactory(name="Naloxone trainer"),
        ce_hours=Decimal("1.5"),
        ce_category=CECategoryFactory(),
    )


def finish(enrolment, course):
    complete_lessons(enrolment, lessons_of(course))
    pass_quiz(enrolment, quizzes_of(course)[0])


def test_completion_happens_exactly_once(peer, certified_course):
    enrolment = enrol(peer, certified_course)
    finish(enrolment, certified_course)
    enrolment.refresh_from_db()
    completed_at, credential_id = enrolment.completed_at, enrolment.credential_id

    for _ in range(2):
        again = enrolment_complete_if_finished(enrolment_id=enrolment.pk)
        assert (again.status, again.completed_at, again.credential_id) == (
            Enrolment.Status.COMPLETED,
            completed_at,
            credential_id,
        )
    assert Credential.objects.filter(holder=peer).count() == 1
    assert CERecord.objects.filter(holder=peer).count() == 1


def test_completion_issues_the_credential_and_approved_ce(peer, certified_course):
    enrolment = enrol(peer, certified_course)

    finish(enrolment, certified_course)

    enrolment.refresh_from_db()
    credential = Credential.objects.get(holder=peer)
    assert enrolment.credential == credential
    assert credential.credential_type == certified_course.credential_type
    assert credential.source == Credential.Source.COURSE_COMPLETION
    assert credential.status == Credential.Status.ACTIVE
    assert credential.holder_name == peer.certificate_name
    assert credential.course_title == certified_course.title
    assert credential.contact_hours == Decimal("0.50")
    assert credential.ce_hours == Decimal("1.50")
    record = CERecord.objects.get(holder=peer)
    assert record.status == CERecord.Status.APPROVED
    assert record.hours == Decimal("1.50")
    assert record.category == certified_course.ce_category
    assert record.source == CERecord.Source.HUB_COURSE
    assert record.credential == credential


def test_completion_without_credential_or_ce_issues_nothing(peer, enrolment, small_course):
    finish(enrolment, small_course)

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.credential is None
    assert not Credential.objects.exists()
    assert not CERecord.objects.exists()


def test_ce_without_a_credential_type_is_still_recorded(peer):
    course = make_course(modules=1, lessons_per_module=1, quiz=False, ce_hours=2)
    enrolment = enrol(peer, course)

    complete_lessons(enrolment, lessons_of(course))

    assert status_of(enrolment) == Enrolment.Status.COMPLETED
    assert not Credential.objects.exists()
    record = CERecord.objects.get(holder=peer)
    assert (record.hours, record.status, record.credential) == (
        Decimal("2.00"),
        CERecord.Status.APPROVED,
        None,
    )


def test_a_withdrawn_enrolment_is_never_completed(peer, blended_course):
    enrolment = enrol(peer, blended_course)
    finish(enrolment, blended_course)
    enrolment_withdraw(enrolment=enrolment, acting_user=peer)
    blended_course.required_contact_hours = 0  # now everything the course asks for is done
    blended_course.save()

    assert enrolment_complete_if_finished(enrolment_id=enrolment.pk).status == "withdrawn"
    assert status_of(enrolment) == Enrolment.Status.WITHDRAWN
