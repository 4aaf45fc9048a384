"""Supervisors' review queue: CE records and outside credentials waiting for a decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lms.core.errors import DomainError

from .. import permissions
from ..forms import (
    CEReviewForm,
)
from ..models import CERecord, ExternalCredentialClaim
from ..selectors import (
    review_queue_for,
)
from ..services.ce import ce_record_review
from ..services.claims import external_credential_claim_review


def _review(request, review, *, kind: str, item_id: int):
    """Shared by CE and external-credential reviews: parse the decision, call the service.

    A decision that can't be saved (declined without a note, no decision) shows the review
    queue again with the error at that item's form and what the reviewer typed kept."""
    form = CEReviewForm(request.POST)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        error = DomainError(
            "Choose a decision: approve or decline." if field == "decision" else errors[0]
        )
    else:
        try:
            review(
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
                acting_user=request.user,
            )
        except DomainError as domain_error:
            error = domain_error
        else:
            messages.success(request, "Review saved.")
            return redirect("certificates:review_queue")
    failed = {
        "kind": kind,
        "pk": item_id,
        "message": error.message,
        "decision": request.POST.get("decision", ""),
        "note": request.POST.get("note", "")[:1000],
    }
    return render(
        request,
        "certificates/review_queue.html",
        {**review_queue_for(reviewer=request.user), "failed": failed},
        status=error.status_code,
    )


@login_required
def review_queue_view(request):
    if not permissions.can_use_review_queue(request.user):
        raise PermissionDenied("This page is for supervisors.")
    return render(
        request,
        "certificates/review_queue.html",
        {**review_queue_for(reviewer=request.user), "form": CEReviewForm()},
    )


@require_POST
@login_required
def ce_review_view(request, record_id: int):
    record = get_object_or_404(CERecord, pk=record_id)
    if not permissions.can_review_ce(request.user, record):
        raise PermissionDenied
    return _review(
        request,
        lambda **decision: ce_record_review(record=record, **decision),
        kind="ce",
        item_id=record.pk,
    )


# Public verification ------------------------------------------------------------------


@require_POST
@login_required
def claim_review_view(request, claim_id: int):
    claim = get_object_or_404(ExternalCredentialClaim.objects.select_related("holder"), pk=claim_id)
    if not permissions.can_review_claim(request.user, claim):
        raise PermissionDenied("You can verify credentials only for the peers you supervise.")
    return _review(
        request,
        lambda **decision: external_credential_claim_review(claim=claim, **decision),
        kind="claim",
        item_id=claim.pk,
    )


# Administrators: find a credential -------------------------------------------------------
