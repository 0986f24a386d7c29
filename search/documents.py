"""What the search index holds and answers, independent of the backend.

A `Document` is what an app's search.py makes of one object; a `Query` is what a person asks
(text, filters, who they are); `Results` is what every backend returns for it. Backends speak
only these types, so the views, the API and the behaviour tests are the same for all of them.
"""

from dataclasses import dataclass, field
from datetime import datetime

# Facets every document has, filled in by the indexer from the document itself.
TYPE_FACET = "type"
LANGUAGE_FACET = "language"

# Visibility tokens. A document lists the tokens that may read it; a reader holds tokens
# (search.registry.principals_for). A hit needs one token in common.
PUBLIC = "public"
SIGNED_IN = "signed-in"

# Highlight markers: backends wrap matched words in these, and search.text.highlight_html
# escapes the text and turns them into <mark>. Control characters never occur in indexed text
# (search.text.clean removes them), so a document cannot forge a highlight.
MARK_START = "\x02"
MARK_END = "\x03"


@dataclass
class Document:
    """One searchable thing, as indexed.

    `body` is searched but never shown whole; `summary` is shown when nothing in the body
    matched. `facets` maps a facet name to its values (slugs or codes, never labels: labels
    are looked up in the reader's language when shown). `visibility` lists the tokens that may
    read it: ["public"] for everyone.
    """

    type: str
    id: str
    title: str
    url: str
    language: str = ""
    summary: str = ""
    body: str = ""
    date: datetime | None = None
    facets: dict[str, list[str]] = field(default_factory=dict)
    visibility: list[str] = field(default_factory=lambda: [PUBLIC])

    @property
    def key(self):
        return f"{self.type}:{self.id}"

    def all_facets(self):
        """The document's facets with the built-in ones (type, language) added."""
        facets = {name: sorted(set(values)) for name, values in self.facets.items() if values}
        facets[TYPE_FACET] = [self.type]
        if self.language:
            facets[LANGUAGE_FACET] = [self.language]
        return facets


@dataclass
class Query:
    """A search as asked. `principals` None means the reader may read everything (a
    superuser); otherwise hits must carry one of these visibility tokens."""

    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    principals: list[str] | None = field(default_factory=lambda: [PUBLIC])
    sort: str = "relevance"  # or "date" (newest first)
    page: int = 1
    per_page: int = 20

    SORTS = ("relevance", "date")

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


@dataclass
class Hit:
    type: str
    id: str
    title: str
    url: str
    language: str = ""
    summary: str = ""
    date: datetime | None = None
    # The best passage with matches wrapped in MARK_START/MARK_END (plain text otherwise).
    highlight: str = ""
    # The title with matches marked the same way ("" when the title did not match).
    title_highlight: str = ""
    score: float = 0.0

    @property
    def key(self):
        return f"{self.type}:{self.id}"


@dataclass
class Results:
    hits: list[Hit]
    total: int
    # facet name -> [(value, count)], counts over every hit the reader may see (not only the
    # page shown), sorted by count then value.
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # A spelling that finds something for this reader when the query found nothing.
    suggestion: str = ""


@dataclass
class Suggestion:
    """A title offered while typing."""

    title: str
    url: str
    type: str
