from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class PeopleConfig(AppConfig):
    """People: accounts, roles, who supervises whom, notifications and the audit trail.

    The label stays "lms" (the app's name before it moved into lms/people), so its tables
    (lms_user, …), its migration history and AUTH_USER_MODEL ("lms.User") are unchanged:
    docs/decisions/0006-layers.md.
    """

    default = True
    name = "lms.people"
    label = "lms"
    verbose_name = "People and roles"


class PeopleUsersAppConfig(WagtailUsersAppConfig):
    """wagtail.users, with forms for the hub's user model (preferred and certificate names)."""

    user_viewset = "lms.people.admin_viewsets.UserViewSet"
