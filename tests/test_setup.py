"""Settings and the demo content, as `make run` and a deployment use them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from forums.models import Category, Post, Topic
from people.models import InstituteStaff, Membership, Partnership, TrainingInstitute, User
from people.permissions import Role, roles_of

ROOT = Path(__file__).resolve().parent.parent


def _django(settings_module, extra_env, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": settings_module, **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _django("config.settings.production", {"DJANGO_ALLOWED_HOSTS": "x.org"}, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = _django(
        "config.settings.production",
        {
            "DJANGO_SECRET_KEY": "a-long-random-production-key-" + "x7Qp9" * 10,
            "DJANGO_ALLOWED_HOSTS": "landscape.example.org",
            "DATABASE_URL": "sqlite:///:memory:",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_seed_demo_is_safe_to_run_twice(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (
        User.objects.count(),
        Partnership.objects.count(),
        Membership.objects.count(),
        TrainingInstitute.objects.count(),
    )
    grace = User.objects.get(username="grace")
    grace.bio = "Changed by Grace herself."
    grace.save()
    call_command("seed_demo")
    assert (
        User.objects.count(),
        Partnership.objects.count(),
        Membership.objects.count(),
        TrainingInstitute.objects.count(),
    ) == counts
    assert User.objects.get(username="grace").bio == "Changed by Grace herself."
    # admin + eight people (+ four learners of the demo course), three partnerships, one institute
    assert counts == (13, 3, 6, 1)
    # Every role is represented.
    held = set().union(*(roles_of(u) for u in User.objects.exclude(username="admin")))
    assert held == set(Role)
    assert InstituteStaff.objects.count() == 2
    # Partnerships in three countries, with areas worked out from their boundaries.
    codes = {c.code for p in Partnership.objects.all() for c in p.countries}
    assert {"KE", "SN", "PE"} <= codes
    assert all(p.area_ha > 0 for p in Partnership.objects.all())
    # Forums: six categories (one private to Kijabe), seven topics in three languages, once.
    assert Category.objects.count() == 6
    assert Category.objects.get(partnership__slug="kijabe-forest").topics.count() == 1
    assert set(Topic.objects.values_list("language", flat=True)) == {"en", "fr", "pt"}
    assert Topic.objects.count() == 7 and Post.objects.count() == 17


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_emptying_the_cache_between_tests_leaves_other_workers_keys():
    """Parallel test workers (and a second test run) share one Redis under their own prefixes.
    Django's `RedisCache.clear()` is FLUSHDB: a worker using it emptied the others' caches in
    the middle of their tests (a CI run failed on a query count that way)."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    from tests.caches import empty_caches

    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        pytest.skip("the cache is not Redis (REDIS_URL is not set)")
    client = cache._cache.get_client(write=True)
    cache.set("ours", 1)
    client.set("another-worker:1:theirs", 1, ex=60)
    try:
        empty_caches()
        assert cache.get("ours") is None
        assert client.get("another-worker:1:theirs") == b"1"
    finally:
        client.delete("another-worker:1:theirs")


@pytest.mark.parametrize(
    ("setting", "expected"), [(None, "(50000, 50, 100) True"), ("", "(700, 10, 10) False")]
)
def test_the_web_server_tunes_its_garbage_collector(setting, expected):
    """config/runtime.py: a Daphne process loading config.asgi freezes what start-up loaded and
    collects less often (bench/forums.py measures why); an empty setting keeps Python's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.dev", "DATABASE_URL": "sqlite://"})
    if setting is not None:
        env["DJANGO_GC_THRESHOLDS"] = setting
    script = "import gc, config.asgi; print(gc.get_threshold(), gc.get_freeze_count() > 0)"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == expected, result.stderr
