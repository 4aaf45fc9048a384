"""The funder report: its counts, its files (PDF with charts, XLSX), the task that builds it,
reuse until the data changes, and that it never names a person."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from certificates.models import Credential
from courses.models import Attendance
from lms.analytics import services
from lms.analytics.exports import funder_report_build
from lms.analytics.models import FunderReport
from lms.analytics.selectors import funder_report_figures
from lms.analytics.services import funder_report_request
from lms.analytics.tasks import funder_report_build_task
from lms.people.roles import Role
from tests.analytics.helpers import learners_in, session_with_attendance
from tests.analytics.test_hub_and_supervision import approved_ce
from tests.factories import (
    CredentialFactory,
    CredentialTypeFactory,
    TrackFactory,
    UserFactory,
    make_course,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    today = timezone.localdate()
    doula = TrackFactory(name="Recovery Doula")
    ethics = TrackFactory(name="Ethics")
    blended = make_course(modules=1, lessons_per_module=2, track=doula, lesson_minutes=30)
    blended.delivery = "blended"
    blended.save()
    other = make_course(modules=1, lessons_per_module=1, track=ethics)
    finished = learners_in(blended, count=3, lessons_done=2, status="completed", minutes=30)
    learners_in(other, count=2, lessons_done=1, status="completed", minutes=60)
    trainer = UserFactory(roles=[Role.TRAINER])
    session_with_attendance(blended, finished, attended=2, trainer=trainer)
    mhfa = CredentialTypeFactory(name="Funded doula certificate")
    blended.credential_type = mhfa
    blended.save()
    # Another body's licence a peer recorded, and the ethics track's certificate: neither is
    # what the doula track led to.
    for name, course in (("State licence", None), ("Ethics certificate", other)):
        outside = CredentialTypeFactory(name=name)
        if course is not None:
            course.credential_type = outside
            course.save()
        CredentialFactory(credential_type=outside, issued_on=today)
    for learner in (e.learner for e in finished):
        CredentialFactory(holder=learner, credential_type=mhfa, issued_on=today)
    CredentialFactory(credential_type=mhfa, issued_on=today, issued_as=Credential.IssuedAs.RENEWAL)
    for learner in (e.learner for e in finished[:2]):
        approved_ce(learner, "2.5")
    people = [e.learner for e in finished]
    return {"doula": doula, "ethics": ethics, "people": people, "today": today}


def period(world):
    return world["today"] - timedelta(days=30), world["today"]


def test_the_figures_are_counts_by_track_delivery_and_type(world):
    start, end = period(world)
    figures = funder_report_figures(start=start, end=end, track_ids=[world["doula"].pk])
    assert figures["trained_total"] == 3
    assert figures["trained_by_track"] == [{"track": "Recovery Doula", "peers": 3}]
    [hours] = figures["hours"]
    # 2 attendances x 4 h in person; 3 learners x 2 lessons x 30 min online.
    assert (hours["delivery"], hours["in_person"], hours["online"], hours["total"]) == (
        "Blended (online and in person)",
        Decimal("8.0"),
        Decimal("3.0"),
        Decimal("11.0"),
    )
    assert figures["certifications"] == [
        {"type": "Funded doula certificate", "issued": 3, "renewed": 1}
    ]
    assert figures["ce_total"] == Decimal("5.0")
    both = funder_report_figures(
        start=start, end=end, track_ids=[world["doula"].pk, world["ethics"].pk]
    )
    assert both["trained_total"] == 5


def test_the_task_builds_a_pdf_with_charts_and_a_workbook_that_name_nobody(world):
    start, end = period(world)
    report = FunderReport.objects.create(
        period_start=start,
        period_end=end,
        track_ids=[world["doula"].pk],
        tracks_key=str(world["doula"].pk),
        data_version="x",
    )
    funder_report_build_task(report.pk)  # the task function itself, as a worker runs it
    report.refresh_from_db()
    assert (report.status, report.progress) == ("done", 100)
    pdf = report.pdf.read()
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Peers trained" in text and "Recovery Doula" in text
    workbook = load_workbook(io.BytesIO(report.xlsx.read()))
    cells = " ".join(
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )
    assert "Recovery Doula" in cells and "Funded doula certificate" in cells
    figures_text = str(report.figures)
    for person in world["people"]:
        for detail in (
            person.preferred_name,
            person.certificate_name,
            person.email,
            person.email.split("@")[0],
        ):
            assert detail not in text, detail
            assert detail not in cells, detail
            assert detail not in figures_text, detail
    funder_report_build(report_id=report.pk)  # safe to run twice: left as it is
    report.refresh_from_db()
    assert report.status == "done"


def test_a_report_is_reused_until_the_data_it_counts_changes(world, lead_trainer):
    start, end = period(world)
    tracks = [world["doula"].pk]
    first = funder_report_request(
        period_start=start, period_end=end, track_ids=tracks, acting_user=lead_trainer
    )
    again = funder_report_request(
        period_start=start, period_end=end, track_ids=tracks, acting_user=lead_trainer
    )
    assert again.pk == first.pk
    attendance = Attendance.objects.first()
    attendance.hours = Decimal("3")
    attendance.save()
    changed = funder_report_request(
        period_start=start, period_end=end, track_ids=tracks, acting_user=lead_trainer
    )
    assert changed.pk != first.pk


def test_the_form_queues_the_task_after_commit_and_shows_progress(
    client, world, lead_trainer, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(services.funder_report_build_task, "delay", queued.append)
    client.force_login(lead_trainer)
    start, end = period(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("analytics:funder_form"),
            {"period_start": start, "period_end": end, "tracks": [world["doula"].pk]},
        )
    report = FunderReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("analytics:funder_report", args=[report.pk])
    assert queued == [report.pk]
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in page and "Waiting to start" in page
    funder_report_build_task(report.pk)
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page
    pdf = client.get(reverse("analytics:funder_report_file", args=[report.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    xlsx = client.get(reverse("analytics:funder_report_file", args=[report.pk, "xlsx"]))
    assert xlsx.status_code == 200
    assert (
        client.get(reverse("analytics:funder_report_file", args=[report.pk, "doc"])).status_code
        == 404
    )


def test_a_bad_period_is_refused(client, lead_trainer, world):
    client.force_login(lead_trainer)
    response = client.post(
        reverse("analytics:funder_form"),
        {
            "period_start": world["today"],
            "period_end": world["today"] - timedelta(days=3),
            "tracks": [world["doula"].pk],
        },
    )
    assert response.status_code == 400
    assert "ends before it starts" in response.content.decode()


@pytest.mark.parametrize("role", [Role.PEER, Role.TRAINER, Role.SUPERVISOR, Role.HR])
def test_only_lead_trainers_and_administrators_see_reports(client, world, role):
    start, end = period(world)
    report = FunderReport.objects.create(
        period_start=start, period_end=end, track_ids=[], tracks_key="", data_version="x"
    )
    client.force_login(UserFactory(roles=[role]))
    for url in (
        reverse("analytics:funder_report", args=[report.pk]),
        reverse("analytics:funder_report_file", args=[report.pk, "pdf"]),
    ):
        assert client.get(url).status_code == 403


def test_a_report_never_queued_is_queued_again_when_asked_for_again(
    world, lead_trainer, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(services.funder_report_build_task, "delay", queued.append)
    start, end = period(world)
    ask = {"period_start": start, "period_end": end, "track_ids": [world["doula"].pk]}
    with django_capture_on_commit_callbacks(execute=True):
        report = funder_report_request(acting_user=lead_trainer, **ask)
    with django_capture_on_commit_callbacks(execute=True):
        funder_report_request(acting_user=lead_trainer, **ask)  # just asked: not again
    assert queued == [report.pk]
    FunderReport.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - timedelta(minutes=30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = funder_report_request(acting_user=lead_trainer, **ask)
    assert again.pk == report.pk and queued == [report.pk, report.pk]
