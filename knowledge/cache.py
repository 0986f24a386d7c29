"""Whole-page cache for anonymous readers, emptied by every publication.

Most readers are anonymous, many on slow connections, and a case study changes a few times a
year; so a rendered page is kept in Django's cache (Redis at scale, local memory on one
machine) and handed to the next anonymous reader without rendering it or asking the database.

What is cached: GET and HEAD requests of pages with ``CachedPageMixin`` from readers who are
not signed in and carry no session or messages cookie (a session may hold a page password or
messages, so those requests are simply rendered), never a preview. A page names the query
parameters it reads in ``page_cache_query_params``; a query string made only of those is cached
under its exact text (the page shows it back, in links and in the language form), any other
parameter (tracking tags, typos) is rendered uncached, so junk cannot crowd out real pages.

Freshness: each entry records the *content generation* current when its rendering began. Any
publication, unpublication, move or deletion of a page, and any change to taxonomy terms,
partnerships, images, documents, sites or view restrictions bumps the generation
(``knowledge.signals``), and entries of an older generation are never served again: a reader
sees a publication on the next request. The generation lives in the cache, so every process
must share the cache (Redis, as in production); the local-memory default is per process, right
for one process (``make run``).

CSRF: every page carries the language form, a POST form with ``{% csrf_token %}``. A token in
a stored page would be someone else's, so the page is rendered for the cache with a
placeholder instead, and each response, cached or not, gets the reader's own token; Django's
CSRF middleware then sets or renews that reader's cookie as on any other page. Stored entries
hold neither tokens nor cookies. Responses that set cookies, vary on headers, use the session,
are not 200 or say ``private``/``no-store`` are not stored at all.

Speed: the mixin answers after Wagtail has routed the request (a few queries walking the tree).
``PageCacheMiddleware``, placed last in ``MIDDLEWARE``, answers a hit before URL resolution and
routing, with no query at all. Settings: ``KNOWLEDGE_PAGE_CACHE_SECONDS`` (default 300; 0 turns
the cache off).
"""

import hashlib
import logging
import secrets

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils import translation

logger = logging.getLogger(__name__)

DEFAULT_SECONDS = 300
GENERATION_KEY = "knowledge:page-cache:generation"
ENTRY_PREFIX = "knowledge:page-cache:page:"
STATUS_HEADER = "X-Page-Cache"
# Rendered where the CSRF token goes; letters only, so HTML escaping leaves it alone.
CSRF_PLACEHOLDER = "LandscapePageCacheCsrfTokenPlaceholder"
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
# Fields a draft save or a lock writes: they change nothing a reader sees.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)
_NOT_STORED_HEADERS = {"content-length", "set-cookie", STATUS_HEADER.lower()}


def cache_seconds():
    return getattr(settings, "KNOWLEDGE_PAGE_CACHE_SECONDS", DEFAULT_SECONDS)


def bump_generation():
    """Make every cached page stale. Called on publication (see knowledge.signals); other apps
    whose data shows on pages (related sections of a case study) call it too."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            # Never set, or evicted: start from a random number, so entries stored under an
            # earlier generation can never match the new one by chance.
            cache.add(GENERATION_KEY, secrets.randbits(52), timeout=None)
    except Exception:
        # Publishing must not fail with the cache; stale pages then live at most the TTL.
        logger.exception("Page cache generation could not be bumped")


def _current_generation(found):
    generation = found.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.randbits(52), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _cacheable_request(request):
    if cache_seconds() <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_preview", False) or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    user = getattr(request, "user", None)
    # Without a session cookie this costs no query; other authentication (none today) counts.
    return not (user is not None and user.is_authenticated)


def _entry_key(request):
    identity = "|".join(
        (
            request.scheme,
            request.get_host(),
            translation.get_language() or "",
            request.get_full_path(),
        )
    )
    return ENTRY_PREFIX + hashlib.sha256(identity.encode()).hexdigest()


def lookup(request):
    """``(key, generation, entry)`` for a request the cache may answer, the entry being
    ``None`` on a miss; ``None`` for a request that is always rendered. One cache round trip,
    remembered on the request so the middleware and the page do not ask twice."""
    if hasattr(request, "_page_cache"):
        return request._page_cache
    state = None
    if _cacheable_request(request):
        key = _entry_key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
            generation = _current_generation(found)
        except Exception:
            # An unreachable cache costs speed, not the page.
            logger.warning("Page cache unavailable", exc_info=True)
        else:
            entry = found.get(key)
            if entry is not None and entry[0] != generation:
                entry = None
            state = (key, generation, entry)
    request._page_cache = state
    return state


def _with_token(request, response, status):
    if not response.streaming and _PLACEHOLDER_BYTES in response.content:
        response.content = response.content.replace(_PLACEHOLDER_BYTES, get_token(request).encode())
    response[STATUS_HEADER] = status
    return response


def cached_response(request, entry):
    _generation, content, headers = entry
    return _with_token(request, HttpResponse(content, headers=headers), "hit")


def _storable(request, page, response, token_used):
    cache_control = response.get("Cache-Control", "").lower()
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        # A token rendered some other way than through the template variable is in the page.
        and not token_used
        and not (session is not None and session.modified)
        and not page.get_view_restrictions().exists()
    )


class CachedPageMixin:
    """Serve this page type from the page cache to anonymous readers (see the module)."""

    # Query parameters this page reads; a query string made only of these is cached.
    page_cache_query_params = frozenset()

    def page_cache_allows(self, request):
        return set(request.GET) <= set(self.page_cache_query_params)

    def serve(self, request, *args, **kwargs):
        state = lookup(request) if self.page_cache_allows(request) else None
        if state is None:
            return super().serve(request, *args, **kwargs)
        key, generation, entry = state
        if entry is not None:
            return cached_response(request, entry)

        token_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        response = super().serve(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            if response.context_data is not None:
                response.context_data["csrf_token"] = CSRF_PLACEHOLDER
            response.render()
        token_used = token_before or request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        if _storable(request, self, response, token_used):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in _NOT_STORED_HEADERS
            ]
            try:
                cache.set(key, (generation, response.content, headers), cache_seconds())
            except Exception:
                logger.warning("Page cache unavailable", exc_info=True)
        return _with_token(request, response, "miss")


class CachedListingPageMixin(CachedPageMixin):
    """For the case-study index: each combination of its filters, sort and page number is an
    entry of its own."""

    @property
    def page_cache_query_params(self):
        from .selectors import FACET_KEYS

        return frozenset([*FACET_KEYS, "sort", "page"])


class PageCacheMiddleware:
    """Answers cache hits before URL resolution and Wagtail's routing (no query at all).
    Goes last in MIDDLEWARE, so sessions, language, CSRF and authentication are set up and
    every other middleware still treats the response on its way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = lookup(request)
        if state is not None and state[2] is not None:
            return cached_response(request, state[2])
        return self.get_response(request)
