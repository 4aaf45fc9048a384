"""Demo courses and learner progress for `seed_demo`. Development only; idempotent.

The courses themselves are course packages in `courses/curricula/` (docs/course-packages.md),
imported and published through `courses.packages`; this module schedules their sessions and
gives the demo people their progress.
"""

from datetime import datetime, time, timedelta
from pathlib import Path

from django.contrib.auth.models import Group
from django.utils import timezone

from .models import (
    CourseIndexPage,
    CoursePage,
    LessonPage,
    LessonProgress,
    ModulePage,
    QuestionKind,
    QuizAttempt,
    QuizPage,
    Session,
    SessionSignup,
    Track,
)
from .packages.files import package_files_from_folder
from .packages.importer import course_package_import
from .services.authoring import track_permissions_sync
from .services.enrolments import enrolment_create
from .services.progress import lesson_complete
from .services.quizzes import quiz_attempt_start, quiz_attempt_submit
from .services.sessions import AttendanceLine, attendance_record, session_signup

CURRICULA = Path(__file__).resolve().parent / "curricula"
# The demo's packages, in catalogue order (each folder is its course code in lower case).
DEMO_PACKAGES = [
    "ps-eth-40",
    "ps-doula-rd",
    "ps-doula-ird",
    "ps-narcan-mt",
    "ps-corr-jail",
    "ps-trauma-grp",
    "ps-sacred-fam",
    "ce-mhfa-101",
    "ce-deesc-101",
    "ce-aces-101",
    "ce-mi-101",
    "ce-esc-101",
    "ce-stroke-101",
    "ce-suic-201",
    "ce-pedod-101",
]
# How many of a course's sessions were already held (weekly, up to last week); the rest are
# weekly from next week. The Narcan trainer course's one session is over.
PAST_SESSIONS = {"PS-ETH-40": 2, "PS-NARCAN-MT": 1}
ETHICS_TRAINERS = "Ethics & Boundaries trainers"


def _weekly(past: int):
    """Session starts at 09:00: the first `past` in the weeks before today, then weekly."""
    today = timezone.localdate()

    def starts(index, _spec):
        weeks = index - past if index < past else index - past + 1
        day = today + timedelta(weeks=weeks)
        return timezone.make_aware(datetime.combine(day, time(9, 0)))

    return starts


DEMO_REFLECTION_ANSWER = (
    "I'd pause and ask myself whether sharing would help Dana or just me. If it helps, I'd "
    "say briefly that I lost my mum in early recovery and that leaning on my meetings and one "
    "trusted friend got me through, without the details. Then I'd ask Dana what has helped "
    "her get through hard weeks before, and what she needs this week."
)


def _pass_quiz(enrolment, quiz, learner, *, fail_first=False):
    for wants_pass in [False, True] if fail_first else [True]:
        attempt = quiz_attempt_start(enrolment=enrolment, quiz=quiz, acting_user=learner)
        answers = {}
        for question in quiz.questions.all():
            if question.kind == QuestionKind.REFLECTION:
                answers[f"q_{question.pk}"] = [DEMO_REFLECTION_ANSWER]
                continue
            choices = list(question.choices.all())
            right = [c.pk for c in choices if c.is_correct]
            wrong = [c.pk for c in choices if not c.is_correct][:1] or right
            answers[f"q_{question.pk}"] = right if wants_pass else wrong
        quiz_attempt_submit(attempt=attempt, data=_MultiDict(answers), acting_user=learner)
        if not wants_pass:
            # The failed attempt was yesterday, so the time between attempts has passed.
            yesterday = timezone.now() - timedelta(days=1)
            QuizAttempt.objects.filter(pk=attempt.pk).update(
                started_at=yesterday, submitted_at=yesterday
            )


class _MultiDict(dict):
    def getlist(self, key):
        return [str(value) for value in self.get(key, [])]


def _read_and_complete(enrolment, lesson, learner) -> None:
    """Complete a lesson as a learner would, after reading it for about its estimated time
    (70% to 130%, varying by lesson), so the demo's analytics show time per lesson."""
    share = 0.7 + (lesson.pk * 37 % 61) / 100
    opened = timezone.now() - timedelta(minutes=lesson.estimated_minutes * share)
    LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"started_at": opened}
    )
    lesson_complete(enrolment=enrolment, lesson=lesson, acting_user=learner)


