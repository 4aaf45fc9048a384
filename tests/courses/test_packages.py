"""Course packages (docs/course-packages.md): import, export, round trips, every problem with
its file and line, zip safety, the admin views and the management commands."""

import io
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import WorkflowState

from certificates.models import CredentialType
from courses.models import (
    CourseCEApproval,
    CoursePage,
    CoursePresenter,
    LessonPage,
    ModulePage,
    Question,
    QuizPage,
    Session,
    Track,
)
from courses.packages import files as package_files_module
from courses.packages.exporter import PackageExportError, course_package_export
from courses.packages.files import (
    PackageFiles,
    PackageRefused,
    package_files_from_folder,
    package_files_from_zip,
    package_zip,
)
from courses.packages.importer import PackageInvalid, course_package_import
from lms.people.roles import Role
from tests.factories import (
    CredentialTypeFactory,
    SessionFactory,
    UserFactory,
    catalogue,
    course_trainer,
    make_course,
)

pytestmark = pytest.mark.django_db

CURRICULA = Path(__file__).resolve().parents[2] / "courses" / "curricula"
DEMO_PACKAGES = sorted(path.name for path in CURRICULA.iterdir() if path.is_dir())

COURSE_YAML = """\
format: 1
code: T-PKG-1
title: Boundaries refresher
summary: A short refresher on boundaries.
delivery: online
required_contact_hours: 0.5
track:
  slug: pkg-track
  name: Package track
credential:
  code: course-t-pkg-1
  name: "Certificate: Boundaries refresher"
  issuer: One Health Peer Training Hub
  kind: training_completion
modules:
  - title: Boundaries
    lessons:
      - lessons/01-01-boundaries.md
    quiz: quizzes/module-1.yaml
sessions:
  - title: Practice circle
    hours: 2
    location: Community room
    starts_at: 2026-12-09T09:00:00-07:00
"""
LESSON_MD = """\
---
title: Boundaries
estimated_minutes: 30
---

## Why boundaries

Boundaries keep **both** of you safe. See [the quiz](page:T-PKG-1/module-1/quiz).

::: reflection
Think of a time a boundary helped you.
:::
"""
QUIZ_YAML = """\
title: Check-in
questions:
  - kind: true_false
    prompt: Boundaries protect the relationship.
    choices:
      - text: "True"
        correct: true
      - text: "False"
        correct: false
"""


def small_package(**overrides) -> PackageFiles:
    files = {
        "course.yaml": COURSE_YAML,
        "lessons/01-01-boundaries.md": LESSON_MD,
        "quizzes/module-1.yaml": QUIZ_YAML,
        **overrides,
    }
    return PackageFiles(
        {name: text.encode() if isinstance(text, str) else text for name, text in files.items()}
    )


def zip_of(entries: dict[str, bytes | str], *, symlinks=()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name)
            if name in symlinks:
                info.external_attr = 0o120777 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def weekly(start=datetime(2027, 3, 1, 9, 0)):
    start = timezone.make_aware(start)
    return lambda index, spec: start + timedelta(weeks=index)


@pytest.fixture
def lead(lead_trainer):
    return lead_trainer


# --- Round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", DEMO_PACKAGES)
def test_every_demo_package_exports_as_it_was_imported(name, lead):
    source = package_files_from_folder(CURRICULA / name)
    result = course_package_import(
        source=source, parent=catalogue(), acting_user=lead, publish=True, schedule=weekly()
    )
    exported = course_package_export(course=result.course, session_dates=False)
    assert sorted(exported) == sorted(source)
    for file_name in source:
        assert exported[file_name].decode() == source[file_name].decode(), file_name
    course = result.course
    assert course.slug == name and course.code.lower() == name and course.live
    modules = ModulePage.objects.child_of(course)
    assert [m.slug for m in modules] == [f"module-{n}" for n in range(1, modules.count() + 1)]
    for module in modules:
        lessons = LessonPage.objects.child_of(module)
        assert [lesson.slug for lesson in lessons] == [
            f"lesson-{n}" for n in range(1, lessons.count() + 1)
        ]
        assert all(quiz.slug == "quiz" for quiz in QuizPage.objects.child_of(module))
    assert len(result.sessions_created) == len(result.package.sessions)


