"""Faults benchmark (issue 7): what survives a dying web process, a Redis restart and a
database restart.

    .venv/bin/python bench/faults.py            # 60 clients, ~2 minutes
    .venv/bin/python bench/faults.py --quick    # 30 clients

Everything runs on servers of its own, so nothing else on the machine is disturbed: a private
PostgreSQL cluster (initdb into a temporary directory, as the `postgres` user when run as root)
and a private Redis, both on free ports, plus two Daphne processes (bench.settings, the whole
site) on that database and that Redis. Without PostgreSQL's binaries or redis-server the
benchmark says so and stops.

1. **A forum conversation through the faults.** Clients connect to the topic's websocket, half
   on each Daphne process, and keep a ping every 2 seconds (forum-live.js pings every 25).
   Posts are made through ``forums.services.post_create`` every 0.2 s throughout. After 3 s
   the first Daphne process is killed (SIGKILL) and started again 3 s later; its clients
   reconnect, with backoff, to whichever process answers (as behind a proxy), each with the
   last seq it holds. Once it answers again, and 3 s later, Redis is stopped for 2 s and started
   again, empty (posts go on meanwhile: the posting limits fail open). Posting stops 4 s after
   that. Each client must end with every post, in order: lost = seqs missing, out of order
   = events received after a later one, duplicates = events received twice.
2. **Lesson completions through a database restart.** Learners complete lessons through
   ``courses.services.lesson_complete`` (what the lesson page's button calls) from four threads
   while PostgreSQL is restarted (fast shutdown: open transactions are cut). Each call either
   returns (saved) or raises (reported as failed). Afterwards: every completion reported saved
   is in the database; no enrollment or module counter disagrees with its lesson rows; no
   lesson is completed without its learning record (xAPI statement). Half saved = 0 is the
   target.
"""

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import free_port  # noqa: E402 (needs the path above)

QUICK = "--quick" in sys.argv or os.environ.get("BENCH_QUICK") == "1"
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "30" if QUICK else "60"))
PG_BIN = Path(os.environ.get("BENCH_PG_BIN", "/usr/lib/postgresql/15/bin"))
if not PG_BIN.exists():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    PG_BIN = found[-1] if found else PG_BIN


