"""IMS Common Cartridge 1.3 export of a curriculum: one ``.imscc`` zip for an LMS to import.

A pure module: it takes plain data (the dataclasses below) and returns bytes, so it runs
without a database and can be tested on its own.

What the package looks like, and why (sources are public code, read when this was written):

* ``imsmanifest.xml`` at the root of the zip, in the CC 1.3 namespaces, with the manifest
  ``<metadata>`` the profile requires: ``<schema>IMS Common Cartridge</schema>``,
  ``<schemaversion>1.3.0</schemaversion>`` and an IEEE LOM record in the *manifest* LOM
  namespace (title, language, description, rights). Both values are enumerations in the
  official schema ``ccv1p3_imscp_v1p2_v1p0.xsd`` (the copy used by the tests is in
  ``knowledge/tests/cc13_schema/``).
* One ``<organization>`` whose ``structure`` is the fixed value ``rooted-hierarchy`` (the
  profile allows nothing else). Its single top ``<item>`` has no ``<title>`` (the profile
  forbids one there); every item below it must have one.
* Below the root: one folder item per module (no ``identifierref``: a "learning object"
  item that points at a resource may not have child items, Schematron rule 8b), each with a
  leaf item per page pointing at the page's resource. The overview, when there is one, gets
  a folder of its own: Canvas turns every child of the root into a module and gathers leaf
  items found there into a "Misc Module" (``lib/cc/importer/standard/org_converter.rb``).
* One ``webcontent`` resource per HTML page, with ``href`` equal to one of its ``<file>``
  elements (rule 10b) and a ``<file>`` for every file it ships, none twice (rule 9a). A file
  shipped by several pages gets its own ``webcontent`` resource and each page a
  ``<dependency>`` on it (the pattern of Moodle's CC exporter, ``backup/cc/cc_lib/
  cc_utils.php``); a webcontent resource may depend on webcontent (rule set 5 only forbids
  dependencies on LAOs such as discussions or assessments).
* All web content lives under ``web_resources/``. The spec itself lets webcontent files sit
  anywhere outside a Learning Application Object folder; ``web_resources/`` is where Canvas
  exports course files, and its importer strips that prefix so the files land at the root of
  the course's Files with the curriculum's folder structure. Moodle copies any path. The
  prefix is applied uniformly, so relative links between pages and files keep working.
* Paths are lower case ASCII with no spaces (the CC 1.1 overview's advice, quoted in Moodle's
  ``cc_utils.php``); ``safe_path_segment`` turns any file name into one.
* Identifiers are XML ``ID`` values (NCName), one namespace for the whole manifest: they are
  folded to ASCII, prefixed by kind, and de-duplicated.
* The zip is deterministic: fixed timestamps and permissions, sorted entries after the
  manifest, ``ZIP_DEFLATED``.

Importers: Canvas reads 1.3 (``lib/cc/importer/standard/converter.rb`` names the CC 1.3
resource types). Stock Moodle does not: ``backup/converter/imscc11/lib.php`` recognises a
cartridge only by the CC 1.1 namespace (``imsccv1p1``), and ``imscc1`` by the 1.0 one, so a
1.3 package is refused there as an unknown format.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree as ET

__all__ = [
    "CC_SCHEMA",
    "CC_SCHEMA_VERSION",
    "Cartridge",
    "CartridgeFile",
    "CartridgeModule",
    "CartridgePage",
    "MANIFEST_NAME",
    "NS_IMSCC",
    "NS_LOM_MANIFEST",
    "NS_LOM_RESOURCE",
    "WEB_ROOT",
    "build_cartridge",
    "manifest_xml",
    "safe_path_segment",
]

CC_SCHEMA = "IMS Common Cartridge"
CC_SCHEMA_VERSION = "1.3.0"

NS_IMSCC = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
NS_LOM_MANIFEST = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
NS_LOM_RESOURCE = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"

SCHEMA_LOCATION = " ".join(
    [
        NS_IMSCC,
        "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd",
        NS_LOM_MANIFEST,
        "http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd",
        NS_LOM_RESOURCE,
        "http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lomresource_v1p0.xsd",
    ]
)

MANIFEST_NAME = "imsmanifest.xml"
WEB_ROOT = "web_resources"
WEBCONTENT = "webcontent"
STRUCTURE = "rooted-hierarchy"

# The manifest is serialised with fixed prefixes: the CC namespace as the default one,
# ``lomimscc`` for the manifest LOM and ``lom`` for the resource LOM (the prefixes of the
# IMS examples and of Canvas's exports). ElementTree would invent ``ns0``-style prefixes
# or need a process-wide ``register_namespace``; writing the prefixed names and the
# ``xmlns`` declarations as they are keeps the output fixed and touches no global state.
# Only these constant names are written that way; every value (titles, descriptions,
# identifiers, paths) goes through ElementTree's escaping.
_LOM = "lomimscc:"

# A fixed date for every zip entry (the earliest a zip can hold), so that the same
# curriculum always gives the same bytes.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# One path segment: lower case ASCII letters, digits, dot, hyphen, underscore.
_SEGMENT = re.compile(r"[a-z0-9_][a-z0-9._-]*\Z")
# Characters XML 1.0 cannot carry at all (even escaped): C0 controls but tab, LF and CR,
# the surrogates, U+FFFE and U+FFFF.
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")
_MAX_ID_BODY = 60


@dataclass(frozen=True)
class CartridgeFile:
    """A file shipped in the package (a handout PDF, an image).

    ``path`` is relative to the package's web content root, e.g.
    ``"module-1/handouts/field-guide.pdf"``; in the zip it sits under ``web_resources/``.
    """

    path: str
    content: bytes


@dataclass(frozen=True)
class CartridgePage:
    """One HTML page (a module, a session) and the files it links to by relative href."""

    identifier: str
    title: str
    html: str
    path: str
    files: tuple[CartridgeFile, ...] = ()


@dataclass(frozen=True)
class CartridgeModule:
    """An organisation item that groups pages."""

    identifier: str
    title: str
    pages: tuple[CartridgePage, ...]


@dataclass(frozen=True)
class Cartridge:
    identifier: str
    title: str
    description: str
    language: str
    licence: str
    modules: tuple[CartridgeModule, ...]
    overview: CartridgePage | None = None


def build_cartridge(cartridge: Cartridge) -> bytes:
    """The ``.imscc`` package: a zip with ``imsmanifest.xml`` first, then every file the
    manifest references, in path order."""
    plan = _Plan(cartridge)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _write_entry(archive, MANIFEST_NAME, plan.manifest_xml().encode("utf-8"))
        for path in sorted(plan.entries):
            _write_entry(archive, path, plan.entries[path])
    return buffer.getvalue()


def manifest_xml(cartridge: Cartridge) -> str:
    """The text of ``imsmanifest.xml`` for this cartridge."""
    return _Plan(cartridge).manifest_xml()


def safe_path_segment(name: str, default: str = "file") -> str:
    """A file or folder name fit for a cartridge path: ASCII, lower case, no spaces.

    ``"Guide de terrain (v2).PDF"`` gives ``"guide-de-terrain-v2.pdf"``; a name left with
    nothing gives ``default``.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = folded.lower()
    stem, dot, extension = folded.rpartition(".")
    if not dot or not stem.strip(" ._-"):
        stem, extension = folded, ""
    stem = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    extension = re.sub(r"[^a-z0-9]+", "", extension)
    if not stem:
        stem = default
    return f"{stem}.{extension}" if extension else stem


