"""Posting limits: per person, tighter for new accounts, with a message that says when to
come back, and nothing written when refused."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from forums import services
from forums.models import Post
from forums.tests.factories import confirmed_user, reply, topic
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_limits(settings):
    settings.FORUM_LIMITS = {
        **settings.FORUM_LIMITS,
        "posts": ["5/minute", "300/day"],
        "new_account_posts": ["2/minute", "20/day"],
        "links": 20,
        "new_account_links": 2,
    }


def test_a_new_account_is_held_to_fewer_posts(real_limits):
    t = topic()
    newcomer = UserFactory(date_joined=timezone.now() - timedelta(days=1))
    reply(t, author=newcomer)
    reply(t, author=newcomer)
    before = Post.objects.count()
    with pytest.raises(services.RateLimited) as error:
        reply(t, author=newcomer, body="Third in a minute")
    assert 0 < error.value.retry_after <= 60
    assert "faster than we allow" in error.value.message
    assert Post.objects.count() == before
    # An established member posts more in the same minute; other people are not affected.
    regular = confirmed_user()
    for _ in range(5):
        reply(t, author=regular)
    with pytest.raises(services.RateLimited):
        reply(t, author=regular)
    reply(t, author=confirmed_user())


def test_a_new_account_may_not_post_many_links(real_limits):
    t = topic()
    newcomer = UserFactory(date_joined=timezone.now())
    links = "See https://a.org, https://b.org and https://c.org"
    with pytest.raises(ValidationError) as error:
        reply(t, author=newcomer, body=links)
    assert "at most 2 links" in error.value.message_dict["body"][0]
    reply(t, author=newcomer, body="See https://a.org and @" + newcomer.username)
    reply(t, author=confirmed_user(), body=links)


def test_a_refused_post_is_not_counted(real_limits):
    t = topic()
    newcomer = UserFactory(date_joined=timezone.now())
    for _ in range(3):
        with pytest.raises(ValidationError):
            reply(t, author=newcomer, body="")
    reply(t, author=newcomer)
    reply(t, author=newcomer)


def test_superusers_are_not_limited(real_limits):
    t = topic()
    admin = UserFactory(is_superuser=True, date_joined=timezone.now())
    for _ in range(4):
        reply(t, author=admin, body="https://a.org https://b.org https://c.org")


def test_posting_goes_on_when_the_limit_counts_cannot_be_read(real_limits, monkeypatch):
    """Redis restarting: the limits fail open rather than refusing every post."""

    class Down:
        def test(self, *args):
            raise ConnectionError("Redis is restarting")

        hit = get_window_stats = test

    monkeypatch.setattr("forums.limits.limiter", lambda: Down())
    t = topic()
    newcomer = UserFactory(date_joined=timezone.now())
    for n in range(4):
        reply(t, author=newcomer, body=f"Still here {n}")
    assert Post.objects.filter(topic=t, author=newcomer).count() == 4
