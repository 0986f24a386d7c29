"""What a reader gets from search, the same on every backend (see conftest.engine): matching,
languages, filters, facets, visibility, sorting, pages, highlights and suggestions."""

from datetime import UTC, datetime

from search.documents import MARK_END, MARK_START, PUBLIC, SIGNED_IN, Document, Query

ANYONE = [PUBLIC]


def doc(id, title, body="", *, type="case_study", language="en", day=1, **fields):
    return Document(
        type=type,
        id=str(id),
        title=title,
        url=f"/{language or 'en'}/{type}/{id}/",
        language=language,
        body=body,
        date=datetime(2026, 1, day, tzinfo=UTC),
        **fields,
    )


def found(engine, text="", **query):
    query.setdefault("principals", ANYONE)
    return [hit.id for hit in engine.search(Query(text=text, **query)).hits]


def test_every_word_must_match_in_title_or_body(engine):
    engine.put(
        doc(1, "Water funds in the Andes", "Cities pay farmers upstream."),
        doc(2, "Water security for cities", "Reservoirs and pipes."),
        doc(3, "Farmers' cooperatives", "Coffee in the highlands."),
    )
    assert sorted(found(engine, "water")) == ["1", "2"]
    assert found(engine, "water farmers") == ["1"]
    assert found(engine, "WATER Farmers") == ["1"]
    assert found(engine, "water volcano") == []


def test_quoted_phrase_needs_the_words_together_and_minus_excludes(engine):
    engine.put(
        doc(1, "Land use planning", "A plan for land use in the valley."),
        doc(2, "Use of common land", "Grazing rights and their use."),
    )
    assert sorted(found(engine, "land use")) == ["1", "2"]
    assert found(engine, '"land use"') == ["1"]
    assert found(engine, "land -grazing") == ["1"]


def test_accents_are_folded_both_ways(engine):
    engine.put(
        doc(1, "La deforestación en Chiapas", "Los bosques del sur.", language="es"),
        doc(2, "Restauração de paisagens", "Produtores e municípios.", language="pt"),
    )
    assert found(engine, "deforestacion") == ["1"]
    assert found(engine, "deforestación") == ["1"]
    assert found(engine, "restauracao") == ["2"]
    assert found(engine, "MUNICIPIOS") == ["2"]


def test_each_language_is_stemmed(engine):
    engine.put(
        doc(1, "Restoring degraded forests", "Farmers planted trees.", language="en"),
        doc(2, "Les paysages forestiers", "Des communes restaurent.", language="fr"),
        doc(3, "Bosques y comunidades", "Las comunidades protegen.", language="es"),
        doc(4, "Florestas e agricultores", "Os agricultores plantam.", language="pt"),
    )
    assert found(engine, "forest") == ["1"]
    assert found(engine, "restored planting") == ["1"]
    assert found(engine, "paysage") == ["2"]
    assert found(engine, "bosque comunidad") == ["3"]
    assert found(engine, "agricultor") == ["4"]


def test_a_private_document_is_found_only_by_its_readers(engine):
    engine.put(
        doc(1, "Watershed plan", "Public watershed plan.", facets={"theme": ["water"]}),
        doc(
            2,
            "Watershed budget",
            "Private watershed budget.",
            facets={"theme": ["finance"]},
            visibility=["partnership:7"],
        ),
        doc(3, "Members' watershed notes", "For signed-in people.", visibility=[SIGNED_IN]),
    )
    anonymous = engine.search(Query(text="watershed", principals=ANYONE))
    assert [h.id for h in anonymous.hits] == ["1"]
    assert anonymous.total == 1
    assert dict(anonymous.facets["theme"]) == {"water": 1}
    assert dict(anonymous.facets["type"]) == {"case_study": 1}

    member = engine.search(Query(text="watershed", principals=[PUBLIC, SIGNED_IN, "partnership:7"]))
    assert sorted(h.id for h in member.hits) == ["1", "2", "3"]
    assert dict(member.facets["theme"]) == {"water": 1, "finance": 1}

    superuser = engine.search(Query(text="watershed", principals=None))
    assert superuser.total == 3

    # Browsing without words, and filtering on the private document's facet, show nothing.
    assert found(engine) == ["1"]
    assert found(engine, filters={"theme": ["finance"]}) == []


def test_suggestions_and_spelling_never_reveal_a_private_document(engine):
    engine.put(
        doc(1, "Rangeland restoration", "Grazing plans.", visibility=["partnership:7"]),
        doc(2, "Pastoral mobility", "Herders move with the rains."),
    )
    assert engine.suggest("range", ANYONE) == []
    assert [s.title for s in engine.suggest("range", ["partnership:7"])] == [
        "Rangeland restoration"
    ]
    assert engine.search(Query(text="rangelands restoraton", principals=ANYONE)).suggestion == ""
    assert [s.title for s in engine.suggest("past", ANYONE)] == ["Pastoral mobility"]


def test_did_you_mean_offers_a_spelling_that_finds_something(engine):
    engine.put(doc(1, "Landscape restoration", "Restoration of degraded land."))
    results = engine.search(Query(text="restoraton", principals=ANYONE))
    assert results.total == 0
    assert results.suggestion == "restoration"
    assert found(engine, results.suggestion) == ["1"]
    # Nothing close: no suggestion.
    assert engine.search(Query(text="xylophone", principals=ANYONE)).suggestion == ""


