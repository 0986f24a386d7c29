"""Keeping the index in step with the data.

A change queues (type, id) in `PendingUpdate` inside the transaction that makes it, so the
queue commits or rolls back with the change. After the commit the queue is flushed: at once
for the database backend, in a background thread for Elasticsearch. Each document is rebuilt
from the database as it is then, so the order of updates does not matter and a repeated one
is harmless. A failed update stays queued with a growing delay; `manage.py search_index
update` (or the next flush) retries it.
"""

import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from . import registry
from .backends import get_backend
from .models import PendingUpdate

logger = logging.getLogger(__name__)

BATCH = 200
MAX_DELAY = timedelta(hours=6)
# A queue row of this type marks a rebuild in progress (see rebuilding()).
REBUILD_MARKER = "__rebuild__"
REPLAY = "replay after the rebuild"


def queue(type_name, ids):
    """Mark these objects' documents for rebuilding after the current transaction commits."""
    ids = {str(i) for i in ids if i is not None}
    if not ids:
        return
    now = timezone.now()
    PendingUpdate.objects.bulk_create(
        [
            PendingUpdate(type=type_name, object_id=i, queued_at=now, next_attempt_at=now)
            for i in sorted(ids)
        ],
        update_conflicts=True,
        unique_fields=["type", "object_id"],
        update_fields=["queued_at", "next_attempt_at"],
    )
    transaction.on_commit(flush_soon)


def flush_soon():
    if get_backend().inline_updates:
        _flush_logged()
    else:
        threading.Thread(target=_flush_in_thread, name="search-index", daemon=True).start()


def _flush_in_thread():
    try:
        _flush_logged()
    finally:
        close_old_connections()
        connection.close()


def _flush_logged():
    try:
        flush()
    except Exception:
        # Never fail the request that changed the data: the queue keeps the work.
        logger.exception("search index update failed; it stays queued")


def flush(max_batches=None):
    """Apply due updates, a batch at a time, until none is due. Returns (done, failed)."""
    done = failed = batches = 0
    while max_batches is None or batches < max_batches:
        batch = _take_batch()
        if not batch:
            break
        batches += 1
        d, f = _apply(batch)
        done, failed = done + d, failed + f
        if d == 0:
            # Everything in this batch failed: stop rather than spin; the delays apply.
            break
    return done, failed


@contextmanager
def rebuilding():
    """While a rebuild fills a new index, changes still reach the old one and would be lost
    when the new one replaces it: they are applied as usual and also kept, then applied
    again once the rebuild is over."""
    marker, _ = PendingUpdate.objects.update_or_create(
        type=REBUILD_MARKER,
        object_id="-",
        defaults={"next_attempt_at": timezone.now() + timedelta(days=3650)},
    )
    try:
        yield
    finally:
        marker.delete()
        PendingUpdate.objects.filter(last_error=REPLAY).update(
            next_attempt_at=timezone.now(), last_error=""
        )
        flush()


def _take_batch():
    now = timezone.now()
    due = (
        PendingUpdate.objects.filter(next_attempt_at__lte=now)
        .exclude(type=REBUILD_MARKER)
        .order_by("next_attempt_at", "id")
    )
    if connection.vendor == "postgresql":
        # Several workers (the request threads and `search_index update`) share the queue.
        with transaction.atomic():
            rows = list(due.select_for_update(skip_locked=True)[:BATCH])
            # Claim them for a while, so another worker skips them until this one is done.
            PendingUpdate.objects.filter(pk__in=[r.pk for r in rows]).update(
                next_attempt_at=now + timedelta(minutes=5)
            )
            return rows
    return list(due[:BATCH])


def _apply(rows):
    """Rebuild these documents in the index; forget the rows done, delay the rows failed."""
    backend = get_backend()
    by_type = {}
    for row in rows:
        by_type.setdefault(row.type, []).append(row)
    done = failed = 0
    types = registry.types()
    for type_name, type_rows in by_type.items():
        search_type = types.get(type_name)
        try:
            if search_type is None:
                # A type no longer registered: its documents must go.
                backend.delete([f"{type_name}:{row.object_id}" for row in type_rows])
            else:
                documents = search_type.documents([row.object_id for row in type_rows])
                backend.index([d for d in documents.values() if d is not None])
                backend.delete([f"{type_name}:{i}" for i, d in documents.items() if d is None])
        except Exception as error:
            failed += len(type_rows)
            logger.warning("search index update of %s failed: %s", type_name, error)
            _delay(type_rows, error)
            continue
        done += len(type_rows)
        # A row queued again while we worked stays, so the newer change is not lost.
        seen = {row.pk: row.queued_at for row in type_rows}
        current = PendingUpdate.objects.filter(pk__in=seen).values_list("pk", "queued_at")
        finished = PendingUpdate.objects.filter(
            pk__in=[pk for pk, queued_at in current if queued_at == seen[pk]]
        )
        if PendingUpdate.objects.filter(type=REBUILD_MARKER).exists():
            finished.update(
                next_attempt_at=timezone.now() + timedelta(days=3650), last_error=REPLAY
            )
        else:
            finished.delete()
    return done, failed


def _delay(rows, error):
    now = timezone.now()
    for row in rows:
        attempts = row.attempts + 1
        delay = min(timedelta(minutes=2**attempts), MAX_DELAY)
        PendingUpdate.objects.filter(pk=row.pk).update(
            attempts=attempts, next_attempt_at=now + delay, last_error=str(error)[:2000]
        )


def all_documents(type_names=None):
    """Every document of the registered types (or of these), for a rebuild; a generator."""
    for name, search_type in registry.types().items():
        if type_names and name not in type_names:
            continue
        queryset = search_type.get_queryset().order_by("pk")
        ids = list(queryset.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            documents = search_type.documents(ids[start : start + BATCH])
            yield from (d for d in documents.values() if d is not None)


def candidate_count(search_type):
    return search_type.get_queryset().count()
