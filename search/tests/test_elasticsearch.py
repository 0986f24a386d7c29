"""The Elasticsearch backend without a cluster: the index mapping, every request body it
builds and how it reads answers. What it does with a cluster (indexing, the alias swap,
visibility, spelling) is checked on a real one by test_elasticsearch_live.py and by the
shared behaviour suite (test_behaviour.py), both skipped unless ELASTICSEARCH_URL is set."""

from datetime import UTC, datetime

from search import registry
from search.backends import elasticsearch as es
from search.documents import MARK_END, MARK_START, Document, Query, Suggestion
from search.text import LANGUAGES, parse

FACETS = ["theme", "type", "language"]


def case_study(**kwargs):
    values = {
        "type": "case_study",
        "id": "1",
        "title": "Forest restoration in Kenya",
        "url": "/case-studies/forest/",
        "language": "en",
        "summary": "Restoring forests with communities.",
        "body": "Community forests restore degraded land.",
        "date": datetime(2024, 3, 1, tzinfo=UTC),
        "facets": {"theme": ["restoration"]},
        "visibility": ["public"],
    }
    return Document(**{**values, **kwargs})


def body(query, **kwargs):
    return es.build_search(query, facets=FACETS, **kwargs).to_dict()


def filters_of(search_body):
    return search_body["query"]["bool"].get("filter", [])


# --- Mapping ---------------------------------------------------------------------------------


def test_every_search_language_has_an_analyzer_with_the_recommended_stemmer():
    analysis = es.index_body()["settings"]["analysis"]
    stemmers = {
        "en": "english",
        "fr": "light_french",
        "es": "light_spanish",
        "pt": "light_portuguese",
    }
    assert set(LANGUAGES) == set(stemmers)
    for language, stemmer in stemmers.items():
        analyzer = analysis["analyzer"][f"folded_{language}"]
        assert analyzer["tokenizer"] == "standard"
        assert analyzer["filter"] == ["lowercase", "asciifolding", f"stem_{language}"]
        assert analysis["filter"][f"stem_{language}"] == {"type": "stemmer", "language": stemmer}
    assert analysis["analyzer"]["folded"]["filter"] == ["lowercase", "asciifolding"]


def test_words_are_split_as_the_query_parser_does():
    """parse("l'eau") is the phrase "l eau", parse("15.3") the phrase "15 3": the index must
    hold the same words, where the standard tokenizer alone would keep "l'eau" and "15.3"."""
    analysis = es.index_body()["settings"]["analysis"]
    assert analysis["char_filter"]["word_breaks"] == {
        "type": "pattern_replace",
        "pattern": r"[^\p{L}\p{N}\p{M}_]+",
        "replacement": " ",
    }
    for name in ["folded", *(f"folded_{language}" for language in LANGUAGES)]:
        assert analysis["analyzer"][name]["char_filter"] == ["word_breaks"]
    assert parse("l'eau")[0].words == ["l", "eau"]
    assert parse("15.3")[0].words == ["15", "3"]


def test_mapping_fields():
    mappings = es.index_body()["mappings"]
    properties = mappings["properties"]
    assert mappings["dynamic"] == "strict"
    for name in ("key", "type", "object_id", "language", "visibility"):
        assert properties[name] == {"type": "keyword"}
    assert properties["url"] == {"type": "keyword", "index": False, "doc_values": False}
    assert properties["summary"] == {"type": "text", "index": False}
    assert properties["date"] == {"type": "date"}
    for language in LANGUAGES:
        for field in ("title", "body"):
            assert properties[f"{field}_{language}"] == {
                "type": "text",
                "analyzer": f"folded_{language}",
            }
    for field in ("title_folded", "body_folded"):
        assert properties[field] == {"type": "text", "analyzer": "folded", "copy_to": "spelling"}
    assert properties["spelling"]["analyzer"] == "folded"


