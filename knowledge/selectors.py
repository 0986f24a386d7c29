"""Reads of the knowledge hub with non-trivial queries: the faceted case-study listing, its map,
related content. Each runs a fixed number of queries whatever the number of case studies."""

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, CharField, Count, F, Prefetch, Q, When
from django.db.models.functions import Coalesce, Floor, TruncDate
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from people.models import SPOKEN_LANGUAGES, Region

from .models import (
    SDG,
    CaseStudyPage,
    Country,
    CurriculumExample,
    CurriculumPage,
    Ecosystem,
    ILMElementTerm,
)
from .translation import in_reader_language

PAGE_SIZE = 12
CARD_RENDITION = "fill-480x270|format-webp"
# The map groups points into cells of this many degrees, so it stays small for any number of
# case studies.
MAP_CELL_DEGREES = 2
SORTS = {"newest": _("Newest"), "title": _("Title")}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str
    children: list = field(default_factory=list)


@dataclass
class Facet:
    key: str
    label: str
    options: list

    @property
    def selected(self):
        return any(o.selected or any(c.selected for c in o.children) for o in self.options)


# key, label, through-table field on CaseStudyPage (None for a plain field), term key
MULTI_FACETS = [
    ("country", _("Country"), "countries", "code"),
    ("theme", _("Theme"), "themes", "slug"),
    ("sdg", _("SDG"), "sdgs", "number"),
    ("ilm", _("ILM element"), "ilm_elements", "code"),
]
SINGLE_FACETS = [
    ("region", _("Region"), "region", dict(Region.choices)),
    ("language", _("Language"), "original_language", dict(SPOKEN_LANGUAGES)),
]
FACET_KEYS = ["country", "region", "theme", "ecosystem", "sdg", "ilm", "language"]


def _clean_params(params):
    """The filters a request asks for, keeping only known keys and short values."""
    chosen = {}
    for key in FACET_KEYS:
        values = [v for v in params.getlist(key) if v and len(v) <= 40]
        if not values:
            continue
        if key in ("region", "language"):
            values = values[-1:]  # one value: a case study has one region, one language
        chosen[key] = list(dict.fromkeys(values))
    sort = params.get("sort")
    return chosen, sort if sort in SORTS else "newest"


def _url(chosen, current_sort, **change):
    """A listing URL: the current filters with one value toggled (or replaced)."""
    pairs = []
    sort = change.pop("sort_to", current_sort)
    state = {key: list(values) for key, values in chosen.items()}
    for key, value in change.items():
        current = state.setdefault(key, [])
        if value in current:
            current.remove(value)
        elif key in ("region", "language"):
            state[key] = [value]
        else:
            current.append(value)
    for key in FACET_KEYS:
        pairs += [(key, v) for v in state.get(key, [])]
    if sort != "newest":
        pairs.append(("sort", sort))
    return "?" + urlencode(pairs) if pairs else "?"


def _through(field_name):
    return CaseStudyPage._meta.get_field(field_name).remote_field.through


def _filtered(base, chosen, skip=None):
    qs = base
    for key, _label, field_name, term_key in MULTI_FACETS:
        if key == skip:
            continue
        through = _through(field_name)
        target = CaseStudyPage._meta.get_field(field_name).m2m_reverse_field_name()
        for value in chosen.get(key, []):
            if key == "sdg" and not value.isdigit():
                return qs.none()
            ids = through.objects.filter(**{f"{target}__{term_key}": value}).values(
                "casestudypage_id"
            )
            qs = qs.filter(pk__in=ids)
    for value in chosen.get("ecosystem", []):
        through = _through("ecosystems")
        ids = through.objects.filter(
            Q(ecosystem__code=value)
            | Q(ecosystem__parent__code=value)
            | Q(ecosystem__parent__parent__code=value)
        ).values("casestudypage_id")
        qs = qs.filter(pk__in=ids)
    for key, _label, field_name, _choices in SINGLE_FACETS:
        if key != skip and key in chosen:
            qs = qs.filter(**{field_name: chosen[key][0]})
    return qs


def _term_labels(model, term_key, values):
    if model is SDG:
        return {str(v): SDG(number=int(v)).label for v in values if str(v).isdigit()}
    if model is Country or model is ILMElementTerm:
        return {str(v): model(**{term_key: v}).label for v in values}
    return {
        str(getattr(t, term_key)): t.label
        for t in model.objects.filter(**{f"{term_key}__in": values})
    }


