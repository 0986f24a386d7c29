"""The IMS Common Cartridge 1.3 export: the manifest, the zip, and the official schema.

No database: the module under test takes plain data.
"""

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

import pytest

from knowledge.cartridge import (
    MANIFEST_NAME,
    NS_IMSCC,
    NS_LOM_MANIFEST,
    NS_LOM_RESOURCE,
    WEB_ROOT,
    Cartridge,
    CartridgeFile,
    CartridgeModule,
    CartridgePage,
    build_cartridge,
    manifest_xml,
    safe_path_segment,
)

SCHEMA_DIR = Path(__file__).parent / "cc13_schema"
CP = f"{{{NS_IMSCC}}}"
LOM = f"{{{NS_LOM_MANIFEST}}}"
NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*\Z")

HOSTILE = "<script>alert('x')</script> & \"quotes\" 'single' — Aménagement 流域 ]]>"


def html(title, body=""):
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>{body}</body></html>"
    )


LOGO = CartridgeFile("shared/logo.png", b"\x89PNG\r\n\x1a\n fake logo")
GUIDE = CartridgeFile("module-1/handouts/field-guide.pdf", b"%PDF-1.4 field guide")
MAP = CartridgeFile("module-2/images/watershed.jpg", b"\xff\xd8\xff fake jpeg")


def curriculum(**changes):
    """A small curriculum: an overview, two modules, a file shared by three pages."""
    overview = CartridgePage(
        identifier="overview",
        title="Course overview",
        html=html(
            "Overview",
            '<img src="shared/logo.png"><a href="module-1/index.html">Module 1</a>',
        ),
        path="index.html",
        files=(LOGO,),
    )
    session_1 = CartridgePage(
        identifier="session-1",
        title="Session 1: reading the land",
        html=html(
            "Session 1",
            '<img src="../shared/logo.png"><a href="handouts/field-guide.pdf">Guide</a>',
        ),
        path="module-1/index.html",
        files=(GUIDE, LOGO),
    )
    session_2 = CartridgePage(
        identifier="session-2",
        title="Session 2: water",
        html=html(
            "Session 2",
            '<img src="images/watershed.jpg"><img src="../shared/logo.png">',
        ),
        path="module-2/index.html",
        files=(MAP, LOGO),
    )
    values = {
        "identifier": "curriculum-42",
        "title": "Restoring landscapes",
        "description": "A course for landscape practitioners.",
        "language": "en",
        "licence": "CC BY 4.0 — https://creativecommons.org/licenses/by/4.0/",
        "modules": (
            CartridgeModule("module-1", "Module 1: Diagnosis", (session_1,)),
            CartridgeModule("module-2", "Module 2: Water", (session_2,)),
        ),
        "overview": overview,
    }
    values.update(changes)
    return Cartridge(**values)


def xml_root(data):
    # The XML parsed here is the module's own output, not untrusted input.
    return ET.fromstring(data)  # noqa: S314


def parse(cartridge):
    return xml_root(manifest_xml(cartridge).encode("utf-8"))


def open_zip(cartridge):
    return zipfile.ZipFile(io.BytesIO(build_cartridge(cartridge)))


def resources_by_id(root):
    return {r.get("identifier"): r for r in root.iter(CP + "resource")}


# --- the manifest --------------------------------------------------------------------


def test_the_manifest_is_well_formed_and_declares_common_cartridge_1_3():
    text = manifest_xml(curriculum())
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = xml_root(text.encode("utf-8"))
    assert root.tag == CP + "manifest"
    metadata = root.find(CP + "metadata")
    assert metadata.findtext(CP + "schema") == "IMS Common Cartridge"
    assert metadata.findtext(CP + "schemaversion") == "1.3.0"
    # The three CC 1.3 namespaces are declared, and the schema locations given in pairs.
    assert f'xmlns="{NS_IMSCC}"' in text
    assert f'xmlns:lomimscc="{NS_LOM_MANIFEST}"' in text
    assert f'xmlns:lom="{NS_LOM_RESOURCE}"' in text
    locations = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()
    pairs = dict(zip(locations[::2], locations[1::2], strict=True))
    assert pairs[NS_IMSCC].endswith("/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd")
    assert pairs[NS_LOM_MANIFEST].endswith("/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd")
    assert pairs[NS_LOM_RESOURCE].endswith("/ccv1p3/LOM/ccv1p3_lomresource_v1p0.xsd")


