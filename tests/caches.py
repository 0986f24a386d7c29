"""Emptying caches between tests without touching other workers' keys."""


def empty_caches():
    """Empty every cache this process uses. On Redis only this worker's keys go: Django's
    `RedisCache.clear()` is FLUSHDB, which would also empty the caches of the other test
    workers (and of another test run) sharing the server, under their own prefixes."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    for cache in caches.all(initialized_only=True):
        if isinstance(cache, RedisCache):
            client = cache._cache.get_client(write=True)
            keys = list(client.scan_iter(match=f"{cache.key_prefix}:*"))
            if keys:
                client.delete(*keys)
        else:
            cache.clear()
