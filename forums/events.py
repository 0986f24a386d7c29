"""Topic events as the websocket and the JSON API send them, built once per process.

A payload is viewer-neutral: it says what happened (``seq``, ``kind``), the post concerned as
anyone allowed to read the topic sees it, and the topic's state for the kinds that change it.
A hidden post's payload never carries its text, whoever asks: moderators and the author read it
on the page. Whether the reader may read the topic at all is checked by the caller (the
consumer at connect and on every ``move``, the API on each request).

Building a payload costs queries and a template render; a thousand readers of one topic in one
process would otherwise each do it for the same doorbell. ``EventCache.range`` therefore shares
one load between every coroutine asking for the same range at the same time (single flight)
and keeps recent payloads in a small LRU. A later edit, hide, restore or reaction drops the
cached payloads of that post, and entries expire after ``TTL`` seconds in any case, so a
process that did not see the later event serves a stale post for at most that long (and never
a hidden post's text for longer than that: see ``TTL``).
"""

import asyncio
import json
import time
import weakref
from collections import OrderedDict

from channels.db import database_sync_to_async
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html, strip_spaces_between_tags
from django.utils.safestring import mark_safe

from .models import Post, Topic, TopicEvent

BATCH = 200
# Seconds a payload stays in a process's cache. Short: a hide seen by another process only
# reaches this one through its own doorbell, and a process without readers of the topic at
# that moment does not load it.
TTL = 10
SIZE = 4096
# Kinds that change a post already sent: the cached payloads of that post are dropped.
POST_CHANGES = {
    TopicEvent.Kind.EDIT,
    TopicEvent.Kind.HIDE,
    TopicEvent.Kind.RESTORE,
    TopicEvent.Kind.REACT,
    TopicEvent.Kind.SOLVE,
}
# Kinds whose payload carries the topic's state.
TOPIC_CHANGES = {
    TopicEvent.Kind.LOCK,
    TopicEvent.Kind.PIN,
    TopicEvent.Kind.SOLVE,
    TopicEvent.Kind.SLOW,
    TopicEvent.Kind.MOVE,
}


class Payload(dict):
    """An event payload that keeps its JSON text: a process sends one payload to many
    sockets and encodes it once."""

    __slots__ = ("_text",)

    @property
    def text(self):
        try:
            return self._text
        except AttributeError:
            self._text = json.dumps(self)
            return self._text


def language(code):
    """One of the site's languages (the client says which in ``?lang=``), else the default."""
    codes = {c for c, _name in settings.LANGUAGES}
    code = (code or "").split("-")[0].lower()
    return code if code in codes else settings.LANGUAGE_CODE


# --- Building payloads (synchronous, in a worker thread) ----------------------------------


def _post_html(post):
    try:
        # Without the template's indentation: every reader of the topic receives this.
        return strip_spaces_between_tags(
            render_to_string("forums/includes/post.html", {"post": post, "live": True}).strip()
        )
    except (TemplateDoesNotExist, TemplateSyntaxError):
        # Until the template exists: the same structure, escaped, never the raw markdown.
        body = (
            format_html('<p class="post-placeholder">{}</p>', "…")
            if post.is_hidden
            else format_html('<div class="post-body">{}</div>', _safe(post.body_html))
        )
        return format_html(
            '<article id="post-{}" class="post" data-number="{}">{}</article>',
            post.number,
            post.number,
            body,
        )


def _safe(html):
    # body_html is sanitised by forums.markdown when the post is saved.
    return mark_safe(html)  # noqa: S308


def _post_payload(post):
    if post is None:
        return None
    hidden = bool(post.is_hidden)
    if hidden:
        # Viewer-neutral: a hidden post travels as a placeholder, without its text.
        post.body, post.body_html = "", ""
    return {
        "number": post.number,
        "author_id": post.author_id,
        "reply_to": post.reply_to.number if post.reply_to_id and post.reply_to else None,
        "hidden": hidden,
        "html": _post_html(post),
    }


