"""A curriculum for reuse: the Common Cartridge download and the printable facilitator guide,
as a training institute gets them from the site."""

import io
import zipfile
from html.parser import HTMLParser
from pathlib import PurePosixPath
from xml.etree import ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from knowledge.cartridge import MANIFEST_NAME, NS_IMSCC
from knowledge.models import CurriculumExample
from knowledge.tests.factories import (
    CaseStudyPageFactory,
    CurriculumModulePageFactory,
    CurriculumPageFactory,
    translate,
)
from knowledge.tests.test_cartridge import cc13_schema, validate  # noqa: F401 (fixture)
from knowledge.translation import page_sync_aliases

pytestmark = pytest.mark.django_db

CP = f"{{{NS_IMSCC}}}"
HANDOUT_BYTES = b"%PDF-1.4 a field guide for the mapping exercise"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def session(title, *timings):
    """A session whose activities last ``timings`` minutes each."""
    return (
        "session",
        {
            "title": title,
            "objective": "Know who holds a stake",
            "activities": [
                {
                    "title": f"Step {n}",
                    "minutes": minutes,
                    "method": "exercise",
                    "description": f"<p>Do step {n}.</p>",
                    "materials": "Flip chart",
                }
                for n, minutes in enumerate(timings, start=1)
            ],
        },
    )


def document(title="Field guide", content=HANDOUT_BYTES, name="field_guide.pdf", **fields):
    return get_document_model().objects.create(
        title=title, file=ContentFile(content, name=name), **fields
    )


def add_modules(curriculum, count, handout=None, example=None, start=1):
    modules = []
    for n in range(start, start + count):
        module = CurriculumModulePageFactory(
            parent=curriculum,
            title=f"Reading the land, part {n}",
            slug=f"module-{n}",
            sessions=[session(f"Session {n}", 45, 30, 20)],
            facilitator_notes=f"<p>Notes for module {n}.</p>",
            handouts=[("document", {"document": handout, "title": ""})] if handout else [],
            examples=[CurriculumExample(case_study=example, note="Shows the method")]
            if example
            else [],
        )
        modules.append(module)
    return modules


@pytest.fixture
def handout(db):
    return document()


@pytest.fixture
def case_study(db):
    return CaseStudyPageFactory(title="Restoring the Kijabe springs", slug="kijabe-springs")


@pytest.fixture
def curriculum(handout, case_study):
    curriculum = CurriculumPageFactory(
        title="Facilitating landscape partnerships",
        slug="facilitating-partnerships",
        duration_hours=12,
        level="introductory",
        prerequisites="<p>Some field experience.</p>",
        # An internal link in rich text: a path on this site, which must not stay relative.
        facilitator_notes=(
            f'<p>Start from <a linktype="page" id="{case_study.pk}">the Kijabe story</a>.</p>'
        ),
    )
    add_modules(curriculum, 2, handout=handout, example=case_study)
    return curriculum


def package_url(page, language="en"):
    return f"/{language}/curricula/{page.pk}/package.imscc"


def guide_url(page, language="en"):
    return f"/{language}/curricula/{page.pk}/guide/"


def download(client, page, language="en"):
    response = client.get(package_url(page, language))
    assert response.status_code == 200, response.content[:500]
    return zipfile.ZipFile(io.BytesIO(response.content))


def manifest(archive):
    # The manifest parsed here is the site's own output.
    return ET.fromstring(archive.read(MANIFEST_NAME))  # noqa: S314


def pages(archive):
    return {
        name: archive.read(name).decode("utf-8")
        for name in archive.namelist()
        if name.endswith(".html")
    }


