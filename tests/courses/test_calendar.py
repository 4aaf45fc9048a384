"""The personal calendar feed: an unguessable address, sessions signed up for, expiry dates."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from courses.models import SessionSignup
from courses.services.enrolments import enrolment_create
from tests.factories import CredentialFactory, CredentialTypeFactory, SessionFactory, make_course

pytestmark = pytest.mark.django_db


def test_feed_lists_my_sessions_and_expiry_dates_and_resetting_revokes_the_old_address(
    client, peer, other_peer, trainer
):
    course = make_course(modules=1, lessons_per_module=1, quiz=False)
    enrolment = enrolment_create(learner=peer, course=course, acting_user=peer)
    soon = timezone.now() + timedelta(days=3)
    session = SessionFactory(course=course, trainer=trainer, starts_at=soon, title="Boundaries day")
    SessionSignup.objects.create(session=session, enrolment=enrolment)
    SessionFactory(course=course, trainer=trainer, starts_at=soon, title="Not signed up")
    licence = CredentialTypeFactory(
        name="State licence", validity_rule="months", validity_months=12
    )
    CredentialFactory(
        holder=peer, credential_type=licence, expires_on=timezone.localdate() + timedelta(days=40)
    )
    CredentialFactory(holder=other_peer, credential_type=licence, expires_on=timezone.localdate())

    assert client.post(reverse("courses:calendar_reset")).status_code == 302  # to sign in
    client.force_login(peer)
    client.post(reverse("courses:calendar_reset"))
    peer.refresh_from_db()
    first_token = peer.calendar_token
    assert len(first_token) >= 40

    client.logout()  # calendar apps don't sign in: the address is the key
    response = client.get(reverse("courses:calendar_feed", args=[first_token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = {str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert events == {f"Boundaries day ({course.title})", "State licence expires"}

    client.force_login(peer)
    client.post(reverse("courses:calendar_reset"))
    client.logout()
    assert client.get(reverse("courses:calendar_feed", args=[first_token])).status_code == 404
    assert client.get(reverse("courses:calendar_feed", args=["guess"])).status_code == 404