# --------------------------------------------------------------------------------------
# Planning: validate the input once, lay out resources and identifiers, then serialise.


@dataclass
class _Resource:
    identifier: str
    href: str  # its own file: written as the first <file> too
    files: list[str]  # the other files it ships
    dependencies: list[str]


@dataclass
class _Item:
    identifier: str
    title: str
    resource: str | None = None
    children: list[_Item] | None = None


class _Identifiers:
    """Allocates XML IDs: one namespace for the whole manifest, so no two clash."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def allocate(self, prefix: str, raw: str) -> str:
        body = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii")
        body = re.sub(r"[^A-Za-z0-9_.-]+", "_", body).strip("_.-")[:_MAX_ID_BODY]
        base = f"{prefix}{body}" if body else prefix.rstrip("_") or "id"
        candidate, n = base, 2
        while candidate in self._used:
            candidate = f"{base}_{n}"
            n += 1
        self._used.add(candidate)
        return candidate


class _Plan:
    def __init__(self, cartridge: Cartridge) -> None:
        self.cartridge = cartridge
        self.ids = _Identifiers()
        self.manifest_id = self.ids.allocate("CC_", cartridge.identifier)
        self.organization_id = self.ids.allocate("ORG", "")
        self.root_id = self.ids.allocate("ROOT", "")
        self.language = _language(cartridge.language)
        self.title = _title(cartridge.title, "cartridge")

        # zip path -> content, for every page and file
        self.entries: dict[str, bytes] = {}
        self.page_resources: dict[str, _Resource] = {}  # page zip path -> resource
        self._page_sources: dict[str, CartridgePage] = {}
        self._file_users: dict[str, list[str]] = {}  # file zip path -> page zip paths

        pages = [cartridge.overview] if cartridge.overview is not None else []
        pages += [page for module in cartridge.modules for page in module.pages]
        for page in pages:
            self._add_page(page)
        self.file_resources = self._share_files()

        self.items: list[_Item] = []
        if cartridge.overview is not None:
            overview = cartridge.overview
            self.items.append(
                _Item(
                    identifier=self.ids.allocate("MOD_", overview.identifier),
                    title=_title(overview.title, "overview"),
                    children=[self._page_item(overview)],
                )
            )
        for module in cartridge.modules:
            self.items.append(
                _Item(
                    identifier=self.ids.allocate("MOD_", module.identifier),
                    title=_title(module.title, f"module {module.identifier!r}"),
                    children=[self._page_item(page) for page in module.pages],
                )
            )

    # pages and files ------------------------------------------------------------------

    def _add_page(self, page: CartridgePage) -> None:
        path = _zip_path(page.path, f"page {page.identifier!r}")
        known = self._page_sources.get(path)
        if known is not None:
            if known != page:
                raise ValueError(f"two different pages share the path {page.path!r}")
            return  # the same page listed twice (say, in two modules): one resource
        if path in self._file_users:
            raise ValueError(f"{page.path!r} is both a page and a file")
        self._page_sources[path] = page
        self.entries[path] = page.html.encode("utf-8")
        files: list[str] = []
        for shipped in page.files:
            file_path = _zip_path(shipped.path, f"a file of page {page.identifier!r}")
            if file_path in self._page_sources:
                raise ValueError(f"{shipped.path!r} is both a page and a file")
            content = bytes(shipped.content)
            if self.entries.setdefault(file_path, content) != content:
                raise ValueError(f"two different files share the path {shipped.path!r}")
            if file_path not in files:
                files.append(file_path)
                self._file_users.setdefault(file_path, []).append(path)
        self.page_resources[path] = _Resource(
            identifier=self.ids.allocate("RES_", page.identifier),
            href=path,
            files=files,
            dependencies=[],
        )

    def _share_files(self) -> list[_Resource]:
        """A file shipped by more than one page becomes a resource of its own, which each
        of those pages depends on; a file of a single page stays in that page's resource."""
        shared: dict[str, _Resource] = {}
        for file_path in sorted(self._file_users):
            if len(self._file_users[file_path]) > 1:
                shared[file_path] = _Resource(
                    identifier=self.ids.allocate("FILE_", file_path.removeprefix(WEB_ROOT + "/")),
                    href=file_path,
                    files=[],
                    dependencies=[],
                )
        for page_resource in self.page_resources.values():
            listed = page_resource.files
            page_resource.files = [path for path in listed if path not in shared]
            page_resource.dependencies = [
                shared[path].identifier for path in listed if path in shared
            ]
        return list(shared.values())

    def _page_item(self, page: CartridgePage) -> _Item:
        path = _zip_path(page.path, f"page {page.identifier!r}")
        return _Item(
            identifier=self.ids.allocate("ITEM_", page.identifier),
            title=_title(page.title, f"page {page.identifier!r}"),
            resource=self.page_resources[path].identifier,
        )

    # serialisation ----------------------------------------------------------------------

    def manifest_xml(self) -> str:
        manifest = ET.Element(
            "manifest",
            {
                "identifier": self.manifest_id,
                "xmlns": NS_IMSCC,
                "xmlns:lom": NS_LOM_RESOURCE,
                "xmlns:lomimscc": NS_LOM_MANIFEST,
                "xmlns:xsi": NS_XSI,
                "xsi:schemaLocation": SCHEMA_LOCATION,
            },
        )
        self._metadata(ET.SubElement(manifest, "metadata"))
        organizations = ET.SubElement(manifest, "organizations")
        organization = ET.SubElement(
            organizations,
            "organization",
            {"identifier": self.organization_id, "structure": STRUCTURE},
        )
        root = ET.SubElement(organization, "item", {"identifier": self.root_id})
        for item in self.items:
            _item_element(root, item)
        resources = ET.SubElement(manifest, "resources")
        for resource in [*self.page_resources.values(), *self.file_resources]:
            _resource_element(resources, resource)
        ET.indent(manifest, space="  ")
        body = ET.tostring(manifest, encoding="unicode", short_empty_elements=True)
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'

    def _metadata(self, metadata: ET.Element) -> None:
        ET.SubElement(metadata, "schema").text = CC_SCHEMA
        ET.SubElement(metadata, "schemaversion").text = CC_SCHEMA_VERSION
        lom = ET.SubElement(metadata, _LOM + "lom")
        general = ET.SubElement(lom, _LOM + "general")
        self._lang_string(ET.SubElement(general, _LOM + "title"), self.title)
        ET.SubElement(general, _LOM + "language").text = self.language
        description = _text(self.cartridge.description).strip()
        if description:
            self._lang_string(ET.SubElement(general, _LOM + "description"), description)
        licence = _text(self.cartridge.licence).strip()
        if licence:
            rights = ET.SubElement(lom, _LOM + "rights")
            restrictions = ET.SubElement(rights, _LOM + "copyrightAndOtherRestrictions")
            ET.SubElement(restrictions, _LOM + "source").text = "LOMv1.0"
            ET.SubElement(restrictions, _LOM + "value").text = "yes"
            self._lang_string(ET.SubElement(rights, _LOM + "description"), licence)

    def _lang_string(self, parent: ET.Element, text: str) -> None:
        ET.SubElement(parent, _LOM + "string", {"language": self.language}).text = text