def _multi_facet(results, chosen, sort, key, label, field_name, term_key):
    through = _through(field_name)
    target = CaseStudyPage._meta.get_field(field_name).m2m_reverse_field_name()
    rows = (
        through.objects.filter(casestudypage_id__in=results.values("pk"))
        .values(value=F(f"{target}__{term_key}"))
        .annotate(count=Count("casestudypage_id", distinct=True))
        .order_by()
    )
    counts = {str(row["value"]): row["count"] for row in rows}
    selected = set(chosen.get(key, []))
    # A selected value stays listed (to be removed) even when nothing matches it any more.
    values = list(counts) + [v for v in selected if v not in counts]
    model = CaseStudyPage._meta.get_field(field_name).related_model
    labels = _term_labels(model, term_key, values)
    options = [
        FacetOption(
            v,
            str(labels.get(v, v)),
            counts.get(v, 0),
            v in selected,
            _url(chosen, sort, **{key: v}),
        )
        for v in values
        if v in labels
    ]
    if key == "sdg":
        options.sort(key=lambda o: int(o.value))
    elif key == "ilm":
        order = [code for code, _ in ILMElementTerm._meta.get_field("code").choices]
        options.sort(key=lambda o: order.index(o.value) if o.value in order else 99)
    else:
        options.sort(key=lambda o: (-o.count, o.label))
    return Facet(key, str(label), options)


def _single_facet(base, chosen, sort, key, label, field_name, choices):
    # Counted without this facet's own filter, so a reader can switch to another value.
    rows = (
        _filtered(base, chosen, skip=key)
        .exclude(**{field_name: ""})
        .values(value=F(field_name))
        .annotate(count=Count("pk"))
        .order_by()
    )
    selected = set(chosen.get(key, []))
    options = [
        FacetOption(
            r["value"],
            str(choices.get(r["value"], r["value"])),
            r["count"],
            r["value"] in selected,
            _url(chosen, sort, **{key: r["value"]}),
        )
        for r in rows
    ]
    options.sort(key=lambda o: (-o.count, o.label))
    return Facet(key, str(label), options)


def _ecosystem_facet(results, chosen, sort):
    """Realms with their biomes, each with the number of case studies in it (a case study
    tagged with several groups of one biome counts once)."""
    through = _through("ecosystems")
    rows = through.objects.filter(casestudypage_id__in=results.values("pk"))
    level = "ecosystem__level"
    biome_code = Case(
        When(**{level: "biome"}, then=F("ecosystem__code")),
        When(**{level: "group"}, then=F("ecosystem__parent__code")),
        output_field=CharField(),
    )
    realm_code = Case(
        When(**{level: "realm"}, then=F("ecosystem__code")),
        When(**{level: "biome"}, then=F("ecosystem__parent__code")),
        When(**{level: "group"}, then=F("ecosystem__parent__parent__code")),
        output_field=CharField(),
    )
    counts = {}
    for expression in (biome_code, realm_code):
        for row in (
            rows.annotate(code=expression)
            .exclude(code=None)
            .values("code")
            .annotate(count=Count("casestudypage_id", distinct=True))
            .order_by()
        ):
            counts[row["code"]] = row["count"]
    selected = set(chosen.get("ecosystem", []))
    wanted = set(counts) | selected
    nodes = list(
        Ecosystem.objects.filter(code__in=wanted).exclude(level=Ecosystem.Level.GROUP)
        | Ecosystem.objects.filter(code__in=selected)
    )
    by_code = {}
    realms = []
    for node in sorted(nodes, key=lambda n: n.sort_key):
        option = FacetOption(
            node.code,
            node.label,
            counts.get(node.code, 0),
            node.code in selected,
            _url(chosen, sort, ecosystem=node.code),
        )
        by_code[node.id] = option
        parent = by_code.get(node.parent_id)
        if parent is not None:
            parent.children.append(option)
        else:
            realms.append(option)
    return Facet("ecosystem", str(_("Ecosystem")), realms)


def _map_cells(results):
    """Case-study points grouped into cells: one circle per cell, sized by its count."""
    size = MAP_CELL_DEGREES
    rows = (
        results.exclude(latitude=None)
        .exclude(longitude=None)
        .annotate(cell_x=Floor(F("longitude") / size), cell_y=Floor(F("latitude") / size))
        .values("cell_x", "cell_y")
        .annotate(count=Count("pk"))
        .order_by()
    )
    cells = []
    for row in rows:
        count = row["count"]
        cells.append(
            {
                "x": round((row["cell_x"] + 0.5) * size, 1),
                "y": round(-(row["cell_y"] + 0.5) * size, 1),
                "r": round(2.5 + math.log2(count) * 1.2, 1),
                "count": count,
            }
        )
    return cells


def case_study_base(index):
    return CaseStudyPage.objects.live().public().child_of(index)


