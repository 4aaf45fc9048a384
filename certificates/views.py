"""Credential screens for peers and administrators, and public verification."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import (
    FileResponse,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lms.core.errors import Conflict, DomainError, Gone
from lms.core.ratelimit import rate_limited
from lms.people.emails import normalise_email
from lms.people.models import SupervisionLog, SupervisorAssignment, User
from lms.people.permissions import (
    can_manage_people,
    can_review_learner_evidence,
    can_view_learner_record,
)
from lms.people.selectors import is_current_supervisor
from lms.people.services import (
    attestation_record,
    supervision_log_acknowledge,
    supervision_log_archive,
    supervision_log_record,
    supervisor_assignment_end,
)

from . import permissions
from .forms import (
    AssignmentForm,
    AttestationForm,
    CandidateForm,
    CEReviewForm,
    CESubmitForm,
    ClaimDatesForm,
    ExternalCredentialForm,
    MatrixFilterForm,
    RecordRenewalForm,
    RevokeForm,
    SupervisionLogForm,
    VerifyCodeForm,
    VerifyPdfForm,
)
from .models import CERecord, Credential, ExternalCredentialClaim, format_code, normalise_code
from .selectors import (
    ce_progress_of,
    ce_records_of,
    claim_outcome,
    credential_by_code,
    credential_page,
    credentials_of,
    hr_matrix,
    hr_matrix_rows,
    hr_matrix_rows_all,
    positions_with_requirements,
    prerequisite_checks,
    review_queue_for,
    supervisor_dashboard,
)
from .services.ce import approved_ce_records, ce_progress, ce_record_review, ce_record_submit
from .services.claims import external_credential_claim_review, external_credential_claim_submit
from .services.exports import matrix_csv_lines, matrix_export_audit, matrix_xlsx_file
from .services.issuance import credential_reissue_pdf, credential_revoke
from .services.recertification import RenewalRoute, credential_recertify
from .services.supervision import supervisor_assignment_create
from .services.verification import credential_for_uploaded_pdf, verification_payload
from .uploads import sniff_type

VERIFY_LIMIT = getattr(settings, "VERIFY_RATE_LIMIT", 30)  # lookups per client per minute


MATRIX_PAGE_SIZE = 50


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


def evidence_response(field_file) -> FileResponse:
    """Serve an evidence file as what its content is, never what its name claims."""
    handle = field_file.open("rb")
    content_type = sniff_type(handle.read(16)) or "application/octet-stream"
    handle.seek(0)
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(
        content_type, "bin"
    )
    response = FileResponse(
        handle, as_attachment=True, filename=f"evidence.{extension}", content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _problem(request, error: DomainError, back_url: str):
    return render(
        request,
        "courses/problem.html",
        {"problem": error.message, "back_url": back_url},
        status=error.status_code,
    )


@login_required
def my_credentials_view(request):
    credentials = list(
        credentials_of(user=request.user)
        .select_related("supersedes__supersedes")
        .prefetch_related("credential_type__ce_minimums__category")
    )
    current = [c for c in credentials if c.is_current]
    records = approved_ce_records(holder_ids=[request.user.pk])[request.user.pk]
    return render(
        request,
        "certificates/my_credentials.html",
        {
            "current": [(c, ce_progress(c, approved_records=records)) for c in current],
            "past": [c for c in credentials if not c.is_current],
        },
    )


@login_required
def credential_detail_view(request, credential_id: int):
    credential = get_object_or_404(
        Credential.objects.select_related("credential_type", "supersedes"), pk=credential_id
    )
    if not permissions.can_view_credential(request.user, credential):
        raise PermissionDenied("This credential belongs to someone else.")
    return _credential_page(request, credential)


def _credential_page(
    request, credential, *, revoke_form=None, renewal_form=None, problem="", status=200
):
    """The credential page; an administrator's form that failed comes back with its errors,
    and a refusal of the service leads the page."""
    from . import openbadges  # pyHanko and the badge keys load only where a badge is offered

    sharing = {}
    if openbadges.badge_offered(credential):
        sharing = {
            "share_url": openbadges.credential_url(credential),
            "linkedin_url": openbadges.linkedin_add_url(credential),
        }
    return render(
        request,
        "certificates/credential_detail.html",
        {
            **credential_page(credential=credential, viewer=request.user),
            **sharing,
            "can_manage": permissions.can_manage_credentials(request.user),
            "revoke_form": revoke_form or RevokeForm(),
            "renewal_form": renewal_form
            or RecordRenewalForm(initial={"completed_on": timezone.localdate()}),
            "problem": problem,
        },
        status=status,
    )


@login_required
def credential_pdf_view(request, credential_id: int):
    credential = get_object_or_404(Credential, pk=credential_id)
    if not permissions.can_view_credential(request.user, credential):
        raise PermissionDenied("This credential belongs to someone else.")
    if credential.status == Credential.Status.REVOKED:
        # A revoked certificate is not handed out again, stamped or not: a stamp can be cropped,
        # and the code check says "revoked" to whoever holds an earlier copy.
        return _problem(
            request,
            Gone("This credential was revoked, so its certificate is no longer available."),
            f"/certificates/{credential.pk}/",
        )
    if not credential.pdf:
        return render(
            request, "certificates/pdf_preparing.html", {"credential": credential}, status=202
        )
    return FileResponse(
        credential.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificate-{credential.display_code}.pdf",
        content_type="application/pdf",
    )


@login_required
def credential_openbadge_view(request, credential_id: int, file_format: str):
    """The credential as a signed Open Badges 3.0 VC-JWT, a badge image with it baked in, or
    its JSON to read."""
    credential = get_object_or_404(
        Credential.objects.select_related("credential_type"), pk=credential_id
    )
    if not permissions.can_view_credential(request.user, credential):
        raise PermissionDenied("This credential belongs to someone else.")
    if credential.status == Credential.Status.REVOKED:
        # As with the PDF (decision 0002): a revoked credential is not handed out again.
        return _problem(
            request,
            Gone("This credential was revoked, so its Open Badge is no longer available."),
            f"/certificates/{credential.pk}/",
        )
    from . import openbadges

    if not openbadges.badge_offered(credential):
        return _problem(
            request,
            Conflict(
                f"{credential.provider} issued this credential, so the hub does not issue it "
                "as an Open Badge."
            ),
            f"/certificates/{credential.pk}/",
        )
    if file_format == "json":
        content = json.dumps(
            openbadges.achievement_credential(credential), indent=2, ensure_ascii=False
        )
        content_type = "application/json"
    elif file_format == "svg":
        content, content_type = openbadges.baked_svg(credential), "image/svg+xml"
    else:
        content, content_type = openbadges.credential_jwt(credential), openbadges.JWT_MEDIA_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="open-badge-{credential.display_code}.{file_format}"'
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@login_required
def credential_renew_view(request, credential_id: int):
    """The holder renews a hub credential whose CE requirement is met."""
    credential = get_object_or_404(
        Credential.objects.select_related("credential_type", "supersedes"), pk=credential_id
    )
    if credential.holder_id != request.user.pk:
        raise PermissionDenied("Only the holder can renew their credential.")
    try:
        renewed = credential_recertify(
            holder=request.user,
            credential_type=credential.credential_type,
            completed_on=timezone.localdate(),
            route=RenewalRoute.HOLDER,
            acting_user=request.user,
        )
    except DomainError as error:
        return _credential_page(
            request, credential, problem=error.message, status=error.status_code
        )
    messages.success(request, _renewed_message(renewed))
    return redirect("certificates:detail", credential_id=renewed.pk)


@require_POST
@login_required
def credential_record_renewal_view(request, credential_id: int):
    """An administrator records a renewal or retake of a hub credential on a given date."""
    if not permissions.can_manage_credentials(request.user):
        raise PermissionDenied
    credential = get_object_or_404(
        Credential.objects.select_related("credential_type", "holder"), pk=credential_id
    )
    form = RecordRenewalForm(request.POST)
    if not form.is_valid():
        return _credential_page(request, credential, renewal_form=form, status=400)
    try:
        renewed = credential_recertify(
            holder=credential.holder,
            credential_type=credential.credential_type,
            completed_on=form.cleaned_data["completed_on"],
            route=RenewalRoute.ADMINISTRATOR,
            acting_user=request.user,
        )
    except DomainError as error:
        return _credential_page(
            request, credential, renewal_form=form, problem=error.message, status=error.status_code
        )
    messages.success(request, _renewed_message(renewed))
    return redirect("certificates:detail", credential_id=renewed.pk)


def _renewed_message(renewed: Credential) -> str:
    what = "Renewed" if renewed.is_renewal else "Recorded as a new certification (a retake)"
    if renewed.expires_on is None:
        return f"{what}."
    return f"{what}. The new {renewed.title} runs until {renewed.expires_on:%B %-d, %Y}."


@require_POST
@login_required
def credential_revoke_view(request, credential_id: int):
    if not permissions.can_manage_credentials(request.user):
        raise PermissionDenied
    credential = get_object_or_404(
        Credential.objects.select_related("credential_type", "supersedes"), pk=credential_id
    )
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return _credential_page(request, credential, revoke_form=form, status=400)
    try:
        credential_revoke(
            credential=credential, acting_user=request.user, reason=form.cleaned_data["reason"]
        )
    except DomainError as error:
        return _credential_page(
            request, credential, revoke_form=form, problem=error.message, status=error.status_code
        )
    messages.success(
        request,
        "The credential is revoked. The holder has been told, and verification now shows it "
        "as revoked.",
    )
    return redirect("certificates:detail", credential_id=credential.pk)


@require_POST
@login_required
def credential_reissue_view(request, credential_id: int):
    if not permissions.can_manage_credentials(request.user):
        raise PermissionDenied
    credential = get_object_or_404(
        Credential.objects.select_related("credential_type", "supersedes"), pk=credential_id
    )
    try:
        credential_reissue_pdf(credential=credential, acting_user=request.user)
    except DomainError as error:
        return _credential_page(
            request, credential, problem=error.message, status=error.status_code
        )
    messages.success(
        request,
        "A new PDF with the current certificate name is being prepared. Earlier copies still "
        "verify, and say they were re-issued.",
    )
    return redirect("certificates:detail", credential_id=credential.pk)


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
    return evidence_response(record.evidence)


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


def _too_many(request) -> bool:
    return rate_limited(request, scope="verify", limit=VERIFY_LIMIT, window_seconds=60)


@never_cache
@require_http_methods(["GET", "POST"])
def verify_view(request):
    if _too_many(request):
        return render(request, "certificates/verify_limited.html", status=429)
    code_form = VerifyCodeForm(request.GET or None)
    pdf_form = VerifyPdfForm()
    context = {"code_form": code_form, "pdf_form": pdf_form}
    if request.method == "POST":
        pdf_form = VerifyPdfForm(request.POST, request.FILES)
        context["pdf_form"] = pdf_form
        if not pdf_form.is_valid():
            return render(request, "certificates/verify.html", context, status=400)
        try:
            match = credential_for_uploaded_pdf(pdf_form.cleaned_data["pdf"])
        except DomainError as error:
            pdf_form.add_error("pdf", error.message)
            return render(request, "certificates/verify.html", context, status=error.status_code)
        context["pdf_checked"] = True
        context["signature"] = _signature_of(pdf_form.cleaned_data["pdf"])
        if match is not None:
            context["pdf_match"] = verification_payload(match.credential)
            context["pdf_credential"] = match.credential
            context["pdf_match_code"] = match.credential.display_code
            context["earlier_copy"] = match.earlier_copy
            context["name_corrected"] = bool(
                match.earlier_copy
                and match.earlier_copy.holder_name != match.credential.holder_name
            )
        return render(request, "certificates/verify.html", context)
    if code_form.is_bound and code_form.is_valid():
        # Redirect only to a well-formed code: any other text may not even fit the URL ("/").
        code = normalise_code(code_form.cleaned_data["code"])
        if code is None:
            return render(request, "certificates/verify_not_found.html", status=404)
        return redirect("certificates:verify_code", code=format_code(code))
    return render(
        request, "certificates/verify.html", context, status=400 if code_form.is_bound else 200
    )


def _signature_of(upload):
    from .signing import check_signature  # pyHanko loads only where a file is checked

    upload.seek(0)
    return check_signature(upload.read())


def signing_keys_view(request):
    """The certificates every hub signature chains to, current and retired: what an auditor
    needs to check a certificate PDF offline, even if the hub is gone."""
    from .signing import published_trust_roots_pem

    response = HttpResponse(published_trust_roots_pem(), content_type="application/x-pem-file")
    response["Cache-Control"] = "public, max-age=3600"
    response["Content-Disposition"] = 'inline; filename="signing-keys.pem"'
    return response


def _public_json(payload: dict, content_type: str) -> HttpResponse:
    response = HttpResponse(json.dumps(payload, indent=2), content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600"
    # Wallets and verifiers fetch these from their own pages.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_http_methods(["GET", "HEAD"])
def openbadges_issuer_view(request):
    """The hub's Open Badges issuer profile: the `issuer.id` of every badge it signs."""
    from .openbadges import issuer_profile

    return _public_json(issuer_profile(), "application/json")


