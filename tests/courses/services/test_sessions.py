"""In-person sessions: sign-up within capacity, and attendance recorded all-or-nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import Attendance, SessionSignup
from courses.selectors import enrolment_progress
from courses.services.enrolments import enrolment_withdraw
from courses.services.sessions import (
    AttendanceLine,
    attendance_record,
    session_signup,
    session_signup_cancel,
)
from lms.core.errors import Conflict, DomainError, NotAllowed
from tests.courses.helpers import enrol, future_session, light_course, past_session
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    return light_course(lessons=1, required_contact_hours=8)


def sign_up(session, enrolment):
    return session_signup(session=session, enrolment=enrolment, acting_user=enrolment.learner)


# Sign-up ---------------------------------------------------------------------------------


def test_sign_up_respects_capacity(course, peer, other_peer):
    session = future_session(course, capacity=1)
    first = sign_up(session, enrol(peer, course))

    with pytest.raises(Conflict, match="full"):
        sign_up(session, enrol(other_peer, course))

    assert list(SessionSignup.objects.filter(session=session)) == [first]


def test_signing_up_twice_returns_the_same_place(course, peer):
    session = future_session(course, capacity=1)
    enrolment = enrol(peer, course)

    first = sign_up(session, enrolment)
    again = sign_up(session, enrolment)  # even though the session is now full

    assert again.pk == first.pk
    assert SessionSignup.objects.filter(session=session).count() == 1


def test_a_cancelled_place_frees_capacity(course, peer, other_peer):
    session = future_session(course, capacity=1)
    enrolment = enrol(peer, course)
    sign_up(session, enrolment)

    session_signup_cancel(session=session, enrolment=enrolment, acting_user=peer)

    assert sign_up(session, enrol(other_peer, course)).enrolment.learner == other_peer


def test_a_peer_enrolled_in_another_course_is_refused(course, peer):
    session = future_session(course)
    elsewhere = enrol(peer, light_course())

    with pytest.raises(NotAllowed):
        sign_up(session, elsewhere)
    assert not SessionSignup.objects.exists()


def test_signing_up_someone_else_is_refused(course, peer, other_peer):
    session = future_session(course)
    enrolment = enrol(peer, course)

    with pytest.raises(NotAllowed):
        session_signup(session=session, enrolment=enrolment, acting_user=other_peer)
    assert not SessionSignup.objects.exists()


def test_a_withdrawn_peer_cannot_sign_up(course, peer):
    session = future_session(course)
    enrolment = enrol(peer, course)
    enrolment_withdraw(enrolment=enrolment, acting_user=peer)
    enrolment.refresh_from_db()

    with pytest.raises(NotAllowed):
        sign_up(session, enrolment)


@pytest.mark.parametrize("started_ago", [timedelta(seconds=1), timedelta(days=2)])
def test_a_session_that_has_started_refuses_sign_up(course, peer, started_ago):
    starts_at = timezone.now() - started_ago
    session = SessionFactory(course=course, starts_at=starts_at)

    with pytest.raises(DomainError, match="already started"):
        sign_up(session, enrol(peer, course))
    assert not SessionSignup.objects.exists()


# Attendance --------------------------------------------------------------------------------


@pytest.fixture
def session(course, trainer):
    """A four-hour session that has already run."""
    return past_session(course, hours=4, trainer=trainer)


def record(session, *lines, acting_user=None):
    return attendance_record(
        session=session,
        lines=[AttendanceLine(enrolment_id=e.pk, hours=hours) for e, hours in lines],
        acting_user=acting_user or session.trainer,
    )


def saved(session) -> dict[int, Decimal]:
    return dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "hours"))


def test_attendance_credits_partial_hours(course, session, peer, other_peer):
    full, partial = enrol(peer, course), enrol(other_peer, course)

    assert record(session, (full, "4"), (partial, "1.5")) == 2

    assert saved(session) == {full.pk: Decimal("4.00"), partial.pk: Decimal("1.50")}
    assert enrolment_progress(partial).attended_hours == Decimal("1.50")
    assert Attendance.objects.get(enrolment=partial).recorded_by == session.trainer


def test_recording_again_corrects_the_hours(course, session, peer):
    enrolment = enrol(peer, course)
    record(session, (enrolment, "4"))

    record(session, (enrolment, "2.25"))

    assert saved(session) == {enrolment.pk: Decimal("2.25")}


def test_blank_hours_record_an_absence(course, session, peer):
    enrolment = enrol(peer, course)

    record(session, (enrolment, " "))

    assert saved(session) == {enrolment.pk: Decimal("0.00")}


@pytest.mark.parametrize(
    ("hours", "reason"),
    [
        ("4.01", "more than the session"),
        ("5", "more than the session"),
        ("1e1", "more than the session"),
        ("-1", "negative"),
        ("-0.25", "negative"),
        ("NaN", "not a number"),
        ("sNaN", "not a number"),
        ("Infinity", "not a number"),
        ("-Infinity", "not a number"),
        ("four", "not a number"),
        ("4h", "not a number"),
        ("1,5", "not a number"),
    ],
)
def test_impossible_hours_are_refused(course, session, peer, hours, reason):
    enrolment = enrol(peer, course)

    with pytest.raises(DomainError, match=reason):
        record(session, (enrolment, hours))

    assert saved(session) == {}


def test_a_session_longer_than_a_day_still_refuses_more_than_a_day(course, peer):
    # A residential training can run for days, but one attendance record holds up to 24 hours.
    long_session = past_session(course, hours=120)
    enrolment = enrol(peer, course)

    for hours in ("25", "100"):
        with pytest.raises(DomainError):
            record(long_session, (enrolment, hours))
    assert saved(long_session) == {}


def test_one_bad_line_saves_nothing(course, session, peer, other_peer):
    good, bad = enrol(peer, course), enrol(other_peer, course)
    record(session, (good, "1"))  # recorded earlier

    with pytest.raises(DomainError):
        record(session, (good, "3"), (bad, "9"))

    assert saved(session) == {good.pk: Decimal("1.00")}


def test_a_learner_not_enrolled_in_the_course_is_refused(course, session, peer, other_peer):
    enrolled = enrol(peer, course)
    elsewhere = enrol(other_peer, light_course())

    with pytest.raises(DomainError, match="enrolled in this course"):
        record(session, (enrolled, "4"), (elsewhere, "4"))

    assert saved(session) == {}


def test_a_withdrawn_learner_is_refused(course, session, peer, other_peer):
    enrolled, withdrawn = enrol(peer, course), enrol(other_peer, course)
    enrolment_withdraw(enrolment=withdrawn, acting_user=other_peer)

    with pytest.raises(DomainError):
        record(session, (enrolled, "4"), (withdrawn, "4"))

    assert saved(session) == {}


def test_an_unknown_enrolment_id_is_refused(session):
    with pytest.raises(DomainError):
        attendance_record(
            session=session,
            lines=[AttendanceLine(enrolment_id=987654321, hours="1")],
            acting_user=session.trainer,
        )
    assert saved(session) == {}


def test_attendance_waits_until_the_session_has_started(course, peer):
    upcoming = future_session(course)
    enrolment = enrol(peer, course)

    with pytest.raises(DomainError, match="started"):
        record(upcoming, (enrolment, "1"), acting_user=UserFactory())
    assert saved(upcoming) == {}
