"""The site's frame: home page in each language, navigation, error pages, static files."""

import pytest
from django.test import override_settings
from django.utils import translation

from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_home_page_in_english_and_french(client):
    en = client.get("/en/")
    assert en.status_code == 200
    assert '<html lang="en">' in en.content.decode()
    fr = client.get("/fr/").content.decode()
    assert '<html lang="fr">' in fr


def test_base_layout_is_accessible_and_light(client):
    html = client.get("/en/people/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'aria-label="Main navigation"' in html
    assert 'aria-current="page"' in html  # the current section is marked
    assert 'id="language-select"' in html and '<label for="language-select">' in html
    # Our own small files only: nothing from a CDN.
    assert "https://" not in "".join(
        line for line in html.splitlines() if "<script" in line or 'rel="stylesheet"' in line
    )


def test_navigation_links_only_to_sections_that_exist(client):
    nav = client.get("/en/").context["main_navigation"]
    for item in nav:
        assert client.get(item["url"]).status_code == 200, item


def test_404_page_is_in_the_site_style_and_language(client):
    response = client.get("/fr/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'class="skip-link"' in html


def test_403_page_says_why(client):
    client.force_login(UserFactory())
    response = client.get("/en/partnerships/new/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Only practitioners and editors can create a partnership." in html
    assert 'class="site-header"' in html


@override_settings(DEBUG=False)
def test_500_page_renders_without_a_request_context():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    with translation.override("en"):
        response = server_error(RequestFactory().get("/en/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    with translation.override("fr"):
        html = server_error(RequestFactory().get("/fr/")).content.decode()
    assert '<html lang="fr">' in html
    assert "Something went wrong" not in html


def test_static_files_are_served_by_the_app(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"skip-link" in body


def test_sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"<urlset" in response.content
