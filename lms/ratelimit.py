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


PASSWORD_RESET_WINDOW_SECONDS = 3600


def password_reset_allowed(request, *, email: str) -> bool:
    """Count a password-reset request against its client address and the account it names
    (or the normalised address when no account has it); False once either is over its
    limit for the hour. Both counts always move, so the answer says nothing about which.
    """
    from .emails import normalise_email
    from .models import User

    email = normalise_email(email)
    account = User.objects.by_email(email).values_list("pk", flat=True).first()
    per_client = count_hit(
        scope="password-reset-client",
        identity=client_address(request),
        window_seconds=PASSWORD_RESET_WINDOW_SECONDS,
    )
    per_account = count_hit(
        scope="password-reset-account",
        identity=f"account:{account}" if account is not None else f"email:{email}",
        window_seconds=PASSWORD_RESET_WINDOW_SECONDS,
    )
    return (
        per_client <= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
        and per_account <= settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT
    )
