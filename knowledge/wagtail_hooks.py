"""The knowledge hub in the Wagtail admin: the managed taxonomies editors grow (themes, land
uses) and the ecosystem typology, grouped under "Taxonomies". Countries, SDGs and ILM elements
are fixed lists loaded by migrations and need no admin.

Case studies submitted from the site need no hook: they are pages in Wagtail's own moderation
workflow, reviewed from the dashboard like any other page."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Ecosystem, LandUse, Theme

NAME_SEARCH = ["name", "name_fr", "name_es", "name_pt"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug"]
    search_fields = [*NAME_SEARCH, "slug"]


class LandUseViewSet(SnippetViewSet):
    model = LandUse
    icon = "site"
    menu_label = _("Land uses")
    list_display = ["name", "slug"]
    search_fields = [*NAME_SEARCH, "slug"]


class EcosystemViewSet(SnippetViewSet):
    model = Ecosystem
    icon = "globe"
    menu_label = _("Ecosystems")
    list_display = ["code", "name", "level"]
    list_filter = ["level"]
    search_fields = ["code", *NAME_SEARCH]
    list_per_page = 50


class TaxonomiesGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, LandUseViewSet, EcosystemViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomies")
    menu_name = "taxonomies"


register_snippet(TaxonomiesGroup)
