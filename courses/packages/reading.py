"""Reading a course package into plain specs, reporting every problem with its file and line.

Nothing here writes to the database; `importer.py` creates the pages from what this returns.
"""

import io
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_unicode_slug

from certificates.models import CECategory, CredentialType

from ..models import (
    CourseCEApproval,
    CoursePage,
    CoursePresenter,
    Delivery,
    GradingMethod,
    LessonPage,
    ModulePage,
    Question,
    QuestionKind,
    QuizPage,
    Session,
    Track,
)
from .files import IMAGE_SUFFIXES, PackageFiles
from .markdown import LessonBlock, Problems, lesson_blocks_from_markdown, richtext_from_markdown
from .yamlio import LineDict, LineList, YamlProblem, yaml_load

FORMAT_VERSION = 1
REVIEW_STATES = ("retry", "passed", "final")
REVIEW_ITEMS = ("correctness", "feedback", "right_answers")
QUIZ_RULES = (
    "pass_mark_percent",
    "max_attempts",
    "attempt_delay_minutes",
    "pool_size",
    "time_limit_minutes",
)


@dataclass
class LinkUse:
    ref: str
    file: str
    line: int


@dataclass
class LessonSpec:
    file: str
    title: str
    slug: str
    estimated_minutes: int
    body_text: str
    body_line: int
    blocks: list[LessonBlock]


@dataclass
class QuestionSpec:
    kind: str
    prompt: str
    explanation: str
    marking_guide: str
    choices: list[tuple[str, bool, str]]


@dataclass
class QuizSpec:
    file: str
    title: str
    slug: str
    intro_text: str
    intro_line: int
    fields: dict
    questions: list[QuestionSpec]


@dataclass
class ModuleSpec:
    title: str
    slug: str
    summary: str
    lessons: list[LessonSpec]
    quiz: QuizSpec | None


@dataclass
class SessionSpec:
    title: str
    hours: Decimal
    location: str
    capacity: int
    starts_at: datetime | None


@dataclass
class CoursePackage:
    fields: dict  # CoursePage fields, by model field name
    track: dict
    credential: dict | None
    ce_category: str | None
    presenters: list[dict]  # CoursePresenter fields
    ce_approvals: list[dict]  # CourseCEApproval fields
    ce_split: dict[str, Decimal]  # CE category slug -> hours counted there, not in ce_category
    prerequisite_credentials: list[str]
    prerequisite_courses: list[str]
    modules: list[ModuleSpec]
    sessions: list[SessionSpec]
    media: dict[str, bytes]
    links: list[LinkUse] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # course.yaml line of each top key

    @property
    def code(self) -> str:
        return self.fields["code"]

    def page_paths(self) -> set[str]:
        """The paths below the course a `page:CODE/…` link may name ('' is the course)."""
        paths = {""}
        for module in self.modules:
            paths.add(module.slug)
            paths.update(f"{module.slug}/{lesson.slug}" for lesson in module.lessons)
            if module.quiz:
                paths.add(f"{module.slug}/{module.quiz.slug}")
        return paths


class Report:
    """Every problem in a package, as 'file:line: message', in file order."""

    def __init__(self):
        self.items: list[tuple[str, int, str]] = []

    def add(self, file: str, line: int, message: str) -> None:
        self.items.append((file, line, message))

    def extend(self, file: str, problems: Problems) -> None:
        for line, message in problems.items:
            self.add(file, line, message)

    def lines(self) -> list[str]:
        order = {"course.yaml": 0}
        ordered = sorted(self.items, key=lambda item: (order.get(item[0], 1), item[0], item[1]))
        return [f"{file}:{line}: {message}" for file, line, message in ordered]


_MISSING = object()


def _limits(model, name) -> tuple:
    model_field = model._meta.get_field(name)
    low = high = None
    for validator in model_field.validators:
        if isinstance(validator, MinValueValidator):
            low = validator.limit_value
        if isinstance(validator, MaxValueValidator):
            high = validator.limit_value
    return low, high


