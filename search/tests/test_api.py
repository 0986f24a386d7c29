"""The search as JSON: the same answers as the page, private documents kept from those who may
not read them, labels in the asked language, and a 400 (never a 500) for bad parameters."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from people.tests.factories import UserFactory
from search import registry
from search.backends import get_backend
from search.documents import Document

SEARCH = "/api/search/"
SUGGEST = "/api/search/suggest/"


@pytest.fixture
def theme_facet(monkeypatch):
    facet = registry.Facet(
        "theme", "Theme", lambda values: {v: v.capitalize() for v in values}, order=20
    )
    monkeypatch.setitem(registry._facets, "theme", facet)


@pytest.fixture
def group(db):
    return Group.objects.create(name="Secret partnership")


@pytest.fixture
def indexed(db, theme_facet, group):
    backend = get_backend()
    backend.setup()
    backend.clear()
    backend.index(
        [
            Document(
                type="case_study",
                id="1",
                title="Water for the Andes",
                url="/en/case-studies/water/",
                language="en",
                summary="Springs restored.",
                body="Farmers restored the springs & the <water> came back.",
                facets={"theme": ["restoration", "water"]},
            ),
            Document(
                type="course",
                id="2",
                title="Watershed management",
                url="/fr/courses/watershed/",
                language="fr",
                body="Gestion de l'eau et water.",
                facets={"theme": ["water"]},
            ),
            Document(
                type="case_study",
                id="3",
                title="Watering secret plan",
                url="/en/secret/",
                language="en",
                body="Confidential water budget.",
                facets={"theme": ["hidden"]},
                visibility=[f"group:{group.pk}"],
            ),
        ]
    )
    yield
    backend.clear()


def test_urls_are_outside_the_language_prefix():
    assert reverse("search_api:search") == SEARCH
    assert reverse("search_api:suggest") == SUGGEST


def test_search_answers_hits_highlights_and_facets(client, indexed):
    response = client.get(SEARCH, {"q": "water", "theme": "water"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["query"] == "water"
    assert (data["total"], data["page"], data["pages"]) == (2, 1, 1)
    assert data["suggestion"] == ""
    first = next(r for r in data["results"] if r["id"] == "1")
    assert first == {
        "type": "case_study",
        "type_label": str(registry.get_type("case_study").label),
        "id": "1",
        "title": "Water for the Andes",
        "url": "/en/case-studies/water/",
        "summary": "Springs restored.",
        # Escaped text, only the marks are HTML.
        "highlight": "Farmers restored the springs &amp; the &lt;<mark>water</mark>&gt; came back.",
        "title_highlight": "<mark>Water</mark> for the Andes",
        "language": "en",
        "date": None,
    }
    theme = data["facets"]["theme"]
    assert theme["label"] == "Theme"
    assert {"value": "water", "label": "Water", "count": 2, "selected": True} in theme["values"]
    assert {"value": "restoration", "label": "Restoration", "count": 1, "selected": False} in (
        theme["values"]
    )
    assert [v["value"] for v in data["facets"]["type"]["values"]] == ["case_study", "course"]
    assert data["facets"]["language"]["label"] == "Language"


def test_filters_and_sort(client, indexed):
    data = client.get(SEARCH, {"q": "water", "type": "course", "sort": "date"}).json()
    assert [r["id"] for r in data["results"]] == ["2"]
    assert data["facets"]["type"]["values"] == [
        {
            "value": "course",
            "label": str(registry.get_type("course").label),
            "count": 1,
            "selected": True,
        }
    ]


def test_no_hits_give_a_spelling_suggestion(client, indexed):
    data = client.get(SEARCH, {"q": "watr"}).json()
    assert data["total"] == 0 and data["results"] == []
    assert data["suggestion"] == "water"


def test_anonymous_answers_may_be_cached_briefly_by_anyone(client, indexed):
    response = client.get(SEARCH, {"q": "water"})
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert "Cookie" in response["Vary"] and "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "51"}, "page"),
        ({"sort": "popular"}, "sort"),
        ({"q": "x" * 201}, "q"),
        ({"theme": [f"v{i}" for i in range(11)]}, "theme"),
        ({"theme": "x" * 65}, "theme"),
        ({"lang": "de"}, "lang"),
    ],
)
def test_bad_parameters_are_a_400_with_the_errors(client, indexed, params, field):
    response = client.get(SEARCH, params)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert all(isinstance(message, str) and message for message in errors[field])
    assert "max-age=0" in response["Cache-Control"]


def test_only_get(client, indexed):
    assert client.post(SEARCH, {"q": "water"}).status_code == 405


def test_labels_follow_lang_then_accept_language(client, indexed):
    with translation.override("fr"):
        french = str(registry.get_type("case_study").label)
    assert french != str(registry.get_type("case_study").label)

    data = client.get(SEARCH, {"q": "water", "lang": "fr"}).json()
    assert data["results"][0]["type_label"] == french or data["results"][1]["type_label"] == french
    labels = {v["value"]: v["label"] for v in data["facets"]["type"]["values"]}
    assert labels["case_study"] == french

    data = client.get(SEARCH, {"q": "water"}, HTTP_ACCEPT_LANGUAGE="fr").json()
    labels = {v["value"]: v["label"] for v in data["facets"]["type"]["values"]}
    assert labels["case_study"] == french


# --- Who may read what --------------------------------------------------------------------


def test_private_documents_stay_out_of_hits_counts_and_suggestions(client, indexed):
    data = client.get(SEARCH, {"q": "water"}).json()
    assert data["total"] == 2
    assert "Watering secret plan" not in [r["title"] for r in data["results"]]
    assert "hidden" not in [v["value"] for v in data["facets"]["theme"]["values"]]
    assert client.get(SEARCH, {"q": "confidential"}).json()["suggestion"] == ""
    titles = [s["title"] for s in client.get(SUGGEST, {"q": "wat"}).json()["suggestions"]]
    assert "Watering secret plan" not in titles
    assert titles


def test_members_of_the_group_find_it(client, indexed, group):
    reader = UserFactory()
    reader.groups.add(group)
    client.force_login(reader)
    response = client.get(SEARCH, {"q": "water"})
    data = response.json()
    assert data["total"] == 3
    assert {"value": "hidden", "label": "Hidden", "count": 1, "selected": False} in (
        data["facets"]["theme"]["values"]
    )
    assert "private" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    suggest = client.get(SUGGEST, {"q": "wat"})
    assert "Watering secret plan" in [s["title"] for s in suggest.json()["suggestions"]]
    assert "private" in suggest["Cache-Control"]


# --- Suggestions ----------------------------------------------------------------------------


def test_suggest_gives_titles_urls_and_types(client, indexed):
    response = client.get(SUGGEST, {"q": "watersh"})
    assert response.status_code == 200
    assert response.json() == {
        "suggestions": [
            {
                "title": "Watershed management",
                "url": "/fr/courses/watershed/",
                "type": "course",
                "type_label": str(registry.get_type("course").label),
            }
        ]
    }


def test_suggest_needs_two_characters_and_refuses_bad_parameters(client, indexed):
    assert client.get(SUGGEST, {"q": "w"}).json() == {"suggestions": []}
    assert client.get(SUGGEST).json() == {"suggestions": []}
    response = client.get(SUGGEST, {"q": "w" * 201})
    assert response.status_code == 400 and "q" in response.json()["errors"]
    response = client.get(SUGGEST, {"q": "wat", "limit": "many"})
    assert response.status_code == 400 and "limit" in response.json()["errors"]


def test_suggest_limit(client, indexed):
    data = client.get(SUGGEST, {"q": "wat", "limit": 1}).json()
    assert len(data["suggestions"]) == 1