def test_demo_ethics_package_keeps_the_reflection_and_quiz_rules(lead):
    result = course_package_import(
        source=package_files_from_folder(CURRICULA / "ps-eth-40"),
        parent=catalogue(),
        acting_user=lead,
        publish=True,
    )
    quizzes = QuizPage.objects.descendant_of(result.course)
    assert {(q.max_attempts, q.attempt_delay_minutes) for q in quizzes} == {(3, 10)}
    reflection = Question.objects.get(quiz__in=quizzes, kind="reflection")
    assert reflection.quiz.get_parent().slug == "module-5"
    assert reflection.marking_guide.startswith("Meets the standard")
    # Undated sessions without a schedule are reported, not created.
    assert len(result.sessions_unscheduled) == 5
    assert not Session.objects.filter(course=result.course).exists()


@pytest.fixture
def rich_course(lead):
    """A course using every block, a link between its pages, prerequisites and sessions."""
    course = make_course(modules=2, lessons_per_module=1, credential_type=CredentialTypeFactory())
    course.prerequisite_credential_types = [CredentialTypeFactory()]
    course.prerequisite_courses = [make_course(modules=1, quiz=False)]
    course.presenters = [CoursePresenter(name="Dana Example", credentials="CPRS")]
    course.learning_objectives = "Name two boundaries\nUse a reflection"
    course.ce_approvals = [CourseCEApproval(body="NAADAC", provider_number="1234")]
    course.save_revision().publish()
    image = Image.objects.create(title="Circle", file=_png_file())
    document = Document.objects.create(title="Handout", file=ContentFile(b"%PDF-1.4 x", "h.pdf"))
    target = LessonPage.objects.descendant_of(course).get(url_path__endswith="module-2/lesson-1/")
    lesson = LessonPage.objects.descendant_of(course).get(url_path__endswith="module-1/lesson-1/")
    lesson.body = [
        ("heading", "Walking alongside"),
        (
            "paragraph",
            f'<p>Read <a linktype="page" id="{target.pk}">the next lesson</a> and <a href="https://'
            'example.org/a_b?x=1&amp;y=2">this page</a>, <b>then</b> <i>reflect</i>.</p>'
            "<h3>Two lists</h3><ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>"
            "<ol><li>first</li></ol><p>Line one<br/>line two. 2 * 3 = 6, a_b [x] &lt;tag&gt;</p>",
        ),
        ("paragraph", "<p>- not a list, # not a heading</p>"),
        ("image", {"image": image, "alt_text": "People in a circle", "caption": "Our group"}),
        ("document", {"document": document, "label": "The handout"}),
        ("video", {"video": None, "transcript": ""}),
        ("callout", {"kind": "caution", "text": "Two lines\nof caution."}),
        ("key_points", ["Stay curious", "Share with purpose"]),
    ]
    lesson.body[5].value["video"] = _embed("https://www.youtube.com/watch?v=abc")
    lesson.save_revision().publish()
    quiz = QuizPage.objects.descendant_of(course).first()
    quiz.intro = "<h2>Before you start</h2><p>Take <b>your</b> time.</p>"
    quiz.max_attempts, quiz.review_retry_right_answers, quiz.grading_method = 2, True, "last"
    quiz.questions.add(
        Question(kind="reflection", prompt="What would you do?\n\nSay why.", marking_guide="X")
    )
    quiz.save_revision().publish()
    SessionFactory(course=course, trainer=lead, title="Practice", location="Miles City")
    return CoursePage.objects.get(pk=course.pk)


def _png_file():
    from PIL import Image as PillowImage

    buffer = io.BytesIO()
    PillowImage.new("RGB", (4, 3), "white").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), "circle.png")


def _embed(url):
    from wagtail.embeds.blocks import EmbedValue

    return EmbedValue(url)


