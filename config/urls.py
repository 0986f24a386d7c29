from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.static import serve as serve_media
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api_router
from config.openapi import openapi_view
from forums.api import urlpatterns as forums_api_urlpatterns
from knowledge.sitemaps import LocalizedSitemap
from people import views as people_views
from search.urls import api_urlpatterns as search_api_urlpatterns

# Outside the language prefix: machine endpoints and the Wagtail admin (which follows each
# editor's own language preference).
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", people_views.set_language, name="set_language"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LocalizedSitemap}}),
    path("api/openapi.json", openapi_view, name="openapi"),
    path("api/v2/", api_router.urls),
    path("api/search/", include((search_api_urlpatterns, "search_api"))),
    path("api/forums/", include((forums_api_urlpatterns, "forums_api"))),
]

if settings.DEBUG:
    urlpatterns.append(
        path("media/<path:path>", serve_media, {"document_root": settings.MEDIA_ROOT})
    )

# Every page a person reads lives under /en/, /fr/, /es/ or /pt/; "/" sends them to the
# language their browser or profile asks for.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("people.urls")),
    path("", include("knowledge.urls")),
    path("", include("courses.urls")),
    path("", include("search.urls")),
    path("", include("forums.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