def _topic_state(topic):
    return {
        "locked": topic.is_locked,
        "pinned": topic.is_pinned,
        "slow_mode_seconds": topic.slow_mode_seconds,
        "solution": topic.solution.number if topic.solution_id and topic.solution else None,
        "category": topic.category_id,
    }


def load(topic_id, after, upto=None, lang=None, limit=BATCH):
    """Payloads of the topic's events with ``after < seq <= upto`` (no upper bound when
    ``upto`` is None), in order, at most ``limit``. Runs a fixed number of queries."""
    events = (
        TopicEvent.objects.filter(topic_id=topic_id, seq__gt=after)
        .select_related("post__author", "post__reply_to")
        .prefetch_related("post__attachments", "post__reactions")
        .order_by("seq")
    )
    if upto is not None:
        events = events.filter(seq__lte=upto)
    events = list(events[:limit])
    state = None
    if any(e.kind in TOPIC_CHANGES for e in events):
        topic = Topic.objects.select_related("solution").get(pk=topic_id)
        state = _topic_state(topic)
    with translation.override(language(lang)):
        return [
            Payload(
                type="event",
                seq=event.seq,
                kind=event.kind,
                post=_post_payload(event.post),
                topic=state if event.kind in TOPIC_CHANGES else None,
            )
            for event in events
        ]


# --- The per-process cache ----------------------------------------------------------------


class EventCache:
    """Payloads by (topic, language, seq) with single-flight loading. One per event loop: a
    Daphne process has one; each test has its own."""

    def __init__(self, size=SIZE, ttl=TTL):
        self.size, self.ttl = size, ttl
        self._items = OrderedDict()
        self._flights = {}
        self.loads = 0  # database loads done (tests and the benchmark read it)

    def clear(self):
        self._items.clear()

    def _get(self, key, now):
        item = self._items.get(key)
        if item is None or item[0] < now:
            return None
        self._items.move_to_end(key)
        return item[1]

    def _store(self, topic_id, lang, payloads, now):
        for payload in payloads:
            post = payload["post"]
            if payload["kind"] in POST_CHANGES and post is not None:
                # The earlier payloads of this post show it as it was: drop them.
                stale = [
                    key
                    for key, (_exp, old) in self._items.items()
                    if key[0] == topic_id
                    and old["post"]
                    and old["post"]["number"] == post["number"]
                ]
                for key in stale:
                    del self._items[key]
            self._items[(topic_id, lang, payload["seq"])] = (now + self.ttl, payload)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    async def range(self, topic_id, after, upto=None, lang=None, limit=BATCH):
        """Like ``load``, answered from the cache when every event of a bounded range is in
        it, otherwise by one database load shared by every caller asking the same."""
        lang = language(lang)
        now = time.monotonic()
        if upto is not None and upto - after <= limit:
            found = [self._get((topic_id, lang, seq), now) for seq in range(after + 1, upto + 1)]
            if all(found):
                return found
        key = (topic_id, lang, after, upto, limit)
        flight = self._flights.get(key)
        if flight is None:
            flight = asyncio.ensure_future(self._load(topic_id, after, upto, lang, limit))
            self._flights[key] = flight
            flight.add_done_callback(lambda _f: self._flights.pop(key, None))
        return await asyncio.shield(flight)

    async def _load(self, topic_id, after, upto, lang, limit):
        self.loads += 1
        payloads = await database_sync_to_async(load)(topic_id, after, upto, lang, limit)
        self._store(topic_id, lang, payloads, time.monotonic())
        return payloads


_caches = weakref.WeakKeyDictionary()


def cache():
    """This event loop's cache."""
    loop = asyncio.get_running_loop()
    found = _caches.get(loop)
    if found is None:
        found = _caches[loop] = EventCache()
    return found


def clear():
    """Forget every cached payload (tests: ids are reused after a flush)."""
    for found in list(_caches.values()):
        found.clear()


def post_in_topic(topic_id, number):
    """The post ``number`` of a topic, for a websocket reply, or None."""
    if number is None:
        return None
    return Post.objects.filter(topic_id=topic_id, number=int(number)).first()
