"""Search in Elasticsearch, for when one database no longer suffices (ELASTICSEARCH_URL).

Searches go through an alias (settings.ELASTICSEARCH_INDEX); the alias points at one concrete
index named `<alias>-<YYYYmmddHHMMSSffffff>`. `rebuild` fills a new concrete index beside the
one being searched and moves the alias in one atomic call, so searches never see a half-built
index and never stop.

Everything a request sends is built by pure functions (`index_body`, `document_source`,
`build_search`, `build_count`, `build_spelling`, `build_suggest`) and everything it receives is
read by pure functions (`results_from_response`, `spelling_candidates`,
`suggestions_from_response`), so their bodies are tested without a cluster
(search/tests/test_elasticsearch.py); test_elasticsearch_live.py runs the behaviour against a
live one.
"""

import logging
import re
import time
from datetime import UTC, datetime
from functools import cached_property
from urllib.parse import urlsplit, urlunsplit

from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch_dsl import (
    Completion,
    Date,
    Index,
    Keyword,
    Mapping,
    Object,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from .. import registry
from ..documents import (
    LANGUAGE_FACET,
    MARK_END,
    MARK_START,
    TYPE_FACET,
    Hit,
    Query,
    Results,
    Suggestion,
)
from ..text import LANGUAGES, WORD, clean, fold, parse, snippet, words
from .base import SearchBackend

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# Searches must answer quickly or not at all; bulk writes of 500 documents may take longer on a
# busy cluster.
REQUEST_TIMEOUT = 10
BULK_TIMEOUT = 120
FACET_SIZE = 100
FRAGMENT_SIZE = 240
# Bodies longer than this are highlighted in their first million characters rather than
# failing the whole search: Elasticsearch refuses to analyse more than the index's
# highlight.max_analyzed_offset (1,000,000 by default) unless the request sets a lower limit.
MAX_ANALYZED_OFFSET = 999_999
SPELLING_CANDIDATES = 3

# The stemmers Elasticsearch recommends for each language (the stemmer token filter's
# documentation marks them): Porter for English, the light ones for the Romance languages,
# which stem plurals and genders without merging unrelated words.
STEMMERS = {
    "en": "english",
    "fr": "light_french",
    "es": "light_spanish",
    "pt": "light_portuguese",
}

# The completion field's category contexts are mandatory since Elasticsearch 7: a query must
# name at least one. Every document also carries this context, so a reader who may read
# everything (principals None) asks for it. No visibility token looks like it.
EVERY_READER = "*"

# The query parser (search.text.words) splits text into runs of word characters, so the index
# must split it the same way, or the phrases it makes of "l'eau", "15.3" or "1,000" ("l eau",
# "15 3", "1 000") would never match: the standard tokenizer alone keeps those whole. This
# also does what the French elision filter would ("eau" is found in "l'eau").
WORD_BREAKS = char_filter(
    "word_breaks", "pattern_replace", pattern=r"[^\p{L}\p{N}\p{M}_]+", replacement=" "
)

# Accents folded and nothing stemmed: for documents in no known language, for exact matches
# across languages, for the spelling suggester and for completion.
FOLDED = analyzer(
    "folded",
    tokenizer="standard",
    char_filter=[WORD_BREAKS],
    filter=["lowercase", "asciifolding"],
)


def _language_analyzer(language):
    # Folding before stemming, as search.text does: "deforestacion" and "deforestación" then
    # stem alike, whichever way the reader typed it.
    stemmer = token_filter(f"stem_{language}", "stemmer", language=STEMMERS[language])
    return analyzer(
        f"folded_{language}",
        tokenizer="standard",
        char_filter=[WORD_BREAKS],
        filter=["lowercase", "asciifolding", stemmer],
    )


# Keyed by search.text's languages: a language added there without a stemmer here fails loudly.
ANALYZERS = {language: _language_analyzer(language) for language in LANGUAGES}

TITLE_FIELDS = [f"title_{language}" for language in ANALYZERS] + ["title_folded"]
BODY_FIELDS = [f"body_{language}" for language in ANALYZERS] + ["body_folded"]
# A word in the title weighs more than the same word in the body.
SEARCH_FIELDS = [f"{field}^3" for field in TITLE_FIELDS] + BODY_FIELDS
SOURCE_FIELDS = ["key", "type", "object_id", "language", "title_folded", "url", "summary", "date"]

DATE_DESC = {"date": {"order": "desc", "missing": "_last"}}
# Equal scores and dates still come in one order, so pages neither repeat nor skip a hit.
TIE_BREAK = {"key": {"order": "asc"}}


def analysis_language(language):
    """The analysed language of a document's language code ("pt-br" is analysed as "pt"), or
    "" when there is no stemmer for it."""
    base = (language or "").lower().split("-")[0].split("_")[0]
    return base if base in ANALYZERS else ""


# --- The index ---------------------------------------------------------------------------


def build_mapping():
    mapping = Mapping()
    # A field nobody declared is a mistake in a document, not a new field to guess a type for.
    mapping.meta("dynamic", "strict")
    mapping.meta(
        "dynamic_templates",
        [
            {
                "facets": {
                    "path_match": "facets.*",
                    "match_mapping_type": "string",
                    "mapping": {"type": "keyword"},
                }
            }
        ],
    )
    for name in ("key", "type", "object_id", "language", "visibility"):
        mapping.field(name, Keyword())
    # Shown, never searched or sorted on.
    mapping.field("url", Keyword(index=False, doc_values=False))
    mapping.field("summary", Text(index=False))
    mapping.field("date", Date())
    # Apps declare their facets in their search.py; each becomes a keyword field the first
    # time a document has it, through the dynamic template above.
    mapping.field("facets", Object(dynamic=True))
    for language, language_analyzer in ANALYZERS.items():
        mapping.field(f"title_{language}", Text(analyzer=language_analyzer))
        mapping.field(f"body_{language}", Text(analyzer=language_analyzer))
    mapping.field("title_folded", Text(analyzer=FOLDED, copy_to="spelling"))
    mapping.field("body_folded", Text(analyzer=FOLDED, copy_to="spelling"))
    # Every word of titles and bodies in one field, for the term suggester: "missing" then
    # means missing from the whole index, not from one of the two fields. Only the terms
    # matter, so neither positions nor norms are kept.
    mapping.field("spelling", Text(analyzer=FOLDED, index_options="docs", norms=False))
    mapping.field(
        "suggest",
        Completion(
            analyzer=FOLDED,
            # Titles are suggested by the words they contain, so the longest input is a title.
            max_input_length=100,
            contexts=[{"name": "visibility", "type": "category"}],
        ),
    )
    return mapping


def build_index(name):
    """The elasticsearch_dsl Index for one concrete index: analysis settings and mapping."""
    index = Index(name)
    index.mapping(build_mapping())
    return index


def index_body():
    """The body a concrete index is created with ({"settings": ..., "mappings": ...})."""
    return build_index("unnamed").to_dict()


def completion_inputs(title):
    """The whole title, then the title from each of its words on: typing "rest" suggests
    "Forest restoration in Kenya" through "restoration in Kenya"."""
    entries = [{"input": [title], "weight": 2}]
    suffixes = []
    for match in list(WORD.finditer(title))[1:12]:
        suffix = title[match.start() :]
        if suffix not in suffixes:
            suffixes.append(suffix)
    if suffixes:
        entries.append({"input": suffixes, "weight": 1})
    return entries


def document_source(document):
    """The JSON a search.documents.Document is indexed as."""
    title = clean(document.title).strip()
    body = clean(document.body)
    language = analysis_language(document.language)
    visibility = sorted(set(document.visibility))
    source = {
        "key": document.key,
        "type": document.type,
        "object_id": str(document.id),
        "language": document.language or "",
        "url": document.url,
        "summary": clean(document.summary),
        "date": document.date.isoformat() if document.date else None,
        "visibility": visibility,
        # Strings, so that the dynamic template maps every facet as a keyword.
        "facets": {
            name: [str(v) for v in values] for name, values in document.all_facets().items()
        },
        "title_folded": title,
        "body_folded": body,
    }
    if language:
        source[f"title_{language}"] = title
        source[f"body_{language}"] = body
    if title:
        contexts = {"visibility": [*visibility, EVERY_READER]}
        source["suggest"] = [{**entry, "contexts": contexts} for entry in completion_inputs(title)]
    return source


# --- Searching ---------------------------------------------------------------------------


def facet_names():
    """The facets counted for every search: the registered ones and the built-in ones."""
    names = [facet.name for facet in registry.facets()]
    return names + [name for name in (TYPE_FACET, LANGUAGE_FACET) if name not in names]


def clause_query(clause):
    """One parsed clause matched in every language's fields and the folded ones: each field
    analyses the clause its own way, so a Spanish word meets Spanish stems."""
    text = " ".join(clause.words)
    if clause.is_phrase:
        return Q("multi_match", query=text, fields=SEARCH_FIELDS, type="phrase")
    return Q("multi_match", query=text, fields=SEARCH_FIELDS, operator="and")


def filter_queries(query):
    """What a hit must satisfy whatever its score: readable by the reader, and every value of
    every filter present (AND, also within one facet)."""
    filters = []
    if query.principals is not None:
        filters.append(Q("terms", visibility=sorted(set(query.principals))))
    for name, values in sorted(query.filters.items()):
        for value in values:
            filters.append(Q("term", **{f"facets.{name}": value}))
    return filters


def bool_query(query, clauses=None):
    clauses = parse(query.text) if clauses is None else clauses
    must = [clause_query(c) for c in clauses if not c.negated] or [Q("match_all")]
    must_not = [clause_query(c) for c in clauses if c.negated]
    return Q("bool", must=must, must_not=must_not, filter=filter_queries(query))


def build_search(query, index=None, facets=None):
    """The elasticsearch_dsl Search for a search.documents.Query: hits of the page asked,
    highlighted, with facet counts over every hit the reader may see."""
    clauses = parse(query.text)
    searching = any(not c.negated for c in clauses)
    search = Search(index=index).query(bool_query(query, clauses))
    if searching and query.sort != "date":
        search = search.sort("_score", DATE_DESC, TIE_BREAK)
    else:
        search = search.sort(DATE_DESC, "_score", TIE_BREAK)
    for name in facet_names() if facets is None else facets:
        search.aggs.bucket(f"facets.{name}", "terms", field=f"facets.{name}", size=FACET_SIZE)
    if searching:
        search = search.highlight_options(
            pre_tags=[MARK_START],
            post_tags=[MARK_END],
            no_match_size=0,
            max_analyzed_offset=MAX_ANALYZED_OFFSET,
        )
        # A title is shown whole, so it is highlighted whole.
        search = search.highlight(*TITLE_FIELDS, number_of_fragments=0)
        search = search.highlight(*BODY_FIELDS, fragment_size=FRAGMENT_SIZE, number_of_fragments=1)
    search = search.source(SOURCE_FIELDS).extra(
        track_total_hits=True,
        # Scores are shown (Hit.score) also when sorting by date.
        track_scores=True,
        from_=query.offset,
        size=query.per_page,
    )
    return search


def build_count(query, index=None):
    """Whether a query finds anything for its reader, as cheaply as possible: the same query
    and filters, no hits, stopping at the first match."""
    return (
        Search(index=index)
        .query(bool_query(query))
        .extra(size=0, track_total_hits=True, terminate_after=1)
    )


def build_spelling(text, index=None):
    """Corrections for the words of a query that found nothing; only words missing from the
    index get any. The candidates are checked with build_count before one is offered, since
    the term dictionary also holds the words of documents this reader may not read."""
    return (
        Search(index=index)
        .extra(size=0)
        .suggest(
            "spelling",
            text,
            term={
                "field": "spelling",
                "suggest_mode": "missing",
                "size": SPELLING_CANDIDATES,
                "sort": "score",
            },
        )
    )


def _best(highlight, fields):
    """The fragment with the most matches marked, the earlier field winning ties."""
    fragments = [highlight[field][0] for field in fields if highlight.get(field)]
    return max(fragments, key=lambda fragment: fragment.count(MARK_START), default="")


def _parse_date(value):
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def hit_from(raw, clauses):
    source = raw.get("_source", {})
    highlight = raw.get("highlight", {})
    language = source.get("language", "")
    analysed = analysis_language(language)
    # The document's own language marks stemmed matches ("forests" in "forest"); the folded
    # field may mark words the stemmer changed differently (a word of another language).
    own = [f"title_{analysed}"] if analysed else []
    title_highlight = _best(highlight, [*own, "title_folded"])
    own = [f"body_{analysed}"] if analysed else []
    body_highlight = _best(highlight, [*own, "body_folded"])
    summary = source.get("summary", "")
    if not body_highlight and clauses:
        # The summary is shown instead of the body, so its matches are marked too; it is not
        # indexed, so search.text marks it the way the database backend does.
        body_highlight = snippet(summary, clauses, language)
    return Hit(
        type=source.get("type", ""),
        id=source.get("object_id", ""),
        title=source.get("title_folded", ""),
        url=source.get("url", ""),
        language=language,
        summary=summary,
        date=_parse_date(source.get("date")),
        highlight=body_highlight,
        title_highlight=title_highlight,
        score=float(raw.get("_score") or 0.0),
    )


def results_from_response(response, query, facets=None):
    """search.documents.Results from the JSON Elasticsearch answered to build_search."""
    clauses = [c for c in parse(query.text) if not c.negated]
    hits = [hit_from(raw, clauses) for raw in response["hits"]["hits"]]
    aggregations = response.get("aggregations", {})
    counted = {}
    for name in facet_names() if facets is None else facets:
        buckets = aggregations.get(f"facets.{name}", {}).get("buckets", [])
        counts = [(str(b["key"]), b["doc_count"]) for b in buckets if b["doc_count"]]
        counted[name] = sorted(counts, key=lambda item: (-item[1], item[0]))
    return Results(hits=hits, total=response["hits"]["total"]["value"], facets=counted)


def _python_index(text, utf16_offset):
    """Elasticsearch counts offsets in UTF-16 code units; Python in code points."""
    units = 0
    for index, char in enumerate(text):
        if units >= utf16_offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def spelling_candidates(text, response, limit=SPELLING_CANDIDATES):
    """Corrected versions of text from build_spelling's answer, best first: the first uses
    every word's best correction, the next the second best, and so on. Quotes and minus signs
    stay where they were, since only the misspelt words are replaced."""
    corrections = []
    for entry in response.get("suggest", {}).get("spelling", []):
        options = [option["text"] for option in entry.get("options", [])]
        if options:
            start = _python_index(text, entry["offset"])
            end = _python_index(text, entry["offset"] + entry["length"])
            corrections.append((start, end, options))
    if not corrections:
        return []
    candidates = []
    for rank in range(max(len(options) for _start, _end, options in corrections)):
        corrected = text
        for start, end, options in reversed(corrections):
            corrected = corrected[:start] + options[min(rank, len(options) - 1)] + corrected[end:]
        if fold(corrected) != fold(text) and corrected not in candidates:
            candidates.append(corrected)
    return candidates[:limit]


# --- Suggestions while typing ------------------------------------------------------------


def build_suggest(prefix, principals, limit=8, index=None):
    """Completion suggestions among what these principals may read ("titles": the prefix as
    typed, contiguous in a title). For more than one word, "last_word" also asks for titles
    with a word starting like the last one; suggestions_from_response keeps those containing
    the earlier words."""
    contexts = {"visibility": [EVERY_READER] if principals is None else sorted(set(principals))}
    search = Search(index=index).source(["title_folded", "url", "type"]).extra(size=0)
    # Not skip_duplicates: it compares the input that matched, and two titles ending alike
    # ("Forest restoration", "Mangrove restoration") would become one.
    completion = {"field": "suggest", "contexts": contexts}
    search = search.suggest("titles", prefix.strip(), completion={**completion, "size": limit * 2})
    typed = words(prefix)
    if len(typed) > 1:
        search = search.suggest(
            "last_word", typed[-1], completion={**completion, "size": max(limit * 5, 25)}
        )
    return search


def suggestions_from_response(prefix, response, limit=8):
    """[Suggestion] from build_suggest's answer: contiguous matches first, then titles that
    contain the earlier words apart from the last one, without repeats."""
    earlier = {fold(word) for word in words(prefix)[:-1]}
    suggested, seen = [], set()
    for name in ("titles", "last_word"):
        for entry in response.get("suggest", {}).get(name, []):
            for option in entry.get("options", []):
                source = option.get("_source", {})
                title = source.get("title_folded", "")
                if name == "last_word" and not earlier <= {fold(w) for w in words(title)}:
                    continue
                if option["_id"] in seen or (title, source.get("url")) in seen:
                    continue
                seen.update({option["_id"], (title, source.get("url"))})
                suggested.append(
                    Suggestion(title=title, url=source.get("url", ""), type=source.get("type", ""))
                )
    return suggested[:limit]


# --- The backend -------------------------------------------------------------------------


def public_url(url):
    """The cluster's URL without credentials, for logs and `search_index status`."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"
    # Writes cross the network and may wait for the cluster: not in the request.
    inline_updates = False

    # Searches that resolved the alias just before the swap may still be running on the old
    # index: it is deleted this many seconds later.
    retire_delay = 1.0

    def __init__(self, url, index):
        self.url = url
        self.alias = index
        self._alias_ready = False

    @cached_property
    def client(self):
        # Created on first use, so choosing the backend never opens a connection.
        return Elasticsearch(
            self.url, request_timeout=REQUEST_TIMEOUT, retry_on_timeout=True, max_retries=3
        )

    @property
    def _bulk_client(self):
        return self.client.options(request_timeout=BULK_TIMEOUT)

    # --- Indices

    def _new_index_name(self):
        return f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"

    def _create_index(self, name, **extra):
        body = index_body()
        settings = {**body.get("settings", {}), **extra.pop("settings", {})}
        self.client.indices.create(
            index=name, settings=settings, mappings=body["mappings"], **extra
        )

    def alias_targets(self):
        """The concrete indices the alias points at (one, unless two setups raced)."""
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def concrete_indices(self):
        """Every concrete index of this alias, including those left by failed rebuilds."""
        resolved = self.client.indices.resolve_index(name=f"{self.alias}-*").body
        # "landscape-*" also matches the indices of an alias "landscape-test": only
        # "<alias>-<timestamp>" is ours.
        ours = re.compile(rf"{re.escape(self.alias)}-\d{{20}}")
        return sorted(
            item["name"] for item in resolved.get("indices", []) if ours.fullmatch(item["name"])
        )

    def setup(self):
        if self.client.indices.exists(index=self.alias):
            self._alias_ready = True
            return
        name = self._new_index_name()
        self._create_index(name, aliases={self.alias: {}})
        # Two processes may have found the alias missing at once: the oldest index wins, the
        # others remove theirs (and the alias with it).
        targets = self.alias_targets()
        if len(targets) > 1 and name != targets[0]:
            self.client.indices.delete(index=name)
        self._alias_ready = True

    def _ensure_alias(self):
        # Writing to a missing alias would make Elasticsearch create an index of that name
        # with guessed mappings; writes also say require_alias in case it disappears later.
        if not self._alias_ready:
            self.setup()

    def refresh(self):
        """Make every write so far searchable (tests; writes never wait for it)."""
        self.client.indices.refresh(index=self.alias)

    # --- Writes

    def _index_actions(self, documents, index):
        for document in documents:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": document.key,
                "_source": document_source(document),
            }

    def _bulk_index(self, documents, index, **kwargs):
        helpers.bulk(
            self._bulk_client,
            self._index_actions(documents, index),
            chunk_size=BATCH_SIZE,
            max_retries=3,
            **kwargs,
        )

    def index(self, documents):
        documents = list(documents)
        if not documents:
            return
        self._ensure_alias()
        self._bulk_index(documents, self.alias, require_alias=True)

    def delete(self, keys):
        keys = list(keys)
        if not keys:
            return
        self._ensure_alias()
        helpers.bulk(
            self._bulk_client,
            ({"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys),
            chunk_size=BATCH_SIZE,
            max_retries=3,
            # Deleting what is not indexed is not an error: the document was never found.
            ignore_status=(404,),
            require_alias=True,
        )

    def rebuild(self, documents, progress=None):
        name = self._new_index_name()
        # No refresh while filling: nobody searches this index before the swap.
        self._create_index(name, settings={"index": {"refresh_interval": "-1"}})
        try:
            batch = []
            for document in documents:
                batch.append(document)
                if len(batch) >= BATCH_SIZE:
                    self._bulk_index(batch, name)
                    if progress:
                        progress(len(batch))
                    batch = []
            if batch:
                self._bulk_index(batch, name)
                if progress:
                    progress(len(batch))
            # None resets the setting to the cluster's default.
            self.client.indices.put_settings(
                index=name, settings={"index": {"refresh_interval": None}}
            )
            self.client.indices.refresh(index=name)
        except BaseException:
            # The alias still points at the old index, which keeps serving.
            self.client.indices.delete(index=name, ignore_unavailable=True)
            raise
        self._swap_alias(name)

    def _swap_alias(self, name):
        current = self.alias_targets()
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in current]
        if not current and self.client.indices.exists(index=self.alias):
            # An index named like the alias (made before aliases were used, or by a write
            # that raced setup) is replaced in the same atomic step.
            actions.append({"remove_index": {"index": self.alias}})
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        self._alias_ready = True
        # Indices newer than this one belong to a rebuild that started later: it wins.
        stale = sorted(
            {index for index in current if index != name}
            | {index for index in self.concrete_indices() if index < name}
        )
        if stale:
            time.sleep(self.retire_delay)
            self.client.indices.delete(index=stale, ignore_unavailable=True)

    def clear(self):
        # In place, so the alias keeps its index; rebuild does not need this (it swaps in a
        # new index).
        self._ensure_alias()
        self.client.delete_by_query(
            index=self.alias, query={"match_all": {}}, conflicts="proceed", refresh=True
        )

    def drop(self):
        """Delete the alias and every index of it (tests; a site rebuilds instead)."""
        indices = sorted(set(self.concrete_indices()) | set(self.alias_targets()))
        if indices:
            self.client.indices.delete(index=indices, ignore_unavailable=True)
        self._alias_ready = False

    # --- Reads

    def _search(self, search):
        return self.client.search(index=self.alias, body=search.to_dict()).body

    def search(self, query):
        facets = facet_names()
        try:
            response = self._search(build_search(query, facets=facets))
        except NotFoundError:
            logger.warning("Search index %s is missing: run search_index rebuild", self.alias)
            return Results(hits=[], total=0, facets={name: [] for name in facets})
        results = results_from_response(response, query, facets)
        if results.total == 0 and query.text.strip():
            results.suggestion = self.spelling_suggestion(query)
        return results

    def spelling_suggestion(self, query):
        """A corrected query that finds something this reader may read, or ""."""
        response = self._search(build_spelling(query.text))
        candidates = [c for c in spelling_candidates(query.text, response) if parse(c)]
        if not candidates:
            return ""
        searches = []
        for candidate in candidates:
            corrected = Query(text=candidate, filters=query.filters, principals=query.principals)
            searches += [{"index": self.alias}, build_count(corrected).to_dict()]
        answers = self.client.msearch(searches=searches).body["responses"]
        for candidate, answer in zip(candidates, answers, strict=True):
            if answer.get("hits", {}).get("total", {}).get("value", 0) > 0:
                return candidate
        return ""

    def suggest(self, prefix, principals, limit=8):
        if principals is not None and not principals:
            return []
        if not words(prefix):
            return []
        try:
            response = self._search(build_suggest(prefix, principals, limit))
        except NotFoundError:
            return []
        return suggestions_from_response(prefix, response, limit)

    def counts(self):
        search = Search().extra(size=0)
        search.aggs.bucket("types", "terms", field="type", size=1000)
        try:
            response = self._search(search)
        except NotFoundError:
            return {}
        buckets = response.get("aggregations", {}).get("types", {}).get("buckets", [])
        return {bucket["key"]: bucket["doc_count"] for bucket in buckets}

    def keys(self, type_name):
        try:
            return {
                hit["_id"]
                for hit in helpers.scan(
                    self.client,
                    index=self.alias,
                    query={"query": {"term": {"type": type_name}}, "_source": False},
                    size=1000,
                )
            }
        except NotFoundError:
            return set()

    def describe(self):
        where = f"{self.name} at {public_url(self.url)}, alias {self.alias}"
        try:
            targets = self.alias_targets()
            if not targets:
                return f"{where}: missing (run search_index rebuild)"
            count = self.client.count(index=self.alias)["count"]
        except Exception as error:
            # The status command reports what is wrong rather than failing on it.
            return f"{where}: unreachable ({error.__class__.__name__}: {error})"
        return f"{where} -> {', '.join(targets)}: {count} documents"
