from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CECategory, CredentialType


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


class CredentialsGroup(SnippetViewSetGroup):
    items = (CredentialTypeViewSet, CECategoryViewSet)
    menu_icon = "tick-inverse"
    menu_label = "Credentials"
    menu_name = "credentials"
    menu_order = 300


register_snippet(CredentialsGroup)
