"""A curriculum for reuse: the Common Cartridge package and the printable facilitator guide.

Both read the same things the curriculum's own pages show, and nothing more: a live curriculum
outside every private section (view restrictions of any kind), its live public modules, the
live public case studies they use as examples, and the handouts whose collection is not
restricted. A curriculum is openly licensed, so anyone may download it without signing in; a
draft or a restricted page answers 404 exactly like a page that does not exist.

The page is the one in the language of the address (``/fr/...`` gives the French translation
when one is published); an alias has no words of its own, so its original is exported.

Queries are fixed whatever the number of modules: the view restrictions are read once, the
modules come in one query with their examples prefetched, the example case studies (in the
reader's language) in one more, and the handout documents in one, found from the handouts' raw
data rather than block by block. Each handout file is read once, however many modules share it.
"""

import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from .cartridge import Cartridge, CartridgeFile, CartridgeModule, CartridgePage, build_cartridge
from .cartridge import safe_path_segment as segment
from .models import CaseStudyPage, CurriculumExample, CurriculumModulePage, CurriculumPage

logger = logging.getLogger(__name__)

# The media type IANA registered for Common Cartridge 1.3 packages (vnd.ims.imsccv1p3).
# Importers (Canvas, Moodle) look inside the zip, not at the media type; browsers save the
# file under the name Content-Disposition gives.
PACKAGE_CONTENT_TYPE = "application/vnd.ims.imsccv1p3"
HANDOUT_FOLDER = "handouts"

# A root-relative address in an attribute of the rendered pages (rich text links, page
# URLs): made absolute so that it still leads to this site from inside a learning platform.
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


@dataclass
class Handout:
    title: str
    document: object
    size: int | None = None  # bytes, when known
    path: str = ""  # inside the package, relative to the curriculum's folder
    content: bytes = b""


@dataclass
class ModuleExport:
    page: CurriculumModulePage
    language: str
    path: str = ""
    handouts: list[Handout] = field(default_factory=list)
    examples: list[dict] = field(default_factory=list)


# --- Reading the curriculum -----------------------------------------------------------


class _Privacy:
    """Wagtail's ``.public()`` asks for the view restrictions each time it is used; read
    them once and test each page's path against them (a restriction covers its subtree)."""

    def __init__(self):
        self.paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))

    def public(self, page):
        return not page.path.startswith(self.paths) if self.paths else True


def _curriculum(page_id, privacy, language):
    """The public curriculum to export, in the request's language; 404 otherwise."""
    live = CurriculumPage.objects.live().select_related("locale", "institute")
    found = live.filter(pk=page_id).first()
    if found is None or not privacy.public(found):
        raise Http404
    if found.locale.language_code != language:
        translated = live.filter(
            translation_key=found.translation_key, locale__language_code=language
        ).first()
        if translated is not None and privacy.public(translated):
            found = translated
    if found.alias_of_id:
        original = live.filter(pk=found.alias_of_id).first()
        if original is not None and privacy.public(original):
            found = original
    return found


def _modules(curriculum, privacy):
    examples = CurriculumExample.objects.select_related("case_study").order_by("sort_order")
    modules = (
        CurriculumModulePage.objects.child_of(curriculum)
        .live()
        .select_related("locale", "alias_of__locale")
        .prefetch_related(Prefetch("examples", queryset=examples))
        .order_by("path")
    )
    return [module for module in modules if privacy.public(module)]


def _localized_case_studies(modules, privacy, language):
    """Each example's case study, in the reader's language when a public translation (or
    alias) exists there, else itself; examples that are drafts or private are left out."""
    studies = [
        example.case_study
        for module in modules
        for example in module.examples.all()
        if example.case_study_id
    ]
    keys = {study.translation_key for study in studies}
    if not keys:
        return {}
    by_language, by_pk = {}, {}
    pages = CaseStudyPage.objects.live().filter(translation_key__in=keys).select_related("locale")
    for page in pages:
        if privacy.public(page):
            by_language[(page.translation_key, page.locale.language_code)] = page
            by_pk[page.pk] = page
    return {
        study.pk: by_language.get((study.translation_key, language)) or by_pk.get(study.pk)
        for study in studies
    }