def test_every_facet_is_a_keyword_field_under_facets():
    mappings = es.index_body()["mappings"]
    assert mappings["properties"]["facets"] == {"type": "object", "dynamic": True}
    assert mappings["dynamic_templates"] == [
        {
            "facets": {
                "path_match": "facets.*",
                "match_mapping_type": "string",
                "mapping": {"type": "keyword"},
            }
        }
    ]


def test_suggest_is_a_completion_field_with_a_visibility_context():
    suggest = es.index_body()["mappings"]["properties"]["suggest"]
    assert suggest["type"] == "completion"
    assert suggest["analyzer"] == "folded"
    assert suggest["contexts"] == [{"name": "visibility", "type": "category"}]


# --- Documents -------------------------------------------------------------------------------


def test_a_document_is_analysed_in_its_own_language_and_folded():
    source = es.document_source(case_study())
    assert source["title_en"] == source["title_folded"] == "Forest restoration in Kenya"
    assert source["body_en"] == source["body_folded"] == "Community forests restore degraded land."
    for language in ("fr", "es", "pt"):
        assert f"title_{language}" not in source
        assert f"body_{language}" not in source
    assert source["key"] == "case_study:1"
    assert source["object_id"] == "1"
    assert source["date"] == "2024-03-01T00:00:00+00:00"
    assert source["visibility"] == ["public"]
    # The built-in facets are indexed with the others.
    assert source["facets"] == {
        "theme": ["restoration"],
        "type": ["case_study"],
        "language": ["en"],
    }


def test_a_document_in_no_known_language_is_only_folded():
    source = es.document_source(case_study(language="", date=None))
    assert not any(key.startswith(("title_", "body_")) and "folded" not in key for key in source)
    assert source["date"] is None
    assert source["facets"] == {"theme": ["restoration"], "type": ["case_study"]}


def test_a_regional_language_code_is_analysed_in_its_language():
    assert "body_pt" in es.document_source(case_study(language="pt-br"))
    assert es.analysis_language("de") == ""


def test_control_characters_cannot_forge_highlights():
    source = es.document_source(case_study(title=f"A {MARK_START}fake{MARK_END}", body="\x02b\x03"))
    assert MARK_START not in source["title_folded"] + source["body_folded"]
    assert MARK_END not in source["title_en"] + source["body_en"]


def test_suggestions_are_indexed_by_title_and_words_with_visibility_contexts():
    source = es.document_source(case_study(visibility=["group:7", "user:3"]))
    contexts = {"visibility": ["group:7", "user:3", es.EVERY_READER]}
    assert source["suggest"] == [
        {"input": ["Forest restoration in Kenya"], "weight": 2, "contexts": contexts},
        {
            "input": ["restoration in Kenya", "in Kenya", "Kenya"],
            "weight": 1,
            "contexts": contexts,
        },
    ]
    assert "suggest" not in es.document_source(case_study(title=""))


# --- Search bodies ---------------------------------------------------------------------------


def test_visibility_is_filtered_inside_the_query():
    search = body(Query(text="forest", principals=["public", "group:3"]))
    assert {"terms": {"visibility": ["group:3", "public"]}} in filters_of(search)


def test_a_superuser_has_no_visibility_filter():
    search = body(Query(text="forest", principals=None))
    assert not any("terms" in f and "visibility" in f["terms"] for f in filters_of(search))


def test_a_reader_with_no_tokens_sees_nothing():
    search = body(Query(text="forest", principals=[]))
    assert {"terms": {"visibility": []}} in filters_of(search)


def test_every_filter_value_is_required():
    search = body(Query(filters={"theme": ["water", "soil"], "sdg": ["15"]}))
    assert filters_of(search)[1:] == [
        {"term": {"facets.sdg": "15"}},
        {"term": {"facets.theme": "water"}},
        {"term": {"facets.theme": "soil"}},
    ]


