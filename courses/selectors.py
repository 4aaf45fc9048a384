"""Read queries for courses and learning. Each keeps its query count flat as data grows."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Sum
from django.utils import timezone
from wagtail.models import Page, Site

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


def _relative_url(url_path: str, site_roots=None) -> str:
    """A page's URL from its url_path, using Wagtail's cached site roots (no query per page)."""
    for root in Site.get_site_root_paths() if site_roots is None else site_roots:
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return url_path


def _under_any(paths: list[str]) -> Q:
    return reduce(or_, (Q(path__startswith=path) for path in paths), Q(pk__in=[]))


def course_outlines(courses: list[CoursePage]) -> dict[int, list[Module]]:
    """Each course's live modules with their lessons and quizzes in tree order (1 query).

    One query over the page tree, joining the module and lesson tables for their own fields,
    rather than one query per page type: the lesson page and the dashboard both pay for this.
    """
    if not courses:
        return {}
    course_by_path = {course.path: course.pk for course in courses}
    prefix = len(next(iter(course_by_path)))
    content_types = ContentType.objects.get_for_models(ModulePage, LessonPage, QuizPage)
    kind_by_content_type = {
        content_types[ModulePage].pk: "module",
        content_types[LessonPage].pk: "lesson",
        content_types[QuizPage].pk: "quiz",
    }
    pages = (
        Page.objects.live()
        .filter(_under_any(list(course_by_path)), content_type_id__in=kind_by_content_type)
        .order_by("path")
        .values_list(
            "pk",
            "path",
            "title",
            "url_path",
            "content_type_id",
            "modulepage__summary",
            "lessonpage__estimated_minutes",
        )
    )
    site_roots = Site.get_site_root_paths()  # once, not once per step

    outlines: dict[int, list[Module]] = defaultdict(list)
    module_by_path: dict[str, Module] = {}
    module_path_length = prefix + ModulePage.steplen
    # Ordered by path, so each module comes before its lessons and quizzes.
    for pk, path, title, url_path, content_type_id, summary, minutes in pages:
        kind = kind_by_content_type[content_type_id]
        if kind == "module":
            module = Module(pk, title, summary or "")
            module_by_path[path] = module
            outlines[course_by_path[path[:prefix]]].append(module)
            continue
        module = module_by_path.get(path[:module_path_length])
        if module is not None:
            url = _relative_url(url_path, site_roots)
            module.steps.append(Step(pk, kind, title, url, minutes or 0))
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


def enrolment_for_page(*, user, page) -> Enrolment | None:
    """The user's enrolment in the course `page` sits in, with the course (one query).

    Matching the page's ancestors' paths saves looking the course up first.
    """
    if not user.is_authenticated:
        return None
    ancestor_paths = [page.path[:end] for end in range(page.steplen, len(page.path), page.steplen)]
    return (
        Enrolment.objects.filter(learner=user, course__path__in=ancestor_paths)
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


def course_titles_awarding(*, credential_type_ids) -> dict[int, list[str]]:
    """Live course titles by the credential type they award (for "which course earns it")."""
    titles: dict[int, list[str]] = defaultdict(list)
    for type_id, title in (
        CoursePage.objects.live()
        .filter(credential_type_id__in=credential_type_ids)
        .values_list("credential_type_id", "title")
    ):
        titles[type_id].append(title)
    return titles


def active_enrolment_counts(*, learner_ids) -> dict[int, int]:
    """How many courses each learner has in progress (one query)."""
    return dict(
        Enrolment.objects.filter(learner_id__in=learner_ids, status=Enrolment.Status.ACTIVE)
        .values("learner_id")
        .annotate(total=Count("id"))
        .values_list("learner_id", "total")
    )
