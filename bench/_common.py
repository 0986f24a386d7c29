"""What the benchmarks share: printing tables, PostgreSQL administration, and a migrated SQLite
database kept between runs (migrating takes longer than most measurements)."""

import hashlib
import os
import shutil
import socket
import tempfile
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_admin_url():
    """The PostgreSQL server the benchmarks make their throwaway databases on:
    BENCH_POSTGRES_URL, else the server of a PostgreSQL DATABASE_URL, else the local one."""
    site = os.environ.get("DATABASE_URL", "")
    return os.environ.get("BENCH_POSTGRES_URL") or (
        site
        if site.startswith(("postgres://", "postgresql://", "pgsql://"))
        else "postgres://postgres@127.0.0.1:5432/postgres"
    )


def database_url(admin_url, name):
    """The URL of database ``name`` on the server of ``admin_url``."""
    parts = urlsplit(admin_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


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


# --- A small websocket client (RFC 6455, text frames) for the websocket benchmarks and the
# cross-process tests: the project has no websocket client library, and a thousand clients in
# one process want something this thin.


class WebsocketRefused(Exception):
    """The server did not upgrade the connection (status line given) or could not be reached."""


class Websocket:
    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer
        self.close_code = None

    @classmethod
    async def connect(cls, host, port, path, headers=(), timeout=30):
        import asyncio
        import base64
        import os

        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(host, port, limit=2**22), timeout
            )
        except (OSError, TimeoutError) as error:
            raise WebsocketRefused(f"{type(error).__name__}: {error}") from error
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [
            f"GET {path} HTTP/1.1",
            f"Host: {host}:{port}",
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {key}",
            "Sec-WebSocket-Version: 13",
            f"Origin: http://{host}:{port}",
            *[f"{name}: {value}" for name, value in headers],
        ]
        try:
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        except (OSError, TimeoutError, asyncio.IncompleteReadError) as error:
            writer.close()
            raise WebsocketRefused(f"{type(error).__name__}: {error}") from error
        status = head.split(b"\r\n", 1)[0].decode(errors="replace")
        if " 101 " not in status + " ":
            writer.close()
            raise WebsocketRefused(status)
        return cls(reader, writer)

    async def recv(self):
        """The next text message, or None once the server closed (see close_code)."""
        import asyncio
        import struct

        parts = []
        try:
            while True:
                first, second = await self.reader.readexactly(2)
                opcode, length = first & 0x0F, second & 0x7F
                if length == 126:
                    (length,) = struct.unpack("!H", await self.reader.readexactly(2))
                elif length == 127:
                    (length,) = struct.unpack("!Q", await self.reader.readexactly(8))
                mask = await self.reader.readexactly(4) if second & 0x80 else None
                data = await self.reader.readexactly(length)
                if mask:
                    data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
                if opcode == 0x8:
                    self.close_code = struct.unpack("!H", data[:2])[0] if len(data) >= 2 else 1005
                    return None
                if opcode == 0x9:
                    self._frame(0xA, data)
                    continue
                if opcode == 0xA:
                    continue
                parts.append(data)
                if first & 0x80:
                    return b"".join(parts).decode()
        except (asyncio.IncompleteReadError, OSError):
            self.close_code = self.close_code or 1006
            return None

    async def recv_json(self):
        import json

        text = await self.recv()
        return None if text is None else json.loads(text)

    def _frame(self, opcode, data):
        import os
        import struct

        mask = os.urandom(4)
        length = len(data)
        if length < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
        elif length < 65536:
            head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        self.writer.write(head + mask + masked)

    async def send(self, text):
        self._frame(0x1, text.encode())
        await self.writer.drain()

    async def send_json(self, message):
        import json

        await self.send(json.dumps(message))

    def abort(self):
        """Drop the connection without a closing handshake, as a network failure would."""
        transport = self.writer.transport
        if transport is not None:
            transport.abort()

    async def close(self):
        import struct

        try:
            self._frame(0x8, struct.pack("!H", 1000))
            await self.writer.drain()
        except OSError:
            pass
        self.writer.close()


def rss_kib(pid):
    """Resident memory of a process, in KiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