def test_words_must_all_match_in_any_language_with_titles_weighing_more():
    search = body(Query(text="forest Kenya"))
    must = search["query"]["bool"]["must"]
    assert [clause["multi_match"]["query"] for clause in must] == ["forest", "Kenya"]
    fields = must[0]["multi_match"]["fields"]
    assert fields == [
        *(f"title_{language}^3" for language in LANGUAGES),
        "title_folded^3",
        *(f"body_{language}" for language in LANGUAGES),
        "body_folded",
    ]
    assert must[0]["multi_match"]["operator"] == "and"
    assert "type" not in must[0]["multi_match"]


def test_a_quoted_phrase_matches_adjacent_words():
    must = body(Query(text='"land use" planning'))["query"]["bool"]["must"]
    assert must[0]["multi_match"]["query"] == "land use"
    assert must[0]["multi_match"]["type"] == "phrase"
    assert "type" not in must[1]["multi_match"]


def test_negated_clauses_exclude():
    query = body(Query(text='forest -mining -"oil palm"'))["query"]["bool"]
    assert [c["multi_match"]["query"] for c in query["must"]] == ["forest"]
    assert [c["multi_match"]["query"] for c in query["must_not"]] == ["mining", "oil palm"]
    assert query["must_not"][1]["multi_match"]["type"] == "phrase"


