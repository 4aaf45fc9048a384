"""Exporting a course as a package: the files `course_package_import` reads back."""

from pathlib import PurePosixPath

from django.utils.text import slugify
from wagtail.models import Page, Site

from lms.core.errors import DomainError

from ..models import CoursePage, LessonPage, ModulePage, QuestionKind, QuizPage
from .files import PackageFiles
from .markdown import (
    ExportProblem,
    Problems,
    lesson_blocks_from_markdown,
    lesson_markdown_from_blocks,
    richtext_from_markdown,
    richtext_to_markdown,
)
from .reading import FORMAT_VERSION, QUIZ_RULES, REVIEW_ITEMS, REVIEW_STATES
from .yamlio import yaml_dump


class PackageExportError(DomainError):
    """Something in the course that a package can't hold, named by page and block."""


def _latest(page):
    """The page as last saved (a draft's changes included), as the editor shows it."""
    specific = page.specific
    if specific.latest_revision_id:
        return specific.get_latest_revision_as_object()
    return specific


class _Links:
    """Page ids → portable `page:` references, and back (to check the Markdown reads back)."""

    def __init__(self):
        self.refs: dict[int, str] = {}
        self.site_root = (
            Site.objects.filter(is_default_site=True).select_related("root_page").first()
        )

    def ref(self, page_id: int) -> str:
        if page_id in self.refs:
            return self.refs[page_id]
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            raise ExportProblem(f"a link to a page that no longer exists (id {page_id})")
        course = CoursePage.objects.ancestor_of(page, inclusive=True).first()
        if course is not None:
            rest = page.url_path.removeprefix(course.url_path).strip("/")
            ref = f"{course.code}/{rest}" if rest else course.code
        elif self.site_root and page.url_path.startswith(self.site_root.root_page.url_path):
            ref = "/" + page.url_path.removeprefix(self.site_root.root_page.url_path)
        else:
            raise ExportProblem(f"a link to {page.title}, which is outside the site")
        self.refs[page_id] = ref
        return ref

    def resolve(self, ref: str, line: int) -> int:
        return next((pk for pk, known in self.refs.items() if known == ref), 0)


class _Media:
    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.paths: dict[tuple[str, int], str] = {}

    def path(self, obj) -> str:
        key = (obj._meta.label, obj.pk)
        if key not in self.paths:
            # Named after the title: storage may have added a suffix to the file's own name.
            name = PurePosixPath(obj.file.name).name
            stem = slugify(obj.title) or PurePosixPath(name).stem
            suffix = PurePosixPath(name).suffix.lower()
            path, count = f"media/{stem}{suffix}", 1
            while path in self.files:
                count += 1
                path = f"media/{stem}-{count}{suffix}"
            with obj.file.open("rb") as handle:
                self.files[path] = handle.read()
            self.paths[key] = path
        return self.paths[key]


def _file_stem(title: str) -> str:
    words = slugify(title).split("-")
    stem = ""
    for word in words:
        if stem and len(stem) + 1 + len(word) > 40:
            break
        stem = f"{stem}-{word}" if stem else word
    return stem or "page"


def _omit_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def course_package_export(*, course: CoursePage, session_dates: bool = True) -> PackageFiles:
    """The course's package files. `session_dates` off writes the sessions as a plan (title,
    hours, place, capacity) without their dates."""
    course = _latest(course)
    links, media = _Links(), _Media()
    files = PackageFiles(label=course.code.lower())
    modules = []
    for module_number, module_page in enumerate(
        ModulePage.objects.child_of(course).order_by("path"), start=1
    ):
        module = _latest(module_page)
        entry = _omit_empty({"title": module.title, "slug": module.slug, "summary": module.summary})
        children = module.get_children().order_by("path").specific()
        lessons = [child for child in children if isinstance(child, LessonPage)]
        quizzes = [child for child in children if isinstance(child, QuizPage)]
        if len(quizzes) > 1:
            raise PackageExportError(
                f"Module {module.title!r} has {len(quizzes)} quizzes; a package holds one quiz "
                "per module. Move or merge one, then export again."
            )
        entry["lessons"] = []
        for lesson_number, lesson_page in enumerate(lessons, start=1):
            lesson = _latest(lesson_page)
            name = f"lessons/{module_number:02d}-{lesson_number:02d}-{_file_stem(lesson.title)}.md"
            files[name] = _lesson_file(lesson, lesson_number, links, media).encode()
            entry["lessons"].append(name)
        if not entry["lessons"]:
            del entry["lessons"]
        if quizzes:
            name = f"quizzes/module-{module_number}.yaml"
            files[name] = yaml_dump(_quiz_data(_latest(quizzes[0]), links)).encode()
            entry["quiz"] = name
        modules.append(entry)
    manifest = _manifest(course, modules, session_dates=session_dates)
    files["course.yaml"] = yaml_dump(manifest).encode()
    files.update(media.files)
    return files


