"""Wagtail pages as search documents: only live pages (not aliases: an alias repeats its
original's words), readable by whoever their view restrictions let in."""

from wagtail.models import PageViewRestriction

from .documents import PUBLIC, SIGNED_IN, Document
from .registry import SearchType


def restriction_tokens(page_path, restrictions):
    """Visibility tokens of a page under these (page path, restriction type, group ids)
    restrictions, or None when nobody may find it through search (password protected, or
    groups that no one can hold at once)."""
    tokens = {PUBLIC}
    for path, restriction_type, group_ids in restrictions:
        if not page_path.startswith(path):
            continue
        if restriction_type == PageViewRestriction.PASSWORD:
            return None
        if restriction_type == PageViewRestriction.LOGIN:
            required = {SIGNED_IN}
        else:
            required = {f"group:{pk}" for pk in group_ids}
        # Nested restrictions all apply: keep the readers that pass both. Group tokens are
        # narrower than signed-in; two group lists keep their common groups.
        if tokens == {PUBLIC}:
            tokens = required
        elif required == {SIGNED_IN}:
            continue
        elif tokens == {SIGNED_IN}:
            tokens = required
        else:
            tokens &= required
        if not tokens:
            return None
    return sorted(tokens)


def all_restrictions():
    rows = {}
    for restriction in PageViewRestriction.objects.select_related("page").prefetch_related(
        "groups"
    ):
        rows[restriction.pk] = (
            restriction.page.path,
            restriction.restriction_type,
            [group.pk for group in restriction.groups.all()],
        )
    return list(rows.values())


class PageSearchType(SearchType):
    """A page type. Subclasses write `page_document(page)` returning the Document's
    type-specific fields (title, summary, body, facets) as a dict; url, language, date and
    visibility are filled in here."""

    page_type = True

    def get_queryset(self):
        return self.model.objects.live().filter(alias_of__isnull=True).select_related("locale")

    def page_document(self, page):
        raise NotImplementedError

    def documents(self, ids):
        ids = [str(i) for i in ids]
        pages = {str(p.pk): p for p in self.get_queryset().filter(pk__in=ids)}
        restrictions = all_restrictions() if pages else []
        result = {}
        for i in ids:
            page = pages.get(i)
            result[i] = self._document(page, restrictions) if page else None
        return result

    def document(self, page):
        return self._document(page, all_restrictions())

    def _document(self, page, restrictions):
        visibility = restriction_tokens(page.path, restrictions)
        url = page.get_url()
        if visibility is None or not url:
            return None
        fields = self.page_document(page)
        if fields is None:
            return None
        return Document(
            type=self.name,
            id=str(page.pk),
            url=url,
            language=page.locale.language_code,
            date=page.last_published_at or page.first_published_at,
            visibility=visibility,
            **{"title": page.title, **fields},
        )


def field_text(page, *names):
    """The searchable words of these fields (rich text without tags, stream blocks' text)."""
    parts = []
    for name in names:
        field = page._meta.get_field(name)
        value = getattr(page, name)
        if not value:
            continue
        parts.extend(str(part) for part in field.get_searchable_content(value) if part)
    return "\n".join(parts)
