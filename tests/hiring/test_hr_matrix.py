"""HR: person x position prerequisite checks, the matrix page, exports and candidate checks."""

import csv
import io
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lms.hiring.models import Position, PositionAnyOfGroup
from lms.hiring.selectors import positions_with_requirements, prerequisite_checks
from lms.hiring.services.attestations import attestation_record
from lms.people.models import AuditEntry, SupervisorAssignment, User
from lms.people.roles import Role
from tests.factories import CredentialFactory, CredentialTypeFactory, UserFactory, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(hr):
    licence = CredentialTypeFactory(
        name="State licence", validity_rule="months", validity_months=12
    )
    course_cert = CredentialTypeFactory(name="Course certificate")
    cpr = CredentialTypeFactory(name="CPR")
    mhfa = CredentialTypeFactory(name="MHFA")
    make_course(
        modules=1,
        lessons_per_module=1,
        quiz=False,
        credential_type=course_cert,
        title="Intro course",
    )
    position = Position(name="Peer Support Specialist", slug="pss", requires_supervisor=True)
    position.required_credential_types = [licence, course_cert]
    position.any_of_groups = [PositionAnyOfGroup(label="First aid", credential_types=[cpr, mhfa])]
    position.applies_to_groups = [Group.objects.get(name=Role.PEER)]
    position.save()
    return {
        "licence": licence,
        "course": course_cert,
        "cpr": cpr,
        "mhfa": mhfa,
        "position": position,
        "hr": hr,
    }


def check_for(person, position, **kwargs):
    positions = [p for p in positions_with_requirements() if p.pk == position.pk]
    return prerequisite_checks(people=[person], positions=positions, **kwargs)[
        (person.pk, position.pk)
    ]


def test_missing_items_name_the_course_that_earns_them(setup, peer):
    check = check_for(peer, setup["position"])
    assert check.status == "missing"
    labels = {item.label: item for item in check.missing}
    assert labels["Course certificate"].earned_by == ["Intro course"]
    assert "An active supervisor" in labels
    assert "Lived-experience attestation on file" in labels
    assert any(label.startswith("First aid: one of") for label in labels)


def test_met_and_expiring(setup, peer, supervisor, administrator):
    today = timezone.localdate()
    CredentialFactory(
        holder=peer, credential_type=setup["licence"], expires_on=today + timedelta(days=45)
    )
    CredentialFactory(holder=peer, credential_type=setup["course"])
    CredentialFactory(
        holder=peer, credential_type=setup["mhfa"], expires_on=today + timedelta(days=400)
    )
    SupervisorAssignment.objects.create(supervisor=supervisor, peer=peer, starts_on=today)
    attestation_record(person=peer, on_file=True, acting_user=administrator)
    assert check_for(peer, setup["position"], within_days=30).status == "met"
    expiring = check_for(peer, setup["position"], within_days=60)
    assert expiring.status == "expiring"
    assert [item.label for item in expiring.expiring] == ["State licence"]


def test_expired_revoked_and_past_date_credentials_do_not_count(setup, peer):
    today = timezone.localdate()
    CredentialFactory(
        holder=peer, credential_type=setup["licence"], expires_on=today - timedelta(days=1)
    )
    CredentialFactory(
        holder=peer, credential_type=setup["course"], status="revoked", revoked_at=timezone.now()
    )
    check = check_for(peer, setup["position"])
    assert {"State licence", "Course certificate"} <= {item.label for item in check.missing}


def make_peers(count, *, start=0):
    peer_group = Group.objects.get(name=Role.PEER)
    users = User.objects.bulk_create(
        [
            User(email=f"bulk{n}@example.org", preferred_name=f"P{n}", certificate_name=f"Peer {n}")
            for n in range(start, start + count)
        ]
    )
    peer_group.user_set.add(*users)
    return users


def matrix_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("hiring:hr_matrix"))
    assert response.status_code == 200
    return len(queries)


def test_matrix_query_count_is_flat_from_10_to_200_people(client, setup):
    client.force_login(setup["hr"])
    make_peers(10)
    small = matrix_queries(client)
    make_peers(190, start=10)
    large = matrix_queries(client)
    assert small == large
    assert large <= 12


