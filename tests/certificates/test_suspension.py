"""Suspension: administrators only (deny by default), a reason, audited, the holder told, and
reversible; the status list and every status word follow."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from certificates.models import Credential, StatusList
from lms.people.models import AuditEntry, Notification
from lms.people.roles import Role
from tests.factories import CredentialFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(holder, hub_type):
    return CredentialFactory(
        holder=holder,
        credential_type=hub_type,
        expires_on=timezone.localdate() + timedelta(days=365),
    )


def suspend(client, credential, reason="A complaint is being reviewed."):
    return client.post(reverse("certificates:suspend", args=[credential.pk]), {"reason": reason})


def lift(client, credential, note=""):
    return client.post(
        reverse("certificates:lift_suspension", args=[credential.pk]), {"note": note}
    )


@pytest.mark.parametrize("who", ["holder", "supervisor", "hr", "other_peer"])
def test_only_administrators_suspend_or_lift(client, who, credential, assign_supervisor, request):
    if who == "supervisor":
        person = request.getfixturevalue("supervisor")
        assign_supervisor(person, credential.holder)
    elif who == "holder":
        person = credential.holder
    elif who == "other_peer":
        person = UserFactory(roles=[Role.PEER])
    else:
        person = request.getfixturevalue(who)
    client.force_login(person)
    assert suspend(client, credential).status_code == 403
    Credential.objects.filter(pk=credential.pk).update(
        suspended_at=timezone.now(), suspended_reason="Set by the test"
    )
    assert lift(client, credential).status_code == 403
    credential.refresh_from_db()
    assert credential.suspended_reason == "Set by the test"


def test_anonymous_visitors_are_sent_to_sign_in(client, credential):
    response = suspend(client, credential)
    assert response.status_code == 302 and "/login" in response["Location"]
    assert Credential.objects.get(pk=credential.pk).suspended_at is None


def test_an_administrator_suspends_and_lifts_with_audit_and_the_holder_told(
    client, administrator, credential, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = suspend(client, credential, "Evidence of the hours is being checked.")
    assert response.status_code == 302
    credential.refresh_from_db()
    assert credential.is_suspended and credential.suspended_by == administrator
    assert credential.status_on(timezone.localdate()) == "suspended"
    entry = AuditEntry.objects.get(action="credential.suspend", target_id=str(credential.pk))
    assert entry.actor == administrator
    assert entry.detail["reason"] == "Evidence of the hours is being checked."
    assert Notification.objects.filter(
        recipient=credential.holder, message__contains="suspended while it is reviewed"
    ).exists()
    assert mail.outbox[-1].to == [credential.holder.email]
    assert "Evidence of the hours is being checked." in mail.outbox[-1].body
    page = client.get(reverse("certificates:detail", args=[credential.pk])).content.decode()
    assert "Lift the suspension" in page and "Suspended on" in page
    assert StatusList.objects.get(number=2).set_bits == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = lift(client, credential, "The hours were confirmed.")
    assert response.status_code == 302
    credential.refresh_from_db()
    assert not credential.is_suspended
    assert credential.status_on(timezone.localdate()) == "active"
    lifted = AuditEntry.objects.get(
        action="credential.suspension_lift", target_id=str(credential.pk)
    )
    assert lifted.detail["reason"] == "Evidence of the hours is being checked."
    assert "suspension of your" in mail.outbox[-1].subject
    assert "The hours were confirmed." in mail.outbox[-1].body
    assert StatusList.objects.get(number=2).set_bits == 0


def test_the_holder_sees_the_suspension_on_their_page(client, administrator, credential):
    client.force_login(administrator)
    suspend(client, credential, "Under review.")
    client.force_login(credential.holder)
    page = client.get(reverse("certificates:detail", args=[credential.pk])).content.decode()
    assert "Suspended on" in page and "Under review." in page
    assert "Lift the suspension" not in page


def test_a_reason_is_required_and_states_are_checked(client, administrator, credential):
    client.force_login(administrator)
    assert suspend(client, credential, "").status_code == 400
    assert lift(client, credential).status_code == 409  # not suspended
    assert suspend(client, credential).status_code == 302
    assert suspend(client, credential).status_code == 409  # already suspended
    credential.refresh_from_db()
    Credential.objects.filter(pk=credential.pk).update(
        status="revoked", revoked_at=timezone.now(), suspended_at=None, suspended_reason=""
    )
    assert suspend(client, credential).status_code == 409  # revoked is final


def test_revoking_a_suspended_credential_ends_the_suspension(client, administrator, credential):
    client.force_login(administrator)
    suspend(client, credential)
    response = client.post(
        reverse("certificates:revoke", args=[credential.pk]),
        {"reason": "Confirmed after review", "confirm": "on"},
    )
    assert response.status_code == 302
    credential.refresh_from_db()
    assert (credential.status, credential.suspended_at) == ("revoked", None)
    assert StatusList.objects.get(number=1).set_bits == 1
    assert StatusList.objects.get(number=2).set_bits == 0


def test_a_suspended_credential_is_renewed_by_no_route_until_lifted(
    client, administrator, two_year_type, holder
):
    """A renewal issues a new, unsuspended credential: it would let the suspension escape."""
    from decimal import Decimal

    from certificates.services.recertification import (
        CourseCompletion,
        RenewalRoute,
        credential_issue_for_course_completion,
        credential_recertify,
    )
    from certificates.services.suspension import credential_suspend, credential_suspension_lift
    from lms.core.errors import Conflict

    today = timezone.localdate()
    current = CredentialFactory(
        holder=holder,
        credential_type=two_year_type,
        issued_on=today - timedelta(days=700),
        expires_on=today + timedelta(days=30),  # inside the 90-day window
    )
    credential_suspend(credential=current, acting_user=administrator, reason="Under review.")
    for route in (RenewalRoute.ADMINISTRATOR, RenewalRoute.HOLDER, RenewalRoute.COURSE):
        with pytest.raises(Conflict, match="suspended"):
            credential_recertify(
                holder=holder,
                credential_type=two_year_type,
                completed_on=today,
                route=route,
                acting_user=administrator,
            )
    # Completing the course still completes it; the holder is told why nothing was renewed.
    kept = credential_issue_for_course_completion(
        completion=CourseCompletion(
            holder_id=holder.pk,
            course_page_id=0,
            course_title="CPR refresher",
            course_description="",
            credential_type_id=two_year_type.pk,
            contact_hours=Decimal("4"),
            ce_hours=Decimal("0"),
            ce_portions=(),
            ce_details={},
            completed_on=today,
        )
    )
    assert kept.pk == current.pk
    assert Credential.objects.filter(holder=holder, credential_type=two_year_type).count() == 1
    assert Notification.objects.filter(recipient=holder, message__contains="suspended").exists()
    client.force_login(holder)
    page = client.get(reverse("certificates:detail", args=[current.pk])).content.decode()
    assert "renewed once the suspension is lifted" in page and "Renew now" not in page

    credential_suspension_lift(credential=current, acting_user=administrator, note="")
    renewed = credential_recertify(
        holder=holder,
        credential_type=two_year_type,
        completed_on=today,
        route=RenewalRoute.ADMINISTRATOR,
        acting_user=administrator,
    )
    assert renewed.supersedes_id == current.pk and not renewed.is_suspended
