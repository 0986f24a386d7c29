"""Partnerships and institutes in the Wagtail admin, for editors who look after the directory.
Memberships are changed on the site, through the services that keep the last-manager rule."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Partnership, TrainingInstitute


class PartnershipViewSet(SnippetViewSet):
    model = Partnership
    icon = "group"
    menu_label = _("Partnerships")
    list_display = ["name", "region", "ilm_element", "join_policy"]
    list_filter = ["region", "ilm_element", "join_policy"]
    search_fields = ["name", "description"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("countries"),
        FieldPanel("region"),
        FieldPanel("ilm_element"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("join_policy"),
    ]


class InstituteViewSet(SnippetViewSet):
    model = TrainingInstitute
    icon = "site"
    menu_label = _("Training institutes")
    list_display = ["name", "country"]
    search_fields = ["name", "description"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("country"),
        FieldPanel("website"),
        FieldPanel("logo"),
        InlinePanel("staff_roles", heading=_("Staff"), label=_("Staff member")),
    ]


class OrganisationsGroup(SnippetViewSetGroup):
    items = (PartnershipViewSet, InstituteViewSet)
    menu_icon = "group"
    menu_label = _("Organisations")
    menu_name = "organisations"


register_snippet(OrganisationsGroup)
