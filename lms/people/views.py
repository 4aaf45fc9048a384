import base64
import logging

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lms.core.errors import DomainError

from .forms import HubPasswordResetForm, TwoFactorCodeForm
from .models import AuditEntry
from .permissions import user_has_role
from .ratelimit import password_reset_allowed
from .roles import Role
from .selectors import notifications_for, recovery_codes_left, two_factor_is_set_up
from .services import (
    notifications_mark_read,
    two_factor_device_confirm,
    two_factor_device_pending,
    two_factor_recovery_codes_replace,
    two_factor_verify,
)

logger = logging.getLogger(__name__)


@login_required
@require_http_methods(["GET", "POST"])
def notifications_view(request):
    if request.method == "POST":
        notifications_mark_read(user=request.user)
        return redirect("notifications")
    return render(
        request,
        "lms/notifications.html",
        {"notifications": notifications_for(user=request.user)},
    )


AUDIT_PAGE_SIZE = 50


@login_required
def audit_view(request):
    if not user_has_role(request.user, Role.ADMINISTRATOR):
        raise PermissionDenied("The audit trail is for administrators.")
    entries = AuditEntry.objects.select_related("actor", "subject")
    actions = list(
        AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    )
    action = request.GET.get("action", "")
    if action:
        # Only a recorded action can match; other text (a NUL byte, which PostgreSQL refuses
        # in a query) matches nothing rather than failing.
        entries = entries.filter(action=action) if action in actions else entries.none()
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "lms/audit.html", {"page_obj": page, "actions": actions, "action": action}
    )


# Two-factor sign-in (the rule itself is lms.people.two_factor.TwoFactorRequiredMiddleware) -------


def _next_url(request) -> str:
    """Where to go after the second factor: `next` if it is on this site, else home."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


def _sign_in_second_factor(request, device) -> None:
    # A new session key at each step up in trust, as at password sign-in.
    request.session.cycle_key()
    django_otp.login(request, device)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup_view(request):
    if two_factor_is_set_up(user=request.user):
        return redirect(f"{reverse('two_factor_verify')}?{request.GET.urlencode()}")
    device = two_factor_device_pending(user=request.user)
    form = TwoFactorCodeForm(request.POST or None, recovery_allowed=False)
    if form.is_valid():
        try:
            device, codes = two_factor_device_confirm(
                user=request.user, token=form.cleaned_data["code"]
            )
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            _sign_in_second_factor(request, device)
            return render(
                request,
                "registration/two_factor_recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "first_time": True},
            )
    key = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code"),
        "key_groups": [key[i : i + 4] for i in range(0, len(key), 4)],
    }
    status = 400 if form.is_bound else 200
    return render(request, "registration/two_factor_setup.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify_view(request):
    if not two_factor_is_set_up(user=request.user):
        return redirect(f"{reverse('two_factor_setup')}?{request.GET.urlencode()}")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = TwoFactorCodeForm(request.POST or None, recovery_allowed=True)
    if form.is_valid():
        try:
            device = two_factor_verify(user=request.user, token=form.cleaned_data["code"])
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            _sign_in_second_factor(request, device)
            if device.persistent_id.startswith("otp_static."):
                messages.warning(
                    request,
                    f"You used a recovery code; {recovery_codes_left(user=request.user)} left. "
                    "Make new ones from Two-factor sign-in in your account.",
                )
            return redirect(_next_url(request))
    status = 400 if form.is_bound else 200
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_recovery_codes_view(request):
    """How many recovery codes are left, and a fresh set on request (needs a verified session)."""
    if not two_factor_is_set_up(user=request.user):
        raise PermissionDenied("Two-factor sign-in isn't set up for this account.")
    if not request.user.is_verified():
        return redirect(f"{reverse('two_factor_verify')}?next={request.path}")
    if request.method == "POST":
        codes = two_factor_recovery_codes_replace(user=request.user)
        return render(
            request,
            "registration/two_factor_recovery_codes.html",
            {"codes": codes, "next": settings.LOGIN_REDIRECT_URL, "first_time": False},
        )
    return render(
        request,
        "registration/two_factor_account.html",
        {"codes_left": recovery_codes_left(user=request.user)},
    )


# Password reset -----------------------------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, with the hub's one email spelling and a limit per client address and
    per account. Over a limit nothing is sent, and the answer is the same "check your email"
    page as always: it tells nobody whether the address has an account or was limited."""

    form_class = HubPasswordResetForm

    def form_valid(self, form):
        if password_reset_allowed(self.request, email=form.cleaned_data["email"]):
            return super().form_valid(form)
        logger.warning("Password reset limited (client or account over the hourly limit)")
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
