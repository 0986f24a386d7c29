"""The Atom feed of a public category: latest visible posts; private categories have none."""

import pytest
from django.urls import reverse

from forums import services
from forums.tests.factories import CategoryFactory, confirmed_user, reply, topic
from people.tests.factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_feed_lists_latest_visible_posts(client):
    category = CategoryFactory(slug="soils", name="Soils")
    t = topic(category=category, title="Compost", body="Start with **leaves**.")
    reply(t, body="And kitchen scraps.")
    hidden = reply(t, body="Cheap pills here")
    services.post_hide(moderator=UserFactory(is_superuser=True), post=hidden, reason="spam")
    response = client.get(reverse("forums:category_feed", args=["soils"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    content = response.content.decode()
    assert "<title>Compost</title>" in content
    assert "Re: Compost (#2)" in content
    assert "&lt;strong&gt;leaves&lt;/strong&gt;" in content
    assert "kitchen scraps" in content
    assert "Cheap pills" not in content
    assert t.get_absolute_url() in content


def test_feed_keeps_the_30_latest(client):
    category = CategoryFactory()
    t = topic(category=category)
    for n in range(33):
        reply(t, body=f"number {n}")
    content = client.get(reverse("forums:category_feed", args=[category.slug])).content.decode()
    assert content.count("<entry>") == 30
    assert "number 32" in content and "number 2<" not in content


def test_private_category_has_no_feed_even_for_members(client):
    partnership = PartnershipFactory()
    category = CategoryFactory(kind="partnership", partnership=partnership)
    url = reverse("forums:category_feed", args=[category.slug])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(url).status_code == 404


def test_category_page_links_its_feed(client):
    category = CategoryFactory()
    response = client.get(category.get_absolute_url())
    assert (
        f'type="application/atom+xml" title="{category.name}" '
        f'href="{reverse("forums:category_feed", args=[category.slug])}"'
    ) in response.content.decode()


def test_a_topic_moved_private_leaves_the_public_feed(client):
    public = CategoryFactory()
    private = CategoryFactory(kind="partnership", partnership=PartnershipFactory())
    t = topic(category=public, title="Moving soon")
    admin = UserFactory(is_superuser=True)
    services.topic_move(moderator=admin, topic=t, category=private)
    content = client.get(reverse("forums:category_feed", args=[public.slug])).content.decode()
    assert "Moving soon" not in content
    assert confirmed_user()  # nothing else to check: the private feed is 404 (above)
