"""The demo content: a multilingual knowledge hub that `seed_demo` builds once and never
duplicates or overwrites."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision

from knowledge import demo_data
from knowledge.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    CurriculumExample,
    CurriculumModulePage,
    CurriculumPage,
)

pytestmark = pytest.mark.django_db

CONTINENTS = {
    "sub-saharan-africa": "Africa",
    "latin-america-caribbean": "Latin America",
    "east-asia-pacific": "Asia",
    "south-asia": "Asia",
    "europe-central-asia": "Europe",
}


def _seed():
    out = io.StringIO()
    call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


def _inventory():
    """Everything the demo could duplicate, counted."""
    pages = Counter(
        (locale, model, alias_of is not None)
        for locale, model, alias_of in Page.objects.values_list(
            "locale__language_code", "content_type__model", "alias_of"
        )
    )
    return {
        "pages": pages,
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "examples": CurriculumExample.objects.count(),
    }


def test_seed_demo_builds_the_knowledge_hub_once_in_english_and_french(client):
    # The case studies, the curriculum and its modules (the two section indexes come with the
    # migrations).
    pages = len(demo_data.CASE_STUDIES) + 1 + len(demo_data.CURRICULUM["modules"])
    assert f"Knowledge hub: {pages} pages created." in _seed()

    english = list(CaseStudyPage.objects.live().filter(locale__language_code="en"))
    assert len(english) >= 12
    assert {CONTINENTS.get(page.region) for page in english} >= {
        "Africa",
        "Latin America",
        "Asia",
        "Europe",
    }
    assert sum(page.is_old for page in english) >= 2
    assert {page.original_language for page in english} >= {"en", "es", "fr", "pt"}
    for page in english:
        assert page.latitude is not None and page.longitude is not None
        assert page.ecosystems.exists() and page.themes.exists() and page.sdgs.exists()
        assert 2 <= len(page.building_blocks) <= 4
        assert len(page.impact_indicators) >= 2
        assert page.hero_image.width == 1200
        assert page.hero_image.file_size < 80_000
    assert sum(page.boundary is not None for page in english) >= 4

    french = list(
        CaseStudyPage.objects.live().filter(locale__language_code="fr", alias_of__isnull=True)
    )
    assert len(french) >= 4
    originals = {page.translation_key: page for page in english}
    for page in french:
        assert page.title != originals[page.translation_key].title
        assert len(page.building_blocks) == len(originals[page.translation_key].building_blocks)

    curriculum = CurriculumPage.objects.get(locale__language_code="en")
    assert curriculum.institute is not None
    modules = list(curriculum.modules())
    assert len(modules) == 4
    for module in modules:
        assert len(module.sessions) == 2
        assert module.examples.exists()
        handout = module.handouts[0].value["document"]
        with handout.file.open("rb") as file:
            assert file.read(5) == b"%PDF-"

    # Every page of the hub answers in English and in French: translated pages in French,
    # the others through their aliases.
    for index in CaseStudyIndexPage.objects.all():
        assert client.get(index.url).status_code == 200
    assert "Études de cas" in client.get("/fr/case-studies/").content.decode()
    fr = Locale.objects.get(language_code="fr")
    for page in english:
        assert client.get(page.url).status_code == 200
        assert client.get(page.get_translation(fr).url).status_code == 200
    for page in french:
        assert escape(page.title) in client.get(page.url).content.decode()

    # An editor's change survives the next run, and nothing is created twice.
    edited = english[0]
    edited.title = "Edited by an editor"
    edited.save_revision().publish()
    before = _inventory()
    assert "Knowledge hub: 0 pages created." in _seed()
    assert _inventory() == before
    assert CaseStudyPage.objects.get(pk=edited.pk).title == "Edited by an editor"
    assert CurriculumModulePage.objects.filter(locale__language_code="en").count() == 4
