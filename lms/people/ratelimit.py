"""Rate limits that know about accounts (the generic counter is lms.core.ratelimit)."""

from django.conf import settings

from lms.core.ratelimit import client_address, count_hit

from .emails import normalise_email
from .models import User

PASSWORD_RESET_WINDOW_SECONDS = 3600


def password_reset_allowed(request, *, email: str) -> bool:
    """Count a password-reset request against its client address and the account it names
    (or the normalised address when no account has it); False once either is over its
    limit for the hour. Both counts always move, so the answer says nothing about which.
    """
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


def axes_username(request, credentials) -> str | None:
    """What a sign-in's lockout is keyed on: the account, when the typed email names one.

    However the email is spelled (case, full-width letters, long s), it is normalised once
    (lms.people.emails) and, when an account has that address, the key is the account itself, so
    every spelling shares one count. An address without an account is keyed on its
    normalised spelling (its guesses can't sign anyone in).
    """
    typed = (credentials or {}).get("username") or request.POST.get("username")
    if not isinstance(typed, str):
        return None
    email = normalise_email(typed)
    account = User.objects.by_email(email).values_list("pk", flat=True).first() if email else None
    return f"account:{account}" if account is not None else email
