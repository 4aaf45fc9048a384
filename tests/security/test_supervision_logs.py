"""Supervision logs: bad dates, durations, topics and summaries are a 400 in words, and no
record is written (records are never deleted, so a wrong one would stay for 7 years)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import assume, given
from hypothesis import strategies as st

from lms.supervision.models import SupervisionLog, SupervisionTopic
from tests.security.helpers import PROPERTY, assert_refused

pytestmark = pytest.mark.django_db

MESSAGES = (
    "Enter a valid date.",
    "can't be in the future",
    "years ago; check the year",
    "This field is required.",
    "Ensure this value is greater than or equal to 5.",
    "Ensure this value is less than or equal to 480.",
    "Enter a whole number.",
    "Select a valid choice.",
    "Ensure this value has at most 4000 characters",
    "Null characters are not allowed.",
)


def today() -> date:
    return timezone.localdate()


def log_form(**overrides) -> dict:
    return {
        "held_on": (today() - timedelta(days=1)).isoformat(),
        "duration_minutes": "60",
        "topics": [SupervisionTopic.ETHICS, SupervisionTopic.WELLNESS],
        "summary": "We talked about boundaries with a long-time friend who is now a participant.",
        "attested": "on",
        **overrides,
    }


@pytest.fixture
def submit(client, supervisor, peer, assign_supervisor):
    assign_supervisor(supervisor, peer)
    client.force_login(supervisor)
    url = reverse("supervision:supervision_log_create", args=[peer.pk])

    def send(**overrides):
        before = SupervisionLog.objects.count()
        response = client.post(url, log_form(**overrides))
        return response, before

    return send


def assert_nothing_saved(response, before, *messages):
    assert_refused(response, *(messages or MESSAGES))
    assert SupervisionLog.objects.count() == before


@PROPERTY
@given(held_on=st.dates())
def test_dates_in_the_future_or_beyond_the_retention_period_are_refused(submit, held_on):
    assume(held_on > today() or held_on.year < today().year - 7)

    assert_nothing_saved(*submit(held_on=held_on.isoformat()))


@pytest.mark.parametrize(
    ("held_on", "message"),
    [
        ("0001-01-01", "more than 7 years ago"),
        ("1900-06-15", "more than 7 years ago"),
        ("2999-01-01", "can't be in the future"),
        ("9999-12-31", "can't be in the future"),
        ("2024-02-30", "Enter a valid date."),
        ("2024-00-10", "Enter a valid date."),
        ("20240101", "Enter a valid date."),
        ("2024-01-01\x00", "Enter a valid date."),
        ("", "This field is required."),
    ],
)
def test_each_kind_of_bad_date_gets_its_own_message(submit, held_on, message):
    response, before = submit(held_on=held_on)

    assert response.status_code == 400
    assert_nothing_saved(response, before, message)


@PROPERTY
@given(
    minutes=st.one_of(
        st.integers().filter(lambda n: not (15 <= n <= 480 and n % 15 == 0)).map(str),
        st.sampled_from(["", "sixty", "60.5", "1e2", "NaN", "∞", "6\x000", "9" * 400]),
    )
)
def test_impossible_durations_are_refused(submit, minutes):
    assert_nothing_saved(*submit(duration_minutes=minutes))


@PROPERTY
@given(
    topics=st.lists(
        st.text(st.characters(exclude_categories=("Cs",)), max_size=20), min_size=1, max_size=5
    )
)
def test_topics_that_are_not_on_the_list_are_refused(submit, topics):
    assume(not set(topics) <= set(SupervisionTopic.values))

    assert_nothing_saved(*submit(topics=topics))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"topics": []}, "This field is required."),
        ({"summary": "   "}, "This field is required."),
        ({"summary": "x" * 4001}, "at most 4000 characters"),
        ({"summary": "ok\x00"}, "Null characters are not allowed."),
        ({"attested": ""}, "This field is required."),
    ],
)
def test_missing_or_impossible_details_are_refused(submit, overrides, message):
    assert_nothing_saved(*submit(**overrides), message)


def test_a_record_from_within_the_retention_period_is_kept(submit):
    response, before = submit(held_on=date(today().year - 7, 1, 1).isoformat())

    assert response.status_code == 302
    assert SupervisionLog.objects.count() == before + 1
