"""Trainers and a peer's own supervisor enrol learners; prerequisites bind everyone."""

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment
from lms.people.models import SupervisorAssignment
from tests.factories import CredentialTypeFactory, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return make_course(modules=1, lessons_per_module=1, quiz=False)


def url(course):
    return reverse("courses:enrol_learner", args=[course.pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("peer", 403),
        ("hr", 403),
        ("trainer", 200),
        ("supervisor", 200),
        ("administrator", 200),
    ],
)
def test_who_may_open_the_form(client, request, course, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(url(course)).status_code == status


def test_trainer_enrols_a_peer(client, trainer, peer, course):
    client.force_login(trainer)
    response = client.post(url(course), {"email": peer.email.upper()})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(learner=peer, course=course)
    assert enrolment.enrolled_by == trainer


def test_supervisor_enrols_only_their_own_supervisee(client, supervisor, peer, other_peer, course):
    SupervisorAssignment.objects.create(
        supervisor=supervisor, peer=peer, starts_on=timezone.localdate()
    )
    client.force_login(supervisor)
    assert client.post(url(course), {"email": other_peer.email}).status_code == 403
    assert not Enrolment.objects.filter(learner=other_peer).exists()
    assert client.post(url(course), {"email": peer.email}).status_code == 302
    assert Enrolment.objects.filter(learner=peer, course=course).exists()


def test_unknown_email_and_missing_prerequisites_are_explained(client, trainer, peer):
    course = make_course(modules=1, lessons_per_module=1, quiz=False)
    course.prerequisite_credential_types.add(CredentialTypeFactory(name="CPR card"))
    course.save_revision().publish()
    client.force_login(trainer)
    unknown = client.post(url(course), {"email": "nobody@example.org"})
    assert unknown.status_code == 400
    assert b"No active account" in unknown.content
    blocked = client.post(url(course), {"email": peer.email})
    assert blocked.status_code == 400
    assert b"CPR card" in blocked.content
    assert not Enrolment.objects.exists()