def test_any_course_round_trips_through_a_zip(rich_course, lead):
    exported = course_package_export(course=rich_course)
    lesson_name = next(name for name in exported if name.startswith("lessons/01-01"))
    lesson_text = exported[lesson_name].decode()
    assert f"[the next lesson](page:{rich_course.code}/module-2/lesson-1)" in lesson_text
    assert "::: image media/circle.png\nalt: People in a circle\ncaption: Our group\n:::" in (
        lesson_text
    )
    assert "\\- not a list, # not a heading" in lesson_text
    assert set(exported) >= {"media/circle.png", "media/handout.pdf", "course.yaml"}

    # Import it as a new course: the same package with another code.
    zipped = package_zip(
        {
            name: content.replace(rich_course.code.encode(), b"COPY-1").replace(
                f"slug: {rich_course.slug}".encode(), b"slug: copy-1"
            )
            for name, content in exported.items()
        },
        folder="copy-1",
    )
    result = course_package_import(
        source=package_files_from_zip(zipped), parent=catalogue(), acting_user=lead, publish=True
    )
    copy = result.course
    assert copy.code == "COPY-1"
    assert list(copy.prerequisite_courses.all()) == list(rich_course.prerequisite_courses.all())
    assert copy.credential_type == rich_course.credential_type
    assert copy.sessions.get().starts_at == rich_course.sessions.get().starts_at
    lesson = LessonPage.objects.descendant_of(copy).get(url_path__endswith="module-1/lesson-1/")
    target = LessonPage.objects.descendant_of(copy).get(url_path__endswith="module-2/lesson-1/")
    paragraph = lesson.body[1].value.source
    assert f'<a linktype="page" id="{target.pk}">the next lesson</a>' in paragraph
    blocks = {block.block_type: block.value for block in lesson.body}
    assert blocks["image"]["image"].file.read() == _png_file().read()
    assert blocks["image"]["alt_text"] == "People in a circle"
    assert blocks["document"]["document"].file.read() == b"%PDF-1.4 x"
    assert blocks["video"]["video"].url == "https://www.youtube.com/watch?v=abc"
    assert blocks["callout"]["text"] == "Two lines\nof caution."

    again = course_package_export(course=copy)
    for name, content in exported.items():
        expected = content.replace(rich_course.code.encode(), b"COPY-1").replace(
            f"slug: {rich_course.slug}".encode(), b"slug: copy-1"
        )
        assert again[name] == expected, name


def test_a_block_a_package_cannot_hold_is_named_on_export(lead):
    course = make_course(modules=1, lessons_per_module=1, quiz=False)
    lesson = LessonPage.objects.descendant_of(course).get()
    lesson.body = [("paragraph", "<p>Fine</p>"), ("callout", {"kind": "note", "text": "a\n:::"})]
    lesson.save_revision().publish()
    with pytest.raises(PackageExportError, match=r"Lesson 'Lesson 1.1', block 2: .*:::"):
        course_package_export(course=course)


# --- Problems, with file and line --------------------------------------------------------


def test_every_problem_is_reported_with_its_file_and_line_and_nothing_is_created(lead):
    course_yaml = COURSE_YAML.replace("delivery: online", "delivery: hybrid").replace(
        "title: Boundaries refresher\n", "colour: blue\n"
    )
    lesson = LESSON_MD.replace("estimated_minutes: 30", "estimated_minutes: 0").replace(
        "## Why boundaries", "# Why boundaries"
    )
    quiz = QUIZ_YAML.replace('text: "False"\n        correct: false', 'text: "False"')
    quiz = quiz.replace("kind: true_false", "kind: single").replace(
        '- text: "True"\n        correct: true',
        '- text: "True"\n        correct: true\n      - text: "Maybe"\n        correct: yes',
    )
    source = small_package(
        **{
            "course.yaml": course_yaml,
            "lessons/01-01-boundaries.md": lesson,
            "quizzes/module-1.yaml": quiz,
            "lessons/99-stray.md": "---\ntitle: Stray\n---\n\nText.\n",
        }
    )
    pages, tracks, types = CoursePage.objects.count(), Track.objects.count(), CredentialType
    count_types = types.objects.count()
    with pytest.raises(PackageInvalid) as raised:
        course_package_import(source=source, parent=catalogue(), acting_user=lead)
    assert raised.value.problems == [
        "course.yaml:1: title is required",
        "course.yaml:3: unknown key colour",
        "course.yaml:5: delivery must be one of online, in_person, blended, live_online",
        "lessons/01-01-boundaries.md:3: estimated_minutes must be at least 1",
        "lessons/01-01-boundaries.md:6: a level-1 heading is not allowed here "
        "(`## ` starts a heading block; inside text use `### `)",
        "lessons/99-stray.md:1: not listed in course.yaml",
        "quizzes/module-1.yaml:3: A single-choice question has exactly one correct choice.",
    ]
    assert CoursePage.objects.count() == pages
    assert Track.objects.count() == tracks
    assert types.objects.count() == count_types


