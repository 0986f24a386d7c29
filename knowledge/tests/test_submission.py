"""A practitioner's guided case-study submission on the site: the steps, what is kept when a
step has errors, who may submit and edit, and that a draft is never public."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page, WorkflowState

from knowledge import services
from knowledge.models import CaseStudyPage, Theme
from knowledge.tests.factories import CaseStudyIndexPageFactory
from people.geo import square
from people.permissions import PRACTITIONERS_GROUP
from people.tests.factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW = "/en/submit/case-study/"
BASICS = {
    "title": "Terraces that brought the springs back",
    "summary": "Farmers and the county rebuilt terraces; three springs flow again all year.",
    "kind": "full",
    "original_language": "en",
}


def edit_url(page, step):
    return f"/en/submit/case-study/{page.pk}/?step={step}"


def blocks(*items, initial=0):
    """The building-block formset as a browser sends it."""
    data = {
        "blocks-TOTAL_FORMS": str(len(items)),
        "blocks-INITIAL_FORMS": str(initial),
        "blocks-MIN_NUM_FORMS": "1",
        "blocks-MAX_NUM_FORMS": "30",
    }
    for number, (title, description) in enumerate(items):
        data[f"blocks-{number}-title"] = title
        data[f"blocks-{number}-description"] = description
        data[f"blocks-{number}-enabling_factors"] = ""
        data[f"blocks-{number}-lessons_learned"] = ""
    return data


def complete_draft(owner, partnerships=(), **fields):
    """A draft with everything a submission needs, written through the service."""
    theme, _created = Theme.objects.get_or_create(
        slug="restoration", defaults={"name": "Restoration"}
    )
    values = {
        "title": BASICS["title"],
        "summary": BASICS["summary"],
        "partnerships": list(partnerships),
        "countries": ["KE"],
        "latitude": -0.4,
        "longitude": 36.9,
        "themes": [theme],
        "problem": "Springs were drying up.",
        "building_blocks": [{"title": "Terraces", "description": "Stone terraces on slopes."}],
        **fields,
    }
    page = services.case_study_save_draft(user=owner, fields=values)
    return CaseStudyPage.objects.get(pk=page.pk)


@pytest.fixture
def index(db):
    return CaseStudyIndexPageFactory()


@pytest.fixture
def theme(db):
    return Theme.objects.get_or_create(slug="restoration", defaults={"name": "Restoration"})[0]


# --- Who may submit -------------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_sign_in(client, index):
    for url in (NEW, "/en/me/submissions/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")


def test_a_learner_without_a_partnership_is_told_who_can_submit(client, learner, index):
    client.force_login(learner)
    response = client.get(NEW)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Only practitioners can submit case studies" in html
    assert 'href="/en/partnerships/"' in html
    assert client.post(NEW, BASICS).status_code == 403
    assert not CaseStudyPage.objects.exists()


def test_a_practitioner_of_the_group_may_submit_without_a_partnership(client, practitioner, index):
    client.force_login(practitioner)
    html = client.get(NEW).content.decode()
    assert "Step 1 of 5" in html
    assert 'name="partnerships"' not in html
    response = client.post(NEW, {**BASICS, "action": "next"})
    page = CaseStudyPage.objects.get(owner=practitioner, alias_of__isnull=True)
    assert response["Location"] == edit_url(page, 2)


# --- The steps -------------------------------------------------------------------------------


def test_a_member_submits_a_case_study_step_by_step(client, member, partnership, index, theme):
    client.force_login(member)
    html = client.get(NEW).content.decode()
    assert "Step 1 of 5" in html
    assert re.search(r'<li aria-current="step"><strong>The story in brief</strong>', html)
    assert 'maxlength="300"' in html and "At most 300 characters" in html
    assert partnership.name in html

    response = client.post(NEW, {**BASICS, "partnerships": [partnership.pk], "action": "next"})
    page = CaseStudyPage.objects.get(owner=member, alias_of__isnull=True)
    assert response["Location"] == edit_url(page, 2)
    # A draft exists from the first step: under the English index, owned, never live.
    assert page.get_parent().pk == index.pk
    assert not page.live
    assert list(page.partnerships.all()) == [partnership]
    aliases = Page.objects.filter(alias_of=page)
    assert {alias.locale.language_code for alias in aliases} == {"fr", "es", "pt"}
    assert not any(alias.live for alias in aliases)

    # Step 2 starts from where the partnership is.
    html = client.get(edit_url(page, 2)).content.decode()
    assert "Step 2 of 5" in html
    assert re.search(r'<option value="KE" selected>', html)
    boundary = json.dumps(square(36.9, -0.4, 0.05))
    response = client.post(
        edit_url(page, 2),
        {
            "countries": ["KE"],
            "region": "sub-saharan-africa",
            "latitude": "-0.4",
            "longitude": "36.9",
            "boundary": boundary,
            "scale": "subnational",
        },
    )
    assert response["Location"] == edit_url(page, 3)

    response = client.post(edit_url(page, 3), {"themes": [theme.pk], "sdgs": ["15"]})
    assert response["Location"] == edit_url(page, 4)

    response = client.post(
        edit_url(page, 4),
        {
            "problem": "Springs were drying up.\r\n\r\nWomen walked hours for water.",
            "process": "",
            "outcomes": "Three springs flow again.",
            "lessons_learned": "",
            **blocks(("Stone terraces", "Farmers built terraces on the steepest slopes.")),
        },
    )
    assert response["Location"] == edit_url(page, 5)

    html = client.get(edit_url(page, 5)).content.decode()
    assert "Step 5 of 5" in html
    for text in ("Restoration", "Stone terraces", "Kenya", "Women walked hours for water."):
        assert text in html
    assert f'href="{edit_url(page, 2)}"' in html  # an edit link per step
    assert "Still needed" not in html
    assert 'value="CC-BY-4.0"' in html and "CC BY 4.0, the default" in html

    response = client.post(edit_url(page, 5), {"licence": "CC-BY-4.0", "confirm": "on"})
    assert response["Location"] == "/en/me/submissions/"
    page.refresh_from_db()
    assert not page.live
    assert page.area_ha > 0
    assert page.problem == (
        "<p>Springs were drying up.</p>\n\n<p>Women walked hours for water.</p>"
    )
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.current_workflow_task.name == "Moderators approval"
    html = client.get("/en/me/submissions/").content.decode()
    assert "In review" in html and "is with the editors now" in html


def test_a_step_with_errors_keeps_what_was_typed(client, member, partnership, index):
    client.force_login(member)
    response = client.post(
        NEW, {**BASICS, "title": "A title to keep", "summary": "x" * 301, "action": "next"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error:" in html
    assert "There is a problem" in html
    assert 'href="#id_summary"' in html
    assert 'href="#id_partnerships_0"' in html  # a member links one of their partnerships
    assert 'value="A title to keep"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_summary_error"' in html
    assert not CaseStudyPage.objects.exists()


def test_a_point_needs_both_coordinates(client, member, partnership, index):
    page = complete_draft(member, [partnership])
    client.force_login(member)
    response = client.post(edit_url(page, 2), {"countries": ["KE"], "latitude": "12.5"})
    html = response.content.decode()
    assert 'href="#id_longitude"' in html
    assert 'value="12.5"' in html


def test_a_boundary_file_is_checked_and_kept(client, member, partnership, index):
    page = complete_draft(member, [partnership])
    client.force_login(member)
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    upload = SimpleUploadedFile("area.geojson", json.dumps(bowtie).encode())
    response = client.post(
        edit_url(page, 2), {"countries": ["KE"], "boundary_file": upload, "region": "x"}
    )
    html = response.content.decode()
    assert "edges do not cross" in html
    assert "[[[0, 0], [1, 1]" in html  # the file's text stays in the box
    upload = SimpleUploadedFile("area.geojson", json.dumps(square(36.9, -0.4, 0.1)).encode())
    response = client.post(edit_url(page, 2), {"countries": ["KE"], "boundary_file": upload})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.boundary["type"] == "Polygon"


def test_only_ones_own_partnerships_can_be_linked(client, member, partnership, index):
    other = PartnershipFactory()
    client.force_login(member)
    response = client.post(NEW, {**BASICS, "partnerships": [other.pk]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CaseStudyPage.objects.exists()


def test_another_building_block_is_added_without_javascript(client, member, partnership, index):
    page = complete_draft(member, [partnership], building_blocks=[])
    client.force_login(member)
    data = {"problem": "Typed, not saved yet.", **blocks(("Nurseries", "Seedlings for all."))}
    response = client.post(edit_url(page, 4), {**data, "action": "add_block"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="blocks-1-title"' in html and 'name="blocks-2-title"' not in html
    assert "Seedlings for all." in html and "Typed, not saved yet." in html
    assert "There is a problem" not in html
    # Then saved with the new block filled in: both are kept, in order.
    data.update({"blocks-TOTAL_FORMS": "2", "blocks-INITIAL_FORMS": "1"})
    data.update({"blocks-1-title": "Grazing plan", "blocks-1-description": "Rotational."})
    assert client.post(edit_url(page, 4), data).status_code == 302
    page.refresh_from_db()
    assert [b.value["title"] for b in page.building_blocks] == ["Nurseries", "Grazing plan"]


def test_the_story_needs_a_building_block(client, member, partnership, index):
    page = complete_draft(member, [partnership], building_blocks=[])
    client.force_login(member)
    response = client.post(edit_url(page, 4), {"problem": "Dry springs.", **blocks(("", ""))})
    html = response.content.decode()
    assert 'href="#id_blocks-0-title"' in html
    assert "Building block 1, Title" in html


def test_typed_text_never_becomes_html(client, member, partnership, index):
    page = complete_draft(member, [partnership])
    client.force_login(member)
    attack = '<script>alert("x")</script>\n<b>bold</b>'
    data = {"problem": attack, **blocks(("<i>T</i>", attack), initial=1)}
    assert client.post(edit_url(page, 4), data).status_code == 302
    page.refresh_from_db()
    assert "<script" not in page.problem and "<b>" not in page.problem
    assert page.problem.startswith("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>")
    block = page.building_blocks[0].value
    assert "<script" not in block["description"].source
    assert block["title"] == "<i>T</i>"  # a plain text field, escaped wherever it is shown
    # Back in the form, it reads as typed.
    html = client.get(edit_url(page, 4)).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\n&lt;b&gt;bold&lt;/b&gt;" in html


def test_editors_formatting_stays_when_the_text_is_not_changed(member, partnership, index):
    page = complete_draft(member, [partnership])
    formatted = '<p>See <a href="https://example.org/report">the report</a>.</p>'
    CaseStudyPage.objects.filter(pk=page.pk).update(problem=formatted)
    page.refresh_from_db()
    page.save_revision()
    typed = services.richtext_to_plain(formatted)
    assert typed == "See the report."
    page = services.case_study_save_draft(user=member, page=page, fields={"problem": typed})
    assert page.problem == formatted


def test_save_and_finish_later(client, member, partnership, index, theme):
    page = complete_draft(member, [partnership])
    client.force_login(member)
    response = client.post(edit_url(page, 3), {"themes": [], "action": "save"}, follow=False)
    assert response.status_code == 200  # a theme is required: nothing is saved with errors
    response = client.post(edit_url(page, 3), {"themes": [theme.pk], "action": "save"})
    assert response["Location"] == "/en/me/submissions/"
    html = client.get("/en/me/submissions/").content.decode()
    assert "Draft" in html and f'href="{edit_url(page, 5)}"' in html


def test_the_review_lists_what_is_missing(client, member, partnership, index):
    client.force_login(member)
    client.post(NEW, {**BASICS, "partnerships": [partnership.pk]})
    page = CaseStudyPage.objects.get(alias_of__isnull=True)
    html = client.get(edit_url(page, 5)).content.decode()
    assert "Still needed before you can submit" in html
    assert f'href="{edit_url(page, 4)}#building-blocks"' in html
    response = client.post(edit_url(page, 5), {"licence": "CC-BY-4.0", "confirm": "on"})
    html = response.content.decode()
    assert "There is a problem" in html and "Add at least one building block." in html
    assert client.post(edit_url(page, 5), {"licence": "CC-BY-4.0"}).status_code == 200
    assert page.current_workflow_state is None


def test_new_drafts_are_limited_per_day(client, member, partnership, index, monkeypatch):
    monkeypatch.setattr(services, "DRAFTS_PER_DAY", 1)
    client.force_login(member)
    data = {**BASICS, "partnerships": [partnership.pk]}
    assert client.post(NEW, data).status_code == 302
    html = client.get(NEW).content.decode()
    assert "You have started as many case studies as you can in one day" in html
    response = client.post(NEW, data)
    assert response.status_code == 200
    assert "in the last 24 hours" in response.content.decode()
    assert CaseStudyPage.objects.filter(alias_of__isnull=True).count() == 1


# --- Whose drafts, and when --------------------------------------------------------------


def test_nobody_else_can_open_a_draft(client, member, partnership, index):
    page = complete_draft(member, [partnership])
    other = UserFactory(groups=[PRACTITIONERS_GROUP])
    client.force_login(other)
    assert client.get(edit_url(page, 1)).status_code == 404
    assert client.post(edit_url(page, 1), {**BASICS, "title": "Mine now"}).status_code == 404
    page.refresh_from_db()
    assert page.title == BASICS["title"]


def test_a_submission_in_review_or_published_cannot_be_edited(client, member, partnership, index):
    page = complete_draft(member, [partnership])
    services.case_study_submit(user=member, page=page)
    client.force_login(member)
    response = client.post(edit_url(page, 1), {**BASICS, "title": "Changed"}, follow=True)
    assert "is with the editors" in response.content.decode()
    page.refresh_from_db()
    assert page.title == BASICS["title"]
    page.get_latest_revision().publish()
    response = client.get(edit_url(page, 1), follow=True)
    html = response.content.decode()
    assert "please contact the editors" in html
    assert f'href="{page.url}"' in html


def test_a_draft_is_never_public(client, member, partnership, index):
    page = complete_draft(member, [partnership])
    services.case_study_submit(user=member, page=page)
    urls = [f"/en/case-studies/{page.slug}/", f"/fr/case-studies/{page.slug}/"]
    others = [None, UserFactory(groups=[PRACTITIONERS_GROUP]), member]
    for person in others:
        client.logout()
        if person:
            client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
    assert client.get(f"/en/case-studies/{page.slug}/?preview=1").status_code == 404


def test_a_practitioner_cannot_publish_through_the_admin(client, member, partnership, index):
    page = complete_draft(member, [partnership])
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/" not in response["Location"].split("?")[0]
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {"title": page.title, "slug": page.slug, "action-publish": "action-publish"},
    )
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live


def test_my_submissions_lists_each_state_in_a_fixed_number_of_queries(
    client, member, partnership, index, django_assert_max_num_queries
):
    drafts = [complete_draft(member, [partnership]) for _number in range(3)]
    services.case_study_submit(user=member, page=drafts[1])
    services.case_study_submit(user=member, page=drafts[2])
    drafts[2].get_latest_revision().publish()
    client.force_login(member)
    # 13 for the page, one for the header's unread-notification count.
    with django_assert_max_num_queries(15):
        html = client.get("/en/me/submissions/").content.decode()
    assert html.count('class="card submission"') == 3
    for label in ("Draft", "In review", "Published"):
        assert label in html
    assert f'href="/en/case-studies/{drafts[2].slug}/"' in html
