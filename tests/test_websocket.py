"""The personal websocket through the real ASGI stack (origin check, session auth, channel
layer: in-memory on the defaults, Redis when REDIS_URL is set)."""

import pytest
from channels.db import database_sync_to_async as sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application
from people.consumers import person_group
from people.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

ORIGIN = (b"origin", b"http://testserver")


@sync_to_async
def _session_cookie_for(user):
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def _connect(cookie=None, origin=ORIGIN):
    headers = [origin, (b"host", b"testserver")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    communicator = WebsocketCommunicator(application, "/ws/me/", headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def test_anonymous_visitors_are_refused():
    communicator, connected, code = await _connect()
    assert not connected
    assert code == 4401


async def test_a_foreign_origin_is_refused():
    user = await sync_to_async(UserFactory)()
    cookie = await _session_cookie_for(user)
    communicator, connected, _ = await _connect(cookie, origin=(b"origin", b"https://evil.test"))
    assert not connected


async def test_a_person_receives_their_own_notifications_only():
    alice, bob = await sync_to_async(UserFactory)(), await sync_to_async(UserFactory)()
    alice_ws, connected, _ = await _connect(await _session_cookie_for(alice))
    assert connected
    bob_ws, connected, _ = await _connect(await _session_cookie_for(bob))
    assert connected

    layer = get_channel_layer()
    await layer.group_send(person_group(alice.pk), {"type": "notify", "unread": 3})
    assert await alice_ws.receive_json_from(timeout=5) == {"type": "notify", "unread": 3}
    assert await bob_ws.receive_nothing(timeout=0.3)

    await alice_ws.send_json_to({"type": "ping"})
    assert await alice_ws.receive_json_from(timeout=5) == {"type": "pong"}
    await alice_ws.disconnect()
    await bob_ws.disconnect()
