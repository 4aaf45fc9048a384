"""The supervisor dashboard: what each supervisee's card says, and a query count that does not
grow with the number of supervisees (the page must stay fast at 40)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import CERecord, Credential, ExternalCredentialClaim
from lms.people.roles import Role
from tests.factories import CredentialFactory, UserFactory

pytestmark = pytest.mark.django_db


def _supervisee(number, *, supervisor, assign_supervisor, cbhpss_type, two_year_type, category):
    """A peer with a renewed CBHPSS (CE, carried hours, a category minimum), an expired CPR,
    approved and pending CE, and a pending external credential."""
    peer = UserFactory(roles=[Role.PEER], preferred_name=f"Supervisee {number:02d}")
    assign_supervisor(supervisor, peer)
    today = timezone.localdate()
    first = CredentialFactory(
        holder=peer,
        credential_type=cbhpss_type,
        status=Credential.Status.SUPERSEDED,
        issued_on=date(today.year - 2, 3, 1),
        expires_on=date(today.year - 1, 12, 31),
    )
    CredentialFactory(
        holder=peer,
        credential_type=cbhpss_type,
        supersedes=first,
        issued_as=Credential.IssuedAs.RENEWAL,
        issued_on=date(today.year - 1, 12, 1),
        expires_on=date(today.year, 12, 31),
    )
    CredentialFactory(
        holder=peer,
        credential_type=two_year_type,
        status=Credential.Status.EXPIRED,
        issued_on=today - timedelta(days=800),
        expires_on=today - timedelta(days=70),
    )
    for hours, status, completed in [
        ("6", CERecord.Status.APPROVED, date(today.year - 1, 6, 1)),
        ("4", CERecord.Status.APPROVED, today - timedelta(days=1)),
        ("1", CERecord.Status.PENDING, today - timedelta(days=2)),
    ]:
        CERecord.objects.create(
            holder=peer,
            title="Workshop",
            provider="Provider",
            completed_on=completed,
            hours=Decimal(hours),
            category=category,
            source=CERecord.Source.EXTERNAL,
            status=status,
        )
    ExternalCredentialClaim.objects.create(
        holder=peer,
        credential_type=two_year_type,
        number=f"CPR-{number}",
        evidence="credential-evidence/card.pdf",
        issued_on=today - timedelta(days=3),
        expires_on=today + timedelta(days=700),
    )
    return peer


@pytest.fixture
def dashboard(client, assign_supervisor, cbhpss_type, two_year_type, suicide_prevention):
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    client.force_login(supervisor)
    made = []

    def with_supervisees(count):
        for number in range(len(made), count):
            made.append(
                _supervisee(
                    number,
                    supervisor=supervisor,
                    assign_supervisor=assign_supervisor,
                    cbhpss_type=cbhpss_type,
                    two_year_type=two_year_type,
                    category=suicide_prevention,
                )
            )
        client.get(reverse("supervision:supervisor_dashboard"))  # warms per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("supervision:supervisor_dashboard"))
        assert response.status_code == 200
        return response, len(queries)

    return with_supervisees


def test_the_query_count_does_not_grow_with_supervisees(dashboard):
    _few, small = dashboard(2)
    many, large = dashboard(12)

    assert small == large
    assert large <= 14
    assert len(many.context["summaries"]) == 12


def test_each_card_counts_credentials_ce_and_the_reviews_waiting(dashboard):
    response, _queries = dashboard(3)

    assert response.context["pending_count"] == 6  # a CE record and a claim each
    summary = response.context["summaries"][0]
    assert summary.person.preferred_name == "Supervisee 00"
    # The CBHPSS ends on 31 December: inside its 90-day window the card says "renewal due",
    # by date, whether or not the nightly job has flagged it.
    today = timezone.localdate()
    due = today >= date(today.year, 12, 31) - timedelta(days=90)
    assert (summary.active, summary.renewal_due, summary.expired) == (int(not due), int(due), 1)
    assert summary.ce is not None
    assert summary.ce.earned == Decimal("4")  # this cycle's approved hours only
    assert b"Reviews waiting: 6" in response.content


def test_another_supervisors_peers_are_not_counted(dashboard, client):
    dashboard(2)
    stranger = UserFactory(roles=[Role.SUPERVISOR])
    client.force_login(stranger)

    response = client.get(reverse("supervision:supervisor_dashboard"))

    assert response.context["summaries"] == []
    assert response.context["pending_count"] == 0
