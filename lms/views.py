from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import health
from .models import AuditEntry
from .permissions import user_has_role
from .roles import Role
from .selectors import notifications_for
from .services import notifications_mark_read


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
    action = request.GET.get("action", "")
    if action:
        entries = entries.filter(action=action)
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    return render(
        request, "lms/audit.html", {"page_obj": page, "actions": list(actions), "action": action}
    )
