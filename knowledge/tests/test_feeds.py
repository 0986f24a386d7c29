"""Atom feeds of new case studies: all of them or one theme's, in the language of the address,
read as a feed reader reads them (parsed XML)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from knowledge import feeds
from knowledge.models import Theme
from knowledge.tests.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory, translate
from knowledge.translation import page_sync_aliases
from people.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def _feed_url(language="en", theme=None):
    with translation.override(language):
        if theme:
            return reverse("knowledge:case_study_theme_feed", kwargs={"theme": theme})
        return reverse("knowledge:case_study_feed")


def _get_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def _entries(feed):
    return [
        {
            "title": entry.findtext("atom:title", namespaces=ATOM),
            "summary": entry.findtext("atom:summary", namespaces=ATOM),
            "link": entry.find("atom:link", ATOM).get("href"),
            "author": entry.findtext("atom:author/atom:name", namespaces=ATOM),
            "updated": entry.findtext("atom:updated", namespaces=ATOM),
            "published": entry.findtext("atom:published", namespaces=ATOM),
            "categories": [c.get("term") for c in entry.findall("atom:category", ATOM)],
        }
        for entry in feed.findall("atom:entry", ATOM)
    ]


@pytest.fixture
def water(db):
    return Theme.objects.get(slug="water-security")  # the taxonomy's own terms


@pytest.fixture
def finance(db):
    return Theme.objects.get(slug="finance")


def test_the_feed_lists_live_case_studies_newest_first(client, water, finance, partnership):
    older = CaseStudyPageFactory(
        title="Terraces in Rwanda",
        published_on=datetime.date(2021, 3, 1),
        themes=[water, finance],
        partnerships=[partnership, PartnershipFactory(name="Gishwati Alliance")],
    )
    newer = CaseStudyPageFactory(
        title="Kijabe springs",
        summary="Springs flow again.",
        published_on=datetime.date(2024, 6, 1),
        themes=[water],
    )
    CaseStudyPageFactory(title="Draft in review", live=False)
    private = CaseStudyPageFactory(title="Members only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    feed = _get_feed(client, _feed_url())
    assert feed.findtext("atom:title", namespaces=ATOM) == "New case studies"
    assert feed.findtext("atom:subtitle", namespaces=ATOM)
    assert feed.find("atom:link[@rel='alternate']", ATOM).get("href") == (
        "http://testserver/en/case-studies/"
    )
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"

    entries = _entries(feed)
    assert [e["title"] for e in entries] == ["Kijabe springs", "Terraces in Rwanda"]
    first, second = entries
    assert first["summary"] == "Springs flow again."
    assert first["link"] == f"http://testserver{newer.url}"
    assert first["published"].startswith("2024-06-01")
    assert first["updated"]  # Atom requires it on every entry
    assert first["author"] == "Landscape Network"  # no partnership: the site
    assert first["categories"] == ["Water security"]
    assert second["author"] == f"Gishwati Alliance, {partnership.name}"
    assert sorted(second["categories"]) == ["Finance", "Water security"]
    assert second["link"] == f"http://testserver{older.url}"


def test_a_theme_feed_lists_that_theme_only(client, water, finance):
    CaseStudyPageFactory(title="Kijabe springs", themes=[water])
    CaseStudyPageFactory(title="Green bonds", themes=[finance])

    feed = _get_feed(client, _feed_url(theme="finance"))
    assert [e["title"] for e in _entries(feed)] == ["Green bonds"]
    assert feed.findtext("atom:title", namespaces=ATOM) == "New case studies: Finance"
    link = feed.find("atom:link[@rel='alternate']", ATOM).get("href")
    assert link == "http://testserver/en/case-studies/?theme=finance"


def test_an_unknown_theme_is_not_found(client, water):
    assert client.get(_feed_url(theme="no-such-theme")).status_code == 404


def test_the_french_feed_lists_what_french_readers_find(client, water):
    translated = CaseStudyPageFactory(title="Kijabe springs", themes=[water])
    translate(translated, "fr", title="Les sources de Kijabe", summary="L'eau revient.")
    untranslated = CaseStudyPageFactory(title="Terraces in Rwanda", themes=[water])
    page_sync_aliases(untranslated)
    page_sync_aliases(translated)  # Spanish and Portuguese aliases

    feed = _get_feed(client, _feed_url("fr"))
    assert feed.findtext("atom:title", namespaces=ATOM) != ""
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    entries = {e["title"]: e for e in _entries(feed)}
    assert set(entries) == {"Les sources de Kijabe", "Terraces in Rwanda"}
    assert entries["Les sources de Kijabe"]["summary"] == "L'eau revient."
    assert entries["Les sources de Kijabe"]["link"] == (
        f"http://testserver/fr/case-studies/{translated.slug}/"
    )
    # The alias of the untranslated page: the words of the original, at the French address.
    assert entries["Terraces in Rwanda"]["link"] == (
        f"http://testserver/fr/case-studies/{untranslated.slug}/"
    )
    assert entries["Terraces in Rwanda"]["updated"]
    # Categories in the reader's language.
    assert entries["Terraces in Rwanda"]["categories"] == ["Sécurité hydrique"]

    theme_feed = _get_feed(client, _feed_url("fr", theme="water-security"))
    assert len(_entries(theme_feed)) == 2
    assert [e["title"] for e in _entries(_get_feed(client, _feed_url()))] == [
        "Terraces in Rwanda",
        "Kijabe springs",
    ]


def test_the_feed_holds_the_newest_few(client, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_LENGTH", 3)  # 30 in use; fewer pages keep the test fast
    index = CaseStudyIndexPageFactory()
    for day in range(1, 6):
        CaseStudyPageFactory(
            parent=index, title=f"Case {day}", published_on=datetime.date(2024, 1, day)
        )
    titles = [e["title"] for e in _entries(_get_feed(client, _feed_url()))]
    assert titles == ["Case 5", "Case 4", "Case 3"]


@pytest.mark.parametrize("theme", [None, "water-security"])
def test_a_feed_costs_the_same_for_2_or_12_entries(
    client, django_assert_max_num_queries, water, finance, theme
):
    index = CaseStudyIndexPageFactory()

    def add(count):
        for _ in range(count):
            CaseStudyPageFactory(
                parent=index,
                themes=[water, finance],
                partnerships=[PartnershipFactory(), PartnershipFactory()],
            )

    add(2)
    _get_feed(client, _feed_url(theme=theme))  # warm Wagtail's per-site caches
    with django_assert_max_num_queries(7) as small:
        assert len(_entries(_get_feed(client, _feed_url(theme=theme)))) == 2
    add(10)
    with django_assert_max_num_queries(len(small)) as large:
        assert len(_entries(_get_feed(client, _feed_url(theme=theme)))) == 12
    print(f"feed {theme or 'all'}: {len(small)} queries (2), {len(large)} queries (12)")
