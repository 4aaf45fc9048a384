"""A fixed-window rate limit per client, kept in the shared cache (Redis in production)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    if getattr(settings, "RATELIMIT_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()  # the address our own proxy saw
    return request.META.get("REMOTE_ADDR", "unknown")


def count_hit(*, scope: str, identity: str, window_seconds: int) -> int:
    """Count one hit for `identity` (a client, an account) in the current fixed window."""
    window = int(time.time() // window_seconds)
    hashed = hashlib.sha256(identity.encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{hashed}:{window}"
    cache.add(key, 0, timeout=window_seconds + 5)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds + 5)
        return 1


def rate_limited(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count this request; True once the client has made more than `limit` in the window."""
    count = count_hit(scope=scope, identity=client_address(request), window_seconds=window_seconds)
    return count > limit
