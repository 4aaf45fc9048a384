"""Supervision screens: the supervisor's dashboard and supervisee pages, session records, and
HR's supervisor assignments."""

import csv
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from certificates.expiry import add_months
from lms.core.errors import DomainError
from lms.core.http import problem_response
from lms.people.models import SupervisorAssignment, User
from lms.people.permissions import can_review_learner_evidence
from lms.people.selectors import is_current_supervisor

from . import permissions
from .forms import AssignmentForm, HoursWorkedForm, ReportPeriodForm, SupervisionLogForm
from .models import SupervisionLog
from .selectors import (
    SUPERVISION_REPORT_COLUMNS,
    hours_worked_of,
    supervisee_record,
    supervision_logs_of,
    supervision_report,
    supervision_report_rows,
    supervisor_dashboard,
)
from .services import (
    hours_worked_record,
    supervision_log_acknowledge,
    supervision_log_archive,
    supervision_log_record,
    supervisor_assignment_create,
    supervisor_assignment_end,
)


@login_required
def supervisor_dashboard_view(request):
    if not permissions.can_use_supervisor_dashboard(request.user):
        raise PermissionDenied("This page is for supervisors.")
    return render(
        request,
        "supervision/supervisor_dashboard.html",
        supervisor_dashboard(supervisor=request.user),
    )


@login_required
def supervisee_view(request, user_id: int):
    peer = get_object_or_404(User, pk=user_id, is_active=True)
    if not permissions.can_view_supervisee(request.user, peer):
        raise PermissionDenied("You can see only the peers you supervise.")
    return render(request, "supervision/supervisee.html", supervisee_context(request, peer))


def supervisee_context(request, peer, log_form=None) -> dict:
    return {
        **supervisee_record(peer=peer),
        "can_log": is_current_supervisor(supervisor=request.user, peer=peer),
        "log_form": log_form or SupervisionLogForm(initial={"held_on": timezone.localdate()}),
        "can_review": can_review_learner_evidence(request.user, peer),
        "can_archive": permissions.can_archive_supervision_logs(request.user),
    }


