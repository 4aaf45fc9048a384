"""Read queries for courses and learning. Each keeps its query count flat as data grows."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Q, Sum
from django.utils import timezone
from wagtail.models import Site

from certificates import selectors as certificate_selectors

from .models import (
    Attendance,
    CoursePage,
    Delivery,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
    QuizAttempt,
    QuizPage,
    Session,
    SessionSignup,
    Track,
)

HOURS = Decimal("0.01")


@dataclass
class Step:
    """A lesson or quiz in a course, in tree order."""

    page_id: int
    kind: str  # "lesson" | "quiz"
    title: str
    url: str
    minutes: int = 0
    done: bool = False
    unlocked: bool = True


@dataclass
class Module:
    page_id: int
    title: str
    summary: str
    steps: list[Step] = field(default_factory=list)
    unlocked: bool = True

    @property
    def done(self) -> bool:
        return all(step.done for step in self.steps)


@dataclass
class CourseProgress:
    enrolment: Enrolment
    modules: list[Module]
    lessons_done: int
    lessons_total: int
    quizzes_passed: int
    quizzes_total: int
    online_hours: Decimal
    attended_hours: Decimal
    required_hours: Decimal

    @property
    def contact_hours(self) -> Decimal:
        return (self.online_hours + self.attended_hours).quantize(HOURS)

    @property
    def hours_met(self) -> bool:
        return self.contact_hours >= self.required_hours

    @property
    def is_finished(self) -> bool:
        """Everything completion asks for: lessons, quizzes and contact hours."""
        return (
            self.lessons_done == self.lessons_total
            and self.quizzes_passed == self.quizzes_total
            and self.hours_met
        )

    @property
    def percent(self) -> int:
        parts = []
        if self.lessons_total:
            parts.append(self.lessons_done / self.lessons_total)
        if self.quizzes_total:
            parts.append(self.quizzes_passed / self.quizzes_total)
        if self.required_hours:
            parts.append(min(float(self.contact_hours / self.required_hours), 1.0))
        if not parts:
            return 100 if self.enrolment.status == Enrolment.Status.COMPLETED else 0
        return round(100 * sum(parts) / len(parts))

    @property
    def next_step(self) -> Step | None:
        for module in self.modules:
            for step in module.steps:
                if step.unlocked and not step.done:
                    return step
        return None

    def step_for(self, page_id: int) -> Step | None:
        for module in self.modules:
            for step in module.steps:
                if step.page_id == page_id:
                    return step
        return None


def _relative_url(url_path: str) -> str:
    """A page's URL from its url_path, using Wagtail's cached site roots (no query per page)."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return url_path


def _under_any(paths: list[str]) -> Q:
    return reduce(or_, (Q(path__startswith=path) for path in paths), Q(pk__in=[]))


def course_outlines(courses: list[CoursePage]) -> dict[int, list[Module]]:
    """Each course's live modules with their lessons and quizzes in tree order (3 queries)."""
    if not courses:
        return {}
    course_by_path = {course.path: course.pk for course in courses}
    under = _under_any(list(course_by_path))
    prefix = len(next(iter(course_by_path)))
    modules = ModulePage.objects.live().filter(under).order_by("path")
    modules = modules.only("id", "title", "path", "summary")
    lessons = (
        LessonPage.objects.live()
        .filter(under)
        .only("id", "title", "path", "url_path", "estimated_minutes")
    )
    quizzes = QuizPage.objects.live().filter(under).only("id", "title", "path", "url_path")

    outlines: dict[int, list[Module]] = defaultdict(list)
    module_by_path: dict[str, Module] = {}
    for module_page in modules:
        module = Module(module_page.pk, module_page.title, module_page.summary)
        module_by_path[module_page.path] = module
        outlines[course_by_path[module_page.path[:prefix]]].append(module)
    steps = [
        (
            lesson.path,
            Step(
                lesson.pk,
                "lesson",
                lesson.title,
                _relative_url(lesson.url_path),
                lesson.estimated_minutes,
            ),
        )
        for lesson in lessons
    ] + [
        (quiz.path, Step(quiz.pk, "quiz", quiz.title, _relative_url(quiz.url_path)))
        for quiz in quizzes
    ]
    module_path_length = prefix + ModulePage.steplen
    for path, step in sorted(steps, key=lambda item: item[0]):
        module = module_by_path.get(path[:module_path_length])
        if module is not None:
            module.steps.append(step)
    return {course.pk: outlines.get(course.pk, []) for course in courses}