def test_matrix_filters_and_csv_export_escape_formulas(client, setup):
    bad = UserFactory(
        roles=[Role.PEER], certificate_name='=HYPERLINK("http://evil")', email="a@example.org"
    )
    good = UserFactory(roles=[Role.PEER], certificate_name="Good Peer", email="b@example.org")
    CredentialFactory(
        holder=good,
        credential_type=setup["licence"],
        expires_on=timezone.localdate() + timedelta(days=300),
    )
    client.force_login(setup["hr"])

    page = client.get(reverse("hiring:hr_matrix"), {"status": "missing", "q": "peer"})
    assert b"Good Peer" in page.content

    response = client.post(f"{reverse('hiring:hr_matrix')}?status=missing", {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:2] == ["Name on certificates", "Email"]
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in names
    assert "Good Peer" in names
    assert AuditEntry.objects.filter(action="hr.export", actor=setup["hr"]).exists()

    xlsx = client.post(reverse("hiring:hr_matrix"), {"export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    cells = [row[0] for row in workbook.active.iter_rows(values_only=True)]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert bad.email in [row[1] for row in workbook.active.iter_rows(values_only=True)]


def test_bad_filters_get_a_400(client, setup):
    client.force_login(setup["hr"])
    assert client.get(reverse("hiring:hr_matrix"), {"within": "7"}).status_code == 400
    assert client.get(reverse("hiring:hr_matrix"), {"status": "everything"}).status_code == 400


def test_candidate_check_by_code_or_email(client, setup, peer):
    credential = CredentialFactory(holder=peer, credential_type=setup["course"])
    client.force_login(setup["hr"])
    by_code = client.get(reverse("hiring:hr_candidate"), {"q": credential.display_code.lower()})
    assert peer.certificate_name.encode() in by_code.content
    by_email = client.get(reverse("hiring:hr_candidate"), {"q": peer.email})
    assert b"Peer Support Specialist" in by_email.content
    nobody = client.get(reverse("hiring:hr_candidate"), {"q": "nobody-at-all"})
    assert b"Nobody matches" in nobody.content


def test_hr_records_an_attestation(client, setup, peer):
    client.force_login(setup["hr"])
    url = reverse("hiring:attestation", args=[peer.pk])
    assert client.post(url, {"on_file": "maybe"}).status_code == 400
    assert client.post(url, {"on_file": "yes"}).status_code == 302
    peer.refresh_from_db()
    assert peer.attestation.on_file is True
    assert peer.attestation.recorded_by == setup["hr"]


# The status filter in SQL agrees with the checks worked out in Python -------------------------


def _random_world(setup, supervisor, administrator, *, people=60, seed=11):
    """People with every mix of held, expiring, lapsed, revoked and never-expiring credentials,
    supervisors and attestations, and a second position that needs an attestation only."""
    import random

    rng = random.Random(seed)  # noqa: S311 - test data, not security
    today = timezone.localdate()
    second = Position(name="Outreach", slug="outreach", requires_attestation=True)
    second.required_credential_types = [setup["cpr"]]
    second.applies_to_groups = [Group.objects.get(name=Role.PEER)]
    second.save()
    types = [setup["licence"], setup["course"], setup["cpr"], setup["mhfa"]]
    for person in make_peers(people, start=500):
        for credential_type in rng.sample(types, rng.randint(0, len(types))):
            state = rng.choice(["active", "active", "active", "renewal_due", "expired", "revoked"])
            # Days from today: either side of every window's edge, lapsed, and never.
            expires = rng.choice([None, None, -5, 0, 10, 29, 30, 31, 59, 60, 61, 89, 90, 91, 400])
            CredentialFactory(
                holder=person,
                credential_type=credential_type,
                status=state,
                expires_on=None if expires is None else today + timedelta(days=expires),
                revoked_at=timezone.now() if state == "revoked" else None,
            )
        if rng.random() < 0.6:
            SupervisorAssignment.objects.create(
                supervisor=supervisor,
                peer=person,
                starts_on=today - timedelta(days=10),
                ends_on=rng.choice([None, today, today - timedelta(days=1)]),
            )
        if rng.random() < 0.7:
            attestation_record(person=person, on_file=rng.random() < 0.8, acting_user=administrator)


@pytest.mark.parametrize("within", [30, 60, 90])
def test_the_status_filter_in_sql_matches_the_checks(setup, supervisor, administrator, within):
    from lms.hiring.selectors import hr_matrix

    _random_world(setup, supervisor, administrator)
    positions = positions_with_requirements()
    everyone = hr_matrix(positions=positions, within_days=within)["people"]
    checks = prerequisite_checks(people=everyone, positions=positions, within_days=within)
    seen = set()
    for status in ("met", "missing", "expiring"):
        for shown in (positions, positions[:1], positions[1:]):
            expected = [
                person.pk
                for person in everyone
                if any(checks[(person.pk, p.pk)].status == status for p in shown)
            ]
            got = hr_matrix(positions=shown, status=status, within_days=within)["people"]
            assert [person.pk for person in got] == expected, (status, [p.slug for p in shown])
            seen |= {(status, bool(expected))}
    # The world is varied enough that every status occurs for someone.
    assert {("met", True), ("missing", True), ("expiring", True)} <= seen, seen


def _matrix_page_queries(client, params=None):
    params = dict(params or {})
    export = params.pop("export", None)
    with CaptureQueriesContext(connection) as queries:
        if export:  # the Export button: a POST, filters in the query string
            response = client.post(
                f"{reverse('hiring:hr_matrix')}?{urlencode(params)}", {"export": export}
            )
        else:
            response = client.get(reverse("hiring:hr_matrix"), params)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [
        {"status": "missing"},
        {"status": "expiring", "within": "90", "q": "peer"},
        {"page": "2"},
        {"export": "csv"},
    ],
    ids=["missing", "expiring-search", "page-2", "csv"],
)
def test_filtered_pages_and_exports_keep_a_flat_query_count(client, setup, params):
    client.force_login(setup["hr"])
    make_peers(60)
    small = _matrix_page_queries(client, params)
    make_peers(240, start=60)
    large = _matrix_page_queries(client, params)
    assert small == large
    assert large <= 13  # an export also writes its audit entry


def test_the_page_shows_50_people_and_counts_everyone(client, setup):
    client.force_login(setup["hr"])
    make_peers(120)
    first = client.get(reverse("hiring:hr_matrix"))
    last = client.get(reverse("hiring:hr_matrix"), {"page": "3"})
    assert len(first.context["page_obj"].object_list) == 50
    assert len(last.context["page_obj"].object_list) == 20
    assert first.context["total"] == last.context["total"] >= 120
    shown = [row.person.pk for page in (first, last) for row in page.context["page_obj"]]
    assert len(set(shown)) == 70
