"""Complete a course in the browser's way (HTTP), get a certificate, verify it publicly."""

import pytest
from django.urls import reverse

from certificates.models import CERecord, Credential
from certificates.pdfs import credential_pdf_render
from courses.models import Enrolment, LessonPage, QuizPage
from tests.factories import CredentialTypeFactory, make_course

pytestmark = pytest.mark.django_db


def answer_all_right(client, attempt_id):
    from courses.models import QuizAttempt

    attempt = QuizAttempt.objects.get(pk=attempt_id)
    data = {}
    for question in attempt.quiz.questions.all():
        data[f"q_{question.pk}"] = [c.pk for c in question.choices.all() if c.is_correct]
    return client.post(reverse("courses:attempt", args=[attempt_id]), data)


def test_peer_completes_a_course_and_the_certificate_verifies(client, peer):
    credential_type = CredentialTypeFactory(name="Peer Ethics Certificate")
    course = make_course(
        modules=2, lessons_per_module=1, credential_type=credential_type, ce_hours=2
    )
    client.force_login(peer)

    assert client.post(reverse("courses:enrol", args=[course.pk])).status_code == 302
    for lesson in LessonPage.objects.descendant_of(course):
        assert client.get(lesson.url).status_code == 200
        client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    for quiz in QuizPage.objects.descendant_of(course):
        response = client.post(reverse("courses:quiz_start", args=[quiz.pk]))
        attempt_id = int(response.url.rstrip("/").split("/")[-1])
        assert answer_all_right(client, attempt_id).status_code == 302

    enrolment = Enrolment.objects.get(learner=peer, course=course)
    assert enrolment.status == Enrolment.Status.COMPLETED
    credential = Credential.objects.get(holder=peer)
    assert enrolment.credential == credential
    assert credential.holder_name == peer.certificate_name
    assert CERecord.objects.get(holder=peer).status == CERecord.Status.APPROVED

    credential_pdf_render(credential_id=credential.pk)
    response = client.get(reverse("certificates:pdf", args=[credential.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    client.logout()
    public = client.get(
        reverse("certificates:verify_code_json", args=[credential.display_code.lower()])
    )
    assert public.json()["status"] == "valid"
