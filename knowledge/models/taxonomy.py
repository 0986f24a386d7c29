"""The vocabularies case studies are described and filtered with.

Two kinds: managed taxonomies that editors grow (themes, land uses) and fixed reference lists
loaded by migrations (countries, IUCN ecosystems, SDGs, ILM elements). Every term is a row, and
pages link to terms through tables, so listing filters and facet counts are plain ORM queries.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from people.models import ILMElement


class TranslatedNameMixin(models.Model):
    """A term named in the four interface languages; English is required, the others fall back
    to it."""

    name = models.CharField(_("name (English)"), max_length=150)
    name_fr = models.CharField(_("name (French)"), max_length=150, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=150, blank=True)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=150, blank=True)

    name_panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("name_fr"), FieldPanel("name_es"), FieldPanel("name_pt")]),
    ]

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    @property
    def label(self):
        language = (get_language() or "en").split("-")[0]
        return getattr(self, f"name_{language}", "") or self.name


class Theme(TranslatedNameMixin):
    """A theme of the managed taxonomy (restoration, water security, finance...)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [*TranslatedNameMixin.name_panels, FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class LandUse(TranslatedNameMixin):
    """A land use in a landscape (cropland, grazing, forestry, settlements...)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    panels = [*TranslatedNameMixin.name_panels, FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("land use")
        verbose_name_plural = _("land uses")


class Ecosystem(TranslatedNameMixin):
    """A node of the IUCN Global Ecosystem Typology: realm → biome → functional group.

    Codes are the typology's own (``T``, ``T1``, ``T1.1``); ordering by ``sort_key`` walks the
    tree depth first.
    """

    class Level(models.TextChoices):
        REALM = "realm", _("Realm")
        BIOME = "biome", _("Biome")
        GROUP = "group", _("Functional group")

    code = models.CharField(_("code"), max_length=12, unique=True)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    sort_key = models.CharField(max_length=40, editable=False, db_index=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("level"),
        FieldPanel("parent"),
        *TranslatedNameMixin.name_panels,
    ]

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("ecosystem")
        verbose_name_plural = _("ecosystems")

    def __str__(self):
        return f"{self.code} {self.label}"

    def save(self, *args, **kwargs):
        self.sort_key = ecosystem_sort_key(self.code)
        super().save(*args, **kwargs)


# The typology's own order of realms: the four core realms, then the transitional ones.
REALM_ORDER = ["T", "S", "F", "M", "TF", "SF", "FM", "MT", "MFT", "SM"]


def ecosystem_sort_key(code):
    """Depth-first typology order: realms in the typology's order, then zero-padded numbers
    (``MT1.10`` after ``MT1.9``)."""
    realm = code.rstrip("0123456789.")
    numbers = code[len(realm) :].split(".") if code[len(realm) :] else []
    rank = REALM_ORDER.index(realm) if realm in REALM_ORDER else len(REALM_ORDER)
    return f"{rank:02d}{realm:<4}" + "".join(number.zfill(3) for number in numbers if number)


SDG_NAMES = {
    1: _("No poverty"),
    2: _("Zero hunger"),
    3: _("Good health and well-being"),
    4: _("Quality education"),
    5: _("Gender equality"),
    6: _("Clean water and sanitation"),
    7: _("Affordable and clean energy"),
    8: _("Decent work and economic growth"),
    9: _("Industry, innovation and infrastructure"),
    10: _("Reduced inequalities"),
    11: _("Sustainable cities and communities"),
    12: _("Responsible consumption and production"),
    13: _("Climate action"),
    14: _("Life below water"),
    15: _("Life on land"),
    16: _("Peace, justice and strong institutions"),
    17: _("Partnerships for the goals"),
}


class SDG(models.Model):
    """One of the 17 Sustainable Development Goals (rows 1–17, loaded by a migration)."""

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")

    def __str__(self):
        return f"{self.number}. {self.label}"

    @property
    def label(self):
        return SDG_NAMES.get(self.number, str(self.number))


class ILMElementTerm(models.Model):
    """One of the five elements of integrated landscape management (loaded by a migration)."""

    code = models.CharField(_("code"), max_length=32, primary_key=True, choices=ILMElement.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("ILM element")
        verbose_name_plural = _("ILM elements")

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return self.get_code_display()


class Country(models.Model):
    """A country (ISO 3166-1 alpha-2), named in the reader's language by django-countries."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return countries.name(self.code) or self.code
