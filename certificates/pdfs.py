"""A credential's PDF: rendered (rendering.py), signed (signing.py) with its Open Badge inside
(openbadges.py), stored, and the earlier copy archived. Runs in the worker
(tasks.credential_render_pdf_task); issuing and re-issuing queue it."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from lms.people.models import AuditEntry

from .models import Credential, CredentialPdfArchive


def credential_pdf_render(*, credential_id: int, force: bool = False) -> Credential | None:
    """Render and store a credential's PDF. Safe to run twice: a stored PDF is kept unless forced.

    The PDF is signed by the hub (`signing.sign_pdf`) and carries the credential's signed
    Open Badge (`openbadges.pdf_attachments`). A forced re-render (a re-issue) stores
    the new file first, then archives the old one
    (`CredentialPdfArchive`) so every copy the hub handed out still verifies and says it was
    replaced. Runs in a Celery worker; the row lock makes a concurrent run wait, then skip.
    """
    # WeasyPrint and pyHanko load here, in the worker, not in every web process that imports
    # the task to queue it.
    from .openbadges import pdf_attachments
    from .rendering import render_certificate_pdf
    from .signing import sign_pdf

    with transaction.atomic():
        credential = (
            Credential.objects.select_for_update()
            .select_related("credential_type")
            .filter(pk=credential_id)
            .first()
        )
        if credential is None or (credential.pdf and not force):
            return credential
        # The Open Badges credential rides inside the PDF (PDF/A-3 associated files), under
        # the PDF's signature too.
        content = sign_pdf(
            render_certificate_pdf(credential, attachments=pdf_attachments(credential))
        )
        digest = Credential.sha256_of(content)
        earlier = (credential.pdf.name, credential.pdf_sha256, credential.pdf_rendered_at)
        # One name per rendering of a credential (1, then 2 after a re-issue, ...). A signature
        # makes every rendering's bytes differ, so a file already at this name is the leftover
        # of a run killed before it committed: nothing refers to it, and it is replaced.
        generation = credential.earlier_pdfs.count() + (2 if credential.pdf else 1)
        name = f"{credential.code[:2]}/{credential.code}-{generation}.pdf"
        storage = credential.pdf.storage
        if storage.exists(f"certificates/{name}"):
            storage.delete(f"certificates/{name}")
        credential.pdf.save(name, ContentFile(content), save=False)
        now = timezone.now()
        if earlier[0] and earlier[1]:
            CredentialPdfArchive.objects.create(
                credential=credential,
                pdf=earlier[0],
                pdf_sha256=earlier[1],
                holder_name=_printed_name(credential, earlier[1]),
                rendered_at=earlier[2],
                replaced_at=now,
            )
        credential.pdf_sha256 = digest
        credential.pdf_rendered_at = now
        credential.save(update_fields=["pdf", "pdf_sha256", "pdf_rendered_at"])
    return credential


def _printed_name(credential: Credential, sha256: str) -> str:
    """The name on an earlier copy: the re-issue's audit entry recorded it."""
    entry = (
        AuditEntry.objects.filter(
            action="credential.reissue_pdf",
            target_type=Credential._meta.label,
            target_id=str(credential.pk),
            detail__old_pdf_sha256=sha256,
        )
        .order_by("-pk")
        .first()
    )
    return entry.detail.get("old_holder_name", "") if entry else credential.holder_name
