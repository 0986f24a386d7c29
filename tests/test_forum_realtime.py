"""The topic websocket through the real ASGI stack (origin check, session auth, the channel
layer: in-memory on the defaults, Redis when REDIS_URL is set), and the events API."""

import pytest
from channels.db import database_sync_to_async as sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application
from forums import events, limits, realtime, services
from forums.tests.factories import CategoryFactory, confirmed_user, reply, topic
from people.tests.factories import MembershipFactory, PartnershipFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

ORIGIN = (b"origin", b"http://testserver")
QUIET = ("presence", "typing", "synced", "pong")


@pytest.fixture(autouse=True)
def _fresh():
    limits.reset()
    events.clear()
    yield
    events.clear()


@sync_to_async
def _cookie(user):
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def _connect(topic_id, user=None, after=0):
    headers = [ORIGIN, (b"host", b"testserver")]
    if user is not None:
        headers.append((b"cookie", (await _cookie(user)).encode()))
    ws = WebsocketCommunicator(
        application, f"/ws/forums/topics/{topic_id}/?after={after}", headers=headers
    )
    connected, code = await ws.connect(timeout=5)
    return ws, connected, code


async def _next(ws, skip=QUIET, timeout=5):
    """The next message that is not presence, typing or a sync marker."""
    while True:
        message = await ws.receive_json_from(timeout=timeout)
        if message["type"] not in skip:
            return message


async def _synced(ws):
    """Every message up to the end of the replay."""
    received = []
    while True:
        message = await ws.receive_json_from(timeout=5)
        if message["type"] == "synced":
            return received
        if message["type"] == "event":
            received.append(message)


async def _nothing_but_quiet(ws, timeout=0.5):
    """No event arrives (presence and typing may). receive_nothing, unlike a timed-out
    receive, leaves the application running."""
    while not await ws.receive_nothing(timeout=timeout):
        if (await ws.receive_json_from())["type"] not in QUIET:
            return False
    return True


_topic = sync_to_async(topic)
_reply = sync_to_async(reply)


async def test_unknown_topics_are_refused():
    ws, connected, code = await _connect(999_999)
    assert not connected
    assert code == 4404


async def test_a_post_made_through_the_service_is_delivered_live():
    thread = await _topic(title="Water rights")
    ws, connected, _ = await _connect(thread.pk, after=thread.last_seq)
    assert connected
    assert await _synced(ws) == []
    post = await _reply(thread, body="The river committee met **today**.")
    event = await _next(ws)
    assert event["type"] == "event"
    assert event["seq"] == thread.last_seq + 1
    assert event["kind"] == "post"
    assert event["post"]["number"] == post.number == 2
    assert "<strong>today</strong>" in event["post"]["html"]
    assert 'id="post-2"' in event["post"]["html"]
    assert event["post"]["hidden"] is False
    await ws.disconnect()


async def test_resume_after_a_disconnect_gets_everything_missed_in_order_once():
    thread = await _topic()
    ws, connected, _ = await _connect(thread.pk)
    assert connected
    replayed = await _synced(ws)
    assert [e["seq"] for e in replayed] == [1]
    await _reply(thread, body="First reply")
    last_seen = (await _next(ws))["seq"]
    await ws.disconnect()

    for n in range(5):
        await _reply(thread, body=f"Meanwhile {n}")
    ws, connected, _ = await _connect(thread.pk, after=last_seen)
    assert connected
    replayed = await _synced(ws)
    assert [e["seq"] for e in replayed] == [3, 4, 5, 6, 7]
    assert [e["post"]["number"] for e in replayed] == [3, 4, 5, 6, 7]
    assert "Meanwhile 0" in replayed[0]["post"]["html"]
    # A bell for something already replayed is not sent again.
    await get_channel_layer().group_send(
        realtime.topic_group(thread.pk), {"type": "topic.event", "topic": thread.pk, "seq": 7}
    )
    assert await _nothing_but_quiet(ws)
    await ws.disconnect()


