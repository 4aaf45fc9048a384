from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


@never_cache
@require_GET
def healthz(request):
    """Public readiness probe: only service states, nothing about people or content."""
    checks = {"database": health.database_status(), "broker": health.broker_status()}
    healthy = all(state in {"ok", "in-process"} for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )
