"""Case studies: what a landscape partnership did, where, and what came of it."""

import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from people import geo
from people.models import SPOKEN_LANGUAGES, Region
from people.permissions import is_practitioner

from .. import blocks
from ..cache import CachedListingPageMixin, CachedPageMixin
from ..fields import ChoiceListField
from .home import SectionIndexPage

OLD_AFTER_YEARS = 5
TERM_RELATIONS = (
    "partnerships",
    "countries",
    "themes",
    "ecosystems",
    "land_uses",
    "sdgs",
    "ilm_elements",
)


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "CC-BY-NC-4.0", "CC BY-NC 4.0"
    CC_BY_NC_SA = "CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"
    CC0 = "CC0-1.0", "CC0 1.0"
    RESERVED = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class LicenceMixin(models.Model):  # noqa: DJ008
    licence = models.CharField(
        _("licence"), max_length=24, choices=Licence.choices, default=Licence.CC_BY
    )

    class Meta:
        abstract = True

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")


BENEFITS = [
    ("human-well-being", _("Human well-being")),
    ("healthy-nature", _("Healthy nature")),
    ("regenerative-economy", _("Regenerative economy")),
    ("inspiration", _("Inspiration")),
]
ZONES = [
    ("natural-habitats", _("Natural habitats")),
    ("regenerative-production", _("Regenerative production")),
    ("settlements-infrastructure", _("Sustainable settlements and infrastructure")),
]


class CaseStudyIndexPage(CachedListingPageMixin, SectionIndexPage):
    """The library of case studies: facets, a map of their places, pagination."""

    subpage_types = ["knowledge.CaseStudyPage"]

    class Meta:
        verbose_name = _("case study index")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import case_study_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(case_study_listing(index=self, params=request.GET))
        # False for anonymous visitors without a query, so their pages stay cacheable.
        context["can_submit_case_study"] = is_practitioner(request.user)
        return context


