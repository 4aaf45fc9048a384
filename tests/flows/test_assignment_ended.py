"""An ended supervision assignment is over the moment it is ended: every check (record pages,
evidence, reviews, supervision log, enrolling, lists, reminders) agrees, the invalid-log 400
page never shows the record, and the daily expiry job is on the beat schedule."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from certificates.models import Credential, CredentialType
from certificates.services.issuance import credential_issue
from courses.models import Enrolment
from lms.people.models import SupervisorAssignment
from lms.people.permissions import (
    can_review_learner_evidence,
    can_view_learner_record,
    learner_records_visible_to,
    supervisees_of,
)
from lms.people.selectors import current_supervisors_of, is_current_supervisor
from lms.supervision.models import SupervisionLog
from lms.supervision.services import supervisor_assignment_create, supervisor_assignments_expire
from tests.factories import make_course

pytestmark = pytest.mark.django_db

SECRET_SUMMARY = "Talked about a hard week; private to the peer and their supervisor."


def fresh(user):
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def assignment(supervisor, peer, administrator):
    credential_issue(
        holder=supervisor,
        credential_type=CredentialType.objects.get(code="qualified-supervisor"),
        source=Credential.Source.MANUAL,
        issued_on=timezone.localdate(),
    )
    assignment = supervisor_assignment_create(
        supervisor=supervisor,
        peer=peer,
        starts_on=timezone.localdate() - timedelta(days=60),
        acting_user=administrator,
    )
    SupervisionLog.objects.create(
        supervisor=supervisor,
        peer=peer,
        held_on=timezone.localdate() - timedelta(days=7),
        duration_minutes=60,
        topics=["wellness"],
        summary=SECRET_SUMMARY,
        supervisor_attested_at=timezone.now(),
    )
    return assignment


def valid_log(**overrides):
    return {
        "held_on": timezone.localdate().isoformat(),
        "duration_minutes": "45",
        "topics": ["wellness"],
        "summary": "Weekly check-in.",
        "attested": "on",
        **overrides,
    }


def end_through_the_hr_page(client, hr, assignment):
    client.force_login(hr)
    response = client.post(reverse("supervision:assignment_end", args=[assignment.pk]))
    assert response.status_code == 302
    client.logout()
    assignment.refresh_from_db()
    assert assignment.ends_on == timezone.localdate()


def test_ending_today_ends_every_kind_of_access_at_once(client, hr, supervisor, peer, assignment):
    client.force_login(supervisor)
    record_url = reverse("supervision:supervisee", args=[peer.pk])
    log_url = reverse("supervision:supervision_log_create", args=[peer.pk])
    assert client.get(record_url).status_code == 200
    assert client.post(log_url, valid_log()).status_code == 302

    end_through_the_hr_page(client, hr, assignment)
    client.force_login(supervisor)
    logs_before = SupervisionLog.objects.count()

    assert client.get(record_url).status_code == 403
    assert client.post(log_url, valid_log()).status_code == 403
    # An invalid log used to answer a 400 page holding the peer's whole record.
    invalid = client.post(log_url, valid_log(duration_minutes="0", summary=""))
    assert invalid.status_code == 403
    assert SECRET_SUMMARY not in invalid.content.decode()
    assert peer.certificate_name not in invalid.content.decode()
    assert SupervisionLog.objects.count() == logs_before

    dashboard = client.get(reverse("supervision:supervisor_dashboard")).content.decode()
    assert peer.certificate_name not in dashboard
    course = make_course(modules=1, lessons_per_module=1, quiz=False)
    enrol = client.post(reverse("courses:enrol_learner", args=[course.pk]), {"email": peer.email})
    assert enrol.status_code == 403
    assert not Enrolment.objects.filter(learner=peer, course=course).exists()

    me = fresh(supervisor)
    assert not is_current_supervisor(supervisor=me, peer=peer)
    assert not can_view_learner_record(me, peer)
    assert not can_review_learner_evidence(me, peer)
    assert not supervisees_of(me).exists()
    assert set(learner_records_visible_to(me)) == {me}
    assert current_supervisors_of(peer_ids=[peer.pk]) == {}
    assert not SupervisorAssignment.objects.current().filter(pk=assignment.pk).exists()


def test_an_invalid_log_from_the_current_supervisor_is_a_400_in_words(
    client, supervisor, peer, assignment
):
    client.force_login(supervisor)
    url = reverse("supervision:supervision_log_create", args=[peer.pk])
    response = client.post(url, valid_log(duration_minutes="0"))
    assert response.status_code == 400


def test_access_never_outlives_the_assignment_even_before_the_job_runs(
    client, supervisor, peer, assignment
):
    """An end date reached while the object permission is still in place (set ahead, and
    the daily job not run yet): every check already says no."""
    SupervisorAssignment.objects.filter(pk=assignment.pk).update(ends_on=timezone.localdate())
    me = fresh(supervisor)
    assert me.has_perm("lms.view_learner_record", peer)  # not removed yet

    assert not can_view_learner_record(me, peer)
    assert not can_review_learner_evidence(me, peer)
    assert not supervisees_of(me).exists()
    client.force_login(supervisor)
    assert client.get(reverse("supervision:supervisee", args=[peer.pk])).status_code == 403

    assert supervisor_assignments_expire() == 1
    assert not fresh(supervisor).has_perm("lms.view_learner_record", peer)


def test_an_end_date_set_ahead_keeps_access_until_that_day(supervisor, peer, assignment):
    tomorrow = timezone.localdate() + timedelta(days=1)
    SupervisorAssignment.objects.filter(pk=assignment.pk).update(ends_on=tomorrow)
    assert can_view_learner_record(fresh(supervisor), peer)
    assert supervisor_assignments_expire() == 0
    assert supervisor_assignments_expire(today=tomorrow) == 1


def test_an_ended_assignment_cannot_be_ended_again(client, hr, assignment):
    end_through_the_hr_page(client, hr, assignment)
    client.force_login(hr)
    response = client.post(reverse("supervision:assignment_end", args=[assignment.pk]))
    assert response.status_code == 409


def test_the_expiry_job_is_on_the_beat_schedule_and_runs_the_service(supervisor, peer, assignment):
    from lms.celery import app
    from lms.supervision.jobs import supervisor_assignments_expire_task

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "lms.tasks.supervisor_assignments_expire_task" in scheduled
    app.loader.import_default_modules()
    assert "lms.tasks.supervisor_assignments_expire_task" in app.tasks

    SupervisorAssignment.objects.filter(pk=assignment.pk).update(ends_on=timezone.localdate())
    assert supervisor_assignments_expire_task() == 1  # the task function, as a worker runs it
    assert supervisor_assignments_expire_task() == 0
