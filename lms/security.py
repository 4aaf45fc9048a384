"""Small security hooks wired in settings."""


def axes_username(request, credentials) -> str | None:
    """The email a sign-in is for, lower-cased, so changing its case does not dodge the lockout."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return username.strip().lower() if isinstance(username, str) else None
