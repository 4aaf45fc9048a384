"""The rule that admin-capable accounts use a second factor, applied to every request.

Trainers, lead trainers, HR and administrators reach the Wagtail admin and other people's
records, so a stolen password alone must not be enough. After signing in with a password,
such a person can open nothing but the two-factor pages (and sign out) until they have
typed a code from their authenticator app or a recovery code; someone who has not set up an
authenticator yet is sent to set one up first. django-otp's OTPMiddleware, just before this
one, tells whether the session is verified.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .permissions import two_factor_required
from .selectors import two_factor_is_set_up

# Paths an unverified admin-role session may still use.
OPEN_PATH_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/healthz", "/ping")


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path_info.startswith(OPEN_PATH_PREFIXES)
            and two_factor_required(user)
            and not user.is_verified()
        ):
            step = "two_factor_verify" if two_factor_is_set_up(user=user) else "two_factor_setup"
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
