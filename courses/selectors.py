"""Read queries for courses and learning. Each keeps its query count flat as data grows."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.validators import slug_re
from django.db.models import Count, Q, Sum
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from certificates import selectors as certificate_selectors
from certificates.ce_details import floor_to_quarter_hour, split_in_quarter_hours

from .caching import (
    CONTENT_TIMEOUT,
    KEY_PREFIX,
    LEARNER_TIMEOUT,
    any_view_restrictions,
    versions,
)
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
from .permissions import quizzes_markable_by

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
    started: bool = False  # lessons only: the learner has opened it


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
    # The course's URL, worked out with the outline's site roots: `course.url` would read
    # Wagtail's site roots from the cache once for every link.
    course_url: str = ""

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

    @property
    def current_module_id(self) -> int | None:
        """The module to open on the outline: the one holding the next thing to do."""
        step = self.next_step
        if step is None:
            return None
        return next(m.page_id for m in self.modules if any(s is step for s in m.steps))

    def navigation_for(self, page_id: int) -> "StepNavigation | None":
        """Where a lesson or quiz sits in the course: "Lesson 3 of 7", the steps either side."""
        steps = [step for module in self.modules for step in module.steps]
        index = next((i for i, step in enumerate(steps) if step.page_id == page_id), None)
        if index is None:
            return None
        step = steps[index]
        same_kind = [other for other in steps if other.kind == step.kind]
        return StepNavigation(
            step=step,
            number=next(i for i, other in enumerate(same_kind, 1) if other is step),
            total=len(same_kind),
            previous=steps[index - 1] if index else None,
            next=steps[index + 1] if index + 1 < len(steps) else None,
        )


@dataclass
class StepNavigation:
    step: Step
    number: int  # among the course's steps of its kind: lesson 3 (of 7 lessons)
    total: int
    previous: Step | None
    next: Step | None

    @property
    def label(self) -> str:
        return f"{'Quiz' if self.step.kind == 'quiz' else 'Lesson'} {self.number} of {self.total}"


def _relative_url(url_path: str, site_roots=None) -> str:
    """A page's URL from its url_path, using Wagtail's cached site roots (no query per page)."""
    for root in Site.get_site_root_paths() if site_roots is None else site_roots:
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return url_path


def _under_any(paths: list[str]) -> Q:
    return reduce(or_, (Q(path__startswith=path) for path in paths), Q(pk__in=[]))


# An outline as kept in the cache: plain tuples, which unpickle ten times faster than the
# Module and Step objects built from them.
# ((module_id, title, summary, ((page_id, kind, title, url, minutes), ...)), ...)
CompactOutline = tuple


def course_outlines(courses: list[CoursePage]) -> dict[int, list[Module]]:
    """Each course's live modules with their lessons and quizzes in tree order."""
    return {pk: _modules(outline) for pk, outline in _compact_outlines(courses).items()}


def _modules(outline: CompactOutline) -> list[Module]:
    return [
        Module(module_id, title, summary, [Step(*step) for step in steps])
        for module_id, title, summary, steps in outline
    ]


def _compact_outlines(courses: list[CoursePage]) -> dict[int, CompactOutline]:
    """Kept in the cache per course and content version (any page change makes a new one),
    so usually no query; otherwise one query for all the courses missing from the cache.
    """
    if not courses:
        return {}
    content_version, _ = versions()
    keys = {course.pk: f"{KEY_PREFIX}:outline:{course.pk}:{content_version}" for course in courses}
    found = cache.get_many(list(keys.values()))
    outlines = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [course for course in courses if course.pk not in outlines]
    if missing:
        built = _course_outlines_from_tree(missing)
        cache.set_many({keys[pk]: outline for pk, outline in built.items()}, CONTENT_TIMEOUT)
        outlines.update(built)
    return outlines


