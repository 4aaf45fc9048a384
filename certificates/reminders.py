"""Renewal reminders in words, and their emails (sent by the worker:
tasks.renewal_reminders_email_task; the daily renewal job queues them)."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from lms.people.selectors import current_supervisors_of

from .models import Credential, RenewalReminder


def reminder_text(credential: Credential) -> str:
    expires = f"{credential.expires_on:%B %-d, %Y}"
    credential_type = credential.credential_type
    if not credential_type.issued_by_hub:
        # Another body renews it: the hub's part is recording the renewed card.
        return (
            f"Your {credential.title} expires on {expires}. Renew it with "
            f"{credential_type.issuer}, then record the renewed card here for your supervisor "
            "to verify."
        )
    return f"Your {credential.title} expires on {expires}. Time to plan its renewal."


@transaction.atomic
def renewal_reminders_email(*, reminder_ids: list[int]) -> int:
    """Email each reminder once to its holder, copying their current supervisors."""
    reminders = list(
        RenewalReminder.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(pk__in=reminder_ids, emailed_at__isnull=True)
        # Suspended after the reminder was made: not emailed (it stays unsent while suspended).
        .filter(credential__suspended_at__isnull=True)
        .select_related("credential__credential_type", "credential__holder")
    )
    if not reminders:
        return 0
    supervisors = current_supervisors_of(peer_ids={r.credential.holder_id for r in reminders})
    messages = []
    for reminder in reminders:
        credential = reminder.credential
        holder = credential.holder
        messages.append(
            EmailMessage(
                subject=f"Renewal reminder: {credential.title}",
                body=(
                    f"Hello {holder.preferred_name},\n\n{reminder_text(credential)}\n\n"
                    f"See what it needs: {settings.SITE_URL}/certificates/\n\n"
                    f"{settings.HUB_NAME}"
                ),
                to=[holder.email],
                cc=[s.email for s in supervisors.get(holder.pk, [])],
            )
        )
    with get_connection() as mail:
        mail.send_messages(messages)
    RenewalReminder.objects.filter(pk__in=[r.pk for r in reminders]).update(
        emailed_at=timezone.now()
    )
    return len(messages)
