"""Keeping a page present in every language tree.

Pages are written in the default-locale tree. wagtail-localize keeps the French, Spanish and
Portuguese trees synchronised from it (``LocaleSynchronization``, set by a migration): until a
page is translated, each other tree holds an *alias* of it, so /fr/... serves the original with
a notice instead of a 404. The Wagtail admin does this itself when an editor creates a page; code
that creates pages elsewhere (the front-end submission form, demo content) calls
``page_sync_aliases``.
"""

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization


def page_sync_aliases(page):
    """Create an alias of ``page`` in every locale synchronised from its own that has neither a
    translation nor an alias of it yet. Returns the aliases created."""
    # Read it back: after ``save_revision().publish()`` the object in hand is stale (still not
    # live), and aliases copy what they are given.
    page = Page.objects.get(pk=page.pk).specific
    created = []
    target_ids = LocaleSynchronization.objects.filter(sync_from_id=page.locale_id).values_list(
        "locale_id", flat=True
    )
    present = set(
        Page.objects.filter(translation_key=page.translation_key).values_list(
            "locale_id", flat=True
        )
    )
    for locale in Locale.objects.filter(pk__in=target_ids).exclude(pk__in=present):
        created.append(page.copy_for_translation(locale, copy_parents=True, alias=True))
    return created


def translation_publish(page, locale, fields, *, user=None):
    """Give ``page`` a translation of its own in ``locale``, with ``fields`` set, and publish
    it; unless it already has one (perhaps edited since), which is left alone. An alias in
    that language is converted into a page of its own (its subtree stays); otherwise the page
    is copied. Returns the translation and whether it was made now. (Demo content uses it; in
    the admin, wagtail-localize does the same.)"""
    from wagtail.actions.convert_alias import ConvertAliasPageAction

    existing = Page.objects.filter(translation_key=page.translation_key, locale=locale).first()
    if existing is not None and existing.alias_of_id is None:
        return existing.specific, False
    if existing is not None:
        translated = existing.specific
        ConvertAliasPageAction(translated, user=user).execute(skip_permission_checks=True)
    else:
        translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision(user=user).publish(user=user)
    return translated, True


def in_reader_language(pages):
    """Each page as a reader of the active language should see it: its live, public
    translation in that language when there is one, else the page itself. One query for all
    of them (pages of one type)."""
    pages = list(pages)
    if not pages:
        return pages
    translated = {
        page.translation_key: page
        for page in type(pages[0])
        .objects.live()
        .public()
        .filter(
            translation_key__in={page.translation_key for page in pages},
            locale__language_code=get_supported_content_language_variant(
                translation.get_language() or settings.LANGUAGE_CODE
            ),
        )
    }
    return [translated.get(page.translation_key, page) for page in pages]


def content_locale(page):
    """The locale a page's words are written in: an alias shows its original's words."""
    if page.alias_of_id:
        return page.alias_of.locale
    return page.locale


def available_translations(page):
    """Live pages holding this page's words in another language (aliases excluded), with the
    page itself, ordered by the site's language order."""
    pages = (
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key, alias_of__isnull=True)
        .select_related("locale")
    )
    order = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return sorted(
        pages,
        key=lambda p: (
            order.index(p.locale.language_code) if p.locale.language_code in order else len(order)
        ),
    )
