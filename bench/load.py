"""Load benchmark (issue 7): mixed traffic on two Daphne processes, PostgreSQL and Redis.

    .venv/bin/python bench/load.py            # 40 users for 5 minutes
    .venv/bin/python bench/load.py --quick    # 40 users for 60 seconds

Needs PostgreSQL (BENCH_POSTGRES_URL, default the server of a PostgreSQL DATABASE_URL, else
postgres://postgres@127.0.0.1:5432/postgres), where a `landscape_bench_load` database is
created, migrated, seeded and dropped, and Redis (REDIS_URL, default redis://127.0.0.1:6379/0;
the cache, the sessions, the posting limits and the channel layer under the prefix
`ln-bench-load-<pid>`, deleted afterwards). Without either, the benchmark says so and stops.

1. **Seed**: case studies with themes and countries (words the searches look for in their
   titles and summaries), a curriculum, a course of BENCH_MODULES modules of 8 lessons (the
   last of each with a quiz, any number of attempts), forum topics with replies, and one account
   per user (confirmed email, joined 60 days ago: the production posting limits of established
   accounts apply), enrolled in the course. The search index is filled as the content is made.
2. **Serve**: two Daphne processes (`bench.settings`: the whole site, production's middleware,
   DEBUG off, the anonymous page cache on for BENCH_PAGE_CACHE_SECONDS, 300 as in production).
3. **Load**: locust, headless, in a process of its own (bench/_load_users.py describes the
   users: anonymous readers, searchers, learners and forum users on websockets), BENCH_USERS
   users started BENCH_SPAWN_RATE a second, each on one of the two processes in turn, for
   BENCH_SECONDS. Every request states the status it expects; anything else is an error.
4. **Report**: per endpoint, requests, requests per second, median, p95 and p99 (ms, locust's
   rounding: two significant digits above 100 ms), errors; the totals; the websocket counts;
   the two processes' resident memory (after start-up, peak, at the end) and CPU; the errors
   and the server log's tracebacks, if any. Target: 0 errors.

The load generator shares the machine with the servers (and whatever else runs): the load
average is printed before and after. Compare rows and runs, not absolute numbers.

Environment: BENCH_QUICK=1 (as --quick), BENCH_USERS (40), BENCH_SPAWN_RATE (10),
BENCH_SECONDS (300; 60 quick), BENCH_MODULES (4), BENCH_PAGE_CACHE_SECONDS (300; 0 turns the
page cache off), BENCH_POSTGRES_URL, REDIS_URL, BENCH_KEEP=1 (keep the database and the
locust files).
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ first on the path: put the project there instead.
sys.path[0] = str(ROOT)

from bench._common import (  # noqa: E402 (needs the path above)
    database_url,
    free_port,
    postgres,
    postgres_admin_url,
    rss_kib,
    say,
    table,
)

QUICK = "--quick" in sys.argv[1:] or os.environ.get("BENCH_QUICK") == "1"
USERS = int(os.environ.get("BENCH_USERS", "40"))
SPAWN_RATE = float(os.environ.get("BENCH_SPAWN_RATE", "10"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "60" if QUICK else "300"))
MODULES = int(os.environ.get("BENCH_MODULES", "4"))
PAGE_CACHE_SECONDS = os.environ.get("BENCH_PAGE_CACHE_SECONDS", "300")
KEEP = os.environ.get("BENCH_KEEP") == "1"
# Every user from 127.0.0.1 (no X-Forwarded-For), as a classroom behind one NAT would be.
SAME_ADDRESS = os.environ.get("BENCH_SAME_ADDRESS") == "1"
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
POSTGRES_URL = postgres_admin_url()
DATABASE = "landscape_bench_load"
# A migrated copy kept on the server for the next run (migrating takes about a minute).
TEMPLATE_PREFIX = "landscape_bench_load_migrated_"
PREFIX = f"ln-bench-load-{os.getpid()}"
PASSWORD = "bench-load-password-7f3a"  # noqa: S105 (throwaway accounts in a throwaway database)
WORK = Path(tempfile.gettempdir()) / PREFIX
LOG = Path(tempfile.gettempdir()) / "landscape_bench_load_daphne.log"
# Words the searchers look for; each is in some titles, summaries or posts.
WORDS = [
    "watershed",
    "restoration",
    "forest",
    "farmers",
    "water",
    "soil",
    "erosion",
    "drought",
    "grazing",
    "mangrove",
    "agroforestry",
    "partnership",
    "landscape",
    "cocoa",
    "wetland",
]
AFRICA, LATIN_AMERICA, ASIA_PACIFIC = (
    "sub-saharan-africa",
    "latin-america-caribbean",
    "east-asia-pacific",
)
PLACES = [
    ("KE", AFRICA, -1.3, 36.8),
    ("BR", LATIN_AMERICA, -3.1, -60.0),
    ("PE", LATIN_AMERICA, -13.5, -71.9),
    ("SN", AFRICA, 14.7, -17.4),
    ("ID", ASIA_PACIFIC, -2.5, 118.0),
    ("IN", "south-asia", 21.1, 79.0),
    ("GH", AFRICA, 6.7, -1.6),
    ("PH", ASIA_PACIFIC, 12.9, 121.8),
]


def _create_database():
    """The run's database, copied from the migrated template when there is one; returns
    (template name, copied)."""
    import psycopg

    from bench._common import _migrations_fingerprint

    template = f"{TEMPLATE_PREFIX}{_migrations_fingerprint()}"
    with psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5) as conn:
        found = {row[0] for row in conn.execute("SELECT datname FROM pg_database")}
    copied = template in found
    postgres(
        POSTGRES_URL,
        f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)',
        f'CREATE DATABASE "{DATABASE}"' + (f' TEMPLATE "{template}"' if copied else ""),
    )
    return template, copied, found


def _keep_template(template, found):
    """After migrating: keep a copy for the next run (older copies dropped)."""
    from django.db import connections

    connections.close_all()  # a template must have no connection
    stale = [
        f'DROP DATABASE IF EXISTS "{name}"'
        for name in found
        if name.startswith(TEMPLATE_PREFIX) and name != template
    ]
    try:
        postgres(POSTGRES_URL, *stale, f'CREATE DATABASE "{template}" TEMPLATE "{DATABASE}"')
    except Exception as error:  # noqa: BLE001
        return f"no copy kept: {str(error).strip().splitlines()[0]}"
    return f"kept a copy for the next run: {template}"


def _environment():
    """What this process and the servers share: the database, Redis and its prefixes."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_DATABASE_URL": database_url(POSTGRES_URL, DATABASE),
        "REDIS_URL": REDIS_URL,
        "CHANNEL_LAYER_PREFIX": PREFIX,
        "BENCH_KEY_PREFIX": PREFIX,
        "BENCH_PAGE_CACHE_SECONDS": PAGE_CACHE_SECONDS,
        # As behind the production proxy: the client's address is X-Forwarded-For's last.
        "DJANGO_NUM_PROXIES": "0" if SAME_ADDRESS else "1",
        "PYTHONPATH": str(ROOT),
    }


