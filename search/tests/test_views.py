"""The search page, as a reader sees it: hits and highlights, facets with counts, chips,
pagination, the empty states, and what a private document never shows to someone who may not
read it. Documents go straight into the configured backend's index."""

import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from people.tests.factories import UserFactory
from search import registry
from search.backends import get_backend
from search.documents import Document

URL = "/en/search/"


def theme_labels(values):
    return {value: value.replace("-", " ").capitalize() for value in values}


@pytest.fixture
def theme_facet(monkeypatch):
    """A theme facet whose labels need no taxonomy in the database."""
    facet = registry.Facet("theme", "Theme", theme_labels, order=20)
    monkeypatch.setitem(registry._facets, "theme", facet)
    return facet


def doc(id, title, *, type="case_study", body="", summary="", days=0, **kwargs):
    return Document(
        type=type,
        id=str(id),
        title=title,
        url=f"/en/{type}/{id}/",
        language=kwargs.pop("language", "en"),
        summary=summary,
        body=body,
        date=datetime(2024, 6, 1, tzinfo=UTC) - timedelta(days=days),
        **kwargs,
    )


@pytest.fixture
def index(db, theme_facet):
    backend = get_backend()
    backend.setup()
    backend.clear()

    def add(*documents):
        backend.index(list(documents))

    yield add
    backend.clear()


@pytest.fixture
def library(index):
    index(
        doc(
            1,
            "Water for the Andes",
            body="Farmers restored the springs and the water came back to the valley.",
            facets={"theme": ["restoration", "water"]},
        ),
        doc(
            2,
            "Restoring terraces",
            summary="Terrace restoration on steep hillsides.",
            body="Terraces hold the rain water on the hillside.",
            facets={"theme": ["restoration"]},
            days=3,
        ),
        doc(
            3,
            "Agroforestry course",
            type="course",
            summary="Trees and crops together.",
            facets={"theme": ["agroforestry"]},
            days=10,
        ),
    )


@pytest.fixture
def secret_group(db):
    return Group.objects.create(name="Secret partnership")


@pytest.fixture
def secret(index, secret_group):
    index(
        doc(
            99,
            "Watershed secret plan",
            body="Confidential water budget.",
            facets={"theme": ["hidden-theme"]},
            visibility=[f"group:{secret_group.pk}"],
        )
    )