def test_yaml_syntax_errors_and_hub_clashes_are_reported(lead):
    existing = make_course(modules=1, quiz=False)
    source = small_package(
        **{
            "course.yaml": COURSE_YAML.replace("T-PKG-1", existing.code) + "ce_category: nowhere\n",
            "quizzes/module-1.yaml": "title: [unclosed\n",
        }
    )
    with pytest.raises(PackageInvalid) as raised:
        course_package_import(source=source, parent=catalogue(), acting_user=lead)
    problems = raised.value.problems
    assert problems[0].startswith(f"course.yaml:2: a course with code {existing.code} already")
    assert any(p.startswith("course.yaml:25: ce_category nowhere is not one of") for p in problems)
    assert any(p.startswith("quizzes/module-1.yaml:2: not valid YAML") for p in problems)
    assert any("page:" in p and "lessons/01-01-boundaries.md:8:" in p for p in problems)


# --- Import ---------------------------------------------------------------------------------


def test_import_creates_drafts_in_the_approval_workflow(lead):
    result = course_package_import(source=small_package(), parent=catalogue(), acting_user=lead)
    course = result.course
    pages = [course, *course.get_descendants()]
    assert len(pages) == result.pages == 4
    assert not any(page.live for page in pages)
    states = WorkflowState.objects.filter(status="in_progress", requested_by=lead)
    assert states.count() == 4
    assert course.credential_type.code == "course-t-pkg-1"
    assert course.track.name == "Package track"
    session = result.sessions_created[0]
    assert session.trainer == lead and session.hours == 2
    lesson = LessonPage.objects.descendant_of(course).get()
    quiz = QuizPage.objects.descendant_of(course).get()
    revision = lesson.get_latest_revision_as_object()
    assert f'<a linktype="page" id="{quiz.pk}">the quiz</a>' in revision.body[1].value.source


# --- Zip safety -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ({"../course.yaml": "x"}, "a path outside the package"),
        ({"course.yaml": "x", "/etc/passwd": "x"}, "a path outside the package"),
        ({"course.yaml": "x", "lessons\\..\\x.md": "x"}, "a path outside the package"),
        ({"course.yaml": "x", "lessons/run.exe": "x"}, "only .md files go in lessons/"),
        ({"course.yaml": "x", "media/evil.html": "x"}, "not an image or document type"),
        ({"course.yaml": "x", "setup.py": "x"}, "unexpected file"),
        ({"course.yaml": "x", "lessons/a/b.md": "x"}, "unexpected file"),
        ({"lessons/a.md": "x"}, "no course.yaml"),
    ],
)
def test_unsafe_or_unexpected_zip_entries_are_refused(entries, expected):
    with pytest.raises(PackageRefused, match=expected):
        package_files_from_zip(zip_of(entries))


def test_links_inside_a_zip_are_refused():
    data = zip_of({"course.yaml": "x", "media/a.png": "/etc/passwd"}, symlinks={"media/a.png"})
    with pytest.raises(PackageRefused, match="a link, not a file"):
        package_files_from_zip(data)


def test_not_a_zip_too_big_and_too_many_files_are_refused(monkeypatch):
    with pytest.raises(PackageRefused, match="not a zip archive"):
        package_files_from_zip(b"PK\x03\x04 not really")
    monkeypatch.setattr(package_files_module, "MAX_ZIP_BYTES", 100)
    with pytest.raises(PackageRefused, match="larger than"):
        package_files_from_zip(zip_of({"course.yaml": "x" * 500}))
    monkeypatch.setattr(package_files_module, "MAX_ZIP_BYTES", 10_000_000)
    monkeypatch.setattr(package_files_module, "MAX_FILE_BYTES", 1000)
    with pytest.raises(PackageRefused, match=r"course\.yaml: larger than"):
        package_files_from_zip(zip_of({"course.yaml": "x" * 5000}))
    monkeypatch.setattr(package_files_module, "MAX_TOTAL_BYTES", 1500)
    with pytest.raises(PackageRefused, match="add up to more than"):
        package_files_from_zip(zip_of({"course.yaml": "x" * 900, "lessons/a.md": "y" * 900}))
    monkeypatch.setattr(package_files_module, "MAX_FILES", 3)
    many = {"course.yaml": "x", **{f"lessons/{n}.md": "x" for n in range(4)}}
    with pytest.raises(PackageRefused, match="more than 3 files"):
        package_files_from_zip(zip_of(many))