def _manifest(course: CoursePage, modules: list, *, session_dates: bool) -> dict:
    track = course.track
    manifest = {
        "format": FORMAT_VERSION,
        "code": course.code,
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "audience": course.audience,
        "delivery": course.delivery,
        "required_contact_hours": course.required_contact_hours,
        "estimated_hours": course.estimated_hours,
        "ce_hours": course.ce_hours,
        "ce_category": course.ce_category.slug if course.ce_category else None,
        "sequential": course.sequential,
        "presenters": [
            _omit_empty({"name": p.name, "credentials": p.credentials})
            for p in course.presenters.all()
        ]
        or None,
        "learning_objectives": course.objectives() or None,
        "ce_approvals": [
            _omit_empty(
                {
                    "body": a.body,
                    "provider_number": a.provider_number,
                    "approval_number": a.approval_number,
                }
            )
            for a in course.ce_approvals.all()
        ]
        or None,
        "ce_hours_in_other_categories": {
            row.category.slug: row.hours for row in course.ce_hours_split.select_related("category")
        }
        or None,
        "seo_title": course.seo_title,
        "search_description": course.search_description,
        "track": _omit_empty(
            {
                "slug": track.slug,
                "name": track.name,
                "description": track.description,
                "sort_order": track.sort_order,
            }
        ),
    }
    manifest = {
        key: value
        for key, value in manifest.items()
        if value not in ("", None) or key in ("summary",)
    }
    credential_type = course.credential_type
    if credential_type is not None:
        manifest["credential"] = {
            "code": credential_type.code,
            "name": credential_type.name,
            "issuer": credential_type.issuer,
            "kind": credential_type.kind,
        }
        if credential_type.partial_ce_credit:
            manifest["credential"]["partial_ce_credit"] = True
    prerequisites = _omit_empty(
        {
            "credentials": sorted(c.code for c in course.prerequisite_credential_types.all()),
            "courses": sorted(c.code for c in course.prerequisite_courses.all()),
        }
    )
    if prerequisites:
        manifest["prerequisites"] = prerequisites
    manifest["modules"] = modules
    sessions = []
    for session in course.sessions.order_by("starts_at", "pk"):
        entry = {
            "title": session.title,
            "hours": session.hours,
            "location": session.location,
            "capacity": session.capacity,
        }
        if session_dates:
            entry["starts_at"] = session.starts_at
        sessions.append(entry)
    if sessions:
        manifest["sessions"] = sessions
    return manifest


def _lesson_file(lesson: LessonPage, number: int, links: _Links, media: _Media) -> str:
    front = {"title": lesson.title}
    if lesson.slug != f"lesson-{number}":
        front["slug"] = lesson.slug
    front["estimated_minutes"] = lesson.estimated_minutes
    blocks = [(block.block_type, block.value) for block in lesson.body]
    try:
        body = lesson_markdown_from_blocks(blocks, link_ref=links.ref, media_path=media.path)
        again = lesson_blocks_from_markdown(
            body, first_line=1, problems=Problems(), resolve_link=links.resolve
        )
        check = lesson_markdown_from_blocks(
            [(b.type, _as_export_value(b)) for b in again],
            link_ref=links.ref,
            media_path=lambda path: path,
        )
    except ExportProblem as problem:
        block = getattr(problem, "block", None)
        where = f", block {block}" if block else ""
        raise PackageExportError(
            f"Lesson {lesson.title!r}{where}: {problem}. Change it in the editor, then export "
            "again."
        ) from None
    if check != body:
        raise PackageExportError(
            f"Lesson {lesson.title!r}: its text can't be written as Markdown that reads back "
            "the same (an unusual mix of bold, italic and links). Simplify it, then export "
            "again."
        )
    return f"---\n{yaml_dump(front)}---\n\n{body}"


class _PathValue(dict):
    """A media block read back from Markdown, whose file is its package path."""


def _as_export_value(block):
    if block.type in ("image", "document"):
        value = dict(block.value)
        value["alt_text"] = value.pop("alt", "")
        return _PathValue(value)
    return block.value


def _quiz_data(quiz: QuizPage, links: _Links) -> dict:
    data = {"title": quiz.title}
    if quiz.slug != "quiz":
        data["slug"] = quiz.slug
    try:
        intro = richtext_to_markdown(quiz.intro or "", link_ref=links.ref, allow_h2=True)
        problems = Problems()
        again = richtext_from_markdown(
            intro, first_line=1, problems=problems, resolve_link=links.resolve, allow_h2=True
        )
        if richtext_to_markdown(again, link_ref=links.ref, allow_h2=True) != intro:
            raise ExportProblem("its text can't be written as Markdown that reads back the same")
    except ExportProblem as problem:
        raise PackageExportError(f"Quiz {quiz.title!r}, intro: {problem}.") from None
    if intro:
        data["intro"] = intro
    for key in QUIZ_RULES:
        data[key] = getattr(quiz, key)
    data["grading_method"] = quiz.grading_method
    data["shuffle_questions"] = quiz.shuffle_questions
    data["shuffle_choices"] = quiz.shuffle_choices
    data["review"] = {
        state: {item: getattr(quiz, f"review_{state}_{item}") for item in REVIEW_ITEMS}
        for state in REVIEW_STATES
    }
    questions = []
    for question in sorted(quiz.questions.all(), key=lambda q: (q.sort_order or 0, q.pk or 0)):
        entry = {"kind": question.kind, "prompt": _text(question.prompt)}
        if question.explanation:
            entry["explanation"] = _text(question.explanation)
        if question.marking_guide:
            entry["marking_guide"] = _text(question.marking_guide)
        if question.kind != QuestionKind.REFLECTION:
            entry["choices"] = [
                {"text": c.text.strip(), "correct": c.is_correct}
                | ({"feedback": c.feedback.strip()} if c.feedback.strip() else {})
                for c in sorted(
                    question.choices.all(), key=lambda c: (c.sort_order or 0, c.pk or 0)
                )
            ]
        questions.append(entry)
    data["questions"] = questions
    return data


def _text(value: str) -> str:
    return (value or "").replace("\r\n", "\n").strip()
