"""Demo content of the knowledge hub, loaded by `manage.py seed_demo` (safe to run again).

Builds the sections under the English home page, thirteen case studies on four continents
(four of them translated into French), and one curriculum of four modules. Pages are found by
slug and only created when missing, so running it again creates nothing and never overwrites
what an editor changed. The words live in ``demo_data``; hero images and handouts are drawn
here, small and deterministic, so the demo needs no files and no network.
"""

import hashlib
import io
import math
import random
import textwrap
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.html import escape
from PIL import Image, ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from people import geo
from people.models import Partnership, TrainingInstitute

from . import demo_data as data
from .models import (
    SDG,
    CaseStudyIndexPage,
    CaseStudyPage,
    Country,
    CurriculumExample,
    CurriculumIndexPage,
    CurriculumModulePage,
    CurriculumPage,
    Ecosystem,
    HomePage,
    ILMElementTerm,
    LandUse,
    Theme,
)
from .services import plain_to_richtext
from .translation import page_sync_aliases, translation_publish

FIRST_INTRO = "Learn from a thousand landscape partnerships."
INSTITUTE_SLUG = "sustainable-landscapes-institute"
HERO_SIZE = (1200, 675)


def seed(*, stdout, people, admin):
    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        return
    build = _Build(people=people, admin=admin)
    # Wagtail refreshes its reference index (the admin's "usage" of images and documents) at
    # every save; a page is saved several times while it is built, so index each one once.
    with disable_reference_index_auto_update():
        build.run(home)
    build.index_references()
    stdout.write(f"Knowledge hub: {len(build.created)} pages created.")