def test_a_zip_whose_directory_lies_about_sizes_is_refused():
    data = bytearray(zip_of({"course.yaml": "x" * 50}))
    # The central directory's uncompressed size for the one entry: claim 10 bytes.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(PackageRefused):
        package_files_from_zip(bytes(data))


def test_a_package_in_one_folder_of_the_zip_reads(lead):
    data = package_zip(small_package(), folder="t-pkg-1")
    files = package_files_from_zip(data)
    assert sorted(files) == sorted(small_package())


# --- Admin views ------------------------------------------------------------------------------


def _upload(client, data: bytes, name="course.zip"):
    upload = ContentFile(data, name=name)
    return client.post(reverse("courses_package_import"), {"package": upload})


def test_a_lead_trainer_imports_a_course_from_the_admin(client, lead):
    client.force_login(lead)
    page = client.get(reverse("courses_package_import"))
    assert page.status_code == 200
    response = _upload(client, package_zip(small_package(), folder="t-pkg-1"))
    course = CoursePage.objects.get(code="T-PKG-1")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[course.pk])
    assert not course.live


def test_a_bad_zip_gets_a_clear_message_and_a_400(client, lead):
    client.force_login(lead)
    response = _upload(client, b"this is not a zip")
    assert response.status_code == 400
    assert b"the file is not a zip archive" in response.content
    broken = small_package(**{"course.yaml": COURSE_YAML.replace("online", "hybrid")})
    response = _upload(client, package_zip(broken, folder="x"))
    assert response.status_code == 400
    assert b"course.yaml:5: delivery must be one of online, in_person, blended, live_online" in (
        response.content
    )
    assert not CoursePage.objects.filter(code="T-PKG-1").exists()


