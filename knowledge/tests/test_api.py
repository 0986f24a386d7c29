"""The public Wagtail API v2 (/api/v2/): every declared field serialises, and nothing that is
not public ever leaves through it (drafts, unpublished revisions, private pages and files)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
)

from knowledge.models import (
    SDG,
    CaseStudyPage,
    Country,
    CurriculumExample,
    CurriculumModulePage,
    CurriculumPage,
    Ecosystem,
    ILMElementTerm,
    Theme,
)
from knowledge.tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CurriculumModulePageFactory,
    CurriculumPageFactory,
    translate,
)
from knowledge.translation import page_sync_aliases

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
CASE_STUDIES = {"type": "knowledge.CaseStudyPage", "fields": "*"}


def _image(title="Terraces"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 6), "green").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name="terraces.png")
    )


def _ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def _detail_status(client, url, params=None):
    # Django's LocaleMiddleware turns a 404 outside the language prefix into a redirect to
    # /en/<same path>, which 404s in turn: what a client finally gets is what counts.
    return client.get(url, params, follow=True).status_code


@pytest.fixture
def theme(db):
    return Theme.objects.get(slug="water-security")  # the taxonomy's own terms


@pytest.fixture
def case_study(theme, partnership):
    return CaseStudyPageFactory(
        title="Restoring the Kijabe springs",
        themes=[theme],
        partnerships=[partnership],
        countries=list(Country.objects.filter(code__in=["KE", "TZ"])),
        sdgs=list(SDG.objects.filter(number__in=[6, 15])),
        ecosystems=list(Ecosystem.objects.filter(code__in=["T1", "F1"])),
        ilm_elements=list(ILMElementTerm.objects.order_by("code")[:1]),
        benefits=["healthy-nature"],
        zones=["natural-habitats"],
        boundary={
            "type": "Polygon",
            "coordinates": [[[36.8, -1.3], [36.81, -1.3], [36.81, -1.31], [36.8, -1.3]]],
        },
        building_blocks=[
            ("building_block", {"title": "Spring committees", "description": "<p>Elected.</p>"})
        ],
        impact_indicators=[
            ("indicator", {"indicator": "Springs flowing", "baseline": "2", "value": "9"})
        ],
        finance=[("source", {"source": "County budget", "amount": "12000", "currency": "KES"})],
        actors=[("actor", {"name": "Kijabe WRUA", "kind": "organisation", "role": "Lead"})],
        resources=[("link", {"title": "Report", "url": "https://example.org/report"})],
        hero_image=_image(),
    )


# --- endpoints ------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_each_endpoint_answers_json_even_to_a_browser(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/", HTTP_ACCEPT=BROWSER_ACCEPT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "items" in response.json()


# --- every declared field -------------------------------------------------------------------


def test_every_case_study_field_serialises(client, case_study, partnership):
    response = client.get(PAGES, CASE_STUDIES)
    [item] = response.json()["items"]

    declared = {field.name for field in CaseStudyPage.api_fields}
    assert declared <= item.keys()
    assert item["point"] == {"type": "Point", "coordinates": [36.8, -1.3]}
    assert item["boundary"]["type"] == "Polygon"
    assert float(item["area_ha"]) > 0  # measured from the boundary
    assert item["country_codes"] == ["KE", "TZ"]
    assert item["theme_slugs"] == ["water-security"]
    assert sorted(item["ecosystem_codes"]) == ["F1", "T1"]
    assert item["sdg_numbers"] == [6, 15]
    assert len(item["ilm_element_codes"]) == 1
    assert item["benefits"] == ["healthy-nature"]
    assert item["hero_image"]["id"] == case_study.hero_image_id
    assert item["building_blocks"][0]["value"]["title"] == "Spring committees"
    assert item["impact_indicators"][0]["value"]["value"] == 9
    assert item["finance"][0]["value"]["currency"] == "KES"
    assert item["actors"][0]["value"]["name"] == "Kijabe WRUA"
    assert item["resources"][0]["value"]["url"] == "https://example.org/report"
    assert item["licence"] == "CC-BY-4.0"
    assert item["citation"].startswith(f"{partnership.name} (")
    assert item["citation"].endswith("/en/case-studies/" + case_study.slug + "/")
    assert item["meta"]["html_url"] == case_study.full_url


def test_every_curriculum_and_module_field_serialises(client, case_study):
    curriculum = CurriculumPageFactory(duration_hours=12.5, level="introductory")
    module = CurriculumModulePageFactory(parent=curriculum, duration_minutes=90)
    module.examples.add(CurriculumExample(case_study=case_study, note="Water committees"))
    module.save_revision().publish()

    item = client.get(f"{PAGES}{curriculum.pk}/").json()
    assert {field.name for field in CurriculumPage.api_fields} <= item.keys()
    assert item["learning_objectives"][0]["value"] == "Map the actors of a landscape"
    assert float(item["duration_hours"]) == 12.5  # a string unless COERCE_DECIMAL_TO_STRING

    item = client.get(f"{PAGES}{module.pk}/").json()
    assert {field.name for field in CurriculumModulePage.api_fields} <= item.keys()
    assert item["sessions"][0]["value"]["activities"][0]["minutes"] == 45
    [example] = item["examples"]
    assert example["note"] == "Water committees"
    assert example["case_study"]["id"] == case_study.pk
    assert example["case_study"]["title"] == case_study.title


# --- what never leaves ----------------------------------------------------------------------


def test_a_draft_case_study_is_neither_listed_nor_found(client, case_study):
    draft = CaseStudyPageFactory(title="Not yet reviewed", live=False)
    assert _ids(client.get(PAGES, CASE_STUDIES)) == {case_study.pk}
    assert _ids(client.get(PAGES)) >= {case_study.pk}
    assert draft.pk not in _ids(client.get(PAGES))
    assert _detail_status(client, f"{PAGES}{draft.pk}/") == 404
    assert _detail_status(client, f"{PAGES}find/", {"html_path": draft.url_path}) == 404


def test_an_unpublished_revision_stays_unpublished(client, case_study):
    case_study.title = "Draft rewording"
    case_study.summary = "Draft summary."
    case_study.save_revision()

    item = client.get(f"{PAGES}{case_study.pk}/").json()
    assert item["title"] == "Restoring the Kijabe springs"
    assert item["summary"] != "Draft summary."
    assert "Draft" not in client.get(PAGES, CASE_STUDIES).content.decode()


def test_a_module_citing_a_draft_case_study_does_not_reveal_it(client, case_study):
    draft = CaseStudyPageFactory(title="Not yet reviewed", live=False)
    module = CurriculumModulePageFactory(parent=CurriculumPageFactory())
    module.examples.add(CurriculumExample(case_study=draft))
    module.examples.add(CurriculumExample(case_study=case_study))
    module.save_revision().publish()

    response = client.get(f"{PAGES}{module.pk}/")
    cited = [example["case_study"] for example in response.json()["examples"]]
    assert cited[0] is None
    assert cited[1]["id"] == case_study.pk
    assert "Not yet reviewed" not in response.content.decode()


@pytest.mark.parametrize(
    "restriction",
    [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS],
)
def test_private_pages_stay_out_even_for_those_allowed_to_read_them(
    client, case_study, learner, restriction
):
    private = CaseStudyPageFactory(title="Members only")
    rule = PageViewRestriction.objects.create(
        page=private, restriction_type=restriction, password="s3cret"
    )
    if restriction == PageViewRestriction.GROUPS:
        group = learner.groups.create(name="Reviewers")
        rule.groups.add(group)
    # The visitor may read the page on the site: signed in, in the group, password given.
    client.force_login(learner)
    session = client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [rule.pk]
    session.save()
    assert client.get(private.url).status_code == 200

    assert private.pk not in _ids(client.get(PAGES))
    assert private.pk not in _ids(client.get(PAGES, CASE_STUDIES))
    assert _detail_status(client, f"{PAGES}{private.pk}/") == 404
    assert _ids(client.get(PAGES, CASE_STUDIES)) == {case_study.pk}


def test_a_private_section_hides_everything_below_it(client, case_study):
    PageViewRestriction.objects.create(
        page=case_study.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert _ids(client.get(PAGES, CASE_STUDIES)) == set()
    assert _detail_status(client, f"{PAGES}{case_study.pk}/") == 404


def test_a_document_in_a_private_collection_is_not_listed(client):
    documents = get_document_model()
    public = documents.objects.create(title="Field guide", file=ContentFile(b"x", "guide.txt"))
    private_collection = Collection.get_first_root_node().add_child(name="Staff")
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    private = documents.objects.create(
        title="Budget", file=ContentFile(b"y", "budget.txt"), collection=private_collection
    )
    assert _ids(client.get("/api/v2/documents/")) == {public.pk}
    assert _detail_status(client, f"/api/v2/documents/{private.pk}/") == 404


def test_images_are_listed_with_their_size(client):
    image = _image()
    [item] = client.get("/api/v2/images/", {"fields": "width,height"}).json()["items"]
    assert (item["id"], item["width"], item["height"]) == (image.pk, 8, 6)


# --- languages ------------------------------------------------------------------------------


def test_locale_filter_lists_one_language_tree(client, case_study):
    french = translate(case_study, "fr", title="Restaurer les sources de Kijabe")
    untranslated = CaseStudyPageFactory(title="Terraces in Rwanda")
    page_sync_aliases(untranslated)

    items = client.get(PAGES, {**CASE_STUDIES, "locale": "fr"}).json()["items"]
    assert {item["meta"]["locale"] for item in items} == {"fr"}
    by_title = {item["title"]: item for item in items}
    assert set(by_title) == {"Restaurer les sources de Kijabe", "Terraces in Rwanda"}
    assert by_title["Restaurer les sources de Kijabe"]["id"] == french.pk
    assert by_title["Restaurer les sources de Kijabe"]["meta"]["html_url"].endswith(
        f"/fr/case-studies/{case_study.slug}/"
    )
    # The alias says what it is an alias of, so clients can skip duplicated words.
    assert by_title["Terraces in Rwanda"]["meta"]["alias_of"]["id"] == untranslated.pk

    english = client.get(PAGES, {**CASE_STUDIES, "locale": "en"}).json()["items"]
    assert {item["id"] for item in english} == {case_study.pk, untranslated.pk}
    translations = client.get(PAGES, {"translation_of": case_study.pk, "locale": "fr"})
    assert _ids(translations) == {french.pk}


# --- cost -----------------------------------------------------------------------------------


def test_a_listing_with_every_field_costs_the_same_for_2_or_12_case_studies(
    client, django_assert_max_num_queries, theme, partnership
):
    index = CaseStudyIndexPageFactory()
    for _ in range(2):
        CaseStudyPageFactory(parent=index, themes=[theme], partnerships=[partnership])
    with django_assert_max_num_queries(14) as small:
        assert len(_ids(client.get(PAGES, CASE_STUDIES))) == 2
    for _ in range(10):
        CaseStudyPageFactory(parent=index, themes=[theme], partnerships=[partnership])
    with django_assert_max_num_queries(len(small)) as large:
        assert len(_ids(client.get(PAGES, CASE_STUDIES))) == 12
    print(f"API listing, fields=*: {len(small)} queries (2), {len(large)} queries (12)")


def test_a_case_study_in_full_costs_a_fixed_number_of_queries(
    client, case_study, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as queries:
        assert client.get(f"{PAGES}{case_study.pk}/").json()["id"] == case_study.pk
    print(f"API detail, case study: {len(queries)} queries")
