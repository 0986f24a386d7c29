"""The cross-process rule with real servers: two Daphne processes sharing PostgreSQL and Redis.

A reader on process 1 receives a post made through process 2's websocket and one made through
the services in this process (both ring through Redis). Then process 1 dies; the reader
reconnects to process 2 with the last seq it saw and receives everything posted meanwhile, in
order, once.

Needs REDIS_URL and a PostgreSQL DATABASE_URL (the servers read the test database, which an
in-memory or SQLite test database would not share); skipped otherwise.
"""

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from bench._common import Websocket, WebsocketRefused
from forums.tests.factories import confirmed_user, reply, topic

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="two Daphne processes need a shared channel layer: set REDIS_URL",
    ),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql")),
        reason="two Daphne processes need the test database too: set a PostgreSQL DATABASE_URL",
    ),
]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _ready(port):
    try:
        ws = await Websocket.connect("127.0.0.1", port, "/ws/forums/topics/0/", timeout=2)
        ws.abort()
        return True
    except WebsocketRefused as error:
        return "403" in str(error)  # topic 0 does not exist: refused, but the server is up


@pytest.fixture
def servers(transactional_db, tmp_path):
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
    }
    daphne = Path(sys.executable).with_name("daphne")
    ports = [_free_port(), _free_port()]
    log = (tmp_path / "daphne.log").open("wb")
    processes = [
        subprocess.Popen(
            [str(daphne), "-v", "0", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for port in ports
    ]
    deadline = time.monotonic() + 60
    try:
        for port in ports:
            while not asyncio.run(_ready(port)):
                assert time.monotonic() < deadline, (tmp_path / "daphne.log").read_text()
                time.sleep(0.2)
        yield list(zip(ports, processes, strict=True))
    finally:
        for process in processes:
            process.kill()
            process.wait(timeout=10)
        log.close()


def _cookie(user):
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def _next_event(ws):
    while True:
        message = await asyncio.wait_for(ws.recv_json(), 15)
        assert message is not None, f"closed with {ws.close_code}"
        if message["type"] == "event":
            return message


async def _until_synced(ws):
    received = []
    while True:
        message = await asyncio.wait_for(ws.recv_json(), 15)
        assert message is not None, f"closed with {ws.close_code}"
        if message["type"] == "synced":
            return received
        if message["type"] == "event":
            received.append(message)


def test_a_reader_gets_every_post_across_processes_and_a_server_death(servers):
    (port1, process1), (port2, _process2) = servers
    thread = topic(title="Across processes")
    writer = confirmed_user()
    cookie = _cookie(writer)

    async def scenario():
        reader = await Websocket.connect("127.0.0.1", port1, f"/ws/forums/topics/{thread.pk}/")
        assert [e["seq"] for e in await _until_synced(reader)] == [1]

        # A post through process 2's websocket reaches the reader on process 1.
        path = f"/ws/forums/topics/{thread.pk}/?after=1"
        poster = await Websocket.connect("127.0.0.1", port2, path, headers=[("Cookie", cookie)])
        await _until_synced(poster)
        await poster.send_json({"type": "post", "body": "From process two", "client_key": "p2"})
        event = await _next_event(reader)
        assert event["seq"] == 2 and "From process two" in event["post"]["html"]

        # A post through the services here rings through Redis too.
        await asyncio.to_thread(reply, thread, author=writer, body="From the services")
        event = await _next_event(reader)
        assert event["seq"] == 3 and "From the services" in event["post"]["html"]
        last_seen = event["seq"]

        # Process 1 dies; posts continue; the reader comes back on process 2.
        process1.kill()
        await asyncio.to_thread(process1.wait, 10)
        assert await asyncio.wait_for(reader.recv(), 10) is None
        for n in range(4):
            await asyncio.to_thread(reply, thread, author=writer, body=f"Meanwhile {n}")
        reader = await Websocket.connect(
            "127.0.0.1", port2, f"/ws/forums/topics/{thread.pk}/?after={last_seen}"
        )
        replayed = await _until_synced(reader)
        assert [e["seq"] for e in replayed] == [4, 5, 6, 7]
        assert [e["post"]["number"] for e in replayed] == [4, 5, 6, 7]
        assert "Meanwhile 3" in replayed[-1]["post"]["html"]

        # And it is live again.
        await poster.send_json({"type": "post", "body": "Still here", "client_key": "p3"})
        event = await _next_event(reader)
        assert event["seq"] == 8 and "Still here" in event["post"]["html"]
        reader.abort()
        poster.abort()

    asyncio.run(scenario())
