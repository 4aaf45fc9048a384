"""Importing a course package: check everything, then create the pages in one transaction."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.embeds.blocks import EmbedValue
from wagtail.images import get_image_model

from certificates.models import CECategory, CredentialType
from lms.core.errors import DomainError

from ..models import (
    Choice,
    CourseCEApproval,
    CourseCEHours,
    CourseIndexPage,
    CoursePage,
    CoursePresenter,
    LessonPage,
    ModulePage,
    Question,
    QuizPage,
    Session,
    Track,
)
from ..moderation import approval_notices_batched
from ..services.authoring import course_permissions_sync
from .files import PackageFiles
from .markdown import Problems, lesson_blocks_from_markdown, richtext_from_markdown
from .reading import (
    CoursePackage,
    LessonSpec,
    SessionSpec,
    link_target,
    package_check_against_hub,
    package_read,
)


class PackageInvalid(DomainError):
    """A package with problems; `problems` lists every one as 'file:line: message'."""

    def __init__(self, problems: list[str], *, label: str = "package"):
        self.problems = problems
        count = len(problems)
        super().__init__(
            f"{label} was not imported: {count} problem{'s' if count != 1 else ''} to fix. "
            + " ".join(problems)
        )


@dataclass
class ImportResult:
    course: CoursePage
    package: CoursePackage
    pages: int
    sessions_created: list[Session] = field(default_factory=list)
    sessions_unscheduled: list[SessionSpec] = field(default_factory=list)


# Given a session's position in the package and its spec, when it starts (None: don't create).
SessionSchedule = Callable[[int, SessionSpec], datetime | None]


def course_package_check(*, source: PackageFiles, parent: CourseIndexPage) -> CoursePackage:
    """Read and check a package without creating anything; raises PackageInvalid."""
    package, report = package_read(source)
    if package is not None:
        package_check_against_hub(package, parent=parent, report=report)
    if report.items or package is None:
        raise PackageInvalid(report.lines(), label=getattr(source, "label", "package"))
    return package


@transaction.atomic
def course_package_import(
    *,
    source: PackageFiles,
    parent: CourseIndexPage,
    acting_user,
    publish: bool = False,
    schedule: SessionSchedule | None = None,
    session_trainer=None,
) -> ImportResult:
    """Create a course from a package, all or nothing.

    Without `publish`, every page is a draft submitted to the pages' workflow (the lead
    trainer approval) by `acting_user`; with it (the demo, a command's --publish), every page
    is published. Sessions with `starts_at` are created, led by `session_trainer` (default
    `acting_user`); the others only when `schedule` gives them a start, else they are
    returned unscheduled.
    """
    package = course_package_check(source=source, parent=parent)
    return _create(
        package,
        parent=parent,
        acting_user=acting_user,
        publish=publish,
        schedule=schedule,
        session_trainer=session_trainer or acting_user,
    )


def _create(package, *, parent, acting_user, publish, schedule, session_trainer) -> ImportResult:
    track = _track(package.track)
    media = _media(package)
    course = CoursePage(
        **package.fields,
        track=track,
        ce_category=CECategory.objects.filter(slug=package.ce_category).first()
        if package.ce_category
        else None,
        credential_type=_credential_type(package.credential),
        live=publish,
    )
    course.presenters = [
        CoursePresenter(sort_order=index, **row) for index, row in enumerate(package.presenters)
    ]
    course.ce_approvals = [
        CourseCEApproval(sort_order=index, **row) for index, row in enumerate(package.ce_approvals)
    ]
    categories = CECategory.objects.in_bulk(list(package.ce_split), field_name="slug")
    course.ce_hours_split = [
        CourseCEHours(sort_order=index, category=categories[slug], hours=hours)
        for index, (slug, hours) in enumerate(package.ce_split.items())
    ]
    course.prerequisite_credential_types = list(
        CredentialType.objects.filter(code__in=package.prerequisite_credentials)
    )
    course.prerequisite_courses = [
        CoursePage.objects.get(code__iexact=code) for code in package.prerequisite_courses
    ]
    parent.add_child(instance=course)
    created = {"": course}
    pages = [course]
    lessons: list[tuple[LessonPage, LessonSpec]] = []
    for module_spec in package.modules:
        module = ModulePage(
            title=module_spec.title,
            slug=module_spec.slug,
            summary=module_spec.summary,
            live=publish,
        )
        course.add_child(instance=module)
        created[module.slug] = module
        pages.append(module)
        for spec in module_spec.lessons:
            lesson = LessonPage(
                title=spec.title,
                slug=spec.slug,
                estimated_minutes=spec.estimated_minutes,
                body=_body(spec, package, media, created=None),
                live=publish,
            )
            module.add_child(instance=lesson)
            created[f"{module.slug}/{lesson.slug}"] = lesson
            pages.append(lesson)
            lessons.append((lesson, spec))
        if module_spec.quiz:
            quiz = _quiz(module_spec.quiz, package, created=None)
            quiz.live = publish
            module.add_child(instance=quiz)
            created[f"{module.slug}/{quiz.slug}"] = quiz
            pages.append(quiz)
    # Links between pages of this course name pages that exist only now.
    if any(link.ref for link in package.links):
        for lesson, spec in lessons:
            lesson.body = _body(spec, package, media, created=created)
            lesson.save()
        for module_spec in package.modules:
            if module_spec.quiz and module_spec.quiz.intro_text:
                quiz = created[f"{module_spec.slug}/{module_spec.quiz.slug}"]
                quiz.intro = _intro(module_spec.quiz, package, created=created)
                quiz.save()
    with approval_notices_batched(course=course):  # one email per approver, not per page
        for page in pages:
            revision = page.save_revision(user=acting_user)
            if publish:
                revision.publish(user=acting_user)
            else:
                workflow = page.get_workflow()
                if workflow is not None and workflow.active:
                    workflow.start(page, acting_user)
    course_permissions_sync(course=course)

    result = ImportResult(course=course, package=package, pages=len(pages))
    for index, spec in enumerate(package.sessions):
        starts_at = spec.starts_at or (schedule(index, spec) if schedule else None)
        if starts_at is None:
            result.sessions_unscheduled.append(spec)
            continue
        if timezone.is_naive(starts_at):
            starts_at = timezone.make_aware(starts_at)
        result.sessions_created.append(
            Session.objects.create(
                course=course,
                title=spec.title,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=float(spec.hours)),
                location=spec.location,
                trainer=session_trainer,
                capacity=spec.capacity,
            )
        )
    return result


def _track(spec: dict) -> Track:
    track = Track.objects.filter(slug=spec["slug"]).first()
    if track is None:
        track = Track.objects.create(
            slug=spec["slug"],
            name=spec["name"],
            description=spec["description"],
            sort_order=spec["sort_order"],
        )
    return track


def _credential_type(spec: dict | None) -> CredentialType | None:
    if not spec:
        return None
    credential_type = CredentialType.objects.filter(code=spec["code"]).first()
    if credential_type is None:
        credential_type = CredentialType.objects.create(
            code=spec["code"],
            name=spec["name"],
            issuer=spec["issuer"],
            kind=spec["kind"],
            partial_ce_credit=spec["partial_ce_credit"],
            reminder_offsets=[],
        )
    return credential_type


def _media(package: CoursePackage) -> dict:
    """One Wagtail image or document per media file the lessons use."""
    objects = {}
    image_model, document_model = get_image_model(), get_document_model()
    kinds = {}
    for module in package.modules:
        for lesson in module.lessons:
            for block in lesson.blocks:
                if block.type in ("image", "document"):
                    kinds[block.value[block.type]] = block.type
    for path, kind in kinds.items():
        name = PurePosixPath(path).name
        model = image_model if kind == "image" else document_model
        content = package.media[path]
        instance = model(
            title=PurePosixPath(path).stem.replace("-", " ")[:255],
            file=ContentFile(content, name=name),
        )
        if kind == "image":
            instance.file_size = len(content)
        instance.save()
        objects[path] = instance
    return objects


def _resolver(package: CoursePackage, created):
    def resolve(ref: str, line: int):
        return link_target(ref, package=package, created=created)

    return resolve


def _body(spec: LessonSpec, package: CoursePackage, media: dict, *, created) -> list:
    blocks = lesson_blocks_from_markdown(
        spec.body_text,
        first_line=spec.body_line,
        problems=Problems(),
        resolve_link=_resolver(package, created),
    )
    body = []
    for block in blocks:
        value = block.value
        if block.type == "image":
            value = {
                "image": media[value["image"]],
                "alt_text": value.get("alt", ""),
                "caption": value.get("caption", ""),
            }
        elif block.type == "document":
            value = {"document": media[value["document"]], "label": value.get("label", "")}
        elif block.type == "video":
            value = {"video": EmbedValue(value["video"]), "transcript": value["transcript"]}
        body.append((block.type, value))
    return body


def _intro(spec, package, *, created) -> str:
    return richtext_from_markdown(
        spec.intro_text,
        first_line=spec.intro_line,
        problems=Problems(),
        resolve_link=_resolver(package, created),
        allow_h2=True,
    )


def _quiz(spec, package, *, created) -> QuizPage:
    quiz = QuizPage(
        title=spec.title,
        slug=spec.slug,
        intro=_intro(spec, package, created=created),
        **spec.fields,
    )
    for order, question_spec in enumerate(spec.questions):
        question = Question(
            prompt=question_spec.prompt,
            kind=question_spec.kind,
            explanation=question_spec.explanation,
            marking_guide=question_spec.marking_guide,
            sort_order=order,
        )
        question.choices = [
            Choice(text=text, is_correct=correct, feedback=feedback, sort_order=index)
            for index, (text, correct, feedback) in enumerate(question_spec.choices)
        ]
        quiz.questions.add(question)
    return quiz
