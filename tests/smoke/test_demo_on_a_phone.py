"""The demo's key pages in Chromium at a phone's width (360 px), filled with the demo's own
data, as each demo person sees them: no sideways scrolling, no table that scrolls inside the
page, no word broken across lines in a table cell, no serious or critical axe violation, no
Content-Security-Policy violation (browser_for). Each page is screenshotted at 360 and
1280 px into artifacts/screenshots/demo-*.png; `make screenshots` copies the README's ones to
docs/screenshots/.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from certificates.models import Credential
from courses.models import CoursePage, QuizAttempt, QuizPage, Session
from lms.people.demo import DEMO_PASSWORD
from lms.people.models import User
from tests.e2e.conftest import (
    PHONE,
    SCREENSHOTS,
    assert_no_horizontal_scroll,
    phone_layout_problems,
    screenshot,
    sign_in,
)
from tests.e2e.test_accessibility import accessibility_problems
from tests.smoke.conftest import PEOPLE

# Transactional: the test's own writes (a person's authenticator app) are committed at once,
# for the demo server to see; and pytest-django sets up (and seeds) the test database even
# when only these browser checks run (`make screenshots`). It runs after the other smoke test.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# The README's pictures: (screenshot name, width).
README_SHOTS = [
    ("dashboard", 360),
    ("ce-ledger", 360),
    ("verify-result", 360),
    ("course", 1280),
    ("supervisee", 1280),
    ("staff-credentials", 1280),
    ("course-analytics", 1280),
    ("hub-dashboard", 360),
]


def key_pages() -> dict[str, list[tuple[str, str]]]:
    """(screenshot name, URL) of each person's key pages, from the demo's data."""
    sam = User.objects.get(email=PEOPLE["peer"])
    ethics = CoursePage.objects.get(code="PS-ETH-40")
    module = ethics.get_children().first()
    lesson, quiz = module.get_children().order_by("path")[0], module.get_children().last()
    attempt = QuizAttempt.objects.filter(enrolment__learner=sam).order_by("pk").first()
    licence = Credential.objects.filter(holder=sam, status="renewal_due").get()
    narcan = Credential.objects.filter(holder=sam, status="active").order_by("-pk").first()
    session = Session.objects.filter(course=ethics).order_by("starts_at").first()
    ethics_quiz = QuizPage.objects.descendant_of(ethics).order_by("path").first()
    return {
        "anonymous": [
            ("home", "/"),
            ("catalogue", "/courses/"),
            ("course-outline", ethics.url),
            ("sign-in", "/accounts/login/"),
            ("verify", "/verify/"),
            ("verify-result", f"/verify/{narcan.display_code}/"),
            ("help", "/help/"),
        ],
        "peer": [
            ("dashboard", "/learn/"),
            ("course", ethics.url),
            ("lesson", lesson.url),
            ("quiz", quiz.url),
            ("quiz-result", f"/learn/attempts/{attempt.pk}/"),
            ("certificates", "/certificates/"),
            ("certificate", f"/certificates/{licence.pk}/"),
            ("ce-ledger", "/certificates/ce/"),
            ("external-credentials", "/certificates/external/"),
            ("my-supervision", "/supervision/mine/"),
            ("notifications", "/notifications/"),
            ("audit-packet", "/audits/"),
        ],
        "trainer": [
            ("sessions", "/learn/sessions/"),
            ("attendance", f"/learn/sessions/{session.pk}/attendance/"),
            ("course-analytics-list", "/analytics/courses/"),
            ("course-analytics", f"/analytics/courses/{ethics.pk}/"),
            ("quiz-analytics", f"/analytics/quizzes/{ethics_quiz.pk}/"),
        ],
        "lead": [
            ("hub-dashboard", "/analytics/hub/"),
            ("hub-dashboard-quarters", "/analytics/hub/?by=quarter"),
            ("funder-report-form", "/analytics/funder-reports/"),
        ],
        "supervisor": [
            ("supervisor-dashboard", "/supervision/"),
            ("supervisor-reviews", "/supervision/reviews/"),
            ("supervisee", f"/supervision/peers/{sam.pk}/"),
            ("supervisor-notifications", "/notifications/"),
            ("supervision-charts", "/analytics/supervision/"),
            ("audit-packet-supervisee", f"/audits/?person={sam.pk}"),
        ],
        "hr": [
            ("hr-matrix", "/hr/"),
            ("hr-candidate", "/hr/candidates/?q=Samantha"),
            ("assignments", "/supervision/assignments/"),
        ],
        "admin": [
            ("staff-credentials", "/certificates/all/"),
            ("credential-admin", f"/certificates/{licence.pk}/"),
            ("audit", "/audit/"),
            ("audit-packet-admin", "/audits/"),
        ],
    }


# Tables that may scroll sideways inside the page at 360 px (none: every table stacks).
TABLES_MAY_SCROLL: set[str] = set()


def test_key_pages_fit_a_phone_with_the_demos_data(browser_for):
    problems = []
    for who, pages in key_pages().items():
        page = browser_for(None, viewport=PHONE)
        if who != "anonymous":  # through the sign-in form, with the demo's published password
            sign_in(page, User.objects.get(email=PEOPLE[who]), DEMO_PASSWORD)
        for name, url in pages:
            response = page.goto(url)
            assert response is not None and response.ok, f"{who} {url}: {response.status}"
            expect(page.get_by_role("heading", level=1).first).to_be_visible()
            assert_no_horizontal_scroll(page)
            layout = phone_layout_problems(page)
            if name in TABLES_MAY_SCROLL:
                layout = [problem for problem in layout if "px wide in" not in problem]
            problems += [f"{who}: {problem}" for problem in layout]
            problems += [f"{who}: {problem}" for problem in accessibility_problems(page)]
            screenshot(page, f"demo-{name}")
    problems += funder_report_on_a_phone(browser_for)
    if os.environ.get("DOCS_SCREENSHOTS"):
        DOCS.mkdir(exist_ok=True)
        for name, width in README_SHOTS:
            target = DOCS / f"{name}-{'phone' if width == PHONE['width'] else 'desktop'}.png"
            shutil.copyfile(SCREENSHOTS / f"demo-{name}-{width}.png", target)
    assert not problems, "on a phone, with the demo's data:\n" + "\n".join(problems)


def funder_report_on_a_phone(browser_for) -> list[str]:
    """The lead trainer picks a period and a track; the demo runs the task in-process, so the
    progress page answers ready, with both files to download, fitting a phone. (Part of the
    test above: a transactional test empties the seeded database when it ends.)"""
    page = browser_for(None, viewport=PHONE)
    sign_in(page, User.objects.get(email=PEOPLE["lead"]), DEMO_PASSWORD)
    page.goto("/analytics/funder-reports/")
    page.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Prepare the report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Funder report:")
    expect(page.get_by_role("link", name="Download the PDF (with charts)")).to_be_visible()
    assert_no_horizontal_scroll(page)
    screenshot(page, "demo-funder-report")
    return [f"lead: {p}" for p in phone_layout_problems(page) + accessibility_problems(page)]
