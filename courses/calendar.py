"""A personal iCalendar feed: upcoming sessions a learner signed up for, and credential expiry."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from certificates.selectors import current_credentials_expiring

from .models import SessionSignup


def learner_calendar(*, user) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.HUB_NAME}//Peer Training Hub//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{settings.HUB_NAME}: my sessions and renewals")
    signups = SessionSignup.objects.filter(
        enrolment__learner=user,
        session__ends_at__gte=timezone.now() - timedelta(days=30),
    ).select_related("session", "session__course")
    for signup in signups:
        session = signup.session
        event = Event()
        event.add("uid", f"session-{session.pk}@{settings.SITE_URL.split('//')[-1]}")
        event.add("summary", f"{session.title} ({session.course.title})")
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("location", session.location)
        event.add("url", settings.SITE_URL + session.course.url)
        event.add("dtstamp", timezone.now())
        calendar.add_component(event)
    for credential in current_credentials_expiring(user=user):
        event = Event()
        event.add("uid", f"expiry-{credential.pk}@{settings.SITE_URL.split('//')[-1]}")
        event.add("summary", f"{credential.title} expires")
        event.add("dtstart", credential.expires_on)  # an all-day event
        event.add("dtend", credential.expires_on + timedelta(days=1))
        event.add("description", f"Plan the renewal: {settings.SITE_URL}/certificates/")
        event.add("dtstamp", timezone.now())
        calendar.add_component(event)
    return calendar.to_ical()