def enrolment_progress_many(enrolments: list[Enrolment]) -> dict[int, CourseProgress]:
    """Progress of many enrolments in a fixed number of queries (about 6)."""
    if not enrolments:
        return {}
    courses = {enrolment.course_id: enrolment.course for enrolment in enrolments}
    outlines = course_outlines(list(courses.values()))
    ids = [enrolment.pk for enrolment in enrolments]
    completed_lessons = defaultdict(set)
    for enrolment_id, lesson_id in LessonProgress.objects.filter(
        enrolment_id__in=ids, completed_at__isnull=False
    ).values_list("enrolment_id", "lesson_id"):
        completed_lessons[enrolment_id].add(lesson_id)
    passed_quizzes = defaultdict(set)
    for enrolment_id, quiz_id in (
        QuizAttempt.objects.filter(enrolment_id__in=ids, passed=True)
        .values_list("enrolment_id", "quiz_id")
        .distinct()
    ):
        passed_quizzes[enrolment_id].add(quiz_id)
    attended = dict(
        Attendance.objects.filter(enrolment_id__in=ids)
        .values("enrolment_id")
        .annotate(total=Sum("hours"))
        .values_list("enrolment_id", "total")
    )

    progress = {}
    for enrolment in enrolments:
        course = courses[enrolment.course_id]
        modules = [
            Module(m.page_id, m.title, m.summary, [Step(**vars(s)) for s in m.steps])
            for m in outlines[course.pk]
        ]
        done_lessons, done_quizzes = completed_lessons[enrolment.pk], passed_quizzes[enrolment.pk]
        previous_done = True
        online_minutes = 0
        for module in modules:
            module.unlocked = previous_done or not course.sequential
            for step in module.steps:
                step.unlocked = module.unlocked
                step.done = step.page_id in (
                    done_lessons if step.kind == "lesson" else done_quizzes
                )
                if step.kind == "lesson" and step.done:
                    online_minutes += step.minutes
            previous_done = previous_done and module.done
        all_steps = [step for module in modules for step in module.steps]
        lessons = [step for step in all_steps if step.kind == "lesson"]
        quizzes = [step for step in all_steps if step.kind == "quiz"]
        progress[enrolment.pk] = CourseProgress(
            enrolment=enrolment,
            modules=modules,
            lessons_done=sum(step.done for step in lessons),
            lessons_total=len(lessons),
            quizzes_passed=sum(step.done for step in quizzes),
            quizzes_total=len(quizzes),
            online_hours=(Decimal(online_minutes) / 60).quantize(HOURS),
            attended_hours=(attended.get(enrolment.pk) or Decimal("0")).quantize(HOURS),
            required_hours=course.required_contact_hours,
        )
    return progress


def enrolment_progress(enrolment: Enrolment) -> CourseProgress:
    return enrolment_progress_many([enrolment])[enrolment.pk]


def enrolment_for(*, user, course: CoursePage) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(learner=user, course=course)
        .select_related("course", "credential")
        .first()
    )


@dataclass
class MissingPrerequisite:
    name: str
    earned_by: list[CoursePage]


