"""The searchable types, facets and reader tokens, as each app declares them in its search.py.

    # knowledge/search.py
    from search import registry

    class CaseStudies(registry.SearchType):
        name = "case_study"
        label = _("Case studies")
        model = CaseStudyPage
        def get_queryset(self): ...
        def document(self, page): ...   # a search.documents.Document, or None

    registry.register(CaseStudies())

`search` imports nothing of the other apps: it only walks this registry.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise

from .documents import PUBLIC, SIGNED_IN


class SearchType:
    """How one model becomes search documents.

    name        the type's key in the index and in URLs ("case_study")
    label       shown in the type facet ("Case studies")
    model       saving or deleting one of these re-indexes it after the commit
    page_type   True for Wagtail pages: publishing, moving and view restrictions re-index them
    depends_on  [(model, function(instance) -> ids of this type)]: other models whose
                changes change this type's documents (a person's expertise tags)
    """

    name: str = ""
    label: str | Promise = ""
    model = None
    page_type = False
    depends_on: list[tuple[type, Callable]] = []

    def get_queryset(self):
        """Every candidate, with what document() reads prefetched. It may hold objects that
        are not searchable (document() says None for those)."""
        return self.model._default_manager.all()

    def document(self, obj):
        """The Document for obj, or None when it must not be found (a draft, a private
        profile)."""
        raise NotImplementedError

    def documents(self, ids):
        """{id: Document or None} for these ids; ids that no longer exist map to None."""
        ids = [str(i) for i in ids]
        found = {str(obj.pk): obj for obj in self.get_queryset().filter(pk__in=ids)}
        return {i: (self.document(found[i]) if i in found else None) for i in ids}


@dataclass(frozen=True)
class Facet:
    """A facet shown with counts. `labels(values)` returns {value: label} in the active
    language; values it does not know are shown as they are."""

    name: str
    label: str | Promise
    labels: Callable[[Iterable[str]], dict]
    # Position on the search page (smaller first).
    order: int = 100


_types: dict[str, SearchType] = {}
_facets: dict[str, Facet] = {}
_principal_sources: list[Callable] = []


def register(search_type):
    if not search_type.name or search_type.model is None:
        raise ValueError(f"{search_type!r} needs a name and a model")
    _types[search_type.name] = search_type
    return search_type


def register_facet(facet):
    _facets[facet.name] = facet
    return facet


def register_principals(source):
    """source(user) -> iterable of visibility tokens the signed-in user holds (the
    partnerships they belong to, say)."""
    _principal_sources.append(source)
    return source


def types():
    return dict(_types)


def get_type(name):
    return _types[name]


def types_for_model(model):
    """The registered types a model (or one of its parents) is indexed as."""
    return [t for t in _types.values() if issubclass(model, t.model)]


def facets():
    return sorted(_facets.values(), key=lambda f: (f.order, f.name))


def get_facet(name):
    return _facets.get(name)


def principals_for(user):
    """The visibility tokens a reader holds; None means every document (a superuser)."""
    if user is None or not user.is_authenticated:
        return [PUBLIC]
    if user.is_superuser:
        return None
    tokens = {PUBLIC, SIGNED_IN, f"user:{user.pk}"}
    tokens.update(f"group:{pk}" for pk in user.groups.values_list("pk", flat=True))
    for source in _principal_sources:
        tokens.update(source(user))
    return sorted(tokens)
