"""The forum's writes, through the services every entry point uses."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.utils import timezone

from forums import services
from forums.models import (
    Attachment,
    Category,
    ModerationAction,
    Notification,
    Post,
    PostRevision,
    Subscription,
    Topic,
    TopicEvent,
    TopicRead,
)
from forums.tests.factories import CategoryFactory, confirmed_user, reply, topic
from people.models import Membership
from people.permissions import FORUM_MODERATORS_GROUP
from people.tests.factories import MembershipFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def kinds(t):
    return list(TopicEvent.objects.filter(topic=t).values_list("seq", "kind"))


def test_a_topic_and_its_replies_number_posts_and_events_in_order():
    t = topic(title="Terraces on steep slopes", body="How did you **fund** them?")
    a = reply(t, body="Through the county budget.")
    b = reply(t, body="Ours came from a carbon project.", reply_to=a)
    t.refresh_from_db()
    assert [p.number for p in t.posts.all()] == [1, 2, 3]
    assert kinds(t) == [(1, "post"), (2, "post"), (3, "post")]
    assert (t.last_seq, t.last_post_number, t.post_count) == (3, 3, 3)
    assert "<strong>fund</strong>" in t.posts.get(number=1).body_html
    assert b.reply_to == a
    category = Category.objects.get(pk=t.category_id)
    assert (category.topic_count, category.post_count) == (1, 3)


def test_sequence_numbers_are_unique_per_topic_in_the_database():
    t = topic()
    with pytest.raises(IntegrityError):
        TopicEvent.objects.create(topic=t, seq=1, kind="post")


@pytest.mark.django_db(transaction=True)
def test_concurrent_replies_get_distinct_numbers():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the concurrent case is PostgreSQL's")
    t = topic()
    people = [confirmed_user() for _ in range(6)]
    errors = []

    def post(person):
        try:
            services.post_create(author=person, topic=t, body=f"From {person.username}")
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Post.objects.filter(topic=t).values_list("number", flat=True)) == list(
        range(1, 8)
    )
    assert sorted(TopicEvent.objects.filter(topic=t).values_list("seq", flat=True)) == list(
        range(1, 8)
    )


def test_a_retried_send_with_the_same_client_key_posts_once():
    t = topic()
    person = confirmed_user()
    first = services.post_create(author=person, topic=t, body="Hello", client_key="k-1")
    again = services.post_create(author=person, topic=t, body="Hello", client_key="k-1")
    assert first.pk == again.pk
    assert Post.objects.filter(topic=t).count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_same_send_arriving_twice_at_once_posts_once():
    """A client that reconnects may send again while the first send is still being written:
    both calls answer with the one post."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the concurrent case is PostgreSQL's")
    t = topic()
    person = confirmed_user()
    barrier, numbers, errors = threading.Barrier(4), [], []

    def send():
        try:
            barrier.wait(timeout=5)
            post = services.post_create(author=person, topic=t, body="Hi", client_key="k-9")
            numbers.append(post.number)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert numbers == [2, 2, 2, 2]
    assert Post.objects.filter(topic=t).count() == 2
    assert TopicEvent.objects.filter(topic=t).count() == 2


def test_bad_input_is_refused_and_writes_nothing():
    t = topic()
    before = (Post.objects.count(), TopicEvent.objects.count())
    for body in ["", "   ", "x" * 20_001]:
        with pytest.raises(ValidationError) as error:
            reply(t, body=body)
        assert "body" in error.value.message_dict
    other = topic()
    with pytest.raises(ValidationError):
        reply(t, reply_to=other.posts.get(number=1))
    with pytest.raises(ValidationError) as error:
        services.topic_create(author=confirmed_user(), category=t.category, title="", body="")
    assert set(error.value.message_dict) == {"title", "body"}
    assert (Post.objects.count() - 1, TopicEvent.objects.count() - 1) == before


