"""What a reader sees on the knowledge hub's pages: the case-study library with its facets, map
and pagination; a case study with its story, citation and metadata; translations that fall back
to the original; curricula and their timed sessions."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from knowledge.models import SDG, Country, Ecosystem, Theme
from knowledge.selectors import CARD_RENDITION
from knowledge.tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CurriculumModulePageFactory,
    CurriculumPageFactory,
)
from knowledge.translation import page_sync_aliases
from tests.caches import empty_caches

pytestmark = pytest.mark.django_db

# Queries for a filtered library page, whatever the number of case studies, with a cold cache:
# Wagtail's routing (8), facets and map (11), the page of cards with its images, renditions,
# countries and themes (5), the site's root paths (2).
INDEX_QUERIES = 26


def terms(model, *keys, field="slug"):
    return list(model.objects.filter(**{f"{field}__in": keys}))


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def card_titles(html):
    return [a.get_text(strip=True) for a in html.select(".cs-card h3 a")]


def facet_counts(html, key):
    """{label: count} of one facet, as the reader sees it."""
    section = html.find("section", attrs={"aria-labelledby": f"facet-{key}"})
    counts = {}
    for link in section.select("a"):
        count = link.select_one(".n").get_text(strip=True)
        label = link.find("span").get_text(" ", strip=True)
        label = label.replace("✓", "").split("(selected")[0].strip()
        counts[label] = int(count)
    return counts


def facet_link(html, key, label):
    """The address a facet value links to."""
    links = html.select(f"section[aria-labelledby=facet-{key}] a")
    return next(a["href"] for a in links if label in a.get_text())


def image():
    return get_image_model().objects.create(title="Hillside", file=get_test_image_file())


@pytest.fixture
def index():
    return CaseStudyIndexPageFactory()


@pytest.fixture
def library(index):
    make = CaseStudyPageFactory
    return {
        "kenya": make(
            parent=index,
            title="Kenya springs",
            themes=terms(Theme, "restoration", "water-security"),
            countries=terms(Country, "KE", field="code"),
            sdgs=terms(SDG, 6, 15, field="number"),
            ecosystems=terms(Ecosystem, "T1.1", field="code"),
            published_on=datetime.date(2024, 3, 1),
            hero_image=image(),
        ),
        "peru": make(
            parent=index,
            title="Andean water fund",
            themes=terms(Theme, "water-security", "finance"),
            countries=terms(Country, "PE", field="code"),
            sdgs=terms(SDG, 6, field="number"),
            latitude=-13.5,
            longitude=-71.9,
            published_on=datetime.date(2025, 1, 1),
        ),
        "ghana": make(
            parent=index,
            title="Cocoa landscape",
            themes=terms(Theme, "agroforestry", "restoration"),
            countries=terms(Country, "GH", field="code"),
            sdgs=terms(SDG, 15, field="number"),
            latitude=6.7,
            longitude=-1.6,
            published_on=datetime.date(2015, 6, 1),
        ),
    }


# --- The library --------------------------------------------------------------------------


def test_the_library_shows_cards_with_their_facts_and_facet_counts(client, index, library):
    html = soup(client.get(index.url))
    assert html.h1.get_text() == "Case studies"
    assert html.select_one(".lead").get_text() == index.intro
    assert "3 case studies" in html.select_one(".count").get_text()
    # Newest first.
    assert card_titles(html) == ["Andean water fund", "Kenya springs", "Cocoa landscape"]
    kenya = html.select(".cs-card")[1]
    assert "Kenya" in kenya.get_text() and "Restoration" in kenya.get_text()
    assert kenya.find("time")["datetime"] == "2024-03-01"
    picture = kenya.find("img")
    assert picture["loading"] == "lazy" and picture["width"] == "480" and picture["height"] == "270"
    assert library["kenya"].hero_image.renditions.filter(filter_spec=CARD_RENDITION).exists()
    assert html.select(".cs-card")[0].find("img") is None  # no hero image, no empty frame
    # Only the old entry carries the badge.
    assert [c.select_one(".badge") is not None for c in html.select(".cs-card")] == [
        False,
        False,
        True,
    ]
    assert facet_counts(html, "theme") == {
        "Restoration": 2,
        "Water security": 2,
        "Agroforestry": 1,
        "Finance": 1,
    }
    assert facet_counts(html, "sdg") == {"Clean water and sanitation": 2, "Life on land": 2}
    # The ecosystem facet nests biomes under their realm.
    realm = html.find("section", attrs={"aria-labelledby": "facet-ecosystem"}).select_one("li")
    assert realm.a.get_text(" ", strip=True).startswith("Terrestrial")
    assert "Tropical-subtropical forests" in realm.ul.get_text()
    # Nothing is filtered yet: the filters stay folded on a phone, and there is nothing to clear.
    assert not html.select_one("details.facets").has_attr("open")
    assert html.select_one(".chips") is None


def test_filtering_by_theme_and_sdg_narrows_the_list_and_the_counts(client, index, library):
    html = soup(client.get(index.url))
    html = soup(client.get(index.url + facet_link(html, "theme", "Water security")))
    assert card_titles(html) == ["Andean water fund", "Kenya springs"]
    assert facet_counts(html, "sdg") == {"Clean water and sanitation": 2, "Life on land": 1}

    html = soup(client.get(index.url + facet_link(html, "sdg", "Life on land")))
    assert card_titles(html) == ["Kenya springs"]
    assert "1 case study" in html.select_one(".count").get_text()
    # The counts beside each value say how many the reader would see.
    assert facet_counts(html, "theme") == {"Restoration": 1, "Water security": 1}
    # Open filters, the chosen values marked, each removable on its own.
    assert html.select_one("details.facets").has_attr("open")
    selected = html.select(".facets a[aria-current]")
    assert {a.find("span").get_text(" ", strip=True)[:1] for a in selected} == {"✓"}
    chips = {a.get_text(" ", strip=True): a["href"] for a in html.select(".chips li a")}
    assert "Remove filter Theme: Water security ×" in chips
    assert "Remove filter SDG: Life on land ×" in chips
    html = soup(client.get(index.url + chips["Remove filter SDG: Life on land ×"]))
    assert card_titles(html) == ["Andean water fund", "Kenya springs"]
    assert len(soup(client.get(index.url + chips["Clear all filters"])).select(".cs-card")) == 3


def test_a_filter_matching_nothing_offers_to_clear_the_filters(client, index, library):
    html = soup(client.get(index.url + "?theme=restoration&sdg=6&country=PE"))
    assert not html.select(".cs-card")
    empty = html.select_one(".empty")
    assert "No case study matches" in empty.get_text()
    assert empty.a["href"] == "?"


def test_sorting_by_title(client, index, library):
    html = soup(client.get(index.url))
    sort = {a.get_text(): a["href"] for a in html.select(".sort a")}
    assert html.select_one(".sort [aria-current]").get_text() == "Newest"
    html = soup(client.get(index.url + sort["Title"]))
    assert card_titles(html) == ["Andean water fund", "Cocoa landscape", "Kenya springs"]
    assert html.select_one(".sort [aria-current]").get_text() == "Title"


def test_pagination_links_keep_the_filters(client, index, library, monkeypatch):
    monkeypatch.setattr("knowledge.selectors.PAGE_SIZE", 1)
    html = soup(client.get(index.url + "?theme=water-security&sort=title"))
    assert card_titles(html) == ["Andean water fund"]
    assert "Page 1 of 2" in html.select_one(".pagination").get_text()
    next_link = html.select_one(".pagination a[rel=next]")["href"]
    assert "theme=water-security" in next_link and "sort=title" in next_link
    html = soup(client.get(index.url + next_link))
    assert card_titles(html) == ["Kenya springs"]
    previous = html.select_one(".pagination a[rel=prev]")["href"]
    assert "theme=water-security" in previous and "sort=title" in previous


def test_the_map_draws_one_circle_per_cell_on_the_shipped_outline(client, index, library):
    CaseStudyPageFactory(parent=index, latitude=-13.6, longitude=-71.8)  # same cell as Peru
    CaseStudyPageFactory(parent=index, latitude=None, longitude=None)  # not on the map
    response = client.get(index.url)
    html = soup(response)
    svg = html.select_one(".world-map svg")
    assert svg["viewbox"] == "-180 -84 360 144" and svg["role"] == "img"
    assert svg.find("image")["href"].endswith("img/world.svg")
    cells = response.context["map_cells"]
    circles = svg.find_all("circle")
    assert len(circles) == len(cells) == 3
    assert sorted(c.title.get_text() for c in circles) == [
        "1 case study",
        "1 case study",
        "2 case studies",
    ]
    assert "4 case studies with a location" in html.select_one(".world-map figcaption").text


@override_settings(KNOWLEDGE_PAGE_CACHE_SECONDS=0)  # count what rendering the page costs
@pytest.mark.parametrize("count", [3, 15])
def test_the_library_runs_a_fixed_number_of_queries(
    client, index, count, django_assert_max_num_queries
):
    themes = terms(Theme, "restoration", "finance")
    countries = terms(Country, "KE", "PE", field="code")
    for n in range(count):
        CaseStudyPageFactory(
            parent=index,
            themes=themes,
            countries=countries,
            sdgs=terms(SDG, 6, field="number"),
            hero_image=image() if n % 2 else None,
            latitude=n * 5,
            longitude=n * 7,
        )
    client.get(index.url)  # renditions are made once, on the first view
    # The worst case: renditions exist but no process has them in its cache yet.
    empty_caches()
    with django_assert_max_num_queries(INDEX_QUERIES):
        response = client.get(index.url + "?theme=restoration&sdg=6")
    assert len(soup(response).select(".cs-card")) == min(count, 12)


# --- A case study -------------------------------------------------------------------------

HOSTILE = "</script><script>alert(1)</script> & co"


@pytest.fixture
def case_study(index, partnership):
    return CaseStudyPageFactory(
        parent=index,
        title=HOSTILE,
        summary="Farmers restored a watershed.",
        hero_image=image(),
        partnerships=[partnership],
        countries=terms(Country, "KE", field="code"),
        themes=terms(Theme, "restoration"),
        ecosystems=terms(Ecosystem, "T1.1", field="code"),
        sdgs=terms(SDG, 15, field="number"),
        area_ha=12500,
        scale="subnational",
        benefits=["healthy-nature"],
        zones=["natural-habitats"],
        published_on=datetime.date(2023, 5, 2),
        building_blocks=[
            (
                "building_block",
                {
                    "title": "A shared vision",
                    "description": "<p>All actors agreed a vision.</p>",
                    "enabling_factors": "<p>Trust.</p>",
                    "lessons_learned": "",
                },
            ),
            (
                "building_block",
                {"title": "Water fund", "description": "<p>Users pay.</p>"},
            ),
        ],
        impact_indicators=[
            (
                "indicator",
                {
                    "indicator": "Area restored",
                    "baseline": 0,
                    "value": 3200,
                    "unit": "ha",
                    "year": 2022,
                    "source": "Monitoring",
                },
            )
        ],
        finance=[("source", {"source": "Water utility", "amount": 250000, "currency": "USD"})],
        actors=[("actor", {"name": "District council", "kind": "organisation", "role": "Host"})],
        resources=[("link", {"title": "Partnership website", "url": "https://example.org/"})],
    )


def test_a_case_study_tells_its_story_in_order(client, case_study, partnership):
    html = soup(client.get(case_study.url))
    assert html.h1.get_text() == HOSTILE
    assert html.select_one("meta[name=description]")["content"] == "Farmers restored a watershed."
    headings = [h.get_text() for h in html.select("article h2")]
    assert (
        headings.index("Place")
        < headings.index("Building blocks")
        < headings.index("Outcomes and impact")
    )
    blocks = html.select("ol.building-blocks > li")
    assert [b.h3.get_text() for b in blocks] == ["A shared vision", "Water fund"]
    assert "Enabling factors" in blocks[0].get_text() and "Trust." in blocks[0].get_text()
    table = html.find("caption", string="Impact indicators").find_parent("table")
    row = [cell.get_text(strip=True) for cell in table.tbody.tr.find_all(["th", "td"])]
    assert row == ["Area restored", "0", "3,200", "ha", "2022", "Monitoring"]
    assert "250,000 USD" in html.find(id="finance").find_parent("section").get_text()
    place = html.find(id="place").find_parent("section")
    assert (
        place.find("a", string=partnership.name)["href"] == f"/en/partnerships/{partnership.slug}/"
    )
    assert "12,500 ha" in place.get_text()
    assert "1.30° S, 36.80° E" in place.get_text()
    assert place.select_one("svg.locator circle")["cx"] == "36.8"
    theme = html.find(id="context").find_parent("section").find("a", string="Restoration")
    assert theme["href"] == "/en/case-studies/?theme=restoration"
    assert "T1.1" in html.find(id="context").find_parent("section").get_text()
    # The hero image comes in sizes for each screen.
    assert "480w" in html.select_one(".hero-image img")["srcset"]


def test_a_case_study_shows_its_licence_and_citation(client, case_study, partnership):
    html = soup(client.get(case_study.url))
    licence = html.select_one("a[rel=license]")
    assert licence["href"] == "https://creativecommons.org/licenses/by/4.0/"
    citation = html.select_one(".citation blockquote").get_text(strip=True)
    assert citation == case_study.citation
    assert citation.startswith(f"{partnership.name} (2023). {HOSTILE}.")


def test_a_case_study_describes_itself_to_search_engines_and_social_sites(client, case_study):
    response = client.get(case_study.url)
    raw = response.content.decode()
    # The hostile title never closes the script element nor opens one.
    assert "<script>alert(1)" not in raw
    html = soup(response)
    og = {m["property"]: m["content"] for m in html.select("meta[property^='og:']")}
    assert og["og:type"] == "article"
    assert og["og:title"] == HOSTILE
    assert og["og:description"] == "Farmers restored a watershed."
    assert og["og:url"] == case_study.full_url
    assert og["og:locale"] == "en"
    assert og["og:image"].startswith("http://testserver/") and "fill-1200x630" in og["og:image"]
    scripts = html.select("script[type='application/ld+json']")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "Article"
    assert data["name"] == HOSTILE
    assert data["description"] == "Farmers restored a watershed."
    assert data["datePublished"] == "2023-05-02"
    case_study.refresh_from_db()
    assert data["dateModified"] == case_study.last_published_at.isoformat()
    assert data["inLanguage"] == "en"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["spatialCoverage"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": -1.3,
        "longitude": 36.8,
    }
    assert data["spatialCoverage"]["name"] == "Kenya"
    assert data["about"] == [{"@type": "Thing", "name": "Restoration"}]
    assert data["image"] == og["og:image"]


def test_related_content_is_listed(client, index, case_study):
    other = CaseStudyPageFactory(
        parent=index, title="Sister watershed", themes=terms(Theme, "restoration")
    )
    module = CurriculumModulePageFactory(parent=CurriculumPageFactory(title="Facilitation"))
    module.examples.create(case_study=case_study)
    module.save_revision().publish()
    html = soup(client.get(case_study.url))
    related = html.select_one("aside.related")
    assert related.find("a", string="Sister watershed")["href"] == other.url
    assert related.find("a", string="Facilitation")


def test_the_old_entry_notice_appears_only_on_old_entries(client, index):
    old = CaseStudyPageFactory(parent=index, published_on=datetime.date(2012, 1, 1))
    new = CaseStudyPageFactory(parent=index, published_on=datetime.date.today())
    assert soup(client.get(old.url)).select_one(".old-notice")
    assert soup(client.get(new.url)).select_one(".old-notice") is None


# --- Translations -------------------------------------------------------------------------


def test_an_untranslated_page_in_french_says_so_and_keeps_its_language(client, case_study):
    page_sync_aliases(case_study)
    html = soup(client.get(case_study.url.replace("/en/", "/fr/", 1)))
    assert html.html["lang"] == "fr"
    notice = html.select_one(".translation-notice")
    assert notice
    assert "n'a pas encore été traduite en français" in notice.get_text()
    assert "langue d'origine\xa0: anglais" in notice.get_text()
    assert html.select_one("article.case-study")["lang"] == "en"
    switch = html.select_one(".lang-switch a")
    assert switch["href"] == case_study.url and switch["hreflang"] == switch["lang"] == "en"
    alternates = html.select("link[rel=alternate][hreflang]")
    assert [(a["hreflang"], a["href"]) for a in alternates] == [("en", case_study.full_url)]
    # In its own language the page says nothing of the kind.
    english = soup(client.get(case_study.url))
    assert english.select_one(".translation-notice") is None
    assert english.select_one(".lang-switch") is None


# --- Curricula ----------------------------------------------------------------------------


@pytest.fixture
def curriculum():
    curriculum = CurriculumPageFactory(
        title="Facilitating landscape partnerships",
        level="introductory",
        duration_hours=30,
        facilitator_notes="<p>Book a room with daylight.</p>",
    )
    first = CurriculumModulePageFactory(
        parent=curriculum, title="Who is in the landscape", duration_minutes=90
    )
    second = CurriculumModulePageFactory(
        parent=curriculum,
        title="A shared vision",
        sessions=[
            (
                "session",
                {
                    "title": "Visioning",
                    "objective": "",
                    "activities": [
                        {
                            "title": "Walk",
                            "minutes": 60,
                            "method": "field-visit",
                            "description": "<p>Walk the catchment.</p>",
                            "materials": "Boots",
                        },
                        {
                            "title": "Draw the future",
                            "minutes": 45,
                            "method": "exercise",
                            "description": "<p>Draw it.</p>",
                            "materials": "",
                        },
                    ],
                },
            )
        ],
    )
    return curriculum, first, second


def test_the_curriculum_index_lists_curricula(client, curriculum):
    page = curriculum[0]
    html = soup(client.get(page.get_parent().url))
    card = html.select_one(".card")
    assert card.h2.a["href"] == page.url
    assert "Introductory" in card.get_text() and "30 hours" in card.get_text()


def test_a_curriculum_lists_its_modules_and_its_downloads(client, curriculum):
    page, first, second = curriculum
    html = soup(client.get(page.url))
    assert [a.get_text() for a in html.select(".modules h3 a")] == [first.title, second.title]
    assert "1 h 30 min" in html.select_one(".modules").get_text()
    notes = html.select_one("details.notes")
    assert "Book a room with daylight." in notes.get_text()
    links = {a.get_text(): a["href"] for a in html.select(".actions a")}
    assert links["Download for your learning platform (Common Cartridge)"] == (
        f"/en/curricula/{page.id}/package.imscc"
    )
    assert links["Facilitator guide (print)"] == f"/en/curricula/{page.id}/guide/"
    assert html.select_one("a[rel=license]")


def test_a_module_shows_its_sessions_as_a_timed_agenda(client, curriculum):
    page, first, second = curriculum
    html = soup(client.get(second.url))
    assert html.select_one(".breadcrumb").find("a", string=page.title)["href"] == page.url
    nav = html.select_one(".module-nav")
    assert nav.select_one("[aria-current=page]").get_text() == "A shared vision"
    assert nav.find("a", string="Who is in the landscape")["href"] == first.url
    agenda = html.select_one(".session table")
    rows = [
        [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        for tr in agenda.tbody.find_all("tr")
    ]
    assert rows[0][:4] == ["0:00", "Walk Walk the catchment.", "Field visit", "60"]
    assert rows[1][0] == "1:00" and rows[1][2:4] == ["Exercise", "45"]
    assert agenda.tfoot.get_text(" ", strip=True) == "Session total 105 1 h 45 min"
    assert "1 h 45 min" in html.select_one(".facts").get_text()  # planned minutes