def _documents(modules):
    """The handout documents of every module by id, one query; documents in a collection
    under a view restriction are left out, as Wagtail's document view would refuse them."""
    ids = {
        block["value"].get("document")
        for module in modules
        for block in module.handouts.raw_data
        if block.get("type") == "document"
    }
    ids.discard(None)
    if not ids:
        return {}
    restricted = tuple(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    documents = get_document_model().objects.filter(pk__in=ids).select_related("collection")
    return {
        document.pk: document
        for document in documents
        if not (restricted and document.collection.path.startswith(restricted))
    }


def _content_language(page):
    source = page.alias_of if page.alias_of_id else page
    return source.locale.language_code


def _curriculum_export(request, page_id):
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        language = settings.LANGUAGE_CODE
    privacy = _Privacy()
    curriculum = _curriculum(page_id, privacy, language)
    url = curriculum.get_full_url(request)
    if not url:  # not routable in any site: nothing to attribute it to
        raise Http404
    modules = _modules(curriculum, privacy)
    case_studies = _localized_case_studies(modules, privacy, language)
    documents = _documents(modules)
    exports = []
    for number, module in enumerate(modules, start=1):
        export = ModuleExport(
            page=module,
            language=_content_language(module),
            path=f"{number:02d}-{segment(module.slug, 'module')}.html",
        )
        for block in module.handouts.raw_data:
            value = block.get("value") or {}
            document = documents.get(value.get("document"))
            if block.get("type") == "document" and document is not None:
                title = value.get("title") or document.title
                export.handouts.append(Handout(title, document, size=document.file_size))
        for example in module.examples.all():
            study = case_studies.get(example.case_study_id)
            if study is not None:
                export.examples.append(
                    {
                        "title": study.title,
                        "summary": study.summary,
                        "note": example.note,
                        "full_url": study.get_full_url(request),
                    }
                )
        exports.append(export)
    return curriculum, url, exports


def _context(curriculum, url, modules):
    planned = sum(module.page.planned_minutes for module in modules)
    return {
        "curriculum": curriculum,
        "curriculum_url": url,
        "modules": modules,
        "planned_minutes": planned,
        "site_name": settings.SITE_NAME,
        "language": curriculum.locale.language_code,
    }


# --- The Common Cartridge package -----------------------------------------------------


def _read(document):
    """A document's bytes through its storage (local disk or object storage alike)."""
    with document.file.storage.open(document.file.name, "rb") as handle:
        return handle.read()


def _ship_handouts(modules):
    """Read each handout document once and give it one path in the package, however many
    modules share it; a document whose file is missing is left out (and logged)."""
    shipped = {}  # document id -> (path, content) or None when unreadable
    taken = set()
    for module in modules:
        kept = []
        for handout in module.handouts:
            document = handout.document
            if document.pk not in shipped:
                try:
                    content = _read(document)
                except OSError:
                    logger.warning("handout %s has no readable file", document.pk)
                    shipped[document.pk] = None
                else:
                    path = _handout_path(document, taken)
                    taken.add(path)
                    shipped[document.pk] = (path, content)
            if shipped[document.pk] is not None:
                handout.path, handout.content = shipped[document.pk]
                handout.size = len(handout.content)
                kept.append(handout)
        module.handouts = kept


def _handout_path(document, taken):
    extension = document.file_extension.lower()
    stem = document.title
    if extension and stem.lower().endswith(f".{extension}"):
        stem = stem[: -len(extension) - 1]
    name = segment(f"{stem}.{extension}" if extension else stem, default="handout")
    if f"{HANDOUT_FOLDER}/{name}" in taken:  # another document of the same name
        base, dot, extension = name.rpartition(".")
        name = f"{base}-{document.pk}.{extension}" if dot else f"{name}-{document.pk}"
    return f"{HANDOUT_FOLDER}/{name}"


def _absolute_links(html, url):
    parts = urlsplit(url)
    return _ROOT_RELATIVE.sub(rf"\g<1>{parts.scheme}://{parts.netloc}/", html)


@require_safe
def cartridge(request, page_id):
    """The curriculum as an IMS Common Cartridge 1.3 package (``.imscc``) for an LMS."""
    curriculum, url, modules = _curriculum_export(request, page_id)
    _ship_handouts(modules)
    context = _context(curriculum, url, modules)
    language = context["language"]
    folder = segment(curriculum.slug, "curriculum")

    def page(template, **extra):
        return _absolute_links(render_to_string(template, {**context, **extra}), url)

    # Every word of the package in the curriculum's language, whatever the reader's.
    with translation.override(language):
        overview = CartridgePage(
            identifier="overview",
            title=curriculum.title,
            html=page("knowledge/export/overview.html"),
            path=f"{folder}/index.html",
        )
        cartridge_modules = []
        neighbours = zip([None, *modules], modules, [*modules[1:], None], strict=False)
        for previous_module, module, next_module in neighbours:
            html = page(
                "knowledge/export/module.html",
                module=module,
                previous_module=previous_module,
                next_module=next_module,
            )
            files = tuple(
                CartridgeFile(f"{folder}/{handout.path}", handout.content)
                for handout in module.handouts
            )
            module_page = CartridgePage(
                identifier=f"module-page-{module.page.pk}",
                title=module.page.title,
                html=html,
                path=f"{folder}/{module.path}",
                files=files,
            )
            cartridge_modules.append(
                CartridgeModule(f"module-{module.page.pk}", module.page.title, (module_page,))
            )
        licence = curriculum.get_licence_display()
        if curriculum.licence_url:
            licence = f"{licence} — {curriculum.licence_url}"
        data = build_cartridge(
            Cartridge(
                identifier=f"curriculum-{curriculum.translation_key}-{language}",
                title=curriculum.title,
                description=curriculum.summary,
                language=language,
                licence=f"{licence} — {settings.SITE_NAME}, {url}",
                modules=tuple(cartridge_modules),
                overview=overview,
            )
        )
    response = HttpResponse(data, content_type=PACKAGE_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{folder}.imscc"
    )
    return response


# --- The facilitator guide ------------------------------------------------------------


@require_safe
def facilitator_guide(request, page_id):
    """The whole curriculum on one printable page, for the facilitator's binder."""
    curriculum, url, modules = _curriculum_export(request, page_id)
    context = _context(curriculum, url, modules)
    context["curriculum_page_url"] = curriculum.get_url(request)
    return render(request, "knowledge/export/guide.html", context)