class _Build:
    """One run of the demo: the pages it creates and everything it saves."""

    def __init__(self, *, people, admin):
        self.people = people
        self.admin = admin
        self.french = Locale.objects.filter(language_code="fr").first()
        self.created = []  # pages created in this run
        self.saved = []  # every object saved in this run, for the reference index

    def run(self, home):
        self.home(home)
        case_index = self.index(home, CaseStudyIndexPage, data.CASE_STUDY_INDEX)
        curricula = self.index(home, CurriculumIndexPage, data.CURRICULUM_INDEX)
        terms = _Terms(data.CASE_STUDIES)
        case_studies = {}
        for spec in data.CASE_STUDIES:
            page = self.case_study(case_index, spec, terms)
            case_studies[spec["slug"]] = page
            french_spec = data.FRENCH_CASE_STUDIES.get(spec["slug"])
            if french_spec:
                self.translate(page, self._french_fields(spec, french_spec))
            self.sync_aliases(page)
        self.curriculum(curricula, data.CURRICULUM, case_studies)

    def index_references(self):
        for instance in self.saved:
            ReferenceIndex.create_or_update_for_object(instance)

    # --- Pages -------------------------------------------------------------------------------

    def home(self, home):
        if not home.intro or home.intro == FIRST_INTRO:
            home.intro = (
                "Learn from a thousand landscape partnerships: their case studies, their "
                "courses and their conversations."
            )
            home.save_revision(user=self.admin).publish(user=self.admin)
            self.saved.append(home)
        self.translate(
            home,
            {
                "title": "Réseau des paysages",
                "intro": "Apprenez de mille partenariats paysagers : leurs études de cas, leurs "
                "cours et leurs échanges.",
            },
        )

    def publish(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision(user=self.admin).publish(user=self.admin)
        # Publishing saves a copy made from the revision: read back what it wrote (live,
        # dates), or the aliases made from this instance would be drafts.
        page.refresh_from_db()
        self.created.append(page)
        self.saved.append(page)
        return page

    def sync_aliases(self, page):
        self.saved.extend(page_sync_aliases(page))

    def index(self, home, model, spec):
        # At most one of each section under a home page: found by type, so that a slug an
        # editor changed is kept.
        page = model.objects.child_of(home).first()
        if page is None:
            page = model(
                title=spec["title"],
                slug=spec["slug"],
                intro=spec["intro"],
                owner=self.admin,
                live=False,
            )
            self.publish(home, page)
        self.translate(page, spec["fr"])
        self.sync_aliases(page)
        return page

    def translate(self, page, fields):
        """Give ``page`` a real French translation unless it has one."""
        if self.french is None:
            return None
        translated, made = translation_publish(page, self.french, fields, user=self.admin)
        if made:
            self.saved.append(translated)
        return translated

    def case_study(self, index, spec, terms):
        page = CaseStudyPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if page is not None:
            return page
        boundary = geo.square(*spec["boundary"]) if spec.get("boundary") else None
        checklist = self.document(data.CHECKLIST) if spec.get("document") else None
        page = CaseStudyPage(
            slug=spec["slug"],
            owner=self.people.get(spec["owner"]) or self.admin,
            live=False,
            hero_image=self.hero_image(spec),
            kind=spec["kind"],
            original_language=spec["original_language"],
            published_on=spec["published_on"],
            region=spec["region"],
            latitude=spec["latitude"],
            longitude=spec["longitude"],
            boundary=boundary,
            # Measured from the boundary when there is one (CaseStudyPage.clean).
            area_ha=_decimal(spec.get("area_ha")),
            scale=spec["scale"],
            area_type=spec["area_type"],
            benefits=spec["benefits"],
            zones=spec["zones"],
            licence=spec["licence"],
            **_story_fields(spec, checklist),
        )
        for name in TERMS:
            setattr(page, name, terms.pick(name, spec[name]))
        return self.publish(index, page)

    def _french_fields(self, spec, french):
        """The French words over the English spec: names and numbers stay, and lists are
        translated item by item."""
        merged = {**spec, **{k: v for k, v in french.items() if not isinstance(v, list)}}
        for name in ("challenges", "lessons_learned", "building_blocks"):
            merged[name] = french.get(name, spec[name])
        for name in ("impact_indicators", "finance", "actors", "links"):
            overrides = french.get(name, [])
            merged[name] = [
                {**row, **(overrides[i] if i < len(overrides) else {})}
                for i, row in enumerate(spec[name])
            ]
        checklist = self.document(data.CHECKLIST) if spec.get("document") else None
        return _story_fields(merged, checklist)

    def curriculum(self, index, spec, case_studies):
        curriculum = CurriculumPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if curriculum is None:
            curriculum = CurriculumPage(
                title=spec["title"],
                slug=spec["slug"],
                owner=self.admin,
                live=False,
                summary=spec["summary"],
                institute=TrainingInstitute.objects.filter(slug=INSTITUTE_SLUG).first(),
                audience=_html(spec["audience"]),
                learning_objectives=[("objective", text) for text in spec["learning_objectives"]],
                duration_hours=Decimal(str(spec["duration_hours"])),
                level=spec["level"],
                original_language=spec["original_language"],
                prerequisites=_html(spec["prerequisites"]),
                facilitator_notes=_html(spec["facilitator_notes"]),
                licence=spec["licence"],
            )
            self.publish(index, curriculum)
        self.sync_aliases(curriculum)
        for module_spec in spec["modules"]:
            module = (
                CurriculumModulePage.objects.child_of(curriculum)
                .filter(slug=module_spec["slug"])
                .first()
            )
            if module is None:
                module = self.module(curriculum, module_spec, case_studies)
            self.sync_aliases(module)
        return curriculum

    def module(self, curriculum, spec, case_studies):
        sessions = [
            (
                "session",
                {
                    "title": session["title"],
                    "objective": session["objective"],
                    "activities": [
                        {
                            "title": activity["title"],
                            "minutes": activity["minutes"],
                            "method": activity["method"],
                            "description": _html(activity["description"]),
                            "materials": activity.get("materials", ""),
                        }
                        for activity in session["activities"]
                    ],
                },
            )
            for session in spec["sessions"]
        ]
        handout = self.document(data.HANDOUTS[spec["handout"]])
        module = CurriculumModulePage(
            title=spec["title"],
            slug=spec["slug"],
            owner=self.admin,
            live=False,
            summary=spec["summary"],
            learning_objectives=[("objective", text) for text in spec["learning_objectives"]],
            duration_minutes=sum(
                activity["minutes"]
                for session in spec["sessions"]
                for activity in session["activities"]
            ),
            sessions=sessions,
            facilitator_notes=_html(spec["facilitator_notes"]),
            handouts=[("document", {"document": handout, "title": ""})],
        )
        module.examples = [
            CurriculumExample(case_study=case_studies[slug], note=note)
            for slug, note in spec["examples"]
            if slug in case_studies
        ]
        return self.publish(curriculum, module)

    # --- Images and documents ----------------------------------------------------------------

    def hero_image(self, spec):
        title = f"Illustration: {spec['title']}"[:255]
        model = get_image_model()
        image = model.objects.filter(title=title).first()
        if image is None:
            content = landscape_jpeg(spec["slug"], data.PALETTES[spec["palette"]])
            image = model(
                title=title,
                file=ImageFile(io.BytesIO(content), name=f"{spec['slug']}.jpg"),
                file_size=len(content),
                file_hash=hashlib.sha1(content).hexdigest(),  # noqa: S324 (Wagtail's digest)
                uploaded_by_user=self.admin,
            )
            image.save()
            self.saved.append(image)
        return image

    def document(self, spec):
        model = get_document_model()
        document = model.objects.filter(title=spec["title"]).first()
        if document is None:
            content = minimal_pdf(spec["title"], spec["lines"])
            document = model(
                title=spec["title"],
                file=ContentFile(content, name=spec["filename"]),
                file_size=len(content),
                file_hash=hashlib.sha1(content).hexdigest(),  # noqa: S324
                uploaded_by_user=self.admin,
            )
            document.save()
            self.saved.append(document)
        return document


TERMS = ("partnerships", "countries", "themes", "ecosystems", "land_uses", "sdgs", "ilm_elements")


def _story_fields(spec, document=None):
    """The translatable fields of a case study, from a spec in any language."""
    resources = [("link", {"title": link["title"], "url": link["url"]}) for link in spec["links"]]
    if document is not None:
        resources.insert(0, ("document", {"document": document, "title": ""}))
    return {
        "title": spec["title"],
        "summary": spec["summary"],
        "challenges": _html(spec["challenges"]),
        "beneficiaries": _html(spec["beneficiaries"]),
        "problem": _html(spec["problem"]),
        "process": _html(spec["process"]),
        "outcomes": _html(spec["outcomes"]),
        "lessons_learned": _html(spec["lessons_learned"]),
        "building_blocks": [
            (
                "building_block",
                {
                    "title": block["title"],
                    "description": _html(block["description"]),
                    "enabling_factors": _html(block.get("enabling_factors", "")),
                    "lessons_learned": _html(block.get("lessons_learned", "")),
                },
            )
            for block in spec["building_blocks"]
        ],
        "impact_indicators": [
            (
                "indicator",
                {
                    "indicator": row["indicator"],
                    "baseline": _decimal(row.get("baseline")),
                    "value": _decimal(row["value"]),
                    "unit": row.get("unit", ""),
                    "year": row.get("year"),
                    "source": row.get("source", ""),
                },
            )
            for row in spec["impact_indicators"]
        ],
        "finance": [
            (
                "source",
                {
                    "source": row["source"],
                    "amount": _decimal(row.get("amount")),
                    "currency": row["currency"],
                    "note": row.get("note", ""),
                },
            )
            for row in spec["finance"]
        ],
        "actors": [
            (
                "actor",
                {
                    "name": row["name"],
                    "kind": row["kind"],
                    "role": row.get("role", ""),
                    "url": row.get("url", ""),
                },
            )
            for row in spec["actors"]
        ],
        "resources": resources,
    }


class _Terms:
    """The taxonomy rows the demo uses, fetched once; a term an editor deleted is skipped."""

    def __init__(self, specs):
        def used(key):
            return {value for spec in specs for value in spec[key]}

        self.rows = {
            "partnerships": {
                p.slug: p for p in Partnership.objects.filter(slug__in=used("partnerships"))
            },
            "countries": {c.code: c for c in Country.objects.filter(code__in=used("countries"))},
            "themes": {t.slug: t for t in Theme.objects.filter(slug__in=used("themes"))},
            "ecosystems": {
                e.code: e for e in Ecosystem.objects.filter(code__in=used("ecosystems"))
            },
            "land_uses": {u.slug: u for u in LandUse.objects.filter(slug__in=used("land_uses"))},
            "sdgs": {s.number: s for s in SDG.objects.filter(number__in=used("sdgs"))},
            "ilm_elements": {
                e.code: e for e in ILMElementTerm.objects.filter(code__in=used("ilm_elements"))
            },
        }

    def pick(self, kind, keys):
        return [self.rows[kind][key] for key in keys if key in self.rows[kind]]


# --- Text ------------------------------------------------------------------------------------


def _html(value):
    """Plain demo text as rich text: a list becomes a bulleted list, a string paragraphs."""
    if not value:
        return ""
    if isinstance(value, list | tuple):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in value) + "</ul>"
    return plain_to_richtext(value)