# --- Seed ---------------------------------------------------------------------------------


def _seed():
    """The content and the accounts; returns the plan for the users (bench/_load_users.py)."""
    import random
    from datetime import timedelta

    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.urls import reverse
    from django.utils import timezone, translation

    from courses import services as courses
    from courses.tests.factories import (
        CoursePageFactory,
        LessonPageFactory,
        ModulePageFactory,
        choice_question,
        quiz,
        true_false,
    )
    from forums import services as forums
    from forums.models import Category
    from knowledge.models import Country, Theme
    from knowledge.tests.factories import (
        CaseStudyPageFactory,
        CurriculumModulePageFactory,
        CurriculumPageFactory,
    )
    from people.models import User

    rng = random.Random(7)
    translation.activate("en")
    themes = list(Theme.objects.order_by("slug")[:8])
    countries = {c.code: c for c in Country.objects.filter(code__in=[p[0] for p in PLACES])}
    case_studies = []
    for n in range(40):
        code, region, latitude, longitude = PLACES[n % len(PLACES)]
        a, b, c = rng.sample(WORDS, 3)
        page = CaseStudyPageFactory(
            title=f"{a.capitalize()} and {b} in landscape {n}",
            slug=f"load-case-study-{n}",
            summary=f"How a partnership worked on {a}, {b} and {c} with farmers and officials.",
            problem=f"<p>The {c} was degrading and the {a} suffered.</p>",
            region=region,
            latitude=latitude + rng.uniform(-2, 2),
            longitude=longitude + rng.uniform(-2, 2),
            themes=rng.sample(themes, 2) if themes else [],
            countries=[countries[code]] if code in countries else [],
        )
        case_studies.append(page.get_url())
    curriculum = CurriculumPageFactory(title="Facilitating landscape partnerships", slug="load")
    for n in range(3):
        CurriculumModulePageFactory(parent=curriculum, title=f"Session {n + 1}")

    course = CoursePageFactory(title="Leading a landscape partnership", slug="load-course")
    lessons = []
    for m in range(MODULES):
        module = ModulePageFactory(parent=course, title=f"Module {m + 1}", slug=f"m{m + 1}")
        for n in range(8):
            has_quiz = n == 7
            text = f"<p>Lesson {n + 1} on {rng.choice(WORDS)} and people.</p>"
            body = [{"type": "text", "value": text}]
            answers = None
            if has_quiz:
                first = true_false("A landscape has one owner.", False)
                second = choice_question("Who convenes?", ["Nobody", "The partnership"], 1)
                block = quiz(first, second, pass_mark=100, max_attempts=0)
                body.append(block)
                answers = (block["id"], first["id"], second["id"])
            lesson = LessonPageFactory(
                parent=module, title=f"Lesson {m + 1}.{n + 1}", slug=f"l{m + 1}-{n + 1}", body=body
            )
            entry = {
                "url": lesson.get_url(),
                "complete": reverse("courses:lesson_complete", args=[lesson.pk]),
                "progress": reverse("courses:lesson_progress", args=[lesson.pk]),
                "quiz": None,
            }
            if answers:
                quiz_id, tf_id, choice_id = answers
                entry["quiz"] = {
                    "submit": reverse("courses:quiz_submit", args=[lesson.pk, quiz_id]),
                    "right": {tf_id: "false", choice_id: "1"},
                    "wrong": {tf_id: "true", choice_id: "0"},
                }
            lessons.append(entry)
    course.refresh_from_db()

    joined = timezone.now() - timedelta(days=60)
    password = make_password(PASSWORD)
    accounts = []
    for n in range(max(USERS, 12)):  # enough authors for the seeded replies' limits
        user = User.objects.create(
            username=f"load{n}",
            email=f"load{n}@bench.test",
            display_name=f"Load Learner {n}",
            country="KE",
            date_joined=joined,
            password=password,
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        courses.enrollment_create(user=user, course=course)
        accounts.append(user)

    category = Category.objects.create(name="Landscape talk", slug="landscape-talk")
    topics = []
    for n in range(4):
        word = WORDS[n]
        topic = forums.topic_create(
            author=accounts[n],
            category=category,
            title=f"How do you handle {word} in your landscape?",
            body=f"We are struggling with {word}. What worked for you?",
        )
        for r in range(12):
            forums.post_create(
                author=accounts[(n * 13 + r + 1) % len(accounts)],
                topic=topic,
                body=f"Reply {r} on {rng.choice(WORDS)}: start with the {rng.choice(WORDS)}.",
            )
        topics.append({"id": topic.pk, "url": topic.get_absolute_url()})

    facets = ["", "?country=KE", "?country=BR", f"?region={LATIN_AMERICA}"]
    facets += [f"?theme={t.slug}" for t in themes[:4]]
    return {
        "password": PASSWORD,
        "accounts": [u.email for u in accounts],
        "login": reverse("account_login"),
        "case_study_index": reverse("knowledge:case_studies"),
        "case_studies": case_studies,
        "facets": facets,
        "curriculum_index": reverse("knowledge:curricula"),
        "curriculum": curriculum.get_url(),
        "course": course.get_url(),
        "lessons": lessons,
        "forum_index": reverse("forums:index"),
        "topics": topics,
        "words": WORDS,
    }


# --- Servers ------------------------------------------------------------------------------


class Servers:
    """Two Daphne processes serving the whole site (config.asgi) with the bench settings."""

    def __init__(self):
        self.ports = [free_port(), free_port()]
        self.processes = []
        self.log_start = LOG.stat().st_size if LOG.exists() else 0

    def __enter__(self):
        env = {**os.environ, **_environment()}
        daphne = Path(sys.executable).with_name("daphne")
        with LOG.open("ab") as log:
            for port in self.ports:
                endpoint = f"tcp:port={port}:interface=127.0.0.1:backlog=1024"
                self.processes.append(
                    subprocess.Popen(  # noqa: S603 (our own executable and arguments)
                        [str(daphne), "-v", "0", "-e", endpoint, "config.asgi:application"],
                        cwd=ROOT,
                        env=env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
        deadline = time.monotonic() + 90
        for url in self.urls:
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/bench/minimal/", timeout=5):  # noqa: S310
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        self.__exit__()
                        raise SystemExit(f"Daphne did not start; see {LOG}") from None
                    time.sleep(0.3)
        return self

    @property
    def urls(self):
        return [f"http://127.0.0.1:{port}" for port in self.ports]

    def rss(self):
        return [rss_kib(p.pid) if p.poll() is None else 0 for p in self.processes]

    def cpu_seconds(self):
        """User + system CPU seconds of each process so far."""
        ticks = os.sysconf("SC_CLK_TCK")
        seconds = []
        for process in self.processes:
            try:
                fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
                seconds.append((int(fields[11]) + int(fields[12])) / ticks)
            except (OSError, IndexError):
                seconds.append(0.0)
        return seconds

    def log_text(self):
        with LOG.open("rb") as log:
            log.seek(self.log_start)
            return log.read().decode(errors="replace")

    def __exit__(self, *exc):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


# --- The run ------------------------------------------------------------------------------


def _warm(urls, plan):
    """One request per kind of page on each process: imports and first renders not counted."""
    paths = ["/en/", plan["case_study_index"], plan["case_studies"][0], plan["course"]]
    for url in urls:
        for path in paths:
            try:
                with urllib.request.urlopen(url + path, timeout=30):  # noqa: S310
                    pass
            except OSError as error:
                say(f"warm-up: {url}{path}: {error}")


def _locust(servers, plan_path):
    """Locust in a process of its own; samples the servers' memory and CPU meanwhile."""
    csv_prefix = WORK / "locust"
    ws_stats = WORK / "ws.json"
    output = WORK / "locust.log"
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(ROOT / "bench" / "_load_users.py"),
        "--headless",
        "--users",
        str(USERS),
        "--spawn-rate",
        str(SPAWN_RATE),
        "--run-time",
        f"{SECONDS}s",
        "--stop-timeout",
        "20",
        "--csv",
        str(csv_prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--host",
        servers.urls[0],
    ]
    env = {
        **os.environ,
        "BENCH_LOAD_PLAN": str(plan_path),
        "BENCH_LOAD_WS_STATS": str(ws_stats),
        "PYTHONPATH": str(ROOT),
    }
    peak = servers.rss()
    generation = _generation()
    cpu_before, started = servers.cpu_seconds(), time.monotonic()
    with output.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        while process.poll() is None:
            time.sleep(2)
            peak = [max(a, b) for a, b in zip(peak, servers.rss(), strict=True)]
    wall = time.monotonic() - started
    cpu = [
        (after - before) / wall * 100
        for before, after in zip(cpu_before, servers.cpu_seconds(), strict=True)
    ]
    return {
        "returncode": process.returncode,
        "stats": _read_csv(Path(f"{csv_prefix}_stats.csv")),
        "failures": _read_csv(Path(f"{csv_prefix}_failures.csv")),
        "exceptions": _read_csv(Path(f"{csv_prefix}_exceptions.csv")),
        "ws": json.loads(ws_stats.read_text()) if ws_stats.exists() else {},
        "peak": peak,
        "cpu": cpu,
        "generation_bumps": _generation() - generation,
        "output": output,
    }


def _generation():
    """The page cache's content generation (knowledge.cache): what makes every entry stale."""
    from django.core.cache import cache

    from knowledge.cache import GENERATION_KEY

    return cache.get(GENERATION_KEY) or 0


def _read_csv(path):
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _ms(value):
    try:
        return f"{float(value):.0f}"
    except (TypeError, ValueError):
        return "-"


def _report(result, servers, rss_start, load_before):
    stats = result["stats"]
    rows, total = [], None
    for row in stats:
        if row["Name"] == "Aggregated":
            total = row
            continue
        rows.append(
            [
                row["Type"],
                row["Name"],
                row["Request Count"],
                f"{float(row['Requests/s']):.2f}",
                _ms(row["50%"]),
                _ms(row["95%"]),
                _ms(row["99%"]),
                row["Failure Count"],
            ]
        )
    rows.sort(key=lambda r: (r[0] == "WS", r[1]))
    if total:
        rows.append(
            [
                "",
                "total",
                total["Request Count"],
                f"{float(total['Requests/s']):.2f}",
                _ms(total["50%"]),
                _ms(total["95%"]),
                _ms(total["99%"]),
                total["Failure Count"],
            ]
        )
    table(
        f"Mixed load: {USERS} users for {SECONDS} s on two Daphne processes, PostgreSQL + Redis"
        f" (ms; page cache {PAGE_CACHE_SECONDS} s)",
        ["type", "endpoint", "requests", "req/s", "median", "p95", "p99", "errors"],
        rows,
    )
    ws = result["ws"]
    page_cache = ws.pop("page_cache", {})
    if page_cache:
        say(
            "\nPage cache (X-Page-Cache of the GETs it may answer): "
            + ", ".join(f"{n} {status}" for status, n in sorted(page_cache.items()))
            + f"; content generation bumped {result['generation_bumps']} times during the run"
        )
    if ws:
        say(
            "\nWebsockets: {connections} opened, {connect_errors} refused or failed, "
            "{unexpected_closes} closed by the server, {events_received} events received, "
            "{error_messages} error messages, {ack_timeouts} posts without an ack".format(**ws)
        )
    end = servers.rss()
    table(
        "The two Daphne processes",
        ["process", "RSS after start MiB", "peak MiB", "at the end MiB", "CPU % (of one core)"],
        [
            [
                f"daphne {i + 1} (:{servers.ports[i]})",
                f"{rss_start[i] / 1024:.0f}",
                f"{result['peak'][i] / 1024:.0f}",
                f"{end[i] / 1024:.0f}",
                f"{result['cpu'][i]:.0f}",
            ]
            for i in range(len(servers.processes))
        ],
    )
    failures = result["failures"]
    if failures:
        table(
            "Errors",
            ["method", "endpoint", "occurrences", "error"],
            [
                [f["Method"], f["Name"], f["Occurrences"], f["Error"][:120]]
                for f in sorted(failures, key=lambda f: -int(f["Occurrences"]))
            ],
        )
    for row in result["exceptions"]:
        say(f"\nException in the load generator ({row['Count']}×): {row['Message']}")
        say(row["Traceback"][-1500:])
    log = servers.log_text()
    tracebacks = log.count("Traceback (most recent call last)")
    if tracebacks:
        first = log.index("Traceback (most recent call last)")
        say(f"\nServer log ({LOG}): {tracebacks} tracebacks; the first:\n{log[first:][:3000]}")
    errors = int(total["Failure Count"]) if total else 0
    with open("/proc/loadavg") as load:
        load_after = load.read().split()[0]
    say(
        f"\nTotal: {float(total['Requests/s']) if total else 0:.1f} requests/s, "
        f"{errors} errors (target 0), {tracebacks} server tracebacks; "
        f"load average {load_before} before, {load_after} after; {os.cpu_count()} CPUs"
    )
    if result["returncode"] not in (0, 1):
        say(f"locust exited with {result['returncode']}; its output: {result['output']}")
    say(f"Verdict: {'OK' if errors + tracebacks == 0 else 'MISS'} (target: 0 errors)")
    return errors + tracebacks


def main():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as error:  # noqa: BLE001
        say(f"Skipped: this benchmark needs Redis at {REDIS_URL} ({error}).")
        return 0
    try:
        template, copied, found = _create_database()
    except Exception as error:  # noqa: BLE001
        say(f"Skipped: this benchmark needs PostgreSQL at {POSTGRES_URL} ({error}).")
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    with open("/proc/loadavg") as load:
        load_before = load.read().split()[0]
    say(
        f"Load average: {load_before}; {os.cpu_count()} CPUs; {USERS} users, "
        f"{SPAWN_RATE:g}/s, {SECONDS} s"
    )
    problems = 0
    try:
        os.environ.update(_environment())
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        started = time.monotonic()
        call_command("migrate", verbosity=0)
        if copied:
            say(f"copied the migrated database {template}")
        else:
            kept = _keep_template(template, found)
            say(f"migrated in {time.monotonic() - started:.0f} s ({kept})")
        started = time.monotonic()
        plan = _seed()
        connections.close_all()
        say(
            f"seeded in {time.monotonic() - started:.0f} s: {len(plan['case_studies'])} case "
            f"studies, {len(plan['lessons'])} lessons, {len(plan['topics'])} topics, "
            f"{len(plan['accounts'])} accounts"
        )
        with Servers() as servers:
            plan["hosts"] = servers.urls
            plan["client_addresses"] = not SAME_ADDRESS
            plan_path = WORK / "plan.json"
            plan_path.write_text(json.dumps(plan, indent=1))
            _warm(servers.urls, plan)
            rss_start = servers.rss()
            say(f"locust: {USERS} users on {', '.join(servers.urls)} for {SECONDS} s…")
            result = _locust(servers, plan_path)
            problems = _report(result, servers, rss_start, load_before)
    finally:
        from django.db import connections

        connections.close_all()
        if not KEEP:
            postgres(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            import shutil

            shutil.rmtree(WORK, ignore_errors=True)
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(match=f"*{PREFIX}*"))
        if keys:
            client.delete(*keys)
    # Errors are reported (MISS), not turned into a failed `make bench`: under a machine shared
    # with other work a timeout is not a defect of the site; the tracebacks printed tell.
    return problems


if __name__ == "__main__":
    main()
