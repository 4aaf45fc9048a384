"""`{{ credential|status_today }}`: the status word of the day (Credential.status_on), so every
page shows what verification shows, whether or not the nightly job has run."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def status_today(credential) -> str:
    return credential.status_on(timezone.localdate())