def test_filters_combine_with_and_and_facets_count_what_is_left(engine):
    engine.put(
        doc(1, "Terraces", facets={"theme": ["soil", "water"], "country": ["KE"]}),
        doc(2, "Dams", facets={"theme": ["water"], "country": ["KE"]}),
        doc(3, "Check dams", facets={"theme": ["water"], "country": ["ET"]}),
        doc(4, "A course on soils", type="course", facets={"theme": ["soil"]}),
    )
    assert sorted(found(engine, filters={"theme": ["water"]})) == ["1", "2", "3"]
    assert sorted(found(engine, filters={"theme": ["water", "soil"]})) == ["1"]
    assert sorted(found(engine, filters={"theme": ["water"], "country": ["KE"]})) == ["1", "2"]
    assert found(engine, filters={"type": ["course"]}) == ["4"]

    results = engine.search(Query(filters={"theme": ["water"]}, principals=ANYONE))
    assert results.total == 3
    assert dict(results.facets["country"]) == {"KE": 2, "ET": 1}
    assert dict(results.facets["theme"]) == {"water": 3, "soil": 1}
    assert dict(results.facets["type"]) == {"case_study": 3}
    assert dict(results.facets["language"]) == {"en": 3}
    # Sorted by count, then value.
    assert results.facets["country"] == [("KE", 2), ("ET", 1)]


def test_title_matches_rank_first_and_date_sort_puts_newest_first(engine):
    engine.put(
        doc(1, "Notes from the field", "Agroforestry and more notes.", day=20),
        doc(2, "Agroforestry in the Sahel", "Trees with crops.", day=5),
    )
    engine.put(
        Document(
            type="case_study",
            id="3",
            title="Undated notes",
            url="/en/3/",
            language="en",
            body="Trees and agroforestry.",
            date=None,
        )
    )
    assert found(engine, "agroforestry")[0] == "2"
    assert found(engine, "agroforestry", sort="date") == ["1", "2", "3"]
    # No words: newest first.
    assert found(engine) == ["1", "2", "3"]


def test_pages_split_the_hits_and_total_counts_them_all(engine):
    engine.put(*(doc(i, f"Partnership report {i}", day=i) for i in range(1, 26)))
    first = engine.search(Query(text="report", sort="date", per_page=10, principals=ANYONE))
    third = engine.search(Query(text="report", sort="date", page=3, per_page=10, principals=ANYONE))
    assert first.total == third.total == 25
    assert [h.id for h in first.hits] == [str(i) for i in range(25, 15, -1)]
    assert [h.id for h in third.hits] == [str(i) for i in range(5, 0, -1)]


def test_highlights_mark_the_matching_words(engine):
    body = "Before the project, springs dried up every year. " * 3 + (
        "After it, the restored springs flowed through the dry season."
    )
    engine.put(doc(1, "Springs of Kijabe", body, summary="A spring restoration story."))
    hit = engine.search(Query(text="restored", principals=ANYONE)).hits[0]
    assert f"{MARK_START}restored{MARK_END}" in hit.highlight
    assert hit.title_highlight == ""
    hit = engine.search(Query(text="springs", principals=ANYONE)).hits[0]
    assert f"{MARK_START}Springs{MARK_END}" in hit.title_highlight


def test_a_document_is_replaced_and_removed_by_key(engine):
    engine.put(doc(1, "Old title about mangroves"))
    engine.put(doc(1, "New title about seagrass"))
    assert found(engine, "mangroves") == []
    assert found(engine, "seagrass") == ["1"]
    engine.remove("case_study:1", "case_study:404")
    assert found(engine, "seagrass") == []
    assert engine.counts().get("case_study", 0) == 0


def test_suggest_completes_the_last_word_of_titles(engine):
    engine.put(
        doc(1, "Watershed management in Kenya"),
        doc(2, "Water funds"),
        doc(3, "Forest restoration", "watershed in the body only"),
    )
    titles = [s.title for s in engine.suggest("wat", ANYONE)]
    assert sorted(titles) == ["Water funds", "Watershed management in Kenya"]
    assert [s.title for s in engine.suggest("watershed man", ANYONE)] == [
        "Watershed management in Kenya"
    ]
    assert engine.suggest("wat", ANYONE, limit=1)[0].url.startswith("/en/")


def test_odd_input_is_never_an_error(engine):
    engine.put(doc(1, "C++ and R for land data", "Models (and maps)."))
    for text in ['"', "-", "AND OR NOT", "*", "(", ")", "NEAR(", "a:b", "'; DROP TABLE", '-""']:
        engine.search(Query(text=text, principals=ANYONE))
        engine.suggest(text, ANYONE)
    assert found(engine, "land data") == ["1"]


def test_a_short_prefix_is_not_cut_down_by_stemming(engine):
    engine.put(doc(1, "Restoring the Ferlo"), doc(2, "Regional water plans"))
    # "res" stems to "re" in French: it must not complete "Regional".
    assert [s.title for s in engine.suggest("res", ANYONE)] == ["Restoring the Ferlo"]
    assert [s.title for s in engine.suggest("restoring", ANYONE)] == ["Restoring the Ferlo"]
