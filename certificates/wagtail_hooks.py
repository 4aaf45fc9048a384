from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CECategory, CERuleVersion, CredentialType


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


class CERuleVersionViewSet(SnippetViewSet):
    """Each credential type's CE rules, one version per effective date, with its source. A
    separate list, not inline on the type: a version holds its own inline category rules, and
    Wagtail's inline panels do not nest."""

    model = CERuleVersion
    icon = "date"
    menu_label = "CE rule versions"
    list_display = ["credential_type", "effective_from", "source_title", "hours_per_cycle"]
    list_filter = ["credential_type"]


class CredentialsGroup(SnippetViewSetGroup):
    items = (CredentialTypeViewSet, CERuleVersionViewSet, CECategoryViewSet)
    menu_icon = "tick-inverse"
    menu_label = "Credentials"
    menu_name = "credentials"
    menu_order = 300


register_snippet(CredentialsGroup)
