"""The site navigation, built for the signed-in person's roles."""

from dataclasses import dataclass

from django.urls import reverse

from lms.people.permissions import can_use_wagtail_admin, two_factor_required, user_has_role
from lms.people.roles import Role
from lms.people.selectors import unread_notification_count


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str


def navigation_for(user) -> list[NavLink]:
    links = [NavLink("Home", "/"), NavLink("Courses", "/courses/")]
    if not user.is_authenticated:
        return [*links, NavLink("Verify a certificate", reverse("certificates:verify"))]
    if user_has_role(user, Role.PEER):
        links += [
            NavLink("My learning", reverse("courses:dashboard")),
            NavLink("My certificates", reverse("certificates:mine")),
            NavLink("My CE", reverse("certificates:ce")),
        ]
    if user_has_role(user, Role.TRAINER, Role.LEAD_TRAINER, Role.ADMINISTRATOR):
        links.append(NavLink("My sessions", reverse("courses:sessions")))
    if user_has_role(user, Role.PEER):
        links.append(NavLink("My supervision", reverse("supervision:my_supervision")))
    if user_has_role(user, Role.SUPERVISOR, Role.ADMINISTRATOR):
        links += [
            NavLink("My supervisees", reverse("supervision:supervisor_dashboard")),
            NavLink("Reviews", reverse("certificates:review_queue")),
        ]
    if user_has_role(user, Role.TRAINER, Role.LEAD_TRAINER, Role.ADMINISTRATOR):
        links.append(NavLink("Course analytics", reverse("analytics:courses")))
    if user_has_role(user, Role.LEAD_TRAINER, Role.ADMINISTRATOR):
        links += [
            NavLink("Hub dashboard", reverse("analytics:hub")),
            NavLink("Funder report", reverse("analytics:funder_form")),
        ]
    if user_has_role(user, Role.SUPERVISOR, Role.ADMINISTRATOR):
        links.append(NavLink("Supervision charts", reverse("analytics:supervision")))
    if user_has_role(user, Role.HR, Role.ADMINISTRATOR):
        links += [
            NavLink("Prerequisites", reverse("hiring:hr_matrix")),
            NavLink("Supervisor assignments", reverse("supervision:assignments")),
        ]
    if user_has_role(user, Role.ADMINISTRATOR):
        links += [
            NavLink("Credentials", reverse("certificates:staff_credentials")),
            NavLink("Audit trail", reverse("audit")),
        ]
    unread = unread_notification_count(user=user)
    links.append(
        NavLink(
            f"Notifications ({unread})" if unread else "Notifications", reverse("notifications")
        )
    )
    if can_use_wagtail_admin(user):
        links.append(NavLink("Authoring admin", reverse("wagtailadmin_home")))
    if two_factor_required(user):
        links.append(NavLink("Two-factor sign-in", reverse("two_factor_recovery_codes")))
    return links