@require_http_methods(["GET", "HEAD"])
def openbadges_jwks_view(request):
    """The public keys of every Open Badge the hub signed, current and retired (a JWKS)."""
    from .openbadges import JWKS_MEDIA_TYPE, published_jwks

    return _public_json(published_jwks(), JWKS_MEDIA_TYPE)


@never_cache
def verify_code_view(request, code: str):
    if _too_many(request):
        return render(request, "certificates/verify_limited.html", status=429)
    credential = credential_by_code(code)
    if credential is None:
        return render(request, "certificates/verify_not_found.html", status=404)
    return render(
        request,
        "certificates/verify_result.html",
        {
            "result": verification_payload(credential),
            "credential": credential,
            "code": credential.display_code,
        },
    )


@never_cache
def verify_code_json_view(request, code: str):
    if _too_many(request):
        return JsonResponse({"status": "rate_limited"}, status=429)
    credential = credential_by_code(code)
    if credential is None:
        return JsonResponse({"status": "not_found"}, status=404)
    return JsonResponse(verification_payload(credential))


# External credentials (peers) ---------------------------------------------------------


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
    if not permissions.can_view_claim_evidence(request.user, claim):
        raise PermissionDenied("This evidence is not available to you.")
    return evidence_response(claim.evidence)


# Supervisors --------------------------------------------------------------------------


