"""Chooses the search backend from the settings: Elasticsearch when ELASTICSEARCH_URL is set,
the database otherwise (SQLite FTS5, or PostgreSQL full text)."""

from functools import cache

from django.conf import settings


@cache
def get_backend():
    if settings.ELASTICSEARCH_URL:
        from .elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(
            url=settings.ELASTICSEARCH_URL, index=settings.ELASTICSEARCH_INDEX
        )
    from .database import DatabaseBackend

    return DatabaseBackend()