def _course_outlines_from_tree(courses: list[CoursePage]) -> dict[int, CompactOutline]:
    """One query over the page tree, joining the module and lesson tables for their own fields,
    rather than one query per page type: the lesson page and the dashboard both pay for this.
    """
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

    outlines: dict[int, list] = defaultdict(list)
    steps_by_module_path: dict[str, list] = {}
    module_path_length = prefix + ModulePage.steplen
    # Ordered by path, so each module comes before its lessons and quizzes.
    for pk, path, title, url_path, content_type_id, summary, minutes in pages:
        kind = kind_by_content_type[content_type_id]
        if kind == "module":
            steps_by_module_path[path] = steps = []
            outlines[course_by_path[path[:prefix]]].append((pk, title, summary or "", steps))
            continue
        steps = steps_by_module_path.get(path[:module_path_length])
        if steps is not None:
            url = _relative_url(url_path, site_roots)
            steps.append((pk, kind, title, url, minutes or 0))
    return {
        course.pk: tuple(
            (pk, title, summary, tuple(steps))
            for pk, title, summary, steps in outlines.get(course.pk, [])
        )
        for course in courses
    }


@dataclass
class ProgressFacts:
    """What a set of enrolments has done, by enrolment id: the rows progress is worked out from."""

    started_lessons: dict[int, set[int]]
    completed_lessons: dict[int, set[int]]
    passed_quizzes: dict[int, set[int]]
    attended_hours: dict[int, Decimal]


def _progress_facts(enrolment_ids: list[int]) -> ProgressFacts:
    """Lessons started and done, quizzes passed and hours attended (3 queries)."""
    started_lessons, completed_lessons = defaultdict(set), defaultdict(set)
    for enrolment_id, lesson_id, completed in LessonProgress.objects.filter(
        enrolment_id__in=enrolment_ids
    ).values_list("enrolment_id", "lesson_id", "completed_at"):
        started_lessons[enrolment_id].add(lesson_id)
        if completed is not None:
            completed_lessons[enrolment_id].add(lesson_id)
    passed_quizzes = defaultdict(set)
    for enrolment_id, quiz_id in (
        QuizAttempt.objects.filter(enrolment_id__in=enrolment_ids, passed=True)
        .values_list("enrolment_id", "quiz_id")
        .distinct()
    ):
        passed_quizzes[enrolment_id].add(quiz_id)
    attended = dict(
        Attendance.objects.filter(enrolment_id__in=enrolment_ids)
        .values("enrolment_id")
        .annotate(total=Sum("hours"))
        .values_list("enrolment_id", "total")
    )
    return ProgressFacts(
        dict(started_lessons), dict(completed_lessons), dict(passed_quizzes), attended
    )


def _course_progress(
    enrolment: Enrolment, outline: CompactOutline, facts: ProgressFacts, site_roots
) -> CourseProgress:
    course = enrolment.course
    modules = _modules(outline)
    done_lessons = facts.completed_lessons.get(enrolment.pk, set())
    done_quizzes = facts.passed_quizzes.get(enrolment.pk, set())
    started_lessons = facts.started_lessons.get(enrolment.pk, set())
    previous_done = True
    online_minutes = 0
    for module in modules:
        module.unlocked = previous_done or not course.sequential
        for step in module.steps:
            step.unlocked = module.unlocked
            if step.kind == "lesson":
                step.done = step.page_id in done_lessons
                step.started = step.page_id in started_lessons
                if step.done:
                    online_minutes += step.minutes
            else:
                step.done = step.page_id in done_quizzes
        previous_done = previous_done and module.done
    all_steps = [step for module in modules for step in module.steps]
    lessons = [step for step in all_steps if step.kind == "lesson"]
    quizzes = [step for step in all_steps if step.kind == "quiz"]
    return CourseProgress(
        enrolment=enrolment,
        modules=modules,
        lessons_done=sum(step.done for step in lessons),
        lessons_total=len(lessons),
        quizzes_passed=sum(step.done for step in quizzes),
        quizzes_total=len(quizzes),
        online_hours=(Decimal(online_minutes) / 60).quantize(HOURS),
        attended_hours=(facts.attended_hours.get(enrolment.pk) or Decimal("0")).quantize(HOURS),
        required_hours=course.required_contact_hours,
        course_url=_relative_url(course.url_path, site_roots),
    )


