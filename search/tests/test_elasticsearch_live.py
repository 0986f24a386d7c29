"""The Elasticsearch backend's behaviour on a live cluster: what the shared semantics
(search/documents.py, search/backends/base.py) promise, checked where Elasticsearch decides
it (analysis, visibility inside the query, suggesters, the alias swap).

Runs when ELASTICSEARCH_URL is set; each test module works under its own alias and deletes
its indices at the end, so parallel workers and other test runs on the same cluster do not
meet."""

import threading
import uuid
from datetime import UTC, datetime

import pytest
from django.conf import settings

from search import registry
from search.backends.elasticsearch import ElasticsearchBackend
from search.documents import MARK_END, MARK_START, Document, Query

pytestmark = pytest.mark.skipif(
    not settings.ELASTICSEARCH_URL,
    reason="ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against",
)

PUBLIC = ["public"]
PARTNERS = ["public", "signed-in", "user:3", "group:7"]


def document(type_name, id, title, body, *, language="en", date=None, themes=(), **kwargs):
    return Document(
        type=type_name,
        id=id,
        title=title,
        url=f"/{type_name}/{id}/",
        language=language,
        body=body,
        date=date,
        facets={"theme": list(themes)} if themes else {},
        **kwargs,
    )


def day(year, month, day_of_month=1):
    return datetime(year, month, day_of_month, tzinfo=UTC)


KENYA = document(
    "case_study",
    "kenya",
    "Forest restoration in Kenya",
    "The forest of the community restores degraded land. Agroforestry and land use planning.",
    date=day(2024, 3),
    themes=["restoration", "water"],
)
BOSQUES = document(
    "case_study",
    "bosques",
    "Restauración de bosques",
    "La deforestación amenaza los bosques tropicales.",
    language="es",
    date=day(2024, 2),
    themes=["restoration"],
)
EAU = document(
    "course",
    "eau",
    "Gestion de l'eau",
    "La gestion durable de l'eau dans les paysages.",
    language="fr",
    date=day(2023, 1),
    themes=["water"],
)
AGROFORESTRY = document(
    "course",
    "agroforestry",
    "Agroforestry systems",
    "Trees on farms (SDG 15.3).",
    date=day(2022, 1),
)
MINING = document("course", "mining", "Mining and landscapes", "Land use conflicts near pits.")
SECRET = document(
    "forum_post",
    "secret",
    "Confidential partnership plan",
    "Restoration budget for zanzibarite extraction.",
    date=day(2025, 1),
    themes=["secret-theme"],
    visibility=["group:7"],
)
CORPUS = [KENYA, BOSQUES, EAU, AGROFORESTRY, MINING, SECRET]
PUBLIC_BY_DATE = [KENYA, BOSQUES, EAU, AGROFORESTRY, MINING]


def make_backend():
    # Under the worker's alias (settings.ELASTICSEARCH_INDEX) plus a unique part: never the
    # worker's own alias, which a rebuild test would otherwise replace.
    alias = f"{settings.ELASTICSEARCH_INDEX}-{uuid.uuid4().hex[:12]}"
    return ElasticsearchBackend(url=settings.ELASTICSEARCH_URL, index=alias)


def drop(backend):
    backend.drop()
    backend.client.close()


@pytest.fixture(scope="module")
def corpus():
    """One index of CORPUS for the tests that only read."""
    backend = make_backend()
    backend.setup()
    backend.index(CORPUS)
    backend.refresh()
    yield backend
    drop(backend)


@pytest.fixture
def backend():
    """An empty backend of its own, for the tests that write."""
    backend = make_backend()
    yield backend
    drop(backend)


@pytest.fixture(autouse=True)
def _theme_facet(monkeypatch):
    facet = registry.Facet(name="theme", label="Theme", labels=lambda values: {})
    monkeypatch.setitem(registry._facets, "theme", facet)


def keys(results):
    return [hit.key for hit in results.hits]


def found(backend, text, principals=PUBLIC, **kwargs):
    return set(keys(backend.search(Query(text=text, principals=principals, **kwargs))))


# --- Matching --------------------------------------------------------------------------------


def test_every_word_must_match(corpus):
    assert found(corpus, "forest kenya") == {KENYA.key}
    assert found(corpus, "forest mining") == set()


def test_a_phrase_matches_adjacent_words(corpus):
    assert found(corpus, '"land use"') == {KENYA.key, MINING.key}
    assert found(corpus, '"use land"') == set()


def test_a_negated_word_excludes(corpus):
    assert found(corpus, "land") == {KENYA.key, MINING.key}
    assert found(corpus, "land -mining") == {KENYA.key}
    assert found(corpus, 'land -"open pits" -"near pits"') == {KENYA.key}


