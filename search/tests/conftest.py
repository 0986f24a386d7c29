"""The search backends under test: the database backend always (SQLite or PostgreSQL, as the
run is configured), Elasticsearch when ELASTICSEARCH_URL names a cluster."""

import uuid

import pytest
from django.conf import settings


def _database():
    from search.backends.database import DatabaseBackend

    return DatabaseBackend()


def _elasticsearch():
    if not settings.ELASTICSEARCH_URL:
        pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against")
    from search.backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(
        url=settings.ELASTICSEARCH_URL,
        index=f"{settings.ELASTICSEARCH_INDEX}-{uuid.uuid4().hex[:8]}",
    )


class Indexed:
    """A backend with the helpers the behaviour tests need: put() indexes and makes the
    documents searchable at once (Elasticsearch refreshes)."""

    def __init__(self, backend):
        self.backend = backend

    def put(self, *documents):
        self.backend.index(list(documents))
        self.refresh()

    def remove(self, *keys):
        self.backend.delete(list(keys))
        self.refresh()

    def refresh(self):
        refresh = getattr(self.backend, "refresh", None)
        if refresh:
            refresh()

    def __getattr__(self, name):
        return getattr(self.backend, name)


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, db):
    backend = _database() if request.param == "database" else _elasticsearch()
    backend.setup()
    backend.clear()
    yield Indexed(backend)
    if request.param == "elasticsearch":
        backend.drop()