def test_empty_text_browses_newest_first():
    for sort in ("relevance", "date"):
        search = body(Query(text="  ", sort=sort))
        assert search["query"]["bool"]["must"] == [{"match_all": {}}]
        assert search["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
        assert "highlight" not in search


def test_only_exclusions_browse():
    search = body(Query(text="-mining"))
    assert search["query"]["bool"]["must"] == [{"match_all": {}}]
    assert "must_not" not in search["query"]["bool"]


def test_sort_orders():
    by_relevance = body(Query(text="forest"))["sort"]
    assert by_relevance == [
        "_score",
        {"date": {"order": "desc", "missing": "_last"}},
        {"key": {"order": "asc"}},
    ]
    by_date = body(Query(text="forest", sort="date"))["sort"]
    assert by_date == [
        {"date": {"order": "desc", "missing": "_last"}},
        "_score",
        {"key": {"order": "asc"}},
    ]


def test_facets_are_counted_for_every_facet():
    aggs = body(Query(text="forest"))["aggs"]
    assert aggs == {
        f"facets.{name}": {"terms": {"field": f"facets.{name}", "size": 100}} for name in FACETS
    }


def test_registered_facets_and_the_built_in_ones_are_counted(monkeypatch):
    facet = registry.Facet(name="sdg", label="SDG", labels=dict)
    monkeypatch.setattr(registry, "_facets", {"sdg": facet})
    assert es.facet_names() == ["sdg", "type", "language"]
    assert set(es.build_search(Query()).to_dict()["aggs"]) == {
        "facets.sdg",
        "facets.type",
        "facets.language",
    }


def test_matches_are_highlighted_with_the_markers():
    highlight = body(Query(text="forest"))["highlight"]
    assert highlight["pre_tags"] == [MARK_START]
    assert highlight["post_tags"] == [MARK_END]
    assert highlight["no_match_size"] == 0
    # Below the index limit, so long bodies are cut rather than failing the search.
    assert highlight["max_analyzed_offset"] < 1_000_000
    fields = highlight["fields"]
    for language in [*LANGUAGES, "folded"]:
        assert fields[f"title_{language}"] == {"number_of_fragments": 0}
        assert fields[f"body_{language}"] == {"fragment_size": 240, "number_of_fragments": 1}


def test_pagination_and_total():
    search = body(Query(text="forest", page=3, per_page=10))
    assert (search["from"], search["size"]) == (20, 10)
    assert search["track_total_hits"] is True
    assert "body_folded" not in search["_source"]


def test_a_spelling_candidate_is_counted_with_the_readers_visibility_and_filters():
    query = Query(text="restoration", principals=["public"], filters={"theme": ["water"]})
    count = es.build_count(query).to_dict()
    assert count["size"] == 0
    assert count["terminate_after"] == 1
    assert filters_of(count) == [
        {"terms": {"visibility": ["public"]}},
        {"term": {"facets.theme": "water"}},
    ]


def test_spelling_corrections_come_from_every_title_and_body_word():
    spelling = es.build_spelling("restoraton").to_dict()
    assert spelling["suggest"]["spelling"] == {
        "text": "restoraton",
        "term": {"field": "spelling", "suggest_mode": "missing", "size": 3, "sort": "score"},
    }


def test_completion_asks_within_the_readers_visibility():
    suggest = es.build_suggest("rest", ["public", "user:3"], limit=5).to_dict()["suggest"]
    assert suggest == {
        "titles": {
            "prefix": "rest",
            "completion": {
                "field": "suggest",
                "contexts": {"visibility": ["public", "user:3"]},
                "size": 10,
            },
        }
    }
    completion = suggest["titles"]["completion"]
    assert "fuzzy" not in completion
    assert "skip_duplicates" not in completion


def test_a_superuser_completes_among_every_document():
    suggest = es.build_suggest("rest", None).to_dict()["suggest"]
    assert suggest["titles"]["completion"]["contexts"] == {"visibility": [es.EVERY_READER]}


def test_several_words_also_complete_the_last_one():
    suggest = es.build_suggest("kenya rest", ["public"], limit=4).to_dict()["suggest"]
    assert suggest["titles"]["prefix"] == "kenya rest"
    assert suggest["last_word"]["prefix"] == "rest"
    assert suggest["last_word"]["completion"]["contexts"] == {"visibility": ["public"]}


# --- Reading answers -------------------------------------------------------------------------


def search_answer(hits, total=None, aggregations=None):
    return {
        "hits": {"total": {"value": len(hits) if total is None else total}, "hits": hits},
        "aggregations": aggregations or {},
    }


def raw_hit(source=None, highlight=None, score=1.5):
    values = {
        "key": "case_study:1",
        "type": "case_study",
        "object_id": "1",
        "language": "en",
        "title_folded": "Forest restoration",
        "url": "/forest/",
        "summary": "Forests and people.",
        "date": "2024-03-01T00:00:00+00:00",
    }
    answer = {"_id": "case_study:1", "_score": score, "_source": {**values, **(source or {})}}
    if highlight:
        answer["highlight"] = highlight
    return answer


def test_hits_are_read_with_their_highlights():
    highlight = {
        "title_folded": [f"{MARK_START}Forest{MARK_END} restoration"],
        "body_en": [f"Community {MARK_START}forests{MARK_END} restore"],
        "body_folded": [f"Community forests restore, {MARK_START}ignored{MARK_END}"],
    }
    results = es.results_from_response(
        search_answer([raw_hit(highlight=highlight)]), Query(text="forests"), FACETS
    )
    [hit] = results.hits
    assert (hit.type, hit.id, hit.title, hit.url, hit.language) == (
        "case_study",
        "1",
        "Forest restoration",
        "/forest/",
        "en",
    )
    assert hit.date == datetime(2024, 3, 1, tzinfo=UTC)
    assert hit.score == 1.5
    assert hit.title_highlight == f"{MARK_START}Forest{MARK_END} restoration"
    assert hit.highlight == f"Community {MARK_START}forests{MARK_END} restore"


def test_the_fragment_with_the_most_matches_is_shown():
    highlight = {
        "title_en": [f"{MARK_START}Forest{MARK_END} restoration in Kenya"],
        "title_folded": [
            f"{MARK_START}Forest{MARK_END} restoration in {MARK_START}Kenya{MARK_END}"
        ],
    }
    results = es.results_from_response(
        search_answer([raw_hit(highlight=highlight)]), Query(text="forest kenya"), FACETS
    )
    assert results.hits[0].title_highlight == highlight["title_folded"][0]


def test_without_a_body_match_the_summary_is_marked():
    results = es.results_from_response(
        search_answer([raw_hit(source={"date": None}, score=None)]), Query(text="people"), FACETS
    )
    [hit] = results.hits
    assert hit.highlight == f"Forests and {MARK_START}people{MARK_END}."
    assert hit.title_highlight == ""
    assert hit.date is None
    assert hit.score == 0.0


def test_nothing_is_marked_when_nothing_matched():
    results = es.results_from_response(search_answer([raw_hit()]), Query(text=""), FACETS)
    assert results.hits[0].highlight == ""


def test_facet_counts_are_sorted_by_count_then_value():
    aggregations = {
        "facets.theme": {
            "buckets": [
                {"key": "water", "doc_count": 2},
                {"key": "fire", "doc_count": 5},
                {"key": "air", "doc_count": 2},
            ]
        },
        "facets.type": {"buckets": [{"key": "course", "doc_count": 9}]},
    }
    results = es.results_from_response(
        search_answer([], total=9, aggregations=aggregations), Query(), FACETS
    )
    assert results.total == 9
    assert results.facets == {
        "theme": [("fire", 5), ("air", 2), ("water", 2)],
        "type": [("course", 9)],
        "language": [],
    }


def term_suggestions(*entries):
    return {
        "suggest": {
            "spelling": [
                {
                    "text": text,
                    "offset": offset,
                    "length": len(text),
                    "options": [{"text": o, "score": 0.8, "freq": 3} for o in options],
                }
                for text, offset, options in entries
            ]
        }
    }


def test_spelling_candidates_replace_only_the_misspelt_words():
    answer = term_suggestions(
        ("forest", 1, []), ("restoraton", 8, ["restoration", "restorations"]), ("lnd", 21, ["land"])
    )
    assert es.spelling_candidates('"forest restoraton" -lnd', answer) == [
        '"forest restoration" -land',
        '"forest restorations" -land',
    ]


def test_spelling_offsets_count_utf16_units():
    # "🌳" is two UTF-16 units: Elasticsearch puts "restoraton" at 3, Python at 2.
    answer = term_suggestions(("restoraton", 3, ["restoration"]))
    assert es.spelling_candidates("🌳 restoraton", answer) == ["🌳 restoration"]


def test_no_candidate_when_nothing_is_misspelt():
    assert es.spelling_candidates("forest", term_suggestions(("forest", 0, []))) == []
    # A correction that only changes accents or case is no correction.
    assert es.spelling_candidates("Forest", term_suggestions(("forest", 0, ["forest"]))) == []


def completion_answer(**named):
    return {
        "suggest": {
            name: [
                {
                    "text": "x",
                    "offset": 0,
                    "length": 1,
                    "options": [
                        {
                            "_id": f"course:{title}",
                            "text": title,
                            "_source": {
                                "title_folded": title,
                                "url": f"/{title}/",
                                "type": "course",
                            },
                        }
                        for title in titles
                    ],
                }
            ]
            for name, titles in named.items()
        }
    }


def test_completions_contiguous_first_then_containing_the_earlier_words():
    answer = completion_answer(
        titles=["Kenya restoration"],
        last_word=["Kenya restoration", "Restoring Kenyan soils", "Restoration in Kenya"],
    )
    assert es.suggestions_from_response("kenya rest", answer, limit=8) == [
        Suggestion("Kenya restoration", "/Kenya restoration/", "course"),
        Suggestion("Restoration in Kenya", "/Restoration in Kenya/", "course"),
    ]


def test_completions_are_limited():
    answer = completion_answer(titles=["A1", "A2", "A3"])
    assert [s.title for s in es.suggestions_from_response("a", answer, limit=2)] == ["A1", "A2"]


def test_the_public_url_has_no_credentials():
    assert es.public_url("https://elastic:s3cret@search.example.org:9243/") == (
        "https://search.example.org:9243/"
    )
