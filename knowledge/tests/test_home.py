import pytest
from wagtail.models import Locale, Page, Site

from knowledge.models import HomePage
from knowledge.tests.factories import HomePageFactory

pytestmark = pytest.mark.django_db


def test_a_fresh_site_has_a_home_page_in_every_content_language():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "fr", "es", "pt"}


def test_home_pages_sit_only_at_the_top_of_the_tree():
    home = HomePage.objects.filter(locale__language_code="en").get()
    assert HomePage.allowed_parent_page_models() == [Page]
    assert not HomePage.can_create_at(home)
    # One home page per language at the root: a second English one cannot be added.
    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_the_home_page_shows_its_intro(client):
    home = HomePageFactory(intro="Sharing what works in landscapes.")
    Site.objects.filter(is_default_site=True).update(root_page=home)
    assert "Sharing what works in landscapes." in client.get("/en/").content.decode()


def test_a_missing_translation_falls_back_to_the_original(client):
    home = HomePage.objects.get(locale__language_code="en")
    home.intro = "Original intro"
    home.save_revision().publish()
    # No Spanish translation exists: the Spanish URL serves the original page.
    html = client.get("/es/").content.decode()
    assert '<html lang="es">' in html
    assert "Original intro" in html
