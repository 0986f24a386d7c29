"""Forums real-time benchmark (issue 5): websocket delivery on two Daphne processes with Redis.

    .venv/bin/python bench/forums.py            # 500 and 1,000 clients, forums on both layers
    .venv/bin/python bench/forums.py --quick    # the same sizes, fewer posts, one layer

Needs Redis (REDIS_URL, default redis://127.0.0.1:6379/0; keys and channels under the prefix
`ln-bench-forums-<pid>`) and PostgreSQL (BENCH_POSTGRES_URL, default the server of a PostgreSQL
DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres), where a
`landscape_bench_forums` database is created, migrated and dropped. Without either, the
benchmark says so and stops.

For each client count, on two Daphne processes (`-e tcp:...:backlog=4096`, the bench settings):

1. **Connect**: every client opens `/ws/forums/topics/<id>/?after=<last>` at once (no pacing),
   half on each process; refused = handshakes that failed. Memory: the growth of the two
   processes' resident memory, per 1,000 connections.
2. **Latency**: BENCH_POSTS posts through `forums.services.post_create` (what the form and the
   websocket call), one every BENCH_POST_INTERVAL seconds; latency = from just before the
   service call to the client having parsed the event carrying that post. Median, p95, p99 over
   every (client, post). Before them, BENCH_WARMUP posts (2) warm the fresh processes up (first
   template compile, first database connection); they are left out of the percentiles and
   their slowest delivery is shown as "warm-up max". The baseline gets the same warm-up.
3. **Reconnect storm**: posts continue every 0.1 s; every client drops its connection (no
   closing handshake) and reconnects at once with the last seq it saw; a refused client
   retries after a second (counted as refused). When the posts stop, each client must hold
   every seq from its start to the last one: lost = the seqs missing, duplicates = events sent
   twice on one connection.
4. **Baseline**: the same connect and latency steps on a bare Channels broadcast: a consumer that
   joins one group and forwards its messages, no database, the default
   `channels_redis.core.RedisChannelLayer`, messages sent with `group_send` from this process.

Targets (issue 5): 0 lost, 0 refused, p99 at 1,000 clients at most half the baseline's.
The clients run in this process and share the machine with the servers: compare the rows.

Environment: BENCH_QUICK=1 (as --quick), BENCH_CLIENTS (500,1000), BENCH_POSTS (40; 10 quick),
BENCH_WARMUP (2), BENCH_POST_INTERVAL (0.25), BENCH_LAYERS (pubsub,core; pubsub quick: the
forums' layer, see CHANNEL_LAYER in config/settings/base.py), BENCH_POSTGRES_URL, REDIS_URL,
BENCH_KEEP=1. The forums' Daphne processes run with the site's garbage-collector tuning
(config/runtime.py, DJANGO_GC_THRESHOLDS; empty for Python's defaults); the bare baseline is
stock Channels.
"""

import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    # Run as a script, Python puts bench/ first on the path: put the project there instead.
    sys.path[0] = str(ROOT)

from bench._common import database_url, free_port, postgres_admin_url  # noqa: E402

BARE_GROUP = "bench-bare"


# --- The bare baseline, served by Daphne as bench.forums:bare_application -----------------


class _BareApplication:
    """A websocket consumer in one group, nothing else: built on first use, in Daphne."""

    app = None

    async def __call__(self, scope, receive, send):
        if self.app is None:
            import django

            django.setup()
            from channels.generic.websocket import AsyncWebsocketConsumer
            from channels.routing import ProtocolTypeRouter, URLRouter
            from django.urls import path

            class BareConsumer(AsyncWebsocketConsumer):
                async def connect(self):
                    await self.channel_layer.group_add(BARE_GROUP, self.channel_name)
                    await self.accept()

                async def disconnect(self, code):
                    await self.channel_layer.group_discard(BARE_GROUP, self.channel_name)

                async def bench_message(self, event):
                    await self.send(text_data=event["text"])

            type(self).app = ProtocolTypeRouter(
                {"websocket": URLRouter([path("ws/bare/", BareConsumer.as_asgi())])}
            )
        return await self.app(scope, receive, send)


bare_application = _BareApplication()


# --- Configuration ------------------------------------------------------------------------

