"""A partnership's private forum, checked from the outside: its topic, posts, attachment and
even its category's name reach no outsider through any channel — pages, feeds, search (page,
API, suggestions), the forum API, notifications, the digest email, the websocket — while its
members get all of it."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from config.asgi import application
from forums.tests.factories import CategoryFactory, confirmed_user, reply, topic
from people.models import Membership
from people.permissions import FORUM_MODERATORS_GROUP
from people.tests.factories import MembershipFactory, PartnershipFactory

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "quetzalcoatl"


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    partnership = PartnershipFactory()
    manager = MembershipFactory(partnership=partnership, role=Membership.Role.MANAGER).user
    member = MembershipFactory(partnership=partnership).user
    outsider = confirmed_user(username="outsider")
    moderator = confirmed_user(username="globalmod", groups=[FORUM_MODERATORS_GROUP])
    public = CategoryFactory(name="Open square", slug="open-square")
    private = CategoryFactory(
        name="Backroom of the partnership", slug="backroom", partnership=partnership
    )
    with django_capture_on_commit_callbacks(execute=True):
        t = topic(category=private, author=member, title=f"Plan {SECRET}", body=f"{SECRET} plan")
        post = reply(
            t,
            author=manager,
            body=f"@outsider @globalmod the {SECRET} budget",
            attachments=[SimpleUploadedFile("budget.csv", f"{SECRET},1\n".encode())],
        )
        topic(category=public, author=member, title="Open talk", body="Hello all")
    return {
        "topic": t,
        "post": post,
        "member": member,
        "manager": manager,
        "outsiders": [None, outsider, moderator],
        "private": private,
    }


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _urls(world, feeds=True):
    t, post = world["topic"], world["post"]
    attachment = post.attachments.get()
    # The topic's address with a wrong slug: the canonical one (which spells the title) must
    # not be given away by a redirect.
    return [
        reverse("forums:topic", args=[t.pk, "x"]),
        reverse("forums:category", args=["backroom"]),
        *([reverse("forums:category_feed", args=["backroom"])] if feeds else []),
        attachment.get_absolute_url(),
        reverse("forums_api:topic_events", args=[t.pk]) + "?after=0",
        reverse("forums:post", args=[post.pk]),
    ]


def test_outsiders_get_nothing_over_http(world):
    for user in world["outsiders"]:
        client = _client(user)
        for url in _urls(world):
            response = client.get(url)
            assert response.status_code in (302, 403, 404), (user, url, response.status_code)
            if response.status_code == 302:
                assert "/accounts/login/" in response["Location"], (user, url)
            assert SECRET not in response.content.decode(errors="replace"), (user, url)
            assert SECRET not in response.get("Location", ""), (user, url)
        for url in [
            reverse("forums:index"),
            reverse("forums:category", args=["open-square"]),
            reverse("forums:category_feed", args=["open-square"]),
            reverse("search:search") + "?q=plan+budget",
            reverse("search_api:search") + "?q=plan",
            reverse("search_api:suggest") + "?q=Plan",
        ]:
            response = client.get(url)
            assert response.status_code == 200, (user, url)
            body = response.content.decode()
            assert SECRET not in body and "Backroom" not in body, (user, url)


def test_members_get_everything(world):
    client = _client(world["member"])
    # Feeds are for public categories only: a feed reader has no session.
    for url in _urls(world, feeds=False):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert (
            SECRET
            in b"".join(
                response.streaming_content if response.streaming else [response.content]
            ).decode()
        ), url
    assert "Backroom" in client.get(reverse("forums:index")).content.decode()
    assert SECRET in client.get(reverse("search:search") + "?q=plan").content.decode()


def test_mentions_of_outsiders_notify_nobody_and_the_digest_keeps_the_secret(world):
    for user in world["outsiders"][1:]:
        page = _client(user).get(reverse("forums:notifications")).content.decode()
        assert SECRET not in page
    mail.outbox.clear()
    call_command("forum_digest")
    outsider_addresses = {u.email for u in world["outsiders"][1:]}
    for message in mail.outbox:
        if outsider_addresses & set(message.to):
            assert SECRET not in message.body


def _cookie(user):
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def _connect(path, cookie=None):
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


def test_outsiders_cannot_open_the_topic_socket_and_members_can(world):
    path = f"/ws/forums/topics/{world['topic'].pk}/?after=0"

    async def scenario():
        for user in world["outsiders"]:
            cookie = await database_sync_to_async(_cookie)(user) if user else None
            communicator, connected, code = await _connect(path, cookie)
            assert not connected, user
            await communicator.disconnect()
        cookie = await database_sync_to_async(_cookie)(world["member"])
        communicator, connected, _ = await _connect(path, cookie)
        assert connected
        texts = []
        while len(texts) < 2:
            message = await communicator.receive_json_from(timeout=5)
            if message.get("type") == "event":
                texts.append(message)
        assert SECRET in texts[0]["post"]["html"]
        await communicator.disconnect()

    async_to_sync(scenario)()
