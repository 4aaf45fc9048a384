"""CE rosters (issue 17 item 5): who completed a hub CE course in a period, with their
licence, the course's and the provider's numbers, the date and the hours by subject."""

import csv
import io
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from certificates.models import CECategory, Credential, CredentialType
from courses.models import CourseCEApproval, Enrolment
from courses.rosters import ROSTER_COLUMNS, roster_cells, roster_rows
from lms.people.models import AuditEntry
from lms.people.roles import Role
from tests.factories import (
    CredentialFactory,
    CredentialTypeFactory,
    EnrolmentFactory,
    UserFactory,
    course_trainer,
    make_course,
)

pytestmark = pytest.mark.django_db


def _completed(course, learner, day: date) -> Enrolment:
    moment = timezone.make_aware(datetime.combine(day, time(23, 30)))  # late evening, local
    return EnrolmentFactory(
        learner=learner, course=course, status=Enrolment.Status.COMPLETED, completed_at=moment
    )


@pytest.fixture
def ce_course(db):
    course = make_course(
        modules=1,
        quiz=False,
        ce_hours=Decimal("1.50"),
        ce_category=CECategory.objects.get(slug="ethics"),
    )
    course.ce_approvals = [CourseCEApproval(body="NAADAC", approval_number="MT-BBH-2026-17")]
    course.save()
    return course


@pytest.fixture
def licensed_peer(db):
    peer = UserFactory(roles=[Role.PEER], certificate_name="Winona Redbird-Castillo")
    CredentialFactory(
        holder=peer,
        credential_type=CredentialType.objects.get(code="cbhpss"),
        source=Credential.Source.EXTERNAL,
        external_number="CBHPSS-2025-0412",
    )
    return peer


def test_rows_carry_licence_state_date_and_hours_by_subject(ce_course, licensed_peer):
    unlicensed = UserFactory(roles=[Role.PEER], certificate_name="Avery Long")
    _completed(ce_course, licensed_peer, date(2026, 3, 31))
    _completed(ce_course, unlicensed, date(2026, 4, 1))
    rows = roster_rows(course=ce_course, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert [(r.attendee, r.licence_number, r.licence_state) for r in rows] == [
        ("Winona Redbird-Castillo", "CBHPSS-2025-0412", "MT"),
        ("Avery Long", "", ""),  # counted, licence columns blank
    ]
    assert rows[0].completed_on == date(2026, 3, 31)  # the local day, not UTC's next one
    with override_settings(HUB_CE_PROVIDER_NUMBER="NAADAC 123456"):
        [cells, _] = roster_cells(ce_course, rows)
    assert dict(zip(ROSTER_COLUMNS, cells, strict=True)) == {
        "Attendee": "Winona Redbird-Castillo",
        "Licence number": "CBHPSS-2025-0412",
        "Licence type": "Montana Certified Behavioral Health Peer Support Specialist (CBHPSS)",
        "Licence state": "MT",
        "Course": ce_course.title,
        "Course approval number": "NAADAC: approval no. MT-BBH-2026-17",
        "Provider": "One Health Peer Training Hub",
        "Provider number": "NAADAC 123456",
        "Completion date": "2026-03-31",
        "Hours": "1.5",
        "Subject": "Ethics and boundaries",
        "Delivery": "Online",
    }


def test_the_period_includes_both_ends_and_nothing_else(ce_course):
    for day in (date(2025, 12, 31), date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 1)):
        _completed(ce_course, UserFactory(certificate_name=f"Peer {day}"), day)
    EnrolmentFactory(course=ce_course)  # enrolled, not completed
    rows = roster_rows(course=ce_course, start=date(2026, 1, 1), end=date(2026, 6, 30))
    assert [r.completed_on for r in rows] == [date(2026, 1, 1), date(2026, 6, 30)]