QUICK = "--quick" in sys.argv[1:] or os.environ.get("BENCH_QUICK") == "1"
CLIENTS = [int(n) for n in os.environ.get("BENCH_CLIENTS", "500,1000").split(",")]
POSTS = int(os.environ.get("BENCH_POSTS", "10" if QUICK else "40"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
INTERVAL = float(os.environ.get("BENCH_POST_INTERVAL", "0.25"))
LAYERS = os.environ.get("BENCH_LAYERS", "pubsub" if QUICK else "pubsub,core").split(",")
KEEP = os.environ.get("BENCH_KEEP") == "1"
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
POSTGRES_URL = postgres_admin_url()
DATABASE = "landscape_bench_forums"
PREFIX = f"ln-bench-forums-{os.getpid()}"
MARK = re.compile(r"bench-(\d+)-")
SEQ = re.compile(r'"seq": (\d+)')
BARE = re.compile(r'"i": (\d+)')


def _percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _ms(seconds):
    return f"{seconds * 1000:.0f}" if seconds == seconds else "-"


# --- Servers ------------------------------------------------------------------------------


class Servers:
    def __init__(self, application, layer):
        self.application, self.layer = application, layer
        self.ports = [free_port(), free_port()]
        self.processes = []
        self.log = Path(tempfile.gettempdir()) / "landscape_bench_forums_daphne.log"

    def __enter__(self):
        from bench._common import Websocket, WebsocketRefused

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PYTHONPATH": str(ROOT),
            "CHANNEL_LAYER": self.layer,
            "CHANNEL_LAYER_PREFIX": PREFIX,
        }
        daphne = Path(sys.executable).with_name("daphne")
        with self.log.open("ab") as log:
            for port in self.ports:
                endpoint = f"tcp:port={port}:interface=127.0.0.1:backlog=4096"
                self.processes.append(
                    subprocess.Popen(  # noqa: S603 (our own executable and arguments)
                        [str(daphne), "-v", "0", "-e", endpoint, self.application],
                        cwd=ROOT,
                        env=env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
        path = "/ws/bare/" if "bare" in self.application else "/ws/forums/topics/0/"

        async def ready(port):
            try:
                ws = await Websocket.connect("127.0.0.1", port, path, timeout=2)
                ws.abort()
                return True
            except WebsocketRefused as error:
                return "403" in str(error)  # the forums refuse topic 0: up all the same

        deadline = time.monotonic() + 90
        for port in self.ports:
            while not asyncio.run(ready(port)):
                if time.monotonic() > deadline:
                    self.__exit__()
                    raise SystemExit(f"Daphne did not start; see {self.log}")
                time.sleep(0.3)
        return self

    def rss(self):
        from bench._common import rss_kib

        return sum(rss_kib(p.pid) for p in self.processes)

    def __exit__(self, *exc):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


# --- Clients ------------------------------------------------------------------------------


class Client:
    def __init__(self, index, port):
        self.index, self.port = index, port
        self.ws = None
        self.seqs = set()  # every seq received, over every connection
        self.duplicates = 0
        self.last = 0
        self.synced = None
        self.task = None

    async def open(self, path, on_message):
        from bench._common import Websocket

        self.ws = await Websocket.connect("127.0.0.1", self.port, path, timeout=60)
        self.synced = asyncio.get_running_loop().create_future()
        self.task = asyncio.ensure_future(self._read(self.ws, on_message))

    async def _read(self, ws, on_message):
        seen = set()
        while True:
            text = await ws.recv()
            if text is None:
                break
            now = time.perf_counter()
            # No full JSON parse: a thousand clients share this process with the servers'
            # CPUs, and the numbers needed are at the start of the message.
            head = text[:80]
            if head.startswith('{"type": "event"'):
                seq = int(SEQ.search(head).group(1))
                if seq in seen:
                    self.duplicates += 1
                seen.add(seq)
                self.seqs.add(seq)
                self.last = max(self.last, seq)
                on_message(text, now)
            elif head.startswith('{"type": "synced"') or head.startswith('{"i"'):
                if head.startswith('{"i"'):
                    on_message(text, now)
                if not self.synced.done():
                    self.synced.set_result(True)
        if not self.synced.done():
            self.synced.set_result(False)


async def _open_all(clients, path_of, on_message):
    """Every client at once; returns the number refused."""
    from bench._common import WebsocketRefused

    async def one(client):
        try:
            await client.open(path_of(client), on_message)
            return 0
        except WebsocketRefused:
            return 1

    return sum(await asyncio.gather(*(one(c) for c in clients)))


async def _wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return condition()


# --- The forums ---------------------------------------------------------------------------


def _setup_django(layer):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "BENCH_DATABASE_URL": database_url(POSTGRES_URL, DATABASE),
            "REDIS_URL": REDIS_URL,
            "CHANNEL_LAYER": layer,
            "CHANNEL_LAYER_PREFIX": PREFIX,
        }
    )
    import django

    django.setup()


def _use_layer(layer):
    """This process rings the doorbells through the same layer as the servers."""
    from channels.layers import channel_layers
    from django.conf import settings

    settings.CHANNEL_LAYERS["default"]["BACKEND"] = (
        "channels_redis.core.RedisChannelLayer"
        if layer == "core"
        else "channels_redis.pubsub.RedisPubSubChannelLayer"
    )
    channel_layers.backends = {}


def _fixtures():
    from django.contrib.auth import get_user_model

    from forums import services
    from forums.models import Category

    User = get_user_model()
    poster = User.objects.create_superuser(
        username="bench-poster", email="poster@bench.test", password="x" * 20
    )
    category = Category.objects.create(name="Bench", slug=f"bench-{os.getpid()}")
    topic = services.topic_create(
        author=poster, category=category, title="Bench topic", body="Opening."
    )
    return poster, topic


SERVICE = []  # seconds per post_create call, doorbell included


def _post(poster, topic, marker):
    from forums import services

    started = time.perf_counter()
    services.post_create(author=poster, topic=topic, body=f"bench-{marker}- a live reply")
    SERVICE.append(time.perf_counter() - started)


async def _forums_size(servers, poster, topic, size):
    from django.db import close_old_connections

    from forums.models import Topic

    loop = asyncio.get_running_loop()

    def last_seq():
        close_old_connections()
        return Topic.objects.get(pk=topic.pk).last_seq

    start = await loop.run_in_executor(None, last_seq)
    sent, samples = {}, []

    def on_message(text, now):
        found = MARK.search(text)
        if found and int(found.group(1)) in sent:
            samples.append(now - sent[int(found.group(1))])

    clients = [Client(i, servers.ports[i % 2]) for i in range(size)]
    before = servers.rss()
    refused = await _open_all(
        clients, lambda c: f"/ws/forums/topics/{topic.pk}/?after={c.last or start}", on_message
    )
    await _wait(lambda: all(c.synced is None or c.synced.done() for c in clients), 60)
    await asyncio.sleep(1)
    memory = (servers.rss() - before) / max(1, size - refused) * 1000 / 1024

    marker = size * 1000
    for warming_up, count in ((True, WARMUP), (False, POSTS)):
        samples.clear()
        for _ in range(count):
            marker += 1
            sent[marker] = time.perf_counter()
            await loop.run_in_executor(None, _post, poster, topic, marker)
            await asyncio.sleep(INTERVAL)
        final = await loop.run_in_executor(None, last_seq)
        await _wait(lambda last=final: all(c.last >= last for c in clients if c.ws), 30)
        if warming_up:
            cold = list(samples)
    latency = list(samples)

    # The storm: posts keep coming while every client drops and comes back at once.
    stop = asyncio.Event()

    async def keep_posting():
        nonlocal marker
        while not stop.is_set():
            marker += 1
            sent[marker] = time.perf_counter()
            await loop.run_in_executor(None, _post, poster, topic, marker)
            await asyncio.sleep(0.1)

    poster_task = asyncio.ensure_future(keep_posting())
    await asyncio.sleep(1)
    for client in clients:
        if client.ws:
            client.ws.abort()
    storm_refused = await _open_all(
        clients, lambda c: f"/ws/forums/topics/{topic.pk}/?after={c.last or start}", on_message
    )
    retry = [c for c in clients if c.ws is None or c.task.done()]
    while retry:
        await asyncio.sleep(1)
        await _open_all(
            retry, lambda c: f"/ws/forums/topics/{topic.pk}/?after={c.last or start}", on_message
        )
        retry = [c for c in retry if c.task is None or c.task.done()]
    await asyncio.sleep(2)
    stop.set()
    await poster_task
    final = await loop.run_in_executor(None, last_seq)
    await _wait(lambda: all(c.last >= final for c in clients), 60)
    lost = sum(len(set(range(start + 1, final + 1)) - c.seqs) for c in clients)
    duplicates = sum(c.duplicates for c in clients)
    for client in clients:
        if client.ws:
            client.ws.abort()
        if client.task:
            client.task.cancel()
    await asyncio.sleep(1)
    return {
        "latency": latency,
        "expected": POSTS * size,
        "refused": refused,
        "storm_refused": storm_refused,
        "lost": lost,
        "duplicates": duplicates,
        "memory": memory,
        "storm_posts": final - start - WARMUP - POSTS,
        "cold": cold,
    }


async def _bare_size(servers, size):
    from channels_redis.core import RedisChannelLayer

    layer = RedisChannelLayer(hosts=[REDIS_URL], prefix=PREFIX)
    sent, samples, received = {}, [], [0]

    def on_message(text, now):
        received[0] += 1
        i = int(BARE.search(text).group(1))
        if i in sent:
            samples.append(now - sent[i])

    clients = [Client(i, servers.ports[i % 2]) for i in range(size)]
    before = servers.rss()
    refused = await _open_all(clients, lambda c: "/ws/bare/", on_message)
    await asyncio.sleep(2)
    memory = (servers.rss() - before) / max(1, size - refused) * 1000 / 1024
    for i in range(WARMUP + POSTS):
        if i == WARMUP:
            await _wait(lambda: received[0] >= WARMUP * (size - refused), 30)
            cold = list(samples)
            samples.clear()
            received[0] = 0
        sent[i] = time.perf_counter()
        await layer.group_send(BARE_GROUP, {"type": "bench.message", "text": json.dumps({"i": i})})
        await asyncio.sleep(INTERVAL)
    await _wait(lambda: received[0] >= POSTS * (size - refused), 30)
    for client in clients:
        if client.ws:
            client.ws.abort()
        if client.task:
            client.task.cancel()
    await layer.flush()
    await asyncio.sleep(1)
    return {
        "latency": samples,
        "expected": POSTS * size,
        "refused": refused,
        "memory": memory,
        "cold": cold,
    }


def _row(name, size, result):
    latency = result["latency"]
    return [
        name,
        size,
        f"{len(latency)}/{result['expected']}",
        _ms(statistics.median(latency) if latency else float("nan")),
        _ms(_percentile(latency, 0.95)),
        _ms(_percentile(latency, 0.99)),
        result["refused"],
        result.get("storm_refused", "-"),
        result.get("lost", "-"),
        result.get("duplicates", "-"),
        f"{result['memory']:.1f}",
        _ms(max(result["cold"])) if result["cold"] else "-",
    ]


def main():
    from bench._common import postgres, say, table

    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as error:  # noqa: BLE001
        say(f"Skipped: this benchmark needs Redis at {REDIS_URL} ({error}).")
        return
    try:
        postgres(
            POSTGRES_URL, f'DROP DATABASE IF EXISTS "{DATABASE}"', f'CREATE DATABASE "{DATABASE}"'
        )
    except Exception as error:  # noqa: BLE001
        say(f"Skipped: this benchmark needs PostgreSQL at {POSTGRES_URL} ({error}).")
        return
    with open("/proc/loadavg") as load:
        say(f"Load average: {load.read().split()[0]}; {os.cpu_count()} CPUs; posts: {POSTS}")
    rows, results = [], {}
    try:
        _setup_django(LAYERS[0])
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        poster, topic = _fixtures()
        from django.db import connection

        connection.close()
        for layer in LAYERS:
            _use_layer(layer)
            for size in CLIENTS:
                # Fresh servers per size: resident memory is not given back when sockets close.
                with Servers("config.asgi:application", layer) as servers:
                    say(f"forums ({layer}), {size} clients…")
                    result = asyncio.run(_forums_size(servers, poster, topic, size))
                    results[(layer, size)] = result
                    rows.append(_row(f"forums, {layer} layer", size, result))
        for size in CLIENTS:
            with Servers("bench.forums:bare_application", "core") as servers:
                say(f"bare broadcast (core), {size} clients…")
                result = asyncio.run(_bare_size(servers, size))
                results[("bare", size)] = result
                rows.append(_row("bare broadcast, core layer", size, result))
    finally:
        from django.db import connections

        connections.close_all()
        if not KEEP:
            postgres(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(match=f"{PREFIX}*"))
        if keys:
            client.delete(*keys)
    table(
        "Post-to-delivery latency (ms) and the reconnect storm, two Daphne processes + Redis",
        [
            "setup",
            "clients",
            "delivered",
            "median",
            "p95",
            "p99",
            "refused",
            "storm refused",
            "lost",
            "dupl.",
            "MiB/1000 conn",
            "warm-up max",
        ],
        rows,
    )
    if SERVICE:
        say(
            f"\npost_create in this process (included in the forums' latency): median "
            f"{_ms(statistics.median(SERVICE))} ms, p95 {_ms(_percentile(SERVICE, 0.95))} ms"
        )
    biggest = max(CLIENTS)
    bare = results.get(("bare", biggest))
    verdicts = []
    for layer in LAYERS:
        forum = results.get((layer, biggest))
        if not forum or not bare:
            continue
        p99, base = _percentile(forum["latency"], 0.99), _percentile(bare["latency"], 0.99)
        problems = sum(
            r["lost"] + r["refused"] + r["storm_refused"]
            for (k, _), r in results.items()
            if k == layer
        )
        verdicts.append(
            [
                f"forums, {layer} layer",
                _ms(p99),
                _ms(base),
                f"{p99 / base:.2f}" if base else "-",
                "OK" if p99 <= base / 2 and not problems else "MISS",
            ]
        )
    table(
        f"Targets at {biggest} clients: 0 lost, 0 refused, p99 ≤ ½ bare p99",
        ["setup", "p99 ms", "bare p99 ms", "ratio", "verdict"],
        verdicts,
    )


if __name__ == "__main__":
    sys.path[0] = str(ROOT)
    main()
