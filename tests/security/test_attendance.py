"""Attendance hours: anything outside 0..the session's length is a 400 in words, and the form
is all-or-nothing (one bad line saves no line)."""

from decimal import Decimal, InvalidOperation

import pytest
from django.urls import reverse
from hypothesis import assume, given
from hypothesis import strategies as st

from courses.models import Attendance, SessionSignup
from tests.courses.helpers import enrol, light_course, past_session
from tests.factories import UserFactory
from tests.security.helpers import PROPERTY, assert_refused

pytestmark = pytest.mark.django_db

MESSAGES = (
    "Enter a number.",
    "Ensure this value is greater than or equal to 0",
    "Ensure this value is less than or equal to 4",
    "Ensure that there are no more than",
    "This field is required.",
)


@pytest.fixture
def session(client, trainer, peer, other_peer):
    """A four-hour session that has run, with two peers signed up; the trainer signed in."""
    course = light_course()
    session = past_session(course, hours=4, trainer=trainer)
    for learner in (peer, other_peer):
        SessionSignup.objects.create(session=session, enrolment=enrol(learner, course))
    client.force_login(trainer)
    return session


def lines(session) -> list[str]:
    return [
        f"hours_{pk}"
        for pk in SessionSignup.objects.filter(session=session)
        .order_by("pk")
        .values_list("enrolment_id", flat=True)
    ]


def fits(raw: str) -> bool:
    try:
        value = Decimal(raw.strip())
    except (InvalidOperation, ValueError):
        return False
    return (
        value.is_finite()
        and 0 <= value <= 4
        and -value.as_tuple().exponent <= 2
        and len(value.as_tuple().digits) <= 4
    )


@PROPERTY
@given(
    hours=st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.floats().map(str),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
        st.sampled_from(["4.01", "-0.01", "24", "1e1", "NaN", "Infinity", "3.999", "2,5"]),
    ),
    bad_line=st.integers(min_value=0, max_value=1),
)
def test_impossible_hours_on_any_line_save_no_line(client, session, hours, bad_line):
    assume(not fits(hours))
    data = dict.fromkeys(lines(session), "3")
    data[lines(session)[bad_line]] = hours

    response = client.post(reverse("courses:attendance", args=[session.pk]), data)

    assert_refused(response, *MESSAGES)
    assert not Attendance.objects.exists()


def test_lines_for_people_not_signed_up_are_ignored_not_saved(client, session):
    stranger = enrol(UserFactory(), session.course)
    data = dict.fromkeys(lines(session), "2")
    data[f"hours_{stranger.pk}"] = "4"
    data["hours_999999999"] = "4"
    data["hours_abc"] = "4"

    response = client.post(reverse("courses:attendance", args=[session.pk]), data)

    assert response.status_code == 302
    assert set(Attendance.objects.values_list("enrolment_id", flat=True)) == {
        int(name.removeprefix("hours_")) for name in lines(session)
    }
