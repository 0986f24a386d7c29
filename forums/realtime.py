"""What the services tell the channel layer after a commit: a thin doorbell per topic event
and the new unread count to each person concerned. Only ids and numbers travel; readers load
the event from the database, checked against their own permission (see consumers.py).

The channel layer may lose a message; that costs nothing but latency, because a client
asks for every event after the last one it saw. So a failing layer is logged, never raised.
"""

import asyncio
import logging
import time
import uuid
import weakref

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings

from people.consumers import person_group

log = logging.getLogger(__name__)


def topic_group(topic_id):
    return f"topic.{int(topic_id)}"


def ring(topic_id, seq, kind):
    """The doorbell for one topic event."""
    _send(
        topic_group(topic_id), {"type": "topic.event", "topic": topic_id, "seq": seq, "kind": kind}
    )


def reader_group(user_id):
    """Every topic socket a person has open, told when their access may have changed."""
    return f"forumreader.{int(user_id)}"


def access_changed(user_ids):
    """A membership, an enrollment or a facilitator role went: the person's open topic
    sockets re-check at once instead of at their next periodic check."""
    for user_id in set(user_ids):
        _send(reader_group(user_id), {"type": "access.changed"})


def notify_unread(counts):
    """counts: {user_id: unread notifications}; updates each person's badge in every tab."""
    for user_id, unread in counts.items():
        _send(person_group(user_id), {"type": "notify", "kind": "forum", "unread": unread})


def _send(group, message):
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # noqa: BLE001 - the database is the truth; clients catch up
        log.warning("channel layer send to %s failed", group, exc_info=True)


# --- Presence: how many people are reading a topic, across every web process ---------------
#
# Each process keeps, per topic, how many of its sockets each reader holds (a reader is a
# person, or one anonymous socket). With Redis, a sorted set per topic holds one member
# "<reader>|<process>" per reader and process, scored by its expiry: a process refreshes its
# members every HEARTBEAT seconds, so a process that dies stops counting within EXPIRY seconds.
# The count is the number of distinct readers among live members. Without Redis (one process)
# the local counts are the truth.
#
# A change is announced to the topic's group at most once per DEBOUNCE seconds per process and
# topic, as {"type": "topic.presence", "reading": n}: a thousand readers arriving at once cost
# a handful of broadcasts, not a thousand.


HEARTBEAT = 20
EXPIRY = 60
DEBOUNCE = 1.0
_PROCESS = uuid.uuid4().hex[:12]


def _prefix():
    config = settings.CHANNEL_LAYERS.get("default", {}).get("CONFIG", {})
    return f"{config.get('prefix', 'asgi')}:forum-presence"


class Presence:
    """This event loop's share of presence (one per Daphne process)."""

    def __init__(self):
        self.local = {}  # topic id -> {reader: sockets}
        self._pending = set()
        self._redis = None
        self._heartbeat = None

    def _client(self):
        if not settings.REDIS_URL:
            return None
        if self._redis is None:
            from redis import asyncio as aioredis

            self._redis = aioredis.from_url(settings.REDIS_URL)
        return self._redis

    def _key(self, topic_id):
        return f"{_prefix()}:{int(topic_id)}"

    async def join(self, topic_id, reader):
        readers = self.local.setdefault(topic_id, {})
        readers[reader] = readers.get(reader, 0) + 1
        if readers[reader] == 1:
            await self._write(topic_id, add=[reader])
        self._announce(topic_id)
        self._ensure_heartbeat()

    async def leave(self, topic_id, reader):
        readers = self.local.get(topic_id, {})
        if reader not in readers:
            return
        readers[reader] -= 1
        if readers[reader] <= 0:
            del readers[reader]
            if not readers:
                self.local.pop(topic_id, None)
            await self._write(topic_id, remove=[reader])
        self._announce(topic_id)

    async def count(self, topic_id):
        client = self._client()
        if client is None:
            return len(self.local.get(topic_id, {}))
        try:
            key = self._key(topic_id)
            now = time.time()
            await client.zremrangebyscore(key, "-inf", now)
            members = await client.zrangebyscore(key, now, "+inf")
        except Exception:  # noqa: BLE001 - presence is a courtesy
            log.warning("presence count failed", exc_info=True)
            return len(self.local.get(topic_id, {}))
        return len({m.decode().rsplit("|", 1)[0] for m in members})

    async def _write(self, topic_id, add=(), remove=()):
        client = self._client()
        if client is None:
            return
        key = self._key(topic_id)
        try:
            pipe = client.pipeline(transaction=False)
            if add:
                pipe.zadd(key, {f"{r}|{_PROCESS}": time.time() + EXPIRY for r in add})
                pipe.expire(key, EXPIRY * 2)
            if remove:
                pipe.zrem(key, *[f"{r}|{_PROCESS}" for r in remove])
            await pipe.execute()
        except Exception:  # noqa: BLE001
            log.warning("presence write failed", exc_info=True)

    def _announce(self, topic_id):
        if topic_id in self._pending:
            return
        self._pending.add(topic_id)
        asyncio.get_running_loop().call_later(
            DEBOUNCE, lambda: asyncio.ensure_future(self._broadcast(topic_id))
        )

    async def _broadcast(self, topic_id):
        self._pending.discard(topic_id)
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            reading = await self.count(topic_id)
            await layer.group_send(
                topic_group(topic_id), {"type": "topic.presence", "reading": reading}
            )
        except Exception:  # noqa: BLE001
            log.warning("presence broadcast failed", exc_info=True)

    def _ensure_heartbeat(self):
        if self._client() is None or (self._heartbeat and not self._heartbeat.done()):
            return
        self._heartbeat = asyncio.ensure_future(self._beat())

    async def _beat(self):
        while self.local:
            await asyncio.sleep(HEARTBEAT)
            for topic_id, readers in list(self.local.items()):
                await self._write(topic_id, add=list(readers))


_presences = weakref.WeakKeyDictionary()


def presence():
    loop = asyncio.get_running_loop()
    found = _presences.get(loop)
    if found is None:
        found = _presences[loop] = Presence()
    return found