def test_the_manifest_metadata_carries_title_description_language_and_rights():
    lom = parse(curriculum()).find(f"{CP}metadata/{LOM}lom")
    general = lom.find(LOM + "general")
    title = general.find(f"{LOM}title/{LOM}string")
    assert (title.text, title.get("language")) == ("Restoring landscapes", "en")
    assert general.findtext(LOM + "language") == "en"
    assert general.findtext(f"{LOM}description/{LOM}string") == (
        "A course for landscape practitioners."
    )
    rights = lom.find(LOM + "rights")
    assert rights.findtext(f"{LOM}copyrightAndOtherRestrictions/{LOM}value") == "yes"
    assert rights.findtext(f"{LOM}description/{LOM}string") == (
        "CC BY 4.0 — https://creativecommons.org/licenses/by/4.0/"
    )


def test_the_language_of_the_cartridge_labels_its_text():
    lom = parse(curriculum(language="fr")).find(f"{CP}metadata/{LOM}lom")
    strings = list(lom.iter(LOM + "string"))
    assert strings and {s.get("language") for s in strings} == {"fr"}
    assert lom.findtext(f"{LOM}general/{LOM}language") == "fr"


def test_an_empty_description_or_licence_is_left_out():
    lom = parse(curriculum(description="  ", licence="")).find(f"{CP}metadata/{LOM}lom")
    assert lom.find(f"{LOM}general/{LOM}description") is None
    assert lom.find(LOM + "rights") is None


def test_the_organisation_is_one_rooted_hierarchy_of_modules_and_pages():
    root = parse(curriculum())
    organizations = root.find(CP + "organizations").findall(CP + "organization")
    assert len(organizations) == 1
    organization = organizations[0]
    # The only value the CC profile allows (the schema fixes it).
    assert organization.get("structure") == "rooted-hierarchy"
    (top,) = organization.findall(CP + "item")
    assert top.find(CP + "title") is None  # the profile forbids a title on the root item
    folders = top.findall(CP + "item")
    assert [f.findtext(CP + "title") for f in folders] == [
        "Course overview",
        "Module 1: Diagnosis",
        "Module 2: Water",
    ]
    for folder in folders:
        assert folder.get("identifierref") is None
        for page in folder.findall(CP + "item"):
            assert page.get("identifierref")
            assert page.findtext(CP + "title")
    pages = [[p.findtext(CP + "title") for p in f.findall(CP + "item")] for f in folders]
    assert pages == [
        ["Course overview"],
        ["Session 1: reading the land"],
        ["Session 2: water"],
    ]


def test_without_an_overview_the_modules_come_first():
    root = parse(curriculum(overview=None))
    top = root.find(f"{CP}organizations/{CP}organization/{CP}item")
    assert [f.findtext(CP + "title") for f in top.findall(CP + "item")] == [
        "Module 1: Diagnosis",
        "Module 2: Water",
    ]


def test_every_reference_points_at_an_existing_resource():
    root = parse(curriculum())
    resources = resources_by_id(root)
    refs = [i.get("identifierref") for i in root.iter(CP + "item") if i.get("identifierref")]
    assert refs and all(ref in resources for ref in refs)
    deps = [d.get("identifierref") for d in root.iter(CP + "dependency")]
    assert deps and all(dep in resources for dep in deps)


def test_identifiers_are_unique_xml_ids():
    root = parse(curriculum())
    identifiers = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(identifiers) == len(set(identifiers))
    assert all(NCNAME.match(i) for i in identifiers)


def test_each_page_is_a_webcontent_resource_with_its_own_files():
    root = parse(curriculum())
    resources = resources_by_id(root)
    by_href = {r.get("href"): r for r in resources.values()}
    for resource in resources.values():
        assert resource.get("type") == "webcontent"
        assert resource.get("href").startswith(WEB_ROOT + "/")
    session_1 = by_href[f"{WEB_ROOT}/module-1/index.html"]
    assert [f.get("href") for f in session_1.findall(CP + "file")] == [
        f"{WEB_ROOT}/module-1/index.html",
        f"{WEB_ROOT}/module-1/handouts/field-guide.pdf",
    ]


def test_a_file_shared_by_several_pages_is_its_own_resource_they_depend_on():
    root = parse(curriculum())
    resources = resources_by_id(root)
    logo_href = f"{WEB_ROOT}/shared/logo.png"
    (logo,) = [r for r in resources.values() if r.get("href") == logo_href]
    assert [f.get("href") for f in logo.findall(CP + "file")] == [logo_href]
    pages = [r for r in resources.values() if r is not logo]
    assert len(pages) == 3
    for page in pages:
        assert [d.get("identifierref") for d in page.findall(CP + "dependency")] == [
            logo.get("identifier")
        ]
        assert logo_href not in [f.get("href") for f in page.findall(CP + "file")]


