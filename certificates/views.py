"""Credential screens for peers and administrators, and public verification."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lms.errors import DomainError
from lms.ratelimit import rate_limited

from . import permissions
from .forms import CEReviewForm, CESubmitForm, RevokeForm, VerifyCodeForm, VerifyPdfForm
from .models import CERecord, Credential
from .selectors import ce_records_of, credential_by_code, credentials_of
from .services.ce import ce_progress, ce_record_review, ce_record_submit
from .services.issuance import credential_reissue_pdf, credential_renew, credential_revoke
from .services.verification import credential_for_uploaded_pdf, verification_payload

VERIFY_LIMIT = getattr(settings, "VERIFY_RATE_LIMIT", 30)  # lookups per client per minute


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
        credentials_of(user=request.user).prefetch_related("credential_type__ce_minimums")
    )
    current = [c for c in credentials if c.is_current]
    return render(
        request,
        "certificates/my_credentials.html",
        {
            "current": [(c, ce_progress(c)) for c in current],
            "past": [c for c in credentials if not c.is_current],
        },
    )


@login_required
def credential_detail_view(request, credential_id: int):
    credential = get_object_or_404(
        Credential.objects.select_related("credential_type"), pk=credential_id
    )
    if not permissions.can_view_credential(request.user, credential):
        raise PermissionDenied("This credential belongs to someone else.")
    progress = ce_progress(credential) if credential.is_current else None
    return render(
        request,
        "certificates/credential_detail.html",
        {
            "credential": credential,
            "ce": progress,
            "can_renew": bool(
                progress and progress.met and credential.status == Credential.Status.RENEWAL_DUE
            ),
            "can_manage": permissions.can_manage_credentials(request.user),
            "revoke_form": RevokeForm(),
        },
    )


@login_required
def credential_pdf_view(request, credential_id: int):
    credential = get_object_or_404(Credential, pk=credential_id)
    if not permissions.can_view_credential(request.user, credential):
        raise PermissionDenied("This credential belongs to someone else.")
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


@require_POST
@login_required
def credential_renew_view(request, credential_id: int):
    credential = get_object_or_404(
        Credential.objects.select_related("credential_type"), pk=credential_id
    )
    if credential.holder_id != request.user.pk:
        raise PermissionDenied("Only the holder can renew their credential.")
    progress = ce_progress(credential)
    if progress is None or not progress.met:
        return _problem(
            request,
            DomainError("The CE requirement for this cycle is not met yet."),
            f"/certificates/{credential.pk}/",
        )
    try:
        renewed = credential_renew(
            credential=credential, acting_user=request.user, reason="CE requirement met"
        )
    except DomainError as error:
        return _problem(request, error, "/certificates/")
    messages.success(
        request, f"Renewed. Your new {renewed.title} runs until {renewed.expires_on:%B %-d, %Y}."
    )
    return redirect("certificates:detail", credential_id=renewed.pk)


@require_POST
@login_required
def credential_revoke_view(request, credential_id: int):
    if not permissions.can_manage_credentials(request.user):
        raise PermissionDenied
    credential = get_object_or_404(Credential, pk=credential_id)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return _problem(
            request, DomainError("Give a reason for revoking."), f"/certificates/{credential.pk}/"
        )
    try:
        credential_revoke(
            credential=credential, acting_user=request.user, reason=form.cleaned_data["reason"]
        )
    except DomainError as error:
        return _problem(request, error, f"/certificates/{credential.pk}/")
    messages.success(request, "The credential is revoked. Verification now shows it as revoked.")
    return redirect("certificates:detail", credential_id=credential.pk)


@require_POST
@login_required
def credential_reissue_view(request, credential_id: int):
    if not permissions.can_manage_credentials(request.user):
        raise PermissionDenied
    credential = get_object_or_404(Credential, pk=credential_id)
    try:
        credential_reissue_pdf(credential=credential, acting_user=request.user)
    except DomainError as error:
        return _problem(request, error, f"/certificates/{credential.pk}/")
    messages.success(request, "A new PDF with the current certificate name is being prepared.")
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
        {"records": ce_records_of(user=request.user), "form": form, "can_submit": can_submit},
        status=status,
    )


@login_required
def ce_evidence_view(request, record_id: int):
    record = get_object_or_404(CERecord, pk=record_id)
    if not permissions.can_view_ce_evidence(request.user, record) or not record.evidence:
        raise PermissionDenied("This evidence is not available to you.")
    response = FileResponse(record.evidence.open("rb"), as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def ce_review_queue_view(request):
    if not permissions.can_review_ce(request.user):
        raise PermissionDenied
    pending = CERecord.objects.filter(status=CERecord.Status.PENDING).select_related(
        "holder", "category"
    )
    return render(
        request, "certificates/ce_review_queue.html", {"pending": pending, "form": CEReviewForm()}
    )


@require_POST
@login_required
def ce_review_view(request, record_id: int):
    record = get_object_or_404(CERecord, pk=record_id)
    if not permissions.can_review_ce(request.user, record):
        raise PermissionDenied
    form = CEReviewForm(request.POST)
    if not form.is_valid():
        return _problem(
            request, DomainError("Choose approve or not accepted."), "/certificates/ce/review/"
        )
    try:
        ce_record_review(
            record=record,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            acting_user=request.user,
        )
    except DomainError as error:
        return _problem(request, error, "/certificates/ce/review/")
    messages.success(request, "Review saved.")
    return redirect("certificates:ce_review_queue")


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
            credential = credential_for_uploaded_pdf(pdf_form.cleaned_data["pdf"])
        except DomainError as error:
            pdf_form.add_error("pdf", error.message)
            return render(request, "certificates/verify.html", context, status=error.status_code)
        context["pdf_checked"] = True
        context["pdf_match"] = verification_payload(credential) if credential else None
        context["pdf_match_code"] = credential.display_code if credential else None
        return render(request, "certificates/verify.html", context)
    if code_form.is_bound and code_form.is_valid():
        return redirect("certificates:verify_code", code=code_form.cleaned_data["code"].strip())
    return render(
        request, "certificates/verify.html", context, status=400 if code_form.is_bound else 200
    )


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
        {"result": verification_payload(credential), "code": credential.display_code},
    )


@never_cache
def verify_code_json_view(request, code: str):
    if _too_many(request):
        return JsonResponse({"status": "rate_limited"}, status=429)
    credential = credential_by_code(code)
    if credential is None:
        return JsonResponse({"status": "not_found"}, status=404)
    return JsonResponse(verification_payload(credential))
