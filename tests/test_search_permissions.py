"""Search from the outside: a page in a private section of the site, published by an editor,
is found only by the people allowed to read it — through the search page, the JSON API and
the suggestions alike — and the Wagtail admin's own page search keeps working."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from knowledge.tests.factories import CaseStudyPageFactory
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_page(django_capture_on_commit_callbacks):
    group = Group.objects.create(name="Ferlo partnership")
    with django_capture_on_commit_callbacks(execute=True):
        CaseStudyPageFactory(title="Transhumance corridors of the Ferlo")
        page = CaseStudyPageFactory(
            title="Ferlo water budget draft figures", region="sub-saharan-africa"
        )
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(group)
        restriction.save()
    return page, group


def everything_seen(client):
    page = client.get("/en/search/", {"q": "ferlo"}).content.decode()
    api = client.get("/api/search/", {"q": "ferlo"}).json()
    browse = client.get("/api/search/", {"region": "sub-saharan-africa"}).json()
    suggest = client.get("/api/search/suggest/", {"q": "ferlo wat"}).json()
    return page, api, browse, suggest


def test_outsiders_find_no_trace_of_a_private_page(client, private_page):
    for user in (None, UserFactory()):
        if user:
            client.force_login(user)
        page, api, browse, suggest = everything_seen(client)
        assert "Transhumance corridors" in page
        assert "water budget" not in page
        assert [r["title"] for r in api["results"]] == ["Transhumance corridors of the Ferlo"]
        assert api["total"] == 1
        assert browse["total"] == 0
        assert browse["facets"] == {} or all(
            v["count"] == 0 for f in browse["facets"].values() for v in f["values"]
        )
        assert suggest["suggestions"] == []


def test_members_of_the_group_find_it_everywhere(client, private_page):
    page_obj, group = private_page
    member = UserFactory(groups=[group.name])
    client.force_login(member)
    page, api, browse, suggest = everything_seen(client)
    assert "water budget draft figures" in page
    assert api["total"] == 2
    assert browse["total"] == 1
    assert [s["title"] for s in suggest["suggestions"]] == ["Ferlo water budget draft figures"]
    # And the page itself opens for them, as search promised.
    assert client.get(page_obj.url).status_code == 200


def test_the_wagtail_admin_page_search_still_works(client, private_page):
    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)
    response = client.get("/admin/pages/search/", {"q": "transhumance"})
    assert response.status_code == 200
    assert "Transhumance corridors of the Ferlo" in response.content.decode()
