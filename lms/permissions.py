"""Who may do what, for people and roles. Views ask here; they never check groups themselves."""

from django.db.models import Q

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


def two_factor_required(user) -> bool:
    """Everyone who can reach an admin (Wagtail's or Django's) signs in with a second factor."""
    return can_use_wagtail_admin(user) or (user.is_authenticated and user.is_staff)


def _supervises_now(user, learner) -> bool:
    """A current assignment (the one definition: over the moment it is ended). Checked with
    the object permission, so access never outlives the assignment, even if removing the
    permission (the end service, the daily job) has not happened yet."""
    from .selectors import is_current_supervisor

    return is_current_supervisor(supervisor=user, peer=learner)


def can_view_learner_record(user, learner) -> bool:
    """A peer's own record, an administrator, or a current supervisor (guardian object perm
    and a current assignment)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.pk == learner.pk or user_has_role(user, Role.ADMINISTRATOR):
        return True
    return user.has_perm("lms.view_learner_record", learner) and _supervises_now(user, learner)


def can_review_learner_evidence(user, learner) -> bool:
    if not user.is_authenticated or not user.is_active or user.pk == learner.pk:
        return False
    if user_has_role(user, Role.ADMINISTRATOR):
        return True
    return user.has_perm("lms.review_learner_evidence", learner) and _supervises_now(user, learner)


def _currently_supervised_by(user):
    from .models import SupervisorAssignment

    return SupervisorAssignment.objects.current().filter(supervisor=user).values("peer_id")


def learner_records_visible_to(user):
    """The people whose records `user` may see (the queryset half of can_view_learner_record)."""
    from guardian.shortcuts import get_objects_for_user

    from .models import User

    if not user.is_authenticated:
        return User.objects.none()
    if user_has_role(user, Role.ADMINISTRATOR):
        return User.objects.all()
    supervised = get_objects_for_user(
        user, "lms.view_learner_record", klass=User, accept_global_perms=False
    ).filter(pk__in=_currently_supervised_by(user))
    return User.objects.filter(Q(pk=user.pk) | Q(pk__in=supervised.values("pk")))


def supervisees_of(user):
    """The peers `user` currently supervises, through their object permissions."""
    from guardian.shortcuts import get_objects_for_user

    from .models import User

    if not user.is_authenticated:
        return User.objects.none()
    return (
        get_objects_for_user(user, "lms.view_learner_record", klass=User, accept_global_perms=False)
        .filter(pk__in=_currently_supervised_by(user))
        .exclude(pk=user.pk)
    )


def can_manage_people(user) -> bool:
    """Record attestations, assign supervisors (HR for attestations; administrators for all)."""
    return user_has_role(user, Role.HR, Role.ADMINISTRATOR)
