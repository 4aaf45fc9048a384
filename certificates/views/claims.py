"""Outside credentials (a state card, a first-aid card): recording one, and its evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from lms.core.errors import DomainError
from lms.core.http import private_file_response

from .. import permissions
from ..forms import (
    ClaimDatesForm,
    ExternalCredentialForm,
)
from ..models import ExternalCredentialClaim
from ..selectors import (
    claim_outcome,
)
from ..services.claims import external_credential_claim_submit


@login_required
@require_http_methods(["GET", "POST"])
def external_credentials_view(request):
    if not permissions.can_submit_ce(request.user):
        raise PermissionDenied("Recording external credentials is for peers.")
    # "Check the dates" (a safe GET, no file needed): what verifying this card would record.
    dates_form = ClaimDatesForm(request.GET if "check" in request.GET else None, auto_id="check_%s")
    outcome = None
    if dates_form.is_bound and dates_form.is_valid():
        outcome = claim_outcome(holder=request.user, **dates_form.cleaned_data)
    form = ExternalCredentialForm(
        request.POST or None,
        request.FILES or None,
        initial=dates_form.cleaned_data if dates_form.is_bound and dates_form.is_valid() else None,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                external_credential_claim_submit(holder=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status_code
            else:
                messages.success(request, "Thank you. Your supervisor will verify it.")
                return redirect("certificates:external")
    claims = ExternalCredentialClaim.objects.filter(holder=request.user).select_related(
        "credential_type"
    )
    return render(
        request,
        "certificates/external.html",
        {"form": form, "dates_form": dates_form, "outcome": outcome, "claims": claims},
        status=status,
    )


@login_required
def claim_evidence_view(request, claim_id: int):
    claim = get_object_or_404(ExternalCredentialClaim.objects.select_related("holder"), pk=claim_id)
    if not permissions.can_view_claim_evidence(request.user, claim) or not claim.evidence:
        # No file: the retention policy deleted it once its period had passed.
        raise PermissionDenied("This evidence is not available to you.")
    return private_file_response(claim.evidence)