def _decimal(value):
    return None if value is None else Decimal(str(value))


# --- Drawing the images and documents ---------------------------------------------------------


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def landscape_jpeg(seed, palette, size=HERO_SIZE, quality=80):
    """A calm landscape (sky, sun, rolling hills, maybe water and trees) as JPEG bytes; the
    same seed always draws the same picture."""
    rng = random.Random(seed)
    width, height = size
    top, horizon = (_rgb(c) for c in palette["sky"])
    sky_end = int(height * 0.7)
    column = Image.new("RGB", (1, height))
    column.putdata(
        [
            tuple(
                round(a + (b - a) * min(y / sky_end, 1)) for a, b in zip(top, horizon, strict=True)
            )
            for y in range(height)
        ]
    )
    image = column.resize(size)
    draw = ImageDraw.Draw(image)

    sun_x, sun_y, radius = width * rng.uniform(0.15, 0.85), height * rng.uniform(0.12, 0.28), 48
    draw.ellipse(
        (sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius),
        fill=_rgb(palette["sun"]),
    )

    hills = [_rgb(c) for c in palette["hills"]]
    water = _rgb(palette["water"]) if palette["water"] else None
    for layer, colour in enumerate(hills):
        if water and layer == len(hills) - 1:
            # Water in the foreground: a lake or an estuary with a few light ripples.
            shore = height * 0.8
            draw.rectangle((0, shore, width, height), fill=water)
            light = tuple(min(255, c + 40) for c in water)
            for _ in range(12):
                x, y = rng.uniform(0, width), rng.uniform(shore + 10, height - 10)
                draw.line((x, y, x + rng.uniform(40, 120), y), fill=light, width=3)
            break
        base = height * (0.48 + 0.12 * layer)
        amplitude = height * (0.07 - 0.01 * layer)
        phase, phase2 = rng.uniform(0, math.tau), rng.uniform(0, math.tau)
        frequency = rng.uniform(1.5, 3.0) * math.tau / width
        ridge = [
            (
                x,
                base
                - amplitude * math.sin(x * frequency + phase)
                - amplitude / 3 * math.sin(x * frequency * 2.7 + phase2),
            )
            for x in range(0, width + 20, 20)
        ]
        draw.polygon([*ridge, (width, height), (0, height)], fill=colour)
        if palette["trees"] and layer in (1, 2):
            crown = _rgb(palette["trees"])
            for _ in range(rng.randint(10, 18)):
                x, y = ridge[rng.randrange(len(ridge))]
                size_ = rng.uniform(8, 16) * (1 + layer / 2)
                draw.ellipse((x - size_, y - 2 * size_, x + size_, y + 2), fill=crown)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def minimal_pdf(title, lines):
    """A one-page PDF (Helvetica, A4) holding a title and short lines of text."""

    def text(value):
        value = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + value.encode("cp1252", "replace") + b")"

    ops = [b"BT", b"/F1 16 Tf", b"56 780 Td", text(title) + b" Tj", b"/F1 11 Tf", b"16 TL", b"T*"]
    for line in lines:
        for part in textwrap.wrap(line, 90) or [""]:
            ops.append(b"T* " + text(part) + b" Tj")
    ops.append(b"ET")
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title " + text(title) + b" /Producer (Landscape Network demo) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