class Fields:
    """Reads one YAML mapping's keys; each problem goes to the report with the key's line."""

    def __init__(self, mapping, file: str, report: Report, *, line: int = 1, what: str = ""):
        if not isinstance(mapping, dict):
            what_name = what.rstrip(".") or "this"
            report.add(file, getattr(mapping, "line", line), f"{what_name} must be a mapping")
            mapping = LineDict()
            mapping.line = line
        self.mapping, self.file, self.report, self.what = mapping, file, report, what
        self.used: set[str] = set()

    def line(self, key: str | None = None) -> int:
        if key is None or not isinstance(self.mapping, LineDict):
            return getattr(self.mapping, "line", 1)
        return self.mapping.line_of(key)

    def problem(self, key: str | None, message: str) -> None:
        self.report.add(self.file, self.line(key), message)

    def _name(self, key: str) -> str:
        return f"{self.what}{key}"

    def raw(self, key: str, default=_MISSING):
        self.used.add(key)
        return self.mapping.get(key, default)

    def text(self, key, *, required=False, max_length=None, model=None, default="") -> str:
        if model is not None:
            max_length = model._meta.get_field(key).max_length
        value = self.raw(key, None)
        if value is None:
            if required:
                self.problem(None, f"{self._name(key)} is required")
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            self.problem(key, f"{self._name(key)} must be text")
            return default
        value = str(value).strip()
        if required and not value:
            self.problem(key, f"{self._name(key)} can't be empty")
        if max_length and len(value) > max_length:
            self.problem(
                key, f"{self._name(key)} is at most {max_length} characters (it has {len(value)})"
            )
        return value

    def integer(self, key, *, default: int, model=None, low=None, high=None) -> int:
        if model is not None:
            low, high = _limits(model, key)
            low = 0 if low is None else low
        value = self.raw(key, None)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, f"{self._name(key)} must be a whole number")
            return default
        self._range(key, value, low, high)
        return value

    def decimal(self, key, *, default: Decimal, model=None, low=None, high=None) -> Decimal:
        if model is not None:
            low, high = _limits(model, key)
        value = self.raw(key, None)
        if value is None:
            return default
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(str(value))
            if not number.is_finite() or number != number.quantize(Decimal("0.01")):
                raise InvalidOperation
        except InvalidOperation:
            self.problem(key, f"{self._name(key)} must be a number with at most 2 decimals")
            return default
        self._range(key, number, low, high)
        return number

    def _range(self, key, value, low, high) -> None:
        if low is not None and value < low:
            self.problem(key, f"{self._name(key)} must be at least {low}")
        if high is not None and value > high:
            self.problem(key, f"{self._name(key)} must be at most {high}")

    def boolean(self, key, *, default: bool) -> bool:
        value = self.raw(key, None)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(key, f"{self._name(key)} must be true or false")
            return default
        return value

    def choice(self, key, choices, *, default: str) -> str:
        value = self.raw(key, None)
        if value is None:
            return default
        allowed = [str(choice) for choice in choices]
        if value not in allowed:
            self.problem(key, f"{self._name(key)} must be one of {', '.join(allowed)}")
            return default
        return value

    def slug(self, key, *, default: str) -> str:
        value = self.text(key, default=default, max_length=255) or default
        try:
            validate_unicode_slug(value)
        except ValidationError:
            self.problem(key, f"{self._name(key)} must be letters, numbers, - or _ only")
        return value

    def sequence(self, key, *, required=False) -> LineList:
        value = self.raw(key, None)
        if value is None:
            if required:
                self.problem(None, f"{self._name(key)} is required")
            return LineList()
        if not isinstance(value, list):
            self.problem(key, f"{self._name(key)} must be a list")
            return LineList()
        if not isinstance(value, LineList):
            value = LineList(value)
        if not value.lines:
            value.line = self.line(key)
        return value

    def finish(self) -> None:
        for key in self.mapping:
            if key not in self.used:
                self.problem(key, f"unknown key {self.what}{key}")


def _load_yaml(files: PackageFiles, name: str, report: Report, *, line_offset: int = 0):
    try:
        text = files[name].decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        report.add(name, 1, "not UTF-8 text")
        return None
    return _yaml_text(text, name, report, line_offset=line_offset)


