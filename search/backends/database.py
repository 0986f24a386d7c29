"""The embedded search backend: the project's own database.

SQLite uses FTS5 (terms folded and stemmed in Python, ranked with bm25); PostgreSQL uses
tsvector columns built with a text search configuration per language (ranked with
ts_rank_cd). Everything else is the same SQL for both: visibility and facet filters are EXISTS
clauses inside the query, and facet counts are one GROUP BY over the matching entries.
A search is three queries (page of hits, total, facet counts), whatever the index size.
"""

import difflib
from datetime import UTC
from itertools import islice

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .. import text
from ..documents import Hit, Query, Results, Suggestion
from ..models import IndexAccess, IndexEntry, IndexFacet, IndexTerm
from .base import SearchBackend

PG_CONFIGS = {"en": "ln_english", "fr": "ln_french", "es": "ln_spanish", "pt": "ln_portuguese"}
PG_ALL_CONFIGS = [*PG_CONFIGS.values(), "ln_simple"]
BODY_LIMIT = 100_000  # characters of a body that are indexed and kept for snippets
FACET_VALUES_SHOWN = 100
VOCABULARY_BODY = 20_000  # characters of a body whose words "did you mean" may offer


def _chunks(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


class DatabaseBackend(SearchBackend):
    name = "database"
    inline_updates = True

    @property
    def vendor(self):
        return connection.vendor

    def describe(self):
        engine = "PostgreSQL full text" if self.vendor == "postgresql" else "SQLite FTS5"
        return f"database ({engine}), {IndexEntry.objects.count()} documents"

    # --- Writing ------------------------------------------------------------------------

    def index(self, documents):
        documents = list({d.key: d for d in documents}.values())
        if not documents:
            return
        with transaction.atomic():
            self._delete_entries([d.key for d in documents])
            entries = IndexEntry.objects.bulk_create(
                [
                    IndexEntry(
                        key=d.key,
                        type=d.type,
                        object_id=str(d.id),
                        language=d.language or "",
                        title=text.clean(d.title)[:500],
                        summary=text.clean(d.summary),
                        body=text.clean(d.body)[:BODY_LIMIT],
                        url=d.url,
                        date=d.date,
                    )
                    for d in documents
                ]
            )
            IndexAccess.objects.bulk_create(
                IndexAccess(entry=entry, token=token)
                for entry, d in zip(entries, documents, strict=True)
                for token in sorted(set(d.visibility))
            )
            IndexFacet.objects.bulk_create(
                IndexFacet(entry=entry, facet=name, value=str(value)[:80])
                for entry, d in zip(entries, documents, strict=True)
                for name, values in d.all_facets().items()
                for value in values
            )
            IndexTerm.objects.bulk_create(
                [IndexTerm(word=word) for word in self._vocabulary(documents)],
                ignore_conflicts=True,
            )
            if self.vendor == "sqlite":
                self._sqlite_write(entries)
            elif self.vendor == "postgresql":
                self._postgres_write(entries)

    def _vocabulary(self, documents):
        words = set()
        for d in documents:
            # The start of the body too: "did you mean" must know the words people look for,
            # not only those of titles.
            for word in text.words(f"{d.title} {d.summary} {d.body[:VOCABULARY_BODY]}"):
                folded = text.fold(word)
                if 3 <= len(folded) <= 40 and not folded.isdigit():
                    words.add(folded)
        return sorted(words)

    def _sqlite_write(self, entries):
        rows = [
            (
                entry.id,
                " ".join(text.index_terms(entry.title, entry.language)),
                " ".join(text.index_terms(entry.summary, entry.language)),
                " ".join(text.index_terms(entry.body, entry.language)),
            )
            for entry in entries
        ]
        with connection.cursor() as cursor:
            # Ids can be reused after a rollback or a flush: replace whatever row had this id.
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(r[0],) for r in rows])
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",
                rows,
            )

    def _postgres_write(self, entries):
        by_config = {}
        for entry in entries:
            by_config.setdefault(PG_CONFIGS.get(entry.language, "ln_simple"), []).append(entry.id)
        with connection.cursor() as cursor:
            for config, ids in by_config.items():
                cursor.execute(
                    "UPDATE search_indexentry SET search_vector = "
                    "setweight(to_tsvector(%s::regconfig, title), 'A') || "
                    "setweight(to_tsvector(%s::regconfig, summary), 'B') || "
                    "setweight(to_tsvector(%s::regconfig, body), 'C') "
                    "WHERE id = ANY(%s)",
                    [config, config, config, ids],
                )

    def rebuild(self, documents, progress=None):
        # One transaction: readers keep the old index until the new one is complete.
        with transaction.atomic():
            super().rebuild(documents, progress)

    def delete(self, keys):
        keys = list(keys)
        if keys:
            with transaction.atomic():
                self._delete_entries(keys)

    def _delete_entries(self, keys):
        for batch in _chunks(keys, 500):
            ids = list(IndexEntry.objects.filter(key__in=batch).values_list("id", flat=True))
            if not ids:
                continue
            if self.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.executemany(
                        "DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in ids]
                    )
            IndexEntry.objects.filter(id__in=ids).delete()

    def clear(self):
        with transaction.atomic():
            IndexAccess.objects.all().delete()
            IndexFacet.objects.all().delete()
            IndexEntry.objects.all().delete()
            if self.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM search_fts")

    def counts(self):
        return dict(IndexEntry.objects.values_list("type").annotate(n=Count("id")).order_by("type"))

    def keys(self, type_name):
        return set(IndexEntry.objects.filter(type=type_name).values_list("key", flat=True))

    # --- Reading ------------------------------------------------------------------------

    def _match(self, clauses):
        """(join, condition, params, rank expression) for the full-text part of a query."""
        if self.vendor == "postgresql":
            tsquery, params = self._pg_tsquery(clauses)
            return (
                "",
                f"e.search_vector @@ ({tsquery})",
                params,
                (f"ts_rank_cd(e.search_vector, ({tsquery})) DESC", params),
            )
        return (
            "JOIN search_fts ON search_fts.rowid = e.id",
            "search_fts MATCH %s",
            [self._fts_expression(clauses)],
            ("bm25(search_fts, 10.0, 4.0, 1.0)", []),
        )

    @staticmethod
    def _fts_quote(term):
        return '"' + term.replace('"', '""') + '"'

    def _fts_expression(self, clauses, prefix_last=False, column=None):
        """An FTS5 query: each clause is an OR of the forms it may take in the four languages;
        clauses are ANDed, negated ones subtracted with NOT."""
        parts, negated = [], []
        for i, clause in enumerate(clauses):
            last = prefix_last and i == len(clauses) - 1
            if clause.is_phrase:
                forms = {
                    " ".join(text.stem(text.fold(w), lang) for w in clause.words)
                    for lang in [*text.LANGUAGES, ""]
                }
            elif last:
                forms = set(text.prefix_forms(clause.words[0]))
            else:
                forms = set(text.query_forms(clause.words[0]))
            star = " *" if last else ""
            expression = (
                "(" + " OR ".join(f"{self._fts_quote(f)}{star}" for f in sorted(forms)) + ")"
            )
            (negated if clause.negated else parts).append(expression)
        expression = " AND ".join(parts)
        for n in negated:
            expression = f"({expression}) NOT {n}"
        if column:
            expression = f"{column} : ({expression})"
        return expression

    def _pg_tsquery(self, clauses):
        """A tsquery expression: each word or phrase analysed by every language's
        configuration and ORed; clauses ANDed; negated ones with !!."""
        parts, params = [], []
        for clause in clauses:
            function = "phraseto_tsquery" if clause.is_phrase else "plainto_tsquery"
            phrase = " ".join(clause.words)
            options = " || ".join(f"{function}('{config}', %s)" for config in PG_ALL_CONFIGS)
            params.extend([phrase] * len(PG_ALL_CONFIGS))
            parts.append(f"{'!!' if clause.negated else ''}({options})")
        return " && ".join(parts), params

    def _filters(self, query):
        """SQL conditions and params for visibility and facet filters."""
        conditions, params = [], []
        if query.principals is not None:
            placeholders = ", ".join(["%s"] * len(query.principals)) or "NULL"
            conditions.append(
                "EXISTS (SELECT 1 FROM search_indexaccess a WHERE a.entry_id = e.id "  # noqa: S608
                f"AND a.token IN ({placeholders}))"
            )
            params.extend(query.principals)
        for facet, values in sorted(query.filters.items()):
            for value in values:
                conditions.append(
                    "EXISTS (SELECT 1 FROM search_indexfacet x WHERE x.entry_id = e.id "
                    "AND x.facet = %s AND x.value = %s)"
                )
                params.extend([facet, value])
        return conditions, params

    def _matching(self, query, clauses):
        """(FROM ... WHERE ... sql, params, order sql, order params) of the entries found."""
        conditions, params = self._filters(query)
        join, rank_order, rank_params = "", None, []
        if clauses:
            join, condition, match_params, (rank_order, rank_params) = self._match(clauses)
            conditions.insert(0, condition)
            params = match_params + params
        where = " AND ".join(conditions) or "1 = 1"
        sql = f"FROM search_indexentry e {join} WHERE {where}"
        by_date = "e.date IS NULL, e.date DESC, e.id DESC"
        if query.sort == "date" or not clauses:
            return sql, params, by_date, []
        return sql, params, f"{rank_order}, {by_date}", rank_params

    def search(self, query, with_suggestion=True):
        clauses = text.parse(query.text)
        sql, params, order, order_params = self._matching(query, clauses)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT e.type, e.object_id, e.title, e.url, e.language, e.summary, e.body, "
                f"e.date {sql} ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, *order_params, query.per_page, query.offset],
            )
            rows = cursor.fetchall()
            cursor.execute(f"SELECT COUNT(*) {sql}", params)
            total = cursor.fetchone()[0]
            facets = {}
            if total:
                cursor.execute(
                    "SELECT f.facet, f.value, COUNT(*) FROM search_indexfacet f "  # noqa: S608
                    f"WHERE f.entry_id IN (SELECT e.id {sql}) GROUP BY f.facet, f.value",
                    params,
                )
                for facet, value, count in cursor.fetchall():
                    facets.setdefault(facet, []).append((value, count))
        for values in facets.values():
            values.sort(key=lambda pair: (-pair[1], pair[0]))
            del values[FACET_VALUES_SHOWN:]
        hits = [self._hit(row, clauses) for row in rows]
        suggestion = ""
        if with_suggestion and not total and clauses:
            suggestion = self._did_you_mean(query, clauses)
        return Results(hits=hits, total=total, facets=facets, suggestion=suggestion)

    @staticmethod
    def _hit(row, clauses):
        type_, object_id, title, url, language, summary, body, date = row
        if isinstance(date, str):
            date = parse_datetime(date)
        if date is not None and timezone.is_naive(date):
            # SQLite's raw cursor gives the stored UTC time without its zone.
            date = timezone.make_aware(date, UTC)
        highlight = ""
        if clauses:
            highlight = text.snippet(body, clauses, language) or text.snippet(
                summary, clauses, language
            )
        title_highlight = text.mark(title, clauses, language) if clauses else ""
        if title_highlight == title:
            title_highlight = ""
        return Hit(
            type=type_,
            id=object_id,
            title=title,
            url=url,
            language=language,
            summary=summary,
            date=date,
            highlight=highlight,
            title_highlight=title_highlight,
        )

    def _did_you_mean(self, query, clauses):
        """A query with each unknown word replaced by the closest known one, offered only if
        it finds something for this reader."""
        changed = False
        corrected = []
        for clause in clauses:
            words = []
            for word in clause.words:
                folded = text.fold(word)
                known = IndexTerm.objects.filter(word=folded).exists()
                if not known and len(folded) >= 3:
                    candidates = IndexTerm.objects.filter(word__startswith=folded[0]).values_list(
                        "word", flat=True
                    )
                    close = difflib.get_close_matches(folded, list(candidates), n=1, cutoff=0.75)
                    if close:
                        words.append(close[0])
                        changed = True
                        continue
                words.append(word)
            part = " ".join(words)
            part = f'"{part}"' if clause.is_phrase else part
            corrected.append(f"-{part}" if clause.negated else part)
        if not changed:
            return ""
        suggestion = " ".join(corrected)
        check = Query(
            text=suggestion, filters=query.filters, principals=query.principals, per_page=1
        )
        return suggestion if self.search(check, with_suggestion=False).total else ""

    def suggest(self, prefix, principals, limit=8):
        clauses = text.parse(prefix)
        clauses = [c for c in clauses if not c.negated]
        if not clauses:
            return []
        query = Query(principals=principals)
        conditions, params = self._filters(query)
        if self.vendor == "postgresql":
            tsquery, match_params = self._pg_prefix_tsquery(clauses)
            join, condition = "", f"e.search_vector @@ ({tsquery})"
            order = f"ts_rank_cd(e.search_vector, ({tsquery})) DESC"
            order_params = match_params
        else:
            join = "JOIN search_fts ON search_fts.rowid = e.id"
            condition = "search_fts MATCH %s"
            match_params = [self._fts_expression(clauses, prefix_last=True, column="title")]
            order, order_params = "bm25(search_fts, 10.0, 0.0, 0.0)", []
        where = " AND ".join([condition, *conditions])
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.title, e.url, e.type FROM search_indexentry e {join} WHERE {where} "  # noqa: S608
                f"ORDER BY {order}, e.date IS NULL, e.date DESC LIMIT %s",
                [*match_params, *params, *order_params, limit * 3],
            )
            seen, suggestions = set(), []
            for title, url, type_ in cursor.fetchall():
                if title.casefold() in seen:
                    continue
                seen.add(title.casefold())
                suggestions.append(Suggestion(title=title, url=url, type=type_))
        return suggestions[:limit]

    def _pg_prefix_tsquery(self, clauses):
        """Title words (weight A) starting like the last word and containing the others."""
        parts, params = [], []
        for i, clause in enumerate(clauses):
            for j, word in enumerate(clause.words):
                last = i == len(clauses) - 1 and j == len(clause.words) - 1
                if last:
                    # Lexemes written out (folded, stems only where they keep the word's
                    # start), so "res" does not complete to every word starting with "re".
                    lexemes = [
                        "".join(ch for ch in form if ch.isalnum())
                        for form in text.prefix_forms(word)
                    ]
                    lexemes = [lexeme for lexeme in lexemes if lexeme]
                    if not lexemes:
                        continue
                    parts.append(
                        "(" + " || ".join("to_tsquery('simple', %s)" for _ in lexemes) + ")"
                    )
                    params.extend(f"{lexeme}:*A" for lexeme in lexemes)
                    continue
                lexeme = "".join(ch for ch in text.fold(word) if ch.isalnum())
                if not lexeme:
                    continue
                options = " || ".join(f"to_tsquery('{config}', %s)" for config in PG_ALL_CONFIGS)
                params.extend([f"{lexeme}:A"] * len(PG_ALL_CONFIGS))
                parts.append(f"({options})")
        return " && ".join(parts) or "to_tsquery('')", params
