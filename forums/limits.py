"""Posting limits, counted by the ``limits`` library (moving windows) in Redis when
REDIS_URL is set, so every web process shares the counts, or in memory on one machine.

New accounts (younger than FORUM_NEW_ACCOUNT_DAYS) get the tighter rates. A limit is checked
before a post is written and counted only once it is; a refused post loses nothing (the form
or the websocket client keeps the text).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

_limiter = None
log = logging.getLogger(__name__)


def limiter():
    global _limiter
    if _limiter is None:
        prefix = settings.FORUM_LIMITS.get("key_prefix", "ln-forum")
        if settings.REDIS_URL:
            # Keys under our own prefix: reset() deletes only those, never another
            # process's (a second test run, another site on the same Redis).
            storage = storage_from_string(settings.REDIS_URL, key_prefix=prefix)
        else:
            storage = storage_from_string("memory://")
        _limiter = MovingWindowRateLimiter(storage)
    return _limiter


def reset():
    """Forget every count (tests; an operator after an incident)."""
    limiter().storage.reset()


def is_new_account(user):
    days = settings.FORUM_LIMITS["new_account_days"]
    return user.date_joined > timezone.now() - timedelta(days=days)


def _rates(user):
    rates = settings.FORUM_LIMITS
    if is_new_account(user):
        return [parse(r) for r in rates["new_account_posts"]], rates["new_account_links"]
    return [parse(r) for r in rates["posts"]], rates["links"]


def _key(user):
    return ("post", str(user.pk))


def blocked_for(user):
    """Seconds until this person may post again, or 0. When the counts cannot be read (Redis
    restarting), posting is allowed: the limits guard against floods, and refusing every post
    while Redis is away would be worse than a few minutes without them."""
    if user.is_superuser:
        return 0
    rates, _ = _rates(user)
    wait = 0
    try:
        for rate in rates:
            if not limiter().test(rate, *_key(user)):
                reset_at, _ = limiter().get_window_stats(rate, *_key(user))
                wait = max(wait, int(reset_at - timezone.now().timestamp()) + 1)
    except Exception:  # noqa: BLE001 - the storage is down: fail open, say so in the log
        log.warning("posting limits unavailable; allowing the post", exc_info=True)
        return 0
    return wait


def max_links(user):
    return None if user.is_superuser else _rates(user)[1]


def count_post(user):
    """Count a post that was written (after its commit: never fails the post)."""
    try:
        for rate in _rates(user)[0]:
            limiter().hit(rate, *_key(user))
    except Exception:  # noqa: BLE001 - the post is saved; only its count is lost
        log.warning("posting limits unavailable; post not counted", exc_info=True)
