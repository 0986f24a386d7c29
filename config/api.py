"""The public, read-only Wagtail API v2: pages, images and documents at /api/v2/.

Anonymous by design: no session or password authentication, so an answer never depends on who
asks (it can be cached by a proxy) and the API cannot be used to guess passwords past allauth's
rate limits. Pages are live and outside every private section, whatever the visitor's session
holds; drafts and unpublished revisions are never read (the API serialises the published row).
Throttling comes from the settings (REST_FRAMEWORK's DEFAULT_THROTTLE_CLASSES and RATES).
Parameters Wagtail passes to the database unchecked are checked here, so a bad one is a 400
(config/openapi.yaml describes the endpoints; tests/test_api_schema.py holds them to it).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

# Wagtail picks its renderers itself (REST_FRAMEWORK's DEFAULT_RENDERER_CLASSES is ignored by
# its viewsets): JSON only, plus DRF's browsable HTML while developing.
RENDERERS = [JSONRenderer, BrowsableAPIRenderer] if settings.DEBUG else [JSONRenderer]

# Relations read with a listing that asks for one page type with its fields, so a listing of
# case studies costs the same number of queries whatever its length.
RELATED = {
    "knowledge.CaseStudyPage": {
        "select": ("hero_image",),
        "prefetch": ("partnerships", "countries", "themes", "ecosystems", "sdgs", "ilm_elements"),
    },
    "knowledge.CurriculumModulePage": {"select": (), "prefetch": ("examples__case_study",)},
}


# Beyond any real listing, and far inside the 64-bit integers SQL offsets are.
MAX_OFFSET = 2**31 - 1


class CheckedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        # Wagtail checks the offset is a positive integer, not that the database can hold it.
        offset = request.GET.get("offset", "")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail converts booleans and integers itself and leaves the other fields' values to
    the query, which refuses a decimal or a date that is not one (?area_ha=x)."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except ValidationError as error:
            raise BadRequestError("field filter error. " + " ".join(error.messages)) from error


class CheckedSearchFilter(SearchFilter):
    """Wagtail hands the words and the operator to the search backend as they come: a null
    character or a double quote breaks the database's full-text query (SQLite's FTS5 quotes
    each word without escaping), blank words crash it, an unknown operator raises. Double
    quotes mean nothing to this plain-text search, so they are dropped; blank words search
    for nothing, so the listing is answered unsearched."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        words = request.GET["search"]
        if "\x00" in words:
            raise BadRequestError("search error. null characters are not allowed")
        if request.GET.get("search_operator", "or") not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        cleaned = words.replace('"', " ")
        if not cleaned.strip():
            return queryset
        if cleaned != words:
            query = request.GET.copy()
            query["search"] = cleaned
            request._request.GET = query
        return super().filter_queryset(request, queryset, view)


CHECKED_FILTERS = {FieldsFilter: CheckedFieldsFilter, SearchFilter: CheckedSearchFilter}


def _checked(filter_backends):
    return [CHECKED_FILTERS.get(backend, backend) for backend in filter_backends]


class PublicAPIMixin:
    renderer_classes = RENDERERS
    authentication_classes = []
    permission_classes = []
    pagination_class = CheckedPagination


class PublicNestedPageMixin:
    """A page referenced from another object (a module's example case study) is shown only if
    the API would show it on its own; otherwise the reference is null, so neither the title of
    a draft nor that of a private page leaks through it."""

    def to_representation(self, page):
        visible = self.context.get("base_queryset")
        if visible is None:
            visible = Page.objects.live().public()
        if not visible.filter(pk=page.pk).exists():
            return None
        return super().to_representation(page)


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    filter_backends = _checked(PagesAPIViewSet.filter_backends)

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        serializer_class = super()._get_serializer_class(
            router, model, fields_config, show_details=show_details, nested=nested
        )
        if nested:
            return type(serializer_class.__name__, (PublicNestedPageMixin, serializer_class), {})
        return serializer_class

    def get_base_queryset(self):
        # Wagtail lets through restricted pages the request may see (a password entered in
        # this session, a group); a public API shows only what every visitor sees. Built once
        # per request: Wagtail asks for it several times, and each build reads the restrictions.
        if not hasattr(self, "_public_pages"):
            self._public_pages = super().get_base_queryset().public()
        return self._public_pages

    def get_queryset(self):
        # Every item shows its locale.
        queryset = super().get_queryset().select_related("locale")
        related = RELATED.get(self.request.GET.get("type", ""))
        if related and self.request.GET.get("fields"):
            queryset = queryset.select_related(*related["select"]).prefetch_related(
                *related["prefetch"]
            )
        return queryset


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    filter_backends = _checked(ImagesAPIViewSet.filter_backends)


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    filter_backends = _checked(DocumentsAPIViewSet.filter_backends)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
