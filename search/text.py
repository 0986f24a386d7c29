"""Text analysis shared by the database backends and the highlighter: accent folding,
per-language stemming (Snowball, the same algorithms PostgreSQL and Elasticsearch use), query
parsing and highlighted snippets."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape

from .documents import MARK_END, MARK_START

STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "pt": "portuguese"}
LANGUAGES = tuple(STEMMERS)

WORD = re.compile(r"\w+", re.UNICODE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text):
    """Indexed text without control characters (they are the highlight markers)."""
    return CONTROL.sub(" ", text or "")


def fold(word):
    """Lower case without accents: "Déforestación" -> "deforestacion"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8)
def _stemmer(language):
    return snowballstemmer.stemmer(STEMMERS[language])


@lru_cache(maxsize=200_000)
def stem(word, language):
    """The stem of an already folded word in a language; the folded word itself for a
    language without a stemmer. Folding first, then stemming, on both the indexed text and the
    query, makes "deforestacion" and "deforestación" meet."""
    if language not in STEMMERS:
        return word
    return _stemmer(language).stemWord(word)


def words(text):
    return WORD.findall(text or "")


def index_terms(text, language):
    """The terms a text is indexed under, in order (so phrases still match)."""
    return [stem(fold(w), language) for w in words(text)]


def query_forms(word):
    """Every term a query word may match: its folded form and its stem in each language.
    Documents are stemmed in their own language; the reader's words may be in any of them."""
    folded = fold(word)
    return sorted({folded, *(stem(folded, language) for language in LANGUAGES)})


def prefix_forms(word):
    """Forms a word being typed may start: the folded word, and its stems when stemming only
    trimmed an ending ("watershed" -> "watersh"), not when it cut a short prefix down to
    almost nothing ("res" -> "re" would complete to every word starting with "re")."""
    folded = fold(word)
    stems = {stem(folded, language) for language in LANGUAGES}
    return sorted({folded} | {s for s in stems if len(s) >= 4 and len(s) >= len(folded) - 3})


@dataclass
class Clause:
    """One part of a parsed query: a word, or a quoted phrase; `negated` for -word."""

    words: list[str]
    negated: bool = False

    @property
    def is_phrase(self):
        return len(self.words) > 1


QUERY_PART = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


def parse(text, max_clauses=12):
    """Words and "quoted phrases", with -word to exclude; anything else is ignored, so no
    input is a syntax error. At most max_clauses clauses are kept."""
    clauses = []
    for phrase_neg, phrase, word_neg, word in QUERY_PART.findall(text or ""):
        quoted = not word  # the first alternative matched: a "quoted phrase"
        # "land-use" or "agro/forestry" unquoted is one clause of its parts, like a phrase.
        found = words(phrase if quoted else word)
        if found:
            clauses.append(Clause(found, negated=(phrase_neg if quoted else word_neg) == "-"))
        if len(clauses) >= max_clauses:
            break
    # A query of only exclusions finds nothing useful: treat it as empty.
    if clauses and all(c.negated for c in clauses):
        return []
    return clauses


def matcher(clauses):
    """A function (word, language) -> bool: does this word of a document match the query?"""
    wanted = set()
    for clause in clauses:
        if clause.negated:
            continue
        for word in clause.words:
            wanted.update(query_forms(word))

    def matches(word, language):
        folded = fold(word)
        return folded in wanted or stem(folded, language) in wanted

    return matches


def mark(text, clauses, language):
    """The text with every matching word wrapped in the highlight markers."""
    matches = matcher(clauses)
    return WORD.sub(
        lambda m: (
            f"{MARK_START}{m.group(0)}{MARK_END}" if matches(m.group(0), language) else m.group(0)
        ),
        clean(text),
    )


def snippet(text, clauses, language, length=240):
    """The passage of `length` characters around the most matches, marked; "" when nothing
    in the text matches."""
    text = clean(text)
    matches = matcher(clauses)
    spans = [m.span() for m in WORD.finditer(text) if matches(m.group(0), language)]
    if not spans:
        return ""
    best_start, best_count = spans[0][0], 0
    for i, (start, _end) in enumerate(spans):
        count = sum(1 for s, e in spans[i:] if e <= start + length)
        if count > best_count:
            best_start, best_count = start, count
    # Start a little before the first match, at a word boundary.
    start = max(0, best_start - length // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best_start else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > best_start else end
    passage = mark(text[start:end], clauses, language)
    return ("…" if start else "") + passage + ("…" if end < len(text) else "")


def highlight_html(marked):
    """Safe HTML from a marked passage: everything escaped, markers turned into <mark>."""
    html = escape(marked or "")
    return html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
