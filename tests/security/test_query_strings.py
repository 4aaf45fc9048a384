"""Filters, search boxes, tokens and ids in URLs: any text is a clear 4xx or an empty result,
never a 500. PostgreSQL refuses a NUL byte in a query, so text reaching the database unchecked
is where a 500 would come from."""

from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from hypothesis import assume, given
from hypothesis import strategies as st

from lms.hiring.models import Position
from lms.people.models import AuditEntry
from tests.factories import make_course
from tests.security.helpers import PROPERTY, assert_refused, text_of

pytestmark = pytest.mark.django_db

any_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=120)
with_nul = st.builds(lambda a, b: f"{a}\x00{b}", st.text(max_size=10), st.text(max_size=10))


@pytest.fixture
def hr_client(client, hr):
    Position.objects.create(name="Peer support specialist", slug="peer-support-specialist")
    client.force_login(hr)
    return client


@PROPERTY
@given(
    field=st.sampled_from(["position", "status", "within"]),
    value=st.one_of(any_text, with_nul, st.integers().map(str)),
)
def test_hr_filters_outside_their_choices_are_a_400_in_words(hr_client, field, value):
    allowed = {
        "position": {"peer-support-specialist"},
        "status": {"met", "missing", "expiring"},
        "within": {"30", "60", "90"},
    }[field]
    assume(value.strip() not in allowed | {""})

    response = hr_client.get(reverse("hiring:hr_matrix"), {field: value})
    assert_refused(response, "Select a valid choice", "Null characters are not allowed")
    for export in ("csv", "xlsx"):
        response = hr_client.post(
            f"{reverse('hiring:hr_matrix')}?{urlencode({field: value})}", {"export": export}
        )
        assert_refused(response, "Select a valid choice", "Null characters are not allowed")


@PROPERTY
@given(q=st.one_of(any_text, with_nul), page=st.one_of(any_text, st.integers().map(str)))
def test_hr_search_and_page_take_any_text(hr_client, q, page):
    response = hr_client.get(reverse("hiring:hr_matrix"), {"q": q, "page": page})

    if "\x00" in q or len(q.strip()) > 100:
        assert_refused(response, "Null characters are not allowed", "at most 100 characters")
    else:
        assert response.status_code == 200


@PROPERTY
@given(q=st.one_of(any_text, with_nul))
def test_hr_candidate_search_takes_any_text(hr_client, q):
    response = hr_client.get(reverse("hiring:hr_candidate"), {"q": q})

    if "\x00" in q or len(q.strip()) > 100 or not q.strip():
        assert_refused(
            response,
            "Null characters are not allowed",
            "at most 100 characters",
            "This field is required",
        )
    else:
        assert response.status_code == 200


@PROPERTY
@given(token=st.one_of(any_text, with_nul))
def test_calendar_feeds_with_a_wrong_token_are_not_found(client, peer, token):
    assume(token != peer.calendar_token)

    response = client.get(f"/learn/calendar/{quote(token, safe='')}.ics")

    assert response.status_code == 404
    assert "can't find" in text_of(response) or "No calendar" in text_of(response)


def test_calendar_feed_with_a_nul_byte_is_not_found(client):
    response = client.get("/learn/calendar/%00.ics")

    assert response.status_code == 404
    assert "We can't find that page" in text_of(response)


@pytest.mark.parametrize("track", ["\x00", "a\x00b", "no-such-track", "ü-track", "x" * 5000, "'"])
def test_the_course_catalogue_with_a_strange_track_shows_no_courses(client, track):
    course = make_course(modules=1, lessons_per_module=1, quiz=False)
    catalogue_url = course.get_parent().url

    response = client.get(catalogue_url, {"track": track, "delivery": track})

    assert response.status_code == 200
    assert "No course matches these filters yet" in text_of(response)
    assert client.get(catalogue_url).status_code == 200


@pytest.mark.parametrize("action", ["\x00", "hr.export\x00", "no.such.action", "%", "x" * 5000])
def test_the_audit_trail_filter_with_an_unknown_action_shows_nothing(
    client, administrator, hr, action
):
    AuditEntry.objects.create(actor=hr, action="hr.export", target_type="lms.User", target_id="1")
    client.force_login(administrator)

    response = client.get(reverse("audit"), {"action": action, "page": action})

    assert response.status_code == 200
    assert "hr.export" in text_of(response)  # still offered as a filter...
    assert response.context["page_obj"].paginator.count == 0  # ...but nothing matches


INT_ROUTES = [
    "/learn/attempts/{}/",
    "/learn/sessions/{}/attendance/",
    "/certificates/{}/",
    "/certificates/{}/pdf/",
    "/certificates/ce/{}/evidence/",
    "/certificates/external/{}/evidence/",
    "/supervision/peers/{}/",
    "/hr/people/{}/attestation/",
]


@PROPERTY
@given(number=st.integers(min_value=10**6, max_value=10**40), route=st.sampled_from(INT_ROUTES))
def test_ids_that_do_not_exist_are_not_found_however_large(client, administrator, number, route):
    client.force_login(administrator)

    response = client.get(route.format(number))

    assert response.status_code == 404
    assert "We can't find that page" in text_of(response)
