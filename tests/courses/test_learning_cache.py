"""The lesson page and dashboard read from the cache: what they show must still be current.

Every change a learner or an author makes shows on the next page view, and one learner's
cached progress is never shown to another.
"""

import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonPage, SessionSignup
from courses.services.enrolments import enrolment_withdraw
from courses.services.sessions import AttendanceLine, attendance_record
from tests.courses.helpers import (
    complete_lessons,
    enrol,
    future_session,
    lessons_of,
    light_course,
    pass_quiz,
    past_session,
    quizzes_of,
)
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

DONE = "✓ Done"


@pytest.fixture
def course(db):
    return light_course(lessons=2, quiz=True)


def test_publishing_a_new_revision_shows_the_new_body(client, peer, course):
    enrol(peer, course)
    lesson = lessons_of(course)[0]
    client.force_login(peer)
    assert "Peer support is mutual." in client.get(lesson.url).content.decode()

    lesson = LessonPage.objects.get(pk=lesson.pk)
    lesson.body = [("paragraph", "<p>Boundaries keep peers safe.</p>")]
    lesson.save_revision().publish()

    html = client.get(lesson.url).content.decode()
    assert "Boundaries keep peers safe." in html
    assert "Peer support is mutual." not in html


def test_a_renamed_lesson_shows_its_new_title_on_its_neighbour_and_the_dashboard(
    client, peer, course
):
    enrolment = enrol(peer, course)
    first, second = lessons_of(course)
    complete_lessons(enrolment, [first])
    client.force_login(peer)
    assert "Continue: Lesson 1.2" in client.get(reverse("courses:dashboard")).content.decode()
    assert "Next: Lesson 1.2" in client.get(first.url).content.decode()

    second.title = "Holding boundaries"
    second.save_revision().publish()

    assert "Continue: Holding boundaries" in (
        client.get(reverse("courses:dashboard")).content.decode()
    )
    assert "Next: Holding boundaries" in client.get(first.url).content.decode()


def test_an_unpublished_lesson_is_gone_at_once(client, peer, course):
    enrol(peer, course)
    lesson = lessons_of(course)[0]
    client.force_login(peer)
    assert client.get(lesson.url).status_code == 200

    lesson.unpublish()

    assert client.get(lesson.url).status_code == 404
    assert "Lesson 1.1" not in client.get(reverse("courses:dashboard")).content.decode()


def test_a_peer_sees_their_own_completion_at_once(client, peer, course):
    enrol(peer, course)
    lesson = lessons_of(course)[0]
    client.force_login(peer)
    assert DONE not in client.get(lesson.url).content.decode()
    assert "0 of 2" in client.get(reverse("courses:dashboard")).content.decode()

    client.post(reverse("courses:lesson_complete", args=[lesson.pk]))

    assert DONE in client.get(lesson.url).content.decode()
    assert "1 of 2" in client.get(reverse("courses:dashboard")).content.decode()


def test_a_passed_quiz_shows_on_the_dashboard_at_once(client, peer, course):
    enrolment = enrol(peer, course)
    client.force_login(peer)
    dashboard = client.get(reverse("courses:dashboard")).content.decode()
    assert "Quizzes passed" in dashboard and "Recent results" not in dashboard

    pass_quiz(enrolment, quizzes_of(course)[0])

    dashboard = client.get(reverse("courses:dashboard")).content.decode()
    assert "Recent results" in dashboard
    assert "✓ Passed" in dashboard


def test_recorded_attendance_shows_on_the_dashboard_at_once(client, peer, trainer):
    course = light_course(lessons=1, required_contact_hours=Decimal("5"))
    enrolment = enrol(peer, course)
    session = past_session(course, hours=4, trainer=trainer)
    SessionSignup.objects.create(session=session, enrolment=enrolment)
    client.force_login(peer)
    assert "0 h in sessions" in client.get(reverse("courses:dashboard")).content.decode()

    attendance_record(
        session=session, lines=[AttendanceLine(enrolment.pk, "3")], acting_user=trainer
    )

    assert "3 h in sessions" in client.get(reverse("courses:dashboard")).content.decode()


