"""The search as JSON, for scripts and for search-as-you-type on the search box.

Plain views rather than the REST framework: they read the session like the page does, so a
signed-in member finds what only they may read. A member's answer is private; an anonymous
one may be kept by a shared cache for a short while (the same question, the same answer).

    GET /api/search/?q=&<facet>=&sort=&page=&lang=
    GET /api/search/suggest/?q=&limit=
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from . import services
from .documents import TYPE_FACET
from .forms import SearchAPIForm, SuggestForm
from .views import PER_PAGE, facet_groups, hit_rows, page_count, value_labels

ANONYMOUS_MAX_AGE = 60


def _respond(request, data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # The answer depends on who asks (the session cookie) and on the labels' language.
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    if request.user.is_authenticated or status != 200:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=ANONYMOUS_MAX_AGE)
    return response


def _language(request, asked):
    """The `lang` parameter, else the reader's language (cookie, Accept-Language)."""
    if asked:
        return asked
    return translation.get_language_from_request(request) or settings.LANGUAGE_CODE


def _errors(request, form):
    return _respond(request, {"errors": form.errors_json()}, status=400)


@require_GET
def search(request):
    form = SearchAPIForm(request.GET)
    valid = form.is_valid()
    # Error messages are translated when they are written out, so in this language too.
    with translation.override(_language(request, form.cleaned_data.get("lang"))):
        if not valid:
            return _errors(request, form)
        filters = form.filters()
        results = services.search(
            text=form.text,
            user=request.user,
            filters=filters,
            sort=form.sort_value,
            page=form.page_value,
            per_page=PER_PAGE,
        )
        data = {
            "query": form.text,
            "total": results.total,
            "page": form.page_value,
            "pages": page_count(results.total),
            "results": [
                {
                    "type": row["type"],
                    "type_label": str(row["type_label"]),
                    "id": row["id"],
                    "title": row["title"],
                    "url": row["url"],
                    "summary": row["summary"],
                    "highlight": str(row["highlight"]),
                    "title_highlight": str(row["title_highlight"]),
                    "language": row["language"],
                    "date": row["date"].isoformat() if row["date"] else None,
                }
                for row in hit_rows(results.hits)
            ],
            "facets": {
                group["name"]: {
                    "label": str(group["label"]),
                    "values": [
                        {**option, "label": str(option["label"])} for option in group["values"]
                    ],
                }
                for group in facet_groups(results, filters)
            },
            "suggestion": results.suggestion,
        }
        return _respond(request, data)


@require_GET
def suggest(request):
    form = SuggestForm(request.GET)
    valid = form.is_valid()
    with translation.override(_language(request, form.cleaned_data.get("lang"))):
        if not valid:
            return _errors(request, form)
        suggestions = services.suggest(
            prefix=form.cleaned_data["q"],
            user=request.user,
            limit=form.cleaned_data.get("limit") or 8,
        )
        labels = value_labels(TYPE_FACET, {s.type for s in suggestions})
        return _respond(
            request,
            {
                "suggestions": [
                    {
                        "title": s.title,
                        "url": s.url,
                        "type": s.type,
                        "type_label": str(labels.get(s.type, s.type)),
                    }
                    for s in suggestions
                ]
            },
        )
