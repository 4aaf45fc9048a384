"""Every front-end page the demo links to, for every demo person and an anonymous visitor, on
the demo's SQLite database: no 5xx, no broken link, and the status each person should get.

Links are found the way people find them: from the home page, following every same-site link
on every page each person can open. Then everyone asks for every page anyone was shown, and
each answer is checked against the table below (200, a redirect that lands on a working page,
or 403). A page the table does not know fails the test, so new pages get an entry.
"""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve
from django.utils import timezone
from wagtail.models import Page

from certificates.models import CERecord, Credential, ExternalCredentialClaim
from courses.models import QuizAttempt, Session
from lms.audits.models import AuditPacket
from lms.people.models import SupervisorAssignment, User
from tests.smoke.conftest import PEOPLE

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="([^"#]*)')
# The Wagtail and Django admins have their own tests; files and static assets are not pages.
NOT_PAGES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")


def crawl(client) -> set[str]:
    """Every same-site URL reachable by following links from the home page."""
    found, queue = {"/"}, deque(["/"])
    while queue:
        url = queue.popleft()
        response = client.get(url)
        targets = []
        if response.status_code in (301, 302):
            targets = [response["Location"]]
        elif response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            targets = LINK.findall(response.content.decode())
        for target in targets:
            parts = urlsplit(urljoin(url, target.replace("&amp;", "&")))
            if parts.netloc and parts.netloc != "testserver":
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if link.startswith(NOT_PAGES) or link in found:
                continue
            found.add(link)
            queue.append(link)
    return found


class Demo:
    """Who holds, supervises, teaches and attempts what in the seeded demo."""

    def __init__(self):
        emails = {email: who for who, email in PEOPLE.items() if email}
        self.who = {user.pk: emails.get(user.email) for user in User.objects.all()}
        today = timezone.localdate()
        self.supervisors = {}
        for assignment in SupervisorAssignment.objects.filter(starts_on__lte=today):
            if assignment.ends_on is None or assignment.ends_on >= today:
                self.supervisors.setdefault(self.who[assignment.peer_id], set()).add(
                    self.who[assignment.supervisor_id]
                )
        self.pages = {page.url: type(page).__name__ for page in Page.objects.live().specific()}

    def holder(self, model, pk) -> str | None:
        return self.who.get(model.objects.get(pk=pk).holder_id)

    def record_keepers(self, person) -> set[str]:
        """The person, their current supervisors and the administrator."""
        return {person, "admin", *self.supervisors.get(person, ())}


