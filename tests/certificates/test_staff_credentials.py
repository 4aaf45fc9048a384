"""The administrators' credential list: who may open it, search and filters, bad input, pages
and a query count that does not grow with the number of credentials."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import Credential
from tests.factories import CredentialFactory, CredentialTypeFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("certificates:staff_credentials")


@pytest.fixture
def records():
    today = timezone.localdate()
    cpr = CredentialTypeFactory(name="Harm reduction card")
    mhfa = CredentialTypeFactory(name="Doula card")
    sam = UserFactory(preferred_name="Sam", certificate_name="Samantha Two Feathers")
    jordan = UserFactory(
        preferred_name="Jordan", certificate_name="Jordan Whitaker", email="jordan@example.org"
    )
    return {
        "soon": CredentialFactory(
            holder=sam, credential_type=cpr, expires_on=today + timedelta(days=20)
        ),
        "later": CredentialFactory(
            holder=jordan, credential_type=mhfa, expires_on=today + timedelta(days=200)
        ),
        "lapsed": CredentialFactory(
            holder=jordan,
            credential_type=cpr,
            status=Credential.Status.EXPIRED,
            issued_on=today - timedelta(days=800),
            expires_on=today - timedelta(days=70),
        ),
        "forever": CredentialFactory(holder=sam, credential_type=mhfa, expires_on=None),
        "cpr": cpr,
    }


def listed(response) -> set[int]:
    return {credential.pk for credential in response.context["page_obj"]}


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("peer", 403),
        ("trainer", 403),
        ("lead_trainer", 403),
        ("supervisor", 403),
        ("hr", 403),
        ("administrator", 200),
    ],
)
def test_only_administrators_open_the_list(client, request, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))


def test_the_nav_links_administrators_to_the_list(client, administrator, hr):
    client.force_login(administrator)
    assert f'href="{URL}"' in client.get("/help/").content.decode()
    client.force_login(hr)
    assert f'href="{URL}"' not in client.get("/help/").content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"soon", "later", "lapsed", "forever"}),
        ({"q": "two feathers"}, {"soon", "forever"}),
        ({"q": "JORDAN@example"}, {"later", "lapsed"}),
        ({"q": "Sam"}, {"soon", "forever"}),
        ({"q": "CARD"}, {"soon", "later", "lapsed", "forever"}),
        ({"status": "expired"}, {"lapsed"}),
        ({"expiry": "30"}, {"soon"}),
        ({"expiry": "past"}, {"lapsed"}),
        ({"expiry": "none"}, {"forever"}),
        ({"q": "jordan", "status": "active"}, {"later"}),
    ],
)
def test_search_and_filters(client, administrator, records, query, expected):
    client.force_login(administrator)
    response = client.get(URL, query)
    assert response.status_code == 200
    assert listed(response) == {records[name].pk for name in expected}


def test_search_by_code_and_filter_by_type(client, administrator, records):
    client.force_login(administrator)
    code = records["lapsed"].display_code.lower()
    assert listed(client.get(URL, {"q": code})) == {records["lapsed"].pk}
    by_type = client.get(URL, {"credential_type": records["cpr"].pk})
    assert listed(by_type) == {records["soon"].pk, records["lapsed"].pk}


def test_each_row_opens_the_credential_page_where_it_is_revoked(client, administrator, records):
    client.force_login(administrator)
    page = client.get(URL).content.decode()
    detail = reverse("certificates:detail", args=[records["soon"].pk])
    assert f'href="{detail}"' in page
    assert "Revoke" in client.get(detail).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"status": "bogus"},
        {"expiry": "7"},
        {"credential_type": "not-a-number"},
        {"credential_type": "999999"},
        {"q": "x" * 101},
        {"q": "sam\x00"},
    ],
)
def test_bad_filters_answer_400_with_the_form_errors(client, administrator, records, query):
    client.force_login(administrator)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not listed(response)


def test_a_page_out_of_range_is_no_error(client, administrator, records):
    client.force_login(administrator)
    assert client.get(URL, {"page": "9999"}).status_code == 200
    assert client.get(URL, {"page": "x"}).status_code == 200


def test_pages_keep_the_filters(client, administrator):
    holder = UserFactory(certificate_name="Many Credentials")
    for _ in range(55):
        CredentialFactory(holder=holder)
    client.force_login(administrator)
    response = client.get(URL, {"q": "many"})
    assert len(response.context["page_obj"]) == 50
    assert "?q=many&amp;page=2" in response.content.decode()
    assert len(client.get(URL, {"q": "many", "page": 2}).context["page_obj"]) == 5


def queries_for_the_list(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"q": "e"}).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_credentials(client, administrator):
    client.force_login(administrator)
    for _ in range(3):
        CredentialFactory()
    few = queries_for_the_list(client)
    for _ in range(40):
        CredentialFactory()
    assert queries_for_the_list(client) == few
    assert few <= 12
