"""Every role against every people page, checked from the outside: the HTTP status and what
the page offers. One row per (role, page); a new page needs its rows here."""

import pytest

from people.models import Partnership
from people.tests.factories import (
    InstituteStaffFactory,
    JoinRequestFactory,
    MembershipFactory,
    PartnershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "learner",
    "practitioner",
    "member",
    "manager",
    "editor",
    "moderator",
    "institute_staff",
    "admin",
]


@pytest.fixture
def world(db):
    partnership = PartnershipFactory(slug="hills", join_policy=Partnership.JoinPolicy.REQUEST)
    manager = MembershipFactory(partnership=partnership, role="manager").user
    member = MembershipFactory(partnership=partnership).user
    other = MembershipFactory(role="manager").user  # manages a different partnership
    JoinRequestFactory(partnership=partnership)
    staff = InstituteStaffFactory(institute__slug="ips").user
    return {
        "anonymous": None,
        "learner": UserFactory(),
        "practitioner": other,
        "member": member,
        "manager": manager,
        "editor": UserFactory(groups=["Moderators"]),
        "moderator": UserFactory(groups=["Forum moderators"]),
        "institute_staff": staff,
        "admin": UserFactory(is_staff=True, is_superuser=True),
        "hidden": UserFactory(username="hidden", is_profile_public=False),
        "public": UserFactory(username="public"),
    }


def _as(client, world, role):
    if world[role] is not None:
        client.force_login(world[role])
    return client


SIGNED_IN = set(ROLES) - {"anonymous"}

# (url, roles allowed) → allowed roles get 200, anonymous is sent to sign in, others get 403
# (or 404 where the page's existence is itself private).
PAGES = [
    ("/en/people/", set(ROLES), None),
    ("/en/people/public/", set(ROLES), None),
    ("/en/people/hidden/", {"moderator", "admin"}, 404),
    ("/en/partnerships/", set(ROLES), None),
    ("/en/partnerships/hills/", set(ROLES), None),
    ("/en/institutes/", set(ROLES), None),
    ("/en/institutes/ips/", set(ROLES), None),
    ("/en/me/edit/", SIGNED_IN, None),
    ("/en/partnerships/new/", {"practitioner", "member", "manager", "editor", "admin"}, 403),
    ("/en/partnerships/hills/edit/", {"manager", "admin"}, 403),
    ("/en/partnerships/hills/members/", {"manager", "admin"}, 403),
    # institute_staff is a facilitator; administrators are tested in test_institutes.py.
    ("/en/institutes/ips/staff/", {"admin"}, 403),
    ("/admin/", {"editor", "admin"}, None),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "allowed", "refused"), PAGES, ids=[p[0] for p in PAGES])
def test_page_access(client, world, role, url, allowed, refused):
    response = _as(client, world, role).get(url)
    if role in allowed:
        assert response.status_code == 200, (role, url)
    elif role == "anonymous" and refused != 404:
        assert response.status_code == 302, (role, url)
        assert "/accounts/login/" in response["Location"]
    elif url == "/admin/":
        # Wagtail sends people without admin access back to sign in with a message.
        assert response.status_code == 302, (role, url)
    else:
        assert response.status_code == refused, (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_what_the_partnership_page_offers(client, world, role):
    html = _as(client, world, role).get("/en/partnerships/hills/").content.decode()
    assert ("Manage members" in html) == (role in {"manager", "admin"})
    assert ("Edit partnership" in html) == (role in {"manager", "admin"})
    assert ("Ask to join" in html) == (
        role in {"learner", "practitioner", "editor", "moderator", "institute_staff", "admin"}
    )
    assert ("Leave this partnership" in html) == (role in {"member", "manager"})
    assert ("Sign in to join this partnership" in html) == (role == "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_create_partnership_link_only_for_those_who_may(client, world, role):
    html = _as(client, world, role).get("/en/partnerships/").content.decode()
    may = role in {"practitioner", "member", "manager", "editor", "admin"}
    assert ("Add a partnership" in html) == may


@pytest.mark.parametrize("role", ROLES)
def test_managing_members_by_post_is_refused_to_non_managers(client, world, role):
    from people.models import JoinRequest, Membership

    request = JoinRequest.objects.get(partnership__slug="hills")
    response = _as(client, world, role).post(
        "/en/partnerships/hills/members/", {"action": "approve", "request": request.pk}
    )
    approved = Membership.objects.filter(user=request.user).exists()
    if role in {"manager", "admin"}:
        assert approved
    else:
        assert response.status_code in {302, 403}
        assert not approved


@pytest.mark.parametrize("role", ROLES)
def test_roles_shown_on_the_profile(client, world, role):
    person = world[role]
    if person is None:
        return
    html = client.get(person.get_absolute_url()).content.decode()
    expected = {
        "learner": ["Learner"],
        "practitioner": ["Practitioner", "Partnership manager"],
        "member": ["Practitioner"],
        "manager": ["Partnership manager"],
        "editor": ["Editor"],
        "moderator": ["Moderator"],
        "institute_staff": ["Institute staff"],
        "admin": ["Editor", "Moderator"],
    }[role]
    for label in expected:
        assert f"<li>{label}</li>" in html