def _item_element(parent: ET.Element, item: _Item) -> None:
    attributes = {"identifier": item.identifier}
    if item.resource is not None:
        attributes["identifierref"] = item.resource
    element = ET.SubElement(parent, "item", attributes)
    ET.SubElement(element, "title").text = item.title
    for child in item.children or ():
        _item_element(element, child)


def _resource_element(parent: ET.Element, resource: _Resource) -> None:
    element = ET.SubElement(
        parent,
        "resource",
        {"identifier": resource.identifier, "type": WEBCONTENT, "href": resource.href},
    )
    for path in [resource.href, *resource.files]:
        ET.SubElement(element, "file", {"href": path})
    for identifier in resource.dependencies:
        ET.SubElement(element, "dependency", {"identifierref": identifier})


def _write_entry(archive: zipfile.ZipFile, path: str, content: bytes) -> None:
    info = zipfile.ZipInfo(path, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the machine, so the bytes do not vary
    info.external_attr = 0o644 << 16
    archive.writestr(info, content)


def _zip_path(path: str, what: str) -> str:
    """The page's or file's place in the zip, after checking the path is a clean relative
    one: lower case ASCII segments, no ``..``, no leading slash, no backslash."""
    segments = path.split("/")
    if not path or not all(_SEGMENT.match(segment) for segment in segments):
        raise ValueError(
            f"{what}: {path!r} is not a cartridge path; use relative paths of lower case "
            "ASCII letters, digits, '.', '-' and '_' separated by '/' (see safe_path_segment)"
        )
    if any(segment in {".", ".."} for segment in segments):
        raise ValueError(f"{what}: {path!r} leaves its folder")
    return f"{WEB_ROOT}/{path}"


def _text(value: str) -> str:
    """Text XML can carry: characters XML 1.0 forbids outright are dropped (escaping
    cannot save them), line ends become LF."""
    return _NOT_XML_CHAR.sub("", value).replace("\r\n", "\n").replace("\r", "\n")


def _title(value: str, what: str) -> str:
    title = " ".join(_text(value).split())
    if not title:
        raise ValueError(f"{what} has no title")
    return title


def _language(value: str) -> str:
    language = value.strip()
    if not _LANGUAGE.match(language):
        raise ValueError(f"{value!r} is not a language tag such as 'en' or 'pt-BR'")
    return language