def enrolment_progress_many(enrolments: list[Enrolment]) -> dict[int, CourseProgress]:
    """Progress of many enrolments from the database (3 queries, and the outlines', cached).

    What completion decides on, so progress itself is read fresh here, never from the cache.
    """
    if not enrolments:
        return {}
    courses = {enrolment.course_id: enrolment.course for enrolment in enrolments}
    outlines = _compact_outlines(list(courses.values()))
    facts = _progress_facts([enrolment.pk for enrolment in enrolments])
    site_roots = Site.get_site_root_paths()
    return {
        enrolment.pk: _course_progress(enrolment, outlines[enrolment.course_id], facts, site_roots)
        for enrolment in enrolments
    }


def enrolment_progress(enrolment: Enrolment) -> CourseProgress:
    return enrolment_progress_many([enrolment])[enrolment.pk]


@dataclass
class LearnerSnapshot:
    """One learner's enrolments (withdrawn too; by status, newest first), what they have done,
    and their courses' outlines: everything their progress is worked out from."""

    enrolments: list[Enrolment]
    facts: ProgressFacts
    outlines: dict[int, CompactOutline]
    site_roots: list


def _learner_snapshot(user) -> LearnerSnapshot:
    """Read on every lesson, quiz and dashboard view, so kept in the cache under the learner's
    id and versions (`courses.caching`): no query until their progress or the content
    changes, then 4 (and the outlines', cached on their own).
    """
    content_version, learner_version = versions(learner_id=user.pk)
    key = f"{KEY_PREFIX}:learner:{user.pk}:{learner_version}:{content_version}"
    snapshot = cache.get(key)
    if snapshot is None:
        enrolments = list(
            Enrolment.objects.filter(learner=user)
            .select_related("course")
            .order_by("status", "-enrolled_at")
        )
        snapshot = LearnerSnapshot(
            enrolments,
            _progress_facts([enrolment.pk for enrolment in enrolments]),
            _compact_outlines(list({e.course_id: e.course for e in enrolments}.values())),
            Site.get_site_root_paths(),
        )
        cache.set(key, snapshot, LEARNER_TIMEOUT)
    return snapshot


def learner_progress(*, user) -> list[CourseProgress]:
    """Every enrolment of `user`, withdrawn ones too, with its progress (cached)."""
    snapshot = _learner_snapshot(user)
    return [
        _course_progress(
            enrolment, snapshot.outlines[enrolment.course_id], snapshot.facts, snapshot.site_roots
        )
        for enrolment in snapshot.enrolments
    ]


def enrolment_progress_for_page(*, user, page) -> CourseProgress | None:
    """The user's enrolment in the course `page` is, or sits in, with its progress (cached)."""
    if not user.is_authenticated:
        return None
    snapshot = _learner_snapshot(user)
    for enrolment in snapshot.enrolments:
        if page.path.startswith(enrolment.course.path):
            outline = snapshot.outlines[enrolment.course_id]
            return _course_progress(enrolment, outline, snapshot.facts, snapshot.site_roots)
    return None


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
    progress = enrolment_progress_for_page(user=user, page=course)
    enrolment = progress.enrolment if progress else None
    context = {"enrolment": enrolment, "progress": None, "missing_prerequisites": []}
    if enrolment and enrolment.status != Enrolment.Status.WITHDRAWN:
        context["progress"] = progress
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
        # Text that cannot be a slug (a NUL byte, which PostgreSQL refuses) matches no track.
        courses = (
            courses.filter(track__slug=track_slug) if slug_re.match(track_slug) else courses.none()
        )
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
    """Courses in progress and completed, booked sessions and recent quiz results (cached)."""
    progress = [
        p for p in learner_progress(user=user) if p.enrolment.status != Enrolment.Status.WITHDRAWN
    ]
    return {
        "in_progress": [p for p in progress if p.enrolment.status == Enrolment.Status.ACTIVE],
        # A partial credit closed the course with a certificate: listed with the completed.
        "completed": [
            p
            for p in progress
            if p.enrolment.status in (Enrolment.Status.COMPLETED, Enrolment.Status.PARTIAL)
        ],
        **_sessions_and_results(user),
    }