@pytest.mark.parametrize("who", ["trainer", "peer", "hr", "supervisor"])
def test_only_people_who_may_add_courses_may_import(client, who, request):
    person = request.getfixturevalue(who)
    client.force_login(person)
    for response in (
        client.get(reverse("courses_package_import")),
        _upload(client, package_zip(small_package(), folder="t")),
    ):
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/admin/" in response["Location"] or "login" in response["Location"]
    assert not CoursePage.objects.filter(code="T-PKG-1").exists()


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(reverse("courses_package_import"))
    assert response.status_code == 302 and "login" in response["Location"]
    course = make_course(modules=1, quiz=False)
    response = client.get(reverse("courses_package_export", args=[course.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_course_trainer_exports_the_course_as_a_zip(client):
    course = make_course(modules=1)
    client.force_login(course_trainer(course))
    response = client.get(reverse("courses_package_export", args=[course.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f'filename="{course.code.lower()}.zip"' in response["Content-Disposition"]
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert f"{course.code.lower()}/course.yaml" in names
    explore = client.get(reverse("wagtailadmin_explore", args=[course.pk]))
    assert reverse("courses_package_export", args=[course.pk]).encode() in explore.content


def test_a_trainer_of_another_track_and_a_peer_may_not_export(client, peer):
    course = make_course(modules=1)
    other = make_course(modules=1)
    for person in (course_trainer(other), peer):
        client.force_login(person)
        response = client.get(reverse("courses_package_export", args=[course.pk]))
        assert response.status_code in (302, 403)
        assert response.get("Content-Type") != "application/zip"


def test_the_import_menu_item_shows_only_to_those_who_may_import(client, lead, trainer):
    client.force_login(lead)
    assert (
        reverse("courses_package_import").encode()
        in client.get(reverse("wagtailadmin_home")).content
    )
    client.force_login(trainer)
    assert reverse("courses_package_import").encode() not in (
        client.get(reverse("wagtailadmin_home")).content
    )


def test_an_export_problem_is_a_400_page_naming_the_lesson(client, lead):
    course = make_course(modules=1, lessons_per_module=1, quiz=False)
    lesson = LessonPage.objects.descendant_of(course).get()
    lesson.body = [("callout", {"kind": "note", "text": ":::"})]
    lesson.save_revision().publish()
    client.force_login(lead)
    response = client.get(reverse("courses_package_export", args=[course.pk]))
    assert response.status_code == 400
    assert b"Lesson 1.1" in response.content


# --- Management commands ---------------------------------------------------------------------


def test_course_export_and_import_commands(tmp_path, lead):
    course = make_course(modules=1)
    call_command("course_export", course.code, str(tmp_path / "c.zip"))
    call_command("course_export", course.code, str(tmp_path / "folder"))
    assert (tmp_path / "folder" / "course.yaml").is_file()
    with pytest.raises(CommandError, match="was not imported"):
        call_command("course_import", str(tmp_path / "c.zip"), "--user", lead.email)
    package = tmp_path / "new"
    package.mkdir()
    for name, content in small_package().items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_bytes(content)
    out = io.StringIO()
    call_command("course_import", str(package), "--user", lead.email, "--publish", stdout=out)
    assert "Imported T-PKG-1: 4 pages (published)" in out.getvalue()
    assert CoursePage.objects.get(code="T-PKG-1").live
    with pytest.raises(CommandError, match="No course with code NOPE"):
        call_command("course_export", "NOPE", str(tmp_path / "x.zip"))


def test_course_import_command_without_a_user_or_superuser_fails(tmp_path):
    UserFactory(roles=[Role.PEER])
    with pytest.raises(CommandError, match="No superuser"):
        call_command("course_import", str(tmp_path))


def test_media_must_be_in_the_package_and_readable(lead):
    lesson = LESSON_MD + "\n::: image media/chairs.png\nalt: Chairs in a circle\n:::\n"
    lesson += "\n::: document media/missing.pdf\n:::\n"
    source = small_package(
        **{"lessons/01-01-boundaries.md": lesson, "media/chairs.png": b"not a png"}
    )
    with pytest.raises(PackageInvalid) as raised:
        course_package_import(source=source, parent=catalogue(), acting_user=lead)
    assert raised.value.problems == [
        "lessons/01-01-boundaries.md:14: media/chairs.png is not a readable image",
        "lessons/01-01-boundaries.md:18: media/missing.pdf is not in the package",
    ]


@pytest.mark.parametrize(
    "manifest",
    [
        "",
        "- a\n- b\n",
        "just text\n",
        "modules: 5\n",
        "modules:\n  - 5\n",
        "code: [1]\ntrack: x\nmodules:\n  - title: M\n    lessons: [5]\n    quiz: 7\n",
        "code: X\ntitle: T\nsummary: S\ntrack: {slug: s}\nmodules: [{title: M, lessons: x}]\n",
        "code: X\nsessions:\n  - starts_at: 2026-01-01\n    hours: lots\n",
    ],
)
def test_malformed_manifests_are_problems_not_crashes(manifest, lead):
    with pytest.raises(PackageInvalid) as raised:
        course_package_import(
            source=small_package(**{"course.yaml": manifest}), parent=catalogue(), acting_user=lead
        )
    assert raised.value.problems
    assert all(problem.split(":")[1].isdigit() for problem in raised.value.problems)


def test_an_empty_quiz_or_front_matter_is_a_problem(lead):
    source = small_package(
        **{"quizzes/module-1.yaml": "", "lessons/01-01-boundaries.md": "---\n---\n\nText.\n"}
    )
    with pytest.raises(PackageInvalid) as raised:
        course_package_import(source=source, parent=catalogue(), acting_user=lead)
    assert "quizzes/module-1.yaml:1: empty: nothing to read" in raised.value.problems
    assert "lessons/01-01-boundaries.md:2: title is required" in raised.value.problems


# --- CE certificate fields ------------------------------------------------------------------

CE_FIELDS = """\
ce_hours: 6
ce_category: ethics
presenters:
  - name: Rosa Two Bulls
    credentials: MSW, LAC
learning_objectives:
  - Name three boundaries
  - Use a reflection
ce_approvals:
  - body: NAADAC
    provider_number: "123456"
ce_hours_in_other_categories:
  suicide-prevention: 2
"""


def test_ce_certificate_fields_import_and_the_credential_allows_partial_credit(lead):
    course_yaml = COURSE_YAML.replace(
        "kind: training_completion", "kind: training_completion\n  partial_ce_credit: true"
    )
    source = small_package(**{"course.yaml": course_yaml + CE_FIELDS})
    course = course_package_import(source=source, parent=catalogue(), acting_user=lead).course
    course = CoursePage.objects.get(pk=course.pk)
    assert course.objectives() == ["Name three boundaries", "Use a reflection"]
    assert [str(p) for p in course.presenters.all()] == ["Rosa Two Bulls, MSW, LAC"]
    assert [str(a) for a in course.ce_approvals.all()] == ["NAADAC: provider no. 123456"]
    assert [(c.slug, h) for c, h in course.ce_hours_by_category()] == [
        ("suicide-prevention", 2),
        ("ethics", 4),
    ]
    assert course.credential_type.partial_ce_credit


def test_an_earlier_packages_single_presenter_and_approval_number_still_import(lead):
    legacy = "presenter: Dana Example\nce_approval_number: MT-17\n"
    source = small_package(**{"course.yaml": COURSE_YAML + legacy})
    course = course_package_import(source=source, parent=catalogue(), acting_user=lead).course
    course = CoursePage.objects.get(pk=course.pk)
    assert [p.name for p in course.presenters.all()] == ["Dana Example"]
    assert [a.approval_number for a in course.ce_approvals.all()] == ["MT-17"]


def test_ce_certificate_field_problems_are_reported_with_their_lines(lead):
    bad = """\
ce_hours: 1
ce_category: ethics
presenters:
  - credentials: LAC
learning_objectives:
  - ""
ce_approvals:
  - body: NAADAC
ce_hours_in_other_categories:
  nowhere: 0.5
  ethics: 1
"""
    source = small_package(**{"course.yaml": COURSE_YAML + bad})
    with pytest.raises(PackageInvalid) as raised:
        course_package_import(source=source, parent=catalogue(), acting_user=lead)
    problems = raised.value.problems
    for expected in [
        "course.yaml:28: presenters.name is required",
        "course.yaml:30: learning_objectives: each learning objective is a line of text",
        "course.yaml:32: ce_approvals: give provider_number, approval_number or both",
        "course.yaml:33: ce_hours_in_other_categories add up to more than the course's 1 CE hours",
        "course.yaml:33: ce_hours_in_other_categories: nowhere is not a CE category",
        "course.yaml:33: ce_hours_in_other_categories: ethics is the course's own ce_category",
    ]:
        assert expected in problems, (expected, problems)


# --- Approval notices -----------------------------------------------------------------------


def test_an_import_sends_each_approver_one_email_naming_the_course(
    lead, mailoutbox, django_capture_on_commit_callbacks
):
    other_lead = UserFactory(roles=[Role.LEAD_TRAINER])
    with django_capture_on_commit_callbacks(execute=True):
        course_package_import(source=small_package(), parent=catalogue(), acting_user=lead)
    # Four pages submitted: one email to the other lead trainer, none to the importer.
    assert [m.to for m in mailoutbox] == [[other_lead.email]]
    [email] = mailoutbox
    assert email.subject == (
        '4 pages of "Boundaries refresher" submitted for approval in "Lead trainer review"'
    )
    assert "wait for your approval" in email.body and "/admin/pages/" in email.body


def test_a_failed_import_sends_no_approval_email(
    lead, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    from courses.packages import importer

    UserFactory(roles=[Role.LEAD_TRAINER])

    def broken(**kwargs):
        raise RuntimeError("after the pages were submitted")

    monkeypatch.setattr(importer, "course_permissions_sync", broken)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        course_package_import(source=small_package(), parent=catalogue(), acting_user=lead)
    assert mailoutbox == []  # rolled back: nothing to approve, nobody told


def test_a_page_submitted_from_the_editor_is_still_emailed_by_wagtail(lead, mailoutbox):
    from wagtail.models import TaskState
    from wagtail.signals import task_submitted

    from courses.moderation import task_submitted_notify

    # The courses app's receiver holds Wagtail's dispatch id for TaskState: Wagtail's own
    # notifier is not connected a second time (else every submission mailed twice).
    receivers = task_submitted._live_receivers(TaskState)
    receivers = receivers[0] if isinstance(receivers, tuple) else receivers
    assert task_submitted_notify in receivers and len(receivers) == 1
    other_lead = UserFactory(roles=[Role.LEAD_TRAINER])
    course = make_course(modules=1, lessons_per_module=1, quiz=False)
    lesson = LessonPage.objects.descendant_of(course).get()
    lesson.save_revision(user=lead)
    lesson.get_workflow().start(lesson, lead)
    assert [m.to for m in mailoutbox] == [[other_lead.email]]
    assert "has been submitted for approval" in mailoutbox[0].subject