def _as_postgres(args):
    """Run a PostgreSQL server binary; as root, through the `postgres` user (initdb refuses
    root)."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True)  # noqa: S603


class PrivatePostgres:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="ln-faults-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/faults"

    def __enter__(self):
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        _as_postgres(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(self.data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
            ]
        )
        self.start()
        _as_postgres(
            [
                str(PG_BIN / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-c",
                "CREATE DATABASE faults",
            ]
        )
        return self

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        _as_postgres(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-w",
                "-l",
                str(self.dir / "log"),
                "start",
            ]
        )

    def stop(self):
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"])

    def __exit__(self, *exc):
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        import redis

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                redis.Redis.from_url(self.url).ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise SystemExit("redis-server did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


class Daphnes:
    """Two Daphne processes on the private servers; either can be killed and restarted."""

    def __init__(self, env):
        self.env = env
        self.ports = [free_port(), free_port()]
        self.processes = [None, None]
        self.log = Path(tempfile.gettempdir()) / "landscape_bench_faults_daphne.log"

    def start(self, index):
        daphne = Path(sys.executable).with_name("daphne")
        endpoint = f"tcp:port={self.ports[index]}:interface=127.0.0.1:backlog=1024"
        with self.log.open("ab") as log:
            self.processes[index] = subprocess.Popen(  # noqa: S603
                [str(daphne), "-v", "0", "-e", endpoint, "config.asgi:application"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def kill(self, index):
        self.processes[index].send_signal(signal.SIGKILL)
        self.processes[index].wait()

    async def wait_ready(self, index):
        from bench._common import Websocket, WebsocketRefused

        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                ws = await Websocket.connect(
                    "127.0.0.1", self.ports[index], "/ws/forums/topics/0/", timeout=2
                )
                ws.abort()
                return
            except WebsocketRefused as error:
                if "403" in str(error) or "404" in str(error):
                    return  # topic 0 is refused by the application: the process answers
                await asyncio.sleep(0.2)
        raise SystemExit(f"Daphne did not start; see {self.log}")

    def __enter__(self):
        self.start(0)
        self.start(1)
        asyncio.run(self.wait_ready(0))
        asyncio.run(self.wait_ready(1))
        return self

    def __exit__(self, *exc):
        for process in self.processes:
            if process and process.poll() is None:
                process.terminate()
                process.wait(timeout=10)


# --- 1. The forum conversation --------------------------------------------------------------


class Client:
    def __init__(self, index, ports, topic_id, after):
        self.index, self.ports, self.topic_id = index, ports, topic_id
        self.last = after
        self.order = []  # seqs in the order received
        self.reconnects = 0
        self.refused = 0
        self.stop = False

    async def run(self):
        import re

        from bench._common import Websocket, WebsocketRefused

        seq_re = re.compile(r'"seq": (\d+)')
        attempt = 0
        while not self.stop:
            port = self.ports[(self.index + attempt) % 2]
            try:
                ws = await Websocket.connect(
                    "127.0.0.1",
                    port,
                    f"/ws/forums/topics/{self.topic_id}/?after={self.last}",
                    timeout=5,
                )
            except (TimeoutError, OSError, WebsocketRefused):
                self.refused += 1
                attempt += 1
                await asyncio.sleep(min(2.0, 0.2 * attempt))
                continue
            attempt = 0
            pinger = asyncio.ensure_future(self._ping(ws))
            try:
                while not self.stop:
                    text = await ws.recv()
                    if text is None:
                        break
                    if text.startswith('{"type": "event"'):
                        seq = int(seq_re.search(text[:80]).group(1))
                        self.order.append(seq)
                        self.last = max(self.last, seq)
            except (OSError, asyncio.IncompleteReadError, ConnectionError):
                pass
            finally:
                pinger.cancel()
                ws.abort()
            if not self.stop:
                self.reconnects += 1
                await asyncio.sleep(0.2)

    async def _ping(self, ws):
        while True:
            await asyncio.sleep(2)
            try:
                await ws.send_json({"type": "ping"})
            except (OSError, ConnectionError):
                return


async def conversation(daphnes, redis_server, poster, topic):
    from django.db import close_old_connections

    from forums import services
    from forums.models import Topic

    loop = asyncio.get_running_loop()
    start = topic.last_seq
    clients = [Client(i, daphnes.ports, topic.pk, start) for i in range(CLIENTS)]
    tasks = [asyncio.ensure_future(c.run()) for c in clients]
    await asyncio.sleep(2)
    posting = True
    posted = []

    def post(n):
        close_old_connections()
        try:
            services.post_create(author=poster, topic=topic, body=f"Fault drill message {n}")
            posted.append(n)
        except Exception as error:  # noqa: BLE001 (reported)
            print(f"  post {n} failed: {error!r}")

    async def keep_posting():
        n = 0
        while posting:
            n += 1
            await loop.run_in_executor(None, post, n)
            await asyncio.sleep(0.2)

    poster_task = asyncio.ensure_future(keep_posting())
    timeline = []
    t0 = time.monotonic()
    await asyncio.sleep(3)
    daphnes.kill(0)
    timeline.append(f"{time.monotonic() - t0:.1f}s Daphne 1 killed")
    await asyncio.sleep(3)
    daphnes.start(0)
    await daphnes.wait_ready(0)
    timeline.append(f"{time.monotonic() - t0:.1f}s Daphne 1 back")
    await asyncio.sleep(3)
    redis_server.stop()
    timeline.append(f"{time.monotonic() - t0:.1f}s Redis stopped")
    await asyncio.sleep(2)
    redis_server.start()
    timeline.append(f"{time.monotonic() - t0:.1f}s Redis back (empty)")
    await asyncio.sleep(4)
    timeline.append(f"{time.monotonic() - t0:.1f}s posting stops")
    posting = False
    await poster_task
    stopped = time.monotonic()

    def final_seq():
        close_old_connections()
        return Topic.objects.get(pk=topic.pk).last_seq

    final = await loop.run_in_executor(None, final_seq)
    expected = list(range(start + 1, final + 1))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not all(set(expected) <= set(c.order) for c in clients):
        await asyncio.sleep(0.2)
    caught_up = time.monotonic() - stopped
    for client in clients:
        client.stop = True
    await asyncio.sleep(0.5)
    for task in tasks:
        task.cancel()
    lost = sum(len(set(expected) - set(c.order)) for c in clients)
    duplicates = sum(len(c.order) - len(set(c.order)) for c in clients)
    disordered = sum(
        sum(1 for a, b in zip(c.order, c.order[1:], strict=False) if b <= a) for c in clients
    )
    return {
        "clients": CLIENTS,
        "posts": len(posted),
        "events": len(expected),
        "lost": lost,
        "out_of_order": disordered,
        "duplicates": duplicates,
        "reconnects": sum(c.reconnects for c in clients),
        "refused attempts": sum(c.refused for c in clients),
        "caught up after": f"{caught_up:.1f} s",
        "timeline": timeline,
    }


# --- 2. Lesson completions through a database restart ---------------------------------------


def completions(pg):
    from django.db import close_old_connections, connections

    from bench.courses import build_course, make_users, site
    from courses import services
    from courses.models import Enrollment, LearningStatement, LessonProgress, ModuleProgress

    index, institute, _facilitator = site()
    course, lessons = build_course(
        index, institute, slug="faults", modules=2, lessons=10, quizzes=False
    )
    learners = make_users("fault-", 40)
    for user in learners:
        services.enrollment_create(user=user, course=course)
    connections.close_all()
    jobs = [(u, lesson) for u in learners for lesson, _m, _q in lessons]
    outcomes = []  # (user id, lesson key, "saved" | "failed")
    lock = threading.Lock()

    def worker(chunk):
        for user, lesson in chunk:
            close_old_connections()
            try:
                services.lesson_complete(user=user, lesson=lesson)
                outcome = "saved"
            except Exception:  # noqa: BLE001 (a failure the learner is told about)
                outcome = "failed"
                connections.close_all()
                time.sleep(0.05)
            with lock:
                outcomes.append((user.pk, lesson.translation_key, outcome))
        connections.close_all()

    chunks = [jobs[i::4] for i in range(4)]
    threads = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    pg.stop()
    time.sleep(1)
    pg.start()
    for thread in threads:
        thread.join()
    close_old_connections()

    saved = {(u, k) for u, k, o in outcomes if o == "saved"}
    failed = [(u, k) for u, k, o in outcomes if o == "failed"]
    done = set(
        LessonProgress.objects.filter(status=LessonProgress.Status.COMPLETED).values_list(
            "enrollment__user_id", "lesson_key"
        )
    )
    missing = saved - done  # reported saved, not in the database
    # Counters against their rows: enrollment and module counts of completed lessons.
    bad_counters = 0
    for enrollment in Enrollment.objects.filter(course_key=course.translation_key):
        rows = LessonProgress.objects.filter(
            enrollment=enrollment, status=LessonProgress.Status.COMPLETED
        ).count()
        if rows != enrollment.lessons_completed:
            bad_counters += 1
        for module in ModuleProgress.objects.filter(enrollment=enrollment):
            module_rows = LessonProgress.objects.filter(
                enrollment=enrollment,
                status=LessonProgress.Status.COMPLETED,
                module_key=module.module_key,
            ).count()
            if module_rows != module.lessons_completed:
                bad_counters += 1
    # Every completed lesson has its learning record (the xAPI "completed" statement).
    recorded = {}
    for user_id, statement in LearningStatement.objects.filter(
        course_key=course.translation_key, verb="completed"
    ).values_list("user_id", "statement"):
        recorded.setdefault(user_id, []).append(str(statement.get("object", {}).get("id", "")))
    unrecorded = sum(
        1 for user_id, key in done if not any(str(key) in iri for iri in recorded.get(user_id, []))
    )
    return {
        "completions tried": len(outcomes),
        "reported saved": len(saved),
        "reported failed": len(failed),
        "failed but saved (retry is harmless)": len([f for f in failed if f in done]),
        "saved but missing": len(missing),
        "counters that disagree": bad_counters,
        "completed lessons": len(done),
        "completed lessons without their record": unrecorded,
    }


def main():
    if not (PG_BIN / "initdb").exists() or not shutil.which("redis-server"):
        print("bench/faults.py: needs PostgreSQL's server binaries and redis-server; skipped.")
        return
    print(f"Faults benchmark: {CLIENTS} websocket clients on two Daphne processes")
    with PrivatePostgres() as pg, PrivateRedis() as redis_server:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "BENCH_DATABASE_URL": pg.url,
            "REDIS_URL": redis_server.url,
            "PYTHONPATH": str(ROOT),
        }
        os.environ.update(env)
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        import django

        django.setup()
        from django.contrib.auth import get_user_model

        from forums import services
        from forums.models import Category

        poster = get_user_model().objects.create_superuser(
            username="drill", email="drill@bench.test", password="x" * 20
        )
        category = Category.objects.create(name="Drill", slug="drill")
        topic = services.topic_create(
            author=poster, category=category, title="Fault drill", body="Opening."
        )
        with Daphnes(env) as daphnes:
            result = asyncio.run(conversation(daphnes, redis_server, poster, topic))
        print("\n1. Forum conversation: kill a Daphne process, restart Redis")
        for line in result.pop("timeline"):
            print(f"   {line}")
        width = max(len(k) for k in result)
        for key, value in result.items():
            print(f"   {key:<{width}}  {value}")
        verdict = "PASS" if result["lost"] == result["out_of_order"] == 0 else "FAIL"
        print(f"   target: 0 lost, every post in order -> {verdict}")

        result = completions(pg)
        print("\n2. Lesson completions through a PostgreSQL restart (4 threads)")
        width = max(len(k) for k in result)
        for key, value in result.items():
            print(f"   {key:<{width}}  {value}")
        half = (
            result["saved but missing"]
            + result["counters that disagree"]
            + result["completed lessons without their record"]
        )
        print(f"   target: nothing half saved -> {'PASS' if half == 0 else 'FAIL'}")


if __name__ == "__main__":
    main()
