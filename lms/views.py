from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import health
from .selectors import notifications_for
from .services import notifications_mark_read


@never_cache
@require_GET
def healthz(request):
    """Public readiness probe: only service states, nothing about people or content."""
    checks = {"database": health.database_status(), "broker": health.broker_status()}
    healthy = all(state in {"ok", "in-process"} for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


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
