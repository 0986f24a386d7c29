"""The anonymous page cache: fast for readers, never stale after publishing, never shared with
signed-in people, never handing one reader's CSRF token or cookie to another."""

import re

import pytest
from django.test import Client
from wagtail.models import Page

from knowledge.cache import STATUS_HEADER, bump_generation
from knowledge.models import CaseStudyPage, Theme
from knowledge.tests.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db

MIDDLEWARE = "knowledge.cache.PageCacheMiddleware"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.KNOWLEDGE_PAGE_CACHE_SECONDS = 300
    # Database rows roll back between tests but the cache does not: start and end afresh.
    bump_generation()
    yield
    bump_generation()


@pytest.fixture
def with_middleware(settings):
    if MIDDLEWARE not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]


@pytest.fixture
def case_study(db):
    return CaseStudyPageFactory(title="Terraces of Kigezi", slug="kigezi")


URL = "/en/case-studies/kigezi/"


def rename_quietly(page, title):
    """Change the row behind the site's back (no signal), to see what the cache serves."""
    Page.objects.filter(pk=page.pk).update(title=title)


def test_an_anonymous_reader_is_served_the_cached_page(client, case_study):
    first = client.get(URL)
    assert first.status_code == 200
    assert first[STATUS_HEADER] == "miss"
    rename_quietly(case_study, "Renamed behind the cache")

    second = client.get(URL)
    assert second[STATUS_HEADER] == "hit"
    assert "Terraces of Kigezi" in second.content.decode()


def test_a_cached_page_costs_no_query_with_the_middleware(
    client, case_study, with_middleware, django_assert_max_num_queries
):
    client.get(URL)
    with django_assert_max_num_queries(0):
        response = client.get(URL)
    assert response.status_code == 200
    assert "Terraces of Kigezi" in response.content.decode()


def test_a_signed_in_reader_never_gets_the_cached_page(client, case_study, learner):
    client.get(URL)
    rename_quietly(case_study, "What the database says now")

    client.force_login(learner)
    response = client.get(URL)
    assert STATUS_HEADER not in response
    assert "What the database says now" in response.content.decode()


def test_a_page_rendered_for_a_signed_in_reader_is_not_stored(client, case_study, learner):
    client.force_login(learner)
    assert learner.name in client.get(URL).content.decode()

    client.logout()
    response = client.get(URL)
    assert response[STATUS_HEADER] == "miss"
    assert learner.name not in response.content.decode()


def test_publishing_a_change_shows_at_once(client, case_study):
    client.get(URL)
    page = CaseStudyPage.objects.get(pk=case_study.pk)
    page.title = "Terraces of Kigezi, ten years on"
    page.save_revision().publish()

    assert "Terraces of Kigezi, ten years on" in client.get(URL).content.decode()


def test_a_draft_is_not_shown_and_does_not_empty_the_cache(client, case_study):
    client.get(URL)
    page = CaseStudyPage.objects.get(pk=case_study.pk)
    page.title = "Unreviewed draft title"
    page.save_revision()

    response = client.get(URL)
    assert response[STATUS_HEADER] == "hit"
    assert "Unreviewed draft title" not in response.content.decode()


def test_unpublishing_gives_not_found_at_once(client, case_study):
    assert client.get(URL).status_code == 200
    CaseStudyPage.objects.get(pk=case_study.pk).unpublish()
    assert client.get(URL).status_code == 404


def test_unpublishing_answers_not_found_with_the_middleware_too(
    client, case_study, with_middleware
):
    assert client.get(URL).status_code == 200
    CaseStudyPage.objects.get(pk=case_study.pk).unpublish()
    assert client.get(URL).status_code == 404


def test_a_taxonomy_change_empties_the_cache(client, case_study):
    theme = Theme.objects.order_by("pk").first() or Theme.objects.create(name="Water", slug="w")
    client.get(URL)
    assert client.get(URL)[STATUS_HEADER] == "hit"
    theme.name_fr = "Sécurité de l'eau"
    theme.save()
    assert client.get(URL)[STATUS_HEADER] == "miss"


def test_each_language_is_cached_on_its_own(client):
    for _round in range(2):
        english = client.get("/en/")
        french = client.get("/fr/")
        assert '<html lang="en">' in english.content.decode()
        assert '<html lang="fr">' in french.content.decode()
    assert english[STATUS_HEADER] == french[STATUS_HEADER] == "hit"


def test_filtered_listings_are_cached_by_query_and_junk_parameters_are_not(client, case_study):
    index = "/en/case-studies/"
    client.get(index + "?theme=water-security")
    assert client.get(index + "?theme=water-security")[STATUS_HEADER] == "hit"
    assert client.get(index + "?theme=restoration")[STATUS_HEADER] == "miss"
    client.get(index + "?utm_source=newsletter")
    assert STATUS_HEADER not in client.get(index + "?utm_source=newsletter")


def test_a_response_setting_a_cookie_is_not_cached(client, case_study, monkeypatch):
    serve = Page.serve

    def serve_with_cookie(self, request, *args, **kwargs):
        response = serve(self, request, *args, **kwargs)
        response.set_cookie("visited", "yes")
        return response

    monkeypatch.setattr(Page, "serve", serve_with_cookie)
    client.get(URL)
    rename_quietly(case_study, "Fresh from the database")
    response = client.get(URL)
    assert response[STATUS_HEADER] == "miss"
    assert "Fresh from the database" in response.content.decode()


def test_every_reader_gets_their_own_csrf_token_on_a_cached_page(case_study):
    Client().get(URL)  # someone else fills the cache

    reader = Client(enforce_csrf_checks=True)
    response = reader.get(URL)
    assert response[STATUS_HEADER] == "hit"
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert tokens, "the language form lost its token"
    assert "csrftoken" in response.cookies

    # The language form works for this reader.
    switched = reader.post(
        "/i18n/setlang/",
        {"language": "fr", "next": "/fr/", "csrfmiddlewaretoken": tokens[0]},
    )
    assert switched.status_code == 302
