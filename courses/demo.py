"""Demo courses and learner progress for `seed_demo`. Development only; idempotent."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from certificates.models import CECategory, CredentialType

from . import demo_content
from .models import (
    Choice,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    Question,
    QuestionKind,
    QuizAttempt,
    QuizPage,
    Session,
    Track,
)
from .services.authoring import track_permissions_sync
from .services.enrolments import enrolment_create
from .services.progress import lesson_complete
from .services.quizzes import quiz_attempt_start, quiz_attempt_submit
from .services.sessions import AttendanceLine, attendance_record, session_signup

ETHICS_TRAINERS = "Ethics & Boundaries trainers"
# Which credential type each course awards (codes from certificates' seed migration).
AWARDS = {
    "PS-ETH-40": "peer-support-40-hour",
    "PS-NARCAN-MT": "master-narcan-trainer",
    "PS-CORR-JAIL": "corrections-peer",
    "PS-TRAUMA-GRP": "trauma-facilitator",
    "PS-SACRED-FAM": "sacred-parenting",
    "PS-DOULA-IRD": "indigenous-doula",
}


def _publish(parent, page, user):
    parent.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    return page


def _credential_type_for(spec) -> CredentialType:
    code = AWARDS.get(spec["code"])
    if code:
        return CredentialType.objects.get(code=code)
    credential_type, _ = CredentialType.objects.get_or_create(
        code=f"course-{spec['code'].lower()}",
        defaults={
            "name": f"Certificate: {spec['title']}"[:200],
            "issuer": "One Health Peer Training Hub",
            "kind": CredentialType.Kind.TRAINING_COMPLETION,
            "reminder_offsets": [],
        },
    )
    return credential_type


def _lesson_body(blocks):
    return [(kind, value) for kind, value in blocks]


# Quiz rules for every demo quiz: three attempts, ten minutes apart.
DEMO_QUIZ_RULES = {"max_attempts": 3, "attempt_delay_minutes": 10}

# A practice question a trainer marks, added to the 40-hour course's mutuality check-in.
ETHICS_REFLECTION = {
    "module": 5,
    "prompt": (
        "Scenario: Dana, a peer you have supported for two months, has a hard week and asks "
        'you, "How did you stay sober when your mum died?" You lost your mother during your '
        "own recovery.\n\nIn a few sentences: how would you decide what, if anything, to "
        "share, and how would you bring the conversation back to Dana?"
    ),
    "marking_guide": (
        "Meets the standard when it: shares only with a purpose that serves Dana (not to "
        "unburden yourself); keeps it brief and in the past tense, without graphic detail; "
        "returns the focus to Dana's own strengths and choices; mentions checking in with a "
        "supervisor if unsure."
    ),
    "explanation": (
        "Self-disclosure is a tool of mutuality, used for the other person's benefit: brief, "
        "purposeful, and followed by a return to their experience."
    ),
}


def _build_course(spec, *, catalogue, tracks, categories, author, reflection=None) -> CoursePage:
    course = _publish(
        catalogue,
        CoursePage(
            title=spec["title"],
            slug=spec["code"].lower(),
            code=spec["code"],
            track=tracks[spec["track"]],
            summary=spec["summary"],
            audience=spec["audience"],
            delivery=spec["delivery"],
            required_contact_hours=Decimal(str(spec["required_contact_hours"])),
            estimated_hours=Decimal(str(spec["estimated_hours"])),
            ce_hours=Decimal(str(spec["ce_hours"])),
            ce_category=categories.get(spec["ce_category"]),
            credential_type=_credential_type_for(spec),
            sequential=spec["sequential"],
            presenter="One Health peer training team",
        ),
        author,
    )
    for number, module_spec in enumerate(spec["modules"], start=1):
        module = _publish(
            course,
            ModulePage(
                title=module_spec["title"], slug=f"module-{number}", summary=module_spec["summary"]
            ),
            author,
        )
        for lesson_number, lesson_spec in enumerate(module_spec["lessons"], start=1):
            _publish(
                module,
                LessonPage(
                    title=lesson_spec["title"],
                    slug=f"lesson-{lesson_number}",
                    estimated_minutes=lesson_spec["estimated_minutes"],
                    body=_lesson_body(lesson_spec["body"]),
                ),
                author,
            )
        quiz_spec = module_spec.get("quiz")
        if quiz_spec:
            quiz = QuizPage(
                title=quiz_spec["title"],
                slug="quiz",
                pass_mark_percent=quiz_spec["pass_mark_percent"],
                intro="<p>Take your time. You can try again if you don't pass the first time.</p>",
                **DEMO_QUIZ_RULES,
            )
            for order, question_spec in enumerate(quiz_spec["questions"]):
                question = Question(
                    prompt=question_spec["prompt"],
                    kind=question_spec["kind"],
                    explanation=question_spec["explanation"],
                    sort_order=order,
                )
                question.choices = [
                    Choice(text=text, is_correct=correct, feedback=feedback, sort_order=i)
                    for i, (text, correct, feedback) in enumerate(question_spec["choices"])
                ]
                quiz.questions.add(question)
            if reflection and reflection["module"] == number:
                quiz.questions.add(
                    Question(
                        prompt=reflection["prompt"],
                        kind=QuestionKind.REFLECTION,
                        marking_guide=reflection["marking_guide"],
                        explanation=reflection["explanation"],
                        sort_order=len(quiz_spec["questions"]),
                    )
                )
            _publish(module, quiz, author)
    return course


def _sessions(course: CoursePage, spec, *, trainer, past: int) -> list[Session]:
    """The course's sessions: the first `past` already held, the rest in the coming weeks."""
    today = timezone.localdate()
    sessions = []
    for index, session_spec in enumerate(spec["sessions"]):
        weeks = index - past if index < past else index - past + 1
        day = today + timedelta(weeks=weeks)
        starts = timezone.make_aware(datetime.combine(day, time(9, 0)))
        sessions.append(
            Session.objects.create(
                course=course,
                title=session_spec["title"],
                starts_at=starts,
                ends_at=starts + timedelta(hours=float(session_spec["hours"])),
                location=session_spec["location"],
                trainer=trainer,
                capacity=16,
            )
        )
    return sessions


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


