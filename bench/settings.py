"""Settings for the benchmarks: production's stack (DEBUG off, the same middleware, Redis when
REDIS_URL is set) on a throwaway database, plus the minimal view of bench/urls.py.

The database comes from BENCH_DATABASE_URL, which bench/knowledge.py sets (a SQLite file in
/tmp, or a `landscape_bench` database beside DATABASE_URL's); it is never the project's own.
BENCH_PAGE_CACHE_SECONDS turns the anonymous page cache on (0, the default, leaves it off).
"""

import os
import tempfile
from pathlib import Path

TMP = Path(tempfile.gettempdir())
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{TMP / 'landscape_bench.sqlite3'}"
)

from config.settings.base import *  # noqa: E402, F403
from config.settings.base import MIDDLEWARE, STORAGES, env  # noqa: E402

DEBUG = False
SECRET_KEY = "bench-only-key-never-used-for-anything-real-5e1d0c7a9b3f"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
MEDIA_ROOT = env.str("BENCH_MEDIA_ROOT", default=str(TMP / "landscape_bench_media"))
# No collectstatic for a benchmark; the manifest lookup it saves is a dictionary read.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
KNOWLEDGE_PAGE_CACHE_SECONDS = env.int("BENCH_PAGE_CACHE_SECONDS", default=0)
if KNOWLEDGE_PAGE_CACHE_SECONDS and "knowledge.cache.PageCacheMiddleware" not in MIDDLEWARE:
    MIDDLEWARE = [*MIDDLEWARE, "knowledge.cache.PageCacheMiddleware"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}

# A key prefix of the run's own (bench/load.py sets it) for the cache, the sessions it holds and
# the forums' posting limits, so a Redis shared with others is not disturbed; the channel layer
# and the forums' presence keys follow CHANNEL_LAYER_PREFIX.
from config.settings.base import CACHES, FORUM_LIMITS  # noqa: E402

BENCH_KEY_PREFIX = env.str("BENCH_KEY_PREFIX", default="")
if BENCH_KEY_PREFIX:
    CACHES = {name: {**cache, "KEY_PREFIX": BENCH_KEY_PREFIX} for name, cache in CACHES.items()}
    FORUM_LIMITS = {**FORUM_LIMITS, "key_prefix": f"{BENCH_KEY_PREFIX}-forum"}
