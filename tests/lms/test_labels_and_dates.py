"""What people read: words for stored codes, proper plurals, one long date format."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Credential, CredentialType
from certificates.services.issuance import credential_issue, credential_revoke
from lms.supervision.services import supervision_log_record
from tests.factories import make_course

pytestmark = pytest.mark.django_db


def test_a_peer_reads_supervision_topics_in_words(client, peer, supervisor, administrator):
    from lms.supervision.services import supervisor_assignment_create

    supervisor_assignment_create(
        supervisor=supervisor, peer=peer, acting_user=administrator, override_reason="Test."
    )
    supervision_log_record(
        supervisor=supervisor,
        peer=peer,
        held_on=timezone.localdate(),
        duration_minutes=45,
        topics=["role_clarity", "time_management"],
        summary="Notes.",
        attested=True,
    )
    client.force_login(peer)
    page = client.get(reverse("supervision:my_supervision")).content.decode()
    assert "Topics: Role clarity, Time management" in page
    assert "role_clarity" not in page and "roleclarity" not in page
    client.force_login(supervisor)
    page = client.get(reverse("supervision:supervisee", args=[peer.pk])).content.decode()
    assert "Topics: Role clarity, Time management" in page


def test_one_hour_is_singular_and_more_are_plural(client):
    one = make_course(modules=1, lessons_per_module=1, quiz=False, lesson_minutes=60)
    one.estimated_hours = Decimal("1")
    one.required_contact_hours = Decimal("1")
    one.ce_hours = Decimal("1")
    one.save()
    page = client.get(one.url).content.decode()
    assert "about 1 hour · 1 contact hour · 1 CE hour</p>" in page
    two = make_course(modules=1, lessons_per_module=1, quiz=False)
    two.estimated_hours = Decimal("2.5")
    two.ce_hours = Decimal("1.5")
    two.save()
    assert "about 2.5 hours" in client.get(two.url).content.decode()
    catalogue = client.get("/courses/").content.decode()
    assert "About 1 hour · 1 CE hour" in catalogue
    assert "About 2.5 hours · 1.5 CE hours" in catalogue


def test_the_verify_page_shows_long_dates_like_every_other_page(client, peer, administrator):
    credential = credential_issue(
        holder=peer,
        credential_type=CredentialType.objects.get(code="cpr-first-aid"),
        source=Credential.Source.MANUAL,
        issued_on=date(2026, 3, 5),
        expires_on=date(2028, 3, 5),
    )
    credential_revoke(credential=credential, reason="Test.", acting_user=administrator)
    page = client.get(reverse("certificates:verify_code", args=[credential.display_code]))
    text = page.content.decode()
    assert "<dd>March 5, 2026</dd>" in text
    assert "<dd>March 5, 2028</dd>" in text
    assert "2026-03-05" not in text and "2028-03-05" not in text
    revoked_on = timezone.localdate()
    assert f"Revoked on {revoked_on:%B} {revoked_on.day}, {revoked_on.year}" in text
    client.force_login(peer)
    mine = client.get(reverse("certificates:detail", args=[credential.pk])).content.decode()
    assert "March 5, 2026" in mine


def test_the_audit_trail_names_actions_in_words(client, peer, administrator):
    credential = credential_issue(
        holder=peer,
        credential_type=CredentialType.objects.get(code="cpr-first-aid"),
        source=Credential.Source.MANUAL,
        issued_on=date(2026, 3, 5),
    )
    credential_revoke(credential=credential, reason="Test.", acting_user=administrator)
    client.force_login(administrator)
    page = client.get(reverse("audit")).content.decode()
    assert "Credential: revoke" in page
    assert '<option value="credential.revoke"' in page
