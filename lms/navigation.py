"""The site navigation, built for the signed-in person's roles."""

from dataclasses import dataclass

from django.urls import reverse

from .permissions import can_use_wagtail_admin, user_has_role
from .roles import Role
from .selectors import unread_notification_count


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
    if user_has_role(user, Role.ADMINISTRATOR):
        links.append(NavLink("CE reviews", reverse("certificates:ce_review_queue")))
    unread = unread_notification_count(user=user)
    links.append(
        NavLink(
            f"Notifications ({unread})" if unread else "Notifications", reverse("notifications")
        )
    )
    if can_use_wagtail_admin(user):
        links.append(NavLink("Authoring admin", reverse("wagtailadmin_home")))
    return links
