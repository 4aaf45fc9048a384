"""The site navigation, built for the signed-in person's roles."""

from dataclasses import dataclass

from django.urls import reverse

from .permissions import can_use_wagtail_admin


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str


def navigation_for(user) -> list[NavLink]:
    links = [NavLink("Home", "/")]
    if not user.is_authenticated:
        return links
    if can_use_wagtail_admin(user):
        links.append(NavLink("Authoring admin", reverse("wagtailadmin_home")))
    return links
