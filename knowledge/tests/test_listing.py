"""The faceted case-study listing: filters combine with AND, counts tell how many a click would
leave, and the number of queries does not grow with the number of case studies."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from knowledge.models import SDG, Country, Ecosystem, ILMElementTerm, Theme
from knowledge.selectors import case_study_listing
from knowledge.tests.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory

pytestmark = pytest.mark.django_db


def terms(model, *keys, field="slug"):
    return list(model.objects.filter(**{f"{field}__in": keys}))


@pytest.fixture
def library():
    index = CaseStudyIndexPageFactory()
    make = CaseStudyPageFactory
    pages = {
        "kenya": make(
            parent=index,
            title="Kenya springs",
            themes=terms(Theme, "restoration", "water-security"),
            countries=terms(Country, "KE", field="code"),
            region="sub-saharan-africa",
            sdgs=terms(SDG, 6, 15, field="number"),
            ecosystems=terms(Ecosystem, "T1.1", "T1.2", field="code"),
            ilm_elements=terms(ILMElementTerm, "partnership", field="code"),
            published_on=datetime.date(2024, 3, 1),
        ),
        "peru": make(
            parent=index,
            title="Andean water fund",
            themes=terms(Theme, "water-security", "finance"),
            countries=terms(Country, "PE", field="code"),
            region="latin-america-caribbean",
            original_language="es",
            sdgs=terms(SDG, 6, field="number"),
            ecosystems=terms(Ecosystem, "F1.1", field="code"),
            latitude=-13.5,
            longitude=-71.9,
            published_on=datetime.date(2025, 1, 1),
        ),
        "ghana": make(
            parent=index,
            title="Cocoa landscape",
            themes=terms(Theme, "agroforestry", "restoration"),
            countries=terms(Country, "GH", "CI", field="code"),
            region="sub-saharan-africa",
            sdgs=terms(SDG, 15, field="number"),
            ecosystems=terms(Ecosystem, "T1.2", field="code"),
            latitude=6.7,
            longitude=-1.6,
            published_on=datetime.date(2019, 1, 1),
        ),
        "draft": make(
            parent=index, title="Unpublished", themes=terms(Theme, "restoration"), live=False
        ),
    }
    return index, pages


def listing(index, query=""):
    return case_study_listing(index=index, params=QueryDict(query))


def titles(context):
    return [page.title for page in context["results"]]


def counts(context, key):
    facet = next(f for f in context["facets"] if f.key == key)
    flat = {}
    for option in facet.options:
        flat[option.value] = option.count
        for child in option.children:
            flat[child.value] = child.count
    return flat


def test_everything_live_is_listed_newest_first_and_drafts_never(library):
    index, _pages = library
    context = listing(index)
    assert titles(context) == ["Andean water fund", "Kenya springs", "Cocoa landscape"]
    assert context["total"] == 3
    assert counts(context, "theme") == {
        "restoration": 2,
        "water-security": 2,
        "finance": 1,
        "agroforestry": 1,
    }


def test_filters_combine_with_and_and_counts_follow_the_results(library):
    index, _pages = library
    context = listing(index, "theme=restoration&sdg=15")
    assert sorted(titles(context)) == ["Cocoa landscape", "Kenya springs"]
    context = listing(index, "theme=restoration&theme=water-security")
    assert titles(context) == ["Kenya springs"]
    assert counts(context, "country") == {"KE": 1}
    # Each value's count is the number of results a click on it would leave.
    context = listing(index, "region=sub-saharan-africa")
    assert counts(context, "theme") == {"restoration": 2, "water-security": 1, "agroforestry": 1}
    # The region facet counts without its own filter, so a reader can switch region.
    assert counts(context, "region") == {"sub-saharan-africa": 2, "latin-america-caribbean": 1}


def test_ecosystems_filter_and_count_up_the_tree(library):
    index, _pages = library
    context = listing(index)
    ecosystem = counts(context, "ecosystem")
    # Kenya is tagged with two forest groups of one biome: it counts once for the biome.
    assert ecosystem["T1"] == 2 and ecosystem["T"] == 2 and ecosystem["F"] == 1
    assert titles(listing(index, "ecosystem=T")) == ["Kenya springs", "Cocoa landscape"]
    assert titles(listing(index, "ecosystem=T1.1")) == ["Kenya springs"]
    realm = next(f for f in context["facets"] if f.key == "ecosystem").options[0]
    assert realm.value == "T" and [child.value for child in realm.children] == ["T1"]


def test_language_sort_and_labels(library):
    index, _pages = library
    assert titles(listing(index, "language=es")) == ["Andean water fund"]
    assert titles(listing(index, "sort=title")) == [
        "Andean water fund",
        "Cocoa landscape",
        "Kenya springs",
    ]
    context = listing(index, "sdg=6&country=KE")
    assert [(f["facet"], f["label"]) for f in context["active_filters"]] == [
        ("Country", "Kenya"),
        ("SDG", "Clean water and sanitation"),
    ]
    # Removing one filter keeps the other.
    assert context["active_filters"][0]["url"] == "?sdg=6"


def test_unknown_or_malformed_filters_give_an_empty_list_not_an_error(library):
    index, _pages = library
    assert listing(index, "theme=no-such-theme")["total"] == 0
    assert listing(index, "sdg=six")["total"] == 0
    assert listing(index, "sort=evil&page=999")["total"] == 3


def test_the_map_groups_points_into_cells(library):
    index, _pages = library
    cells = listing(index)["map_cells"]
    assert sum(cell["count"] for cell in cells) == 3
    peru = next(cell for cell in cells if cell["x"] < -60)
    # Cells are drawn at their centre in SVG coordinates (x = longitude, y = -latitude).
    assert -72 <= peru["x"] <= -70 and 12 <= peru["y"] <= 14


@override_settings(KNOWLEDGE_PAGE_CACHE_SECONDS=0)  # count the work, not a cached copy
def test_the_listing_takes_the_same_number_of_queries_whatever_the_data(library, client):
    index, _pages = library
    url = index.url + "?theme=finance&sdg=6"
    client.get(url)  # warm Wagtail's per-site caches

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    for _n in range(12):
        CaseStudyPageFactory(
            parent=index,
            themes=terms(Theme, "finance"),
            sdgs=terms(SDG, 6, field="number"),
            countries=terms(Country, "BR", field="code"),
        )
    assert queries() == before
    assert before <= 40


def test_related_case_studies_are_ranked_by_what_they_share(library):
    from knowledge.selectors import case_study_related
    from knowledge.translation import page_sync_aliases

    _index, pages = library
    page_sync_aliases(pages["kenya"])  # its own French alias shares everything: never listed
    related = case_study_related(pages["kenya"])["related_case_studies"]
    # Ghana shares a theme and an ecosystem group, Peru one theme; the draft shares one too.
    assert [page.title for page in related] == ["Cocoa landscape", "Andean water fund"]


def test_private_examples_and_modules_stay_off_public_curriculum_pages(client):
    from wagtail.models import PageViewRestriction

    from knowledge.models import CurriculumExample
    from knowledge.tests.factories import CurriculumModulePageFactory, CurriculumPageFactory

    secret = CaseStudyPageFactory(title="Secret case", summary="Secret summary")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    curriculum = CurriculumPageFactory()
    module = CurriculumModulePageFactory(parent=curriculum, title="Open module")
    hidden = CurriculumModulePageFactory(parent=curriculum, title="Private module")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    module.examples.add(CurriculumExample(case_study=secret, note="why"))
    module.save_revision().publish()

    for url in (curriculum.url, module.url):
        html = client.get(url).content.decode()
        assert "Open module" in html
        assert "Private module" not in html
        assert "Secret case" not in html and "Secret summary" not in html


def test_map_coordinates_stay_numbers_in_every_language(library, client):
    """French writes 36,8 for 36.8; SVG attributes must not follow, or the dots vanish."""
    import re

    from knowledge.translation import page_sync_aliases

    _index, pages = library
    page_sync_aliases(pages["peru"])
    for url in ("/fr/case-studies/", pages["peru"].url.replace("/en/", "/fr/", 1)):
        html = client.get(url).content.decode()
        circles = re.findall(r'<circle cx="([^"]+)" cy="([^"]+)"', html)
        assert circles, url
        for value in (v for pair in circles for v in pair):
            float(value)  # "−71,9" would raise
