from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CECategory, CredentialType, Position


class CredentialTypeViewSet(SnippetViewSet):
    model = CredentialType
    icon = "tick-inverse"
    menu_label = "Credential types"
    list_display = ["name", "code", "issuer", "kind", "validity_rule"]
    list_filter = ["kind", "validity_rule"]
    search_fields = ["name", "code", "issuer"]


class CECategoryViewSet(SnippetViewSet):
    model = CECategory
    icon = "tag"
    menu_label = "CE categories"
    list_display = ["name", "slug"]


def _roles(position: Position) -> str:
    return ", ".join(sorted(group.name for group in position.applies_to_groups.all())) or "—"


class PositionViewSet(SnippetViewSet):
    model = Position
    icon = "group"
    menu_label = "Positions"
    # Which roles HR's matrix lists for the position, at a glance.
    list_display = [
        "name",
        Column("applies_to_groups", label="Applies to roles", accessor=_roles),
        "requires_supervisor",
        "requires_attestation",
    ]

    def get_queryset(self, request):
        return Position.objects.prefetch_related("applies_to_groups")


class CredentialsGroup(SnippetViewSetGroup):
    items = (CredentialTypeViewSet, CECategoryViewSet, PositionViewSet)
    menu_icon = "tick-inverse"
    menu_label = "Credentials"
    menu_name = "credentials"
    menu_order = 300


register_snippet(CredentialsGroup)
