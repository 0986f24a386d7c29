"""The site's URLs plus the yardstick of the throughput benchmark: a minimal Django view
rendering a small static template through the same middleware."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

MINIMAL_TEMPLATE = engines["django"].from_string(
    """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Minimal</title></head>
<body><main><h1>Minimal view</h1><p>A small static template.</p></main></body>
</html>
"""
)


def minimal(request):
    return HttpResponse(MINIMAL_TEMPLATE.render({}, request))


# i18n_patterns may not sit in an included URLconf: extend the site's list instead.
urlpatterns = [path("bench/minimal/", minimal, name="bench_minimal"), *site_urlpatterns]