def test_accents_are_folded_both_ways(corpus):
    assert found(corpus, "deforestacion") == {BOSQUES.key}
    assert found(corpus, "DEFORESTACIÓN") == {BOSQUES.key}
    assert found(corpus, "restauracion") == {BOSQUES.key}


def test_a_document_is_stemmed_in_its_own_language(corpus):
    # English: "forests" is in no document, "forest" is.
    assert found(corpus, "forests") == {KENYA.key}
    # Spanish: the document says "bosques".
    assert found(corpus, "bosque") == {BOSQUES.key}
    # French, with the article split off as the query parser does.
    assert found(corpus, "l'eau") == {EAU.key}
    assert found(corpus, "eau") == {EAU.key}


def test_words_are_split_as_the_query_parser_splits_them(corpus):
    assert found(corpus, "15.3") == {AGROFORESTRY.key}
    assert found(corpus, '"SDG 15"') == {AGROFORESTRY.key}
    assert found(corpus, "15.4") == set()
    assert found(corpus, "gestion l'eau") == {EAU.key}


def test_title_matches_rank_first(corpus):
    results = corpus.search(Query(text="agroforestry", principals=PUBLIC))
    assert keys(results) == [AGROFORESTRY.key, KENYA.key]
    assert results.hits[0].score > results.hits[1].score


def test_matches_are_marked(corpus):
    [hit] = corpus.search(Query(text="forests kenya", principals=PUBLIC)).hits
    assert hit.title_highlight == (
        f"{MARK_START}Forest{MARK_END} restoration in {MARK_START}Kenya{MARK_END}"
    )
    assert f"{MARK_START}forest{MARK_END}" in hit.highlight
    [hit] = corpus.search(Query(text="deforestacion", principals=PUBLIC)).hits
    assert f"{MARK_START}deforestación{MARK_END}" in hit.highlight
    assert hit.title_highlight == ""
    assert (hit.title, hit.url, hit.language, hit.date) == (
        BOSQUES.title,
        BOSQUES.url,
        "es",
        BOSQUES.date,
    )


# --- Visibility ------------------------------------------------------------------------------


def test_a_private_document_is_found_only_by_its_readers(corpus):
    assert found(corpus, "restoration") == {KENYA.key}
    assert found(corpus, "restoration", principals=PARTNERS) == {KENYA.key, SECRET.key}
    assert found(corpus, "restoration", principals=None) == {KENYA.key, SECRET.key}
    assert found(corpus, "confidential") == set()


def test_a_private_document_never_counts(corpus):
    results = corpus.search(Query(principals=PUBLIC))
    assert results.total == len(PUBLIC_BY_DATE)
    assert dict(results.facets["type"]) == {"case_study": 2, "course": 3}
    assert dict(results.facets["theme"]) == {"restoration": 2, "water": 2}
    assert dict(results.facets["language"]) == {"en": 3, "es": 1, "fr": 1}

    results = corpus.search(Query(principals=PARTNERS))
    assert results.total == len(CORPUS)
    assert dict(results.facets["type"])["forum_post"] == 1
    assert dict(results.facets["theme"])["secret-theme"] == 1


def test_suggestions_respect_visibility(corpus):
    assert corpus.suggest("confid", PUBLIC) == []
    assert corpus.suggest("partner", PUBLIC) == []
    assert [s.title for s in corpus.suggest("confid", PARTNERS)] == [SECRET.title]
    [suggestion] = corpus.suggest("confid", None)
    assert (suggestion.title, suggestion.url, suggestion.type) == (
        SECRET.title,
        SECRET.url,
        "forum_post",
    )


def test_a_spelling_suggestion_never_comes_from_a_private_document(corpus):
    # "zanzbarite" stems to nothing indexed; only the private document has "zanzibarite".
    results = corpus.search(Query(text="zanzbarite", principals=PUBLIC))
    assert (results.total, results.suggestion) == (0, "")
    results = corpus.search(Query(text="zanzbarite", principals=PARTNERS))
    assert (results.total, results.suggestion) == (0, "zanzibarite")


# --- Suggestions -----------------------------------------------------------------------------


def test_did_you_mean(corpus):
    results = corpus.search(Query(text="restoraton", principals=PUBLIC))
    assert results.total == 0
    assert results.suggestion == "restoration"
    assert corpus.search(Query(text="restoration", principals=PUBLIC)).total > 0
    assert corpus.search(Query(text="forest", principals=PUBLIC)).suggestion == ""


