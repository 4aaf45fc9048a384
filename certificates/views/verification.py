"""Public verification: by code, by uploaded PDF, and the published keys and issuer profile."""

import json

from django.conf import settings
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotModified,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lms.core.errors import DomainError
from lms.core.ratelimit import rate_limited

from ..forms import (
    VerifyCodeForm,
    VerifyCredentialForm,
    VerifyPdfForm,
)
from ..models import format_code, normalise_code
from ..selectors import (
    credential_by_code,
)
from ..services.status_lists import status_list_published
from ..services.verification import (
    credential_check_text,
    credential_check_upload,
    credential_for_uploaded_pdf,
    embedded_credential_check,
    verification_payload,
)

VERIFY_LIMIT = getattr(settings, "VERIFY_RATE_LIMIT", 30)  # lookups per client per minute


def _too_many(request) -> bool:
    return rate_limited(request, scope="verify", limit=VERIFY_LIMIT, window_seconds=60)


@never_cache
@require_http_methods(["GET", "POST"])
def verify_view(request):
    if _too_many(request):
        return render(request, "certificates/verify_limited.html", status=429)
    code_form = VerifyCodeForm(request.GET or None)
    pdf_form = VerifyPdfForm()
    context = {
        "code_form": code_form,
        "pdf_form": pdf_form,
        "credential_form": VerifyCredentialForm(),
    }
    if request.method == "POST" and request.POST.get("kind") == "credential":
        return _verify_credential(request, context)
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
        # The Open Badge inside a signed certificate: its own signature, dates and status.
        upload = pdf_form.cleaned_data["pdf"]
        upload.seek(0)
        try:
            context["embedded_check"] = embedded_credential_check(upload.read())
        except DomainError as error:
            context["embedded_problem"] = error.message
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


def _verify_credential(request, context):
    """An Open Badges credential file or pasted VC-JWT: every check, in plain words."""
    form = VerifyCredentialForm(request.POST, request.FILES)
    context["credential_form"] = form
    if not form.is_valid():
        return render(request, "certificates/verify.html", context, status=400)
    try:
        if form.cleaned_data.get("credential_file"):
            check = credential_check_upload(form.cleaned_data["credential_file"])
        else:
            check = credential_check_text(form.cleaned_data["token"])
    except DomainError as error:
        form.add_error(None, error.message)
        return render(request, "certificates/verify.html", context, status=error.status_code)
    context["credential_check"] = check
    return render(request, "certificates/verify.html", context)


@require_http_methods(["GET", "HEAD"])
def status_list_view(request, number: int):
    """A W3C Bitstring Status List credential (1 revocation, 2 suspension), as stored.

    One primary-key read per request, never a rebuild (the services rebuild it when a bit
    changes); shared caches and verifiers keep it `max-age` seconds and revalidate with
    If-None-Match / If-Modified-Since for a 304.
    """
    from ..openbadges import JWT_MEDIA_TYPE
    from ..status_lists import MAX_AGE

    status_list = status_list_published(number=number)
    if status_list is None:
        raise Http404("The hub publishes status lists 1 (revocation) and 2 (suspension).")
    headers = {
        "ETag": status_list.etag,
        "Last-Modified": http_date(status_list.built_at.timestamp()),
        "Cache-Control": f"public, max-age={MAX_AGE}",
        "Access-Control-Allow-Origin": "*",
        "X-Content-Type-Options": "nosniff",
    }
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        fresh = status_list.etag in parse_etags(if_none_match) or if_none_match.strip() == "*"
    else:
        since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
        fresh = since is not None and int(status_list.built_at.timestamp()) <= since
    if fresh:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(status_list.token, content_type=JWT_MEDIA_TYPE)
    for name, value in headers.items():
        response[name] = value
    return response


def _signature_of(upload):
    from ..signing import check_signature  # pyHanko loads only where a file is checked

    upload.seek(0)
    return check_signature(upload.read())


def signing_keys_view(request):
    """The certificates every hub signature chains to, current and retired: what an auditor
    needs to check a certificate PDF offline, even if the hub is gone."""
    from ..signing import published_trust_roots_pem

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
    from ..openbadges import issuer_profile

    return _public_json(issuer_profile(), "application/json")


@require_http_methods(["GET", "HEAD"])
def openbadges_jwks_view(request):
    """The public keys of every Open Badge the hub signed, current and retired (a JWKS)."""
    from ..openbadges import JWKS_MEDIA_TYPE, published_jwks

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