async def test_a_lost_doorbell_is_covered_by_the_next_one(monkeypatch):
    thread = await _topic()
    ws, connected, _ = await _connect(thread.pk, after=1)
    assert connected
    await _synced(ws)
    rung = []
    monkeypatch.setattr(realtime, "ring", lambda *args: rung.append(args))
    for n in range(3):
        await _reply(thread, body=f"Silent {n}")
    assert len(rung) == 3
    assert await _nothing_but_quiet(ws, timeout=0.3)
    # Only the last bell arrives: the consumer loads the gap from the database.
    await get_channel_layer().group_send(
        realtime.topic_group(thread.pk), {"type": "topic.event", "topic": thread.pk, "seq": 4}
    )
    received = [await _next(ws) for _ in range(3)]
    assert [e["seq"] for e in received] == [2, 3, 4]
    assert "Silent 2" in received[2]["post"]["html"]
    await ws.disconnect()


async def test_events_whose_doorbells_were_all_lost_arrive_with_the_next_ping(monkeypatch):
    thread = await _topic()
    ws, connected, _ = await _connect(thread.pk, after=1)
    assert connected
    await _synced(ws)
    monkeypatch.setattr(realtime, "ring", lambda *args: None)  # Redis down: no bell at all
    await _reply(thread, body="Said while the layer was down")
    assert await _nothing_but_quiet(ws, timeout=0.3)
    await ws.send_json_to({"type": "ping"})
    event = await _next(ws)
    assert event["seq"] == 2 and "layer was down" in event["post"]["html"]
    assert await ws.receive_json_from(timeout=5) == {"type": "pong", "seq": 2}
    await ws.disconnect()


async def test_a_client_fetches_a_range_it_is_missing():
    thread = await _topic()
    for n in range(4):
        await _reply(thread, body=f"Reply {n}")
    ws, connected, _ = await _connect(thread.pk, after=5)
    assert connected
    assert await _synced(ws) == []
    await ws.send_json_to({"type": "fetch", "from": 2, "to": 3})
    received = [await _next(ws) for _ in range(2)]
    assert [e["seq"] for e in received] == [2, 3]
    await ws.send_json_to({"type": "resume", "after": 4})
    assert (await _next(ws))["seq"] == 5
    await ws.send_json_to({"type": "ping"})
    assert await ws.receive_json_from(timeout=5) == {"type": "pong", "seq": 5}
    await ws.disconnect()


@sync_to_async
def _private_space():
    partnership = PartnershipFactory()
    category = CategoryFactory(partnership=partnership, name="Partners only")
    member = MembershipFactory(partnership=partnership).user
    return category, member


async def test_private_topics_reach_members_only():
    category, member = await _private_space()
    thread = await _topic(category=category, author=member, body="Partners' budget")
    outsider = await sync_to_async(confirmed_user)()

    for who in (None, outsider):
        ws, connected, code = await _connect(thread.pk, user=who)
        assert not connected
        assert code == 4403

    ws, connected, _ = await _connect(thread.pk, user=member)
    assert connected
    replayed = await _synced(ws)
    assert "budget" in replayed[0]["post"]["html"]
    await ws.disconnect()


async def test_a_topic_moved_into_a_private_category_stops_flowing_to_outsiders():
    category, member = await _private_space()
    thread = await _topic(title="Open at first")
    outsider = await sync_to_async(confirmed_user)()
    admin = await sync_to_async(UserFactory)(is_superuser=True, is_staff=True)
    outside_ws, connected, _ = await _connect(thread.pk, user=outsider, after=1)
    assert connected
    await _synced(outside_ws)
    member_ws, connected, _ = await _connect(thread.pk, user=member, after=1)
    assert connected
    await _synced(member_ws)

    await sync_to_async(services.topic_move)(moderator=admin, topic=thread, category=category)
    await _reply(thread, author=member, body="Now the secret plan")

    assert await _next(outside_ws) == {"type": "gone"}
    assert (await outside_ws.receive_output(timeout=5)) == {
        "type": "websocket.close",
        "code": 4403,
    }
    moved = await _next(member_ws)
    assert moved["kind"] == "move"
    assert moved["topic"]["category"] == category.pk
    posted = await _next(member_ws)
    assert "secret plan" in posted["post"]["html"]
    await member_ws.disconnect()


