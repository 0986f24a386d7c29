"""Middleware of our own."""

from django.middleware.locale import LocaleMiddleware

# Addresses outside the language prefix that machines call.
UNPREFIXED = ("/api/", "/documents/")


class LocaleMiddlewareKeeping404(LocaleMiddleware):
    """A 404 outside the language prefix stays a 404. Django would redirect it to /en/<path>,
    which Wagtail's catch-all then answers with an HTML "page not found": wrong for an API
    client."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)
