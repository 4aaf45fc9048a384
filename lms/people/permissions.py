"""Who may do what, for people and roles. Views ask here; they never check groups themselves."""

from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q
from guardian.shortcuts import get_objects_for_user

from .models import SupervisorAssignment, User
from .roles import ADMIN_ROLES, Role
from .selectors import is_current_supervisor


def _role_facts(user) -> tuple[frozenset[str], bool]:
    """The user's group names, and whether Wagtail's admin access ("wagtailadmin.access_admin")
    is theirs through any group or directly: one query, once per user object (per request)."""
    cached = getattr(user, "_role_facts", None)
    if cached is None:
        access = Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        rows = User.objects.filter(pk=user.pk).values_list(
            "groups__name",
            Exists(access.filter(group__user=OuterRef("pk"))),
            Exists(access.filter(user=OuterRef("pk"))),
        )
        names = frozenset(name for name, _, _ in rows if name)
        reaches_admin = any(via_group or direct for _, via_group, direct in rows)
        cached = (names, reaches_admin)
        user._role_facts = cached
    return cached


def user_role_names(user) -> frozenset[str]:
    """The user's role (group) names, read once per user object (so once per request)."""
    if not user.is_authenticated:
        return frozenset()
    return _role_facts(user)[0]


def has_admin_access_permission(user) -> bool:
    """Wagtail's own test for its admin (`access_admin`), through any group of any name."""
    return user.is_authenticated and user.is_active and _role_facts(user)[1]


def user_has_role(user, *roles: Role) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser and Role.ADMINISTRATOR in roles:
        return True
    return bool(user_role_names(user).intersection(roles))


def can_use_wagtail_admin(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or has_admin_access_permission(user) or user_has_role(user, *ADMIN_ROLES)
    )


def two_factor_required(user) -> bool:
    """Everyone who can reach any admin signs in with a second factor: Wagtail's (its
    `access_admin` permission, from a group of any name or given directly, or an admin role)
    and Django's (staff), and every superuser. Decided by access, never by a group's name."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or can_use_wagtail_admin(user)


def _supervises_now(user, learner) -> bool:
    """A current assignment (the one definition: over the moment it is ended). Checked with
    the object permission, so access never outlives the assignment, even if removing the
    permission (the end service, the daily job) has not happened yet."""
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
    return SupervisorAssignment.objects.current().filter(supervisor=user).values("peer_id")


def learner_records_visible_to(user):
    """The people whose records `user` may see (the queryset half of can_view_learner_record)."""
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