async def test_posting_over_the_websocket_goes_through_the_service(settings):
    settings.FORUM_LIMITS = {
        **settings.FORUM_LIMITS,
        "posts": ["3/minute"],
        "new_account_posts": ["3/minute"],
    }
    thread = await _topic()
    author = await sync_to_async(UserFactory)()
    ws, connected, _ = await _connect(thread.pk, user=author, after=1)
    assert connected
    await _synced(ws)
    await ws.send_json_to({"type": "post", "body": "Hello *all*", "client_key": "k1"})
    acked = await _next(ws, skip=(*QUIET, "event"))
    assert acked == {"type": "posted", "client_key": "k1", "number": 2}
    # Sent again (a retry after a lost ack): the same post, not a second one.
    await ws.send_json_to({"type": "post", "body": "Hello *all*", "client_key": "k1"})
    assert (await _next(ws, skip=(*QUIET, "event")))["number"] == 2
    await ws.send_json_to({"type": "post", "body": "", "client_key": "k2"})
    empty = await _next(ws, skip=(*QUIET, "event"))
    assert empty["type"] == "error" and empty["client_key"] == "k2" and "body" in empty["fields"]
    await ws.send_json_to({"type": "post", "body": "two", "reply_to": 1, "client_key": "k3"})
    assert (await _next(ws, skip=(*QUIET, "event")))["number"] == 3
    # Up to the limit (3 a minute here), then refused.
    for n in range(4, 6):
        await ws.send_json_to({"type": "post", "body": f"Number {n}", "client_key": f"n{n}"})
        limited = await _next(ws, skip=(*QUIET, "event"))
        if limited["type"] != "posted":
            break
    assert limited["type"] == "error"
    assert limited["client_key"] == f"n{n}"
    assert limited["retry_after"] > 0
    await ws.disconnect()


async def test_no_posting_in_a_locked_topic_or_when_anonymous():
    thread = await _topic()
    admin = await sync_to_async(UserFactory)(is_superuser=True, is_staff=True)
    await sync_to_async(services.topic_lock)(moderator=admin, topic=thread, locked=True)
    author = await sync_to_async(confirmed_user)()
    ws, connected, _ = await _connect(thread.pk, user=author)
    assert connected
    replayed = await _synced(ws)
    assert replayed[-1]["kind"] == "lock" and replayed[-1]["topic"]["locked"] is True
    await ws.send_json_to({"type": "post", "body": "Let me in", "client_key": "x"})
    refused = await _next(ws)
    assert refused["type"] == "error" and "locked" in refused["message"]
    await ws.disconnect()

    ws, connected, _ = await _connect(thread.pk)
    assert connected
    await _synced(ws)
    await ws.send_json_to({"type": "post", "body": "Anonymous", "client_key": "y"})
    assert (await _next(ws))["type"] == "error"
    await ws.disconnect()


async def test_a_hidden_post_travels_without_its_text():
    thread = await _topic()
    post = await _reply(thread, body="An insult nobody should read")
    admin = await sync_to_async(UserFactory)(is_superuser=True, is_staff=True)
    await sync_to_async(services.post_hide)(moderator=admin, post=post, reason="Rude")
    for who in (None, admin):
        ws, connected, _ = await _connect(thread.pk, user=who)
        assert connected
        replayed = await _synced(ws)
        assert [e["kind"] for e in replayed] == ["post", "post", "hide"]
        for event in replayed[1:]:
            assert event["post"]["hidden"] is True
            assert "insult" not in str(event)
        await ws.disconnect()


async def test_presence_and_typing():
    thread = await _topic()
    alice, bob = await sync_to_async(confirmed_user)(), await sync_to_async(confirmed_user)()
    alice_ws, _, _ = await _connect(thread.pk, user=alice, after=1)
    bob_ws, _, _ = await _connect(thread.pk, user=bob, after=1)
    second_tab, _, _ = await _connect(thread.pk, user=bob, after=1)
    while True:
        message = await alice_ws.receive_json_from(timeout=5)
        if message["type"] == "presence" and message["reading"] == 2:
            break
    await bob_ws.send_json_to({"type": "typing"})
    await bob_ws.send_json_to({"type": "typing"})  # too soon: not sent again
    typing = await _next(alice_ws, skip=("presence", "synced"))
    assert typing == {"type": "typing", "name": bob.name}
    assert await _nothing_but_quiet(alice_ws, timeout=0.3)
    for ws in (alice_ws, bob_ws, second_tab):
        await ws.disconnect()


