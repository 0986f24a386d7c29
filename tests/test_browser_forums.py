"""Two people in two browsers on one topic: one replies through the form, the other sees the
reply appear without reloading.

The page is served by Daphne (websockets need an ASGI server; the live_server fixture is WSGI),
which reads the test database: PostgreSQL and Redis are needed, as for test_forum_daphne.py.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import expect

from forums.tests.factories import confirmed_user, topic
from people.tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL")
        or not os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql")),
        reason="the live topic page needs Daphne on the test database: set REDIS_URL and a "
        "PostgreSQL DATABASE_URL",
    ),
]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ready(port):
    # A plain socket: Playwright's event loop runs in this thread, asyncio.run cannot.
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture
def daphne_url(transactional_db, tmp_path):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "PYTHONPATH": str(ROOT),
    }
    port = _free_port()
    log = (tmp_path / "daphne.log").open("wb")
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("daphne")), "-v", "0", "-b", "127.0.0.1", "-p"]
        + [str(port), "config.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    try:
        while not _ready(port):
            assert time.monotonic() < deadline, (tmp_path / "daphne.log").read_text()
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.kill()
        process.wait(timeout=10)
        log.close()


def _signed_in(browser, base_url, user):
    context = browser.new_context(base_url=base_url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    return context, page


def test_a_reply_appears_in_the_other_browser_without_a_reload(_playwright_browser, daphne_url):
    amina = confirmed_user(email="amina@example.org", display_name="Amina Diallo")
    bruno = confirmed_user(email="bruno@example.org", display_name="Bruno Costa")
    thread = topic(author=amina, title="Seed banks after the drought", body="Who has seeds?")
    url = thread.get_absolute_url()

    reader_context, reader = _signed_in(_playwright_browser, daphne_url, amina)
    writer_context, writer = _signed_in(_playwright_browser, daphne_url, bruno)
    errors = []
    reader.on("pageerror", lambda error: errors.append(str(error)))
    try:
        reader.goto(url)
        expect(reader.locator("#post-1")).to_contain_text("Who has seeds?")
        # Connected: the presence line says two people read once both are there.
        writer.goto(url)
        expect(reader.locator("[data-presence]")).to_contain_text("2", timeout=15_000)

        writer.locator("#reply-form textarea[name=body]").fill("Our cooperative keeps 40 kinds.")
        writer.locator("#reply-form").get_by_role("button", name="Post reply").click()

        expect(reader.locator("#post-2")).to_contain_text("Our cooperative keeps 40 kinds.")
        expect(writer.locator("#post-2")).to_contain_text("Our cooperative keeps 40 kinds.")
        # Posted over the websocket: the writer's page did not reload and the form is empty.
        expect(writer.locator("#reply-form textarea[name=body]")).to_have_value("")
        assert reader.locator("article.post").count() == 2
        assert errors == []
    finally:
        reader_context.close()
        writer_context.close()
