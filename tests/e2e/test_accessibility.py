"""Accessibility and small screens: axe on the key pages, a quiz by keyboard alone, and every
learner page at a phone's width (with screenshots of each key page at both widths)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page, expect

from certificates.models import Credential, CredentialType
from certificates.services.issuance import credential_issue
from courses.models import LessonPage, QuizPage
from courses.services.enrolments import enrolment_create
from courses.services.quizzes import quiz_attempt_start, quiz_attempt_submit
from lms.hiring.models import Position
from lms.people.roles import Role
from lms.supervision.services import supervisor_assignment_create
from tests.e2e.conftest import (
    PHONE,
    assert_no_horizontal_scroll,
    renewed_yearly_licence,
    screenshot,
)
from tests.factories import UserFactory, make_course

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BLOCKING_IMPACTS = ("serious", "critical")


@pytest.fixture
def world():
    """A peer halfway through a course, with a failed quiz attempt and an open one, a
    licence in its second cycle with CE progress; their qualified supervisor; HR with one
    position."""
    today = timezone.localdate()
    administrator = UserFactory(roles=[Role.ADMINISTRATOR], is_superuser=True, is_staff=True)
    peer = UserFactory(
        roles=[Role.PEER], preferred_name="Sam", certificate_name="Sam Rivera-Example"
    )
    course = make_course(
        modules=2, lessons_per_module=1, questions=2, title="Ethics and Boundaries", ce_hours=2
    )
    enrolment = enrolment_create(learner=peer, course=course, acting_user=peer)
    quiz = QuizPage.objects.descendant_of(course).order_by("path").first()
    failed = quiz_attempt_start(enrolment=enrolment, quiz=quiz, acting_user=peer)
    wrong = {
        f"q_{question.pk}": [c.pk for c in question.choices.all() if not c.is_correct]
        for question in quiz.questions.all()
    }
    quiz_attempt_submit(attempt=failed, data=wrong, acting_user=peer)
    open_attempt = quiz_attempt_start(enrolment=enrolment, quiz=quiz, acting_user=peer)

    credential = renewed_yearly_licence(peer)

    supervisor = UserFactory(roles=[Role.SUPERVISOR], preferred_name="Morgan")
    credential_issue(
        holder=supervisor,
        credential_type=CredentialType.objects.get(code="qualified-supervisor"),
        source=Credential.Source.MANUAL,
        issued_on=today - timedelta(days=100),
    )
    supervisor_assignment_create(supervisor=supervisor, peer=peer, acting_user=administrator)

    position = Position.objects.create(
        name="Peer Support Specialist", slug="peer-support-specialist", requires_attestation=False
    )
    position.required_credential_types.set(
        [credential.credential_type, CredentialType.objects.get(code="mhfa")]
    )
    position.save()

    return SimpleNamespace(
        peer=peer,
        supervisor=supervisor,
        hr=UserFactory(roles=[Role.HR]),
        course=course,
        lesson=LessonPage.objects.descendant_of(course).order_by("path").first(),
        quiz=quiz,
        failed=failed,
        open_attempt=open_attempt,
        credential=credential,
    )


def learner_pages(world) -> list[tuple[str, str]]:
    """(screenshot name, URL) of every page a peer uses."""
    return [
        ("home", "/"),
        ("catalogue", "/courses/"),
        ("course", world.course.url),
        ("lesson", world.lesson.url),
        ("quiz", world.quiz.url),
        ("quiz-attempt", f"/learn/attempts/{world.open_attempt.pk}/"),
        ("quiz-result", f"/learn/attempts/{world.failed.pk}/"),
        ("dashboard", "/learn/"),
        ("certificates", "/certificates/"),
        ("certificate", f"/certificates/{world.credential.pk}/"),
        ("ce-ledger", "/certificates/ce/"),
        ("external-credentials", "/certificates/external/"),
        ("my-supervision", "/supervision/mine/"),
        ("audit-packet", "/audits/"),
        ("notifications", "/notifications/"),
    ]


def public_pages(world) -> list[tuple[str, str]]:
    return [
        ("sign-in", "/accounts/login/"),
        ("verify", "/verify/"),
        ("verify-result", f"/verify/{world.credential.display_code}/"),
    ]


def blocking_violations(page: Page) -> list[str]:
    """axe's serious and critical violations on the current page, one line each."""
    results = Axe().run(page)
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(", ".join(map(str, node["target"])) for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


# axe only flags an ARIA reference to a missing id as "needs review"; a field whose help text
# or error is not where aria-describedby points is read without it, so it counts here.
BROKEN_REFERENCES = """() => [...document.querySelectorAll(
    '[aria-describedby], [aria-labelledby], [aria-controls], label[for]')]
  .flatMap((el) => ['aria-describedby', 'aria-labelledby', 'aria-controls', 'for']
    .flatMap((name) => (el.getAttribute(name) || '').split(/\\s+/).filter(Boolean)
      .filter((id) => !document.getElementById(id))
      .map((id) => `${el.tagName.toLowerCase()}#${el.id} ${name}="${id}"`)))"""


def accessibility_problems(page: Page) -> list[str]:
    """axe's serious and critical violations, and ARIA references to missing ids."""
    problems = blocking_violations(page)
    for reference in page.evaluate(BROKEN_REFERENCES):
        problems.append(f"{page.url}: reference to a missing element: {reference}")
    return problems


def open_page(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    expect(page.get_by_role("heading", level=1).first).to_be_visible()


def test_key_pages_have_no_serious_or_critical_axe_violations(world, browser_for):
    problems = []
    learner = browser_for(world.peer)
    for _name, url in learner_pages(world):
        open_page(learner, url)
        problems += accessibility_problems(learner)
    # A form showing its errors: each error is tied to its field.
    open_page(learner, "/certificates/ce/")
    learner.get_by_role("button", name="Send for review").click()
    expect(learner.locator(".field--error").first).to_be_visible()
    problems += accessibility_problems(learner)
    visitor = browser_for(None)
    for _name, url in public_pages(world):
        open_page(visitor, url)
        problems += accessibility_problems(visitor)
    for user, url in ((world.supervisor, "/supervision/"), (world.hr, "/hr/")):
        staff = browser_for(user)
        open_page(staff, url)
        problems += accessibility_problems(staff)

    assert not problems, "accessibility problems:\n" + "\n".join(problems)


def test_learner_pages_fit_a_phone_and_key_pages_are_screenshotted(world, browser_for):
    learner = browser_for(world.peer, viewport=PHONE)
    visitor = browser_for(None, viewport=PHONE)
    supervisor = browser_for(world.supervisor, viewport=PHONE)
    hr = browser_for(world.hr, viewport=PHONE)
    tour = [
        *((learner, name, url) for name, url in learner_pages(world)),
        *((visitor, name, url) for name, url in public_pages(world)),
        (supervisor, "supervisor-dashboard", "/supervision/"),
        (supervisor, "supervisor-reviews", "/supervision/reviews/"),
        (hr, "hr-matrix", "/hr/"),
    ]
    for page, name, url in tour:
        open_page(page, url)
        assert_no_horizontal_scroll(page)
        # The page heading fits the screen: nothing pushes it off to the side.
        heading = page.get_by_role("heading", level=1).first.bounding_box()
        assert heading and heading["x"] >= 0 and heading["x"] + heading["width"] <= PHONE["width"]
        screenshot(page, name)


def test_the_attendance_page_with_partial_credit_is_accessible_and_fits_a_phone(browser_for):
    """A trainer's session of a course whose certificate allows partial credit, with a learner
    who left early: the attendance form and the partial-credit offer, at both widths."""
    from courses.models import SessionSignup
    from courses.services.sessions import AttendanceLine, attendance_record
    from tests.factories import CredentialTypeFactory, SessionFactory

    trainer = UserFactory(roles=[Role.TRAINER], preferred_name="Robin")
    course = make_course(
        modules=1,
        lessons_per_module=1,
        quiz=False,
        ce_hours=4,
        required_contact_hours=8,
        credential_type=CredentialTypeFactory(partial_ce_credit=True),
        title="Recovery Doula Foundations",
    )
    session = SessionFactory(course=course, trainer=trainer, title="Labour support skills day")
    peer = UserFactory(roles=[Role.PEER], preferred_name="Jordan")
    enrolment = enrolment_create(learner=peer, course=course, acting_user=peer)
    SessionSignup.objects.create(session=session, enrolment=enrolment)
    attendance_record(
        session=session, lines=[AttendanceLine(enrolment.pk, "2")], acting_user=trainer
    )
    url = f"/learn/sessions/{session.pk}/attendance/"
    problems = []
    for viewport in (PHONE, None):
        page = browser_for(trainer, **({"viewport": viewport} if viewport else {}))
        open_page(page, url)
        expect(page.get_by_role("button", name="Give a certificate for 1 CE hour")).to_be_visible()
        problems += accessibility_problems(page)
        if viewport:
            assert_no_horizontal_scroll(page)
            screenshot(page, "attendance-partial-credit")
    assert not problems, "accessibility problems:\n" + "\n".join(problems)


# Keyboard only ----------------------------------------------------------------------------------


def press_tab_until(page: Page, predicate: str, *, limit: int = 40) -> None:
    """Press Tab until `predicate` (JS, given the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate}")


FOCUSED_LABEL = "(el => el.labels && el.labels[0] ? el.labels[0].textContent.trim() : '')"


def test_a_quiz_can_be_taken_with_the_keyboard_alone(browser_for):
    peer = UserFactory(roles=[Role.PEER])
    course = make_course(modules=1, lessons_per_module=0, questions=3, title="Naloxone basics")
    enrolment_create(learner=peer, course=course, acting_user=peer)
    quiz = QuizPage.objects.descendant_of(course).get()
    page = browser_for(peer)
    page.goto(quiz.url)

    # The skip link comes first and moves focus to the content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    press_tab_until(page, "el.textContent.trim() === 'Start the quiz'")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Question 1 of 3")).to_be_visible()

    for number in range(1, 4):
        # Tab enters the question's radio group; Space chooses; an arrow moves the choice.
        in_question = f"el.closest('fieldset').textContent.includes('Question {number} of 3')"
        press_tab_until(page, f"el.type === 'radio' && {in_question}")
        page.keyboard.press("Space")
        if page.evaluate(f"{FOCUSED_LABEL}(document.activeElement)") != "Right":
            page.keyboard.press("ArrowDown")
        assert page.evaluate(f"{FOCUSED_LABEL}(document.activeElement)") == "Right"
        assert page.evaluate("document.activeElement.checked")

    press_tab_until(page, "el.textContent.trim() === 'Submit answers'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your result")).to_be_visible()
    expect(page.get_by_text("✓ Passed")).to_be_visible()
