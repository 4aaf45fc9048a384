"""Supervisor assignments grant and remove object permissions; supervision records are kept."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.models import Credential, CredentialType
from certificates.services.issuance import credential_issue
from lms.core.errors import Conflict, DomainError, NotAllowed
from lms.hiring.services.attestations import attestation_record
from lms.people.models import AuditEntry
from lms.people.permissions import (
    can_view_learner_record,
    learner_records_visible_to,
    supervisees_of,
)
from lms.supervision.models import SupervisionLog
from lms.supervision.services import (
    supervision_log_acknowledge,
    supervision_log_archive,
    supervision_log_record,
    supervisor_assignment_create,
    supervisor_assignment_end,
    supervisor_assignments_expire,
)

pytestmark = pytest.mark.django_db


def qualify(user):
    return credential_issue(
        holder=user,
        credential_type=CredentialType.objects.get(code="qualified-supervisor"),
        source=Credential.Source.MANUAL,
        issued_on=timezone.localdate(),
    )


def fresh(user):
    """The same user without cached permission lookups."""
    return type(user).objects.get(pk=user.pk)


def test_assignment_grants_access_and_ending_it_removes_access_at_once(
    supervisor, peer, other_peer, administrator
):
    qualify(supervisor)
    assignment = supervisor_assignment_create(
        supervisor=supervisor, peer=peer, acting_user=administrator
    )
    assert can_view_learner_record(fresh(supervisor), peer)
    assert not can_view_learner_record(fresh(supervisor), other_peer)
    assert list(supervisees_of(fresh(supervisor))) == [peer]
    assert set(learner_records_visible_to(fresh(supervisor))) == {supervisor, peer}

    supervisor_assignment_end(assignment=assignment, acting_user=administrator)
    assert not can_view_learner_record(fresh(supervisor), peer)
    assert not supervisees_of(fresh(supervisor)).exists()
    actions = set(AuditEntry.objects.filter(subject=peer).values_list("action", flat=True))
    assert {"permission.grant", "supervision.assign", "permission.remove"} <= actions


def test_only_qualified_supervisors_unless_an_administrator_overrides(
    supervisor, peer, hr, administrator
):
    with pytest.raises(DomainError, match="Qualified peer supervisor"):
        supervisor_assignment_create(supervisor=supervisor, peer=peer, acting_user=administrator)
    with pytest.raises(DomainError, match="Only an administrator"):
        supervisor_assignment_create(
            supervisor=supervisor, peer=peer, acting_user=hr, override_reason="Interim cover"
        )
    assignment = supervisor_assignment_create(
        supervisor=supervisor, peer=peer, acting_user=administrator, override_reason="Interim cover"
    )
    assert assignment.override_reason == "Interim cover"
    assert AuditEntry.objects.filter(
        action="supervision.assign", detail__override_reason="Interim cover"
    ).exists()


def test_no_duplicate_open_assignment_and_no_self_supervision(supervisor, peer, administrator):
    qualify(supervisor)
    supervisor_assignment_create(supervisor=supervisor, peer=peer, acting_user=administrator)
    with pytest.raises(Conflict):
        supervisor_assignment_create(supervisor=supervisor, peer=peer, acting_user=administrator)
    with pytest.raises(DomainError):
        supervisor_assignment_create(
            supervisor=supervisor, peer=supervisor, acting_user=administrator
        )


def test_lapsed_assignments_lose_access_in_the_daily_job(supervisor, peer, administrator):
    qualify(supervisor)
    assignment = supervisor_assignment_create(
        supervisor=supervisor,
        peer=peer,
        starts_on=timezone.localdate() - timedelta(days=30),
        acting_user=administrator,
    )
    type(assignment).objects.filter(pk=assignment.pk).update(
        ends_on=timezone.localdate() - timedelta(days=1)
    )
    assert supervisor_assignments_expire() == 1
    assert not can_view_learner_record(fresh(supervisor), peer)
    assert supervisor_assignments_expire() == 0


@pytest.fixture
def assigned(supervisor, peer, administrator):
    qualify(supervisor)
    return supervisor_assignment_create(supervisor=supervisor, peer=peer, acting_user=administrator)


def record(supervisor, peer, **overrides):
    values = {
        "supervisor": supervisor,
        "peer": peer,
        "held_on": timezone.localdate(),
        "duration_minutes": 60,
        "topics": ["goals", "ethics"],
        "summary": "Talked about goals.",
        "attested": True,
    }
    return supervision_log_record(**{**values, **overrides})


def test_supervision_log_rules(assigned, supervisor, peer, other_peer):
    log = record(supervisor, peer)
    assert log.topics == ["ethics", "goals"]
    with pytest.raises(NotAllowed):
        record(supervisor, other_peer)
    for bad in (
        {"attested": False},
        {"held_on": timezone.localdate() + timedelta(days=1)},
        {"duration_minutes": 0},
        {"duration_minutes": 10_000},
        {"topics": []},
        {"topics": ["diagnosis"]},
        {"summary": "   "},
    ):
        with pytest.raises(DomainError):
            record(supervisor, peer, **bad)
    assert SupervisionLog.objects.count() == 1


def test_supervision_logs_cannot_be_deleted_only_archived(
    assigned, supervisor, peer, administrator
):
    log = record(supervisor, peer)
    with pytest.raises(ValueError, match="never deleted"):
        log.delete()
    supervision_log_archive(log=log, acting_user=administrator)
    log.refresh_from_db()
    assert log.archived_at is not None
    assert SupervisionLog.objects.filter(pk=log.pk).exists()


def test_only_the_peer_acknowledges(assigned, supervisor, peer):
    log = record(supervisor, peer)
    with pytest.raises(NotAllowed):
        supervision_log_acknowledge(log=log, acting_user=supervisor)
    acknowledged = supervision_log_acknowledge(log=log, acting_user=peer)
    assert acknowledged.acknowledged_at is not None
    again = supervision_log_acknowledge(log=log, acting_user=peer)
    assert again.acknowledged_at == acknowledged.acknowledged_at


def test_attestation_stores_only_on_file_and_who(peer, hr):
    attestation = attestation_record(person=peer, on_file=True, acting_user=hr)
    fields = {field.name for field in attestation._meta.get_fields()}
    assert fields == {"id", "person", "on_file", "recorded_on", "recorded_by", "updated_at"}
    attestation_record(person=peer, on_file=False, acting_user=hr)
    peer.attestation.refresh_from_db()
    assert peer.attestation.on_file is False
    assert AuditEntry.objects.filter(action="attestation.record", subject=peer).count() == 2
