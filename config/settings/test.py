"""The test suite: embedded defaults unless DATABASE_URL / REDIS_URL point at real services."""

import os

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key-with-enough-length-and-entropy-7c2d9e1f0b3a"  # noqa: S105
# As narrow as production, so host and websocket-origin checks are exercised.
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests sign in many times from one address; production keeps allauth's limits (base.py).
ACCOUNT_RATE_LIMITS = False
LOGGING = {"version": 1, "disable_existing_loggers": False}

# Parallel test workers (pytest-xdist) share one Redis: keep their keys and groups apart.
_worker = env.str("PYTEST_XDIST_WORKER", default="main")
# Two test runs at once on one machine (a developer's and CI's) share Redis and Elasticsearch
# too: the run's id keeps them apart (pytest-xdist gives its workers one; else the process id).
_worker = f"{_worker}-{env.str('PYTEST_XDIST_TESTRUNUID', default=str(os.getpid()))[:8]}"
if REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"ln-test-{_worker}"  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"ln-test-{_worker}"  # noqa: F405

# Threads (live server, database_sync_to_async) keep no connections open (base.py: a pool on
# PostgreSQL, which Django closes before dropping the test database).
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    # Each run its own test database (pytest-django adds the worker's suffix), so two runs on
    # one PostgreSQL server never drop each other's.
    _run = env.str("PYTEST_XDIST_TESTRUNUID", default=str(os.getpid()))[:8]
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_run}"}  # noqa: F405

# The test processes import config.asgi: leave their garbage collector as Python has it.
GC_THRESHOLDS = []

# The local-memory cache lives for the whole session: API throttling would give random 429s.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405

# The database rolls back between tests, the cache does not; test_cache.py turns it on.
KNOWLEDGE_PAGE_CACHE_SECONDS = 0

# Parallel workers against one Elasticsearch cluster (when ELASTICSEARCH_URL is set) each
# get their own alias and indices.
ELASTICSEARCH_INDEX = f"landscape-test-{_worker}"

# Posting limits are counted per worker (the suite resets them before each test) and loose,
# so tests that post a lot are not refused; forums/tests/test_limits.py sets real ones.
FORUM_LIMITS = {
    **FORUM_LIMITS,  # noqa: F405
    "posts": ["1000/minute"],
    "new_account_posts": ["1000/minute"],
    "key_prefix": f"ln-forum-test-{_worker}",
}
