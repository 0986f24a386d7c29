"""The search page. It asks search.services, which applies what the reader may see; what is
here only turns Results into what a person reads (labels in their language, safe highlights,
links that keep the other filters)."""

import math
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from . import registry, services
from .documents import LANGUAGE_FACET, TYPE_FACET, Query
from .forms import SearchForm, facet_names
from .text import highlight_html

PER_PAGE = 20
# Values of a facet shown before "n more".
FACET_VALUES_SHOWN = 8


# --- Shared with the API ------------------------------------------------------------------


def querystring(text="", filters=None, sort=Query.SORTS[0], page=1):
    """The query string of a search, defaults left out, so every link to the same search is
    the same address."""
    params = [("q", text)] if text else []
    for name, values in (filters or {}).items():
        params += [(name, value) for value in values]
    if sort and sort != Query.SORTS[0]:
        params.append(("sort", sort))
    if page and page > 1:
        params.append(("page", page))
    return urlencode(params)


def without(filters, name, value):
    """The filters with one value of one facet removed."""
    kept = {
        key: [v for v in values if not (key == name and v == value)]
        for key, values in filters.items()
    }
    return {key: values for key, values in kept.items() if values}


def value_labels(name, values):
    """{value: label} in the active language; a value the facet does not know keeps its
    name."""
    values = list(values)
    if not values:
        return {}
    facet = registry.get_facet(name)
    labels = dict(facet.labels(values)) if facet else {}
    return {value: labels.get(value) or value for value in values}


def facet_label(name):
    facet = registry.get_facet(name)
    return facet.label if facet else name


def facet_groups(results, filters):
    """[{name, label, values: [{value, label, count, selected}]}] in the page's facet order,
    facets without any value left out. A selected value the results no longer count (nothing
    matches) is still listed, with count 0, so it can be unchecked."""
    groups = []
    for name in facet_names():
        counted = list(results.facets.get(name, [])) if results is not None else []
        selected = filters.get(name, [])
        seen = {value for value, _count in counted}
        counted += [(value, 0) for value in selected if value not in seen]
        if not counted:
            continue
        labels = value_labels(name, [value for value, _count in counted])
        groups.append(
            {
                "name": name,
                "label": facet_label(name),
                "values": [
                    {
                        "value": value,
                        "label": labels[value],
                        "count": count,
                        "selected": value in selected,
                    }
                    for value, count in counted
                ],
            }
        )
    return groups


def hit_rows(hits):
    """The hits as shown: type and language labels, highlights as safe HTML (highlight_html
    escapes the text; only the markers become <mark>)."""
    type_labels = value_labels(TYPE_FACET, {hit.type for hit in hits})
    language_labels = value_labels(LANGUAGE_FACET, {hit.language for hit in hits if hit.language})
    rows = []
    for hit in hits:
        title_html = highlight_html(hit.title_highlight) if hit.title_highlight else ""
        highlight = highlight_html(hit.highlight) if hit.highlight else ""
        rows.append(
            {
                "type": hit.type,
                "type_label": type_labels.get(hit.type, hit.type),
                "id": hit.id,
                "title": hit.title,
                "url": hit.url,
                "summary": hit.summary,
                "title_highlight": mark_safe(title_html),  # noqa: S308 (escaped above)
                "highlight": mark_safe(highlight),  # noqa: S308 (escaped above)
                "title_html": mark_safe(title_html or escape(hit.title)),  # noqa: S308
                "passage_html": mark_safe(highlight or escape(hit.summary)),  # noqa: S308
                "language": hit.language,
                "language_label": language_labels.get(hit.language, hit.language),
                "date": hit.date,
            }
        )
    return rows


def page_count(total, per_page=PER_PAGE):
    return min(math.ceil(total / per_page), services.MAX_PAGE) if total else 0


# --- The page ----------------------------------------------------------------------------


def _pagination(text, filters, sort, page, pages):
    """Previous, next and the page numbers around the current one (None marks a gap)."""
    if pages <= 1:
        return None

    def url(number):
        return "?" + querystring(text, filters, sort, number)

    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    numbers, last = [], 0
    for number in shown:
        if number > last + 1:
            numbers.append(None)
        numbers.append({"number": number, "url": url(number), "current": number == page})
        last = number
    return {
        "previous_url": url(page - 1) if 1 < page <= pages else "",
        "next_url": url(page + 1) if page < pages else "",
        "numbers": numbers,
    }


@require_GET
def search(request):
    form = SearchForm(request.GET)
    form.is_valid()  # what is valid is used; what is not is shown as an error
    text, filters, sort = form.text, form.filters(), form.sort_value
    page = form.page_value

    # A query too long to run is shown back with its error rather than cut and run.
    results = None
    if "q" not in form.errors:
        results = services.search(
            text=text, user=request.user, filters=filters, sort=sort, page=page, per_page=PER_PAGE
        )

    groups = facet_groups(results, filters)
    for group in groups:
        for number, option in enumerate(group["values"], start=1):
            option["id"] = f"facet-{group['name']}-{number}"
        group["shown"] = group["values"][:FACET_VALUES_SHOWN]
        group["more"] = group["values"][FACET_VALUES_SHOWN:]
        group["more_selected"] = any(option["selected"] for option in group["more"])
    labels = {
        (group["name"], option["value"]): option["label"]
        for group in groups
        for option in group["values"]
    }
    chips = [
        {
            "facet": facet_label(name),
            "label": labels.get((name, value), value),
            "url": "?" + querystring(text, without(filters, name, value), sort),
        }
        for name, values in filters.items()
        for value in values
    ]
    pages = page_count(results.total) if results else 0
    context = {
        "form": form,
        "q": text,
        "sort": sort,
        "page_number": page,
        "first_number": (page - 1) * PER_PAGE + 1,
        "filters": filters,
        "browsing": not text and not filters,
        "results": results,
        "hits": hit_rows(results.hits) if results else [],
        "facets": groups,
        "chips": chips,
        "clear_url": "?" + querystring(text, None, sort),
        "first_page_url": "?" + querystring(text, filters, sort),
        "suggestion_url": (
            "?" + querystring(results.suggestion, filters, sort)
            if results and results.suggestion
            else ""
        ),
        "pagination": _pagination(text, filters, sort, page, pages),
        "sort_choices": form.fields["sort"].choices,
        # The words' own error is shown under the search box.
        "errors": form.error_list(exclude=("q",)),
        "noindex": bool(request.GET),
    }
    response = render(request, "search/search.html", context)
    # A member's results include what only they may read: no shared cache may keep them.
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
    return response