def test_the_schematron_rules_of_the_profile_hold():
    """Rules 7a, 7b, 8b, 9a, 10a and 10b of ccv1p3_imscp_v1p2_v1p0.xsd."""
    root = parse(curriculum())
    for resource in root.iter(CP + "resource"):
        deps = [d.get("identifierref") for d in resource.findall(CP + "dependency")]
        assert resource.get("identifier") not in deps  # 7a
        assert len(deps) == len(set(deps))  # 7b
        files = [f.get("href") for f in resource.findall(CP + "file")]
        assert len(files) == len(set(files))  # 9a
        assert resource.get("href") in files  # 10a, 10b
    for item in root.iter(CP + "item"):
        if item.get("identifierref"):
            assert item.find(CP + "item") is None  # 8b


# --- the zip -------------------------------------------------------------------------


def manifest_hrefs(root):
    hrefs = {r.get("href") for r in root.iter(CP + "resource")}
    return hrefs | {f.get("href") for f in root.iter(CP + "file")}


def test_the_zip_holds_exactly_what_the_manifest_references():
    archive = open_zip(curriculum())
    names = archive.namelist()
    assert names[0] == MANIFEST_NAME
    assert len(names) == len(set(names))
    root = xml_root(archive.read(MANIFEST_NAME))
    assert set(names) - {MANIFEST_NAME} == manifest_hrefs(root)
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())
    assert archive.testzip() is None


def test_the_zip_manifest_is_the_manifest_text():
    cartridge = curriculum()
    assert open_zip(cartridge).read(MANIFEST_NAME).decode("utf-8") == manifest_xml(cartridge)


def test_pages_and_files_arrive_intact_under_web_resources():
    archive = open_zip(curriculum())
    page = archive.read(f"{WEB_ROOT}/module-1/index.html").decode("utf-8")
    assert page == curriculum().modules[0].pages[0].html
    assert archive.read(f"{WEB_ROOT}/module-1/handouts/field-guide.pdf") == GUIDE.content
    assert archive.read(f"{WEB_ROOT}/shared/logo.png") == LOGO.content
    assert archive.read(f"{WEB_ROOT}/module-2/images/watershed.jpg") == MAP.content


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        self.links += [v for k, v in attrs if k in {"href", "src"} and v]


def test_relative_links_in_the_pages_still_resolve_inside_the_zip():
    archive = open_zip(curriculum())
    names = set(archive.namelist())
    for name in names - {MANIFEST_NAME}:
        if not name.endswith(".html"):
            continue
        parser = _Links()
        parser.feed(archive.read(name).decode("utf-8"))
        assert parser.links
        for link in parser.links:
            target = PurePosixPath(name).parent / link
            parts = []
            for part in target.parts:
                if part == "..":
                    parts.pop()
                else:
                    parts.append(part)
            assert "/".join(parts) in names, (name, link)


def test_the_same_curriculum_gives_the_same_bytes():
    assert build_cartridge(curriculum()) == build_cartridge(curriculum())


def test_the_zip_entries_are_in_path_order_after_the_manifest():
    names = open_zip(curriculum()).namelist()
    assert names[1:] == sorted(names[1:])


# --- hostile and awkward input ------------------------------------------------------


def test_hostile_text_is_escaped_and_comes_back_unchanged():
    page = CartridgePage("p", HOSTILE, html("x"), "module-1/p.html")
    cartridge = curriculum(
        title=HOSTILE,
        description=HOSTILE + "\nsecond line",
        licence=HOSTILE,
        modules=(CartridgeModule("m", HOSTILE, (page,)),),
        overview=None,
    )
    text = manifest_xml(cartridge)
    assert "<script>" not in text
    root = xml_root(text.encode("utf-8"))
    lom = root.find(f"{CP}metadata/{LOM}lom")
    assert lom.findtext(f"{LOM}general/{LOM}title/{LOM}string") == HOSTILE
    assert lom.findtext(f"{LOM}general/{LOM}description/{LOM}string") == (HOSTILE + "\nsecond line")
    assert lom.findtext(f"{LOM}rights/{LOM}description/{LOM}string") == HOSTILE
    titles = [i.findtext(CP + "title") for i in root.iter(CP + "item")]
    assert titles == [None, HOSTILE, HOSTILE]