def _yaml_text(text: str, name: str, report: Report, *, line_offset: int = 0):
    try:
        value, duplicates = yaml_load(text, line_offset=line_offset)
    except YamlProblem as problem:
        report.add(name, problem.line, problem.message)
        return None
    for line, message in duplicates:
        report.add(name, line, message)
    if value is None:
        report.add(name, 1 + line_offset, "empty: nothing to read")
    return value


def _link_recorder(package_links: list[LinkUse], file: str):
    def resolve(ref: str, line: int):
        package_links.append(LinkUse(ref, file, line))
        return 0

    return resolve


def _texts(top: Fields, key: str, what: str) -> list[str]:
    items = top.sequence(key)
    texts = []
    for index, item in enumerate(items):
        if (
            isinstance(item, bool)
            or not isinstance(item, str | int | float)
            or not str(item).strip()
        ):
            top.report.add(top.file, items.line_of(index), f"{key}: each {what} is a line of text")
        else:
            texts.append(str(item).strip())
    return texts


def _rows(top: Fields, key: str, model, *, required, optional) -> list[dict]:
    """A list of mappings, each read like a model row (lengths from the model's fields)."""
    items = top.sequence(key)
    rows = []
    for index, item in enumerate(items):
        row = Fields(item, top.file, top.report, line=items.line_of(index), what=f"{key}.")
        values = {name: row.text(name, required=True, model=model) for name in required}
        values.update({name: row.text(name, model=model) for name in optional})
        row.finish()
        rows.append(values)
    return rows


def _ce_split(top: Fields, ce_hours: Decimal) -> dict[str, Decimal]:
    """`ce_hours_in_other_categories`: CE category slug -> hours, within the course's CE hours."""
    raw = top.raw("ce_hours_in_other_categories", None)
    if raw is None:
        return {}
    split = Fields(
        raw,
        top.file,
        top.report,
        line=top.line("ce_hours_in_other_categories"),
        what="ce_hours_in_other_categories.",
    )
    hours = {
        str(slug): split.decimal(
            slug, default=Decimal("0"), low=Decimal("0.25"), high=Decimal("200")
        )
        for slug in split.mapping
    }
    if sum(hours.values(), Decimal("0")) > ce_hours:
        top.problem(
            "ce_hours_in_other_categories",
            f"ce_hours_in_other_categories add up to more than the course's {ce_hours} CE hours",
        )
    return hours


