"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test here is marked `e2e` and uses a transactional database with serialized rollback:
the live server answers from another thread, so the test's data must be committed, and the
data migrations' rows (role groups, the home and catalogue pages, the approval workflow)
must come back after each flush.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import timezone
from playwright.sync_api import Page, expect

from certificates.expiry import add_months
from certificates.models import Credential, CredentialType
from certificates.services.issuance import credential_issue
from lms.celery import app
from lms.people.permissions import two_factor_required
from tests.celery_support import broker, running_worker
from tests.factories import (
    TEST_PASSWORD,
    CredentialTypeFactory,
    authenticator_code,
    confirmed_authenticator,
)

# Playwright's sync API runs an asyncio loop in this thread; Django refuses ORM calls while a
# loop runs unless told they are safe (they are: the loop is idle while the test thread runs).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# A Redis database of their own for the browser tests' Celery messages, so no other suite's
# worker (or leftover message) meets them.
E2E_BROKER_URL = "redis://127.0.0.1:6379/13"


# Browser and context ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium (no browser download), headless, quiet: no network of its own."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": browser_type_launch_args.get("headless", True),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def _serialized_database(django_db_setup):
    """The data that serialized rollback restores, read before Playwright's loop starts."""
    return {
        connection.alias: getattr(connection, "_test_serialized_contents", None)
        for connection in connections.all()
    }


@pytest.fixture(scope="session")
def playwright(_serialized_database, playwright):
    """Playwright, with the serialized data handed on to the connections the tests will use.

    While an event loop runs, asgiref keeps Django's connections per context instead of per
    thread, so the test thread gets new connection objects; without the serialized data on
    them, serialized rollback would silently restore nothing when the test database was
    created (by an earlier test) before the loop started.
    """
    for alias, contents in _serialized_database.items():
        if contents is not None:
            connections[alias]._test_serialized_contents = contents
    return playwright


@pytest.fixture(scope="session")
def base_url(live_server):
    """Relative URLs (page.goto("/learn/")) go to the live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Downloads kept for the test to read; Montana's clock and an American locale."""
    return {
        **browser_context_args,
        "accept_downloads": True,
        "locale": "en-US",
        "timezone_id": settings.TIME_ZONE,
    }


@pytest.fixture(autouse=True)
def _e2e_defaults():
    """Short timeouts (a stuck page fails fast); an empty cache (verification rate limit)."""
    expect.set_options(timeout=10_000)
    cache.clear()
    yield
    cache.clear()


# Celery ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def e2e_broker():
    """Tasks queued while a browser test runs (e.g. certificate PDFs) go to the e2e broker
    and are purged afterwards, unless a worker (below) took them."""
    with broker(E2E_BROKER_URL):
        app.control.purge()
        yield E2E_BROKER_URL
        app.control.purge()


@pytest.fixture
def celery_worker(transactional_db, e2e_broker, tmp_path):
    """A real worker on the e2e broker, started as soon as a test asks for it, so it boots
    while the browser works."""
    with running_worker(broker_url=e2e_broker, log_path=tmp_path / "worker.log") as worker:
        yield worker


# People in browsers ------------------------------------------------------------------------


def sign_in(page: Page, user, password: str = TEST_PASSWORD) -> Page:
    """Sign in through the real form, as a person would, with the code from their
    authenticator app when their role needs two-factor."""
    device = confirmed_authenticator(user) if two_factor_required(user) else None
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    if device is not None:
        expect(page).to_have_url(re.compile(r"/accounts/two-factor/"))
        page.locator("#id_code").fill(authenticator_code(device))
        page.get_by_role("main").get_by_role("button", name="Continue").click()
        expect(page).not_to_have_url(re.compile(r"/accounts/two-factor/"))
    return page


@pytest.fixture
def browser_for(new_context):
    """browser_for(user) -> a page in a browser of its own (desktop size unless a viewport
    is given), signed in as `user`; browser_for(None) -> an anonymous visitor's.

    Every page of ours runs under a Content-Security-Policy with no inline script or style:
    any violation Chromium reports outside the Wagtail admin fails the test."""
    violations: list[str] = []

    def watch(page: Page):
        def on_console(message):
            if "Content Security Policy" in message.text and "/admin/" not in page.url:
                violations.append(f"{page.url}: {message.text}")

        page.on("console", on_console)

    def open_browser(user, *, viewport=DESKTOP, **context_args) -> Page:
        context = new_context(viewport=viewport, **context_args)
        context.set_default_timeout(15_000)
        page = context.new_page()
        watch(page)
        return sign_in(page, user) if user is not None else page

    yield open_browser
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


