"""Credential fixtures, shared by the credential, supervision and hiring tests (a plugin of
the root conftest)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from certificates.models import CECategory, CredentialType
from certificates.pdfs import credential_pdf_render
from lms.people.models import SupervisorAssignment
from lms.people.roles import Role
from lms.supervision.services import supervisor_assignment_create
from tests.factories import (
    CredentialFactory,
    CredentialTypeFactory,
    UserFactory,
    ce_category_rule,
)


@pytest.fixture
def holder(peer):
    """The peer who holds the credentials under test, with a distinctive legal name."""
    peer.certificate_name = "Winona Redbird-Castillo"
    peer.save(update_fields=["certificate_name"])
    return peer


@pytest.fixture
def hub_type(db):
    return CredentialTypeFactory(
        name="Peer Support Ethics & Boundaries", code="ethics-test", kind="hub_course"
    )


@pytest.fixture
def two_year_type(db):
    """Like CPR / First Aid: 24 months from issue, renewal window 90 days, 14 days of grace."""
    return CredentialTypeFactory(
        name="CPR and First Aid (test)",
        code="cpr-test",
        kind=CredentialType.Kind.TRAINING_COMPLETION,
        validity_rule="months",
        validity_months=24,
        renewal_window_days=90,
        grace_days=14,
        reminder_offsets=[90, 30, 7],
    )


@pytest.fixture
def suicide_prevention(db):
    return CECategory.objects.create(name="Suicide prevention (tests)", slug="suicide-test")


@pytest.fixture
def cbhpss_type(db, suicide_prevention):
    """The CBHPSS rules: every credential ends 31 December; 20 CE hours a year, none in the
    first cycle (the Board's CE rule, rules.mt.gov RID 40269: CE applies from the first renewal
    on), up to 20 hours above the 20 carried forward, and 2 hours of suicide prevention in
    every 2 cycles."""
    credential_type = CredentialTypeFactory(
        name="Certified Behavioral Health Peer Support Specialist (test)",
        code="cbhpss-test",
        issuer="Montana Board of Behavioral Health",
        kind=CredentialType.Kind.EXTERNAL_LICENCE,
        validity_rule="fixed_date",
        fixed_expiry_month=12,
        fixed_expiry_day=31,
        ce_hours_required=Decimal("20"),
        issued_by_hub=False,
        ce_first_cycle="exempt",
        ce_carry_forward_max_hours=Decimal("20"),
    )
    ce_category_rule(credential_type, suicide_prevention, min_hours=Decimal("2"), every_cycles=2)
    return credential_type


@pytest.fixture
def assign_supervisor(administrator):
    """assign_supervisor(supervisor, peer, starts_days_ago=30, ends_days_ago=None).

    A current assignment goes through the service, which grants the supervisor access to
    the peer's record; past and future ones are history rows only.
    """

    def assign(supervisor, peer, *, starts_days_ago=30, ends_days_ago=None):
        today = timezone.localdate()
        starts_on = today - timedelta(days=starts_days_ago)
        if ends_days_ago is None and starts_days_ago >= 0:
            return supervisor_assignment_create(
                supervisor=supervisor,
                peer=peer,
                starts_on=starts_on,
                acting_user=administrator,
                override_reason="Assigned for a test.",
            )
        return SupervisorAssignment.objects.create(
            supervisor=supervisor,
            peer=peer,
            starts_on=starts_on,
            ends_on=None if ends_days_ago is None else today - timedelta(days=ends_days_ago),
        )

    return assign


@pytest.fixture
def other_supervisor(db):
    """A supervisor, but not of the holder: "the wrong supervisor"."""
    return UserFactory(roles=[Role.SUPERVISOR])


@pytest.fixture
def purge_test_broker():
    """Tests whose commits queue real tasks (transaction=True) leave nothing behind in Redis."""
    from lms.celery import app

    yield
    app.control.purge()


@pytest.fixture
def rendered(db, holder, hub_type):
    """A hub certificate of the holder's, rendered and signed: (credential, PDF bytes)."""
    credential = CredentialFactory(holder=holder, credential_type=hub_type)
    credential_pdf_render(credential_id=credential.pk)
    credential.refresh_from_db()
    with credential.pdf.open("rb") as stored:
        return credential, stored.read()
