"""Searching, as views and the API ask for it: the reader's tokens are worked out here, so no
caller can forget them."""

from django.conf import settings
from django.utils.translation import get_language

from . import registry
from .backends import get_backend
from .documents import Query

MAX_PAGE = 50  # deep pages are for crawlers; people refine instead
MAX_QUERY_LENGTH = 200
MAX_FILTER_VALUES = 10  # values of one facet
MAX_FILTER_VALUE_LENGTH = 64


def clean_filters(filters):
    """Only registered facets, values cut to MAX_FILTER_VALUE_LENGTH, at most
    MAX_FILTER_VALUES each. The form refuses more with a message; this keeps any other
    caller within the same bounds."""
    known = {facet.name for facet in registry.facets()}
    cleaned = {}
    for name, values in (filters or {}).items():
        if name not in known:
            continue
        kept = sorted({v.strip()[:MAX_FILTER_VALUE_LENGTH] for v in values if v and v.strip()})
        kept = kept[:MAX_FILTER_VALUES]
        if kept:
            cleaned[name] = kept
    return cleaned


def search(*, text, user, filters=None, sort="relevance", page=1, per_page=20):
    """search.documents.Results of what this user may read that matches text and every
    filter. The spelling suggestion, when there is one, is checked to find something for this
    user (a word known only from a private document is never offered)."""
    query = Query(
        text=(text or "")[:MAX_QUERY_LENGTH],
        filters=clean_filters(filters),
        principals=registry.principals_for(user),
        sort=sort if sort in Query.SORTS else "relevance",
        page=min(max(int(page or 1), 1), MAX_PAGE),
        per_page=per_page,
    )
    results = get_backend().search(query)
    for hit in results.hits:
        hit.url = reader_url(hit.url, hit.type)
    return results


def reader_url(url, type_name):
    """A page keeps its URL (its language is its own); a partnership or a profile opens in
    the reader's language."""
    search_type = registry.types().get(type_name)
    if search_type is None or search_type.page_type:
        return url
    language = get_language() or settings.LANGUAGE_CODE
    for code, _name in settings.LANGUAGES:
        if url.startswith(f"/{code}/"):
            return f"/{language}/{url[len(code) + 2 :]}"
    return url


def suggest(*, prefix, user, limit=8):
    """Titles for search-as-you-type, among what this user may read."""
    prefix = (prefix or "").strip()[:MAX_QUERY_LENGTH]
    if len(prefix) < 2:
        return []
    suggestions = get_backend().suggest(prefix, registry.principals_for(user), limit=limit)
    for suggestion in suggestions:
        suggestion.url = reader_url(suggestion.url, suggestion.type)
    return suggestions
