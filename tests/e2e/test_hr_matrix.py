"""The HR matrix read as HR reads it: at 1280 px every column is in view, the name column
stays put, what is missing opens on demand; at 360 px the people are cards with no word
broken and no sideways scroll; axe finds nothing serious at either width."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from certificates.models import CredentialType
from lms.hiring.models import Position
from lms.people.roles import Role
from tests.e2e.conftest import DESKTOP, PHONE, assert_no_horizontal_scroll, screenshot
from tests.e2e.test_accessibility import accessibility_problems
from tests.factories import CredentialFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

POSITIONS = [
    "Peer Support Specialist",
    "Recovery Doula",
    "Indigenous Recovery Doula",
    "Master Narcan Trainer",
    "Corrections (jail) peer",
    "Trauma group facilitator",
]

# Words of a table cell that the browser broke across lines ("Mas/ter/Nar/can").
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.matrix th, .matrix td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.getClientRects().length) continue;  // hidden (closed details)
      if (node.parentElement.closest('.visually-hidden')) continue;
      for (const match of node.textContent.matchAll(/[^\\s-]+/g)) {  // a hyphen may end a line
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.fixture
def hr_world():
    today = timezone.localdate()
    peers = Group.objects.get(name=Role.PEER)
    licence = CredentialType.objects.get(code="cbhpss")
    course = CredentialType.objects.get(code="peer-support-40-hour")
    for name in POSITIONS:
        position = Position(name=name, slug=name.lower().replace(" ", "-").replace("(", ""))
        position.required_credential_types = [licence, course]
        position.applies_to_groups = [peers]
        position.save()
    names = ["Samantha R. Two Feathers", "Jordan A. Whitaker", "Robin Martinez-Oyelaran"]
    for number, name in enumerate(names * 3):
        person = UserFactory(
            roles=[Role.PEER],
            certificate_name=f"{name} {number}",
            email=f"{name.split()[0].lower()}.{number}@peer-support.example.org",
        )
        if number % 3:
            CredentialFactory(holder=person, credential_type=course)
        if number % 2:
            CredentialFactory(
                holder=person,
                credential_type=licence,
                expires_on=today + timedelta(days=[-3, 12, 200][number % 3]),
            )
    return UserFactory(roles=[Role.HR])


def test_the_matrix_reads_at_a_glance_on_a_desktop_and_a_phone(hr_world, browser_for):
    page = browser_for(hr_world, viewport=DESKTOP)
    page.goto("/hr/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Position prerequisites")
    expect(page.locator(".position-count")).to_have_count(len(POSITIONS))

    # Every column in view at 1280 px: the table does not scroll sideways.
    widths = page.evaluate(
        "(() => { const w = document.querySelector('.matrix-wrap');"
        " return [w.scrollWidth, w.clientWidth]; })()"
    )
    assert widths[0] <= widths[1], f"the matrix is cut off at 1280 px: {widths}"
    last = page.locator(".matrix thead th").last.bounding_box()
    assert last["x"] + last["width"] <= DESKTOP["width"]
    assert (
        page.locator("tbody .matrix__person").first.evaluate(
            "(el) => getComputedStyle(el).position"
        )
        == "sticky"
    )

    # One chip per cell; what is missing opens on demand.
    cell = page.locator(".matrix tbody td").first
    lines = cell.locator(".check-items li")
    expect(lines.first).to_be_hidden()
    cell.locator("summary").click()
    expect(lines.first).to_be_visible()
    assert accessibility_problems(page) == []

    page.set_viewport_size(PHONE)
    page.reload()
    assert_no_horizontal_scroll(page)
    for summary in page.locator(".matrix summary").all()[:6]:
        summary.click()
    assert page.evaluate(BROKEN_WORDS) == []
    assert accessibility_problems(page) == []
    screenshot(page, "hr-matrix")