def expected(demo: Demo, url: str, who: str) -> int | set[int]:
    """The status `who` should get for `url` (anonymous visitors of private pages: 302)."""
    path = url.split("?")[0]
    try:
        match = resolve(path)
    except Resolver404:
        return 404
    name, kwargs = match.view_name, match.kwargs

    def only(*people) -> int:
        if who in people:
            return 200
        return 302 if who == "anonymous" else 403

    everyone_signed_in = only(*(person for person in PEOPLE if person != "anonymous"))
    rules = {
        "help": 200,
        "password_reset": 200,
        "login": 200 if who == "anonymous" else 302,
        "certificates:verify": 200,
        "certificates:verify_code": 200,
        "certificates:signing_keys": 200,
        "certificates:openbadges_issuer": 200,
        "certificates:openbadges_jwks": 200,
        "certificates:status_list": 200,
        "courses:search": 200,
        "courses:marking_queue": only("trainer", "lead", "admin"),
        "courses:dashboard": everyone_signed_in,
        "notifications": everyone_signed_in,
        "certificates:mine": everyone_signed_in,
        "certificates:ce": everyone_signed_in,
        "supervision:my_supervision": everyone_signed_in,
        "certificates:external": only("peer", "peer2"),
        "two_factor_recovery_codes": only("trainer", "lead", "hr", "admin"),
        "courses:sessions": only("trainer", "lead", "admin"),
        "courses:enrol_learner": only("trainer", "lead", "supervisor", "admin"),
        "supervision:supervisor_dashboard": only("supervisor", "admin"),
        "certificates:review_queue": only("supervisor", "admin"),
        "hiring:hr_matrix": only("hr", "admin"),
        "hiring:hr_candidate": only("hr", "admin"),
        "supervision:assignments": only("hr", "admin"),
        "certificates:staff_credentials": only("admin"),
        "audit": only("admin"),
        "analytics:courses": only("trainer", "lead", "admin"),
        "analytics:hub": only("lead", "admin"),
        "analytics:funder_form": only("lead", "admin"),
        "analytics:funder_report": only("lead", "admin"),
        "analytics:funder_report_file": only("lead", "admin"),
        "analytics:supervision": only("supervisor", "admin"),
    }
    if name in rules:
        return rules[name]
    if name in (
        "certificates:detail",
        "certificates:pdf",
        "certificates:openbadge_json",
        "certificates:openbadge_jwt",
        "certificates:openbadge_svg",
    ):
        holder = demo.holder(Credential, kwargs["credential_id"])
        return only(*demo.record_keepers(holder))
    if name == "audits:request":
        # Anyone signed in asks for their own packet; for someone else (`?person=`), only
        # that person's record keepers (never HR as HR).
        person = re.search(r"[?&]person=(\d+)", url)
        if person is None:
            return everyone_signed_in
        return only(*demo.record_keepers(demo.who.get(int(person.group(1)))))
    if name in ("audits:packet", "audits:download"):
        # Only the person who asked (and, for the zip, only once it is ready).
        packet = AuditPacket.objects.get(pk=kwargs["packet_id"])
        requester = demo.who.get(packet.requested_by_id)
        if name == "audits:download" and not packet.downloadable:
            return 404 if who == requester else only()
        return only(requester)
    if name == "certificates:ce_evidence":
        return only(*demo.record_keepers(demo.holder(CERecord, kwargs["record_id"])))
    if name == "certificates:claim_evidence":
        return only(*demo.record_keepers(demo.holder(ExternalCredentialClaim, kwargs["claim_id"])))
    if name == "supervision:supervisee":
        peer = demo.who.get(kwargs["user_id"])
        return only("admin", *demo.supervisors.get(peer, ()))
    if name == "supervision:report":
        # The peer's own, their current supervisor's, an administrator's; never HR's.
        peer = demo.who.get(kwargs["user_id"])
        return only("admin", peer, *demo.supervisors.get(peer, ()))
    if name == "supervision:hours_worked":
        # Their supervisor, HR or an administrator; never the peer themselves.
        peer = demo.who.get(kwargs["user_id"])
        return only(*({"admin", "hr", *demo.supervisors.get(peer, ())} - {peer}))
    if name == "courses:attempt":
        attempt = QuizAttempt.objects.select_related("enrolment").get(pk=kwargs["attempt_id"])
        return only(demo.who.get(attempt.enrolment.learner_id))
    if name == "courses:mark_attempt":
        # Trainers who may edit the course (the demo trainer edits the ethics track's).
        return {200, 403} if who in ("trainer", "lead", "admin") else only()
    if name == "courses:ce_roster":
        # The course's trainers (the demo trainer: the ethics track's), lead trainers, admins.
        return {200, 403} if who == "trainer" else only("lead", "admin")
    if name in ("analytics:course", "analytics:quiz"):
        # Trainers see the courses they may edit (the demo trainer: the ethics track's).
        return {200, 403} if who == "trainer" else only("lead", "admin")
    if name == "courses:attendance":
        session = Session.objects.get(pk=kwargs["session_id"])
        return only(demo.who.get(session.trainer_id), "lead", "admin")
    if name == "wagtail_serve":
        page_type = demo.pages.get(path)
        if page_type in ("LessonPage", "QuizPage"):
            # Open to an enrolled learner whose module is open; everyone else is taken to the
            # course page (or to sign in) with a message.
            return {200, 302}
        if page_type is not None:
            return 200
        return 404
    raise AssertionError(f"{url} ({name}): add the status each person should get to expected()")


def test_every_page_the_demo_links_to_answers_each_person_as_expected(demo_clients):
    union: dict[str, str] = {}
    for who, client in demo_clients.items():
        for url in crawl(client):
            union.setdefault(url, who)
    demo = Demo()

    problems, landed = [], set()
    for url in sorted(union):
        for who, client in demo_clients.items():
            response = client.get(url)
            status, want = response.status_code, expected(demo, url, who)
            if status not in (want if isinstance(want, set) else {want}):
                problems.append(f"{who:<10} {url}: {status}, expected {want}")
                continue
            if status == 302:
                location = response["Location"]
                to_sign_in = location.startswith("/accounts/login/?next=")
                if who == "anonymous" and want == 302 and not to_sign_in:
                    problems.append(f"{who:<10} {url}: redirected to {location}, not sign-in")
                # Where a redirect lands answers as the table says, too (a course page for a
                # locked lesson; the page asked for after signing in).
                if (who, location) not in landed:
                    landed.add((who, location))
                    after, want = client.get(location).status_code, expected(demo, location, who)
                    if after not in (want if isinstance(want, set) else {want}):
                        problems.append(
                            f"{who:<10} {url}: redirected to {location}, which answered "
                            f"{after}, expected {want}"
                        )

    assert len(union) > 80, sorted(union)  # the crawl found the demo, not an empty site
    assert not problems, f"{len(problems)} unexpected answers (first linked for the " + (
        "person shown):\n" + "\n".join(problems)
    )