def case_study_listing(*, index, params):
    """Everything the case-study index shows for a request's filters and page."""
    chosen, sort = _clean_params(params)
    base = case_study_base(index)
    results = _filtered(base, chosen)

    facets = []
    for key, label, field_name, term_key in MULTI_FACETS:
        facets.append(_multi_facet(results, chosen, sort, key, label, field_name, term_key))
        if key == "theme":
            facets.append(_ecosystem_facet(results, chosen, sort))
    for key, label, field_name, choices in SINGLE_FACETS:
        facets.insert(
            1 if key == "region" else len(facets),
            _single_facet(base, chosen, sort, key, label, field_name, choices),
        )

    if sort == "title":
        ordered = results.order_by("title", "pk")
    else:
        ordered = results.annotate(
            sort_date=Coalesce("published_on", TruncDate("first_published_at"))
        ).order_by(F("sort_date").desc(nulls_last=True), "-pk")
    image_model = get_image_model()
    ordered = ordered.prefetch_related(
        Prefetch(
            "hero_image",
            queryset=image_model.objects.prefetch_renditions(CARD_RENDITION),
        ),
        "countries",
        "themes",
    )
    page = Paginator(ordered, PAGE_SIZE).get_page(params.get("page"))

    active = [
        {"facet": facet.label, "label": option.label, "url": option.url}
        for facet in facets
        for option in [*facet.options, *[c for o in facet.options for c in o.children]]
        if option.selected
    ]
    query = _url(chosen, sort).lstrip("?")
    return {
        "results": page,
        "total": page.paginator.count,
        "facets": [f for f in facets if f.options],
        "active_filters": active,
        "sort": sort,
        "sort_options": [
            {
                "value": key,
                "label": label,
                "selected": key == sort,
                "url": _url(chosen, sort, sort_to=key),
            }
            for key, label in SORTS.items()
        ],
        "query": query,
        "clear_url": "?",
        "map_cells": _map_cells(results),
        "card_rendition": CARD_RENDITION,
    }


def _related_case_studies(page, limit):
    """Live case studies in the page's language ranked by the themes and ecosystems they share
    with it. Counted on the two through tables only (an index scan per shared term), not by
    joining every case study to its terms: that grew with the library (64% of a page's time
    at 10,000 case studies, bench/knowledge.py)."""
    themes = CaseStudyPage.themes.through._meta
    ecosystems = CaseStudyPage.ecosystems.through._meta
    page_table = Page._meta.db_table
    sql = f"""
        SELECT shared_terms.casestudypage_id, COUNT(*) AS shared
        FROM (
            SELECT casestudypage_id FROM {themes.db_table} WHERE theme_id IN (
                SELECT theme_id FROM {themes.db_table} WHERE casestudypage_id = %s)
            UNION ALL
            SELECT casestudypage_id FROM {ecosystems.db_table} WHERE ecosystem_id IN (
                SELECT ecosystem_id FROM {ecosystems.db_table} WHERE casestudypage_id = %s)
        ) shared_terms
        JOIN {page_table} p ON p.id = shared_terms.casestudypage_id
        WHERE p.live AND p.locale_id = %s AND p.id <> %s
        GROUP BY shared_terms.casestudypage_id
        ORDER BY shared DESC, shared_terms.casestudypage_id DESC
        LIMIT %s
    """  # noqa: S608 (table names come from the models, values are parameters)
    with connection.cursor() as cursor:
        # Room for a few that turn out private (view restrictions are checked below).
        cursor.execute(sql, [page.pk, page.pk, page.locale_id, page.pk, limit * 3])
        ranked = cursor.fetchall()
    if not ranked:
        return []
    order = {pk: position for position, (pk, _shared) in enumerate(ranked)}
    pages = (
        CaseStudyPage.objects.live()
        .public()
        .filter(pk__in=order)
        .exclude(translation_key=page.translation_key)
        .only("title", "summary", "url_path", "path", "depth", "locale_id", "content_type_id")
    )
    return sorted(pages, key=lambda related: order[related.pk])[:limit]


def case_study_related(page, limit=4):
    """Other case studies sharing themes or ecosystems (most shared first), the curricula that
    cite this one, and whatever other apps add through the ``case_study_related`` hook."""
    related = _related_case_studies(page, limit)
    # Curricula cite the case study in the language they were written in; any translation counts.
    examples = (
        CurriculumExample.objects.filter(case_study__translation_key=page.translation_key)
        .filter(module__live=True)
        .values_list("module__path", flat=True)
    )
    curriculum_paths = {path[:-4] for path in examples}
    curricula = []
    if curriculum_paths:
        # Each curriculum in the reader's language when a public translation exists: one query
        # for all of them, not one per curriculum.
        originals = CurriculumPage.objects.live().public().filter(path__in=curriculum_paths)
        curricula = list({c.translation_key: c for c in in_reader_language(originals)}.values())
    extra = []
    for hook in hooks.get_hooks("case_study_related"):
        section = hook(page)
        if section:
            extra.append(section)
    return {
        "related_case_studies": related,
        "citing_curricula": curricula,
        "related_sections": extra,
    }


def module_examples(module):
    """The case studies a module uses as examples, each in the reader's language when a
    translation exists: ``[(case_study, note)]`` in the editor's order, in two queries."""
    rows = list(
        module.examples.filter(case_study__in=CaseStudyPage.objects.live().public())
        .select_related("case_study")
        .order_by("sort_order")
    )
    if not rows:
        return []
    keys = [row.case_study.translation_key for row in rows]
    locale = Locale.get_active()
    translated = {
        page.translation_key: page
        for page in CaseStudyPage.objects.live()
        .public()
        .filter(translation_key__in=keys, locale=locale)
    }
    return [
        (translated.get(row.case_study.translation_key, row.case_study), row.note) for row in rows
    ]


def curriculum_listing(index):
    return (
        CurriculumPage.objects.live()
        .public()
        .child_of(index)
        .select_related("institute")
        .order_by("title")
    )
