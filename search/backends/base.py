"""The interface every search backend implements (database, Elasticsearch).

Backends store Documents and answer Queries with Results; they know nothing of the apps.
Visibility and filters are applied inside the backend's query, never after it, so totals,
facet counts and pages are all computed over what the reader may see.
"""


class SearchBackend:
    name = ""
    # True when writes are quick enough to run right after the commit, in the request that
    # made the change; False sends them to a background thread (search.indexing).
    inline_updates = True

    def setup(self):
        """Create what the backend needs (tables, indices) if it is missing."""

    def index(self, documents):
        """Add or replace these documents (by key)."""
        raise NotImplementedError

    def delete(self, keys):
        """Remove documents by key; unknown keys are ignored."""
        raise NotImplementedError

    def rebuild(self, documents, progress=None):
        """Replace the whole index with these documents (an iterable, possibly a generator of
        millions). `progress(n)` is called as batches are written. Backends that can build
        the new index beside the old one and swap (Elasticsearch) keep serving meanwhile."""
        self.clear()
        batch = []
        for document in documents:
            batch.append(document)
            if len(batch) >= 500:
                self.index(batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            self.index(batch)
            if progress:
                progress(len(batch))

    def clear(self):
        raise NotImplementedError

    def search(self, query):
        """search.documents.Results for a search.documents.Query."""
        raise NotImplementedError

    def suggest(self, prefix, principals, limit=8):
        """[search.documents.Suggestion] whose titles start with words starting like prefix,
        among what these principals may read."""
        raise NotImplementedError

    def counts(self):
        """{type: number of documents indexed}."""
        raise NotImplementedError

    def keys(self, type_name):
        """Every indexed key of one type (for `search_index status`)."""
        raise NotImplementedError

    def describe(self):
        """One line for `search_index status`: what and where this backend is."""
        return self.name