def prerequisites_missing(*, user, course: CoursePage) -> list[MissingPrerequisite]:
    """What the user still needs before self-enrolling, with the courses that earn each item."""
    required_types = list(course.prerequisite_credential_types.all())
    required_courses = list(course.prerequisite_courses.all())
    missing = []
    if required_types:
        held = certificate_selectors.current_credential_type_ids(user=user)
        lacking = [ct for ct in required_types if ct.pk not in held]
        earners = defaultdict(list)
        for earner in CoursePage.objects.live().filter(credential_type__in=lacking):
            earners[earner.credential_type_id].append(earner)
        missing += [MissingPrerequisite(ct.name, earners[ct.pk]) for ct in lacking]
    if required_courses:
        completed = set(
            Enrolment.objects.filter(
                learner=user, course__in=required_courses, status=Enrolment.Status.COMPLETED
            ).values_list("course_id", flat=True)
        )
        missing += [
            MissingPrerequisite(f"Completion of {c.title}", [c])
            for c in required_courses
            if c.pk not in completed
        ]
    return missing


def course_page_context(*, course: CoursePage, user) -> dict:
    enrolment = enrolment_for(user=user, course=course)
    context = {"enrolment": enrolment, "progress": None, "missing_prerequisites": []}
    if enrolment and enrolment.status != Enrolment.Status.WITHDRAWN:
        context["progress"] = enrolment_progress(enrolment)
        context["signed_up_session_ids"] = set(
            SessionSignup.objects.filter(enrolment=enrolment).values_list("session_id", flat=True)
        )
    else:
        context["outline"] = course_outlines([course])[course.pk]
        if user.is_authenticated:
            context["missing_prerequisites"] = prerequisites_missing(user=user, course=course)
    context["upcoming_sessions"] = list(
        course.sessions.filter(ends_at__gte=timezone.now()).select_related("trainer")
    )
    return context


def course_catalogue(*, index, params, user) -> dict:
    courses = (
        CoursePage.objects.live()
        .child_of(index)
        .select_related("track")
        .order_by("track__sort_order", "title")
    )
    track_slug, delivery = params.get("track", ""), params.get("delivery", "")
    if track_slug:
        courses = courses.filter(track__slug=track_slug)
    if delivery in Delivery.values:
        courses = courses.filter(delivery=delivery)
    enrolled_statuses = {}
    if user.is_authenticated:
        enrolled_statuses = dict(
            Enrolment.objects.filter(learner=user).values_list("course_id", "status")
        )
    courses = list(courses)
    for course in courses:
        course.my_status = enrolled_statuses.get(course.pk)
    return {
        "courses": courses,
        "tracks": list(Track.objects.all()),
        "deliveries": Delivery.choices,
        "selected_track": track_slug,
        "selected_delivery": delivery if delivery in Delivery.values else "",
    }


def learner_dashboard(*, user) -> dict:
    enrolments = list(
        Enrolment.objects.filter(learner=user)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("course", "course__track", "credential")
        .order_by("status", "-enrolled_at")
    )
    progress = enrolment_progress_many(enrolments)
    upcoming = (
        SessionSignup.objects.filter(
            enrolment__learner=user,
            enrolment__status=Enrolment.Status.ACTIVE,
            session__ends_at__gte=timezone.now(),
        )
        .select_related("session", "session__course")
        .order_by("session__starts_at")[:5]
    )
    recent_results = (
        QuizAttempt.objects.filter(enrolment__learner=user)
        .exclude(status=QuizAttempt.Status.IN_PROGRESS)
        .select_related("quiz")
        .order_by("-submitted_at", "-id")[:5]
    )
    return {
        "in_progress": [progress[e.pk] for e in enrolments if e.status == Enrolment.Status.ACTIVE],
        "completed": [progress[e.pk] for e in enrolments if e.status == Enrolment.Status.COMPLETED],
        "upcoming_signups": list(upcoming),
        "recent_results": list(recent_results),
    }


def quiz_attempts_for(*, enrolment: Enrolment, quiz: QuizPage) -> list[QuizAttempt]:
    return list(QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).order_by("number"))


def sessions_led_by(*, user):
    sessions = Session.objects.select_related("course").order_by("-starts_at")
    if not user.is_superuser:
        sessions = sessions.filter(trainer=user)
    return sessions
