"""The index follows the data: what editors and people do reaches search after the commit,
and nothing that must stay hidden gets in."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from courses.tests.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory
from knowledge.models import Theme
from knowledge.tests.factories import CaseStudyPageFactory, translate
from people.tests.factories import PartnershipFactory, UserFactory
from search import indexing, services
from search.backends import get_backend
from search.models import PendingUpdate

pytestmark = pytest.mark.django_db


def titles(text="", user=None, **kwargs):
    return [hit.title for hit in services.search(text=text, user=user, **kwargs).hits]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Runs what waits for the commit, as the end of a request's transaction would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = action(*args, **kwargs)
        return result

    return run


def test_a_published_case_study_is_found_with_its_facets(commit):
    theme = Theme.objects.create(name="Water", slug="water")
    page = commit(
        CaseStudyPageFactory,
        title="Springs of the Mau forest",
        problem="<p>Springs were <b>drying</b> up.</p>",
        themes=[theme],
        region="sub-saharan-africa",
    )
    results = services.search(text="drying springs", user=None)
    assert [hit.title for hit in results.hits] == ["Springs of the Mau forest"]
    assert results.hits[0].url == page.url
    assert dict(results.facets["theme"]) == {"water": 1}
    assert dict(results.facets["region"]) == {"sub-saharan-africa": 1}
    assert not PendingUpdate.objects.exists()


def test_edits_reach_the_index_on_publish_not_on_draft(commit):
    page = commit(CaseStudyPageFactory, title="Terraces of Rwanda")
    page.title = "Terraces and bench terraces of Rwanda"
    page.summary = "A draft word: zanzibarian."
    commit(page.save_revision)
    assert titles("zanzibarian") == []
    commit(page.get_latest_revision().publish)
    assert titles("zanzibarian") == ["Terraces and bench terraces of Rwanda"]


def test_unpublished_and_deleted_pages_leave_the_index(commit):
    page = commit(CaseStudyPageFactory, title="Mangroves of Sine Saloum")
    assert titles("mangroves") == ["Mangroves of Sine Saloum"]
    commit(page.unpublish)
    assert titles("mangroves") == []
    commit(page.save_revision().publish)
    assert titles("mangroves") == ["Mangroves of Sine Saloum"]
    commit(page.delete)
    assert titles("mangroves") == []


def test_a_private_section_is_found_only_by_its_groups(commit, member):
    page = commit(CaseStudyPageFactory, title="Budget of the Ferlo partnership")
    group = Group.objects.create(name="Ferlo members")
    restriction = commit(
        PageViewRestriction.objects.create,
        page=page,
        restriction_type=PageViewRestriction.GROUPS,
    )
    commit(restriction.groups.add, group)
    # Groups are set after the restriction is saved: saving it again re-queues the page.
    commit(restriction.save)
    assert titles("ferlo") == []
    assert titles("ferlo", user=member) == []
    member.groups.add(group)
    assert titles("ferlo", user=member) == ["Budget of the Ferlo partnership"]
    assert services.suggest(prefix="ferl", user=None) == []
    commit(restriction.delete)
    assert titles("ferlo") == ["Budget of the Ferlo partnership"]


def test_password_protected_pages_are_never_indexed(commit):
    page = commit(CaseStudyPageFactory, title="Password page about baobabs")
    commit(
        PageViewRestriction.objects.create,
        page=page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",  # noqa: S106
    )
    assert titles("baobabs", user=UserFactory(is_superuser=True)) == []


def test_a_moved_page_is_found_at_its_new_address(commit):
    page = commit(CaseStudyPageFactory, title="Agroforestry in Malawi")
    other = commit(CaseStudyPageFactory, title="Somewhere else")
    # Case studies only live under the index; move the index's child within the index
    # tree by renaming its slug instead, which changes the URL the same way.
    page.slug = "agroforestry-malawi"
    commit(page.save_revision().publish)
    assert services.search(text="malawi", user=None).hits[0].url.endswith("/agroforestry-malawi/")
    assert other.url != page.url


def test_a_translation_is_found_in_its_own_language(commit):
    page = commit(CaseStudyPageFactory, title="Restoring the watershed")
    commit(translate, page, "fr", title="Restaurer le bassin versant")
    results = services.search(text="bassins", user=None)
    assert [(h.title, h.language) for h in results.hits] == [("Restaurer le bassin versant", "fr")]
    assert results.hits[0].url.startswith("/fr/")


def test_lessons_are_found_by_title_and_summary_not_by_their_content(commit):
    course = commit(CoursePageFactory, title="Convening partnerships")
    module = commit(ModulePageFactory, parent=course, title="Module one")
    commit(
        LessonPageFactory,
        parent=module,
        title="Mapping stakeholders",
        summary="Who holds a stake in the landscape.",
        body=[("text", "<p>The answer to the quiz is quixotic.</p>")],
    )
    assert titles("stakeholders") == ["Mapping stakeholders"]
    assert titles("quixotic") == []
    assert titles("convening") == ["Convening partnerships"]


def test_people_are_found_by_their_public_profile_only(commit):
    person = commit(
        UserFactory,
        display_name="Amina Diallo",
        bio="Pastoralism in the Ferlo.",
        affiliations="Réseau Sahel Vert",
    )
    assert titles("pastoralism") == ["Amina Diallo"]
    assert titles(person.email.split("@")[0]) == ["Amina Diallo"]  # the @handle
    assert titles("example.org") == []  # never the email address
    person.is_profile_public = False
    commit(person.save)
    assert titles("pastoralism") == []
    hidden = commit(UserFactory, display_name="Not Confirmed", bio="Pastoralism", verified=False)
    assert hidden and titles("pastoralism") == []


def test_expertise_tags_reach_a_profile(commit):
    person = commit(UserFactory, display_name="Carlos Mendoza")
    commit(person.expertise.add, "páramo hydrology")
    assert titles("paramo") == ["Carlos Mendoza"]


def test_partnerships_open_in_the_readers_language(commit, settings):
    from django.utils import translation

    commit(PartnershipFactory, name="Ferlo pastoral partnership", countries=["SN"])
    with translation.override("fr"):
        hit = services.search(text="ferlo", user=None).hits[0]
    assert hit.url.startswith("/fr/")
    assert services.search(text="ferlo", user=None).facets["country"] == [("SN", 1)]


def test_a_rolled_back_change_queues_nothing():
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        CaseStudyPageFactory(title="Never saved")
        raise RuntimeError
    assert not PendingUpdate.objects.exists()


def test_a_failed_update_stays_queued_and_is_retried(commit, monkeypatch):
    backend = get_backend()
    original = type(backend).index

    def broken(self, documents):
        raise ConnectionError("index unavailable")

    monkeypatch.setattr(type(backend), "index", broken)
    commit(CaseStudyPageFactory, title="Fog harvesting in Atacama")
    pending = PendingUpdate.objects.get()
    assert pending.attempts == 1
    assert "index unavailable" in pending.last_error
    assert titles("atacama") == []

    monkeypatch.setattr(type(backend), "index", original)
    call_command("search_index", "update", "--retry-now", stdout=__import__("io").StringIO())
    assert titles("atacama") == ["Fog harvesting in Atacama"]
    assert not PendingUpdate.objects.exists()


def test_rebuild_restores_the_index_and_status_reports_it(commit):
    from io import StringIO

    CaseStudyPageFactory(title="Seaweed farming in Zanzibar")  # no commit: not indexed yet
    PendingUpdate.objects.all().delete()
    assert titles("seaweed") == []
    out = StringIO()
    call_command("search_index", "rebuild", "--no-progress", stdout=out)
    assert "case_study: 1 indexed" in out.getvalue()
    assert titles("seaweed") == ["Seaweed farming in Zanzibar"]

    out = StringIO()
    call_command("search_index", "status", stdout=out)
    assert "case_study" in out.getvalue()
    assert "0 queued, 0 failing" in out.getvalue()


def test_indexing_a_batch_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    pages = [CaseStudyPageFactory(title=f"Watershed {i}") for i in range(3)]
    more = [CaseStudyPageFactory(title=f"Watershed {i}") for i in range(3, 12)]
    PendingUpdate.objects.all().delete()  # queued by the factories; flushed below by hand
    with django_assert_max_num_queries(40) as few:
        indexing.queue("case_study", [p.pk for p in pages])
        indexing.flush()
    PendingUpdate.objects.all().delete()
    with django_assert_max_num_queries(len(few.captured_queries)):
        indexing.queue("case_study", [p.pk for p in more])
        indexing.flush()
    assert len(titles("watershed")) == 12


def test_changes_made_during_a_rebuild_are_applied_again_after_it(commit):
    page = commit(CaseStudyPageFactory, title="Cork oak woodlands")
    with indexing.rebuilding():
        page.title = "Cork oak montado"
        commit(page.save_revision().publish)
        # Applied at once to the index being replaced, and kept to be replayed.
        assert titles("montado") == ["Cork oak montado"]
        assert PendingUpdate.objects.filter(last_error=indexing.REPLAY).count() == 1
    assert titles("montado") == ["Cork oak montado"]
    assert not PendingUpdate.objects.exists()
