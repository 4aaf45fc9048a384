from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Position


def _roles(position: Position) -> str:
    return ", ".join(sorted(group.name for group in position.applies_to_groups.all())) or "—"


class PositionViewSet(SnippetViewSet):
    model = Position
    icon = "group"
    menu_label = "Positions"
    add_to_admin_menu = True
    menu_order = 310  # after Credentials
    # Which roles HR's matrix lists for the position, at a glance.
    list_display = [
        "name",
        Column("applies_to_groups", label="Applies to roles", accessor=_roles),
        "requires_supervisor",
        "requires_attestation",
    ]

    def get_queryset(self, request):
        return Position.objects.prefetch_related("applies_to_groups")


register_snippet(PositionViewSet)
