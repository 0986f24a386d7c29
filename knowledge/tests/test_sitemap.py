"""sitemap.xml as a search engine reads it (parsed XML): every public page with its last
change, never a draft or a private page; each language version listed once, with its
alternates, and aliases (untranslated copies) left out as duplicate content."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from knowledge.tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CurriculumModulePageFactory,
    CurriculumPageFactory,
    translate,
)
from knowledge.translation import page_sync_aliases

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def _sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = {}
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    for url in root.findall("sm:url", NS):
        urls[url.findtext("sm:loc", namespaces=NS)] = {
            "lastmod": url.findtext("sm:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link[@rel='alternate']", NS)
            },
        }
    return urls


def _full(page):
    return page.get_full_url()


@pytest.fixture
def library(db):
    """Live case study, curriculum and module; a draft; a page in a private section."""
    case_study = CaseStudyPageFactory(title="Kijabe springs")
    curriculum = CurriculumPageFactory()
    module = CurriculumModulePageFactory(parent=curriculum)
    draft = CaseStudyPageFactory(title="In review", live=False)
    draft_module = CurriculumModulePageFactory(parent=curriculum, live=False)
    private = CaseStudyPageFactory(title="Members only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return {
        "case_study": case_study,
        "curriculum": curriculum,
        "module": module,
        "draft": draft,
        "draft_module": draft_module,
        "private": private,
    }


def test_public_pages_are_listed_with_their_last_change(client, library):
    urls = _sitemap(client)
    for name in ("case_study", "curriculum", "module"):
        page = library[name]
        assert _full(page) in urls, name
        page.refresh_from_db()
        assert urls[_full(page)]["lastmod"] == page.last_published_at.date().isoformat()
    assert _full(library["case_study"].get_parent()) in urls  # the index


def test_drafts_and_private_pages_are_never_listed(client, library):
    urls = _sitemap(client)
    for name in ("draft", "draft_module", "private"):
        assert _full(library[name]) not in urls, name
    assert not any("members-only" in url or "In review" in url for url in urls)


def test_a_page_in_a_private_section_is_not_listed(client, library):
    index = library["curriculum"].get_parent()
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    urls = _sitemap(client)
    assert _full(library["curriculum"]) not in urls
    assert _full(library["module"]) not in urls
    assert _full(library["case_study"]) in urls


def test_aliases_are_never_listed(client, library):
    page_sync_aliases(library["case_study"])
    urls = _sitemap(client)
    assert not [url for url in urls if "/fr/" in url or "/es/" in url or "/pt/" in url]


def test_each_translation_is_listed_with_its_alternates(client, library):
    case_study = library["case_study"]
    french = translate(case_study, "fr", title="Les sources de Kijabe")
    page_sync_aliases(case_study)  # es, pt: aliases, not translations

    urls = _sitemap(client)
    english_url, french_url = _full(case_study), _full(french)
    assert french_url in urls
    assert urls[french_url]["lastmod"]
    expected = {"en": english_url, "fr": french_url, "x-default": english_url}
    assert urls[english_url]["alternates"] == expected
    assert urls[french_url]["alternates"] == expected
    # The Spanish and Portuguese aliases are neither listed nor offered as alternates.
    assert not [url for url in urls if "/es/" in url or "/pt/" in url]
    # A page in one language only names no alternates.
    assert urls[_full(library["module"])]["alternates"] == {}


def test_a_sitemap_costs_the_same_for_2_or_12_translated_case_studies(
    client, django_assert_max_num_queries
):
    index = CaseStudyIndexPageFactory()

    def add(count):
        for _ in range(count):
            translate(CaseStudyPageFactory(parent=index), "fr")

    add(2)
    with django_assert_max_num_queries(20) as small:
        assert sum("/fr/case-studies/case-study" in url for url in _sitemap(client)) == 2
    add(10)
    with django_assert_max_num_queries(len(small)) as large:
        urls = _sitemap(client)
    assert sum("/fr/case-studies/case-study" in url for url in urls) == 12
    print(f"sitemap: {len(small)} queries (2 + 2), {len(large)} queries (12 + 12)")