class CaseStudyPage(CachedPageMixin, LicenceMixin, Page):  # noqa: DJ008 (Page names it)
    """One case study. Lives under the case study index; links partnerships and taxonomy terms
    through tables that listings filter and count on."""

    class Kind(models.TextChoices):
        FULL = "full", _("Full case study")
        SNAPSHOT = "snapshot", _("Snapshot")

    class Scale(models.TextChoices):
        LOCAL = "local", _("Local")
        SUBNATIONAL = "subnational", _("Subnational")
        NATIONAL = "national", _("National")
        TRANSBOUNDARY = "transboundary", _("Transboundary")

    class AreaType(models.TextChoices):
        RURAL = "rural", _("Rural")
        PERI_URBAN = "peri-urban", _("Peri-urban")
        URBAN = "urban", _("Urban")

    # Identity
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("Shown in listings and search results.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gallery = StreamField(
        [("image", blocks.GalleryImageBlock())], blank=True, verbose_name=_("gallery")
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.FULL)
    original_language = models.CharField(
        _("original language"), max_length=8, choices=SPOKEN_LANGUAGES, default="en"
    )
    published_on = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Left empty, the date it is first published on this site."),
    )

    # Place
    partnerships = ParentalManyToManyField(
        "people.Partnership",
        blank=True,
        related_name="case_studies",
        verbose_name=_("partnerships"),
    )
    countries = ParentalManyToManyField(
        "knowledge.Country", blank=True, related_name="case_studies", verbose_name=_("countries")
    )
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    boundary = models.JSONField(
        _("boundary (GeoJSON)"),
        null=True,
        blank=True,
        help_text=_("A GeoJSON Polygon or MultiPolygon in WGS84 longitude/latitude."),
    )
    area_ha = models.DecimalField(
        _("area (hectares)"),
        max_digits=14,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Left empty, it is measured from the boundary."),
    )
    scale = models.CharField(_("scale"), max_length=16, choices=Scale.choices, blank=True)
    area_type = models.CharField(
        _("area type"), max_length=16, choices=AreaType.choices, blank=True
    )

    # Context
    ecosystems = ParentalManyToManyField(
        "knowledge.Ecosystem", blank=True, related_name="case_studies", verbose_name=_("ecosystems")
    )
    land_uses = ParentalManyToManyField(
        "knowledge.LandUse", blank=True, related_name="case_studies", verbose_name=_("land uses")
    )
    themes = ParentalManyToManyField(
        "knowledge.Theme", blank=True, related_name="case_studies", verbose_name=_("themes")
    )
    sdgs = ParentalManyToManyField(
        "knowledge.SDG", blank=True, related_name="case_studies", verbose_name=_("SDGs")
    )
    challenges = RichTextField(
        _("challenges addressed"), blank=True, features=blocks.PLAIN_RICH_TEXT
    )
    beneficiaries = RichTextField(_("beneficiaries"), blank=True, features=blocks.PLAIN_RICH_TEXT)

    # The 1000L frame
    ilm_elements = ParentalManyToManyField(
        "knowledge.ILMElementTerm",
        blank=True,
        related_name="case_studies",
        verbose_name=_("ILM elements covered"),
    )
    benefits = ChoiceListField(_("benefits"), choices_list=BENEFITS)
    zones = ChoiceListField(_("zones"), choices_list=ZONES)

    # Story
    problem = RichTextField(_("problem"), blank=True, features=blocks.PLAIN_RICH_TEXT)
    process = RichTextField(_("process"), blank=True, features=blocks.PLAIN_RICH_TEXT)
    building_blocks = StreamField(
        [("building_block", blocks.BuildingBlockBlock())],
        blank=True,
        verbose_name=_("building blocks"),
    )
    outcomes = RichTextField(_("outcomes"), blank=True, features=blocks.PLAIN_RICH_TEXT)
    impact_indicators = StreamField(
        [("indicator", blocks.ImpactIndicatorBlock())],
        blank=True,
        verbose_name=_("impact indicators"),
    )
    finance = StreamField(
        [("source", blocks.FinanceBlock())], blank=True, verbose_name=_("finance")
    )
    actors = StreamField([("actor", blocks.ActorBlock())], blank=True, verbose_name=_("actors"))
    lessons_learned = RichTextField(
        _("lessons learned"), blank=True, features=blocks.PLAIN_RICH_TEXT
    )
    resources = StreamField(
        [("document", blocks.DocumentBlock()), ("link", blocks.LinkBlock())],
        blank=True,
        verbose_name=_("documents and links"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("original_language")]),
        FieldPanel("published_on"),
        FieldPanel("hero_image"),
        FieldPanel("gallery"),
    ]
    story_panels = [
        FieldPanel("problem"),
        FieldPanel("process"),
        FieldPanel("building_blocks"),
        FieldPanel("outcomes"),
        FieldPanel("impact_indicators"),
        FieldPanel("finance"),
        FieldPanel("actors"),
        FieldPanel("lessons_learned"),
        FieldPanel("resources"),
    ]
    place_panels = [
        FieldPanel("partnerships"),
        FieldPanel("countries"),
        FieldPanel("region"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Point")),
        FieldPanel("boundary"),
        FieldPanel("area_ha"),
        FieldRowPanel([FieldPanel("scale"), FieldPanel("area_type")]),
    ]
    context_panels = [
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("ecosystems"),
        FieldPanel("land_uses", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
        FieldPanel("challenges"),
        FieldPanel("beneficiaries"),
        MultiFieldPanel(
            [
                FieldPanel("ilm_elements", widget=forms.CheckboxSelectMultiple),
                FieldPanel("benefits"),
                FieldPanel("zones"),
            ],
            heading=_("The 1000 Landscapes frame"),
        ),
    ]
    settings_panels = [FieldPanel("licence"), *Page.settings_panels]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Identity")),
            ObjectList(story_panels, heading=_("Story")),
            ObjectList(place_panels, heading=_("Place")),
            ObjectList(context_panels, heading=_("Context")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("problem"),
        index.SearchField("process"),
        index.SearchField("outcomes"),
        index.SearchField("lessons_learned"),
        index.FilterField("region"),
        index.FilterField("original_language"),
        index.FilterField("published_on"),
    ]

    parent_page_types = ["knowledge.CaseStudyIndexPage"]
    subpage_types = []

    api_fields = [
        APIField("summary"),
        APIField("kind"),
        APIField("original_language"),
        APIField("published_on"),
        APIField("hero_image"),
        APIField("region"),
        APIField("point"),
        APIField("boundary"),
        APIField("area_ha"),
        APIField("scale"),
        APIField("area_type"),
        APIField("country_codes"),
        APIField("theme_slugs"),
        APIField("ecosystem_codes"),
        APIField("sdg_numbers"),
        APIField("ilm_element_codes"),
        APIField("benefits"),
        APIField("zones"),
        APIField("problem"),
        APIField("process"),
        APIField("building_blocks"),
        APIField("outcomes"),
        APIField("impact_indicators"),
        APIField("finance"),
        APIField("actors"),
        APIField("lessons_learned"),
        APIField("resources"),
        APIField("licence"),
        APIField("citation"),
    ]

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    # --- validation and derived values -----------------------------------------------------

    def save(self, *args, **kwargs):
        if self.live and self.published_on is None:
            self.published_on = timezone.localdate()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Enter both latitude and longitude, or neither."))
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": _("Latitude must be between -90 and 90.")})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError({"longitude": _("Longitude must be between -180 and 180.")})
        if self.boundary:
            try:
                self.boundary = geo.clean_boundary(self.boundary)
            except ValidationError as error:
                raise ValidationError({"boundary": error.messages}) from error
            if self.area_ha is None:
                # Measured here rather than in save(): drafts (save_revision) are cleaned too.
                # Through str: a float's binary digits would not fit the one decimal place.
                area = geo.area_hectares(self.boundary)
                self.area_ha = Decimal(str(area)).quantize(Decimal("0.1"))

    @property
    def point(self):
        if self.latitude is None or self.longitude is None:
            return None
        return {"type": "Point", "coordinates": [self.longitude, self.latitude]}

    @property
    def date(self):
        """The date shown and sorted on: the stated publication date, else the first one here."""
        if self.published_on:
            return self.published_on
        if self.first_published_at:
            return self.first_published_at.date()
        return None

    @property
    def is_old(self):
        date = self.date
        if date is None:
            return False
        today = timezone.localdate()
        try:
            threshold = today.replace(year=today.year - OLD_AFTER_YEARS)
        except ValueError:  # 29 February
            threshold = today.replace(year=today.year - OLD_AFTER_YEARS, day=28)
        return date < threshold

    @cached_property
    def country_codes(self):
        return [country.code for country in self.countries.all()]

    @cached_property
    def theme_slugs(self):
        return [theme.slug for theme in self.themes.all()]

    @cached_property
    def ecosystem_codes(self):
        return [ecosystem.code for ecosystem in self.ecosystems.all()]

    @cached_property
    def sdg_numbers(self):
        return [sdg.number for sdg in self.sdgs.all()]

    @cached_property
    def ilm_element_codes(self):
        return [element.code for element in self.ilm_elements.all()]

    def benefit_labels(self):
        return self._meta.get_field("benefits").labels(self.benefits)

    def zone_labels(self):
        return self._meta.get_field("zones").labels(self.zones)

    @property
    def citation(self):
        """A suggested citation: partnerships (or the site), year, title, site, URL."""
        authors = ", ".join(p.name for p in self.partnerships.all()) or str(settings.SITE_NAME)
        date = self.date or datetime.date.today()
        url = self.full_url or ""
        return f"{authors} ({date.year}). {self.title}. {settings.SITE_NAME}. {url}".strip()

    def get_context(self, request, *args, **kwargs):
        from ..selectors import case_study_related

        # The terms are read by the template, the citation and the JSON-LD: load them once.
        # Not in a preview, whose terms are the draft's, held in memory by modelcluster.
        if not getattr(request, "is_preview", False):
            prefetch_related_objects([self], *TERM_RELATIONS)
        context = super().get_context(request, *args, **kwargs)
        context.update(case_study_related(self))
        return context
