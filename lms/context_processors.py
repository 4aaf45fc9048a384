from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from lms.people.permissions import can_use_wagtail_admin

from .navigation import navigation_for


def navigation(request):
    # No user when a middleware before AuthenticationMiddleware refused the request.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "nav_links": navigation_for(user),
        "hub_name": settings.HUB_NAME,
        "hub_contact_email": settings.HUB_CONTACT_EMAIL,
        # Wagtail's user bar renders nothing for people without admin access, but asks the
        # database for their permissions to find that out (two queries on every page).
        "show_userbar": can_use_wagtail_admin(user),
    }