# Data ------------------------------------------------------------------------------------


def renewed_yearly_licence(peer):
    """A yearly licence with 10 CE hours per cycle, renewed once (so not a first cycle): the
    current credential began ten days ago, the day after the first one expired."""
    today = timezone.localdate()
    licence = CredentialTypeFactory(
        name="Peer Support Specialist licence",
        kind=CredentialType.Kind.EXTERNAL_LICENCE,
        issuer="Montana Board of Behavioral Health",
        issued_by_hub=False,
        validity_rule="months",
        validity_months=12,
        ce_hours_required=10,
    )
    first = credential_issue(
        holder=peer,
        credential_type=licence,
        source=Credential.Source.MANUAL,
        issued_on=today - timedelta(days=375),
        expires_on=today - timedelta(days=10),
    )
    return credential_issue(
        holder=peer,
        credential_type=licence,
        source=Credential.Source.MANUAL,
        issued_on=today - timedelta(days=10),
        expires_on=add_months(first.expires_on, 12),
        supersedes=first,
        issued_as=Credential.IssuedAs.RENEWAL,
    )


# Screens ---------------------------------------------------------------------------------


def screenshot(page: Page, name: str) -> list[Path]:
    """Save the whole current page at phone and desktop widths: artifacts/screenshots/.

    The size the page was opened at comes first: scripted layouts (the Wagtail admin's
    sidebar) only settle properly at the size they loaded in.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    paths = []
    opened_small = original is not None and original["width"] <= PHONE["width"]
    for size in (PHONE, DESKTOP) if opened_small else (DESKTOP, PHONE):
        page.set_viewport_size(size)
        path = SCREENSHOTS / f"{name}-{size['width']}.png"
        page.screenshot(path=str(path), full_page=True)
        paths.append(path)
    if original:
        page.set_viewport_size(original)
    return paths


WIDEST_ELEMENTS = """(limit) => [...document.querySelectorAll('body *')]
  .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
  .slice(0, 5)
  .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
       + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + ' px)')"""


def assert_no_horizontal_scroll(page: Page, width: int = PHONE["width"]) -> None:
    """At a phone's width the page must not scroll sideways (its own tables may)."""
    original = page.viewport_size
    if not original or original["width"] != width:
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    overflowing = page.evaluate(WIDEST_ELEMENTS, width) if scroll_width > width else []
    if original and original["width"] != width:
        page.set_viewport_size(original)
    assert scroll_width <= width, (
        f"{page.url} scrolls sideways at {width} px (scrollWidth {scroll_width}): {overflowing}"
    )


# A word is broken when its letters sit on more than one line. Words are split at spaces and
# at hyphens, dashes and slashes, where a line may break without breaking a word.
BROKEN_WORDS_IN_TABLES = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('td, th')) {
    if (!cell.getClientRects().length) continue;  // not shown
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-\\u2010-\\u2015\\/·]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()]
          .filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
        if (tops.size > 1) broken.push(`"${match[0]}" in ${cell.tagName.toLowerCase()}`
          + (cell.dataset.label ? ` (${cell.dataset.label})` : ''));
      }
    }
  }
  return broken.slice(0, 10);
}"""

SCROLLING_TABLES = """() => [...document.querySelectorAll('.table-wrap')]
  .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1)
  .map((wrap) => `a table ${wrap.scrollWidth} px wide in ${wrap.clientWidth} px`)"""


def phone_layout_problems(page: Page) -> list[str]:
    """At a phone's width: words broken across lines inside table cells, and tables that
    scroll sideways inside the page (a phone reader should never have to)."""
    return [
        *(f"{page.url}: broken word {word}" for word in page.evaluate(BROKEN_WORDS_IN_TABLES)),
        *(f"{page.url}: {table}" for table in page.evaluate(SCROLLING_TABLES)),
    ]