def _study(enrolment, learner, *, modules: int, fail_first_quiz=False):
    """Complete the first `modules` modules: every lesson, and each quiz passed."""
    course = enrolment.course
    for module_index, module in enumerate(ModulePage.objects.child_of(course).live()[:modules]):
        for lesson in LessonPage.objects.child_of(module).live():
            lesson_complete(enrolment=enrolment, lesson=lesson, acting_user=learner)
        for quiz in QuizPage.objects.child_of(module).live():
            _pass_quiz(enrolment, quiz, learner, fail_first=fail_first_quiz and module_index == 0)


def _study_module(enrolment, learner, *, module_index: int):
    module = ModulePage.objects.child_of(enrolment.course).live()[module_index]
    for lesson in LessonPage.objects.child_of(module).live():
        lesson_complete(enrolment=enrolment, lesson=lesson, acting_user=learner)
    for quiz in QuizPage.objects.child_of(module).live():
        _pass_quiz(enrolment, quiz, learner)


def seed(people) -> None:
    lead, trainer = people["lead@example.org"], people["trainer@example.org"]
    if CoursePage.objects.filter(code=demo_content.ETHICS_COURSE["code"]).exists():
        return
    catalogue = CourseIndexPage.objects.get()
    categories = {c.slug: c for c in CECategory.objects.all()}
    tracks = {}
    for order, spec in enumerate(demo_content.TRACKS):
        tracks[spec["slug"]], _ = Track.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "sort_order": order,
            },
        )
    ethics_group, _ = Group.objects.get_or_create(name=ETHICS_TRAINERS)
    trainer.groups.add(ethics_group)
    tracks["ethics-boundaries"].trainer_groups.add(ethics_group)

    build = {"catalogue": catalogue, "tracks": tracks, "categories": categories, "author": lead}
    ethics = _build_course(demo_content.ETHICS_COURSE, **build, reflection=ETHICS_REFLECTION)
    track_courses = {s["code"]: _build_course(s, **build) for s in demo_content.TRACK_COURSES}
    electives = {s["code"]: _build_course(s, **build) for s in demo_content.CE_ELECTIVES}
    track_permissions_sync(track=tracks["ethics-boundaries"])

    ethics_sessions = _sessions(ethics, demo_content.ETHICS_COURSE, trainer=trainer, past=2)
    narcan_spec = next(s for s in demo_content.TRACK_COURSES if s["code"] == "PS-NARCAN-MT")
    narcan = track_courses["PS-NARCAN-MT"]
    narcan_sessions = _sessions(
        narcan, narcan_spec, trainer=trainer, past=len(narcan_spec["sessions"])
    )
    for spec in demo_content.TRACK_COURSES:
        if spec["code"] != "PS-NARCAN-MT":
            _sessions(track_courses[spec["code"]], spec, trainer=trainer, past=0)

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
    enrolment_create(learner=sam, course=track_courses["PS-DOULA-RD"], acting_user=sam)

    # Jordan: finished the suicide-prevention elective; enrolled in the 40-hour course.
    suicide = electives["CE-SUIC-201"]
    jordan_suicide = enrolment_create(learner=jordan, course=suicide, acting_user=jordan)
    _study(jordan_suicide, jordan, modules=99)
    enrolment_create(learner=jordan, course=ethics, acting_user=jordan)