@login_required
def supervisor_dashboard_view(request):
    if not permissions.can_use_supervisor_dashboard(request.user):
        raise PermissionDenied("This page is for supervisors.")
    return render(
        request,
        "certificates/supervisor_dashboard.html",
        supervisor_dashboard(supervisor=request.user),
    )


@login_required
def supervisee_view(request, user_id: int):
    peer = get_object_or_404(User, pk=user_id, is_active=True)
    if peer.pk == request.user.pk or not can_view_learner_record(request.user, peer):
        raise PermissionDenied("You can see only the peers you supervise.")
    return render(request, "certificates/supervisee.html", supervisee_context(request, peer))


def supervisee_context(request, peer, log_form=None) -> dict:
    from courses.selectors import learner_dashboard

    credentials = list(
        Credential.objects.filter(holder=peer)
        .exclude(status=Credential.Status.SUPERSEDED)
        .select_related("credential_type")
    )
    return {
        "peer": peer,
        "learning": learner_dashboard(user=peer),
        "credentials": credentials,
        "ce_records": ce_records_of(user=peer),
        "logs": SupervisionLog.objects.filter(peer=peer).select_related("supervisor"),
        "can_log": is_current_supervisor(supervisor=request.user, peer=peer),
        "log_form": log_form or SupervisionLogForm(initial={"held_on": timezone.localdate()}),
        "can_review": can_review_learner_evidence(request.user, peer),
        "can_archive": permissions.can_manage_credentials(request.user),
    }


