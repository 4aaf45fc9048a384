"""Supervision screens: the supervisor's dashboard and supervisee pages, session records, and
HR's supervisor assignments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from lms.core.errors import DomainError
from lms.core.http import problem_response
from lms.people.models import SupervisorAssignment, User
from lms.people.permissions import can_review_learner_evidence
from lms.people.selectors import is_current_supervisor

from . import permissions
from .forms import AssignmentForm, SupervisionLogForm
from .models import SupervisionLog
from .selectors import supervisee_record, supervision_logs_of, supervisor_dashboard
from .services import (
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
