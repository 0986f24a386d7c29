"""The topic's websocket: ``ws/forums/topics/<id>/?after=<seq>&lang=<code>`` (docs/realtime.md).

The resume rule: the consumer checks permission, joins the topic's group *first*, accepts,
replays every event with ``seq > after`` from the database in order, then forwards live events.
A doorbell that arrives during the replay is queued behind it and ignored if already sent; a
doorbell whose ``seq`` is beyond the next expected one makes the consumer load the whole gap
from the database (the channel layer may have lost the bells in between). So the client gets
every event, in order, at most once per connection.

Payloads come from forums.events (built once per process, viewer-neutral) and are checked
against the reader at send time: the reader's access is re-computed on every ``move`` event,
as soon as they leave a partnership or a cohort (forums.signals), and at least every RECHECK
seconds; a reader who lost it gets ``{"type": "gone"}`` and the
socket closes with 4403 before anything else is sent.
"""

import time
import uuid
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from people.consumers import DirectDispatch

from . import events, permissions, realtime, services
from .models import Topic, TopicEvent

CLOSE_FORBIDDEN = 4403
CLOSE_UNKNOWN = 4404
RECHECK = 60  # seconds between re-checks of the reader's access without a move event
TYPING_EVERY = 3  # seconds: at most one typing signal per connection
MAX_BODY = 100_000  # characters accepted in one websocket message (the service checks less)


def _topic(topic_id):
    return Topic.objects.select_related("category").filter(pk=topic_id).first()


def _open(user, topic_id):
    topic = _topic(topic_id)
    return topic, topic is not None and permissions.can_read_topic(user, topic)


def _may_read(user, topic_id):
    """Re-read the topic (its category may have changed) and the reader's access."""
    topic = _topic(topic_id)
    if topic is None:
        return False
    permissions.forget(user)
    return permissions.can_read_topic(user, topic)


def _post(user, topic_id, body, reply_to, client_key):
    topic = _topic(topic_id)
    if topic is None or not permissions.can_read_topic(user, topic):
        raise services.NotAllowed(_("This topic is no longer available."))
    parent = None
    if reply_to is not None:
        parent = events.post_in_topic(topic_id, reply_to)
        if parent is None or not permissions.can_read_post(user, parent):
            raise ValidationError({"reply_to": _("You can only reply to a post in this topic.")})
    return services.post_create(
        author=user, topic=topic, body=body, reply_to=parent, client_key=client_key
    ).number


