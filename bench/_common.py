"""What the benchmarks share: printing tables, PostgreSQL administration, and a migrated SQLite
database kept between runs (migrating takes longer than most measurements)."""

import hashlib
import shutil
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = Path(tempfile.gettempdir())


def say(text=""):
    print(text, flush=True)


def table(title, header, rows):
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    say(f"\n{title}")
    say("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)))
    say("  ".join("-" * w for w in widths))
    for row in rows:
        say("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def postgres(admin_url, *statements):
    """Run statements on a PostgreSQL server outside any database (create, drop)."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        for statement in statements:
            conn.execute(statement)


def _migrations_fingerprint():
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for package in ("django", "wagtail", "wagtail-localize", "django-taggit", "django-allauth"):
        digest.update(metadata.version(package).encode())
    return digest.hexdigest()[:16]


def migrate(sqlite_path):
    """Migrate the configured database. On SQLite, a migrated copy is kept in the temporary
    directory (named by a fingerprint of the migrations) and copied for the next run, by any
    benchmark."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "sqlite":
        call_command("migrate", verbosity=0)
        return "migrated"
    template = TMP / f"landscape_bench_migrated_{_migrations_fingerprint()}.sqlite3"
    if template.exists():
        connection.close()
        shutil.copyfile(template, sqlite_path)
        return "copied a migrated database"
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    for stale in TMP.glob("landscape_bench_migrated_*.sqlite3"):
        stale.unlink()
    # Copied then renamed: a benchmark running at the same time never copies half a file.
    partial = template.with_suffix(".partial")
    shutil.copyfile(sqlite_path, partial)
    partial.rename(template)
    return "migrated (kept a copy for the next run)"


def profile_requests(client, url, renders):
    """Where the time of a request goes: milliseconds per request without the profiler and,
    of those, in the database; then cProfile's statistics over as many more requests."""
    import cProfile
    import pstats
    import time

    from django.db import connection

    client.get(url)
    in_database = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            in_database.append(time.perf_counter() - started)

    started = time.perf_counter()
    with connection.execute_wrapper(timed):
        for _ in range(renders):
            client.get(url)
    wall = (time.perf_counter() - started) * 1000 / renders
    database = sum(in_database) * 1000 / renders
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(renders):
        client.get(url)
    profiler.disable()
    return wall, database, pstats.Stats(profiler)


def project_functions(stats):
    """The project's own functions in cProfile statistics: (cumulative seconds, calls,
    "path:line name"), biggest first."""
    return sorted(
        (
            (row[3], row[1], f"{Path(path).relative_to(ROOT)}:{line} {name}")
            for (path, line, name), row in stats.stats.items()
            if path.startswith(str(ROOT)) and "/.venv/" not in path and "/bench/" not in path
        ),
        reverse=True,
    )
