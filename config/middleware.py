"""Middleware of our own."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import resolve_url

# Addresses outside the language prefix: machines' and the Wagtail admin's.
UNPREFIXED = ("/api/", "/documents/", "/admin/")


class LocaleMiddlewareKeeping404(LocaleMiddleware):
    """A 404 outside the language prefix stays a 404. Django would redirect it to /en/<path>,
    which Wagtail's catch-all then answers with an HTML "page not found": wrong for an API
    client."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)


class OneSignInForm:
    """Every sign-in goes through allauth's form: its rate limits (5 failures per account),
    sign-in by email and the confirmed-email rule. Wagtail keeps two login forms of its own
    that Django's ModelBackend would answer by public handle, unthrottled and unconfirmed
    (the admin's /admin/login/ and the private pages' /<lang>/_util/login/); both are sent to
    allauth's, with the page the person was going to."""

    WAGTAIL_LOGIN_VIEWS = {"wagtailadmin_login", "wagtailcore_login"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name not in self.WAGTAIL_LOGIN_VIEWS:
            return None
        url = resolve_url(settings.LOGIN_URL)
        query = request.GET.urlencode()
        return HttpResponseRedirect(f"{url}?{query}" if query else url)
