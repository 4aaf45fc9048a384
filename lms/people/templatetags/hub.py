"""Small display helpers shared by every app's templates."""

from django import template

from lms.core.text import hours_number

register = template.Library()


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


@register.filter
def hours(value) -> str:
    """Hours as people write them ("1.5", "13"), where floatformat:"-2" wrote "1.50"."""
    return hours_number(value)
