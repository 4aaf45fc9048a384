"""Supervision's settings in the Wagtail admin: each credential type's supervision ratio."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SupervisionRatio


class SupervisionRatioViewSet(SnippetViewSet):
    model = SupervisionRatio
    icon = "group"
    menu_label = "Supervision ratios"
    add_to_admin_menu = False
    list_display = ["credential_type", "hours_worked_per_hour", "source"]


register_snippet(SupervisionRatioViewSet)