def test_titles_are_suggested_by_any_of_their_words(corpus):
    titles = [s.title for s in corpus.suggest("rest", PUBLIC, limit=8)]
    assert set(titles) == {KENYA.title, BOSQUES.title}
    assert [s.title for s in corpus.suggest("forest rest", PUBLIC)] == [KENYA.title]
    # The earlier words need not come right before the last one.
    assert [s.title for s in corpus.suggest("kenya rest", PUBLIC)] == [KENYA.title]
    assert [s.title for s in corpus.suggest("restau", PUBLIC)] == [BOSQUES.title]
    assert len(corpus.suggest("rest", PUBLIC, limit=1)) == 1


# --- Filters, sorting, pages -----------------------------------------------------------------


def test_filters_combine_with_and(corpus):
    results = corpus.search(Query(filters={"theme": ["restoration", "water"]}, principals=PUBLIC))
    assert keys(results) == [KENYA.key]
    assert dict(results.facets["theme"]) == {"restoration": 1, "water": 1}
    results = corpus.search(Query(filters={"theme": ["restoration"]}, principals=PUBLIC))
    assert set(keys(results)) == {KENYA.key, BOSQUES.key}
    results = corpus.search(
        Query(filters={"theme": ["restoration"], "type": ["course"]}, principals=PUBLIC)
    )
    assert results.total == 0


def test_browsing_shows_the_newest_first_and_undated_last(corpus):
    results = corpus.search(Query(principals=PUBLIC))
    assert keys(results) == [d.key for d in PUBLIC_BY_DATE]
    results = corpus.search(Query(text="land", sort="date", principals=PUBLIC))
    assert keys(results) == [KENYA.key, MINING.key]


def test_pages(corpus):
    pages = [corpus.search(Query(principals=PUBLIC, page=page, per_page=2)) for page in (1, 2, 3)]
    assert [len(p.hits) for p in pages] == [2, 2, 1]
    assert all(p.total == len(PUBLIC_BY_DATE) for p in pages)
    assert [key for p in pages for key in keys(p)] == [d.key for d in PUBLIC_BY_DATE]


# --- Writing ---------------------------------------------------------------------------------


def test_index_delete_counts_and_keys(backend):
    backend.index(CORPUS)
    backend.refresh()
    assert backend.counts() == {"case_study": 2, "course": 3, "forum_post": 1}
    assert backend.keys("course") == {EAU.key, AGROFORESTRY.key, MINING.key}

    # Replaced by key, not added.
    backend.index([document("course", "mining", "Open pit mining", "Pits.")])
    backend.delete([EAU.key, "course:unknown"])
    backend.refresh()
    assert backend.counts()["course"] == 2
    assert found(backend, "pit") == {"course:mining"}
    assert found(backend, "eau") == set()


def test_rebuild_swaps_the_alias_and_keeps_serving(backend):
    backend.rebuild(CORPUS)
    [old] = backend.alias_targets()
    seen_during_rebuild = []

    def documents():
        for number, doc in enumerate([*CORPUS, document("course", "new", "Peatland", "Bogs.")]):
            if number == 3:
                # The old index still answers, complete, while the new one fills.
                seen_during_rebuild.append(found(backend, "forest"))
                seen_during_rebuild.append(found(backend, "peatland"))
                seen_during_rebuild.append(backend.alias_targets())
            yield doc

    progress = []
    backend.rebuild(documents(), progress=progress.append)

    assert seen_during_rebuild == [{KENYA.key}, set(), [old]]
    assert progress == [len(CORPUS) + 1]
    [new] = backend.alias_targets()
    assert new != old
    assert not backend.client.indices.exists(index=old)
    assert backend.concrete_indices() == [new]
    assert found(backend, "peatland") == {"course:new"}
    assert backend.counts()["course"] == 4
    assert backend.describe().endswith(f"-> {new}: {len(CORPUS) + 1} documents")


def test_searches_keep_answering_while_the_alias_moves(backend):
    backend.rebuild(CORPUS)
    failures, totals, done = [], [], threading.Event()

    def search_repeatedly():
        while not done.is_set():
            try:
                totals.append(backend.search(Query(text="forest", principals=PUBLIC)).total)
            except Exception as error:
                failures.append(error)

    searcher = threading.Thread(target=search_repeatedly)
    searcher.start()
    try:
        for _ in range(3):
            backend.rebuild(CORPUS)
    finally:
        done.set()
        searcher.join()
    assert failures == []
    assert totals and set(totals) == {1}


def test_clear_empties_the_index(backend):
    backend.index(CORPUS)
    backend.refresh()
    backend.clear()
    assert backend.counts() == {}
    assert backend.search(Query(principals=None)).total == 0
    assert len(backend.alias_targets()) == 1