def test_sign_ups_and_session_changes_show_on_the_dashboard_at_once(client, peer, course):
    enrolment = enrol(peer, course)
    session = future_session(course, title="Role play evening")
    client.force_login(peer)
    assert "No sessions booked" in client.get(reverse("courses:dashboard")).content.decode()

    client.post(reverse("courses:session_signup", args=[session.pk]))
    assert "Role play evening" in client.get(reverse("courses:dashboard")).content.decode()

    session.title = "Role play afternoon"
    session.save()
    assert "Role play afternoon" in client.get(reverse("courses:dashboard")).content.decode()

    enrolment_withdraw(enrolment=enrolment, acting_user=peer)
    assert "No sessions booked" in client.get(reverse("courses:dashboard")).content.decode()


def test_a_booked_session_leaves_the_dashboard_when_it_ends(client, peer, course):
    enrolment = enrol(peer, course)
    ending = SessionFactory(
        course=course,
        title="Role play evening",
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(seconds=1),
    )
    SessionSignup.objects.create(session=ending, enrolment=enrolment)
    client.force_login(peer)
    assert "Role play evening" in client.get(reverse("courses:dashboard")).content.decode()

    time.sleep(2.1)  # the cached dashboard lives until the first session shown ends

    assert "Role play evening" not in client.get(reverse("courses:dashboard")).content.decode()


def test_a_withdrawn_peer_is_turned_away_at_once(client, peer, course):
    enrolment = enrol(peer, course)
    lesson = lessons_of(course)[0]
    client.force_login(peer)
    assert client.get(lesson.url).status_code == 200

    enrolment_withdraw(enrolment=enrolment, acting_user=peer)

    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response.url == course.url


def test_two_peers_never_see_each_others_progress(client, peer, other_peer, course):
    lesson = lessons_of(course)[0]
    mine, theirs = enrol(peer, course), enrol(other_peer, course)
    complete_lessons(theirs, [lesson])
    client.force_login(other_peer)
    assert DONE in client.get(lesson.url).content.decode()
    assert "1 of 2" in client.get(reverse("courses:dashboard")).content.decode()

    client.force_login(peer)
    assert DONE not in client.get(lesson.url).content.decode()
    assert "0 of 2" in client.get(reverse("courses:dashboard")).content.decode()

    complete_lessons(mine, lessons_of(course))
    assert "2 of 2" in client.get(reverse("courses:dashboard")).content.decode()
    client.force_login(other_peer)
    assert "1 of 2" in client.get(reverse("courses:dashboard")).content.decode()


def test_a_peer_enrolled_in_nothing_is_not_shown_anothers_course(client, peer, other_peer, course):
    enrol(other_peer, course)
    client.force_login(other_peer)
    assert client.get(lessons_of(course)[0].url).status_code == 200

    client.force_login(peer)

    assert client.get(lessons_of(course)[0].url).status_code == 302
    assert course.title not in client.get(reverse("courses:dashboard")).content.decode()


def test_progress_is_right_after_the_cache_is_emptied(client, peer, course):
    """An evicted version token is replaced by a new one, never by an older one."""
    enrolment = enrol(peer, course)
    lesson = lessons_of(course)[0]
    client.force_login(peer)
    client.get(lesson.url)
    cache.clear()  # sessions live in the database in tests, so the peer stays signed in

    complete_lessons(enrolment, [lesson])

    assert DONE in client.get(lesson.url).content.decode()


# Wagtail's own lookups, kept between requests --------------------------------------------


def test_a_view_restriction_added_or_removed_applies_at_once(client, peer, course):
    from wagtail.models import PageViewRestriction

    assert client.get(course.url).status_code == 200  # anonymous may read the summary
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(course.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    restriction.delete()
    assert client.get(course.url).status_code == 200


def test_a_site_whose_root_changes_is_served_from_its_new_root(client, course):
    from wagtail.models import Site

    assert client.get(course.url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    site.root_page = course  # the course becomes the site's home
    site.save()
    assert client.get("/").content.decode().count(course.title) >= 1
    assert client.get(course.url).status_code == 404  # its old address is gone
    site.root_page = home
    site.save()
    assert client.get(course.url).status_code == 200