def test_characters_xml_cannot_carry_are_dropped_not_written():
    cartridge = curriculum(title="Bad\x00 \x0bcontrol\x1f chars", description="a\x08b\r\nc")
    root = parse(cartridge)
    lom = root.find(f"{CP}metadata/{LOM}lom")
    assert lom.findtext(f"{LOM}general/{LOM}title/{LOM}string") == "Bad control chars"
    assert lom.findtext(f"{LOM}general/{LOM}description/{LOM}string") == "ab\nc"


def test_identifiers_are_made_xml_safe_and_kept_apart():
    page_a = CartridgePage("1 séance: «a»", "A", html("a"), "m/a.html")
    page_b = CartridgePage("1 séance: «a»", "B", html("b"), "m/b.html")  # same identifier
    module = CartridgeModule("1 séance: «a»", "M", (page_a, page_b))
    cartridge = curriculum(identifier="42 / 流域", modules=(module, module), overview=None)
    root = parse(cartridge)
    identifiers = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(identifiers) == len(set(identifiers))
    assert all(NCNAME.match(i) for i in identifiers)
    assert root.get("identifier").startswith("CC_42")
    # Two resources (two page paths), four page items (the module is listed twice).
    assert len(list(root.iter(CP + "resource"))) == 2
    refs = [i.get("identifierref") for i in root.iter(CP + "item") if i.get("identifierref")]
    assert len(refs) == 4 and set(refs) == set(resources_by_id(root))


def test_the_same_page_in_two_modules_is_shipped_once():
    page = CartridgePage("shared-page", "Shared", html("s"), "common/s.html", (GUIDE,))
    cartridge = curriculum(
        modules=(CartridgeModule("a", "A", (page,)), CartridgeModule("b", "B", (page,))),
        overview=None,
    )
    names = open_zip(cartridge).namelist()
    assert names.count(f"{WEB_ROOT}/common/s.html") == 1
    assert len(list(parse(cartridge).iter(CP + "resource"))) == 1


def test_a_file_listed_twice_by_one_page_is_listed_once():
    page = CartridgePage("p", "P", html("p"), "m/p.html", (GUIDE, GUIDE))
    cartridge = curriculum(modules=(CartridgeModule("m", "M", (page,)),), overview=None)
    (resource,) = parse(cartridge).iter(CP + "resource")
    assert len(resource.findall(CP + "file")) == 2  # the page and the guide


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/etc/passwd",
        "../outside.html",
        "module-1/../../outside.html",
        "module-1//index.html",
        "Module-1/index.html",
        "module 1/index.html",
        "module-1\\index.html",
        "modulé/index.html",
        ".hidden.html",
    ],
)
def test_paths_that_are_not_clean_relative_ones_are_refused(path):
    page = CartridgePage("p", "P", html("p"), path)
    with pytest.raises(ValueError):
        build_cartridge(curriculum(modules=(CartridgeModule("m", "M", (page,)),)))
    bad_file = CartridgePage("q", "Q", html("q"), "m/q.html", (CartridgeFile(path, b""),))
    with pytest.raises(ValueError):
        build_cartridge(curriculum(modules=(CartridgeModule("m", "M", (bad_file,)),)))


def test_two_different_things_at_one_path_are_refused():
    one = CartridgePage("one", "One", html("1"), "m/same.html")
    two = CartridgePage("two", "Two", html("2"), "m/same.html")
    with pytest.raises(ValueError, match="share the path"):
        manifest_xml(curriculum(modules=(CartridgeModule("m", "M", (one, two)),)))
    other_logo = CartridgeFile(LOGO.path, b"another logo")
    three = CartridgePage("three", "Three", html("3"), "m/three.html", (other_logo,))
    with pytest.raises(ValueError, match="share the path"):
        manifest_xml(curriculum(modules=(CartridgeModule("m", "M", (three,)),)))
    page_as_file = CartridgePage(
        "four", "Four", html("4"), "m/four.html", (CartridgeFile("index.html", b"x"),)
    )
    with pytest.raises(ValueError, match="both a page and a file"):
        manifest_xml(curriculum(modules=(CartridgeModule("m", "M", (page_as_file,)),)))


@pytest.mark.parametrize("language", ["", "english", "e", "en_GB", "en-"])
def test_a_language_that_is_not_a_tag_is_refused(language):
    with pytest.raises(ValueError):
        manifest_xml(curriculum(language=language))


def test_a_blank_title_is_refused():
    with pytest.raises(ValueError):
        manifest_xml(curriculum(title=" \n "))
    with pytest.raises(ValueError):
        manifest_xml(curriculum(modules=(CartridgeModule("m", "\t", ()),)))


