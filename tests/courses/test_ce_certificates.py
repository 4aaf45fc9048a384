"""CE certificates carry what boards ask (issue 17 item 2): objectives, presenters with their
credentials, approvals by several bodies, dates, hours by category, the format and the
provider's signature; and partial credit for the time attended where the type allows it."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from certificates.ce_details import CEDetails, floor_to_quarter_hour, split_in_quarter_hours
from certificates.models import CECategory, CERecord, Credential
from certificates.rendering import render_certificate_pdf
from courses.models import (
    CourseCEApproval,
    CourseCEHours,
    CoursePage,
    CoursePresenter,
    Delivery,
    Enrolment,
    LessonPage,
    SessionSignup,
)
from courses.services.completion import enrolment_give_partial_credit
from courses.services.enrolments import enrolment_withdraw
from courses.services.progress import lesson_complete
from courses.services.sessions import AttendanceLine, attendance_record
from lms.core.errors import Conflict, DomainError, NotAllowed
from lms.people.models import AuditEntry
from lms.people.roles import Role
from tests.certificates.helpers import pdf_text, squash
from tests.courses.helpers import enrol, light_course
from tests.factories import CredentialTypeFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def category(slug: str) -> CECategory:
    return CECategory.objects.get(slug=slug)


def board_course(*, partial: bool = False, **fields) -> CoursePage:
    """A blended CE course: 6 CE hours (2 of them suicide prevention), 6 contact hours (two
    one-hour lessons and a four-hour session), two presenters and two approving bodies."""
    fields.setdefault("delivery", Delivery.BLENDED)
    course = light_course(
        lessons=2,
        lesson_minutes=60,
        title="Ethics in Peer Work",
        credential_type=CredentialTypeFactory(partial_ce_credit=partial, validity_months=None),
        ce_hours=Decimal("6"),
        ce_category=category("ethics"),
        required_contact_hours=Decimal("6"),
        learning_objectives="Name three boundaries of peer work\n\n  Use a reflection  \n",
        **fields,
    )
    CoursePresenter.objects.create(page=course, name="Rosa Two Bulls", credentials="MSW, LAC")
    CoursePresenter.objects.create(page=course, name="Sam Okafor", credentials="CBHPSS")
    CourseCEApproval.objects.create(page=course, body="NAADAC", provider_number="123456")
    CourseCEApproval.objects.create(
        page=course, body="IC&RC member board", approval_number="PR-2026-014"
    )
    CourseCEHours.objects.create(
        page=course, category=category("suicide-prevention"), hours=Decimal("2")
    )
    return CoursePage.objects.get(pk=course.pk)


def lessons_done(enrolment, count: int = 2) -> None:
    lessons = LessonPage.objects.descendant_of(enrolment.course).order_by("path")[:count]
    for lesson in lessons:
        lesson_complete(enrolment=enrolment, lesson=lesson, acting_user=enrolment.learner)


def session_of(course, *, days_ago: int = 1, hours: int = 4):
    starts = timezone.make_aware(
        datetime.combine(timezone.localdate() - timedelta(days=days_ago), time(9))
    )
    return SessionFactory(
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        trainer=UserFactory(roles=[Role.TRAINER]),
    )


def attended(session, enrolment, hours: str) -> None:
    SessionSignup.objects.get_or_create(session=session, enrolment=enrolment)
    attendance_record(
        session=session,
        lines=[AttendanceLine(enrolment_id=enrolment.pk, hours=hours)],
        acting_user=session.trainer,
    )


@override_settings(
    HUB_CE_SIGNATORY_NAME="Jordan Reyes",
    HUB_CE_SIGNATORY_TITLE="CE program coordinator",
    HUB_CE_PROVIDER_NUMBER="NAADAC 123456",
)
def test_completing_a_ce_course_prints_every_board_field_on_the_certificate():
    course = board_course()
    peer = UserFactory(roles=[Role.PEER], certificate_name="Winona Redbird-Castillo")
    enrolment = enrol(peer, course)
    first, second = session_of(course, days_ago=8), session_of(course, days_ago=1)
    lessons_done(enrolment)
    attended(first, enrolment, "2")
    attended(second, enrolment, "2")

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    credential = enrolment.credential
    ce = credential.ce
    assert ce.objectives == ("Name three boundaries of peer work", "Use a reflection")
    assert [str(p) for p in ce.presenters] == ["Rosa Two Bulls, MSW, LAC", "Sam Okafor, CBHPSS"]
    assert [(a.body, a.provider_number, a.approval_number) for a in ce.approvals] == [
        ("NAADAC", "123456", ""),
        ("IC&RC member board", "", "PR-2026-014"),
    ]
    assert [(row.category, row.hours) for row in ce.hours_by_category] == [
        ("Suicide prevention", Decimal("2")),
        ("Ethics and boundaries", Decimal("4")),
    ]
    assert ce.delivery == "Live in person and self-paced online"
    # The days of the sessions attended, in the hub's time zone.
    assert ce.dates == (timezone.localdate(first.starts_at), timezone.localdate(second.starts_at))
    assert (ce.signatory_name, ce.hub_provider_number) == ("Jordan Reyes", "NAADAC 123456")
    assert not ce.is_partial
    assert credential.ce_hours == Decimal("6")

    text = squash(pdf_text(render_certificate_pdf(credential)))
    for printed in [
        "Continuingeducationrecord",
        "Winona",
        "EthicsinPeerWork",
        "Namethreeboundariesofpeerwork",
        "RosaTwoBulls,MSW,LAC;SamOkafor,CBHPSS",
        "NAADAC:providerno.123456;IC&RCmemberboard:approvalno.PR-2026-014",
        "6,bycategory:2Suicideprevention;4Ethicsandboundaries",
        "Liveinpersonandself-pacedonline",
        "JordanReyes,CEprogramcoordinator",
        "providerno.NAADAC123456",
        timezone.localdate(first.starts_at).strftime("%B%-d,%Y"),
    ]:
        assert printed in text, printed


def test_each_category_gets_its_own_ce_record_linked_to_the_certificate():
    course = board_course()
    enrolment = enrol(UserFactory(roles=[Role.PEER]), course)
    lessons_done(enrolment)
    attended(session_of(course), enrolment, "4")
    enrolment.refresh_from_db()

    records = CERecord.objects.filter(holder=enrolment.learner).order_by("category__slug")
    assert [(r.category.slug, r.hours, r.credential_id) for r in records] == [
        ("ethics", Decimal("4"), enrolment.credential_id),
        ("suicide-prevention", Decimal("2"), enrolment.credential_id),
    ]
    assert all(r.status == CERecord.Status.APPROVED for r in records)


def test_later_edits_to_the_course_leave_the_certificate_as_printed():
    course = board_course()
    enrolment = enrol(UserFactory(roles=[Role.PEER]), course)
    lessons_done(enrolment)
    attended(session_of(course), enrolment, "4")
    course.presenters.all().delete()
    course.ce_approvals.update(provider_number="999")
    course.learning_objectives = "Something else"
    course.save()

    credential = Credential.objects.get(pk=Enrolment.objects.get(pk=enrolment.pk).credential_id)
    assert credential.ce.presenters[0].name == "Rosa Two Bulls"
    assert credential.ce.approvals[0].provider_number == "123456"
    assert credential.ce.objectives[0] == "Name three boundaries of peer work"


def test_a_self_paced_course_is_dated_by_its_completion_and_one_without_ce_has_no_board_page():
    course = light_course(
        lessons=1,
        lesson_minutes=60,
        credential_type=CredentialTypeFactory(validity_months=None),
        ce_hours=Decimal("1"),
        ce_category=category("general"),
    )
    enrolment = enrol(UserFactory(roles=[Role.PEER]), course)
    lessons_done(enrolment, 1)
    enrolment.refresh_from_db()
    ce = enrolment.credential.ce
    assert ce.dates == (timezone.localdate(enrolment.completed_at),)
    assert ce.delivery == "Self-paced online"

    # A course without CE (the 40-hour course) still names its presenters on page 1.
    no_ce = light_course(lessons=1, credential_type=CredentialTypeFactory(validity_months=None))
    CoursePresenter.objects.create(page=no_ce, name="Rosa Two Bulls", credentials="LAC")
    other = enrol(UserFactory(roles=[Role.PEER]), no_ce)
    lessons_done(other, 1)
    other.refresh_from_db()
    assert other.credential.ce_details == {
        "presenters": [{"name": "Rosa Two Bulls", "credentials": "LAC"}]
    }
    text = squash(pdf_text(render_certificate_pdf(other.credential)))
    assert "PresenterRosaTwoBulls,LAC" in text
    assert "Continuingeducationrecord" not in text


@pytest.mark.parametrize(
    ("hours", "quarters"),
    [("0", "0"), ("0.24", "0"), ("0.25", "0.25"), ("1.49", "1.25"), ("1.5", "1.5"), ("6", "6")],
)
def test_partial_credit_is_floored_to_whole_quarter_hours(hours, quarters):
    assert floor_to_quarter_hour(Decimal(hours)) == Decimal(quarters)


@pytest.mark.parametrize(
    ("total", "weights", "shares"),
    [
        ("3.5", ["2", "4"], ["1.25", "2.25"]),
        ("1", ["1", "1", "1"], ["0.5", "0.25", "0.25"]),  # a tie: first come first
        ("0.25", ["5", "1"], ["0.25", "0"]),
        ("6", ["2", "4"], ["2", "4"]),
        ("2", ["0", "0"], ["0", "0"]),
    ],
)
def test_partial_hours_are_shared_by_category_in_quarter_hours_without_losing_any(
    total, weights, shares
):
    result = split_in_quarter_hours(Decimal(total), [Decimal(w) for w in weights])
    assert result == [Decimal(s) for s in shares]
    if any(Decimal(w) for w in weights):
        assert sum(result) == Decimal(total)


def test_the_details_survive_a_round_trip_through_json():
    course = board_course()
    enrolment = enrol(UserFactory(roles=[Role.PEER]), course)
    lessons_done(enrolment)
    attended(session_of(course), enrolment, "4")
    credential = Credential.objects.get(pk=Enrolment.objects.get(pk=enrolment.pk).credential_id)
    assert CEDetails.from_json(credential.ce.as_json()) == credential.ce
    assert CEDetails.from_json({}) == CEDetails() and CEDetails().is_empty


# Partial credit ----------------------------------------------------------------------------


def partial_case():
    """Attended one lesson (1 h) and 2.5 h of the 4 h session of the 6-hour course."""
    course = board_course(partial=True)
    session = session_of(course)
    enrolment = enrol(UserFactory(roles=[Role.PEER]), course)
    lessons_done(enrolment, 1)
    attended(session, enrolment, "2.5")
    return course, session, enrolment


def test_a_trainer_gives_partial_credit_for_the_hours_attended():
    _, session, enrolment = partial_case()
    enrolment = enrolment_give_partial_credit(
        enrolment_id=enrolment.pk, acting_user=session.trainer
    )

    assert enrolment.status == Enrolment.Status.PARTIAL
    credential = enrolment.credential
    # 3.5 of 6 contact hours -> 3.5 of 6 CE hours (14 quarter hours), shared 2:4 by
    # category: 4.67 and 9.33 quarters -> 4 and 9, the 14th to the larger remainder.
    assert credential.ce_hours == Decimal("3.5")
    assert [(row.category, row.hours) for row in credential.ce.hours_by_category] == [
        ("Suicide prevention", Decimal("1.25")),
        ("Ethics and boundaries", Decimal("2.25")),
    ]
    assert (credential.ce.attended_hours, credential.ce.course_ce_hours) == (
        Decimal("3.5"),
        Decimal("6"),
    )
    assert sum(r.hours for r in CERecord.objects.filter(holder=enrolment.learner)) == Decimal("3.5")
    assert AuditEntry.objects.filter(action="enrolment.partial_credit").count() == 1
    text = squash(pdf_text(render_certificate_pdf(credential)))
    assert "partialcreditfortimeattended" in text
    assert "Attended3.5contacthours;awarded3.5ofthecourse's6CEhours" in text


def test_partial_credit_is_given_once():
    _, session, enrolment = partial_case()
    enrolment_give_partial_credit(enrolment_id=enrolment.pk, acting_user=session.trainer)
    with pytest.raises(DomainError, match="no longer taking"):
        enrolment_give_partial_credit(enrolment_id=enrolment.pk, acting_user=session.trainer)
    assert CERecord.objects.filter(holder=enrolment.learner).count() == 2


def test_a_partial_credit_can_not_be_withdrawn_and_reopened_to_count_the_hours_twice():
    _, session, enrolment = partial_case()
    enrolment_give_partial_credit(enrolment_id=enrolment.pk, acting_user=session.trainer)
    with pytest.raises(Conflict, match="closed with partial credit"):
        enrolment_withdraw(enrolment=enrolment, acting_user=enrolment.learner)
    again = enrol(enrolment.learner, enrolment.course)
    assert again.pk == enrolment.pk and again.status == Enrolment.Status.PARTIAL
    with pytest.raises(DomainError):
        lesson_complete(
            enrolment=again,
            lesson=LessonPage.objects.descendant_of(again.course).last(),
            acting_user=again.learner,
        )


def test_no_partial_credit_where_the_type_gives_credit_only_for_the_whole_course():
    course = board_course(partial=False)
    session = session_of(course)
    enrolment = enrol(UserFactory(roles=[Role.PEER]), course)
    attended(session, enrolment, "2")
    with pytest.raises(DomainError, match="only for the whole course"):
        enrolment_give_partial_credit(enrolment_id=enrolment.pk, acting_user=session.trainer)
    assert not Credential.objects.filter(holder=enrolment.learner).exists()


def test_no_partial_credit_for_less_than_a_quarter_hour_or_a_finished_course():
    course = board_course(partial=True)
    session = session_of(course)
    enrolment = enrol(UserFactory(roles=[Role.PEER]), course)
    attended(session, enrolment, "0.2")  # 0.2 h of 6 -> 0.2 CE h -> 0 quarter hours
    with pytest.raises(DomainError, match="quarter hour"):
        enrolment_give_partial_credit(enrolment_id=enrolment.pk, acting_user=session.trainer)
    lessons_done(enrolment)
    attended(session, enrolment, "4")  # now finished: the full certificate was issued
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    with pytest.raises(DomainError):
        enrolment_give_partial_credit(enrolment_id=enrolment.pk, acting_user=session.trainer)


def test_only_the_courses_trainers_give_partial_credit():
    _, _, enrolment = partial_case()
    for role in (Role.PEER, Role.SUPERVISOR, Role.HR, Role.TRAINER):
        with pytest.raises(NotAllowed):
            enrolment_give_partial_credit(
                enrolment_id=enrolment.pk, acting_user=UserFactory(roles=[role])
            )
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.ACTIVE


def test_the_attendance_page_offers_partial_credit_and_the_button_gives_it(client):
    _, session, enrolment = partial_case()
    client.force_login(session.trainer)
    url = reverse("courses:attendance", args=[session.pk])
    page = client.get(url).content.decode()
    assert "Partial credit for time attended" in page
    assert "Give a certificate for 3.5 CE hours" in page

    action = reverse("courses:partial_credit", args=[session.pk, enrolment.pk])
    response = client.post(action)
    assert response.status_code == 302
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.PARTIAL
    again = client.post(action)
    assert again.status_code == 400
    assert "no longer taking this course" in again.content.decode()
    # The attendance form no longer offers the closed enrolment's hours for change.
    assert f"hours_{enrolment.pk}" not in client.get(url).content.decode()
    client.force_login(enrolment.learner)
    dashboard = client.get(reverse("courses:dashboard")).content.decode()
    assert "(partial credit for time attended)" in dashboard
    course_page = client.get(enrolment.course.url).content.decode()
    assert "a certificate for the time you attended" in course_page


def test_people_who_may_not_record_attendance_get_403_from_the_button(client):
    _, session, enrolment = partial_case()
    action = reverse("courses:partial_credit", args=[session.pk, enrolment.pk])
    for role in (Role.PEER, Role.HR, Role.SUPERVISOR):
        client.force_login(UserFactory(roles=[role]))
        assert client.post(action).status_code == 403
    client.force_login(enrolment.learner)
    assert client.post(action).status_code == 403
    client.force_login(session.trainer)
    assert client.get(action).status_code == 405
    other_session = session_of(enrolment.course)
    client.force_login(other_session.trainer)
    # Neither signed up nor recorded at that session: not found there.
    url = reverse("courses:partial_credit", args=[other_session.pk, enrolment.pk])
    assert client.post(url).status_code == 404
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.ACTIVE


def test_the_attendance_page_offers_nothing_when_the_type_does_not_allow_it(client):
    course = board_course(partial=False)
    session = session_of(course)
    enrol(UserFactory(roles=[Role.PEER]), course)
    client.force_login(session.trainer)
    page = client.get(reverse("courses:attendance", args=[session.pk])).content.decode()
    assert "Partial credit" not in page


def test_the_holders_credential_page_shows_what_the_certificate_tells_a_board(client):
    _, session, enrolment = partial_case()
    enrolment = enrolment_give_partial_credit(
        enrolment_id=enrolment.pk, acting_user=session.trainer
    )
    client.force_login(enrolment.learner)
    page = client.get(reverse("certificates:detail", args=[enrolment.credential_id]))
    text = page.content.decode()
    for shown in (
        "3.5: 1.25 Suicide prevention; 2.25 Ethics and boundaries",
        "partial credit for the 3.5 contact hours attended (the whole course gives 6)",
        "Rosa Two Bulls, MSW, LAC; Sam Okafor, CBHPSS",
        "NAADAC: provider no. 123456",
        "IC&amp;RC member board: approval no. PR-2026-014",
        "Live in person and self-paced online",
    ):
        assert shown in text, shown
