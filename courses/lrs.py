"""Forwarding learning statements to an external Learning Record Store (LRS).

Every statement is first kept in our database (``LearningStatement``), in the transaction of
the learner's action. When ``XAPI_LRS_URL`` is set, ``forward_after_commit()`` (called by the
services) asks, once that transaction has committed, a single background thread of this
process to send what is pending. Nothing the LRS does can slow down or fail the learner's
request: the thread only reads and marks statements, and what it could not send stays
pending, retried with exponential backoff by the next run or by ``manage.py xapi_forward``
(the worker process to run at scale: several may run at once on PostgreSQL, each takes other
rows, ``SKIP LOCKED``).

Settings: ``XAPI_LRS_URL`` (the LRS endpoint, without ``/statements``), ``XAPI_LRS_USERNAME``,
``XAPI_LRS_PASSWORD`` (HTTP basic auth), and ``XAPI_LRS_SYNC`` (tests: forward in the
committing thread instead of the background one).
"""

import base64
import contextlib
import json
import logging
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import Q
from django.utils import timezone

from .xapi import XAPI_VERSION

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
TIMEOUT_SECONDS = 10
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)
MAX_ERROR_LENGTH = 500
# The LRS already holds a statement with this id: for us, it is delivered.
DELIVERED = {200, 204, 409}


def lrs_url():
    return (getattr(settings, "XAPI_LRS_URL", "") or "").strip()


def is_configured():
    return bool(lrs_url())


# --- In the background, after the learner's transaction ---------------------------------------

_executor = None
_executor_lock = threading.Lock()
_queued = threading.Event()  # a run is waiting in the executor: no need for another


def _get_executor():
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xapi-lrs")
        return _executor


def forward_after_commit():
    """Called inside the transaction that stored statements: once it commits, send what is
    pending. One run is queued at a time, however many statements the transaction made."""
    if not is_configured():
        return
    transaction.on_commit(_schedule, robust=True)


def _schedule():
    if getattr(settings, "XAPI_LRS_SYNC", False):
        _run_safely()
        return
    if _queued.is_set():
        return
    _queued.set()
    try:
        _get_executor().submit(_background_run)
    except RuntimeError:  # the interpreter is shutting down
        _queued.clear()


def _background_run():
    _queued.clear()
    try:
        _run_safely()
    finally:
        # This thread's own connection: closed after each run, never left to time out.
        connections.close_all()


def _run_safely():
    try:
        forward_pending()
    except Exception:
        logger.exception("Forwarding learning statements to the LRS failed; they stay pending")


# --- Sending ----------------------------------------------------------------------------------


@dataclass
class ForwardResult:
    sent: int = 0
    failed: int = 0
    error: str = ""


def _pending(now):
    from .models import LearningStatement

    return LearningStatement.objects.filter(forwarded_at__isnull=True).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def backoff(attempts):
    """How long to wait after the n-th failed attempt: 1 min, 2, 4, … at most 6 hours."""
    exponent = min(max(attempts - 1, 0), 20)
    return min(FIRST_RETRY * (2**exponent), LONGEST_RETRY)


def forward_pending(*, limit=BATCH_SIZE, now=None):
    """Send up to ``limit`` pending statements (oldest first) to the LRS in one request, and
    mark them forwarded, or count the failure and set the next attempt. Returns what
    happened."""
    if not is_configured():
        return ForwardResult()
    now = now or timezone.now()
    rows = _pending(now).order_by("timestamp", "id")[:limit]
    skip_locked = connection.features.has_select_for_update_skip_locked
    # On PostgreSQL the batch stays locked while it is sent, so a second worker takes other
    # rows. SQLite has no row locks (and one process): no transaction held across the request.
    with transaction.atomic() if skip_locked else contextlib.nullcontext():
        if skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        batch = list(rows)
        if not batch:
            return ForwardResult()
        error = _post([statement.statement for statement in batch])
        _mark(batch, error, now)
    if error:
        logger.warning("LRS refused or unreachable (%s statements pending): %s", len(batch), error)
        return ForwardResult(failed=len(batch), error=error)
    return ForwardResult(sent=len(batch))


def forward_all(*, limit=BATCH_SIZE):
    """Send batches until nothing is due or the LRS fails."""
    total = ForwardResult()
    while True:
        result = forward_pending(limit=limit)
        total.sent += result.sent
        total.failed += result.failed
        total.error = result.error or total.error
        if result.failed or result.sent < limit:
            return total


def _mark(batch, error, now):
    from .models import LearningStatement

    for statement in batch:
        if error:
            statement.forward_attempts = min(statement.forward_attempts + 1, 32000)
            statement.next_attempt_at = now + backoff(statement.forward_attempts)
            statement.last_error = error[:MAX_ERROR_LENGTH]
        else:
            statement.forwarded_at = now
            statement.next_attempt_at = None
            statement.last_error = ""
    fields = ["forwarded_at", "forward_attempts", "next_attempt_at", "last_error"]
    LearningStatement.objects.bulk_update(batch, fields)


def _post(statements):
    """POST the statements as one JSON array. Returns "" when the LRS has them, else what went
    wrong."""
    url = lrs_url().rstrip("/") + "/statements"
    if not url.startswith(("http://", "https://")):
        return f"XAPI_LRS_URL must be an http(s) address, not {lrs_url()!r}"
    body = json.dumps(statements, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310 (checked above)
    request.add_header("Content-Type", "application/json")
    request.add_header("X-Experience-API-Version", XAPI_VERSION)
    username = getattr(settings, "XAPI_LRS_USERNAME", "") or ""
    password = getattr(settings, "XAPI_LRS_PASSWORD", "") or ""
    if username or password:
        token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
        if status not in DELIVERED:
            detail = exc.read(300).decode("utf-8", "replace").strip()
            return f"HTTP {status} {exc.reason}: {detail}".strip(": ")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return f"{type(exc).__name__}: {reason}"
    if status not in DELIVERED:
        return f"HTTP {status}: unexpected answer"
    return ""
