from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class LmsConfig(AppConfig):
    default = True
    name = "lms"
    verbose_name = "People and roles"


class LmsUsersAppConfig(WagtailUsersAppConfig):
    """wagtail.users, with forms for the hub's user model (preferred and certificate names)."""

    user_viewset = "lms.admin_viewsets.UserViewSet"
