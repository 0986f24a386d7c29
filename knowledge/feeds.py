"""Atom feeds of new case studies, all of them or one theme's, in the language of the address.

/fr/feeds/case-studies/ lists what a French reader finds under /fr/: the French tree's live,
public case studies, translations and aliases of untranslated originals alike. Newest first,
as on the index page; a fixed number of queries whatever the number of entries.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.db.models.functions import Coalesce, TruncDate
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant

from .models import CaseStudyPage, Theme

FEED_LENGTH = 30


@dataclass
class FeedScope:
    """What one request's feed covers. The Feed instance is shared by every request (it is
    built once in urls.py), so per-request values travel in this object instead."""

    request: HttpRequest
    language: str
    theme: Theme | None = None


def case_study_feed_items(*, language, theme=None, limit):
    """The newest live, public case studies of one language tree, with what an entry shows."""
    pages = CaseStudyPage.objects.live().public().filter(locale__language_code=language)
    if theme is not None:
        pages = pages.filter(themes=theme)
    return (
        pages.annotate(sort_date=Coalesce("published_on", TruncDate("first_published_at")))
        .order_by(F("sort_date").desc(nulls_last=True), "-pk")
        .select_related("alias_of")
        .prefetch_related("themes", "partnerships")
        .defer_streamfields()[:limit]
    )


def _as_datetime(date):
    return datetime.datetime.combine(date, datetime.time.min, tzinfo=datetime.UTC)


class CaseStudyFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, theme=None):
        try:
            language = get_supported_content_language_variant(get_language())
        except LookupError:
            language = settings.LANGUAGE_CODE
        scope = FeedScope(request=request, language=language)
        if theme is not None:
            scope.theme = get_object_or_404(Theme, slug=theme)
        return scope

    # --- the feed ---------------------------------------------------------------------------

    def title(self, scope):
        if scope.theme:
            return _("New case studies: %(theme)s") % {"theme": scope.theme.label}
        return _("New case studies")

    def subtitle(self, scope):
        if scope.theme:
            return _(
                "Case studies on %(theme)s from landscape partnerships, newest first, on %(site)s."
            ) % {"theme": scope.theme.label, "site": settings.SITE_NAME}
        return _("Case studies from landscape partnerships, newest first, on %(site)s.") % {
            "site": settings.SITE_NAME
        }

    def link(self, scope):
        url = reverse("knowledge:case_studies")
        if scope.theme:
            url += "?" + urlencode({"theme": scope.theme.slug})
        return url

    def author_name(self):
        return str(settings.SITE_NAME)

    def items(self, scope):
        items = list(
            case_study_feed_items(language=scope.language, theme=scope.theme, limit=FEED_LENGTH)
        )
        for item in items:
            # Relative to the request's host; the syndication framework adds scheme and host.
            item.feed_link = item.get_url(request=scope.request)
        return items

    # --- each entry ---------------------------------------------------------------------------

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_link

    def item_author_name(self, item):
        names = [partnership.name for partnership in item.partnerships.all()]
        return ", ".join(names) or str(settings.SITE_NAME)

    def item_pubdate(self, item):
        if item.published_on:
            return _as_datetime(item.published_on)
        return item.first_published_at

    def item_updateddate(self, item):
        # An alias is updated when its original is published; it keeps no dates of its own.
        source = item.alias_of if item.alias_of_id else item
        return (
            source.last_published_at
            or source.latest_revision_created_at
            or self.item_pubdate(item)
            or timezone.now()
        )

    def item_categories(self, item):
        return [theme.label for theme in item.themes.all()]
