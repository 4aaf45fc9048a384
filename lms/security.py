"""Small security hooks wired in settings: the axes username, CSP, the sign-in rate limit,
the request body limit and private caching of signed-in pages."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

from lms.core.ratelimit import rate_limited


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with one exception: the Wagtail admin.

    The site's own templates run no inline script or style, so they get the strict
    CONTENT_SECURITY_POLICY. Wagtail's admin still has inline script and style in places
    (page editor, choosers), so under /admin/ the policy allows those, and nothing else more.
    The admin is reached only by two-factor-verified staff (lms.people.two_factor).
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.config = parts.config or settings.WAGTAIL_ADMIN_CONTENT_SECURITY_POLICY
        return parts


# Sign-in attempts (passwords and two-factor codes) per client address in 10 minutes. axes
# locks one account after 5 failures; this slows one address trying many accounts.
SIGN_IN_PATHS = (
    "/accounts/login/",
    "/admin/login/",
    "/django-admin/login/",
    "/accounts/two-factor/",
)
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


def _body_limit(path: str) -> int:
    for prefix, limit in settings.REQUEST_BODY_MAX_BYTES_BY_PATH.items():
        if path.startswith(prefix):
            return limit
    return settings.REQUEST_BODY_MAX_BYTES


class RequestBodyLimitMiddleware:
    """Refuse a request body that is too large from its Content-Length, before reading it.

    Django reads a whole multipart body (spooling files to disk) before any view can look at
    the size, so a 60 MB POST to /verify/ was read in full before the 10 MB refusal. Here the
    declared length decides, and the body is never touched: 413 with a page saying the
    limit. Django never reads past Content-Length, so the declared length bounds what is read;
    lms.core.uploads.CappedUploadHandler caps each file as well.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared)
        except ValueError:
            length = -1
        if length < 0:
            return HttpResponseBadRequest(render_to_string("400.html"))
        if length > _body_limit(request.path_info):
            return HttpResponse(render_to_string("413.html"), status=413)
        return self.get_response(request)


class PrivatePagesMiddleware:
    """`Cache-Control: private, no-store` on every response to a signed-in person.

    Signed-in pages show personal data (progress, credentials, supervision records, HR
    statuses); neither a shared proxy nor the browser's disk cache (a shared computer's Back
    button after sign-out) may keep a copy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        try:
            signed_in = user is not None and user.is_authenticated
        except DatabaseError:  # the database went away: mark the response private anyway
            signed_in = True
        if signed_in:
            patch_cache_control(response, private=True, no_store=True)
        return response
