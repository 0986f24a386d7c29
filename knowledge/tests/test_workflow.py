"""Submitted case studies in Wagtail's moderation workflow: editors see them, approve (publish,
scheduled or not) or ask for changes; the submitter is told, by email, in their language."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowState

from knowledge import services
from knowledge.models import CaseStudyPage, Theme
from knowledge.tests.factories import CaseStudyIndexPageFactory
from knowledge.tests.test_submission import blocks, complete_draft, edit_url
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(db):
    return CaseStudyIndexPageFactory()


@pytest.fixture
def theme(db):
    return Theme.objects.get_or_create(slug="restoration", defaults={"name": "Restoration"})[0]


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", groups=["Moderators"], preferred_language="en")


@pytest.fixture
def submitted(member, partnership, index):
    """A complete case study its author has sent to the editors."""
    page = complete_draft(member, [partnership])
    services.case_study_submit(user=member, page=page)
    return CaseStudyPage.objects.get(pk=page.pk)


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def urls(page):
    return [f"/{language}/case-studies/{page.slug}/" for language in ("en", "fr", "es")]


def test_wagtails_default_workflow_reviews_submissions(submitted):
    workflow = submitted.get_workflow()
    assert workflow.name == "Moderators approval"
    task = submitted.current_workflow_task
    assert [group.name for group in task.groups.all()] == ["Moderators"]
    assert submitted.status_string == "in moderation"


def test_moderators_find_submissions_on_their_dashboard(client, submitted, moderator):
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "Awaiting your review" in html
    assert submitted.title in html


def test_approval_publishes_it_everywhere_and_tells_the_author_in_their_language(
    client, submitted, member, moderator, django_capture_on_commit_callbacks
):
    member.preferred_language = "fr"
    member.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submitted.current_workflow_task.on_action(
            submitted.current_workflow_task_state, moderator, "approve"
        )
    page = CaseStudyPage.objects.get(pk=submitted.pk)
    assert page.live
    assert all(alias.live for alias in Page.objects.filter(alias_of=page))
    for url in urls(page):
        assert client.get(url).status_code == 200, url
    # One email (Wagtail's own, with admin links, is not sent to people without the admin).
    [message] = mails_to(member)
    assert page.title in message.subject
    assert f"/fr/case-studies/{page.slug}/" in message.body
    assert "/fr/me/submissions/" in message.body
    client.force_login(member)
    html = client.get("/en/me/submissions/").content.decode()
    assert "Published" in html and f'href="/en/case-studies/{page.slug}/"' in html


def test_changes_requested_in_the_admin_go_back_to_the_author(
    client, submitted, member, moderator, theme, django_capture_on_commit_callbacks
):
    task_state = submitted.current_workflow_task_state
    client.force_login(moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/workflow/action/{submitted.pk}/reject/{task_state.pk}/",
            {"comment": "Please add the number of households."},
        )
    assert response.status_code == 302
    [message] = mails_to(member)
    assert "Changes requested" in message.subject
    assert "Please add the number of households." in message.body
    assert f"/en/submit/case-study/{submitted.pk}/?step=5" in message.body

    client.force_login(member)
    html = client.get("/en/me/submissions/").content.decode()
    assert "Changes requested" in html
    assert "Please add the number of households." in html
    assert f'href="{edit_url(submitted, 5)}"' in html
    html = client.get(edit_url(submitted, 4)).content.decode()
    assert "The editors asked for changes" in html

    data = {
        "problem": "Springs dried up for 1,200 households.",
        **blocks(("Terraces", "On slopes.")),
    }
    assert (
        client.post(edit_url(submitted, 4), {**data, "blocks-INITIAL_FORMS": "1"}).status_code
        == 302
    )
    response = client.post(edit_url(submitted, 5), {"licence": "CC-BY-4.0", "confirm": "on"})
    assert response["Location"] == "/en/me/submissions/"
    # The same workflow resumes, at the moderators' task, on the new revision.
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page = CaseStudyPage.objects.get(pk=submitted.pk)
    assert not page.live
    assert state.current_task_state.revision == page.get_latest_revision()
    assert "1,200 households" in page.problem


def test_an_approved_schedule_waits_for_its_date(
    client, submitted, member, moderator, django_capture_on_commit_callbacks
):
    # The editor sets a go-live date in the admin (a new revision), then approves.
    go_live = timezone.now() + datetime.timedelta(days=2)
    draft = submitted.get_latest_revision_as_object()
    draft.go_live_at = go_live
    draft.save_revision(user=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        submitted.current_workflow_task.on_action(
            submitted.current_workflow_task_state, moderator, "approve"
        )
    page = CaseStudyPage.objects.get(pk=submitted.pk)
    assert not page.live
    assert client.get(urls(page)[0]).status_code == 404
    [message] = mails_to(member)
    assert "is approved" in message.subject and "will be published on" in message.body
    client.force_login(member)
    html = client.get("/en/me/submissions/").content.decode()
    assert "Scheduled" in html and "Approved: it will be published on" in html
    assert client.get(edit_url(page, 1)).status_code == 302  # no edits once approved

    call_command("publish_scheduled")
    assert not CaseStudyPage.objects.get(pk=page.pk).live  # not yet
    later = go_live + datetime.timedelta(minutes=1)
    with mock.patch.object(timezone, "now", return_value=later):
        call_command("publish_scheduled")
    page = CaseStudyPage.objects.get(pk=page.pk)
    assert page.live
    assert all(alias.live for alias in Page.objects.filter(alias_of=page))
    assert client.get(urls(page)[1]).status_code == 200


def test_without_a_workflow_on_the_tree_wagtails_default_still_applies(member, partnership, index):
    WorkflowPage.objects.all().delete()
    page = complete_draft(member, [partnership])
    assert page.get_workflow() is None
    state = services.case_study_submit(user=member, page=page)
    assert state.workflow.name == "Moderators approval"


def test_without_any_workflow_a_submission_is_refused_clearly(client, member, partnership, index):
    WorkflowPage.objects.all().delete()
    Workflow.objects.update(active=False)
    page = complete_draft(member, [partnership])
    with pytest.raises(ValidationError, match="no review workflow is set up"):
        services.case_study_submit(user=member, page=page)
    client.force_login(member)
    response = client.post(edit_url(page, 5), {"licence": "CC-BY-4.0", "confirm": "on"})
    assert "no review workflow is set up" in response.content.decode()
    assert CaseStudyPage.objects.get(pk=page.pk).current_workflow_state is None


def test_editors_manage_the_taxonomies_in_the_admin(admin_client, theme):
    html = admin_client.get("/admin/snippets/knowledge/ecosystem/?level=biome").content.decode()
    assert "Tropical-subtropical forests" in html
    assert "Tropical/Subtropical lowland rainforests" not in html  # a functional group
    html = admin_client.get("/admin/snippets/knowledge/ecosystem/?q=T1.1").content.decode()
    assert "Tropical/Subtropical lowland rainforests" in html
    html = admin_client.get("/admin/snippets/knowledge/theme/").content.decode()
    assert theme.name in html
    assert admin_client.get("/admin/snippets/knowledge/landuse/").status_code == 200
    assert "Taxonomies" in admin_client.get("/admin/").content.decode()