async def test_marking_read_over_the_websocket():
    thread = await _topic()
    reader = await sync_to_async(confirmed_user)()
    await _reply(thread, body="two")
    ws, _, _ = await _connect(thread.pk, user=reader)
    await _synced(ws)
    await ws.send_json_to({"type": "read", "number": 2})
    await ws.send_json_to({"type": "ping"})
    assert (await _next(ws, skip=("presence",)))["type"] == "pong"
    from forums.models import TopicRead

    read = await sync_to_async(TopicRead.objects.get)(user=reader, topic=thread)
    assert read.last_read_number == 2
    await ws.disconnect()


async def test_one_payload_load_serves_every_reader_of_a_process():
    thread = await _topic()
    sockets = []
    for _ in range(5):
        ws, connected, _ = await _connect(thread.pk, after=1)
        assert connected
        await _synced(ws)
        sockets.append(ws)
    loads = events.cache().loads
    await _reply(thread, body="For everyone")
    for ws in sockets:
        assert (await _next(ws))["seq"] == 2
    assert events.cache().loads == loads + 1
    for ws in sockets:
        await ws.disconnect()


# --- The JSON API ----------------------------------------------------------------------------


@sync_to_async
def _api(user, topic_id, after=0):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(f"/api/forums/topics/{topic_id}/events/", {"after": after})


async def test_the_events_api_answers_readers_only():
    category, member = await _private_space()
    secret = await _topic(category=category, author=member, body="Members' notes")
    public = await _topic(body="For all")
    await _reply(public, body="Second")

    response = await _api(None, public.pk, after=1)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    data = response.json()
    assert [e["seq"] for e in data["events"]] == [2]
    assert data["next"] is None and data["last_seq"] == 2

    outsider = await sync_to_async(confirmed_user)()
    for who in (None, outsider):
        assert (await _api(who, secret.pk)).status_code == 404
    assert (await _api(None, 999_999)).status_code == 404
    response = await _api(member, secret.pk)
    assert response.status_code == 200
    assert "notes" in response.json()["events"][0]["post"]["html"]


async def test_a_member_who_leaves_the_partnership_is_cut_off_at_once():
    category, member = await _private_space()
    thread = await _topic(category=category, author=member, body="Partners only")
    leaver = await sync_to_async(MembershipFactory)(partnership=category.partnership)
    ws, connected, _ = await _connect(thread.pk, user=leaver.user)
    assert connected
    await _synced(ws)

    await sync_to_async(leaver.delete)()
    assert await _next(ws) == {"type": "gone"}
    assert (await ws.receive_output(timeout=5))["code"] == 4403


async def test_a_learner_taken_out_of_the_cohort_is_cut_off_at_once():
    from courses.services import cohort_remove_learner, enrollment_create
    from courses.tests.factories import CohortFactory
    from people.tests.factories import InstituteStaffFactory
    from tests.test_concurrency_courses import _ensure_site

    @sync_to_async
    def cohort_room():
        _ensure_site()  # an earlier test in this process flushed the migrated page tree
        cohort = CohortFactory()
        facilitator = InstituteStaffFactory(institute=cohort.institute, role="admin").user
        learner = confirmed_user()
        enrollment = enrollment_create(user=learner, course=cohort.course, cohort=cohort)
        category = CategoryFactory(cohort=cohort)
        thread = topic(category=category, author=learner, body="Week one")
        return cohort, facilitator, learner, enrollment, thread

    cohort, facilitator, learner, enrollment, thread = await cohort_room()
    ws, connected, _ = await _connect(thread.pk, user=learner)
    assert connected
    await _synced(ws)
    await sync_to_async(cohort_remove_learner)(cohort=cohort, enrollment=enrollment, by=facilitator)
    assert await _next(ws) == {"type": "gone"}
    assert (await ws.receive_output(timeout=5))["code"] == 4403
