"""Case studies and curricula in the network's search (see search/registry.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from search import registry
from search.pages import PageSearchType, field_text

from .models import SDG, CaseStudyPage, CurriculumPage, Theme


class CaseStudies(PageSearchType):
    name = "case_study"
    label = _("Case studies")
    model = CaseStudyPage

    def get_queryset(self):
        return (
            super().get_queryset().prefetch_related("themes", "countries", "sdgs", "ilm_elements")
        )

    def page_document(self, page):
        return {
            "summary": page.summary,
            "body": field_text(
                page,
                "problem",
                "process",
                "building_blocks",
                "outcomes",
                "challenges",
                "beneficiaries",
                "lessons_learned",
            ),
            "facets": {
                "theme": [theme.slug for theme in page.themes.all()],
                "country": [country.code for country in page.countries.all()],
                "region": [page.region] if page.region else [],
                "sdg": [str(sdg.number) for sdg in page.sdgs.all()],
                "ilm": [element.code for element in page.ilm_elements.all()],
            },
        }


class Curricula(PageSearchType):
    name = "curriculum"
    label = _("Curricula")
    model = CurriculumPage

    def page_document(self, page):
        return {
            "summary": page.summary,
            "body": field_text(page, "audience", "learning_objectives", "prerequisites"),
        }


def theme_labels(values):
    return {theme.slug: theme.label for theme in Theme.objects.filter(slug__in=list(values))}


def sdg_labels(values):
    numbers = [int(v) for v in values if str(v).isdigit()]
    return {str(sdg.number): str(sdg) for sdg in SDG.objects.filter(number__in=numbers)}


registry.register(CaseStudies())
registry.register(Curricula())
registry.register_facet(registry.Facet("theme", _("Theme"), theme_labels, order=20))
registry.register_facet(
    registry.Facet("sdg", pgettext_lazy("facet", "Sustainable Development Goal"), sdg_labels, 60)
)
