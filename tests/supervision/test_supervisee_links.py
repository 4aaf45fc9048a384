"""Supervisors reach each supervisee from their home page, the review queue and their
notifications; only current supervisors are told when a peer sends something to review."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.services.ce import ce_record_submit
from certificates.services.claims import external_credential_claim_submit
from lms.people.models import Notification
from tests.certificates.helpers import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


def send_ce(peer):
    return ce_record_submit(
        holder=peer,
        title="Harm reduction day",
        provider="Montana Public Health Assoc.",
        completed_on=timezone.localdate() - timedelta(days=3),
        hours="5",
        category=None,
        evidence=upload("day.pdf", PDF_BYTES),
    )


def test_sending_ce_or_a_credential_tells_current_supervisors_with_a_link_to_the_peer(
    peer, supervisor, other_supervisor, assign_supervisor, cbhpss_type
):
    assign_supervisor(supervisor, peer)
    assign_supervisor(other_supervisor, peer, starts_days_ago=100, ends_days_ago=10)  # ended
    send_ce(peer)
    external_credential_claim_submit(
        holder=peer,
        credential_type=cbhpss_type,
        number="CBHPSS-1",
        issued_on=timezone.localdate() - timedelta(days=20),
        expires_on=None,
        evidence=upload("card.pdf", PDF_BYTES),
    )
    notes = list(Notification.objects.filter(recipient=supervisor).order_by("pk"))
    assert [note.message for note in notes] == [
        f"{peer.preferred_name} sent CE for your review: Harm reduction day.",
        f"{peer.preferred_name} sent a {cbhpss_type.name} to verify.",
    ]
    assert {note.url for note in notes} == {reverse("supervision:supervisee", args=[peer.pk])}
    assert not Notification.objects.filter(recipient=other_supervisor).exists()


def test_the_supervisor_reaches_the_supervisee_from_home_queue_and_notifications(
    client, peer, supervisor, assign_supervisor
):
    assign_supervisor(supervisor, peer)
    send_ce(peer)
    page = reverse("supervision:supervisee", args=[peer.pk])
    client.force_login(supervisor)
    for url in ("supervision:supervisor_dashboard", "certificates:review_queue"):
        assert f'href="{page}"' in client.get(reverse(url)).content.decode()
    assert f'href="{page}"' in client.get(reverse("notifications")).content.decode()
    assert client.get(page).status_code == 200