@require_POST
@login_required
def supervision_log_create_view(request, user_id: int):
    peer = get_object_or_404(User, pk=user_id, is_active=True)
    # The 400 page below shows the peer's record: only to someone who may see it now.
    if not permissions.can_record_supervision(request.user, peer):
        raise PermissionDenied("You can record supervision only for peers you supervise.")
    form = SupervisionLogForm(request.POST)
    if form.is_valid():
        try:
            supervision_log_record(supervisor=request.user, peer=peer, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Supervision session recorded. The peer can now see it.")
            return redirect("supervision:supervisee", user_id=peer.pk)
    return render(
        request,
        "supervision/supervisee.html",
        supervisee_context(request, peer, log_form=form),
        status=400,
    )


@login_required
def my_supervision_view(request):
    logs = supervision_logs_of(peer=request.user)
    return render(request, "supervision/my_supervision.html", {"logs": logs})


@require_POST
@login_required
def supervision_log_acknowledge_view(request, log_id: int):
    log = get_object_or_404(SupervisionLog, pk=log_id)
    if log.peer_id != request.user.pk:
        raise PermissionDenied("Only the peer acknowledges their supervision record.")
    supervision_log_acknowledge(log=log, acting_user=request.user)
    messages.success(request, "Thank you for acknowledging the record.")
    return redirect("supervision:my_supervision")


@login_required
@require_http_methods(["GET", "POST"])
def assignments_view(request):
    if not permissions.can_assign_supervisors(request.user):
        raise PermissionDenied
    form = AssignmentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                supervisor_assignment_create(acting_user=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status_code
            else:
                messages.success(
                    request, "Supervisor assigned; they can now see the peer's record."
                )
                return redirect("supervision:assignments")
    assignments = SupervisorAssignment.objects.select_related("supervisor", "peer").order_by(
        "ends_on", "-starts_on"
    )
    return render(
        request,
        "supervision/assignments.html",
        {"form": form, "assignments": assignments, "today": timezone.localdate()},
        status=status,
    )


@require_POST
@login_required
def assignment_end_view(request, assignment_id: int):
    if not permissions.can_assign_supervisors(request.user):
        raise PermissionDenied
    assignment = get_object_or_404(SupervisorAssignment, pk=assignment_id)
    try:
        supervisor_assignment_end(assignment=assignment, acting_user=request.user)
    except DomainError as error:
        return problem_response(request, error, back_url=reverse("supervision:assignments"))
    messages.success(request, "Assignment ended; access to the peer's record is removed.")
    return redirect("supervision:assignments")


@require_POST
@login_required
def supervision_log_archive_view(request, log_id: int):
    log = get_object_or_404(SupervisionLog, pk=log_id)
    if not permissions.can_archive_supervision_logs(request.user):
        raise PermissionDenied("Only administrators archive supervision records.")
    supervision_log_archive(log=log, acting_user=request.user)
    messages.success(request, "Record archived. It is still kept for the retention period.")
    return redirect("supervision:supervisee", user_id=log.peer_id)


def _report_period(request) -> tuple[ReportPeriodForm, tuple | None]:
    """The period asked for, or the last 12 months."""
    today = timezone.localdate()
    data = request.GET if "start" in request.GET else None
    # The 12 months to today (add_months clamps 29 February).
    start = add_months(today, -12) + timedelta(days=1)
    form = ReportPeriodForm(data, initial={"start": start, "end": today})
    if data is None:
        return form, (form.initial["start"], form.initial["end"])
    if form.is_valid():
        return form, (form.cleaned_data["start"], form.cleaned_data["end"])
    return form, None


@login_required
def supervision_report_view(request, user_id: int):
    """A supervisee's supervision over a period: a printable page, or CSV (`?format=csv`)."""
    peer = get_object_or_404(User, pk=user_id)
    if not permissions.can_view_supervision_report(request.user, peer):
        raise PermissionDenied("You can see the supervision of the peers you supervise.")
    form, period = _report_period(request)
    if period is None:
        return render(request, "supervision/report.html", {"peer": peer, "form": form}, status=400)
    report = supervision_report(peer=peer, start=period[0], end=period[1])
    if request.GET.get("format") == "csv":
        return _report_csv(report)
    return render(
        request,
        "supervision/report.html",
        {
            "peer": peer,
            "form": form,
            "report": report,
            "ratios": [
                (credential_type, every, report.ratio_met(every))
                for credential_type, every in report.ratio_rules
            ],
            "can_enter_hours": permissions.can_enter_hours_worked(request.user, peer),
        },
    )


def _csv_cell(value) -> str:
    # A cell a spreadsheet would read as a formula is written as text.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _report_csv(report) -> HttpResponse:
    name = f"supervision-{report.peer.pk}-{report.start}-{report.end}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(SUPERVISION_REPORT_COLUMNS)
    for row in supervision_report_rows(report):
        writer.writerow(_csv_cell(value) for value in row)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def hours_worked_view(request, user_id: int):
    """The supervisor, HR or an administrator enters a peer's hours worked, month by month."""
    peer = get_object_or_404(User, pk=user_id, is_active=True)
    if not permissions.can_enter_hours_worked(request.user, peer):
        raise PermissionDenied("Only the peer's supervisor, HR or an administrator enters this.")
    form = HoursWorkedForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                hours_worked_record(peer=peer, acting_user=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status_code
            else:
                messages.success(request, "Hours worked saved.")
                return redirect("supervision:hours_worked", user_id=peer.pk)
    return render(
        request,
        "supervision/hours_worked.html",
        {"peer": peer, "form": form, "entries": hours_worked_of(peer=peer)},
        status=status,
    )
