"""The facets every document has: its type and its language."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import registry
from .documents import LANGUAGE_FACET, TYPE_FACET


def type_labels(values):
    types = registry.types()
    return {v: str(types[v].label) for v in values if v in types}


def language_labels(values):
    names = dict(settings.LANGUAGES)
    return {v: names.get(v, v) for v in values}


registry.register_facet(registry.Facet(TYPE_FACET, _("Type"), type_labels, order=0))
registry.register_facet(registry.Facet(LANGUAGE_FACET, _("Language"), language_labels, order=10))
