"""Partnership membership rules: join policies, requests, invitations, the last manager."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from people import services
from people.models import Invitation, JoinRequest, Membership, Partnership
from people.tests.factories import (
    InvitationFactory,
    MembershipFactory,
    PartnershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
Role = Membership.Role


# --- The last manager ----------------------------------------------------------------------


def test_the_last_manager_cannot_leave(client, partnership, manager):
    client.force_login(manager)
    response = client.post(f"/en/partnerships/{partnership.slug}/leave/", follow=True)
    html = response.content.decode()
    assert "must keep at least one manager" in html
    assert Membership.objects.filter(partnership=partnership, user=manager).exists()


def test_the_last_manager_cannot_step_down_or_be_removed(partnership, manager):
    membership = Membership.objects.get(user=manager)
    with pytest.raises(ValidationError, match="at least one manager"):
        services.membership_set_role(membership=membership, role=Role.MEMBER, by=manager)
    with pytest.raises(ValidationError, match="at least one manager"):
        services.membership_remove(membership=membership, by=manager)
    assert Membership.objects.get(pk=membership.pk).role == Role.MANAGER


def test_a_manager_can_step_down_once_another_is_appointed(partnership, manager, member):
    own = Membership.objects.get(user=manager)
    other = Membership.objects.get(user=member)
    services.membership_set_role(membership=other, role=Role.MANAGER, by=manager)
    services.membership_set_role(membership=own, role=Role.MEMBER, by=manager)
    assert list(
        Membership.objects.filter(partnership=partnership, role=Role.MANAGER).values_list(
            "user__username", flat=True
        )
    ) == ["member"]
    # ... and now `manager` (a plain member) can leave, but the new manager cannot.
    services.membership_remove(membership=own, by=manager)
    with pytest.raises(ValidationError):
        services.membership_remove(membership=other, by=member)


def test_members_cannot_change_roles_or_remove_others(partnership, manager, member):
    with pytest.raises(PermissionDenied):
        services.membership_set_role(
            membership=Membership.objects.get(user=member), role=Role.MANAGER, by=member
        )
    with pytest.raises(PermissionDenied):
        services.membership_remove(membership=Membership.objects.get(user=manager), by=member)


def test_creator_of_a_partnership_is_its_manager(practitioner):
    created = services.partnership_create(
        creator=practitioner, name="Lake Naivasha", slug="naivasha", countries=["KE"]
    )
    assert Membership.objects.get(partnership=created).role == Role.MANAGER


def test_a_learner_cannot_create_a_partnership(learner):
    with pytest.raises(PermissionDenied):
        services.partnership_create(creator=learner, name="X", slug="x")
    assert not Partnership.objects.filter(slug="x").exists()


def test_failed_creation_leaves_nothing_behind(practitioner):
    PartnershipFactory(slug="taken")
    with pytest.raises(ValidationError):
        services.partnership_create(creator=practitioner, name="Dup", slug="taken")
    assert not Membership.objects.filter(user=practitioner).exists()


# --- Join policies -------------------------------------------------------------------------


def test_open_partnership_is_joined_at_once(client, learner):
    partnership = PartnershipFactory(join_policy=Partnership.JoinPolicy.OPEN, name="Open Hills")
    client.force_login(learner)
    response = client.post(f"/en/partnerships/{partnership.slug}/join/", follow=True)
    assert "Welcome to Open Hills!" in response.content.decode()
    assert Membership.objects.filter(partnership=partnership, user=learner).exists()


def test_request_is_approved_by_a_manager(
    client, learner, mailoutbox, django_capture_on_commit_callbacks
):
    partnership = PartnershipFactory(join_policy=Partnership.JoinPolicy.REQUEST, name="Ferlo")
    manager = MembershipFactory(partnership=partnership, role=Role.MANAGER).user
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/partnerships/{partnership.slug}/join/",
            {"message": "I work with herders in Linguère."},
            follow=True,
        )
    assert "Your request has been sent to the managers of Ferlo." in response.content.decode()
    assert not Membership.objects.filter(partnership=partnership, user=learner).exists()
    assert [m.to for m in mailoutbox] == [[manager.email]]
    # Asking twice does not make a second request.
    client.post(f"/en/partnerships/{partnership.slug}/join/")
    assert JoinRequest.objects.filter(partnership=partnership, user=learner).count() == 1
    page = client.get(f"/en/partnerships/{partnership.slug}/").content.decode()
    assert "waiting for a manager" in page

    client.force_login(manager)
    members_page = client.get(f"/en/partnerships/{partnership.slug}/members/").content.decode()
    assert "I work with herders in Linguère." in members_page
    request = JoinRequest.objects.get(user=learner)
    client.post(
        f"/en/partnerships/{partnership.slug}/members/",
        {"action": "approve", "request": request.pk},
    )
    assert Membership.objects.get(partnership=partnership, user=learner).role == Role.MEMBER
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.APPROVED
    assert request.decided_by == manager


def test_declined_request_adds_nobody(partnership, manager, learner):
    partnership.join_policy = Partnership.JoinPolicy.REQUEST
    partnership.save()
    request = services.partnership_join(partnership=partnership, user=learner)
    services.join_request_decide(join_request=request, by=manager, approve=False)
    assert not Membership.objects.filter(user=learner).exists()
    with pytest.raises(ValidationError, match="already been decided"):
        services.join_request_decide(join_request=request, by=manager, approve=True)


def test_invitation_only_partnership_cannot_be_joined_directly(client, learner):
    partnership = PartnershipFactory(join_policy=Partnership.JoinPolicy.INVITATION)
    client.force_login(learner)
    page = client.get(f"/en/partnerships/{partnership.slug}/").content.decode()
    assert "You can only join this partnership by invitation." in page
    assert "Join this partnership" not in page
    response = client.post(f"/en/partnerships/{partnership.slug}/join/", follow=True)
    assert "by invitation." in response.content.decode()
    assert not Membership.objects.filter(user=learner).exists()


# --- Invitations ---------------------------------------------------------------------------


def _invite_link(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_invitation_to_an_address_with_no_account_lands_them_on_sign_up(
    client, partnership, manager, mailoutbox, django_capture_on_commit_callbacks
):
    partnership.join_policy = Partnership.JoinPolicy.INVITATION
    partnership.save()
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/partnerships/{partnership.slug}/members/",
            {"action": "invite", "email": "Newcomer@Example.org", "role": Role.MEMBER},
            follow=True,
        )
    assert "An invitation has been sent to Newcomer@Example.org." in response.content.decode()
    assert mailoutbox[0].to == ["Newcomer@Example.org"]
    assert partnership.name in mailoutbox[0].subject
    client.logout()
    mailoutbox.clear()

    # The invitee signs up with that address (any case) and confirms it.
    client.post(
        "/en/accounts/signup/",
        {
            "email": "newcomer@example.org",
            "password1": "wetlands and rice fields",
            "password2": "wetlands and rice fields",
        },
    )
    assert not Membership.objects.filter(user__email="newcomer@example.org").exists()
    confirm = re.search(r"https?://testserver(\S+)", mailoutbox[0].body).group(1)
    client.post(confirm)
    membership = Membership.objects.get(user__email="newcomer@example.org")
    assert membership.partnership == partnership
    assert Invitation.objects.get().accepted_by == membership.user


def test_invitation_for_an_existing_account_is_accepted_from_the_link(
    client, partnership, manager, mailoutbox, django_capture_on_commit_callbacks
):
    invitee = UserFactory(email="tomas@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            partnership=partnership, email="tomas@example.org", by=manager, role=Role.MANAGER
        )
    link = _invite_link(mailoutbox[0])
    client.force_login(invitee)
    assert "Accept the invitation" in client.get(link).content.decode()
    client.post(link)
    assert Membership.objects.get(user=invitee).role == Role.MANAGER
    # A used link cannot be used again.
    assert "expired or was already used" in client.get(link).content.decode()


def test_an_invitation_cannot_be_taken_by_someone_else(client, partnership, manager):
    invitation = InvitationFactory(partnership=partnership, email="right@example.org")
    intruder = UserFactory(email="wrong@example.org")
    client.force_login(intruder)
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert "This invitation was sent to right@example.org" in response.content.decode()
    assert not Membership.objects.filter(user=intruder).exists()


def test_inviting_twice_resends_the_same_invitation(
    partnership, manager, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.invitation_create(
            partnership=partnership, email="a@example.org", by=manager
        )
        second = services.invitation_create(
            partnership=partnership, email="A@example.org", by=manager
        )
    assert first.pk == second.pk
    assert len(mailoutbox) == 2


def test_inviting_a_member_is_refused_with_a_message(client, partnership, manager, member):
    client.force_login(manager)
    response = client.post(
        f"/en/partnerships/{partnership.slug}/members/",
        {"action": "invite", "email": member.email, "role": Role.MEMBER},
    )
    assert f"{member.email} is already a member." in response.content.decode()
    assert not Invitation.objects.exists()


def test_withdrawn_invitation_no_longer_works(client, partnership, manager):
    invitation = InvitationFactory(partnership=partnership, email="late@example.org")
    services.invitation_revoke(invitation=invitation, by=manager)
    invitee = UserFactory(email="late@example.org")
    client.force_login(invitee)
    client.post(invitation.get_absolute_url())
    assert not Membership.objects.filter(user=invitee).exists()


def test_only_managers_invite(partnership, member):
    with pytest.raises(PermissionDenied):
        services.invitation_create(partnership=partnership, email="x@example.org", by=member)
