"""Small security hooks wired in settings: the axes username, CSP and the sign-in rate limit."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.shortcuts import render

from .ratelimit import rate_limited


def axes_username(request, credentials) -> str | None:
    """The email a sign-in is for, lower-cased, so changing its case does not dodge the lockout."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return username.strip().lower() if isinstance(username, str) else None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with one exception: the Wagtail admin.

    The site's own templates run no inline script or style, so they get the strict
    CONTENT_SECURITY_POLICY. Wagtail's admin still has inline script and style in places
    (page editor, choosers), so under /admin/ the policy allows those, and nothing else more.
    The admin is reached only by two-factor-verified staff (lms.two_factor).
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.config = parts.config or settings.WAGTAIL_ADMIN_CONTENT_SECURITY_POLICY
        return parts


# Sign-in attempts (passwords and two-factor codes) per client address in 10 minutes. axes
# locks one account after 5 failures; this slows one address trying many accounts.
SIGN_IN_PATHS = ("/accounts/login/", "/admin/login/", "/accounts/two-factor/")
SIGN_IN_WINDOW_SECONDS = 600


class SignInRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and request.path_info.startswith(SIGN_IN_PATHS)
            and rate_limited(
                request,
                scope="sign-in",
                limit=settings.SIGN_IN_RATE_LIMIT,
                window_seconds=SIGN_IN_WINDOW_SECONDS,
            )
        ):
            return render(request, "registration/sign_in_limited.html", status=429)
        return self.get_response(request)