def text_of(response):
    """The page as text, tags removed and white space collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()
    return re.sub(r" ([?.,])", r"\1", text)


def hit_titles(response):
    return [
        unescape(re.sub(r"<[^>]+>", "", t))
        for t in re.findall(
            r'<li class="hit".*?<h3><a href="[^"]*">(.*?)</a></h3>', response.content.decode(), re.S
        )
    ]


# --- The page -----------------------------------------------------------------------------


def test_the_page_is_in_the_navigation_and_at_its_name(client, db):
    assert reverse("search:search") == URL
    response = client.get(URL)
    assert response.status_code == 200
    assert f'href="{URL}"' in response.content.decode()


def test_hits_show_highlights_type_language_and_date(client, library):
    response = client.get(URL, {"q": "water"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 results for “water”" in text_of(response)
    assert hit_titles(response) == ["Water for the Andes", "Restoring terraces"]
    # The title and the passage with the words marked.
    assert '<a href="/en/case_study/1/"><mark>Water</mark> for the Andes</a>' in page
    assert "<mark>water</mark> came back" in page
    assert str(registry.get_type("case_study").label) in text_of(response)
    assert 'datetime="2024-06-01T00:00:00+00:00"' in page
    assert "English" in text_of(response)
    assert "<title>“water” – Search" in page
    assert '<meta name="robots" content="noindex">' in page
    # Anonymous: nothing marks the page private.
    assert "private" not in response.get("Cache-Control", "")


def test_summary_is_shown_when_the_body_does_not_match(client, library):
    response = client.get(URL, {"q": "agroforestry"})
    assert "Trees and crops together." in text_of(response)


def test_text_from_documents_is_escaped(client, index):
    index(doc(5, "<script>alert(1)</script> water", body="<b>water</b> & soil"))
    page = client.get(URL, {"q": "water"}).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>water</mark>" in page
    assert "&lt;b&gt;<mark>water</mark>&lt;/b&gt; &amp; soil" in page


def test_facets_count_hits_and_filters_show_as_removable_chips(client, library):
    response = client.get(URL, {"q": "water"})
    page = response.content.decode()
    # Counts over every hit: both documents have restoration, one has water.
    assert re.search(r'value="restoration"[^>]*>\s*<label[^>]*>Restoration <span class="n">2', page)
    assert re.search(r'value="water"[^>]*>\s*<label[^>]*>Water <span class="n">1', page)
    assert "<legend>Theme</legend>" in page

    response = client.get(URL, {"q": "water", "theme": ["restoration", "water"]})
    page = response.content.decode()
    assert hit_titles(response) == ["Water for the Andes"]
    assert re.search(r'name="theme" value="water" id="[^"]+" checked', page)
    chips = re.search(r'<ul class="chips".*?</ul>', page, re.S).group(0)
    # Each chip drops its own filter and keeps the others and the words.
    assert 'href="?q=water&amp;theme=water"' in chips
    assert 'href="?q=water&amp;theme=restoration"' in chips
    assert "Theme: Restoration" in unescape(re.sub(r"<[^>]+>", "", chips))
    assert 'href="?q=water"' in chips  # clear all filters


def test_type_facet_is_labelled(client, library):
    page = client.get(URL).content.decode()
    label = str(registry.get_type("course").label)
    assert re.search(
        rf'name="type" value="course"[^>]*>\s*<label[^>]*>{label} <span class="n">1', page
    )


def test_filters_combine_with_and_across_facets(client, library):
    response = client.get(URL, {"type": "course", "theme": "restoration"})
    assert response.status_code == 200
    assert hit_titles(response) == []
    assert "Nothing matches all these filters." in text_of(response)


def test_pagination_keeps_words_filters_and_sort(client, index):
    index(
        *[
            doc(i, f"Soil report {i}", body="soil", facets={"theme": ["soil"]}, days=i)
            for i in range(45)
        ]
    )
    response = client.get(URL, {"q": "soil", "theme": "soil", "sort": "date"})
    page = response.content.decode()
    assert "45 results for “soil”" in text_of(response)
    assert len(hit_titles(response)) == 20
    assert 'href="?q=soil&amp;theme=soil&amp;sort=date&amp;page=2" rel="next nofollow"' in page
    assert 'href="?q=soil&amp;theme=soil&amp;sort=date&amp;page=3"' in page
    assert 'aria-current="page"' in page

    response = client.get(URL, {"q": "soil", "theme": "soil", "sort": "date", "page": 3})
    page = response.content.decode()
    assert hit_titles(response) == [f"Soil report {i}" for i in range(40, 45)]
    assert '<ol class="hits" start="41">' in page
    assert 'href="?q=soil&amp;theme=soil&amp;sort=date&amp;page=2" rel="prev nofollow"' in page
    assert 'rel="next' not in page


def test_a_page_past_the_last_one_links_back_to_the_first(client, library):
    response = client.get(URL, {"q": "water", "page": 7})
    assert response.status_code == 200
    assert "There are no results on this page." in text_of(response)
    assert 'href="?q=water"' in response.content.decode()


def test_browsing_without_words_shows_the_newest_and_explains(client, library):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Recently added" in text_of(response)
    assert "Type some words, or choose filters" in text_of(response)
    assert hit_titles(response) == [
        "Water for the Andes",
        "Restoring terraces",
        "Agroforestry course",
    ]
    page = response.content.decode()
    assert "noindex" not in page
    assert "<title>Search ·" in page


def test_no_results_offers_a_spelling_and_broader_searches(client, library):
    response = client.get(URL, {"q": "restoraton", "theme": "restoration"})
    text, page = text_of(response), response.content.decode()
    assert hit_titles(response) == []
    assert "Did you mean restoration?" in text
    assert 'href="?q=restoration&amp;theme=restoration"' in page
    assert "Nothing matches “restoraton” with these filters." in text
    assert "Remove Theme: Restoration" in text
    assert "Search “restoraton” without filters" in text
    assert 'href="?q=restoraton"' in page
    # The selected value stays a checked box, so unchecking it works.
    assert re.search(r'name="theme" value="restoration" id="[^"]+" checked', page)


def test_no_results_without_filters_gives_tips(client, library):
    response = client.get(URL, {"q": "zzzqqq"})
    assert "Nothing matches “zzzqqq”." in text_of(response)
    assert "Check the spelling" in text_of(response)
    assert "Did you mean" not in text_of(response)


def test_the_page_works_without_javascript(client, library):
    """A plain GET form: the box, the filters and the sort submit together."""
    page = client.get(URL, {"q": "water"}).content.decode()
    form = re.search(r'<form id="search-form"[^>]*>', page).group(0)
    assert 'role="search"' in form and 'method="get"' in form and f'action="{URL}"' in form
    assert re.search(r'<input type="search" id="search-q" name="q" value="water"', page)
    assert '<label for="search-q">' in page
    assert 'list="search-suggestions"' in page and '<datalist id="search-suggestions">' in page
    assert re.search(r'<input type="checkbox" form="search-form" name="theme"', page)
    assert re.search(r'<select id="search-sort" name="sort" form="search-form">', page)
    assert re.search(r'<button type="submit" form="search-form" data-apply>', page)
    assert '<script src="/static/js/search.js" defer></script>' in page
    assert "<script>" not in page
    assert 'aria-live="polite"' in page


def test_a_query_too_long_is_shown_back_with_an_error(client, library):
    long = " ".join(["water"] * 40)
    response = client.get(URL, {"q": long})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in page
    assert "at most 200 characters" in text_of(response)
    assert f'value="{long}"' in page
    assert hit_titles(response) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "abc"}, "Enter a whole number."),
        ({"page": "0"}, "greater than or equal to 1"),
        ({"sort": "popular"}, "Select a valid choice."),
        ({"theme": ["x" * 65]}, "This filter value is too long."),
    ],
)
def test_invalid_parameters_show_an_error_and_still_answer(client, library, params, message):
    response = client.get(URL, {"q": "water", **params})
    assert response.status_code == 200
    assert message in text_of(response)
    assert 'role="alert"' in response.content.decode()
    assert "Water for the Andes" in hit_titles(response)


# --- Who may read what --------------------------------------------------------------------


def test_a_private_document_is_invisible_to_anonymous_readers(client, library, secret):
    response = client.get(URL, {"q": "water"})
    assert "Watershed secret plan" not in response.content.decode()
    assert "2 results" in text_of(response)
    # Not even as a facet value or count, nor while browsing.
    browse = client.get(URL).content.decode()
    assert "hidden-theme" not in browse and "secret" not in browse.lower()
    # Filtering on it finds nothing, and no spelling leads to it.
    response = client.get(URL, {"q": "confidential"})
    assert hit_titles(response) == [] and "Did you mean" not in text_of(response)


def test_a_private_document_is_found_by_those_who_may_read_it(
    client, library, secret, secret_group
):
    reader = UserFactory()
    reader.groups.add(secret_group)
    client.force_login(reader)
    response = client.get(URL, {"q": "water"})
    assert "Watershed secret plan" in hit_titles(response)
    assert "3 results for “water”" in text_of(response)
    assert re.search(
        r'value="hidden-theme"[^>]*>\s*<label[^>]*>Hidden theme <span class="n">1',
        response.content.decode(),
    )
    assert "private" in response["Cache-Control"]


def test_other_members_do_not_find_it(client, library, secret):
    client.force_login(UserFactory())
    response = client.get(URL, {"q": "confidential"})
    assert hit_titles(response) == []
    assert "private" in response["Cache-Control"]


# --- Cost ---------------------------------------------------------------------------------


def test_the_page_runs_a_fixed_number_of_queries(client, index, django_assert_max_num_queries):
    index(
        *[
            doc(i, f"Water note {i}", body="water", facets={"theme": [f"t{i % 7}"]}, days=i)
            for i in range(60)
        ]
    )
    reader = UserFactory()
    client.force_login(reader)
    client.get(URL)  # caches warmed up, as on a running site
    # Session, user, groups and partnerships (the reader's tokens), the three queries of the
    # search (page, total, facets), the permissions the header reads, the reader's cohorts
    # (forum tokens) and the header's unread-notification count; whatever the index holds.
    with django_assert_max_num_queries(11):
        response = client.get(URL, {"q": "water", "type": "case_study", "theme": "t1"})
    assert response.status_code == 200
