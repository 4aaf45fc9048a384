"""A holder's credentials (list, page, PDF, Open Badge, renewal) and administrators' actions
(revoke, re-issue, record a renewal, the list of every credential)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    HttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lms.core.errors import Conflict, DomainError, Gone
from lms.core.http import problem_response

from .. import permissions
from ..ce_cycles import approved_ce_records, ce_progress
from ..forms import (
    LiftSuspensionForm,
    RecordRenewalForm,
    RevokeForm,
    StaffCredentialFilterForm,
    SuspendForm,
)
from ..models import Credential
from ..selectors import (
    credential_page,
    credentials_for_staff,
    credentials_of,
)
from ..services.issuance import credential_reissue_pdf, credential_revoke
from ..services.recertification import RenewalRoute, credential_recertify
from ..services.suspension import credential_suspend, credential_suspension_lift


@login_required
def my_credentials_view(request):
    credentials = list(
        credentials_of(user=request.user)
        .select_related("supersedes__supersedes")
        .prefetch_related("credential_type__ce_rules__category_rules__category")
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
    request,
    credential,
    *,
    revoke_form=None,
    renewal_form=None,
    suspend_form=None,
    lift_form=None,
    problem="",
    status=200,
):
    """The credential page; an administrator's form that failed comes back with its errors,
    and a refusal of the service leads the page."""
    from .. import openbadges  # pyHanko and the badge keys load only where a badge is offered

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
            "can_suspend": permissions.can_suspend_credentials(request.user),
            "suspend_form": suspend_form or SuspendForm(),
            "lift_form": lift_form or LiftSuspensionForm(),
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
        return problem_response(
            request,
            Gone("This credential was revoked, so its certificate is no longer available."),
            back_url=f"/certificates/{credential.pk}/",
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
        return problem_response(
            request,
            Gone("This credential was revoked, so its Open Badge is no longer available."),
            back_url=f"/certificates/{credential.pk}/",
        )
    from .. import openbadges

    if not openbadges.badge_offered(credential):
        return problem_response(
            request,
            Conflict(
                f"{credential.provider} issued this credential, so the hub does not issue it "
                "as an Open Badge."
            ),
            back_url=f"/certificates/{credential.pk}/",
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


def _administrator_action(request, credential_id, *, allowed, form_class, form_name, act, done):
    """Revoke, suspend, lift: an administrator's form posted from the credential page and one
    service call. A bad form or the service's refusal comes back on the page, as typed."""
    if not allowed(request.user):
        raise PermissionDenied
    credential = get_object_or_404(
        Credential.objects.select_related("credential_type", "supersedes"), pk=credential_id
    )
    form = form_class(request.POST)
    if not form.is_valid():
        return _credential_page(request, credential, status=400, **{form_name: form})
    try:
        act(credential, request.user, form.cleaned_data)
    except DomainError as error:
        return _credential_page(
            request,
            credential,
            problem=error.message,
            status=error.status_code,
            **{form_name: form},
        )
    messages.success(request, done)
    return redirect("certificates:detail", credential_id=credential.pk)


@require_POST
@login_required
def credential_revoke_view(request, credential_id: int):
    return _administrator_action(
        request,
        credential_id,
        allowed=permissions.can_manage_credentials,
        form_class=RevokeForm,
        form_name="revoke_form",
        act=lambda credential, user, data: credential_revoke(
            credential=credential, acting_user=user, reason=data["reason"]
        ),
        done="The credential is revoked. The holder has been told, and verification now shows "
        "it as revoked.",
    )


@require_POST
@login_required
def credential_suspend_view(request, credential_id: int):
    """An administrator suspends a credential while it is reviewed (reversible)."""
    return _administrator_action(
        request,
        credential_id,
        allowed=permissions.can_suspend_credentials,
        form_class=SuspendForm,
        form_name="suspend_form",
        act=lambda credential, user, data: credential_suspend(
            credential=credential, acting_user=user, reason=data["reason"]
        ),
        done="The credential is suspended. The holder has been told, and verification shows it "
        "as suspended until you lift the suspension.",
    )


@require_POST
@login_required
def credential_lift_suspension_view(request, credential_id: int):
    """An administrator lifts a suspension: the credential counts again as its dates say."""
    return _administrator_action(
        request,
        credential_id,
        allowed=permissions.can_suspend_credentials,
        form_class=LiftSuspensionForm,
        form_name="lift_form",
        act=lambda credential, user, data: credential_suspension_lift(
            credential=credential, acting_user=user, note=data["note"]
        ),
        done="The suspension is lifted. The holder has been told, and verification agrees.",
    )


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


STAFF_CREDENTIALS_PAGE_SIZE = 50


@login_required
def staff_credentials_view(request):
    """Every credential, searchable and filtered; each opens its page (revoke, re-issue)."""
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