@require_POST
@login_required
def supervision_log_create_view(request, user_id: int):
    peer = get_object_or_404(User, pk=user_id, is_active=True)
    # The 400 page below shows the peer's record: only to someone who may see it now.
    if not (
        is_current_supervisor(supervisor=request.user, peer=peer)
        and can_view_learner_record(request.user, peer)
    ):
        raise PermissionDenied("You can record supervision only for peers you supervise.")
    form = SupervisionLogForm(request.POST)
    if form.is_valid():
        try:
            supervision_log_record(supervisor=request.user, peer=peer, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Supervision session recorded. The peer can now see it.")
            return redirect("certificates:supervisee", user_id=peer.pk)
    return render(
        request,
        "certificates/supervisee.html",
        supervisee_context(request, peer, log_form=form),
        status=400,
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


@login_required
def my_supervision_view(request):
    logs = SupervisionLog.objects.filter(peer=request.user).select_related("supervisor")
    return render(request, "certificates/my_supervision.html", {"logs": logs})


@require_POST
@login_required
def supervision_log_acknowledge_view(request, log_id: int):
    log = get_object_or_404(SupervisionLog, pk=log_id)
    if log.peer_id != request.user.pk:
        raise PermissionDenied("Only the peer acknowledges their supervision record.")
    supervision_log_acknowledge(log=log, acting_user=request.user)
    messages.success(request, "Thank you for acknowledging the record.")
    return redirect("certificates:my_supervision")


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
                return redirect("certificates:assignments")
    assignments = SupervisorAssignment.objects.select_related("supervisor", "peer").order_by(
        "ends_on", "-starts_on"
    )
    return render(
        request,
        "certificates/assignments.html",
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
        return _problem(request, error, "/supervision/assignments/")
    messages.success(request, "Assignment ended; access to the peer's record is removed.")
    return redirect("certificates:assignments")


# HR ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def hr_matrix_view(request):
    if not permissions.can_use_hr_screens(request.user):
        raise PermissionDenied("This page is for HR.")
    # An export writes an audit entry, so it is a POST (the page's Export buttons): a GET
    # (a prefetch, a crawler, a pasted link) never starts one. Filters stay in the query.
    if request.method != "POST" and request.GET.get("export"):
        return HttpResponseNotAllowed(
            ["POST"], content="Exports start from the Export buttons on the HR page."
        )
    if request.method == "POST" and request.POST.get("export") not in ("csv", "xlsx"):
        return HttpResponseBadRequest("Choose CSV or Excel to export.")
    positions = positions_with_requirements()
    form = MatrixFilterForm(request.GET or None, positions=positions)
    if form.is_bound and not form.is_valid():
        return render(request, "certificates/hr_matrix.html", {"form": form}, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    within_days = filters.get("within") or 30
    # Filtering and ordering happen in the database; rows are checked only for the people
    # shown (a page of 50), or a batch at a time while an export streams.
    matrix = hr_matrix(
        positions=positions,
        position_slug=filters.get("position", ""),
        status=filters.get("status", ""),
        within_days=within_days,
        search=filters.get("q", ""),
    )
    positions, people = matrix["positions"], matrix["people"]
    export = request.POST.get("export") if request.method == "POST" else None
    if export in ("csv", "xlsx"):
        matrix_export_audit(
            acting_user=request.user,
            export_format=export,
            filters={k: v for k, v in filters.items() if v},
            row_count=len(people),
        )
        rows = hr_matrix_rows_all(people=people, positions=positions, within_days=within_days)
        if export == "csv":
            response = StreamingHttpResponse(
                matrix_csv_lines(positions=positions, rows=rows),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="prerequisites.csv"'
            return response
        return FileResponse(
            matrix_xlsx_file(positions=positions, rows=rows),
            as_attachment=True,
            filename="prerequisites.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    # The page shows 50 people at a time; filters and exports always cover everyone.
    page = Paginator(people, MATRIX_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = hr_matrix_rows(
        people=page.object_list, positions=positions, within_days=within_days
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "certificates/hr_matrix.html",
        {
            "form": form,
            "positions": positions,
            "page_obj": page,
            "total": len(people),
            "counts": matrix["counts"],
            "query_string": params.urlencode(),
        },
    )


@login_required
def hr_candidate_view(request):
    if not permissions.can_use_hr_screens(request.user):
        raise PermissionDenied("This page is for HR.")
    form = CandidateForm(request.GET or None)
    people = []
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        credential = credential_by_code(query)
        if credential is not None:
            people = [credential.holder]
        else:
            people = list(
                User.objects.filter(
                    Q(certificate_name__icontains=query)
                    | Q(preferred_name__icontains=query)
                    | Q(email=normalise_email(query)),
                    is_active=True,
                )[:20]
            )
    positions = positions_with_requirements()
    checks = prerequisite_checks(people=people, positions=positions, within_days=90)
    results = [
        (person, [checks[(person.pk, position.pk)] for position in positions]) for person in people
    ]
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "certificates/hr_candidate.html",
        {"form": form, "results": results, "searched": form.is_bound},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attestation_view(request, user_id: int):
    if not can_manage_people(request.user):
        raise PermissionDenied("Attestations are recorded by HR or an administrator.")
    person = get_object_or_404(User, pk=user_id)
    current = getattr(person, "attestation", None) if hasattr(person, "attestation") else None
    form = AttestationForm(
        request.POST or None, initial={"on_file": "yes" if current and current.on_file else "no"}
    )
    if request.method == "POST":
        if form.is_valid():
            attestation_record(
                person=person, on_file=form.cleaned_data["on_file"], acting_user=request.user
            )
            messages.success(request, "Attestation recorded.")
            return redirect(f"{reverse('certificates:hr_candidate')}?q={person.email}")
        return render(
            request,
            "certificates/attestation.html",
            {"form": form, "person": person, "current": current},
            status=400,
        )
    return render(
        request,
        "certificates/attestation.html",
        {"form": form, "person": person, "current": current},
    )


@require_POST
@login_required
def supervision_log_archive_view(request, log_id: int):
    log = get_object_or_404(SupervisionLog, pk=log_id)
    if not permissions.can_manage_credentials(request.user):
        raise PermissionDenied("Only administrators archive supervision records.")
    supervision_log_archive(log=log, acting_user=request.user)
    messages.success(request, "Record archived. It is still kept for the retention period.")
    return redirect("certificates:supervisee", user_id=log.peer_id)


# Administrators: find a credential -------------------------------------------------------

STAFF_CREDENTIALS_PAGE_SIZE = 50


@login_required
def staff_credentials_view(request):
    """Every credential, searchable and filtered; each opens its page (revoke, re-issue)."""
    from .forms import StaffCredentialFilterForm
    from .selectors import credentials_for_staff

    if not permissions.can_manage_credentials(request.user):
        raise PermissionDenied("This list is for administrators.")
    form = StaffCredentialFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        credentials = Credential.objects.none()
    else:
        filters = form.cleaned_data if form.is_bound else {}
        credentials = credentials_for_staff(
            search=filters.get("q", ""),
            credential_type=filters.get("credential_type"),
            status=filters.get("status", ""),
            expiry=filters.get("expiry", ""),
        )
    page = Paginator(credentials, STAFF_CREDENTIALS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "certificates/staff_credentials.html",
        {"form": form, "page_obj": page, "filtered": form.is_bound},
        status=400 if form.errors else 200,
    )
