"""Look after the search index.

manage.py search_index rebuild [--type case_study ...]   every document, rebuilt
manage.py search_index update [--watch SECONDS]          apply queued changes (retries)
manage.py search_index status                            what is indexed and queued
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from search import indexing, registry
from search.backends import get_backend
from search.models import PendingUpdate


class Command(BaseCommand):
    help = "Rebuild the search index, apply queued updates, or show its status."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rebuild = sub.add_parser("rebuild", help="Index every searchable object again.")
        rebuild.add_argument(
            "--type", action="append", dest="types", help="Only this type (repeatable)."
        )
        rebuild.add_argument("--no-progress", action="store_true")
        update = sub.add_parser("update", help="Apply the queued updates, retrying failures.")
        update.add_argument(
            "--watch",
            type=float,
            default=0,
            help="Keep running, looking for due updates every this many seconds.",
        )
        update.add_argument(
            "--retry-now", action="store_true", help="Retry failed updates without waiting."
        )
        sub.add_parser("status", help="Counts per type: in the database, in the index, queued.")

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_rebuild(self, types=None, no_progress=False, **options):
        known = registry.types()
        unknown = set(types or []) - set(known)
        if unknown:
            raise CommandError(
                f"Unknown type(s): {', '.join(sorted(unknown))}. Known: {', '.join(known)}."
            )
        backend = get_backend()
        backend.setup()
        chosen = {name: t for name, t in known.items() if not types or name in types}
        total = sum(indexing.candidate_count(t) for t in chosen.values())
        self.stdout.write(f"Rebuilding {backend.describe()}: {total} candidates")
        started = time.monotonic()
        with (
            indexing.rebuilding(),
            tqdm(total=total, unit="doc", disable=no_progress, file=self.stderr) as bar,
        ):
            documents = indexing.all_documents(list(chosen))
            if types:
                # Only some types: replace theirs and leave the rest of the index alone.
                stale = set().union(*(backend.keys(name) for name in chosen))
                fresh = set()
                batch = []
                for document in documents:
                    batch.append(document)
                    fresh.add(document.key)
                    if len(batch) >= 500:
                        backend.index(batch)
                        bar.update(len(batch))
                        batch = []
                backend.index(batch)
                bar.update(len(batch))
                backend.delete(sorted(stale - fresh))
            else:
                backend.rebuild(documents, progress=bar.update)
        counts = backend.counts()
        for name in chosen:
            self.stdout.write(f"  {name}: {counts.get(name, 0)} indexed")
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f} s."))

    def handle_update(self, watch=0, retry_now=False, **options):
        if retry_now:
            PendingUpdate.objects.update(next_attempt_at=timezone.now())
        while True:
            done, failed = indexing.flush()
            if done or failed or not watch:
                self.stdout.write(f"{done} updated, {failed} failed (kept for a retry).")
            if not watch:
                break
            time.sleep(watch)

    def handle_status(self, **options):
        backend = get_backend()
        self.stdout.write(backend.describe())
        counts = backend.counts()
        queued = PendingUpdate.objects.exclude(type=indexing.REBUILD_MARKER)
        failing = queued.filter(attempts__gt=0)
        rows = [("type", "searchable", "indexed", "queued")]
        for name, search_type in registry.types().items():
            rows.append(
                (
                    name,
                    str(indexing.candidate_count(search_type)),
                    str(counts.get(name, 0)),
                    str(queued.filter(type=name).count()),
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            )
        self.stdout.write(
            f"{queued.count()} queued, {failing.count()} failing"
            + (
                f" (last error: {failing.latest('next_attempt_at').last_error})"
                if failing.exists()
                else ""
            )
        )
        self.stdout.write(
            "'searchable' counts candidates before drafts, private profiles and password-"
            "protected pages are left out."
        )
