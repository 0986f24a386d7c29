"""Wagtail pages of the knowledge hub. The home page is the root of the site in every locale;
case studies and curricula hang below it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ..cache import CachedPageMixin


class HomePage(CachedPageMixin, Page):
    """The network's front page: what it is, and the ways in (learn, discuss, find)."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(
        _("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from people.models import Partnership

        context = super().get_context(request, *args, **kwargs)
        context["partnerships"] = Partnership.objects.order_by("-created_at")[:3]
        return context


class SectionIndexPage(Page):
    """A section under the home page (the case-study library, the curricula): an introduction
    above the list of its pages. One of each per home page."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["knowledge.HomePage"]
    max_count_per_parent = 1

    api_fields = [APIField("intro")]

    class Meta:
        abstract = True