def test_a_failed_attachment_leaves_no_post():
    t = topic()
    bad = SimpleUploadedFile("run.pdf", b"#!/bin/sh\nrm -rf /\n", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        reply(t, body="See the file", attachments=[bad])
    assert "attachments" in error.value.message_dict
    assert Post.objects.filter(topic=t).count() == 1
    assert Attachment.objects.count() == 0


def test_attachments_are_typed_from_their_bytes(settings):
    t = topic()
    pdf = SimpleUploadedFile(
        "report.PDF", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    )
    csv = SimpleUploadedFile("yields.csv", b"year,tonnes\n2024,3.5\n")
    post = reply(t, body="Data attached", attachments=[pdf, csv])
    got = {a.name: (a.kind, a.content_type) for a in post.attachments.all()}
    assert got == {
        "report.PDF": ("document", "application/pdf"),
        "yields.csv": ("document", "text/csv"),
    }
    settings.FORUM_MAX_ATTACHMENT_BYTES = 10
    with pytest.raises(ValidationError, match="limit"):
        reply(t, body="Too big", attachments=[SimpleUploadedFile("a.txt", b"x" * 11)])


def test_permission_is_checked_by_the_service():
    partnership = PartnershipFactory()
    private = CategoryFactory(partnership=partnership)
    outsider = confirmed_user()
    with pytest.raises(services.NotAllowed):
        topic(category=private, author=outsider)
    member = MembershipFactory(partnership=partnership).user
    t = topic(category=private, author=member)
    with pytest.raises(services.NotAllowed):
        reply(t, author=outsider)
    unconfirmed = UserFactory(verified=False)
    with pytest.raises(services.NotAllowed, match="Confirm"):
        reply(topic(), author=unconfirmed)


def test_mentions_replies_and_watchers_are_notified_once_each():
    asker = confirmed_user(username="asker")
    helper = confirmed_user(username="helper")
    watcher = confirmed_user(username="watcher")
    t = topic(author=asker)
    services.watch_set(user=watcher, category=t.category, watching=True)
    answer = reply(t, author=helper, body="I can help. @watcher knows more.")
    assert '<a href="/en/people/watcher/" class="mention"' in answer.body_html
    got = dict(Notification.objects.values_list("user__username", "kind"))
    assert got == {"asker": "watched", "watcher": "mention"}
    reply(t, author=asker, body="Thanks!", reply_to=answer)
    assert Notification.objects.get(user=helper).kind == "reply"
    assert services.unread_counts([asker.pk, helper.pk]) == {asker.pk: 1, helper.pk: 1}
    services.topic_mark_read(user=helper, topic=t, number=3)
    assert services.unread_counts([helper.pk]) == {helper.pk: 0}
    assert TopicRead.objects.get(user=helper, topic=t).last_read_number == 3
    services.topic_mark_read(user=helper, topic=t, number=1)
    assert TopicRead.objects.get(user=helper, topic=t).last_read_number == 3


def test_private_topics_notify_only_people_who_may_read_them():
    partnership = PartnershipFactory()
    member = MembershipFactory(partnership=partnership).user
    confirmed_user(username="outsider")
    private = CategoryFactory(partnership=partnership)
    t = topic(category=private, author=member, body="Ask @outsider? No: private.")
    assert Notification.objects.count() == 0
    assert 'class="mention"' in t.posts.get().body_html  # the name still links


def test_edits_keep_the_previous_text_and_log_moderator_edits():
    author = confirmed_user()
    t = topic(author=author, body="First version")
    post = t.posts.get()
    services.post_edit(editor=author, post=post, body="Second version")
    assert list(PostRevision.objects.values_list("body", flat=True)) == ["First version"]
    moderator = confirmed_user(groups=[FORUM_MODERATORS_GROUP])
    services.post_edit(editor=moderator, post=post, body="Third version")
    assert ModerationAction.objects.get().action == "edit"
    stranger = confirmed_user()
    with pytest.raises(services.NotAllowed):
        services.post_edit(editor=stranger, post=post, body="Vandalism")
    assert [k for _, k in kinds(t)] == ["post", "edit", "edit"]


def test_moderation_actions_are_permitted_logged_and_announced():
    moderator = confirmed_user(groups=[FORUM_MODERATORS_GROUP])
    t = topic()
    bad = reply(t, body="Buy cheap pills")
    flagger = confirmed_user()
    services.post_flag(reporter=flagger, post=bad, reason="spam")
    services.post_flag(reporter=flagger, post=bad, reason="spam")
    assert bad.flags.count() == 1
    with pytest.raises(services.NotAllowed):
        services.post_hide(moderator=flagger, post=bad, reason="no")
    with pytest.raises(ValidationError):
        services.post_hide(moderator=moderator, post=bad, reason="")
    services.post_hide(moderator=moderator, post=bad, reason="Spam")
    assert bad.flags.get().status == "acted"
    services.topic_lock(moderator=moderator, topic=t, locked=True, reason="Heated")
    with pytest.raises(services.NotAllowed, match="locked"):
        reply(t)
    reply(t, author=moderator, body="Moderators may still post.")
    services.topic_pin(moderator=moderator, topic=t, pinned=True)
    services.topic_slow_mode(moderator=moderator, topic=t, seconds=60)
    other = CategoryFactory()
    services.topic_move(moderator=moderator, topic=t, category=other, reason="Better fit")
    t.refresh_from_db()
    assert (t.category, t.is_locked, t.is_pinned, t.slow_mode_seconds) == (other, True, True, 60)
    assert list(ModerationAction.objects.order_by("pk").values_list("action", flat=True)) == [
        "hide",
        "lock",
        "pin",
        "slow-mode",
        "move",
    ]
    assert [k for _, k in kinds(t)] == [
        "post",
        "post",
        "hide",
        "lock",
        "post",
        "pin",
        "slow",
        "move",
    ]


def test_a_partnership_manager_moderates_only_their_partnership():
    partnership = PartnershipFactory()
    manager = MembershipFactory(partnership=partnership, role=Membership.Role.MANAGER).user
    private = CategoryFactory(partnership=partnership)
    own = reply(topic(category=private, author=manager), author=manager)
    services.post_hide(moderator=manager, post=own, reason="Duplicate")
    with pytest.raises(services.NotAllowed):
        services.post_hide(moderator=manager, post=reply(topic()), reason="Not mine")
    # A global moderator does not reach into a partnership's private space.
    moderator = confirmed_user(groups=[FORUM_MODERATORS_GROUP])
    with pytest.raises(services.NotAllowed):
        services.post_restore(moderator=moderator, post=own)


def test_slow_mode_and_suspension_stop_posting_with_a_reason():
    moderator = confirmed_user(groups=[FORUM_MODERATORS_GROUP])
    person = confirmed_user()
    t = topic()
    services.topic_slow_mode(moderator=moderator, topic=t, seconds=300)
    reply(t, author=person)
    with pytest.raises(services.RateLimited) as error:
        reply(t, author=person)
    assert 0 < error.value.retry_after <= 300
    assert "slow mode" in error.value.message
    services.user_suspend(moderator=moderator, user=person, days=3, reason="Insults")
    with pytest.raises(services.NotAllowed, match="Insults"):
        reply(topic(), author=person)
    with pytest.raises(services.NotAllowed):
        services.reaction_toggle(user=person, post=t.posts.first(), kind="like")
    services.user_unsuspend(moderator=moderator, user=person)
    reply(topic(), author=person)
    with pytest.raises(services.NotAllowed):
        services.user_suspend(moderator=person, user=moderator, days=1, reason="Revenge")


def test_reactions_toggle_and_solutions_need_the_asker():
    asker = confirmed_user()
    qa = CategoryFactory(is_qa=True)
    t = topic(category=qa, author=asker)
    answer = reply(t)
    reader = confirmed_user()
    assert services.reaction_toggle(user=reader, post=answer, kind="thanks") is True
    assert services.reaction_toggle(user=reader, post=answer, kind="thanks") is False
    with pytest.raises(ValidationError):
        services.reaction_toggle(user=reader, post=answer, kind="<script>")
    with pytest.raises(services.NotAllowed):
        services.solution_mark(user=reader, topic=t, post=answer)
    services.solution_mark(user=asker, topic=t, post=answer)
    assert Topic.objects.get(pk=t.pk).solution == answer
    with pytest.raises(services.NotAllowed):
        services.solution_mark(user=asker, topic=topic(author=asker), post=None)


def test_moving_a_topic_private_drops_watchers_who_cannot_follow():
    moderator = UserFactory(is_superuser=True)
    t = topic()
    outsider = confirmed_user()
    services.watch_set(user=outsider, topic=t, watching=True)
    partnership = PartnershipFactory()
    member = MembershipFactory(partnership=partnership).user
    services.watch_set(user=member, topic=t, watching=True)
    services.topic_move(
        moderator=moderator, topic=t, category=CategoryFactory(partnership=partnership)
    )
    assert set(Subscription.objects.filter(topic=t).values_list("user", flat=True)) >= {member.pk}
    assert not Subscription.objects.filter(topic=t, user=outsider).exists()
    reply(t, author=member)
    assert not Notification.objects.filter(user=outsider).exists()


def test_notifications_are_sent_to_the_live_badge_after_commit(
    django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr("forums.realtime.notify_unread", lambda counts: sent.append(counts))
    rung = []
    monkeypatch.setattr("forums.realtime.ring", lambda *args: rung.append(args))
    asker = confirmed_user()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        t = topic(author=asker)
        reply(t)
    assert sent == [] and rung == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert rung == [(t.pk, 1, "post"), (t.pk, 2, "post")]
    assert sent == [{asker.pk: 1}]


def test_readers_hear_of_a_post_before_the_search_index_is_updated(
    django_capture_on_commit_callbacks, monkeypatch
):
    """Indexing a post takes longer than writing it: the doorbell must not wait for it."""
    import search.indexing

    done = []
    monkeypatch.setattr("forums.realtime.ring", lambda *args: done.append("ring"))
    flush = search.indexing.flush
    monkeypatch.setattr(search.indexing, "flush", lambda *a: done.append("index") or flush(*a))
    t, author = topic(), confirmed_user()
    done.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reply(t, author=author, body="A reply readers want at once.")
    assert done == ["ring", "index"]


def test_suspension_expires_by_itself():
    moderator = confirmed_user(groups=[FORUM_MODERATORS_GROUP])
    person = confirmed_user()
    suspension = services.user_suspend(moderator=moderator, user=person, days=1, reason="Cool")
    suspension.until = timezone.now() - timedelta(seconds=1)
    suspension.save()
    reply(topic(), author=person)


def test_a_category_inside_a_private_one_keeps_its_privacy():
    partnership = PartnershipFactory()
    private = CategoryFactory(partnership=partnership)
    with pytest.raises(ValidationError) as error:
        Category(name="Leaky", slug="leaky", parent=private).full_clean()
    assert "parent" in error.value.message_dict
    Category(name="Inner", slug="inner", parent=private, partnership=partnership).full_clean()
