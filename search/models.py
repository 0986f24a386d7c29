"""The database search index and the queue of updates waiting to reach the index.

`IndexEntry` and its rows are the database backend's index (SQLite keeps the searchable terms
in the FTS5 table `search_fts`, PostgreSQL in the `search_vector` tsvector column: both are
created by migration 0002, not by the ORM). `PendingUpdate` is used by every backend: a change
is queued in the transaction that makes it and applied after the commit, so a failed or slow
update is retried, never lost.
"""

from django.db import models
from django.utils import timezone


class IndexEntry(models.Model):
    """One indexed document (search.documents.Document) of the database backend."""

    key = models.CharField(max_length=120, unique=True)
    type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    language = models.CharField(max_length=8, blank=True)
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["type"]), models.Index(fields=["date"])]

    def __str__(self):
        return self.key


class IndexAccess(models.Model):
    """A visibility token of an entry: readers holding it may find the entry."""

    entry = models.ForeignKey(IndexEntry, on_delete=models.CASCADE, related_name="access")
    token = models.CharField(max_length=80)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "token"], name="search_access_unique")
        ]
        indexes = [models.Index(fields=["token", "entry"])]

    def __str__(self):
        return self.token


class IndexFacet(models.Model):
    """A facet value of an entry (type, language, theme...)."""

    entry = models.ForeignKey(IndexEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=32)
    value = models.CharField(max_length=80)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "facet", "value"], name="search_facet_unique")
        ]
        indexes = [models.Index(fields=["facet", "value", "entry"])]

    def __str__(self):
        return f"{self.facet}={self.value}"


class IndexTerm(models.Model):
    """A word seen in a document: the vocabulary "did you mean" picks from. Never shown
    unless a search with it finds something for the reader."""

    word = models.CharField(max_length=40, unique=True)

    def __str__(self):
        return self.word


class PendingUpdate(models.Model):
    """An object whose document must be rebuilt (or removed) in the index."""

    type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    queued_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["type", "object_id"], name="search_pending_unique")
        ]

    def __str__(self):
        return f"{self.type}:{self.object_id}"
