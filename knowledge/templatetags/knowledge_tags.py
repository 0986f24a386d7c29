"""Template helpers of the knowledge hub's pages: languages of a page, schema.org metadata,
renditions named by a context variable, the locator map, facet lists, agenda timings.

Each helper works on what the page or the selector already loaded; the few that query (a
page's languages) cache their answer on the page, so using them twice costs nothing."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext, ngettext

from ..translation import available_translations, content_locale

register = template.Library()

# What Django's json_script escapes, so user text cannot close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# The world outline's frame (static/img/world.svg): x = longitude, y = -latitude.
WORLD = (-180, -84, 360, 144)
LOCATOR_SIZE = (60, 30)


# Languages that write language names in lower case inside a sentence.
LOWERCASE_LANGUAGE_NAMES = {"fr", "es", "pt"}


def _language(code):
    """A language's names: in itself (for links) and in the reader's language (for prose)."""
    try:
        info = get_language_info(code)
    except KeyError:
        return {"code": code, "name_local": code, "name": code}
    name = str(info["name_translated"])
    if (get_language() or "en").split("-")[0] in LOWERCASE_LANGUAGE_NAMES and name:
        name = name[0].lower() + name[1:]  # "traduite en français", "su idioma original, inglés"
    return {"code": code, "name_local": info["name_local"], "name": name}


@register.simple_tag(takes_context=True)
def page_languages(context, page):
    """The languages of a page: what its words are written in, what the reader asked for,
    and the translations that exist (links for the switcher and hreflang alternates)."""
    cached = getattr(page, "_knowledge_languages", None)
    if cached is not None:
        return cached
    request = context.get("request")
    active = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    translations = []
    original = None
    content = None
    for translation in available_translations(page):
        code = translation.locale.language_code
        if translation.pk == page.pk:
            content = code  # the page's own words (an alias is never in this list)
        entry = {
            **_language(code),
            "url": translation.get_url(request),
            "full_url": translation.get_full_url(request),
            "current": translation.pk == page.pk,
        }
        translations.append(entry)
        if page.alias_of_id and translation.pk == page.alias_of_id:
            original = entry
    if content is None:
        content = original["code"] if original else content_locale(page).language_code
    result = {
        "content": _language(content),
        "active": _language(active),
        "fallback": content != active,
        "translations": translations,
        # An alias repeats its original's words: search engines should index the original.
        "canonical": original["full_url"] if original else None,
        "others": [t for t in translations if not t["current"]],
    }
    page._knowledge_languages = result
    return result


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """An absolute address for a path (renditions may already be absolute on remote storage)."""
    request = context.get("request")
    if not url or request is None:
        return url or ""
    return request.build_absolute_uri(url)


@register.simple_tag
def rendition(image, spec):
    """The rendition of ``image`` for a filter spec held in a variable (the listing names the
    spec it prefetched); None without an image."""
    if not image:
        return None
    return image.get_rendition(spec)


def _json_ld(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag(takes_context=True)
def case_study_json_ld(context, page, image_url=""):
    """One schema.org Article describing a case study, escaped for a <script> element."""
    request = context.get("request")
    languages = page_languages(context, page)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "name": page.title,
        "headline": page.title[:110],
        "description": page.summary,
        "url": page.get_full_url(request),
        "inLanguage": languages["content"]["code"],
        "publisher": {"@type": "Organization", "name": str(settings.SITE_NAME)},
    }
    if page.date:
        data["datePublished"] = page.date.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    data["license"] = page.licence_url or page.get_licence_display()
    if image_url:
        data["image"] = image_url
    authors = [{"@type": "Organization", "name": p.name} for p in page.partnerships.all()]
    if authors:
        data["author"] = authors
    place = {"@type": "Place"}
    countries = [str(c.label) for c in page.countries.all()]
    if countries:
        place["name"] = ", ".join(countries)
    if page.latitude is not None and page.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": page.latitude,
            "longitude": page.longitude,
        }
    if len(place) > 1:
        data["spatialCoverage"] = place
    themes = [{"@type": "Thing", "name": str(t.label)} for t in page.themes.all()]
    if themes:
        data["about"] = themes
    return _json_ld(data)


@register.filter
def coordinates(page):
    """``1.30° S, 36.80° E`` for a case study's point."""
    if page.latitude is None or page.longitude is None:
        return ""
    north = gettext("N") if page.latitude >= 0 else gettext("S")
    east = gettext("E") if page.longitude >= 0 else gettext("W")
    return f"{abs(page.latitude):.2f}° {north}, {abs(page.longitude):.2f}° {east}"


@register.simple_tag
def locator(page):
    """A window of the world map centred on the case study's point (kept inside the map)."""
    if page.latitude is None or page.longitude is None:
        return None
    x, y = page.longitude, -page.latitude
    width, height = LOCATOR_SIZE
    left = min(max(x - width / 2, WORLD[0]), WORLD[0] + WORLD[2] - width)
    top = min(max(y - height / 2, WORLD[1]), WORLD[1] + WORLD[3] - height)
    return {"viewbox": f"{left:g} {top:g} {width} {height}", "x": round(x, 2), "y": round(y, 2)}


@register.simple_tag(takes_context=True)
def parent_url(context, page):
    """The address of a page's parent, one level up its own (saves a query for the parent)."""
    url = page.get_url(context.get("request")) or ""
    return url.rstrip("/").rsplit("/", 1)[0] + "/" if url else ""


@register.filter
def map_total(cells):
    return sum(cell["count"] for cell in cells or [])


@register.filter
def any_selected(options):
    return any(option.selected for option in options)


@register.filter
def duration(minutes):
    """``1 h 30 min`` / ``45 min``."""
    if minutes in (None, ""):
        return ""
    minutes = int(minutes)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return gettext("%(minutes)d min") % {"minutes": rest}
    if not rest:
        return gettext("%(hours)d h") % {"hours": hours}
    return gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}


@register.filter
def hours(value):
    """``1.5`` → ``1.5 hours``."""
    if value in (None, ""):
        return ""
    number = float(value)
    shown = f"{number:g}"
    return ngettext("%(hours)s hour", "%(hours)s hours", 1 if number == 1 else 2) % {"hours": shown}


@register.simple_tag
def choice_label(struct_value, name):
    """The reader-facing label of a choice inside a StructBlock value (e.g. an activity's
    method)."""
    value = struct_value.get(name)
    block = struct_value.block.child_blocks[name]
    return dict(block.field.choices).get(value, value)


@register.simple_tag
def agenda(session):
    """A session's activities with their start (minutes from the session's start) and the
    session's total."""
    rows, clock = [], 0
    for activity in session["activities"]:
        rows.append({"activity": activity, "start": clock})
        clock += activity["minutes"] or 0
    return {"rows": rows, "total": clock}


@register.filter
def clock(minutes):
    """Minutes from the start as ``h:mm``."""
    hours_, rest = divmod(int(minutes or 0), 60)
    return f"{hours_}:{rest:02d}"
