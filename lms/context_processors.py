from django.conf import settings

from .navigation import navigation_for


def navigation(request):
    return {
        "nav_links": navigation_for(request.user),
        "hub_name": settings.HUB_NAME,
    }
