"""Curricula: training material that institutes reuse. A curriculum holds modules; a module
holds timed sessions, handouts and case studies used as examples."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from people.models import SPOKEN_LANGUAGES

from .. import blocks
from ..cache import CachedPageMixin
from .case_studies import LicenceMixin
from .home import SectionIndexPage


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CurriculumIndexPage(CachedPageMixin, SectionIndexPage):
    """The list of curricula."""

    subpage_types = ["knowledge.CurriculumPage"]

    class Meta:
        verbose_name = _("curriculum index")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import curriculum_listing

        context = super().get_context(request, *args, **kwargs)
        context["curricula"] = curriculum_listing(self)
        return context


class CurriculumPage(CachedPageMixin, LicenceMixin, Page):  # noqa: DJ008 (Page names it)
    """A curriculum: who it is for, what they will learn, and its modules (child pages)."""

    summary = models.CharField(_("summary"), max_length=300)
    institute = models.ForeignKey(
        "people.TrainingInstitute",
        verbose_name=_("publishing institute"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="curricula",
    )
    audience = RichTextField(_("audience"), features=blocks.PLAIN_RICH_TEXT)
    learning_objectives = StreamField(
        [("objective", blocks.LearningObjectiveBlock())],
        verbose_name=_("learning objectives"),
    )
    duration_hours = models.DecimalField(
        _("duration (hours)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, blank=True)
    original_language = models.CharField(
        _("original language"), max_length=8, choices=SPOKEN_LANGUAGES, default="en"
    )
    prerequisites = RichTextField(_("prerequisites"), blank=True, features=blocks.PLAIN_RICH_TEXT)
    facilitator_notes = RichTextField(
        _("facilitator notes"), blank=True, features=blocks.PLAIN_RICH_TEXT
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("institute"),
        FieldPanel("audience"),
        FieldPanel("learning_objectives"),
        FieldRowPanel(
            [FieldPanel("duration_hours"), FieldPanel("level"), FieldPanel("original_language")]
        ),
        FieldPanel("prerequisites"),
        FieldPanel("facilitator_notes"),
        FieldPanel("licence"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.FilterField("level"),
    ]

    parent_page_types = ["knowledge.CurriculumIndexPage"]
    subpage_types = ["knowledge.CurriculumModulePage"]

    api_fields = [
        APIField("summary"),
        APIField("audience"),
        APIField("learning_objectives"),
        APIField("duration_hours"),
        APIField("level"),
        APIField("original_language"),
        APIField("prerequisites"),
        APIField("facilitator_notes"),
        APIField("licence"),
    ]

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")

    def modules(self):
        return (
            CurriculumModulePage.objects.child_of(self).live().public().specific().order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["modules"] = list(self.modules())
        return context


class CurriculumModulePage(CachedPageMixin, Page):
    """One module of a curriculum: timed sessions, handouts, and case studies as examples."""

    summary = models.CharField(_("summary"), max_length=300)
    learning_objectives = StreamField(
        [("objective", blocks.LearningObjectiveBlock())],
        blank=True,
        verbose_name=_("learning objectives"),
    )
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    sessions = StreamField(
        [("session", blocks.SessionBlock())], blank=True, verbose_name=_("sessions")
    )
    facilitator_notes = RichTextField(
        _("facilitator notes"), blank=True, features=blocks.PLAIN_RICH_TEXT
    )
    handouts = StreamField(
        [("document", blocks.DocumentBlock())], blank=True, verbose_name=_("handouts")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        FieldPanel("duration_minutes"),
        FieldPanel("sessions"),
        FieldPanel("facilitator_notes"),
        FieldPanel("handouts"),
        InlinePanel("examples", label=_("Case studies used as examples")),
    ]

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["knowledge.CurriculumPage"]
    subpage_types = []

    api_fields = [
        APIField("summary"),
        APIField("learning_objectives"),
        APIField("duration_minutes"),
        APIField("sessions"),
        APIField("facilitator_notes"),
        APIField("handouts"),
        APIField("examples"),
    ]

    class Meta:
        verbose_name = _("curriculum module")
        verbose_name_plural = _("curriculum modules")

    @property
    def planned_minutes(self):
        """The sum of the sessions' activity timings (what a facilitator actually plans)."""
        return sum(
            activity["minutes"] or 0
            for session in self.sessions
            for activity in session.value["activities"]
        )

    def get_context(self, request, *args, **kwargs):
        from ..selectors import module_examples

        context = super().get_context(request, *args, **kwargs)
        curriculum = self.get_parent().specific
        context["curriculum"] = curriculum
        context["siblings"] = list(curriculum.modules())
        context["examples"] = module_examples(self)
        return context


class CurriculumExample(Orderable):
    """A case study a module uses as an example; read backwards as "curricula that cite it"."""

    module = ParentalKey(CurriculumModulePage, on_delete=models.CASCADE, related_name="examples")
    case_study = models.ForeignKey(
        "knowledge.CaseStudyPage",
        verbose_name=_("case study"),
        on_delete=models.CASCADE,
        related_name="cited_by",
    )
    note = models.CharField(_("why this example"), max_length=300, blank=True)

    panels = [PageChooserPanel("case_study"), FieldPanel("note")]
    api_fields = [APIField("case_study"), APIField("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("example")