def test_a_person_with_two_licences_has_a_row_for_each_and_lapsed_ones_are_left_out(
    ce_course, licensed_peer
):
    other_state = CredentialTypeFactory(
        name="Idaho Peer Support Specialist", kind="external_licence", jurisdiction="ID"
    )
    CredentialFactory(holder=licensed_peer, credential_type=other_state, external_number="ID-77")
    lapsed = CredentialTypeFactory(name="Old card", kind="external_licence", jurisdiction="WY")
    CredentialFactory(
        holder=licensed_peer,
        credential_type=lapsed,
        external_number="WY-1",
        status=Credential.Status.EXPIRED,
    )
    _completed(ce_course, licensed_peer, date(2026, 5, 5))
    rows = roster_rows(course=ce_course, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert sorted((r.licence_number, r.licence_state) for r in rows) == [
        ("CBHPSS-2025-0412", "MT"),
        ("ID-77", "ID"),
    ]


def test_the_roster_costs_four_queries_whatever_the_number_of_people(
    ce_course, django_assert_num_queries
):
    for n in range(12):
        peer = UserFactory()
        CredentialFactory(
            holder=peer,
            credential_type=CredentialType.objects.get(code="cbhpss"),
            external_number=f"N-{n}",
        )
        _completed(ce_course, peer, date(2026, 2, 2))
    ce_course.refresh_from_db()
    # The enrolments with their certificates, the attendees' licences, the course's hours in
    # other CE categories and its own CE category.
    with django_assert_num_queries(4):
        rows = roster_rows(course=ce_course, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert len(rows) == 12


def test_a_course_trainer_previews_and_exports_csv_and_excel_audited(
    client, ce_course, licensed_peer
):
    _completed(ce_course, licensed_peer, date(2026, 3, 31))
    trainer = course_trainer(ce_course)
    client.force_login(trainer)
    assert (
        f'href="{reverse("courses:ce_roster", args=[ce_course.pk])}"'
        in client.get(ce_course.url).content.decode()
    )
    url = reverse("courses:ce_roster", args=[ce_course.pk])
    page = client.get(url, {"start": "2026-01-01", "end": "2026-12-31"})
    assert page.status_code == 200
    assert "CBHPSS-2025-0412" in page.content.decode()
    period = {"start": "2026-01-01", "end": "2026-12-31"}
    response = client.post(url, {**period, "export": "csv"})
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert lines[0] == ROSTER_COLUMNS
    assert lines[1][:4] == ["Winona Redbird-Castillo", "CBHPSS-2025-0412", lines[1][2], "MT"]
    workbook = client.post(url, {**period, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active
    assert [cell.value for cell in sheet[2]][:2] == ["Winona Redbird-Castillo", "CBHPSS-2025-0412"]
    entries = AuditEntry.objects.filter(action="roster.export", actor=trainer)
    assert [e.detail["format"] for e in entries.order_by("pk")] == ["csv", "xlsx"]
    assert entries.first().detail["rows"] == 1


def test_an_export_is_a_post_and_a_bad_period_is_a_400(client, ce_course):
    client.force_login(course_trainer(ce_course))
    url = reverse("courses:ce_roster", args=[ce_course.pk])
    assert client.get(url, {"start": "2026-12-31", "end": "2026-01-01"}).status_code == 400
    assert client.get(url, {"start": "not a date", "end": "2026-01-01"}).status_code == 400
    assert client.post(url, {"start": "2026-01-01", "end": "2026-12-31"}).status_code == 400
    assert (
        client.post(url, {"start": "2020-01-01", "end": "2026-12-31", "export": "csv"}).status_code
        == 400
    )
    assert not AuditEntry.objects.filter(action="roster.export").exists()


def test_names_that_look_like_formulas_are_inert(client, ce_course):
    _completed(ce_course, UserFactory(certificate_name="=HYPERLINK(1)"), date(2026, 3, 3))
    client.force_login(course_trainer(ce_course))
    response = client.post(
        reverse("courses:ce_roster", args=[ce_course.pk]),
        {"start": "2026-01-01", "end": "2026-12-31", "export": "csv"},
    )
    assert "'=HYPERLINK(1)" in b"".join(response.streaming_content).decode()


@pytest.mark.parametrize("who", ["peer", "supervisor", "hr"])
def test_only_the_courses_trainers_may_see_its_roster(client, ce_course, who, request):
    other_course = make_course(modules=1, quiz=False)
    people = {
        "peer": UserFactory(roles=[Role.PEER]),
        "supervisor": UserFactory(roles=[Role.SUPERVISOR]),
        "hr": UserFactory(roles=[Role.HR]),
    }
    url = reverse("courses:ce_roster", args=[ce_course.pk])
    for person in (people[who], course_trainer(other_course)):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert (
            client.post(
                url, {"start": "2026-01-01", "end": "2026-12-31", "export": "csv"}
            ).status_code
            == 403
        )
    client.logout()
    assert client.get(url).status_code == 302  # sign in first


def test_hours_in_two_subjects_are_two_rows_and_a_partial_credit_counts_what_it_awarded(
    ce_course, licensed_peer
):
    from courses.models import CourseCEHours

    ce_course.ce_hours = Decimal("6")
    ce_course.save()
    CourseCEHours.objects.create(
        page=ce_course, category=CECategory.objects.get(slug="suicide-prevention"), hours=2
    )
    _completed(ce_course, licensed_peer, date(2026, 3, 31))
    left_early = UserFactory(roles=[Role.PEER], certificate_name="Avery Long")
    partial = CredentialFactory(
        holder=left_early,
        credential_type=CredentialTypeFactory(partial_ce_credit=True),
        source=Credential.Source.COURSE_COMPLETION,
        ce_hours=Decimal("3.5"),
        ce_details={
            "hours_by_category": [
                {"category": "Suicide prevention", "hours": "1.25"},
                {"category": "Ethics and boundaries", "hours": "2.25"},
            ],
            "attended_hours": "3.5",
            "course_ce_hours": "6",
        },
    )
    EnrolmentFactory(
        learner=left_early,
        course=ce_course,
        status=Enrolment.Status.PARTIAL,
        completed_at=timezone.make_aware(datetime.combine(date(2026, 4, 2), time(12))),
        credential=partial,
    )
    EnrolmentFactory(  # withdrawn, no certificate: not on the roster
        learner=UserFactory(roles=[Role.PEER]), course=ce_course, status=Enrolment.Status.WITHDRAWN
    )
    rows = roster_rows(course=ce_course, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert [(r.attendee, r.subject, r.hours) for r in rows] == [
        ("Winona Redbird-Castillo", "Suicide prevention", Decimal("2")),
        ("Winona Redbird-Castillo", "Ethics and boundaries", Decimal("4")),
        ("Avery Long", "Suicide prevention", Decimal("1.25")),
        ("Avery Long", "Ethics and boundaries", Decimal("2.25")),
    ]
