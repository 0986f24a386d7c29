"""Courses benchmark (issue 4): lesson-completion throughput and dashboard latency.

    .venv/bin/python bench/courses.py                 # SQLite, then PostgreSQL when reachable
    BENCH_QUICK=1 .venv/bin/python bench/courses.py   # fewer completions and requests

For each database (a throwaway SQLite file in the temporary directory, then a
`landscape_bench_courses` database created and dropped on the PostgreSQL server of
BENCH_POSTGRES_URL, skipped with the reason when it cannot be reached), in a process of its own:

1. Throughput: completions per second through ``courses.services.lesson_complete`` (the whole
   service: lock, progress row, counters, module completion, statements, the certificate at
   the end), by one worker, then by 2 and 4 worker processes at once, each a different learner,
   on a course of 60 lessons whose modules unlock in order. Median and p95 time per completion.
2. Dashboards: a course of 3 modules, 9 lessons, 3 quizzes, with 100 and then 10,000 learners in
   one cohort (inserted in bulk at every stage of the course: progress rows, module rows, quiz
   attempts, certificates; learning statements are not inserted, no dashboard reads them).
   For the learner's dashboard (`courses:dashboard`, and `courses.selectors.dashboard` called
   directly), the course page for an enrolled learner, and the cohort's dashboard for its
   facilitator (`courses:cohort`): SQL queries per request and median / p95 latency (Django's
   test client, DEBUG off, production's middleware). Query counts must not grow with the
   number of learners.
3. Prints the targets with PASS or MISS: query counts constant from 100 to 10,000 learners,
   no errors under concurrent completions. The issue sets no number for throughput or latency:
   they are reported, and never asserted in tests.

Environment: BENCH_QUICK, BENCH_COMPLETIONS (1000; 200 quick, per run), BENCH_LEARNERS (10000),
BENCH_REQUESTS (40; 15 quick), BENCH_LATENCY_SECONDS (10, cap per page), BENCH_POSTGRES_URL
(the server of a PostgreSQL DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres),
BENCH_DATABASES (sqlite,postgres), BENCH_KEEP=1 (keep the databases), BENCH_PROFILE=1 (where
the time of the cohort dashboard goes at the large size).
"""

import datetime
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ first on the path: put the project there instead.
sys.path[0] = str(ROOT)

from bench._common import migrate, postgres, profile_requests, project_functions, say, table  # noqa: E402 (needs the path above)

QUICK = os.environ.get("BENCH_QUICK") == "1"
COMPLETIONS = int(os.environ.get("BENCH_COMPLETIONS", "200" if QUICK else "1000"))
WORKERS = (1, 2, 4)
SIZES = (100, int(os.environ.get("BENCH_LEARNERS", "10000")))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "15" if QUICK else "40"))
LATENCY_SECONDS = float(os.environ.get("BENCH_LATENCY_SECONDS", "10"))
_SITE_DATABASE = os.environ.get("DATABASE_URL", "")
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL") or (
    _SITE_DATABASE
    if _SITE_DATABASE.startswith(("postgres://", "postgresql://", "pgsql://"))
    else "postgres://postgres@127.0.0.1:5432/postgres"
)
DATABASES = os.environ.get("BENCH_DATABASES", "sqlite,postgres").split(",")
KEEP = os.environ.get("BENCH_KEEP") == "1"
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
TMP = Path(tempfile.gettempdir())
SQLITE_PATH = TMP / "landscape_bench_courses.sqlite3"
PG_NAME = "landscape_bench_courses"
THROUGHPUT_MODULES, THROUGHPUT_LESSONS = 3, 20  # 60 lessons
BATCH = 1000
# How far learners got, in lessons completed (0–9), as a real cohort thins out.
STAGE_WEIGHTS = [18, 12, 10, 12, 8, 7, 9, 5, 4, 15]


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(share * len(values)) - 1))]


# --- Databases ----------------------------------------------------------------------------------


def _admin_url():
    return urlunsplit(urlsplit(POSTGRES_URL)._replace(scheme="postgresql", path="/postgres"))


