"""Fixtures shared by every test: people in the common roles (the role matrix in
people/tests/test_role_matrix.py builds every role), and a real browser."""

import os
import shutil

import pytest

from people.models import Membership
from people.permissions import PRACTITIONERS_GROUP
from people.tests.factories import (
    MembershipFactory,
    PartnershipFactory,
    UserFactory,
)
from tests.caches import empty_caches

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in the default language; a request in another language made by an
    earlier test in this thread must not leak into the next one."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: SQLite reuses ids after a rollback, so a page or an
    image rendition cached by an earlier test could stand in for a new one."""
    from django.contrib.contenttypes.models import ContentType

    # Content types are cached in memory by id; a flush by a transactional test empties the
    # table, so ids cached before it would point at nothing.
    ContentType.objects.clear_cache()
    empty_caches()
    yield


@pytest.fixture(autouse=True)
def _forum_limits_reset():
    """Posting limits are counted outside the database (Redis or memory): start each test
    with none counted."""
    from forums import limits

    limits.reset()
    yield


@pytest.fixture
def partnership(db):
    return PartnershipFactory()


@pytest.fixture
def learner(db):
    return UserFactory(username="learner")


@pytest.fixture
def practitioner(db):
    return UserFactory(username="practitioner", groups=[PRACTITIONERS_GROUP])


@pytest.fixture
def manager(partnership):
    return MembershipFactory(
        partnership=partnership, user__username="manager", role=Membership.Role.MANAGER
    ).user


@pytest.fixture
def member(partnership, manager):
    return MembershipFactory(partnership=partnership, user__username="member").user


# --- A real browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def _playwright_browser():
    # Module scope: Playwright's event loop must stop before async tests (websockets) run
    # their own loop in this thread.
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        reason = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(reason)  # CI installs it: a missing browser must not pass silently
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still synchronous and safe, so tell Django not to refuse them (from before any test DB
    # is made inside this loop).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_page(_playwright_browser, live_server):
    """A fresh browser context (no cookies) on the live test server."""
    context = _playwright_browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
