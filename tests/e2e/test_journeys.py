"""Five journeys through the hub in a real browser, each one a story a person could watch.

1. A peer completes a blended course; the trainer records attendance; a real Celery worker
   renders the certificate; the printed verification address says "Active".
2. A track's trainer authors a module, lesson and quiz in the Wagtail admin; the lead
   trainer approves them; an enrolled peer sees the new module.
3. A peer sends external CE with evidence; their supervisor approves it; the peer's renewal
   progress counts it.
4. HR filters the prerequisite matrix to "Missing" and exports it as CSV.
5. An administrator revokes a credential; public verification says "Revoked".
"""

import csv
import io
import re
import time
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from certificates.models import CERecord, Credential, CredentialType
from certificates.services.issuance import credential_issue
from courses.models import Enrolment, LessonPage, ModulePage, QuizPage, SessionSignup
from courses.services.authoring import track_permissions_sync
from courses.services.enrolments import enrolment_create
from lms.hiring.models import Position
from lms.people.roles import Role
from lms.supervision.services import supervisor_assignment_create
from tests.celery_support import worker_log
from tests.e2e.conftest import renewed_yearly_licence, screenshot
from tests.factories import (
    CredentialTypeFactory,
    SessionFactory,
    TrackFactory,
    UserFactory,
    make_course,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PDF_WAIT_SECONDS = 60
# A tiny but well-formed PDF: the evidence check reads its magic bytes and its %%EOF.
EVIDENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def messages(page: Page):
    """The flash messages at the top of the hub's pages."""
    return page.locator("main .messages")


# 1. A blended course, end to end ------------------------------------------------------------


def answer_every_question(page: Page, label: str) -> None:
    """Choose the answer called `label` in every question, then submit."""
    questions = page.locator("fieldset.question")
    expect(questions.first).to_be_visible()  # the attempt page has loaded
    for index in range(questions.count()):
        questions.nth(index).get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Submit answers").click()


def complete_lesson(page: Page, title: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_role("button", name="Mark as done and continue").click()
    expect(messages(page)).to_contain_text(f"“{title}” marked complete.")


def pass_quiz(page: Page, title: str, *, fail_first: bool = False) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_role("button", name="Start the quiz").click()
    if fail_first:
        answer_every_question(page, "Wrong")
        expect(page.get_by_text("Not passed yet")).to_be_visible()
        page.get_by_role("link", name="Back to the quiz").click()
        page.get_by_role("button", name="Try again").click()
        expect(page.get_by_text("Attempt 2")).to_be_visible()
    answer_every_question(page, "Right")
    expect(page.get_by_text("✓ Passed")).to_be_visible()


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_a_peer_completes_a_blended_course_and_the_printed_certificate_verifies(
    browser_for, celery_worker, live_server, tmp_path
):
    lesson_minutes = 30
    online_hours = Decimal(2 * lesson_minutes) / 60
    course = make_course(
        modules=2,
        lessons_per_module=1,
        questions=2,
        lesson_minutes=lesson_minutes,
        required_contact_hours=online_hours + 2,
        credential_type=CredentialTypeFactory(name="Peer Support Ethics & Boundaries"),
        title="Ethics and Boundaries (blended)",
    )
    trainer = UserFactory(roles=[Role.TRAINER])
    session = SessionFactory(course=course, trainer=trainer, title="Boundaries role-play")
    peer = UserFactory(roles=[Role.PEER], certificate_name="Winona Redbird-Castillo")

    # The peer enrols and studies online.
    learner = browser_for(peer)
    learner.goto(course.url)
    learner.get_by_role("button", name="Enrol").click()
    expect(messages(learner)).to_contain_text("You are enrolled")
    learner.get_by_role("link", name="Continue: Lesson 1.1").click()
    complete_lesson(learner, "Lesson 1.1")
    pass_quiz(learner, "Quiz 1", fail_first=True)
    learner.get_by_role("link", name="Course outline").click()
    learner.get_by_role("link", name="Continue: Lesson 2.1").click()
    complete_lesson(learner, "Lesson 2.1")
    pass_quiz(learner, "Quiz 2")
    learner.get_by_role("link", name="Course outline").click()
    hours = learner.locator(".progress__label").filter(has_text="Contact hours")
    expected = f"{online_hours:g} of {online_hours + 2:g}"  # "1 of 3": the sessions are to come
    expect(hours).to_have_text(re.compile(rf"Contact hours\s*{expected}$"))

    # The session is already over, so sign-up is closed: the peer was on the list.
    SessionSignup.objects.create(
        session=session, enrolment=Enrolment.objects.get(learner=peer, course=course)
    )

    # The trainer records attendance in their own browser.
    desk = browser_for(trainer)
    desk.goto("/learn/sessions/")
    desk.get_by_role("row", name=session.title).get_by_role("link", name="Attendance").click()
    desk.get_by_label(f"{peer.preferred_name} ({peer.certificate_name})").fill("2")
    desk.get_by_role("button", name="Save attendance").click()
    expect(messages(desk)).to_contain_text("Attendance saved for 1 person.")

    # The course is complete; the worker renders the PDF while the peer waits.
    learner.goto(course.url)
    expect(learner.get_by_text("✓ Completed")).to_be_visible()
    learner.get_by_role("link", name="See your certificate").click()
    expect(learner.get_by_role("heading", level=1)).to_have_text("Peer Support Ethics & Boundaries")
    download_link = learner.get_by_role("link", name="Download the PDF certificate")
    deadline = time.monotonic() + PDF_WAIT_SECONDS
    while not download_link.is_visible():  # "being prepared": look again, as the page says
        assert celery_worker.poll() is None, f"the worker stopped:\n{worker_log(celery_worker)}"
        assert time.monotonic() < deadline, (
            f"no PDF after {PDF_WAIT_SECONDS} s:\n{worker_log(celery_worker)}"
        )
        time.sleep(1)
        learner.reload()
    screenshot(learner, "journey-certificate-ready")

    with learner.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert re.fullmatch(r"certificate-[0-9A-Z-]+\.pdf", download.suggested_filename)
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = pdf_text(path)
    assert peer.certificate_name in text
    # The address may be wrapped over two lines on the certificate.
    match = re.search(
        r"(https?://\S+?)(/verify/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)",
        re.sub(r"\s+", "", text),
    )
    assert match, f"no verification address printed in:\n{text}"
    printed_url = match.group(1) + match.group(2)
    assert urlsplit(printed_url).scheme in ("http", "https")

    # An employer checks the printed address (this test's server stands in for the hub's).
    employer = browser_for(None)
    employer.goto(live_server.url + match.group(2))
    expect(employer.locator(".verify-status")).to_have_text("✓ Active")
    expect(employer.get_by_text(peer.certificate_name)).to_be_visible()
    credential = Credential.objects.get(holder=peer)
    assert credential.display_code in match.group(2)


# 2. Authoring in the Wagtail admin -------------------------------------------------------------


def submit_for_approval(page: Page, title: str) -> None:
    """The footer's "more actions" menu of the page editor: submit to the workflow."""
    page.get_by_role("navigation", name="Actions (footer)").locator(".w-dropdown__toggle").click()
    page.get_by_role("button", name="Submit to Lead trainer approval").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Page '{title}' created and submitted for moderation."
    )


def add_child_page(page: Page, parent, type_label: str | None = None) -> None:
    page.goto(f"/admin/pages/{parent.pk}/add_subpage/")
    if type_label:  # more than one page type may go here: choose one
        page.get_by_role("link", name=type_label, exact=True).click()


def test_a_track_trainer_authors_a_module_the_lead_trainer_approves_it_and_peers_see_it(
    browser_for,
):
    trainers = Group.objects.create(name="Doula trainers")
    track = TrackFactory(name="Recovery Doula")
    track.trainer_groups.add(trainers)
    course = make_course(
        modules=1, lessons_per_module=1, quiz=False, track=track, title="Recovery Doula basics"
    )
    track_permissions_sync(track=track)  # as saving the track in the admin does
    author = UserFactory(roles=[Role.TRAINER])
    author.groups.add(trainers)
    lead = UserFactory(roles=[Role.LEAD_TRAINER, Role.TRAINER])
    peer = UserFactory(roles=[Role.PEER])
    enrolment_create(learner=peer, course=course, acting_user=peer)

    editor = browser_for(author)
    # A module (the only page type a course takes, so Wagtail opens its form directly).
    add_child_page(editor, course)
    editor.locator("#id_title").fill("Postpartum support")
    editor.locator("#id_title").press("Tab")  # the slug follows the title on blur
    editor.locator("#id_summary").fill("Perinatal risks and how peers help.")
    submit_for_approval(editor, "Postpartum support")
    module = ModulePage.objects.get(title="Postpartum support")
    assert (module.slug, module.live) == ("postpartum-support", False)

    # A lesson, with a paragraph typed into the StreamField's rich-text editor.
    add_child_page(editor, module, "Lesson page")
    editor.locator("#id_title").fill("Overdose risk after birth")
    editor.locator("#id_estimated_minutes").fill("20")
    editor.get_by_role("button", name="Insert a block").click()
    editor.get_by_role("option", name="Paragraph").click()
    editor.locator("[contenteditable=true]").first.click()
    editor.keyboard.type("Tolerance drops during pregnancy; plan with the peer.")
    # Draftail saves into the hidden input a moment after typing stops.
    expect(editor.locator("#body-0-value")).to_have_value(re.compile("Tolerance drops"))
    submit_for_approval(editor, "Overdose risk after birth")

    # A quiz: its question and two choices are on the form; a third is added in the
    # nested inline panel.
    add_child_page(editor, module, "Quiz page")
    editor.locator("#id_title").fill("Check: overdose risk")
    editor.locator("#id_questions-0-prompt").fill("When does overdose risk rise?")
    editor.locator("#id_questions-0-choices-ADD").click()
    editor.locator("#id_questions-0-choices-0-text").fill("After birth, as tolerance drops")
    editor.locator("#id_questions-0-choices-0-is_correct").check()
    editor.locator("#id_questions-0-choices-1-text").fill("Never")
    editor.locator("#id_questions-0-choices-2-text").fill("Only in the first trimester")
    submit_for_approval(editor, "Check: overdose risk")
    screenshot(editor, "journey-admin-explorer")

    lesson = LessonPage.objects.get(title="Overdose risk after birth")
    quiz = QuizPage.objects.get(title="Check: overdose risk")
    choices = quiz.questions.get().choices.all()
    assert [(choice.text, choice.is_correct) for choice in choices] == [
        ("After birth, as tolerance drops", True),
        ("Never", False),
        ("Only in the first trimester", False),
    ]
    for page in (module, lesson, quiz):
        assert page.workflow_in_progress and not page.live

    # Nothing shows to the peer yet.
    learner = browser_for(peer)
    learner.goto(course.url)
    expect(learner.get_by_role("heading", name="Course outline")).to_be_visible()
    expect(learner.get_by_text("Postpartum support")).to_have_count(0)

    # The lead trainer approves each page from "Awaiting your review" on the dashboard.
    reviewer = browser_for(lead)
    reviewer.goto("/admin/")
    expect(reviewer.get_by_role("heading", name="Awaiting your review")).to_be_visible()
    screenshot(reviewer, "journey-admin-awaiting-review")
    for title in ("Postpartum support", "Overdose risk after birth", "Check: overdose risk"):
        row = reviewer.get_by_role("row").filter(
            has=reviewer.get_by_role("link", name=title, exact=True)
        )
        row.get_by_role("button", name="Actions").click()
        row.get_by_role("button", name="Approve", exact=True).click()
        expect(row).to_have_count(0)  # the dashboard reloads without it
    for page in (module, lesson, quiz):
        page.refresh_from_db()
        assert page.live and not page.workflow_in_progress

    # The enrolled peer now sees the module, its lesson and its quiz in the outline.
    learner.reload()
    outline = learner.locator(".outline")
    expect(outline.get_by_role("heading", name="Postpartum support")).to_be_visible()
    # Modules fold; the one with the peer's next step is open, so open this one as they would.
    outline.get_by_role("heading", name="Postpartum support").click()
    expect(outline.get_by_role("link", name="Overdose risk after birth")).to_be_visible()
    expect(outline.get_by_role("link", name="Check: overdose risk")).to_be_visible()
    learner.get_by_role("link", name="Overdose risk after birth").click()
    expect(learner.get_by_text("Tolerance drops during pregnancy")).to_be_visible()


# 3. External CE, reviewed by the supervisor, counts toward renewal ------------------------------


def test_a_peer_sends_external_ce_their_supervisor_approves_it_and_renewal_progress_counts_it(
    browser_for,
):
    today = timezone.localdate()
    administrator = UserFactory(roles=[Role.ADMINISTRATOR], is_superuser=True, is_staff=True)
    peer = UserFactory(roles=[Role.PEER])
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    credential_issue(
        holder=supervisor,
        credential_type=CredentialType.objects.get(code="qualified-supervisor"),
        source=Credential.Source.MANUAL,
        issued_on=today - timedelta(days=100),
    )
    supervisor_assignment_create(supervisor=supervisor, peer=peer, acting_user=administrator)
    renewed_yearly_licence(peer)

    learner = browser_for(peer)
    learner.goto("/certificates/")
    card = learner.locator(".card").filter(has_text="Peer Support Specialist licence")
    expect(card.locator(".progress__label")).to_have_text(re.compile(r"CE this cycle\s*0 of 10 h"))

    learner.goto("/certificates/ce/")
    learner.get_by_label("Activity title").fill("Suicide prevention: QPR gatekeeper")
    learner.get_by_label("Provider or sponsor").fill("Montana DPHHS")
    learner.get_by_label("Date completed").fill((today - timedelta(days=2)).isoformat())
    learner.get_by_label(re.compile(r"^Hours")).fill("2")
    learner.get_by_label("Evidence").set_input_files(
        {"name": "qpr-certificate.pdf", "mimeType": "application/pdf", "buffer": EVIDENCE_PDF}
    )
    learner.get_by_role("button", name="Send for review").click()
    expect(messages(learner)).to_contain_text("Your CE is waiting for review.")
    row = learner.get_by_role("row", name=re.compile("Suicide prevention"))
    expect(row).to_contain_text("Waiting for review")

    reviewer = browser_for(supervisor)
    reviewer.goto("/supervision/reviews/")
    item = reviewer.locator(".card").filter(has_text="Suicide prevention: QPR gatekeeper")
    expect(item).to_contain_text(peer.certificate_name)
    item.get_by_label("Approve").check()
    item.get_by_role("button", name="Save review").click()
    expect(messages(reviewer)).to_contain_text("Review saved.")
    expect(reviewer.get_by_text("No CE is waiting.")).to_be_visible()
    assert CERecord.objects.get(holder=peer).status == CERecord.Status.APPROVED

    learner.goto("/certificates/")
    expect(card.locator(".progress__label")).to_have_text(re.compile(r"CE this cycle\s*2 of 10 h"))
    learner.goto("/certificates/ce/")
    expect(row).to_contain_text("✓ Approved")


# 4. HR: the prerequisite matrix, filtered and exported ----------------------------------------


def test_hr_filters_the_matrix_to_missing_and_exports_it_as_csv(browser_for, tmp_path):
    first_aid = CredentialType.objects.get(code="mhfa")  # "Mental Health First Aid", 3 years
    position = Position.objects.create(
        name="Peer Support Specialist", slug="peer-support-specialist", requires_attestation=False
    )
    position.required_credential_types.set([first_aid])
    position.applies_to_groups.set([Group.objects.get(name=Role.PEER)])
    position.save()
    ready = UserFactory(roles=[Role.PEER], certificate_name="Robin Ready-Example")
    credential_issue(
        holder=ready,
        credential_type=first_aid,
        source=Credential.Source.MANUAL,
        issued_on=timezone.localdate() - timedelta(days=30),
    )
    missing = UserFactory(roles=[Role.PEER], certificate_name="Sky Missing-Example")
    hr = UserFactory(roles=[Role.HR])

    desk = browser_for(hr)
    desk.goto("/hr/")
    matrix = desk.locator("table.matrix")
    expect(matrix).to_contain_text("Robin Ready-Example")
    expect(matrix).to_contain_text("Sky Missing-Example")

    desk.get_by_label("Status").select_option(label="Missing")
    desk.get_by_role("button", name="Filter").click()
    expect(desk).to_have_url(re.compile(r"status=missing"))
    expect(matrix).not_to_contain_text("Robin Ready-Example")
    expect(matrix.get_by_role("row", name=re.compile("Sky Missing-Example"))).to_contain_text(
        "Missing: Mental Health First Aid"
    )
    screenshot(desk, "journey-hr-missing")

    with desk.expect_download() as download_info:
        desk.get_by_role("button", name="CSV", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "prerequisites.csv"
    path = tmp_path / "prerequisites.csv"
    download.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows == [
        [
            "Name on certificates",
            "Email",
            "Peer Support Specialist",
            "Peer Support Specialist: what is missing or expiring",
        ],
        ["Sky Missing-Example", missing.email, "Missing", "Missing: Mental Health First Aid"],
    ]


# 5. Revocation shows on public verification ----------------------------------------------------


def test_an_administrator_revokes_a_credential_and_verification_says_revoked(browser_for):
    holder = UserFactory(roles=[Role.PEER], certificate_name="Jordan Lee-Example")
    credential = credential_issue(
        holder=holder,
        credential_type=CredentialType.objects.get(code="master-narcan-trainer"),
        source=Credential.Source.MANUAL,
        issued_on=timezone.localdate() - timedelta(days=40),
    )
    administrator = UserFactory(roles=[Role.ADMINISTRATOR], is_superuser=True, is_staff=True)
    verify_url = f"/verify/{credential.display_code}/"

    public = browser_for(None)
    public.goto(verify_url)
    expect(public.locator(".verify-status")).to_have_text("✓ Active")

    desk = browser_for(administrator)
    desk.goto(f"/certificates/{credential.pk}/")
    desk.get_by_label("Reason").fill("Issued to the wrong person by mistake.")
    desk.get_by_label("I understand that revoking").check()
    desk.get_by_role("button", name="Revoke this credential").click()
    expect(messages(desk)).to_contain_text("The credential is revoked.")
    expect(desk.locator("main .chip")).to_have_text("✕ Revoked")
    expect(desk.get_by_text("Revoked: Issued to the wrong person by mistake.")).to_be_visible()

    public.reload()
    expect(public.locator(".verify-status")).to_contain_text("✕ Revoked on")
    expect(public.get_by_text("Issued to the wrong person")).to_have_count(0)  # reason is private