def _study(enrolment, learner, *, modules: int, fail_first_quiz=False):
    """Complete the first `modules` modules: every lesson, and each quiz passed."""
    course = enrolment.course
    for module_index, module in enumerate(ModulePage.objects.child_of(course).live()[:modules]):
        for lesson in LessonPage.objects.child_of(module).live():
            _read_and_complete(enrolment, lesson, learner)
        for quiz in QuizPage.objects.child_of(module).live():
            _pass_quiz(enrolment, quiz, learner, fail_first=fail_first_quiz and module_index == 0)


def _study_module(enrolment, learner, *, module_index: int):
    module = ModulePage.objects.child_of(enrolment.course).live()[module_index]
    for lesson in LessonPage.objects.child_of(module).live():
        _read_and_complete(enrolment, lesson, learner)
    for quiz in QuizPage.objects.child_of(module).live():
        _pass_quiz(enrolment, quiz, learner)


def _doula_partial_attendance(doula, jordan, trainer) -> None:
    """Jordan started Recovery Doula Foundations (whose certificate allows partial credit),
    did the first module and left last week's skills day after 2 of its 4 hours: the
    session's attendance page offers the trainer a certificate for the hours attended."""
    enrolment = enrolment_create(learner=jordan, course=doula, acting_user=jordan)
    _study(enrolment, jordan, modules=1)
    starts = timezone.make_aware(
        datetime.combine(timezone.localdate() - timedelta(days=6), time(9)),
    )
    session = Session.objects.create(
        course=doula,
        title="Labour support skills practice (autumn group)",
        starts_at=starts,
        ends_at=starts + timedelta(hours=4),
        location="One Health Miles City clinic, community room",
        trainer=trainer,
        capacity=16,
    )
    SessionSignup.objects.create(session=session, enrolment=enrolment)
    attendance_record(
        session=session, lines=[AttendanceLine(enrolment.pk, "2")], acting_user=trainer
    )


def seed(people) -> None:
    lead, trainer = people["lead@example.org"], people["trainer@example.org"]
    if CoursePage.objects.filter(code="PS-ETH-40").exists():
        return
    catalogue = CourseIndexPage.objects.get()
    courses, sessions = {}, {}
    for name in DEMO_PACKAGES:
        code = name.upper()
        result = course_package_import(
            source=package_files_from_folder(CURRICULA / name),
            parent=catalogue,
            acting_user=lead,
            publish=True,
            schedule=_weekly(PAST_SESSIONS.get(code, 0)),
            session_trainer=trainer,
        )
        courses[code], sessions[code] = result.course, result.sessions_created
    ethics_group, _ = Group.objects.get_or_create(name=ETHICS_TRAINERS)
    trainer.groups.add(ethics_group)
    ethics_track = Track.objects.get(slug="ethics-boundaries")
    ethics_track.trainer_groups.add(ethics_group)
    track_permissions_sync(track=ethics_track)

    ethics, narcan = courses["PS-ETH-40"], courses["PS-NARCAN-MT"]
    ethics_sessions, narcan_sessions = sessions["PS-ETH-40"], sessions["PS-NARCAN-MT"]
    sam, jordan = people["peer@example.org"], people["peer2@example.org"]
    # Sam: halfway through the 40-hour course, has completed the Narcan trainer course,
    # and has just enrolled in the Recovery Doula course.
    sam_ethics = enrolment_create(learner=sam, course=ethics, acting_user=sam)
    _study(sam_ethics, sam, modules=4, fail_first_quiz=True)
    # Module 5: lessons done, and the check-in with a reflection waits for a trainer's marking.
    _study_module(sam_ethics, sam, module_index=4)
    for session in ethics_sessions[:3]:
        if session.starts_at > timezone.now():
            session_signup(session=session, enrolment=sam_ethics, acting_user=sam)
    for session in ethics_sessions[:2]:
        attendance_record(
            session=session,
            lines=[AttendanceLine(sam_ethics.pk, str(session.hours))],
            acting_user=trainer,
        )
    sam_narcan = enrolment_create(learner=sam, course=narcan, acting_user=sam)
    _study(sam_narcan, sam, modules=99)
    for session in narcan_sessions:
        attendance_record(
            session=session,
            lines=[AttendanceLine(sam_narcan.pk, str(session.hours))],
            acting_user=trainer,
        )
    enrolment_create(learner=sam, course=courses["PS-DOULA-RD"], acting_user=sam)

    # Jordan: finished the suicide-prevention elective; enrolled in the 40-hour course.
    suicide = courses["CE-SUIC-201"]
    jordan_suicide = enrolment_create(learner=jordan, course=suicide, acting_user=jordan)
    _study(jordan_suicide, jordan, modules=99)
    enrolment_create(learner=jordan, course=ethics, acting_user=jordan)
    _doula_partial_attendance(courses["PS-DOULA-RD"], jordan, trainer)