def package_read(files: PackageFiles) -> tuple[CoursePackage | None, Report]:
    """Read and check a package's own files. Checks against the hub (codes, slugs, links)
    are `package_check_against_hub`."""
    report = Report()
    manifest = _load_yaml(files, "course.yaml", report) if "course.yaml" in files else None
    if "course.yaml" not in files:
        report.add("course.yaml", 1, "missing")
    if manifest is None:
        return None, report
    top = Fields(manifest, "course.yaml", report)
    version = top.raw("format", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        top.problem("format", f"format {version} is not one this hub reads (it reads 1)")

    course_fields = {
        "code": top.text("code", required=True, model=CoursePage),
        "title": top.text("title", required=True, model=CoursePage),
        "summary": top.text("summary", required=True),
        "audience": top.text("audience", model=CoursePage),
        "delivery": top.choice("delivery", Delivery.values, default=Delivery.ONLINE),
        "required_contact_hours": top.decimal(
            "required_contact_hours", default=Decimal("0"), model=CoursePage
        ),
        "estimated_hours": top.decimal(
            "estimated_hours", default=Decimal("1"), model=CoursePage, high=Decimal("999.99")
        ),
        "ce_hours": top.decimal("ce_hours", default=Decimal("0"), model=CoursePage),
        "sequential": top.boolean("sequential", default=False),
        "seo_title": top.text("seo_title", model=CoursePage),
        "search_description": top.text("search_description"),
    }
    course_fields["slug"] = top.slug("slug", default=course_fields["code"].lower())
    ce_category = top.text("ce_category") or None
    course_fields["learning_objectives"] = "\n".join(
        _texts(top, "learning_objectives", "learning objective")
    )
    presenters = _rows(
        top, "presenters", CoursePresenter, required=("name",), optional=("credentials",)
    )
    ce_approvals = _rows(
        top,
        "ce_approvals",
        CourseCEApproval,
        required=("body",),
        optional=("provider_number", "approval_number"),
    )
    for index, approval in enumerate(ce_approvals):
        if not (approval["provider_number"] or approval["approval_number"]):
            top.report.add(
                "course.yaml",
                top.raw("ce_approvals").line_of(index),
                "ce_approvals: give provider_number, approval_number or both",
            )
    # Packages exported before December 2026 name one presenter and one approval number.
    legacy_presenter = top.text("presenter", max_length=200)
    if legacy_presenter and not presenters:
        presenters = [{"name": legacy_presenter, "credentials": ""}]
    legacy_approval = top.text("ce_approval_number", max_length=100)
    if legacy_approval and not ce_approvals:
        ce_approvals = [
            {"body": "CE approval", "provider_number": "", "approval_number": legacy_approval}
        ]
    ce_split = _ce_split(top, course_fields["ce_hours"])

    track = Fields(top.raw("track", None) or LineDict(), "course.yaml", report, what="track.")
    if top.raw("track", None) is None:
        top.problem(None, "track is required (slug, and name to create it if missing)")
    track_spec = {
        "slug": track.slug("slug", default=""),
        "name": track.text("name", model=Track),
        "description": track.text("description"),
        "sort_order": track.integer("sort_order", default=0, low=0, high=32767),
    }
    if not track_spec["slug"]:
        track.problem(None, "track.slug is required")
    track.finish()

    credential_spec = None
    if top.raw("credential", None) is not None:
        credential = Fields(top.raw("credential"), "course.yaml", report, what="credential.")
        credential_spec = {
            "code": credential.text("code", required=True, model=CredentialType),
            "name": credential.text("name", model=CredentialType),
            "issuer": credential.text("issuer", model=CredentialType),
            "kind": credential.choice(
                "kind", CredentialType.Kind.values, default=CredentialType.Kind.HUB_COURSE
            ),
            "partial_ce_credit": credential.boolean("partial_ce_credit", default=False),
            "line": credential.line(),
        }
        credential.finish()

    prerequisites = Fields(
        top.raw("prerequisites", None) or LineDict(), "course.yaml", report, what="prerequisites."
    )
    prerequisite_credentials = [str(c) for c in prerequisites.sequence("credentials")]
    prerequisite_courses = [str(c) for c in prerequisites.sequence("courses")]
    prerequisites.finish()

    links: list[LinkUse] = []
    referenced: set[str] = set()
    media_used: dict[str, int] = {}
    modules = []
    module_list = top.sequence("modules", required=True)
    if not module_list and top.raw("modules", None) is not None:
        top.problem("modules", "a course needs at least one module")
    module_slugs: set[str] = set()
    for index, raw_module in enumerate(module_list):
        module = Fields(
            raw_module, "course.yaml", report, line=module_list.line_of(index), what="module."
        )
        number = index + 1
        spec = ModuleSpec(
            title=module.text("title", required=True, model=ModulePage),
            slug=module.slug("slug", default=f"module-{number}"),
            summary=module.text("summary"),
            lessons=[],
            quiz=None,
        )
        if spec.slug in module_slugs:
            module.problem("slug", f"module slug {spec.slug} is used twice")
        module_slugs.add(spec.slug)
        child_slugs: set[str] = set()
        lesson_list = module.sequence("lessons")
        for lesson_index, name in enumerate(lesson_list):
            line = lesson_list.line_of(lesson_index)
            lesson = _lesson_read(
                files,
                name,
                line,
                report,
                links,
                media_used,
                default_slug=f"lesson-{lesson_index + 1}",
            )
            if isinstance(name, str):
                if name in referenced:
                    report.add("course.yaml", line, f"{name} is listed twice")
                referenced.add(name)
            if lesson:
                if lesson.slug in child_slugs:
                    report.add(lesson.file, 2, f"slug {lesson.slug} is used twice in its module")
                child_slugs.add(lesson.slug)
                spec.lessons.append(lesson)
        quiz_name = module.raw("quiz", None)
        if quiz_name is not None:
            spec.quiz = _quiz_read(files, quiz_name, module.line("quiz"), report, links)
            if isinstance(quiz_name, str):
                if quiz_name in referenced:
                    report.add("course.yaml", module.line("quiz"), f"{quiz_name} is listed twice")
                referenced.add(quiz_name)
            if spec.quiz and spec.quiz.slug in child_slugs:
                report.add(spec.quiz.file, 1, f"slug {spec.quiz.slug} is used twice in its module")
        if not spec.lessons and not spec.quiz and not lesson_list:
            module.problem(None, f"module {number} has no lessons and no quiz")
        module.finish()
        modules.append(spec)

    sessions = []
    session_list = top.sequence("sessions")
    for index, raw_session in enumerate(session_list):
        session = Fields(
            raw_session, "course.yaml", report, line=session_list.line_of(index), what="session."
        )
        starts_at = session.raw("starts_at", None)
        if starts_at is not None and not isinstance(starts_at, datetime):
            session.problem(
                "starts_at",
                "session.starts_at must be a date and time, e.g. 2026-12-09T09:00:00-07:00",
            )
            starts_at = None
        sessions.append(
            SessionSpec(
                title=session.text("title", required=True, model=Session),
                hours=session.decimal(
                    "hours", default=Decimal("1"), low=Decimal("0.25"), high=Decimal("24")
                ),
                location=session.text("location", required=True, model=Session),
                capacity=session.integer("capacity", default=20, low=1, high=32767),
                starts_at=starts_at,
            )
        )
        session.finish()
    top.finish()

    for name in sorted(files):
        if name.startswith(("lessons/", "quizzes/")) and name not in referenced:
            report.add(name, 1, "not listed in course.yaml")
    media = {}
    for name, line_info in media_used.items():
        if name not in files:
            report.add(line_info[0], line_info[1], f"{name} is not in the package")
        else:
            media[name] = files[name]
            problem = _media_problem(name, files[name])
            if problem:
                report.add(line_info[0], line_info[1], problem)

    package = CoursePackage(
        fields=course_fields,
        track=track_spec,
        credential=credential_spec,
        ce_category=ce_category,
        presenters=presenters,
        ce_approvals=ce_approvals,
        ce_split=ce_split,
        prerequisite_credentials=prerequisite_credentials,
        prerequisite_courses=prerequisite_courses,
        modules=modules,
        sessions=sessions,
        media=media,
        links=links,
        lines={key: top.line(key) for key in top.mapping},
    )
    return package, report


def _media_problem(name: str, content: bytes) -> str | None:
    if not name.lower().endswith(IMAGE_SUFFIXES):
        return None
    from PIL import Image as PillowImage

    try:
        with PillowImage.open(io.BytesIO(content)) as image:
            width, height = image.size
            image.verify()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a bad file
        return f"{name} is not a readable image"
    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
    if limit and width * height > limit:
        return f"{name} has more than {limit:,} pixels"
    return None


def _split_front_matter(text: str):
    """(front matter text, its first line, body text, body's first line) or None."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :]), index + 2
    return None


def _lesson_read(files, name, line, report, links, media_used, *, default_slug):
    if not isinstance(name, str) or not name.startswith("lessons/") or not name.endswith(".md"):
        report.add("course.yaml", line, f"a lesson is a file lessons/….md, not {name!r}")
        return None
    if PurePosixPath(name).name != name.removeprefix("lessons/") or name not in files:
        report.add("course.yaml", line, f"{name} is not in the package")
        return None
    try:
        text = files[name].decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        report.add(name, 1, "not UTF-8 text")
        return None
    parts = _split_front_matter(text)
    if parts is None:
        report.add(name, 1, "a lesson starts with front matter: a line of ---, title: …, ---")
        return None
    front_text, front_line, body, body_line = parts
    front_value = _yaml_text(front_text, name, report, line_offset=front_line - 1)
    if front_value is None:
        front_value = LineDict()
        front_value.line = front_line
    front = Fields(front_value, name, report, line=front_line)
    title = front.text("title", required=True, model=LessonPage)
    low, high = _limits(LessonPage, "estimated_minutes")
    minutes = front.integer("estimated_minutes", default=15, low=low, high=high)
    slug = front.slug("slug", default=default_slug)
    front.finish()
    problems = Problems()
    blocks = lesson_blocks_from_markdown(
        body, first_line=body_line, problems=problems, resolve_link=_link_recorder(links, name)
    )
    report.extend(name, problems)
    for block in blocks:
        if block.type in ("image", "document"):
            media_used.setdefault(block.value[block.type], (name, block.line))
            path = block.value[block.type]
            is_image = path.lower().endswith(IMAGE_SUFFIXES)
            if path.startswith("media/") and is_image != (block.type == "image"):
                report.add(name, block.line, f"{path} is not an {block.type} file")
    return LessonSpec(name, title, slug, minutes, body, body_line, blocks)


def _quiz_read(files, name, line, report, links):
    valid_name = isinstance(name, str) and name.startswith("quizzes/")
    if not valid_name or not name.endswith((".yaml", ".yml")):
        report.add("course.yaml", line, f"a quiz is a file quizzes/….yaml, not {name!r}")
        return None
    if name not in files:
        report.add("course.yaml", line, f"{name} is not in the package")
        return None
    data = _load_yaml(files, name, report)
    if data is None:
        return None
    quiz = Fields(data, name, report)
    title = quiz.text("title", required=True, model=QuizPage)
    slug = quiz.slug("slug", default="quiz")
    intro = quiz.text("intro")
    intro_line = quiz.line("intro") + (1 if "\n" in str(quiz.raw("intro", "")) else 0)
    problems = Problems()
    richtext_from_markdown(
        intro,
        first_line=intro_line,
        problems=problems,
        resolve_link=_link_recorder(links, name),
        allow_h2=True,
    )
    report.extend(name, problems)
    fields = {key: quiz.integer(key, default=_default(key), model=QuizPage) for key in QUIZ_RULES}
    if fields["pass_mark_percent"] == 0:
        quiz.problem("pass_mark_percent", "pass_mark_percent must be at least 1")
    fields["grading_method"] = quiz.choice(
        "grading_method", GradingMethod.values, default=GradingMethod.HIGHEST
    )
    fields["shuffle_questions"] = quiz.boolean("shuffle_questions", default=True)
    fields["shuffle_choices"] = quiz.boolean("shuffle_choices", default=True)
    review = Fields(quiz.raw("review", None) or LineDict(), name, report, what="review.")
    for state in REVIEW_STATES:
        options = Fields(
            review.raw(state, None) or LineDict(), name, report, what=f"review.{state}."
        )
        for item in REVIEW_ITEMS:
            key = f"review_{state}_{item}"
            fields[key] = options.boolean(item, default=_default(key))
        options.finish()
    review.finish()

    questions = []
    question_list = quiz.sequence("questions", required=True)
    if not question_list and quiz.raw("questions", None) is not None:
        quiz.problem("questions", "a quiz needs at least one question")
    for index, raw_question in enumerate(question_list):
        question = Fields(
            raw_question, name, report, line=question_list.line_of(index), what="question."
        )
        kind = question.choice("kind", QuestionKind.values, default=QuestionKind.SINGLE)
        spec = QuestionSpec(
            kind=kind,
            prompt=question.text("prompt", required=True),
            explanation=question.text("explanation"),
            marking_guide=question.text("marking_guide"),
            choices=[],
        )
        choice_list = question.sequence("choices")
        for choice_index, raw_choice in enumerate(choice_list):
            choice = Fields(
                raw_choice,
                name,
                report,
                line=choice_list.line_of(choice_index),
                what="choice.",
            )
            spec.choices.append(
                (
                    choice.text("text", required=True, max_length=500),
                    choice.boolean("correct", default=False),
                    choice.text("feedback", max_length=500),
                )
            )
            choice.finish()
        problem = Question.choices_problem(kind, [correct for _, correct, _ in spec.choices])
        if problem:
            question.problem(None, problem)
        if spec.marking_guide and kind != QuestionKind.REFLECTION:
            question.problem("marking_guide", "only a reflection question has a marking_guide")
        question.finish()
        questions.append(spec)
    quiz.finish()
    return QuizSpec(name, title, slug, intro, intro_line, fields, questions)


def _default(field_name: str):
    return QuizPage._meta.get_field(field_name).default


def package_check_against_hub(package: CoursePackage, *, parent, report: Report) -> None:
    """What the package names in the hub must exist (or be creatable), and what it would
    create must not clash with what is there."""

    def at(key: str) -> int:
        return package.lines.get(key, 1)

    code = package.code
    if code and CoursePage.objects.filter(code__iexact=code).exists():
        report.add(
            "course.yaml",
            at("code"),
            f"a course with code {code} already exists: change its code in the hub, or the "
            "package's code, first",
        )
    slug = package.fields["slug"]
    if slug and parent.get_children().filter(slug=slug).exists():
        report.add("course.yaml", at("slug"), f"the catalogue already has a page with slug {slug}")
    track = package.track
    if track["slug"] and not Track.objects.filter(slug=track["slug"]).exists():
        if not track["name"]:
            report.add(
                "course.yaml",
                at("track"),
                f"no track {track['slug']}: give track.name to create it",
            )
        elif Track.objects.filter(name=track["name"]).exists():
            report.add(
                "course.yaml", at("track"), f"another track is already named {track['name']}"
            )
    if package.ce_category and not CECategory.objects.filter(slug=package.ce_category).exists():
        slugs = ", ".join(CECategory.objects.order_by("slug").values_list("slug", flat=True))
        report.add(
            "course.yaml",
            at("ce_category"),
            f"ce_category {package.ce_category} is not one of {slugs}",
        )
    known = set(CECategory.objects.filter(slug__in=package.ce_split).values_list("slug", flat=True))
    for slug in package.ce_split:
        if slug not in known:
            report.add(
                "course.yaml",
                at("ce_hours_in_other_categories"),
                f"ce_hours_in_other_categories: {slug} is not a CE category",
            )
        elif slug == package.ce_category:
            report.add(
                "course.yaml",
                at("ce_hours_in_other_categories"),
                f"ce_hours_in_other_categories: {slug} is the course's own ce_category",
            )
    credential = package.credential
    exists = credential and CredentialType.objects.filter(code=credential["code"]).exists()
    if credential and credential["code"] and not exists:
        if not (credential["name"] and credential["issuer"]):
            report.add(
                "course.yaml",
                credential["line"],
                f"no credential type {credential['code']}: give credential.name and "
                "credential.issuer to create it",
            )
        elif CredentialType.objects.filter(name=credential["name"]).exists():
            report.add(
                "course.yaml",
                credential["line"],
                f"another credential type is already named {credential['name']}",
            )
    known = set(
        CredentialType.objects.filter(code__in=package.prerequisite_credentials).values_list(
            "code", flat=True
        )
    )
    for missing in sorted(set(package.prerequisite_credentials) - known):
        report.add(
            "course.yaml",
            at("prerequisites"),
            f"prerequisite credential type {missing} doesn't exist",
        )
    known = {
        c.upper()
        for c in CoursePage.objects.filter(code__in=package.prerequisite_courses).values_list(
            "code", flat=True
        )
    }
    for missing in sorted({c.upper() for c in package.prerequisite_courses} - known):
        report.add(
            "course.yaml", at("prerequisites"), f"prerequisite course {missing} doesn't exist"
        )
    for link in package.links:
        if link_target(link.ref, package=package) is None:
            report.add(link.file, link.line, f"page:{link.ref} is not a page in this course or hub")


def link_target(ref: str, *, package: CoursePackage, created: dict | None = None):
    """The page id a `page:` reference names: `CODE[/slug/…]` (this package's course or
    another course in the hub) or `/path/` below the site's home page. During validation
    (`created` None) a page of this package resolves to 0."""
    from wagtail.models import Page, Site

    ref = ref.strip()
    if ref.startswith("/"):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            return None
        path = site.root_page.url_path + "/".join(p for p in ref.split("/") if p)
        path = path.rstrip("/") + "/"
        return Page.objects.filter(url_path=path).values_list("pk", flat=True).first()
    code, _, rest = ref.partition("/")
    rest = "/".join(part for part in rest.split("/") if part)
    if code.upper() == package.code.upper():
        if rest not in package.page_paths():
            return None
        return created[rest].pk if created is not None else 0
    course = CoursePage.objects.filter(code__iexact=code).first()
    if course is None:
        return None
    if not rest:
        return course.pk
    path = course.url_path + rest + "/"
    return Page.objects.filter(url_path=path).values_list("pk", flat=True).first()
