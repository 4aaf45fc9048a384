"""Issuing, renewing, revoking and rendering credentials, and completing a course at once twice."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates.expiry import add_months
from certificates.models import CERecord, Credential
from certificates.pdfs import credential_pdf_render
from certificates.rendering import verification_url
from certificates.services.issuance import (
    credential_issue,
    credential_reissue_pdf,
    credential_revoke,
)
from certificates.services.recertification import RenewalRoute, credential_recertify
from certificates.tasks import credential_render_pdf_task
from courses.models import Enrolment, LessonPage, LessonProgress, QuizAttempt, QuizPage
from courses.services.completion import enrolment_complete_if_finished
from lms.core.errors import Conflict, DomainError
from lms.people.models import AuditEntry, Notification
from tests.certificates.helpers import pdf_files_of, pdf_text, run_at_once, squash, storage
from tests.factories import CECategoryFactory, CredentialFactory, EnrolmentFactory, make_course

MAX_PDF_BYTES = 150 * 1024


@pytest.fixture
def renders(monkeypatch):
    """Every credential the PDF renderer was called for: WeasyPrint still does the work."""
    from certificates import rendering

    rendered = []
    real = rendering.render_certificate_pdf

    def counting(credential, **options):
        rendered.append(credential.pk)
        return real(credential, **options)

    monkeypatch.setattr(rendering, "render_certificate_pdf", counting)
    return rendered


def issue(holder, credential_type, **fields):
    values = {
        "holder": holder,
        "credential_type": credential_type,
        "source": Credential.Source.MANUAL,
        "issued_on": timezone.localdate(),
    }
    return credential_issue(**(values | fields))


def audit_entries(action, credential):
    return AuditEntry.objects.filter(
        action=action, target_type="certificates.Credential", target_id=str(credential.pk)
    )


# Issue --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_issue_takes_a_snapshot_that_later_edits_do_not_rewrite(holder, hub_type, administrator):
    credential = issue(
        holder,
        hub_type,
        course_title="Ethics in Peer Work",
        course_description="Boundaries, consent and mutuality.",
        contact_hours=Decimal("40"),
        ce_hours=Decimal("6"),
        ce_details={
            "presenters": [{"name": "Rosa Two Bulls", "credentials": "LAC"}],
            "approvals": [{"body": "NAADAC", "provider_number": "1234"}],
        },
        acting_user=administrator,
    )

    holder.certificate_name = "Winona Castillo"
    holder.preferred_name = "Win"
    holder.save()
    hub_type.name = "Renamed credential type"
    hub_type.save()

    credential.refresh_from_db()
    assert credential.holder_name == "Winona Redbird-Castillo"
    assert credential.title == "Peer Support Ethics & Boundaries"
    assert credential.course_title == "Ethics in Peer Work"
    assert credential.course_description == "Boundaries, consent and mutuality."
    assert credential.provider == settings.HUB_NAME
    assert (credential.contact_hours, credential.ce_hours) == (Decimal("40"), Decimal("6"))
    assert [str(p) for p in credential.ce.presenters] == ["Rosa Two Bulls, LAC"]
    assert credential.ce.approvals[0].provider_number == "1234"
    assert credential.status == Credential.Status.ACTIVE
    assert credential.expires_on is None
    assert audit_entries("credential.issue", credential).get().actor == administrator
    assert Notification.objects.filter(recipient=holder, url=f"/certificates/{credential.pk}/")


@pytest.mark.django_db
def test_an_external_licence_names_its_issuer_as_provider_and_expires_by_its_rule(
    holder, cbhpss_type
):
    today = timezone.localdate()
    credential = issue(holder, cbhpss_type, external_number="PSS-0042")
    assert credential.provider == "Montana Board of Behavioral Health"
    assert credential.expires_on == today.replace(month=12, day=31)


@pytest.mark.django_db
def test_a_second_current_credential_of_the_same_type_is_a_conflict(holder, hub_type):
    issue(holder, hub_type)
    with pytest.raises(Conflict, match="already holds a current"):
        issue(holder, hub_type)
    assert Credential.objects.filter(holder=holder, credential_type=hub_type).count() == 1


@pytest.mark.django_db
def test_the_database_itself_refuses_two_current_credentials_of_one_type(holder, hub_type):
    CredentialFactory(holder=holder, credential_type=hub_type, status="active")
    with pytest.raises(IntegrityError), transaction.atomic():
        CredentialFactory(holder=holder, credential_type=hub_type, status="renewal_due")


@pytest.mark.django_db
@pytest.mark.parametrize("past_status", ["expired", "superseded"])
def test_a_past_credential_does_not_block_a_new_one(holder, hub_type, past_status):
    CredentialFactory(holder=holder, credential_type=hub_type, status=past_status)
    assert issue(holder, hub_type).is_current


@pytest.mark.django_db
def test_issue_refuses_an_expiry_before_the_issue_date(holder, two_year_type):
    today = timezone.localdate()
    with pytest.raises(DomainError, match="before the issue date"):
        issue(holder, two_year_type, expires_on=today - timedelta(days=1))
    assert not Credential.objects.filter(holder=holder).exists()


# Revoke -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "   ", None])
def test_revoke_needs_a_reason(holder, hub_type, administrator, reason):
    credential = issue(holder, hub_type)
    with pytest.raises(DomainError, match="Give a reason"):
        credential_revoke(credential=credential, acting_user=administrator, reason=reason)
    credential.refresh_from_db()
    assert credential.status == Credential.Status.ACTIVE
    assert not audit_entries("credential.revoke", credential).exists()


@pytest.mark.django_db
def test_revoke_records_who_when_why_in_the_audit_trail(holder, hub_type, administrator):
    credential = issue(holder, hub_type)
    before = timezone.now()

    credential_revoke(
        credential=credential, acting_user=administrator, reason="  Issued in error.  "
    )

    credential.refresh_from_db()
    assert credential.status == Credential.Status.REVOKED
    assert credential.revoked_by == administrator
    assert credential.revoked_at >= before
    assert credential.revoked_reason == "Issued in error."
    entry = audit_entries("credential.revoke", credential).get()
    assert (entry.actor, entry.subject) == (administrator, holder)
    assert entry.detail == {
        "reason": "Issued in error.",
        "previous_status": "active",
        "was_suspended": False,
    }


@pytest.mark.django_db
def test_revoking_twice_is_a_conflict(holder, hub_type, administrator):
    credential = issue(holder, hub_type)
    credential_revoke(credential=credential, acting_user=administrator, reason="Issued in error.")
    with pytest.raises(Conflict, match="already revoked"):
        credential_revoke(credential=credential, acting_user=administrator, reason="Again.")
    assert audit_entries("credential.revoke", credential).count() == 1


# Renew (the rules themselves: test_recertification.py)


@pytest.mark.django_db
def test_renew_supersedes_and_counts_from_the_old_expiry(holder, two_year_type, administrator):
    today = timezone.localdate()
    old = issue(holder, two_year_type, issued_on=today - timedelta(days=700))
    assert old.expires_on > today  # renewing early, about a month before expiry

    renewed = credential_recertify(
        holder=holder,
        credential_type=two_year_type,
        completed_on=today,
        route=RenewalRoute.ADMINISTRATOR,
        acting_user=administrator,
    )

    old.refresh_from_db()
    assert old.status == Credential.Status.SUPERSEDED
    assert renewed.supersedes == old
    assert renewed.is_renewal
    assert renewed.status == Credential.Status.ACTIVE
    assert renewed.issued_on == today
    assert renewed.expires_on == add_months(old.expires_on, 24)
    assert renewed.code != old.code
    assert renewed.holder_name == old.holder_name
    entry = audit_entries("credential.renew", renewed).get()
    assert entry.detail["route"] == "administrator"
    assert entry.detail["previous"] == old.pk


@pytest.mark.django_db
def test_a_credential_that_never_expires_is_not_renewed(holder, hub_type):
    credential = issue(holder, hub_type)
    with pytest.raises(DomainError, match="does not expire"):
        credential_recertify(
            holder=holder,
            credential_type=hub_type,
            completed_on=timezone.localdate(),
            route=RenewalRoute.ADMINISTRATOR,
        )
    credential.refresh_from_db()
    assert credential.status == Credential.Status.ACTIVE


# PDF ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_pdf_carries_the_name_title_code_and_verification_address(holder, hub_type):
    credential = issue(holder, hub_type, course_title="Ethics in Peer Work")

    credential_pdf_render(credential_id=credential.pk)

    credential.refresh_from_db()
    with credential.pdf.open("rb") as stored:
        content = stored.read()
    assert content.startswith(b"%PDF-")
    assert len(content) < MAX_PDF_BYTES
    assert credential.pdf_sha256 == Credential.sha256_of(content)
    assert credential.pdf.name.startswith(f"certificates/{credential.code[:2]}/{credential.code}")
    text = squash(pdf_text(content))
    assert squash("Winona Redbird-Castillo") in text
    assert squash("Peer Support Ethics & Boundaries") in text
    assert credential.display_code in text
    assert verification_url(credential) == (
        f"{settings.SITE_URL}/verify/{credential.display_code}/"
    )
    assert verification_url(credential) in text
    assert holder.email not in text


@pytest.mark.django_db
def test_rendering_again_keeps_the_stored_pdf(holder, hub_type, renders):
    credential = issue(holder, hub_type)
    credential_pdf_render(credential_id=credential.pk)
    credential.refresh_from_db()
    first = (credential.pdf.name, credential.pdf_sha256, credential.pdf_rendered_at)

    credential_pdf_render(credential_id=credential.pk)

    credential.refresh_from_db()
    assert (credential.pdf.name, credential.pdf_sha256, credential.pdf_rendered_at) == first
    assert pdf_files_of(credential) == [first[0].rsplit("/", 1)[1]]
    assert renders == [credential.pk]


@pytest.mark.django_db
def test_rendering_a_credential_that_is_gone_does_nothing():
    assert credential_pdf_render(credential_id=987_654_321) is None


@pytest.mark.django_db
def test_reissue_keeps_the_code_and_takes_the_corrected_name(
    holder, hub_type, administrator, django_capture_on_commit_callbacks
):
    credential = issue(holder, hub_type)
    credential_pdf_render(credential_id=credential.pk)
    credential.refresh_from_db()
    old_code, old_hash = credential.code, credential.pdf_sha256
    holder.certificate_name = "Winona Castillo Redbird"
    holder.save(update_fields=["certificate_name"])

    with django_capture_on_commit_callbacks() as callbacks:
        credential_reissue_pdf(credential=credential, acting_user=administrator)
    assert len(callbacks) == 1  # the new PDF is queued once the correction is committed

    credential.refresh_from_db()
    assert credential.code == old_code
    assert credential.holder_name == "Winona Castillo Redbird"
    entry = audit_entries("credential.reissue_pdf", credential).get()
    assert entry.actor == administrator
    assert entry.detail == {
        "old_holder_name": "Winona Redbird-Castillo",
        "old_pdf_sha256": old_hash,
    }

    # What the queued task does, run here rather than by a worker.
    credential_pdf_render(credential_id=credential.pk, force=True)
    credential.refresh_from_db()
    assert credential.code == old_code
    assert credential.pdf_sha256 != old_hash
    with credential.pdf.open("rb") as stored:
        text = squash(pdf_text(stored.read()))
    assert squash("Winona Castillo Redbird") in text
    assert credential.display_code in text


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["revoked", "superseded"])
def test_a_revoked_or_superseded_credential_is_not_reissued(
    holder, hub_type, administrator, status
):
    credential = CredentialFactory(
        holder=holder, credential_type=hub_type, status=status, revoked_at=timezone.now()
    )
    with pytest.raises(Conflict):
        credential_reissue_pdf(credential=credential, acting_user=administrator)
    assert not audit_entries("credential.reissue_pdf", credential).exists()


# Concurrency --------------------------------------------------------------------------


def finished_enrolment(learner, course) -> Enrolment:
    """An active enrolment whose lessons are all read and quizzes all passed."""
    enrolment = EnrolmentFactory(learner=learner, course=course)
    now = timezone.now()
    for lesson in LessonPage.objects.descendant_of(course):
        LessonProgress.objects.create(
            enrolment=enrolment,
            lesson=lesson,
            started_at=now - timedelta(hours=1),
            completed_at=now,
            time_spent_seconds=1800,
        )
    for quiz in QuizPage.objects.descendant_of(course):
        QuizAttempt.objects.create(
            enrolment=enrolment,
            quiz=quiz,
            number=1,
            seed=1,
            status=QuizAttempt.Status.SUBMITTED,
            started_at=now - timedelta(minutes=10),
            submitted_at=now,
            score_percent=Decimal("100"),
            passed=True,
        )
    return enrolment


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("purge_test_broker")
def test_completing_at_once_ten_times_issues_one_credential_and_one_pdf(holder, hub_type, renders):
    course = make_course(
        modules=2,
        lessons_per_module=2,
        credential_type=hub_type,
        ce_hours=3,
        ce_category=CECategoryFactory(),
    )
    enrolment = finished_enrolment(holder, course)

    _, errors = run_at_once(
        lambda: enrolment_complete_if_finished(enrolment_id=enrolment.pk), threads=10
    )

    assert errors == []
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    credential = Credential.objects.get(holder=holder)
    assert enrolment.credential == credential
    assert CERecord.objects.filter(holder=holder).count() == 1
    assert audit_entries("credential.issue", credential).count() == 1

    _, errors = run_at_once(lambda: credential_render_pdf_task(credential.pk), threads=10)

    assert errors == []
    assert renders == [credential.pk]  # the row lock let one thread render; nine skipped
    credential.refresh_from_db()
    files = pdf_files_of(credential)
    assert len(files) == 1
    with storage().open(f"certificates/{credential.code[:2]}/{files[0]}") as stored:
        assert Credential.sha256_of(stored.read()) == credential.pdf_sha256
    assert Credential.objects.filter(pdf_sha256=credential.pdf_sha256).count() == 1