def _sessions_and_results(user) -> dict:
    """Booked sessions and recent quiz results, kept under the learner's id and versions
    (sign-ups and attempts are theirs; sessions and quiz titles are content) until the
    first booked session shown ends.
    """
    content_version, learner_version = versions(learner_id=user.pk)
    key = f"{KEY_PREFIX}:sessions-and-results:{user.pk}:{learner_version}:{content_version}"
    found = cache.get(key)
    if found is not None:
        return found
    now = timezone.now()
    upcoming = list(
        SessionSignup.objects.filter(
            enrolment__learner=user,
            enrolment__status=Enrolment.Status.ACTIVE,
            session__ends_at__gte=now,
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
    found = {"upcoming_signups": upcoming, "recent_results": list(recent_results)}
    timeout = LEARNER_TIMEOUT
    if upcoming:
        # The list changes by itself when a session shown ends (it only shrinks until then).
        first_end = min(signup.session.ends_at for signup in upcoming)
        timeout = max(1, min(timeout, int((first_end - now).total_seconds()) + 1))
    cache.set(key, found, timeout)
    return found


def quiz_attempts_for(*, enrolment: Enrolment, quiz: QuizPage) -> list[QuizAttempt]:
    return list(QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).order_by("number"))


SEARCH_MAX_LENGTH = 200
SEARCH_MAX_RESULTS = 30


@dataclass
class SearchHit:
    kind: str  # "course" | "lesson"
    title: str
    url: str
    context: str  # a course's track; a lesson's course and module
    summary: str = ""
    minutes: int = 0


def _refused_restriction_paths(request) -> list[str]:
    """The paths of page subtrees whose Wagtail view restriction this request doesn't meet."""
    if not any_view_restrictions():
        return []
    return [
        restriction.page.path
        for restriction in PageViewRestriction.objects.select_related("page")
        if not restriction.accept_request(request)
    ]


def site_search(*, request, query: str) -> list[SearchHit]:
    """Live courses and the lessons this person may open that match `query`, best first.

    Wagtail search (the database backend: PostgreSQL full text, SQLite FTS in the demo) over
    what the person could reach by browsing: every live course outside a view restriction
    they don't meet (the course page itself is public), and the unlocked lessons of the
    courses they are enrolled in (a lesson opens only to its enrolled learners).
    """
    user = request.user
    lessons: dict[int, tuple[str, str, int]] = {}  # lesson id → course title, module, minutes
    if user.is_authenticated:
        for progress in learner_progress(user=user):
            if progress.enrolment.status == Enrolment.Status.WITHDRAWN:
                continue
            for module in progress.modules:
                for step in module.steps:
                    if step.kind == "lesson" and step.unlocked:
                        lessons[step.page_id] = (
                            progress.enrolment.course.title,
                            module.title,
                            step.minutes,
                        )
    course_type = ContentType.objects.get_for_model(CoursePage)
    pages = Page.objects.live().filter(Q(content_type=course_type) | Q(pk__in=list(lessons)))
    for path in _refused_restriction_paths(request):
        pages = pages.exclude(path__startswith=path)
    found = list(pages.search(query)[:SEARCH_MAX_RESULTS])
    course_facts = {
        pk: (summary, track)
        for pk, summary, track in CoursePage.objects.filter(
            pk__in=[page.pk for page in found if page.pk not in lessons]
        ).values_list("pk", "summary", "track__name")
    }
    site_roots = Site.get_site_root_paths()
    hits = []
    for page in found:
        url = _relative_url(page.url_path, site_roots)
        if page.pk in lessons:
            course_title, module_title, minutes = lessons[page.pk]
            hits.append(
                SearchHit(
                    "lesson", page.title, url, f"{course_title} · {module_title}", "", minutes
                )
            )
        elif page.pk in course_facts:
            summary, track = course_facts[page.pk]
            hits.append(SearchHit("course", page.title, url, track, summary))
    return hits


def attempts_awaiting_marking(*, user):
    """Attempts with reflections to mark at quizzes `user` may mark, oldest first; never their
    own."""
    return (
        QuizAttempt.objects.filter(
            status=QuizAttempt.Status.AWAITING_MARKING, quiz__in=quizzes_markable_by(user)
        )
        .exclude(enrolment__learner=user)
        .select_related("quiz", "enrolment__learner", "enrolment__course")
        .order_by("submitted_at", "pk")
    )


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


def ce_portions(course: CoursePage, ce_hours: Decimal) -> list[tuple[object, Decimal]]:
    """The course's CE hours by category; for partial credit (`ce_hours` below the course's)
    shared in the course's proportions, in whole quarter hours adding up to `ce_hours`."""
    portions = course.ce_hours_by_category()
    if ce_hours == course.ce_hours:
        return portions
    shares = split_in_quarter_hours(ce_hours, [hours for _, hours in portions])
    return [(category, share) for (category, _), share in zip(portions, shares, strict=True)]


def partial_ce_hours(course: CoursePage, progress: CourseProgress) -> Decimal:
    """CE hours for the time attended: the course's CE hours in proportion to the contact
    hours attended (lessons completed and sessions attended) of those the course requires,
    in whole quarter hours, never more than the whole course gives."""
    if not course.ce_hours or not progress.contact_hours:
        return Decimal("0")
    if course.required_contact_hours:
        share = course.ce_hours * progress.contact_hours / course.required_contact_hours
    else:
        share = progress.contact_hours
    return floor_to_quarter_hour(min(share, course.ce_hours))


def partial_credit_refusal(enrolment: Enrolment, progress: CourseProgress) -> str | None:
    """Why this enrolment can't be closed with partial credit, or None when it can."""
    credential_type = enrolment.course.credential_type
    if credential_type is None or not credential_type.partial_ce_credit:
        return "This course's certificate gives credit only for the whole course."
    if enrolment.status != Enrolment.Status.ACTIVE:
        return f"{enrolment.learner} is no longer taking this course."
    if progress.is_finished:
        return f"{enrolment.learner} has finished the course: the full certificate applies."
    if partial_ce_hours(enrolment.course, progress) <= 0:
        return f"{enrolment.learner} has not attended a quarter hour's worth of CE yet."
    return None


@dataclass(frozen=True)
class PartialCreditRow:
    enrolment: Enrolment
    contact_hours: Decimal
    ce_hours: Decimal
    refusal: str | None


def partial_credit_rows(*, session) -> list[PartialCreditRow]:
    """For a session's attendance page: each learner signed up for it (or recorded there)
    who is still taking the course, with the CE hours a certificate for the time attended
    would give. Empty when the course's certificate gives credit only for the whole course."""
    course = session.course
    credential_type = course.credential_type
    if credential_type is None or not credential_type.partial_ce_credit or not course.ce_hours:
        return []
    enrolments = list(
        Enrolment.objects.filter(course=course, status=Enrolment.Status.ACTIVE)
        .filter(Q(session_signups__session=session) | Q(attendance__session=session))
        .distinct()
        .select_related("learner", "course__credential_type")
        .order_by("learner__preferred_name")
    )
    progress_of = enrolment_progress_many(enrolments)
    rows = []
    for enrolment in enrolments:
        progress = progress_of[enrolment.pk]
        rows.append(
            PartialCreditRow(
                enrolment=enrolment,
                contact_hours=progress.contact_hours,
                ce_hours=partial_ce_hours(course, progress),
                refusal=partial_credit_refusal(enrolment, progress),
            )
        )
    return rows
