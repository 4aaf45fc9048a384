"""Revocation is explicit and visible; every PDF the hub ever issued stays accountable."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from certificates.models import Credential, CredentialPdfArchive
from certificates.pdfs import credential_pdf_render
from certificates.services.issuance import credential_reissue_pdf, credential_revoke
from lms.people.models import Notification
from tests.certificates.helpers import storage, upload

pytestmark = pytest.mark.django_db


def check_upload(client, content):
    return client.post(reverse("certificates:verify"), {"pdf": upload("cert.pdf", content)})


# Revocation ----------------------------------------------------------------------------


@override_settings(HUB_CONTACT_EMAIL="training@onehealth.example")
def test_the_holder_is_told_in_the_hub_and_by_email_with_the_reason_and_whom_to_contact(
    django_capture_on_commit_callbacks, holder, rendered, administrator
):
    credential, _ = rendered
    with django_capture_on_commit_callbacks(execute=True):
        credential_revoke(
            credential=credential, acting_user=administrator, reason="Issued to the wrong person."
        )

    notice = Notification.objects.filter(recipient=holder).latest("pk")
    assert "revoked" in notice.message and "Issued to the wrong person." in notice.message
    assert notice.url == f"/certificates/{credential.pk}/"
    [email] = mail.outbox
    assert email.to == [holder.email]
    assert "Issued to the wrong person." in email.body
    assert "training@onehealth.example" in email.body
    assert email.reply_to == ["training@onehealth.example"]


def test_revoking_asks_for_a_reason_and_a_confirmation(client, administrator, rendered):
    credential, _ = rendered
    client.force_login(administrator)
    url = reverse("certificates:revoke", args=[credential.pk])

    page = client.get(reverse("certificates:detail", args=[credential.pk])).content.decode()
    no_reason = client.post(url, {"confirm": "on"})
    unconfirmed = client.post(url, {"reason": "Fraud"})

    assert "I understand that revoking can" in page
    assert no_reason.status_code == 400 and "Give a reason" in no_reason.content.decode()
    assert unconfirmed.status_code == 400 and "Tick the box" in unconfirmed.content.decode()
    # The credential page comes back with the form as typed, not a separate error page.
    assert "Fraud</textarea>" in unconfirmed.content.decode()
    assert Credential.objects.get(pk=credential.pk).status == "active"
    assert client.post(url, {"reason": "Fraud", "confirm": "on"}).status_code == 302
    assert Credential.objects.get(pk=credential.pk).status == "revoked"


def test_the_holder_is_offered_no_pdf_of_a_revoked_credential(
    client, holder, rendered, administrator
):
    credential, _ = rendered
    credential_revoke(credential=credential, acting_user=administrator, reason="Fraud")
    client.force_login(holder)

    page = client.get(reverse("certificates:detail", args=[credential.pk])).content.decode()
    download = client.get(reverse("certificates:pdf", args=[credential.pk]))

    assert "Download the PDF" not in page
    assert "Revoked on" in page and "Fraud" in page
    assert download.status_code == 410
    assert download.get("Content-Type", "").startswith("text/html")


def test_the_upload_check_of_a_revoked_pdf_leads_with_the_status_in_red(
    client, rendered, administrator
):
    credential, content = rendered
    credential_revoke(credential=credential, acting_user=administrator, reason="Fraud")

    page = check_upload(client, content).content.decode()

    revoked = page.index("verify-status--revoked")
    assert f"Revoked on {timezone.localdate():%B %-d, %Y}" in page
    assert revoked < page.index("the hub's unaltered certificate")
    assert "Genuine" not in page
    assert "Fraud" not in page  # the reason is the holder's, not the public's


# Re-issue ------------------------------------------------------------------------------


def test_an_earlier_copy_still_verifies_and_says_it_was_reissued(
    client, holder, rendered, administrator
):
    credential, old_content = rendered
    old_name = credential.pdf.name
    holder.certificate_name = "Winona Redbird"
    holder.save()
    credential_reissue_pdf(credential=credential, acting_user=administrator)
    credential_pdf_render(credential_id=credential.pk, force=True)
    credential.refresh_from_db()
    with credential.pdf.open("rb") as stored:
        new_content = stored.read()

    old_check = check_upload(client, old_content).content.decode()
    new_check = check_upload(client, new_content).content.decode()

    assert new_content != old_content
    assert "earlier copy" in old_check
    assert credential.display_code in old_check
    assert f"re-issued on {timezone.localdate():%B %-d, %Y}" in old_check
    assert "(name corrected)" in old_check
    assert "Winona Redbird-Castillo" in old_check  # the name on that copy
    assert "✓ Active" in old_check  # and the current status
    assert "earlier copy" not in new_check and "unaltered certificate" in new_check
    # Nothing orphaned: the old file is kept and accounted for.
    archived = CredentialPdfArchive.objects.get(credential=credential)
    assert archived.pdf.name == old_name and storage().exists(old_name)
    assert archived.holder_name == "Winona Redbird-Castillo"


def test_a_copy_of_a_credential_revoked_after_reissue_says_revoked(
    client, holder, rendered, administrator
):
    credential, old_content = rendered
    holder.certificate_name = "Winona Redbird"
    holder.save()
    credential_reissue_pdf(credential=credential, acting_user=administrator)
    credential_pdf_render(credential_id=credential.pk, force=True)
    credential_revoke(credential=credential, acting_user=administrator, reason="Fraud")

    page = check_upload(client, old_content).content.decode()

    assert page.index("verify-status--revoked") < page.index("earlier copy")


def test_every_forced_rendering_keeps_the_copy_before_it(rendered):
    """Signed PDFs differ at every rendering (the signing time), so each copy handed out is kept
    and still verifies, however often a PDF is rendered again."""
    credential, first = rendered
    first_name = credential.pdf.name
    credential_pdf_render(credential_id=credential.pk, force=True)
    credential_pdf_render(credential_id=credential.pk, force=True)
    archived = list(CredentialPdfArchive.objects.filter(credential=credential).order_by("pk"))
    assert len(archived) == 2
    assert archived[0].pdf.name == first_name
    assert archived[0].pdf_sha256 == Credential.sha256_of(first)
    assert all(storage().exists(copy.pdf.name) for copy in archived)
    credential.refresh_from_db()
    assert credential.pdf.name.endswith("-3.pdf")
