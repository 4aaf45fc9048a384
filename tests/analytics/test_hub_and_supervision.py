"""The hub dashboard (lead trainers, administrators) and the supervisor's charts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import CERecord, Credential
from lms.analytics.selectors import (
    ce_compliance,
    credential_flow,
    credentials_expiring,
    peers_trained_by_track,
    supervision_analytics,
    supervisor_load,
)
from lms.people.roles import Role
from lms.supervision.models import SupervisionLog
from lms.supervision.services import supervisor_assignment_create
from tests.analytics.helpers import learners_in
from tests.factories import (
    CredentialFactory,
    CredentialTypeFactory,
    TrackFactory,
    UserFactory,
    make_course,
)

pytestmark = pytest.mark.django_db


def ce_type(**kwargs):
    return CredentialTypeFactory(
        validity_rule="months", validity_months=12, ce_hours_required=Decimal("10"), **kwargs
    )


def current(holder, credential_type, *, expires_in=200, **kwargs):
    today = timezone.localdate()
    return CredentialFactory(
        holder=holder,
        credential_type=credential_type,
        issued_on=today - timedelta(days=365 - expires_in),
        expires_on=today + timedelta(days=expires_in),
        **kwargs,
    )


def approved_ce(holder, hours, days_ago=10):
    return CERecord.objects.create(
        holder=holder,
        title="Workshop",
        provider="Elsewhere",
        hours=Decimal(hours),
        source="external",
        completed_on=timezone.localdate() - timedelta(days=days_ago),
        status=CERecord.Status.APPROVED,
    )


def test_peers_trained_per_track_counts_each_peer_once_per_period():
    doula, ethics = TrackFactory(name="Doula"), TrackFactory(name="Ethics")
    first = make_course(modules=1, lessons_per_module=1, track=doula)
    second = make_course(modules=1, lessons_per_module=1, track=doula)
    third = make_course(modules=1, lessons_per_module=1, track=ethics)
    [peer] = learners_in(first, count=1, lessons_done=1, status="completed")
    learners_in(second, count=2, lessons_done=1, status="completed")
    learners_in(third, count=1, lessons_done=1, status="completed")
    # The first peer completes a second doula course in the same month: still one peer.
    second.enrolments.create(learner=peer.learner, status="completed", completed_at=timezone.now())
    today = timezone.localdate()
    by_month = dict(peers_trained_by_track(today=today)["series"])
    assert by_month["Doula"][-1] == 3 and by_month["Ethics"][-1] == 1
    by_quarter = peers_trained_by_track(today=today, by="quarter")
    assert len(by_quarter["labels"]) == 4
    assert dict(by_quarter["series"])["Doula"][-1] == 3


def test_credentials_issued_renewed_lapsed_and_expiring():
    today = timezone.localdate()
    cpr = CredentialTypeFactory(name="CPR")
    first = current(UserFactory(), cpr, expires_in=20)
    current(UserFactory(), cpr, expires_in=45)
    current(UserFactory(), cpr, expires_in=80)
    current(UserFactory(), cpr, expires_in=200)
    renewal = CredentialFactory(
        credential_type=cpr, issued_on=today, issued_as=Credential.IssuedAs.RENEWAL
    )
    CredentialFactory(
        credential_type=cpr,
        issued_on=today - timedelta(days=400),
        expires_on=today - timedelta(days=1),
        status=Credential.Status.EXPIRED,
    )
    CredentialFactory(
        credential_type=cpr,
        issued_on=today,
        status=Credential.Status.REVOKED,
        revoked_at=timezone.now(),
    )
    CredentialFactory(credential_type=cpr, issued_on=today)
    flow = dict(credential_flow(today=today)["series"])
    assert flow["Renewed"][-1] == 1 and renewal.issued_as == "renewal"
    assert flow["Issued (new)"][-1] == 1  # the revoked one is not counted
    assert sum(flow["Lapsed"]) == 1 and first.status == "active"
    expiring = credentials_expiring(today=today)
    assert expiring["labels"] == ["CPR"]
    assert [values for _, values in expiring["series"]] == [[1], [1], [1]]


def test_ce_compliance_per_type_uses_the_ce_rules_and_is_cached_until_the_data_changes(
    django_assert_max_num_queries,
):
    today = timezone.localdate()
    cbhpss = ce_type(name="CBHPSS")
    on_track, behind = UserFactory(), UserFactory()
    for person in (on_track, behind):
        current(person, cbhpss)
    approved_ce(on_track, 12)
    approved_ce(behind, 3)
    [row] = ce_compliance(today=today)
    assert (row["name"], row["met"], row["total"], row["rate"]) == ("CBHPSS", 1, 2, 50)
    with django_assert_max_num_queries(2):  # only the data version
        assert ce_compliance(today=today) == [row]
    approved_ce(behind, 8)
    [row] = ce_compliance(today=today)
    assert (row["met"], row["rate"]) == (2, 100)


def test_supervisor_load_in_bands(administrator):
    supervisors = [UserFactory(roles=[Role.SUPERVISOR]) for _ in range(2)]
    for number in range(7):
        supervisor_assignment_create(
            supervisor=supervisors[0] if number < 6 else supervisors[1],
            peer=UserFactory(roles=[Role.PEER]),
            acting_user=administrator,
            override_reason="test",
        )
    load = supervisor_load(today=timezone.localdate())
    assert dict(load["bands"])["1 to 5 supervisees"] == 1
    assert dict(load["bands"])["6 to 10 supervisees"] == 1
    assert load["busiest"][0][1] == 6 and load["supervisees"] == 7


def test_supervisor_charts_show_only_their_own_supervisees(client, administrator):
    supervisor, other = UserFactory(roles=[Role.SUPERVISOR]), UserFactory(roles=[Role.SUPERVISOR])
    mine = UserFactory(roles=[Role.PEER], preferred_name="Mine")
    theirs = UserFactory(roles=[Role.PEER], preferred_name="Theirs")
    for boss, peer in ((supervisor, mine), (other, theirs)):
        supervisor_assignment_create(
            supervisor=boss, peer=peer, acting_user=administrator, override_reason="test"
        )
        current(peer, ce_type())
        approved_ce(peer, 4)
    SupervisionLog.objects.create(
        supervisor=supervisor,
        peer=mine,
        held_on=timezone.localdate(),
        duration_minutes=45,
        summary="Notes",
        supervisor_attested_at=timezone.now(),
    )
    figures = supervision_analytics(supervisor=supervisor)
    assert [s.person.preferred_name for s in figures["summaries"]] == ["Mine"]
    assert figures["minutes"][-1] == 45
    client.force_login(supervisor)
    html = client.get(reverse("analytics:supervision")).content.decode()
    assert "Mine" in html and "Theirs" not in html
    assert "Notes" not in html  # supervision notes are never charted


HUB_URLS = ["analytics:hub", "analytics:funder_form"]


@pytest.mark.parametrize("name", HUB_URLS)
def test_hub_pages_are_for_lead_trainers_and_administrators(client, name, lead_trainer):
    url = reverse(name)
    assert client.get(url).status_code == 302
    for role in (Role.PEER, Role.TRAINER, Role.SUPERVISOR, Role.HR):
        client.force_login(UserFactory(roles=[role]))
        assert client.get(url).status_code == 403, role
    client.force_login(lead_trainer)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", [Role.PEER, Role.TRAINER, Role.HR])
def test_supervision_charts_refuse_other_roles(client, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(reverse("analytics:supervision")).status_code == 403


def hub_world(size: int, administrator):
    track = TrackFactory()
    course = make_course(modules=1, lessons_per_module=1, track=track)
    learners_in(course, count=size, lessons_done=1, status="completed")
    credential_type = ce_type()
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    for _ in range(size):
        peer = UserFactory(roles=[Role.PEER])
        current(peer, credential_type, expires_in=40)
        approved_ce(peer, 5)
        supervisor_assignment_create(
            supervisor=supervisor, peer=peer, acting_user=administrator, override_reason="t"
        )
        SupervisionLog.objects.create(
            supervisor=supervisor,
            peer=peer,
            held_on=timezone.localdate(),
            duration_minutes=30,
            summary="n",
            supervisor_attested_at=timezone.now(),
        )
    return supervisor


def test_hub_and_supervision_query_counts_do_not_grow(
    client, administrator, django_assert_max_num_queries
):
    counts = []
    for size in (2, 12):
        supervisor = hub_world(size, administrator)
        row = []
        for user, name in ((administrator, "analytics:hub"), (supervisor, "analytics:supervision")):
            client.force_login(user)
            from django.core.cache import cache

            cache.clear()  # a cold CE-compliance computation each time
            with django_assert_max_num_queries(40) as captured:
                assert client.get(reverse(name)).status_code == 200
            row.append(len(captured))
        counts.append(row)
    assert counts[0] == counts[1]