def _mark_read(user, topic_id, number):
    topic = _topic(topic_id)
    if topic is not None and permissions.can_read_topic(user, topic):
        services.topic_mark_read(user=user, topic=topic, number=number)


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class TopicConsumer(DirectDispatch, AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.topic_id = int(self.scope["url_route"]["kwargs"]["topic_id"])
        query = parse_qs(self.scope.get("query_string", b"").decode())
        self.delivered = max(0, _int((query.get("after") or ["0"])[0], 0))
        self.lang = events.language((query.get("lang") or [""])[0])
        user = self.scope.get("user")
        # The real user, not the middleware's lazy wrapper: permissions caches on it and
        # permissions.forget() must reach that cache.
        self.user = getattr(user, "_wrapped", user)
        self.joined = False
        topic, allowed = await database_sync_to_async(_open)(self.user, self.topic_id)
        if topic is None:
            await self.close(code=CLOSE_UNKNOWN)
            return
        if not allowed:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.checked_at = time.monotonic()
        self.last_typing = 0.0
        self.group = realtime.topic_group(self.topic_id)
        # The group first: a post committed during the replay rings a bell we will hear.
        await self.channel_layer.group_add(self.group, self.channel_name)
        if self.user is not None and self.user.is_authenticated:
            self.reader_group = realtime.reader_group(self.user.pk)
            await self.channel_layer.group_add(self.reader_group, self.channel_name)
        self.joined = True
        await self.accept()
        user = self.user
        signed_in = user is not None and user.is_authenticated
        self.reader = f"u{user.pk}" if signed_in else f"a{uuid.uuid4().hex[:12]}"
        await realtime.presence().join(self.topic_id, self.reader)
        # Up to the last event at the time we joined: answered from the process's cache when
        # the other readers already loaded it; later events ring the bell.
        if await self.replay(self.delivered, max(self.delivered, topic.last_seq)):
            await self.send_json({"type": "synced", "seq": self.delivered})

    async def disconnect(self, code):
        if getattr(self, "joined", False):
            self.joined = False
            await self.channel_layer.group_discard(self.group, self.channel_name)
            if hasattr(self, "reader_group"):
                await self.channel_layer.group_discard(self.reader_group, self.channel_name)
            if hasattr(self, "reader"):
                await realtime.presence().leave(self.topic_id, self.reader)

    # --- Sending events -------------------------------------------------------------------

    async def replay(self, after, upto=None):
        """Send every event after ``after`` (up to ``upto``), in batches. False when the
        reader lost access on the way (the socket is then closed)."""
        while True:
            batch = await events.cache().range(self.topic_id, after, upto, self.lang)
            if not batch:
                return True
            for payload in batch:
                if not await self.send_event(payload):
                    return False
            after = batch[-1]["seq"]
            if len(batch) < events.BATCH or (upto is not None and after >= upto):
                return True

    async def send_event(self, payload, resend=False):
        if not resend and payload["seq"] <= self.delivered:
            return True
        if not self.joined:
            return False
        if payload["kind"] == TopicEvent.Kind.MOVE or (
            time.monotonic() - self.checked_at > RECHECK
        ):
            if not await self.still_allowed():
                return False
        await self.send(text_data=payload.text)
        self.delivered = max(self.delivered, payload["seq"])
        return True

    async def still_allowed(self):
        allowed = await database_sync_to_async(_may_read)(self.user, self.topic_id)
        self.checked_at = time.monotonic()
        if not allowed:
            await self.send_json({"type": "gone"})
            await self.disconnect(CLOSE_FORBIDDEN)
            await self.close(code=CLOSE_FORBIDDEN)
        return allowed

    # --- From the channel layer -----------------------------------------------------------

    async def topic_event(self, message):
        """A doorbell {topic, seq, kind}: load what we have not sent up to it, gaps included."""
        seq = _int(message.get("seq"), 0)
        if seq > self.delivered and self.joined:
            await self.replay(self.delivered, seq)

    async def access_changed(self, message):
        """The reader left a partnership or a cohort: re-check now."""
        if self.joined:
            await self.still_allowed()

    async def topic_presence(self, message):
        if self.joined:
            await self.send_json({"type": "presence", "reading": message["reading"]})

    async def topic_typing(self, message):
        if self.joined and message.get("from") != self.channel_name:
            await self.send_json({"type": "typing", "name": message["name"]})

    # --- From the client ------------------------------------------------------------------

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict) or not self.joined:
            return
        kind = content.get("type")
        with translation.override(self.lang):
            if kind == "ping":
                # The keep-alive doubles as a check against the database: a doorbell lost
                # while Redis restarted (and nothing posted since) is caught up here.
                await self.replay(self.delivered)
                await self.send_json({"type": "pong", "seq": self.delivered})
            elif kind == "resume":
                # The client says what it has: everything after it, even if sent before.
                after = max(0, _int(content.get("after"), 0))
                self.delivered = min(self.delivered, after)
                await self.replay(after)
            elif kind == "fetch":
                await self.fetch(content)
            elif kind == "post":
                await self.post(content)
            elif kind == "typing":
                await self.typing()
            elif kind == "read":
                number = _int(content.get("number"))
                if number and self.user is not None and self.user.is_authenticated:
                    await database_sync_to_async(_mark_read)(self.user, self.topic_id, number)

    async def fetch(self, content):
        """A range the client is missing (seq ``from`` to ``to``, inclusive), sent again."""
        first = max(1, _int(content.get("from"), 1))
        last = _int(content.get("to"), first)
        if last is None or last < first:
            return
        last = min(last, first + events.BATCH - 1)
        batch = await events.cache().range(self.topic_id, first - 1, last, self.lang)
        for payload in batch:
            if not await self.send_event(payload, resend=True):
                return

    async def post(self, content):
        client_key = str(content.get("client_key") or "")[:64]
        body = content.get("body")
        if not isinstance(body, str) or len(body) > MAX_BODY:
            body = "" if not isinstance(body, str) else body[:MAX_BODY]
        reply_to = _int(content.get("reply_to"))
        user = self.user
        try:
            if user is None or not user.is_authenticated:
                raise services.NotAllowed(_("Sign in to take part in the discussion."))
            number = await database_sync_to_async(_post)(
                user, self.topic_id, body, reply_to, client_key
            )
        except services.RateLimited as error:
            await self.send_json(
                {
                    "type": "error",
                    "client_key": client_key,
                    "message": error.message,
                    "retry_after": error.retry_after,
                }
            )
        except services.NotAllowed as error:
            await self.send_json(
                {"type": "error", "client_key": client_key, "message": error.message}
            )
        except ValidationError as error:
            fields = (
                {k: [str(m) for m in v] for k, v in error.message_dict.items()}
                if hasattr(error, "error_dict")
                else {}
            )
            await self.send_json(
                {
                    "type": "error",
                    "client_key": client_key,
                    "message": " ".join(str(m) for m in error.messages),
                    "fields": fields,
                }
            )
        else:
            await self.send_json({"type": "posted", "client_key": client_key, "number": number})

    async def typing(self):
        user = self.user
        now = time.monotonic()
        if user is None or not user.is_authenticated or now - self.last_typing < TYPING_EVERY:
            return
        self.last_typing = now
        name = getattr(user, "name", "") or user.get_username()
        await self.channel_layer.group_send(
            self.group, {"type": "topic.typing", "name": str(name), "from": self.channel_name}
        )
