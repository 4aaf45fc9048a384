"""Who may do what, for people and roles. Views ask here; they never check groups themselves."""

from .roles import ADMIN_ROLES, Role


def user_role_names(user) -> frozenset[str]:
    """The user's role (group) names, read once per user object (so once per request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def user_has_role(user, *roles: Role) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser and Role.ADMINISTRATOR in roles:
        return True
    return bool(user_role_names(user).intersection(roles))


def can_use_wagtail_admin(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user_has_role(user, *ADMIN_ROLES))
