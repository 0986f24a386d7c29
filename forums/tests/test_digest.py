"""The daily digest: one email per person with unread notifications, in their language, sent
once, never about posts they can no longer read."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from forums import services
from forums.models import DigestSettings, Notification
from forums.tests.factories import CategoryFactory, confirmed_user, reply, topic
from people.tests.factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _digest(to=None):
    """Run the command; the emails sent (to one person when ``to`` is given: topic authors
    watch their topics and get digests too)."""
    mail.outbox.clear()
    call_command("forum_digest", stdout=StringIO())
    return [m for m in mail.outbox if to is None or m.to == [to.email]]


def test_digest_sends_once():
    watcher = confirmed_user(username="watcher")
    t = topic(title="Agroforestry")
    services.watch_set(user=watcher, topic=t, watching=True)
    reply(t, body="First reply")
    reply(t, body="Second reply")
    sent = _digest(watcher)
    assert len(sent) == 1
    message = sent[0]
    assert message.to == [watcher.email]
    assert "2 unread forum notifications" in message.subject
    assert "Agroforestry" in message.body
    html = message.alternatives[0][0]
    assert "Agroforestry" in html and "<a href=" in html
    assert Notification.objects.filter(user=watcher, emailed_at__isnull=True).count() == 0
    assert DigestSettings.objects.get(user=watcher).last_sent_at is not None
    assert _digest() == []
    reply(t, body="Third reply")
    again = _digest(watcher)
    assert len(again) == 1 and "1 unread forum notification" in again[0].subject


def test_digest_skips_read_and_opted_out():
    reader, quiet = confirmed_user(), confirmed_user()
    t = topic()
    for person in (reader, quiet):
        services.watch_set(user=person, topic=t, watching=True)
    services.digest_set(user=quiet, enabled=False)
    reply(t)
    services.notifications_mark_read(user=reader)
    sent = _digest()
    assert not [m for m in sent if m.to in ([reader.email], [quiet.email])]


def test_digest_is_in_the_persons_language():
    watcher = confirmed_user(preferred_language="fr")
    t = topic()
    services.watch_set(user=watcher, topic=t, watching=True)
    reply(t)
    (message,) = _digest(watcher)
    assert "/fr/forums/" in message.body


def test_digest_never_mentions_a_post_moved_private():
    outsider = confirmed_user()
    public = CategoryFactory()
    private = CategoryFactory(kind="partnership", partnership=PartnershipFactory())
    t = topic(category=public, title="Secret plans soon")
    services.watch_set(user=outsider, topic=t, watching=True)
    reply(t, body="still public")
    services.topic_move(moderator=UserFactory(is_superuser=True), topic=t, category=private)
    assert Notification.objects.filter(user=outsider).exists()
    assert _digest(outsider) == []
    assert not Notification.objects.filter(user=outsider, emailed_at__isnull=True).exists()
