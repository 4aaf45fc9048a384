"""Small display helpers shared by every app's templates."""

from datetime import date

from django import template

register = template.Library()

PUBLIC_STATUS_LABELS = {
    "valid": "Valid",
    "expired": "Expired",
    "revoked": "Revoked",
    "superseded": "Superseded by a newer certificate",
}


@register.filter
def iso_date(value):
    """A date from its ISO text ("2026-12-31"), for payloads built for JSON; `date` formats it."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


@register.filter
def public_status_label(status: str) -> str:
    """The words for a public verification status ("valid" -> "Valid")."""
    return PUBLIC_STATUS_LABELS.get(status, status)


@register.filter
def action_label(action: str) -> str:
    """An audit action in words: "credential.revoke" -> "Credential: revoke"."""
    subject, _, verb = action.partition(".")
    words = subject.replace("_", " ").capitalize()
    return f"{words}: {verb.replace('_', ' ')}" if verb else words


@register.filter
def detail_value(value) -> str:
    """An audit detail's value as text: a list reads as "a, b", not "['a', 'b']"."""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)
