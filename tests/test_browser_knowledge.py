"""An editor publishes a case study in the Wagtail admin; a visitor finds it through the facets
of the case-study library and reads it. End to end, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import CaseStudyPage, Theme
from knowledge.tests.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from people.tests.factories import PASSWORD, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editor_publishes_a_case_study_and_a_visitor_finds_it_by_its_facets(
    browser_page, _playwright_browser, live_server
):
    index = CaseStudyIndexPageFactory()
    CaseStudyPageFactory(
        parent=index, title="Andean water fund", themes=list(Theme.objects.filter(slug="finance"))
    )
    editor = UserFactory(email="eda@example.org", groups=["Moderators"])

    # The editor signs in and writes the case study in the admin.
    page = browser_page
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(editor.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"/admin/pages/add/knowledge/casestudypage/{index.pk}/")
    page.get_by_label(re.compile(r"^Title")).first.fill("Cocoa agroforestry in the Ashanti hills")
    page.get_by_label(re.compile(r"^Summary")).fill(
        "Cocoa farmers brought shade trees back to their farms with the district."
    )
    page.get_by_role("tab", name="Context").click()
    page.get_by_role("checkbox", name="Agroforestry").check()
    page.get_by_role("tab", name="Place").click()
    page.get_by_label("Latitude").fill("6.7")
    page.get_by_label("Longitude").fill("-1.6")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("created and published")

    copies = CaseStudyPage.objects.filter(title="Cocoa agroforestry in the Ashanti hills")
    published = copies.get(locale__language_code="en")
    assert published.live
    # wagtail-localize put a live alias in every other language tree until it is translated.
    aliases = copies.exclude(pk=published.pk)
    assert sorted(aliases.values_list("locale__language_code", flat=True)) == ["es", "fr", "pt"]
    assert all(alias.live and alias.alias_of_id == published.pk for alias in aliases)
    assert list(published.themes.values_list("slug", flat=True)) == ["agroforestry"]

    # A visitor, not signed in, narrows the library down by theme and finds it.
    visitor = _playwright_browser.new_context(base_url=live_server.url, locale="en-GB")
    reader = visitor.new_page()
    reader.goto("/en/case-studies/")
    results = reader.get_by_role("main")
    expect(results.get_by_role("link", name="Andean water fund")).to_be_visible()
    reader.get_by_role("link", name=re.compile(r"^Agroforestry\b.*1")).click()
    expect(reader).to_have_url(re.compile(r"theme=agroforestry"))
    expect(results.get_by_role("link", name="Andean water fund")).to_have_count(0)
    reader.get_by_role("link", name="Cocoa agroforestry in the Ashanti hills").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(
        "Cocoa agroforestry in the Ashanti hills"
    )
    expect(reader.get_by_text("Cocoa farmers brought shade trees back")).to_be_visible()
    visitor.close()
