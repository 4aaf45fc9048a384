"""A peer's continuing-education ledger: the cycle's progress, sending CE, its evidence file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from lms.core.errors import DomainError
from lms.core.http import private_file_response

from .. import permissions
from ..forms import (
    CESubmitForm,
)
from ..models import CERecord
from ..selectors import (
    ce_progress_of,
    ce_records_of,
)
from ..services.ce import ce_record_submit


@login_required
@require_http_methods(["GET", "POST"])
def ce_ledger_view(request):
    can_submit = permissions.can_submit_ce(request.user)
    form = CESubmitForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not can_submit:
            raise PermissionDenied("CE submissions are for peers.")
        if form.is_valid():
            try:
                ce_record_submit(
                    holder=request.user,
                    evidence=form.cleaned_data["evidence"],
                    **{
                        key: form.cleaned_data[key]
                        for key in ("title", "provider", "completed_on", "hours", "category")
                    },
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status_code
            else:
                messages.success(request, "Thank you. Your CE is waiting for review.")
                return redirect("certificates:ce")
        else:
            status = 400
    return render(
        request,
        "certificates/ce_ledger.html",
        {
            "records": ce_records_of(user=request.user),
            "progress": ce_progress_of(user=request.user),
            "form": form,
            "can_submit": can_submit,
        },
        status=status,
    )


@login_required
def ce_evidence_view(request, record_id: int):
    record = get_object_or_404(CERecord, pk=record_id)
    if not permissions.can_view_ce_evidence(request.user, record) or not record.evidence:
        raise PermissionDenied("This evidence is not available to you.")
    return private_file_response(record.evidence)
