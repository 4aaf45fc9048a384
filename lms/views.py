"""The project's own endpoints: liveness, readiness and the favicon. No person, no content."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


@never_cache
@require_GET
def ping(request):
    """Liveness: the process answers. No database, no session; also the load-test baseline."""
    return HttpResponse("pong", content_type="text/plain")


@never_cache
@require_GET
def healthz(request):
    """Public readiness probe: only service states, nothing about people or content."""
    checks = {"database": health.database_status(), "broker": health.broker_status()}
    healthy = all(state in {"ok", "in-process"} for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


@require_GET
def favicon(request):
    """/favicon.ico, which browsers and bots ask for whatever the page's <link rel=icon> says."""
    return redirect(static("img/favicon.svg"), permanent=True)