def test_an_empty_module_is_still_listed():
    root = parse(curriculum(modules=(CartridgeModule("m", "Coming soon", ()),), overview=None))
    top = root.find(f"{CP}organizations/{CP}organization/{CP}item")
    assert [i.findtext(CP + "title") for i in top.findall(CP + "item")] == ["Coming soon"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Guide de terrain (v2).PDF", "guide-de-terrain-v2.pdf"),
        ("Aménagement 流域.docx", "amenagement.docx"),
        ("流域", "file"),
        (".bashrc", "bashrc"),
        ("archive.tar.gz", "archive-tar.gz"),
        ("README", "readme"),
    ],
)
def test_safe_path_segment_gives_a_segment_the_cartridge_accepts(name, expected):
    assert safe_path_segment(name) == expected
    page = CartridgePage("p", "P", html("p"), f"m/{expected}")
    manifest_xml(curriculum(modules=(CartridgeModule("m", "M", (page,)),)))


# --- the official schema ---------------------------------------------------------------

_STANDINS = {
    # Stand-ins for the schemas the manifest schema imports but this manifest never uses;
    # see cc13_schema/README.md. The two schemas that matter are the official files.
    "http://www.imsglobal.org/xsd/w3/2001/xml.xsd": """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
                   targetNamespace="http://www.w3.org/XML/1998/namespace">
          <xs:attribute name="lang" type="xs:language"/>
          <xs:attribute name="space" type="xs:NCName"/>
          <xs:attribute name="base" type="xs:anyURI"/>
          <xs:attribute name="id" type="xs:ID"/>
        </xs:schema>""",
    "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imsccauth_v1p3.xsd": """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
                   targetNamespace="http://www.imsglobal.org/xsd/imsccv1p3/imsccauth_v1p3">
          <xs:attribute name="protected" type="xs:boolean"/>
          <xs:element name="authorizations"><xs:complexType><xs:sequence>
            <xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType></xs:element>
        </xs:schema>""",
    "http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lomresource_v1p0.xsd": """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
                   targetNamespace="http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource">
          <xs:element name="lom"><xs:complexType><xs:sequence>
            <xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence></xs:complexType></xs:element>
        </xs:schema>""",
    "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscsmd_v1p0.xsd": """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
                   targetNamespace="http://www.imsglobal.org/xsd/imsccv1p3/imscsmd_v1p0">
          <xs:element name="curriculumStandardsMetadataSet"><xs:complexType><xs:sequence>
            <xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence></xs:complexType></xs:element>
        </xs:schema>""",
}
_OFFICIAL = {
    "http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd": (
        SCHEMA_DIR / "ccv1p3_lommanifest_v1p0.xsd"
    ),
}


@pytest.fixture(scope="module")
def cc13_schema():
    etree = pytest.importorskip("lxml.etree")

    class Offline(etree.Resolver):
        def resolve(self, url, public_id, context):
            if url in _OFFICIAL:
                return self.resolve_filename(str(_OFFICIAL[url]), context)
            if url in _STANDINS:
                return self.resolve_string(_STANDINS[url], context)
            if url.startswith(("http:", "https:")):
                raise AssertionError(f"the schema asked for {url}, which the test lacks")
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Offline())
    document = etree.parse(str(SCHEMA_DIR / "ccv1p3_imscp_v1p2_v1p0.xsd"), parser)
    return etree.XMLSchema(document)


def validate(schema, text):
    from lxml import etree

    document = etree.fromstring(text.encode("utf-8"))
    return schema.validate(document), str(schema.error_log)


@pytest.mark.parametrize(
    "cartridge",
    [
        curriculum(),
        curriculum(overview=None, language="pt-BR", description="", licence=""),
        curriculum(title=HOSTILE, description=HOSTILE, licence=HOSTILE),
    ],
    ids=["full", "minimal", "hostile"],
)
def test_the_manifest_validates_against_the_official_cc13_schema(cc13_schema, cartridge):
    valid, errors = validate(cc13_schema, manifest_xml(cartridge))
    assert valid, errors


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ('structure="rootcollection"', 'structure="rooted-hierarchy"'),
        ("<schemaversion>1.2.0</schemaversion>", "<schemaversion>1.3.0</schemaversion>"),
        ('<item identifier="ROOT"><title>Root</title>', '<item identifier="ROOT">'),
    ],
)
def test_the_schema_check_catches_a_manifest_that_breaks_the_profile(cc13_schema, wrong, right):
    text = manifest_xml(curriculum())
    assert right in text
    valid, _ = validate(cc13_schema, text.replace(right, wrong, 1))
    assert not valid
