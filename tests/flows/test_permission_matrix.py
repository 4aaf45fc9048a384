"""Deny by default: every front-end view against every role, including direct-id attempts.

One world per view (a peer with a quiz attempt, a credential and its PDF, CE evidence, an
external credential claim and a supervision record; the peer's supervisor; another
supervisor; a trainer leading a session; HR; an administrator). Each role's request runs in
a savepoint that is rolled back, so a POST by one role never changes what the next sees.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from certificates.models import CERecord, Credential, CredentialType, ExternalCredentialClaim
from certificates.pdfs import credential_pdf_render
from certificates.services.issuance import credential_issue
from courses.models import LessonPage, QuizPage, SessionSignup
from courses.services.enrolments import enrolment_create
from courses.services.quizzes import quiz_attempt_start
from lms.analytics.models import FunderReport
from lms.audits.models import AuditPacket
from lms.people.roles import Role
from lms.supervision.services import supervision_log_record, supervisor_assignment_create
from tests.factories import SessionFactory, UserFactory, make_course

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "peer",
    "other_peer",
    "trainer",
    "supervisor",
    "other_supervisor",
    "hr",
    "admin",
]
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def qualified_supervisor(admin):
    user = UserFactory(roles=[Role.SUPERVISOR])
    credential_issue(
        holder=user,
        credential_type=CredentialType.objects.get(code="qualified-supervisor"),
        source=Credential.Source.MANUAL,
        issued_on=timezone.localdate(),
    )
    return user


@pytest.fixture
def world():
    admin = UserFactory(roles=[Role.ADMINISTRATOR], is_superuser=True, is_staff=True)
    people = {
        "peer": UserFactory(roles=[Role.PEER]),
        "other_peer": UserFactory(roles=[Role.PEER]),
        "trainer": UserFactory(roles=[Role.TRAINER]),
        "supervisor": qualified_supervisor(admin),
        "other_supervisor": qualified_supervisor(admin),
        "hr": UserFactory(roles=[Role.HR]),
        "admin": admin,
    }
    peer = people["peer"]
    supervisor_assignment_create(supervisor=people["supervisor"], peer=peer, acting_user=admin)
    supervisor_assignment_create(
        supervisor=people["other_supervisor"], peer=people["other_peer"], acting_user=admin
    )
    course = make_course(modules=1, lessons_per_module=1, questions=1)
    enrolment = enrolment_create(learner=peer, course=course, acting_user=peer)
    attempt = quiz_attempt_start(
        enrolment=enrolment, quiz=QuizPage.objects.descendant_of(course).get(), acting_user=peer
    )
    session = SessionFactory(course=course, trainer=people["trainer"])
    SessionSignup.objects.create(session=session, enrolment=enrolment)
    credential = credential_issue(
        holder=peer,
        credential_type=CredentialType.objects.get(code="master-narcan-trainer"),
        source=Credential.Source.MANUAL,
        issued_on=timezone.localdate(),
    )
    credential_pdf_render(credential_id=credential.pk)
    record = CERecord(
        holder=peer,
        title="Workshop",
        provider="Elsewhere",
        hours=2,
        source="external",
        completed_on=timezone.localdate() - timedelta(days=3),
    )
    record.evidence.save("evidence.pdf", ContentFile(PDF), save=False)
    record.save()
    claim = ExternalCredentialClaim(
        holder=peer,
        credential_type=CredentialType.objects.get(code="cpr-first-aid"),
        number="CPR-1",
        issued_on=timezone.localdate() - timedelta(days=10),
    )
    claim.evidence.save("card.pdf", ContentFile(PDF), save=False)
    claim.save()
    log = supervision_log_record(
        supervisor=people["supervisor"],
        peer=peer,
        held_on=timezone.localdate(),
        duration_minutes=30,
        topics=["goals"],
        summary="Private notes.",
        attested=True,
    )
    assignment = peer.supervisors_assigned.get()
    lesson = course.get_descendants().type(LessonPage).get()
    quiz = QuizPage.objects.descendant_of(course).get()
    peer.calendar_token = "a-secret-calendar-token-for-the-matrix-test-000"
    peer.save(update_fields=["calendar_token"])
    funder_report = FunderReport.objects.create(
        period_start=timezone.localdate() - timedelta(days=30),
        period_end=timezone.localdate(),
        track_ids=[course.track_id],
        tracks_key=str(course.track_id),
        data_version="matrix",
    )
    # Asked for by the peer's supervisor, not built yet.
    audit_packet = AuditPacket.objects.create(
        requested_by=people["supervisor"],
        person=peer,
        people=[peer.pk],
        period_start=timezone.localdate() - timedelta(days=365),
        period_end=timezone.localdate(),
    )
    ids = {
        "funder_report": funder_report.pk,
        "audit_packet": audit_packet.pk,
        "pdf": "pdf",
        "lesson_url": lesson.url,
        "quiz_url": quiz.url,
        "course_url": course.url,
        "lesson": lesson.pk,
        "quiz": quiz.pk,
        "token": peer.calendar_token,
        "code": credential.display_code,
        "revocation_list": 1,
        "suspension_list": 2,
        "attempt": attempt.pk,
        "session": session.pk,
        "enrolment": enrolment.pk,
        "course": course.pk,
        "credential": credential.pk,
        "record": record.pk,
        "claim": claim.pk,
        "log": log.pk,
        "peer": peer.pk,
        "assignment": assignment.pk,
    }
    return people, ids


def allowed(*roles, code=200, others=403):
    """Expected status per role: `code` for these roles, `others` for the rest, 302 anonymous."""
    return {role: (code if role in roles else others) for role in ROLES} | {"anonymous": 302}


EVERYONE = ROLES[1:]
REVIEW = {"decision": "approve", "note": ""}
LOG = {
    "held_on": "2026-01-05",
    "duration_minutes": "30",
    "topics": ["goals"],
    "summary": "Notes",
    "attested": "on",
}

CASES = [
    # (name, method, url name, url kwargs (keys into ids), data, expected by role)
    ("dashboard", "get", "courses:dashboard", {}, None, allowed(*EVERYONE)),
    (
        "quiz attempt (IDOR)",
        "get",
        "courses:attempt",
        {"attempt_id": "attempt"},
        None,
        allowed("peer"),
    ),
    (
        "quiz attempt submit (IDOR)",
        "post",
        "courses:attempt",
        {"attempt_id": "attempt"},
        {},
        allowed("peer", code=400),
    ),
    ("my sessions", "get", "courses:sessions", {}, None, allowed("trainer", "admin")),
    ("marking queue", "get", "courses:marking_queue", {}, None, allowed("trainer", "admin")),
    (
        # The world's trainer may not edit the course; the administrator may, and is sent back
        # to the queue because the attempt is not waiting for marking.
        "mark an attempt (IDOR)",
        "get",
        "courses:mark_attempt",
        {"attempt_id": "attempt"},
        None,
        allowed("admin", code=302),
    ),
    (
        "mark an attempt: POST (IDOR)",
        "post",
        "courses:mark_attempt",
        {"attempt_id": "attempt"},
        {},
        allowed("admin", code=302),
    ),
    (
        "search",
        "get",
        "courses:search",
        {},
        {"q": "course"},
        dict.fromkeys(ROLES, 200),
    ),
    (
        "attendance",
        "get",
        "courses:attendance",
        {"session_id": "session"},
        None,
        allowed("trainer", "admin"),
    ),
    (
        # The course's certificate gives credit only for the whole course: a refusal (400)
        # for those who may ask, 403 for everyone else.
        "partial credit for time attended",
        "post",
        "courses:partial_credit",
        {"session_id": "session", "enrolment_id": "enrolment"},
        {},
        allowed("trainer", "admin", code=400),
    ),
    (
        "enrol a learner",
        "get",
        "courses:enrol_learner",
        {"course_id": "course"},
        None,
        allowed("trainer", "supervisor", "other_supervisor", "admin"),
    ),
    (
        "CE roster (names and licence numbers)",
        "get",
        "courses:ce_roster",
        {"course_id": "course"},
        None,
        allowed("admin"),
    ),
    ("my certificates", "get", "certificates:mine", {}, None, allowed(*EVERYONE)),
    ("all credentials", "get", "certificates:staff_credentials", {}, None, allowed("admin")),
    (
        "credential (IDOR)",
        "get",
        "certificates:detail",
        {"credential_id": "credential"},
        None,
        allowed("peer", "supervisor", "admin"),
    ),
    (
        "certificate PDF (IDOR)",
        "get",
        "certificates:pdf",
        {"credential_id": "credential"},
        None,
        allowed("peer", "supervisor", "admin"),
    ),
    (
        "revoke",
        "post",
        "certificates:revoke",
        {"credential_id": "credential"},
        {"reason": "Test", "confirm": "on"},
        allowed("admin", code=302),
    ),
    (
        "suspend (administrators only)",
        "post",
        "certificates:suspend",
        {"credential_id": "credential"},
        {"reason": "Under review"},
        allowed("admin", code=302),
    ),
    (
        # Not suspended: the administrator reaches the service, which answers 409.
        "lift a suspension (administrators only)",
        "post",
        "certificates:lift_suspension",
        {"credential_id": "credential"},
        {},
        allowed("admin", code=409),
    ),
    (
        "reissue",
        "post",
        "certificates:reissue",
        {"credential_id": "credential"},
        {},
        allowed("admin", code=302),
    ),
    ("CE ledger", "get", "certificates:ce", {}, None, allowed(*EVERYONE)),
    (
        "CE evidence (IDOR)",
        "get",
        "certificates:ce_evidence",
        {"record_id": "record"},
        None,
        allowed("peer", "supervisor", "admin"),
    ),
    (
        "CE review",
        "post",
        "certificates:ce_review",
        {"record_id": "record"},
        REVIEW,
        allowed("supervisor", "admin", code=302),
    ),
    (
        "external credentials",
        "get",
        "certificates:external",
        {},
        None,
        allowed("peer", "other_peer"),
    ),
    (
        "claim evidence (IDOR)",
        "get",
        "certificates:claim_evidence",
        {"claim_id": "claim"},
        None,
        allowed("peer", "supervisor", "admin"),
    ),
    (
        "claim review",
        "post",
        "certificates:claim_review",
        {"claim_id": "claim"},
        REVIEW,
        allowed("supervisor", "admin", code=302),
    ),
    (
        "review queue",
        "get",
        "certificates:review_queue",
        {},
        None,
        allowed("supervisor", "other_supervisor", "admin"),
    ),
    (
        "supervisor dashboard",
        "get",
        "supervision:supervisor_dashboard",
        {},
        None,
        allowed("supervisor", "other_supervisor", "admin"),
    ),
    (
        "supervisee page (IDOR)",
        "get",
        "supervision:supervisee",
        {"user_id": "peer"},
        None,
        allowed("supervisor", "admin"),
    ),
    (
        "record supervision",
        "post",
        "supervision:supervision_log_create",
        {"user_id": "peer"},
        LOG,
        allowed("supervisor", code=302),
    ),
    ("my supervision", "get", "supervision:my_supervision", {}, None, allowed(*EVERYONE)),
    (
        "acknowledge supervision log (IDOR)",
        "post",
        "supervision:supervision_log_acknowledge",
        {"log_id": "log"},
        {},
        allowed("peer", code=302),
    ),
    (
        "supervision report (IDOR)",
        "get",
        "supervision:report",
        {"user_id": "peer"},
        None,
        allowed("peer", "supervisor", "admin"),
    ),
    (
        "supervision report as CSV (IDOR)",
        "get",
        "supervision:report",
        {"user_id": "peer"},
        {"start": "2024-01-01", "end": "2030-12-31", "format": "csv"},
        allowed("peer", "supervisor", "admin"),
    ),
    (
        "hours worked (IDOR)",
        "get",
        "supervision:hours_worked",
        {"user_id": "peer"},
        None,
        allowed("supervisor", "hr", "admin"),
    ),
    (
        "enter hours worked",
        "post",
        "supervision:hours_worked",
        {"user_id": "peer"},
        {"month": "2020-01", "hours": "80"},
        allowed("supervisor", "hr", "admin", code=302),
    ),
    ("supervisor assignments", "get", "supervision:assignments", {}, None, allowed("hr", "admin")),
    (
        "end an assignment",
        "post",
        "supervision:assignment_end",
        {"assignment_id": "assignment"},
        {},
        allowed("hr", "admin", code=302),
    ),
    ("HR matrix", "get", "hiring:hr_matrix", {}, None, allowed("hr", "admin")),
    ("HR candidate check", "get", "hiring:hr_candidate", {}, None, allowed("hr", "admin")),
    (
        "attestation",
        "get",
        "hiring:attestation",
        {"user_id": "peer"},
        None,
        allowed("hr", "admin"),
    ),
    ("audit trail", "get", "audit", {}, None, allowed("admin")),
    ("notifications", "get", "notifications", {}, None, allowed(*EVERYONE)),
    ("verify (public)", "get", "certificates:verify", {}, None, dict.fromkeys(ROLES, 200)),
    (
        "verification result (public)",
        "get",
        "certificates:verify_code",
        {"code": "code"},
        None,
        dict.fromkeys(ROLES, 200),
    ),
    (
        "verification JSON (public)",
        "get",
        "certificates:verify_code_json",
        {"code": "code"},
        None,
        dict.fromkeys(ROLES, 200),
    ),
    (
        "revocation status list (public)",
        "get",
        "certificates:status_list",
        {"number": "revocation_list"},
        None,
        dict.fromkeys(ROLES, 200),
    ),
    (
        "suspension status list (public)",
        "get",
        "certificates:status_list",
        {"number": "suspension_list"},
        None,
        dict.fromkeys(ROLES, 200),
    ),
    ("help (public)", "get", "help", {}, None, dict.fromkeys(ROLES, 200)),
    ("course page (public summary)", "page", "course_url", {}, None, dict.fromkeys(ROLES, 200)),
    # Not enrolled: redirected to the course page; anonymous to sign in.
    ("lesson page", "page", "lesson_url", {}, None, allowed("peer", others=302)),
    ("quiz page", "page", "quiz_url", {}, None, allowed("peer", others=302)),
    (
        "mark lesson done",
        "post",
        "courses:lesson_complete",
        {"lesson_id": "lesson"},
        {},
        allowed(code=302, others=302),
    ),
    (
        "start quiz",
        "post",
        "courses:quiz_start",
        {"quiz_id": "quiz"},
        {},
        allowed(code=302, others=302),
    ),
    (
        "enrol",
        "post",
        "courses:enrol",
        {"course_id": "course"},
        {},
        allowed("peer", "other_peer", code=302),
    ),
    (
        "withdraw (only one's own)",
        "post",
        "courses:withdraw",
        {"course_id": "course"},
        {},
        allowed("peer", code=302),
    ),
    (
        "session sign-up (enrolled only)",
        "post",
        "courses:session_signup",
        {"session_id": "session"},
        {},
        allowed("peer", code=400),
    ),
    (
        "renew (holder only)",
        "post",
        "certificates:renew",
        {"credential_id": "credential"},
        {},
        allowed("peer", code=409),
    ),
    (
        "archive a supervision record",
        "post",
        "supervision:supervision_log_archive",
        {"log_id": "log"},
        {},
        allowed("admin", code=302),
    ),
    ("calendar reset", "post", "courses:calendar_reset", {}, {}, allowed(*EVERYONE, code=302)),
    # Analytics: trainers see the courses they may edit (the world's trainer may edit none),
    # lead trainers and administrators the hub and funder reports, supervisors their own.
    ("course analytics", "get", "analytics:courses", {}, None, allowed("trainer", "admin")),
    (
        "course analytics of one course (IDOR)",
        "get",
        "analytics:course",
        {"course_id": "course"},
        None,
        allowed("admin"),
    ),
    (
        "quiz item analysis (IDOR)",
        "get",
        "analytics:quiz",
        {"quiz_id": "quiz"},
        None,
        allowed("admin"),
    ),
    ("hub dashboard", "get", "analytics:hub", {}, None, allowed("admin")),
    (
        "supervision charts",
        "get",
        "analytics:supervision",
        {},
        None,
        allowed("supervisor", "other_supervisor", "admin"),
    ),
    ("funder report form", "get", "analytics:funder_form", {}, None, allowed("admin")),
    (
        "funder report request (no tracks: refused)",
        "post",
        "analytics:funder_form",
        {},
        {},
        allowed("admin", code=400),
    ),
    (
        "funder report progress",
        "get",
        "analytics:funder_report",
        {"report_id": "funder_report"},
        None,
        allowed("admin"),
    ),
    (
        # Not built yet: nothing to download, even for an administrator.
        "funder report PDF",
        "get",
        "analytics:funder_report_file",
        {"report_id": "funder_report", "kind": "pdf"},
        None,
        allowed("admin", code=404),
    ),
    # Audit packets: anyone signed in asks for their own; for the peer, only the peer, their
    # current supervisor and an administrator (never HR, another peer or another supervisor).
    ("audit packet form", "get", "audits:request", {}, None, allowed(*EVERYONE)),
    (
        "audit packet for the peer (IDOR)",
        "post",
        "audits:request",
        {},
        {
            "kind": "person",
            "person": "PEER",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
        },
        allowed("peer", "supervisor", "admin", code=302),
    ),
    (
        "audit packet sample (administrators only)",
        "post",
        "audits:request",
        {},
        {"kind": "sample", "size": "0"},
        allowed("admin", code=400),
    ),
    (
        "audit packet progress (the requester only)",
        "get",
        "audits:packet",
        {"packet_id": "audit_packet"},
        None,
        allowed("supervisor"),
    ),
    (
        # Not built yet: nothing to download, even for the person who asked.
        "audit packet download (the requester only)",
        "get",
        "audits:download",
        {"packet_id": "audit_packet"},
        None,
        allowed("supervisor", code=404),
    ),
    (
        "calendar feed (token is the key)",
        "get",
        "courses:calendar_feed",
        {"token": "token"},
        None,
        dict.fromkeys(ROLES, 200),
    ),
]


@pytest.mark.parametrize(
    ("name", "method", "url_name", "kwargs", "data", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_view_answers_each_role_as_expected(
    client, world, name, method, url_name, kwargs, data, expected
):
    people, ids = world
    if method == "page":  # a Wagtail page, addressed by its URL
        url, method = ids[url_name], "get"
    else:
        url = reverse(url_name, kwargs={key: ids[value] for key, value in kwargs.items()})
    got = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(people[role])
        # "PEER" in the data stands for the world's peer's id.
        payload = {
            key: ids["peer"] if value == "PEER" else value for key, value in (data or {}).items()
        }
        with transaction.atomic():
            response = getattr(client, method)(url, payload)
            got[role] = response.status_code
            transaction.set_rollback(True)
    assert got == expected
