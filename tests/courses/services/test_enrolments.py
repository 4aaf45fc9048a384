"""Enrolling and withdrawing: self-enrolment, prerequisites, re-enrolment, live courses only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.models import Credential
from courses.models import Enrolment, SessionSignup
from courses.selectors import prerequisites_missing
from courses.services.enrolments import enrolment_create, enrolment_withdraw
from courses.services.sessions import session_signup
from lms.core.errors import Conflict, DomainError, NotAllowed
from tests.courses.helpers import enrol, future_session, light_course
from tests.factories import CredentialFactory, CredentialTypeFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def test_a_peer_enrols_themselves(peer, small_course):
    enrolment = enrolment_create(learner=peer, course=small_course, acting_user=peer)

    assert enrolment.status == Enrolment.Status.ACTIVE
    assert enrolment.learner == peer
    assert enrolment.enrolled_by is None
    assert Enrolment.objects.filter(learner=peer, course=small_course).count() == 1


def test_enrolling_twice_returns_the_same_enrolment(peer, small_course):
    first = enrol(peer, small_course)
    second = enrol(peer, small_course)

    assert second.pk == first.pk
    assert Enrolment.objects.filter(learner=peer).count() == 1


def test_enrolment_by_someone_else_records_who(peer, trainer, small_course):
    enrolment = enrolment_create(learner=peer, course=small_course, acting_user=trainer)

    assert enrolment.enrolled_by == trainer


def test_a_course_that_is_not_live_is_refused(peer, small_course):
    small_course.unpublish()
    small_course.refresh_from_db()

    with pytest.raises(DomainError, match="not open"):
        enrol(peer, small_course)
    assert not Enrolment.objects.exists()


# Prerequisites --------------------------------------------------------------------------


@pytest.fixture
def ethics_type(db):
    return CredentialTypeFactory(name="40-hour Ethics certificate")


@pytest.fixture
def needs_credential(ethics_type):
    """A course requiring the ethics certificate, and the live course that earns it."""
    earner = light_course(title="Ethics & Boundaries 40h", credential_type=ethics_type)
    light_course(title="Retired ethics course", credential_type=ethics_type).unpublish()
    course = light_course()
    course.prerequisite_credential_types.add(ethics_type)
    course.save()  # a ParentalManyToManyField is written on save
    return course, earner


def test_a_missing_credential_type_names_the_course_that_earns_it(
    peer, ethics_type, needs_credential
):
    course, earner = needs_credential

    missing = prerequisites_missing(user=peer, course=course)

    assert [(item.name, item.earned_by) for item in missing] == [(ethics_type.name, [earner])]
    with pytest.raises(NotAllowed, match=ethics_type.name):
        enrol(peer, course)
    assert not Enrolment.objects.filter(course=course).exists()


def test_a_current_credential_meets_the_prerequisite(peer, ethics_type, needs_credential):
    course, _ = needs_credential
    CredentialFactory(holder=peer, credential_type=ethics_type)

    assert prerequisites_missing(user=peer, course=course) == []
    assert enrol(peer, course).status == Enrolment.Status.ACTIVE


@pytest.mark.parametrize(
    "status", [Credential.Status.EXPIRED, Credential.Status.REVOKED, Credential.Status.SUPERSEDED]
)
def test_a_credential_that_is_not_current_does_not_count(
    peer, ethics_type, needs_credential, status
):
    course, _ = needs_credential
    extra = {"revoked_at": timezone.now()} if status == Credential.Status.REVOKED else {}
    CredentialFactory(holder=peer, credential_type=ethics_type, status=status, **extra)

    assert [item.name for item in prerequisites_missing(user=peer, course=course)] == [
        ethics_type.name
    ]
    with pytest.raises(NotAllowed):
        enrol(peer, course)


def test_someone_elses_credential_does_not_count(peer, other_peer, ethics_type, needs_credential):
    course, _ = needs_credential
    CredentialFactory(holder=other_peer, credential_type=ethics_type)

    with pytest.raises(NotAllowed):
        enrol(peer, course)


@pytest.fixture
def needs_course(db):
    first = light_course(title="Foundations")
    course = light_course()
    course.prerequisite_courses.add(first)
    course.save()
    return course, first


def test_a_prerequisite_course_must_be_completed(peer, needs_course):
    course, first = needs_course

    missing = prerequisites_missing(user=peer, course=course)

    assert [(item.name, item.earned_by) for item in missing] == [
        ("Completion of Foundations", [first])
    ]
    enrol(peer, first)  # enrolled but not completed: still missing
    with pytest.raises(NotAllowed, match="Completion of Foundations"):
        enrol(peer, course)


def test_a_completed_prerequisite_course_opens_the_course(peer, needs_course):
    course, first = needs_course
    EnrolmentFactory(
        learner=peer, course=first, status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )

    assert prerequisites_missing(user=peer, course=course) == []
    assert enrol(peer, course).status == Enrolment.Status.ACTIVE


def test_every_missing_prerequisite_is_listed(peer, ethics_type, needs_credential, needs_course):
    course, earner = needs_credential
    _, first = needs_course
    course.prerequisite_courses.add(first)
    course.save()

    missing = prerequisites_missing(user=peer, course=course)

    assert [(item.name, item.earned_by) for item in missing] == [
        (ethics_type.name, [earner]),
        ("Completion of Foundations", [first]),
    ]


# Withdrawing and coming back --------------------------------------------------------------


def test_withdrawing_and_enrolling_again_reuses_the_enrolment(peer, enrolment, small_course):
    withdrawn = enrolment_withdraw(enrolment=enrolment, acting_user=peer)
    assert withdrawn.status == Enrolment.Status.WITHDRAWN
    assert withdrawn.withdrawn_at is not None

    again = enrol(peer, small_course)

    assert again.pk == enrolment.pk
    assert again.status == Enrolment.Status.ACTIVE
    assert again.withdrawn_at is None
    assert Enrolment.objects.filter(learner=peer).count() == 1


def test_withdrawing_twice_is_harmless(peer, enrolment):
    enrolment_withdraw(enrolment=enrolment, acting_user=peer)
    again = enrolment_withdraw(enrolment=enrolment, acting_user=peer)

    assert again.status == Enrolment.Status.WITHDRAWN


def test_withdrawing_gives_up_future_session_places(peer, enrolment, small_course):
    session = future_session(small_course)
    session_signup(session=session, enrolment=enrolment, acting_user=peer)

    enrolment_withdraw(enrolment=enrolment, acting_user=peer)

    assert not SessionSignup.objects.filter(session=session).exists()


def test_a_completed_enrolment_cannot_be_withdrawn(peer, small_course):
    completed_at = timezone.now() - timedelta(days=1)
    enrolment = EnrolmentFactory(
        learner=peer,
        course=small_course,
        status=Enrolment.Status.COMPLETED,
        completed_at=completed_at,
    )

    with pytest.raises(Conflict):
        enrolment_withdraw(enrolment=enrolment, acting_user=peer)

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.completed_at == completed_at
    assert enrolment.withdrawn_at is None
