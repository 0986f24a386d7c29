"""sitemap.xml: every language version a reader can find, each naming the others (hreflang).

Wagtail's own sitemap walks the default site's tree only, so /fr/, /es/ and /pt/ pages were
never listed. This one lists the live, public pages of every language tree except aliases:
an alias shows its original's words (its <head> names the original as canonical), so listing
it would offer search engines the same page twice. Alternates are read in one query for the
whole sitemap, so its cost does not grow with the number of pages.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Q
from django.utils.functional import cached_property
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


class LocalizedSitemap(Sitemap):
    def _pages(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for tree_root in [root, *root.get_translations()]:
            trees |= Page.objects.descendant_of_q(tree_root, inclusive=True)
        return Page.objects.live().public().filter(trees, alias_of__isnull=True)

    def items(self):
        return self._pages().order_by("path").defer_streamfields().specific()

    @cached_property
    def _alternates(self):
        """Location → hreflang alternates, for pages written in more than one language."""
        pages = self._pages()
        translated = (
            pages.values("translation_key")
            .annotate(versions=Count("id"))
            .filter(versions__gt=1)
            .values("translation_key")
        )
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        groups = defaultdict(list)
        for page in pages.filter(translation_key__in=translated).only(
            "id", "translation_key", "locale_id", "url_path"
        ):
            url = page.get_full_url(self.request)
            if url:
                groups[page.translation_key].append((languages[page.locale_id], url))
        alternates = {}
        for versions in groups.values():
            links = [{"lang_code": code, "location": url} for code, url in sorted(versions)]
            default = dict(versions).get(settings.LANGUAGE_CODE)
            if default:
                links.append({"lang_code": "x-default", "location": default})
            for _code, url in versions:
                alternates[url] = links
        return alternates

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            url_info["alternates"] = self._alternates.get(url_info["location"], [])
        return urls