class Document(HTMLParser):
    """Checks that a page is well formed (every element closed, in order) and collects its
    links, its language and what it would fetch from elsewhere."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.links, self.assets = [], [], [], []
        self.lang, self.charset, self.text = None, None, []
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed {self.stack}")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "meta" and "charset" in attrs:
            self.charset = attrs["charset"]
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in {"script", "img", "iframe"} and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link":
            self.assets.append(attrs.get("href"))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    @property
    def words(self):
        return " ".join(" ".join(self.text).split())


# --- The package ----------------------------------------------------------------------


def test_anyone_downloads_a_public_curriculum_as_a_common_cartridge(client, curriculum):
    response = client.get(package_url(curriculum))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.ims.imsccv1p3"
    assert response["Content-Disposition"] == (
        'attachment; filename="facilitating-partnerships.imscc"'
    )
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.testzip() is None
    assert archive.namelist()[0] == MANIFEST_NAME


def test_the_manifest_validates_against_the_cc13_schema(client, curriculum, cc13_schema):  # noqa: F811
    archive = download(client, curriculum)
    text = archive.read(MANIFEST_NAME).decode("utf-8")
    valid, errors = validate(cc13_schema, text)
    assert valid, errors
    root = manifest(archive)
    titles = [t.text for t in root.iter(CP + "title")]
    assert "Reading the land, part 1" in titles
    assert "Reading the land, part 2" in titles


def test_every_file_the_manifest_names_is_in_the_zip_and_nothing_else(client, curriculum):
    archive = download(client, curriculum)
    root = manifest(archive)
    referenced = {f.get("href") for f in root.iter(CP + "file")}
    referenced |= {r.get("href") for r in root.iter(CP + "resource")}
    assert referenced == set(archive.namelist()) - {MANIFEST_NAME}
    # Every organisation item leads to a resource that exists.
    resources = {r.get("identifier") for r in root.iter(CP + "resource")}
    refs = {i.get("identifierref") for i in root.iter(CP + "item") if i.get("identifierref")}
    assert refs and refs <= resources


def test_every_page_is_a_standalone_accessible_document(client, curriculum):
    archive = download(client, curriculum)
    found = pages(archive)
    assert len(found) == 3  # the overview and the two modules
    for name, text in found.items():
        page = Document(text)
        assert page.errors == [], name
        assert text.startswith("<!DOCTYPE html>")
        assert page.lang == "en"
        assert page.charset == "utf-8"
        assert "<title>" in text and "<h1>" in text
        assert page.assets == [], f"{name} fetches {page.assets}"
        # Licence and attribution in every page's footer.
        assert "https://creativecommons.org/licenses/by/4.0/" in page.links
        assert curriculum.get_full_url() in page.links


def test_the_pages_hold_the_curriculum_its_modules_and_their_timed_activities(
    client, curriculum, case_study
):
    archive = download(client, curriculum)
    found = {PurePosixPath(name).name: Document(text) for name, text in pages(archive).items()}
    overview = found["index.html"]
    assert "Facilitating landscape partnerships" in overview.words
    assert "Partnership facilitators." in overview.words  # audience
    assert "Map the actors of a landscape" in overview.words  # objectives
    assert "Some field experience." in overview.words  # prerequisites
    assert "12 hours" in overview.words
    assert "Introductory" in overview.words
    # Rich-text links to pages of the site lead back to the site from inside an LMS.
    assert case_study.get_full_url() in overview.links
    assert [link for link in overview.links if link.endswith(".html")] == [
        "01-module-1.html",
        "02-module-2.html",
    ]

    module = found["01-module-1.html"]
    assert "Reading the land, part 1" in module.words
    assert "Notes for module 1." in module.words
    # The running clock of the session: 45 + 30 + 20 minutes.
    for start in ("0:00", "0:45", "1:15"):
        assert start in module.words
    assert "Session total 95" in module.words
    # Examples link to the case study on this site, absolutely (the page leaves the site).
    assert case_study.get_full_url() in module.links
    assert case_study.get_full_url().startswith("http")
    assert "Reading the land, part 2" in found["02-module-2.html"].words


def test_relative_links_resolve_inside_the_package(client, curriculum):
    archive = download(client, curriculum)
    names = set(archive.namelist())
    for name, text in pages(archive).items():
        for href in Document(text).links:
            if "://" in href or href.startswith(("mailto:", "#")):
                continue
            assert not href.startswith("/"), f"{name} links to {href} on the site, relatively"
            target = PurePosixPath(name).parent / href
            assert str(target) in names, f"{name} links to {href}, missing"


def test_a_handout_shared_by_two_modules_is_shipped_once(client, curriculum):
    archive = download(client, curriculum)
    handouts = [name for name in archive.namelist() if name.endswith(".pdf")]
    assert handouts == ["web_resources/facilitating-partnerships/handouts/field-guide.pdf"]
    assert archive.read(handouts[0]) == HANDOUT_BYTES
    for name, text in pages(archive).items():
        if "module" in name:
            assert "handouts/field-guide.pdf" in Document(text).links
    # One resource of its own, which both module pages depend on.
    root = manifest(archive)
    shared = [r for r in root.iter(CP + "resource") if r.get("href") == handouts[0]]
    assert len(shared) == 1
    dependents = [
        r
        for r in root.iter(CP + "resource")
        for d in r.iter(CP + "dependency")
        if d.get("identifierref") == shared[0].get("identifier")
    ]
    assert len(dependents) == 2


def test_handouts_with_the_same_name_are_kept_apart(client, curriculum, handout):
    other = document(content=b"%PDF-1.4 another guide", name="other.pdf")
    module = CurriculumModulePageFactory(
        parent=curriculum,
        title="Module 3",
        slug="module-3",
        handouts=[("document", {"document": other, "title": "Another guide"})],
    )
    archive = download(client, curriculum)
    folder = "web_resources/facilitating-partnerships/handouts"
    handouts = {name for name in archive.namelist() if name.endswith(".pdf")}
    assert handouts == {f"{folder}/field-guide.pdf", f"{folder}/field-guide-{other.pk}.pdf"}
    assert archive.read(f"{folder}/field-guide.pdf") == HANDOUT_BYTES
    assert archive.read(f"{folder}/field-guide-{other.pk}.pdf") == b"%PDF-1.4 another guide"
    assert module.title in " ".join(pages(archive).values())


def test_drafts_and_private_content_stay_out_of_the_package(client, curriculum, handout):
    CurriculumModulePageFactory(
        parent=curriculum, title="Unfinished module", slug="unfinished", live=False
    )
    hidden = CurriculumModulePageFactory(
        parent=curriculum, title="Members-only module", slug="members-only"
    )
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    draft_study = CaseStudyPageFactory(title="Unpublished springs story", live=False)
    private = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    secret = document(title="Budget sheet", name="budget.pdf", collection=private)
    module = CurriculumModulePageFactory(
        parent=curriculum,
        title="Module with hidden parts",
        slug="hidden-parts",
        handouts=[("document", {"document": secret, "title": ""})],
    )
    module.examples.add(CurriculumExample(case_study=draft_study))
    module.save_revision().publish()

    archive = download(client, curriculum)
    everything = archive.read(MANIFEST_NAME).decode() + " ".join(pages(archive).values())
    assert "Module with hidden parts" in everything
    for absent in ("Unfinished module", "Members-only module", "Unpublished springs", "Budget"):
        assert absent not in everything
    assert not any("budget" in name for name in archive.namelist())


def test_a_draft_curriculum_is_not_found(client, handout):
    draft = CurriculumPageFactory(live=False, title="Secret curriculum")
    add_modules(draft, 1, handout=handout)
    for url in (package_url(draft), guide_url(draft)):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Secret curriculum" not in response.content


@pytest.mark.parametrize("restricted", ["curriculum", "index"])
def test_a_restricted_curriculum_is_not_found_even_when_signed_in(
    client, learner, curriculum, restricted
):
    page = curriculum if restricted == "curriculum" else curriculum.get_parent()
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    for signed_in in (False, True):
        if signed_in:
            client.force_login(learner)
        for url in (package_url(curriculum), guide_url(curriculum)):
            response = client.get(url)
            assert response.status_code == 404
            assert b"Facilitating landscape partnerships" not in response.content


def test_other_pages_are_not_curricula(client, curriculum, case_study):
    module = curriculum.get_children().first()
    for page in (module, case_study, curriculum.get_parent()):
        assert client.get(package_url(page)).status_code == 404
        assert client.get(guide_url(page)).status_code == 404
    assert client.get("/en/curricula/999999/package.imscc").status_code == 404


def test_the_package_is_only_read(client, curriculum):
    assert client.post(package_url(curriculum)).status_code == 405
    assert client.head(package_url(curriculum)).status_code == 200


# --- Languages ------------------------------------------------------------------------


def test_a_french_reader_gets_the_french_translation(client, curriculum):
    french = translate(
        curriculum,
        "fr",
        title="Animer des partenariats paysagers",
        summary="Un cours de cinq jours pour les animateurs.",
    )
    first, second = curriculum.get_children().specific().order_by("path")
    translate(first, "fr", title="Lire le paysage, partie 1")
    page_sync_aliases(second)  # untranslated: an alias carries the English words

    for page in (curriculum, french):  # whichever page's address the reader followed
        archive = download(client, page, "fr")
        root = manifest(archive)
        lom = root.find(f"{CP}metadata")
        assert "Animer des partenariats paysagers" in ET.tostring(lom, encoding="unicode")
        found = {PurePosixPath(n).name: Document(t) for n, t in pages(archive).items()}
        overview = found["index.html"]
        assert overview.lang == "fr"
        assert "Un cours de cinq jours pour les animateurs." in overview.words
        assert "Lire le paysage, partie 1" in overview.words
        assert "Reading the land, part 2" in overview.words
        assert "Facilitating landscape partnerships" not in overview.words

    # The English address still gives the English curriculum.
    english = Document(
        pages(download(client, french, "en"))["web_resources/facilitating-partnerships/index.html"]
    )
    assert "Facilitating landscape partnerships" in english.words


def test_an_untranslated_curriculum_comes_in_its_own_language(client, curriculum):
    page_sync_aliases(curriculum)
    archive = download(client, curriculum, "fr")
    overview = Document(pages(archive)["web_resources/facilitating-partnerships/index.html"])
    assert overview.lang == "en"
    assert "Facilitating landscape partnerships" in overview.words
    assert "Reading the land, part 1" in overview.words
    guide = client.get(guide_url(curriculum, "fr"))
    assert guide.status_code == 200
    assert 'lang="en"' in guide.text


# --- The facilitator guide ------------------------------------------------------------


def test_the_guide_holds_every_module_with_a_running_clock(client, curriculum, case_study):
    response = client.get(guide_url(curriculum))
    assert response.status_code == 200
    page = Document(response.text)
    text = page.words
    assert "Facilitator guide" in text
    assert "Facilitating landscape partnerships" in text
    assert "12 hours" in text  # total duration on the cover
    assert "CC BY 4.0" in text
    assert "Map the actors of a landscape" in text
    for n in (1, 2):
        assert f"Module {n}: Reading the land, part {n}" in text
        assert f"Notes for module {n}." in text
    assert text.count("0:00") == 2 and text.count("0:45") == 2 and text.count("1:15") == 2
    assert case_study.get_full_url() in page.links
    handout_links = [link for link in page.links if link.startswith("/documents/")]
    assert len(handout_links) == 2


def test_the_guide_prints_without_scripts(client, curriculum):
    text = client.get(guide_url(curriculum)).text
    # Printing: each module on a new page, the site's chrome left out.
    assert '<link rel="stylesheet" href="/static/css/guide-print.css" media="print">' in text
    assert text.count('class="guide-module"') == 2
    # Without scripts the page says how to print; the button only appears with print.js,
    # and no inline handler is needed (a strict Content-Security-Policy allows this page).
    assert "use your browser's Print command" in text
    assert "data-print hidden" in text
    assert "onclick" not in text
    assert "/static/js/print.js" in text


# --- Queries --------------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


# What one download or guide costs, whatever the number of modules: the view restrictions,
# the curriculum, its modules, their examples, the example case studies, the collection
# restrictions, the handout documents and the site's root paths; 3 more for the internal
# link in the curriculum's notes (Wagtail looks up each rich-text page link); the guide
# adds the reader's navigation.
PACKAGE_QUERIES = 10
GUIDE_QUERIES = 11


@pytest.mark.parametrize(
    ("url", "queries"),
    [(package_url, PACKAGE_QUERIES), (guide_url, GUIDE_QUERIES)],
    ids=["package", "guide"],
)
def test_queries_do_not_grow_with_the_modules(
    client, curriculum, case_study, url, queries, django_assert_max_num_queries
):
    client.get(url(curriculum))  # the site's root paths are cached after the first request
    with django_assert_max_num_queries(queries):
        assert client.get(url(curriculum)).status_code == 200
    two = count_queries(client, url(curriculum))
    other = document(title="Second handout", name="second.pdf")
    add_modules(curriculum, 4, handout=other, example=case_study, start=3)
    assert curriculum.get_children().live().count() == 6
    with django_assert_max_num_queries(queries):
        response = client.get(url(curriculum))
    assert response.status_code == 200
    assert count_queries(client, url(curriculum)) == two