def postgres_unreachable():
    """Why PostgreSQL cannot be used (None when it can)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed"
    try:
        postgres(_admin_url(), "SELECT 1")
    except Exception as error:  # noqa: BLE001 (any reason is reported, none is fatal)
        return f"{urlsplit(POSTGRES_URL).hostname}: {str(error).strip().splitlines()[0]}"
    return None


def prepare_database(kind):
    """Point the bench settings at a fresh database; returns its label and a remover."""
    if kind == "postgres":
        parts = urlsplit(POSTGRES_URL)
        drop = f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)"
        postgres(_admin_url(), drop, f"CREATE DATABASE {PG_NAME}")
        url = urlunsplit(parts._replace(path=f"/{PG_NAME}"))
        label = f"PostgreSQL ({parts.hostname}/{PG_NAME})"

        def remove():
            postgres(_admin_url(), drop)

    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{SQLITE_PATH}"
        label = f"SQLite ({SQLITE_PATH})"

        def remove():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)

    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.pop("BENCH_PAGE_CACHE_SECONDS", None)
    return label, remove


# --- Courses and people -------------------------------------------------------------------------


def _id():
    return str(uuid.uuid4())


def _quiz():
    def choice(text, correct):
        return {"type": "item", "id": _id(), "value": {"text": text, "correct": correct}}

    questions = [
        {
            "type": "single_choice",
            "id": _id(),
            "value": {
                "prompt": "What makes a landscape partnership?",
                "choices": [choice("Deciding together", True), choice("One agency", False)],
            },
        },
        {
            "type": "multiple_choice",
            "id": _id(),
            "value": {
                "prompt": "Which help absent groups take part?",
                "choices": [
                    choice("Meetings in their language", True),
                    choice("Paid travel", True),
                    choice("Approving a finished plan", False),
                ],
            },
        },
        {
            "type": "true_false",
            "id": _id(),
            "value": {"prompt": "The convener holds the casting vote.", "answer": False},
        },
        {
            "type": "short_text",
            "id": _id(),
            "value": {
                "prompt": "Interest and …?",
                "accepted_answers": [{"type": "item", "id": _id(), "value": "influence"}],
            },
        },
    ]
    return {
        "type": "quiz",
        "id": _id(),
        "value": {
            "title": "Check your understanding",
            "instructions": "",
            "required": True,
            "pass_mark": 70,
            "max_attempts": 3,
            "questions": questions,
        },
    }


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_course(index, institute, *, slug, modules, lessons, quizzes):
    """A live course through the page tree, as editors make one (publication keeps its
    required-lesson counts). With ``quizzes``, the last lesson of each module ends with one.
    Returns the course and its lessons in order as (lesson, module, quiz id or None)."""
    from courses.models import CoursePage, LessonPage, ModulePage

    course = _publish(
        index,
        CoursePage(
            title=f"Convening a landscape partnership ({slug})",
            slug=slug,
            summary="How partnerships agree a shared vision and act on it.",
            outcomes=[("outcome", "Convene the actors of a landscape")],
            institute=institute,
            modules_in_order=True,
        ),
    )
    found = []
    text = "<p>A landscape is shared by many people, and each decision changes the others'.</p>"
    for m in range(modules):
        module = _publish(
            course, ModulePage(title=f"Module {m + 1}", slug=f"module-{m + 1}", summary="")
        )
        for n in range(lessons):
            body = [{"type": "text", "value": text * 6, "id": _id()}]
            quiz_id = None
            if quizzes and n == lessons - 1:
                quiz = _quiz()
                body.append(quiz)
                quiz_id = quiz["id"]
            lesson = _publish(
                module,
                LessonPage(
                    title=f"Lesson {m + 1}.{n + 1}", slug=f"lesson-{m + 1}-{n + 1}", body=body
                ),
            )
            found.append((LessonPage.objects.get(pk=lesson.pk), module, quiz_id))
    course.refresh_from_db()
    assert course.required_lesson_count == modules * lessons, course.required_lesson_count
    return course, found


def site():
    """The course catalogue (made by a migration), an institute with a facilitator."""
    from courses.models import CourseIndexPage
    from people.models import InstituteStaff, TrainingInstitute, User

    index = CourseIndexPage.objects.get(locale__language_code="en")
    institute = TrainingInstitute.objects.create(
        name="Bench institute", slug="bench-institute", country="KE"
    )
    facilitator = User.objects.create_user(
        username="facilitator", email="facilitator@bench.test", password=None
    )
    InstituteStaff.objects.create(
        institute=institute, user=facilitator, role=InstituteStaff.Role.FACILITATOR
    )
    return index, institute, facilitator


def make_users(prefix, count, start=0):
    from people.models import User

    users = [
        User(
            username=f"{prefix}{n}",
            email=f"{prefix}{n}@bench.test",
            display_name=f"Learner {prefix} {n}",
            password="!",  # noqa: S106 (an unusable password: nobody signs in as them)
        )
        for n in range(start, start + count)
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    return list(User.objects.filter(username__in=[u.username for u in users]).order_by("username"))


# --- 1. Throughput ------------------------------------------------------------------------------


def _complete_jobs(jobs, barrier, results):
    """One worker process: complete its lessons one after the other."""
    from django.db import connections

    from courses import services

    connections.close_all()  # never share the parent's connection
    barrier.wait()
    started = time.perf_counter()
    times, errors, last_error = [], 0, ""
    for user, lesson in jobs:
        began = time.perf_counter()
        try:
            services.lesson_complete(user=user, lesson=lesson)
        except Exception as error:  # noqa: BLE001 (counted and reported)
            errors += 1
            last_error = repr(error)[:200]
        times.append((time.perf_counter() - began) * 1000)
    ended = time.perf_counter()
    connections.close_all()
    results.put((started, ended, len(jobs), errors, times, last_error))


def completion_queries(course, lessons):
    """SQL queries of one completion in the middle of a module (not the first lesson, which
    also creates the module's row, nor the last of the course, which issues the certificate)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses import services

    (user,) = make_users("queries", 1)
    services.enrollment_create(user=user, course=course)
    services.lesson_complete(user=user, lesson=lessons[0][0])
    with CaptureQueriesContext(connection) as captured:
        services.lesson_complete(user=user, lesson=lessons[1][0])
    return len(captured)


def throughput(course, lessons):
    """Completions per second with 1, 2 and 4 worker processes, each with learners of its
    own who complete the course's lessons in order."""
    from django.db import connections

    from courses import services

    context = multiprocessing.get_context("fork")
    rows = []
    for workers in WORKERS:
        per_worker = COMPLETIONS // workers
        learners_each = -(-per_worker // len(lessons))
        users = make_users(f"w{workers}-", workers * learners_each)
        for user in users:
            services.enrollment_create(user=user, course=course)
        plans = []
        for w in range(workers):
            mine = users[w * learners_each : (w + 1) * learners_each]
            jobs = [(user, lesson) for user in mine for lesson, _module, _quiz in lessons]
            plans.append(jobs[:per_worker])
        connections.close_all()  # forked children open their own
        barrier = context.Barrier(workers)
        results = context.Queue()
        processes = [
            context.Process(target=_complete_jobs, args=(jobs, barrier, results)) for jobs in plans
        ]
        for process in processes:
            process.start()
        outcomes = [results.get(timeout=600) for _ in processes]
        for process in processes:
            process.join()
        started = min(o[0] for o in outcomes)
        ended = max(o[1] for o in outcomes)
        done = sum(o[2] - o[3] for o in outcomes)
        errors = sum(o[3] for o in outcomes)
        times = [t for o in outcomes for t in o[4]]
        rows.append(
            {
                "workers": workers,
                "completions": done,
                "errors": errors,
                "last_error": next((o[5] for o in outcomes if o[5]), ""),
                "seconds": ended - started,
                "per_second": done / (ended - started),
                "median_ms": statistics.median(times),
                "p95_ms": percentile(times, 0.95),
            }
        )
    return rows


# --- 2. Dashboards ------------------------------------------------------------------------------


def add_learners(count, start, course, lessons, cohort, rng):
    """``count`` learners of the cohort at random stages, in bulk: users, enrollments, module
    and lesson progress, quiz attempts (a first failed one now and then), certificates."""
    from django.db import transaction
    from django.utils import timezone

    from courses.models import (
        Certificate,
        Enrollment,
        LessonProgress,
        ModuleProgress,
        QuizAttempt,
    )

    now = timezone.now()
    module_sizes = {}
    for _lesson, module, _quiz in lessons:
        module_sizes[module.translation_key] = module_sizes.get(module.translation_key, 0) + 1
    for offset in range(0, count, BATCH):
        size = min(BATCH, count - offset)
        with transaction.atomic():
            users = make_users("learner", size, start + offset)
            plans = []
            for user in users:
                stage = rng.choices(range(len(lessons) + 1), weights=STAGE_WEIGHTS)[0]
                started = stage + (1 if stage < len(lessons) and rng.random() < 0.6 else 0)
                enrolled = now - datetime.timedelta(days=rng.uniform(20, 60))
                last = enrolled + (now - enrolled) * rng.random() if started else None
                plans.append((user, stage, started, enrolled, last))
            enrollments = Enrollment.objects.bulk_create(
                [
                    Enrollment(
                        user=user,
                        course_key=course.translation_key,
                        cohort=cohort,
                        enrolled_at=enrolled,
                        completed_at=last if stage == len(lessons) else None,
                        lessons_started=started,
                        lessons_completed=stage,
                        seconds_spent=stage * 900,
                        last_lesson_key=lessons[started - 1][0].translation_key
                        if started
                        else None,
                        last_activity_at=last or enrolled,
                    )
                    for user, stage, started, enrolled, last in plans
                ]
            )
            progress, modules, attempts, certificates = [], [], [], []
            for enrollment, (user, stage, started, enrolled, last) in zip(
                enrollments, plans, strict=True
            ):
                done_in = {}
                for i, (lesson, module, quiz_id) in enumerate(lessons[:started]):
                    completed = i < stage
                    progress.append(
                        LessonProgress(
                            user=user,
                            enrollment=enrollment,
                            lesson_key=lesson.translation_key,
                            module_key=module.translation_key,
                            status="completed" if completed else "in_progress",
                            seconds_spent=900 if completed else 300,
                            started_at=enrolled,
                            completed_at=last if completed else None,
                            updated_at=last,
                        )
                    )
                    if completed:
                        key = module.translation_key
                        done_in[key] = done_in.get(key, 0) + 1
                    if quiz_id and (completed or rng.random() < 0.5):
                        failed_first = rng.random() < 0.3 or not completed
                        scores = [50] if failed_first else []
                        if completed:
                            scores.append(rng.choice([75, 100]))
                        for number, score in enumerate(scores, start=1):
                            attempts.append(
                                QuizAttempt(
                                    user=user,
                                    enrollment=enrollment,
                                    lesson_key=lesson.translation_key,
                                    quiz_key=quiz_id,
                                    number=number,
                                    score=score,
                                    correct=score * 4 // 100,
                                    total=4,
                                    passed=score >= 70,
                                    submitted_at=last,
                                )
                            )
                for key, done in done_in.items():
                    modules.append(
                        ModuleProgress(
                            enrollment=enrollment,
                            module_key=key,
                            lessons_completed=done,
                            completed_at=last if done >= module_sizes[key] else None,
                        )
                    )
                if stage == len(lessons):
                    certificates.append(
                        Certificate(
                            enrollment=enrollment,
                            learner_name=user.display_name,
                            course_title=course.title,
                            course_key=course.translation_key,
                            institute_name=cohort.institute.name,
                            issued_at=last,
                        )
                    )
            LessonProgress.objects.bulk_create(progress, batch_size=BATCH)
            ModuleProgress.objects.bulk_create(modules, batch_size=BATCH)
            QuizAttempt.objects.bulk_create(attempts, batch_size=BATCH)
            Certificate.objects.bulk_create(certificates, batch_size=BATCH)


def probe_learner(course, lessons, cohort):
    """The learner whose pages are measured, made through the services: enrolled in the
    cohort, four lessons done (the first module and its quiz), the fifth open."""
    from courses import services

    (user,) = make_users("probe", 1)
    services.enrollment_create(user=user, course=course, cohort=cohort)
    for lesson, _module, quiz_id in lessons[:3]:
        services.lesson_open(user=user, lesson=lesson)
        if quiz_id:
            quiz = dict(lesson.quizzes())[quiz_id]
            answers = {}
            for question in quiz["questions"]:
                value = question.value
                if question.block_type in ("single_choice", "multiple_choice"):
                    answers[question.id] = [
                        str(i) for i, c in enumerate(value["choices"]) if c["correct"]
                    ]
                elif question.block_type == "true_false":
                    answers[question.id] = "true" if value["answer"] else "false"
                else:
                    answers[question.id] = value["accepted_answers"][0]
            services.quiz_submit(user=user, lesson=lesson, quiz_id=quiz_id, answers=answers)
        else:
            services.lesson_complete(user=user, lesson=lesson)
    services.lesson_complete(user=user, lesson=lessons[3][0])
    services.lesson_open(user=user, lesson=lessons[4][0])
    return user


def measure(name, call):
    """Queries of one call, then median and p95 latency over REQUESTS calls (fewer when they
    take more than LATENCY_SECONDS in all, but at least five). ``call`` returns a status."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # template, URL and translation caches
        status = call()
        if status != 200:
            return {"name": name, "status": status}
    with CaptureQueriesContext(connection) as captured:
        call()
    queries = len(captured)
    times = []
    until = time.perf_counter() + LATENCY_SECONDS
    while len(times) < REQUESTS and (len(times) < 5 or time.perf_counter() < until):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return {
        "name": name,
        "status": 200,
        "queries": queries,
        "median_ms": statistics.median(times),
        "p95_ms": percentile(times, 0.95),
        "requests": len(times),
    }


def measure_pages(course, cohort, probe, facilitator):
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from courses import selectors

    learner = Client()
    learner.force_login(probe)
    staff = Client()
    staff.force_login(facilitator)
    with translation.override("en"):
        dashboard_url = reverse("courses:dashboard")
        cohort_url = reverse("courses:cohort", args=[cohort.pk])
    course_url = course.url

    def selector():
        with translation.override("en"):
            selectors.dashboard(probe)
        return 200

    return [
        measure(
            "learner dashboard (courses:dashboard)", lambda: learner.get(dashboard_url).status_code
        ),
        measure("selectors.dashboard(learner), direct", selector),
        measure("course page, enrolled learner", lambda: learner.get(course_url).status_code),
        measure("cohort dashboard (courses:cohort)", lambda: staff.get(cohort_url).status_code),
    ]


def profile(url, user, label, renders=5):
    """Where the time of a page goes: time in the database measured without the profiler,
    then the project's functions by cumulative time under cProfile."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    wall, database, stats = profile_requests(client, url, renders)
    table(
        f"Profile of {url} ({renders} requests; {wall:.0f} ms each, {database:.0f} ms in the "
        f"database) · {label}",
        ["ms per request (profiled)", "calls", "function"],
        [
            [f"{ct * 1000 / renders:.1f}", calls, where]
            for ct, calls, where in project_functions(stats)[:12]
        ],
    )


# --- One database, in a process of its own ------------------------------------------------------


def run_database(kind):
    label, remove = prepare_database(kind)
    # Production's middleware serves collected static files; a benchmark collects none.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.db import connections

    from courses.models import Cohort

    say(f"\n=== {label}")
    results = {"database": label, "throughput": [], "pages": {}}
    try:
        step = time.perf_counter()
        say(f"database: {migrate(SQLITE_PATH)} in {time.perf_counter() - step:.1f} s")
        index, institute, facilitator = site()

        step = time.perf_counter()
        course, lessons = build_course(
            index,
            institute,
            slug="throughput",
            modules=THROUGHPUT_MODULES,
            lessons=THROUGHPUT_LESSONS,
            quizzes=False,
        )
        say(f"throughput course: {len(lessons)} lessons in {time.perf_counter() - step:.1f} s")
        results["throughput"] = throughput(course, lessons)
        queries = completion_queries(course, lessons)
        table(
            f"Lesson completions through courses.services.lesson_complete ({queries} SQL "
            f"queries each, in one transaction) · {label}",
            ["workers", "completions", "errors", "seconds", "per second", "median ms", "p95 ms"],
            [
                [
                    r["workers"],
                    r["completions"],
                    r["errors"],
                    f"{r['seconds']:.2f}",
                    f"{r['per_second']:.1f}",
                    f"{r['median_ms']:.1f}",
                    f"{r['p95_ms']:.1f}",
                ]
                for r in results["throughput"]
            ],
        )
        for r in results["throughput"]:
            if r["last_error"]:
                say(f"  {r['workers']} workers, last error: {r['last_error']}")

        course, lessons = build_course(
            index, institute, slug="dashboards", modules=3, lessons=3, quizzes=True
        )
        cohort = Cohort.objects.create(
            institute=institute,
            course=course,
            name="Bench cohort",
            starts_on=datetime.date.today() - datetime.timedelta(days=60),
            ends_on=datetime.date.today() + datetime.timedelta(days=30),
        )
        cohort.facilitators.add(facilitator)
        probe = probe_learner(course, lessons, cohort)
        rng = random.Random(4)
        made = 1  # the probe
        for size in SIZES:
            step = time.perf_counter()
            add_learners(size - made, made, course, lessons, cohort, rng)
            say(f"{size - made:,} learners added in bulk in {time.perf_counter() - step:.1f} s")
            made = size
            results["pages"][size] = measure_pages(course, cohort, probe, facilitator)
        if PROFILE:
            from django.urls import reverse
            from django.utils import translation

            with translation.override("en"):
                profile(reverse("courses:cohort", args=[cohort.pk]), facilitator, label)
        small, large = SIZES
        rows = []
        for before, after in zip(results["pages"][small], results["pages"][large], strict=True):
            if before["status"] != 200 or after["status"] != 200:
                status = after["status"] if after["status"] != 200 else before["status"]
                rows.append([before["name"], f"HTTP {status}", "", "", "", "", "", "", ""])
                continue
            rows.append(
                [
                    before["name"],
                    before["queries"],
                    after["queries"],
                    "same" if before["queries"] == after["queries"] else "GROWS",
                    f"{before['median_ms']:.1f}",
                    f"{before['p95_ms']:.1f}",
                    f"{after['median_ms']:.1f}",
                    f"{after['p95_ms']:.1f}",
                    after["requests"],
                ]
            )
        table(
            f"Queries and latency per request (ms; test client, DEBUG off) · {label}",
            [
                "page",
                f"queries@{small:,}",
                f"queries@{large:,}",
                "",
                f"median@{small:,}",
                f"p95@{small:,}",
                f"median@{large:,}",
                f"p95@{large:,}",
                "requests",
            ],
            rows,
        )
    finally:
        connections.close_all()
        if not KEEP:
            remove()
    return results


def main():
    child = os.environ.get("BENCH_COURSES_CHILD")
    if child:
        results = run_database(child)
        Path(os.environ["BENCH_COURSES_RESULTS"]).write_text(json.dumps(results))
        return

    began = time.perf_counter()
    say(
        f"Courses benchmark · {COMPLETIONS} completions per run · dashboards at "
        f"{SIZES[0]:,} and {SIZES[1]:,} learners · load average {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} CPUs"
    )
    results, skipped = [], []
    for kind in DATABASES:
        if kind == "postgres":
            reason = postgres_unreachable()
            if reason:
                skipped.append(f"PostgreSQL skipped: {reason}")
                say(f"\n=== {skipped[-1]}")
                continue
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            out = Path(handle.name)
        env = {
            **os.environ,
            "BENCH_COURSES_CHILD": kind,
            "BENCH_COURSES_RESULTS": str(out),
            "PYTHONPATH": str(ROOT),
        }
        # Each database in a process of its own: Django is set up once per process.
        done = subprocess.run([sys.executable, __file__], env=env, cwd=ROOT, check=False)  # noqa: S603
        if done.returncode != 0 or not out.stat().st_size:
            out.unlink(missing_ok=True)
            raise SystemExit(f"the {kind} run failed ({done.returncode})")
        results.append(json.loads(out.read_text()))
        out.unlink()

    rows = []
    for result in results:
        name = result["database"].split(" ")[0]
        for r in result["throughput"]:
            rows.append(
                [
                    f"completions/s, {name}, {r['workers']} worker(s)",
                    "no errors (rate reported)",
                    f"{r['per_second']:.1f} ({r['errors']} errors)",
                    "PASS" if not r["errors"] else "MISS",
                ]
            )
        pages = result["pages"]
        small, large = (str(size) for size in SIZES)
        for before, after in zip(pages[small], pages[large], strict=True):
            if before["status"] != 200 or after["status"] != 200:
                rows.append(
                    [f"{before['name']}, {name}", "answers 200", f"HTTP {after['status']}", "MISS"]
                )
                continue
            rows.append(
                [
                    f"queries constant: {before['name']}, {name}",
                    f"same at {SIZES[0]:,} and {SIZES[1]:,}",
                    f"{before['queries']} → {after['queries']} queries",
                    "PASS" if before["queries"] == after["queries"] else "MISS",
                ]
            )
            rows.append(
                [
                    f"  latency at {SIZES[1]:,} learners",
                    "reported",
                    f"median {after['median_ms']:.0f} ms, p95 {after['p95_ms']:.0f} ms",
                    "",
                ]
            )
    table("Targets", ["target", "wanted", "measured", "result"], rows)
    for line in skipped:
        say(line)
    say(f"\nTotal {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
