"""Knowledge hub benchmark (issue 3): queries, latency and throughput of the case-study pages.

    .venv/bin/python bench/knowledge.py          # 100 then 10,000 case studies
    BENCH_QUICK=1 .venv/bin/python bench/knowledge.py   # 100 then 1,000

1. Builds a throwaway database (a SQLite file in the temporary directory; with DATABASE_URL
   pointing at PostgreSQL, a `landscape_bench` database on that server, dropped afterwards)
   and fills it with case studies in bulk: varied themes, countries, ecosystems, SDGs, images.
2. For the index (no filter; two facet filters) and one case-study page, at 100 and at the
   large size: SQL queries per request and median / p95 latency over BENCH_REQUESTS requests
   (Django's test client, DEBUG off, page cache off). Query counts must not grow with the data.
3. Serves the site with two Daphne processes and measures requests per second under
   BENCH_CONCURRENCY keep-alive clients, for a minimal view rendering a small static template
   and for the case-study page, with the page cache off and then on.
4. Prints the targets with PASS or MISS. Timings are never asserted in tests.

Environment: BENCH_QUICK, BENCH_REQUESTS (50), BENCH_SECONDS (8 per throughput run, 4 quick),
BENCH_CONCURRENCY (16), BENCH_KEEP=1 keeps the database, BENCH_PROFILE=1 always profiles.
"""

import asyncio
import datetime
import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ first on the path, where this file would stand in for the
# knowledge app: put the project there instead.
sys.path[0] = str(ROOT)

from bench._common import (  # noqa: E402 (needs the path above)
    free_port,
    migrate,
    postgres,
    profile_requests,
    project_functions,
    say,
    table,
)

QUICK = os.environ.get("BENCH_QUICK") == "1"
SIZES = (100, 1_000 if QUICK else 10_000)
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
LATENCY_SECONDS = float(os.environ.get("BENCH_LATENCY_SECONDS", "10"))
LOAD_SECONDS = float(os.environ.get("BENCH_SECONDS", "4" if QUICK else "8"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "16"))
KEEP = os.environ.get("BENCH_KEEP") == "1"
ALWAYS_PROFILE = os.environ.get("BENCH_PROFILE") == "1"
TMP = Path(tempfile.gettempdir())
SQLITE_PATH = TMP / "landscape_bench.sqlite3"
MEDIA_ROOT = TMP / "landscape_bench_media"
BATCH = 250
TARGET_UNCACHED = 0.10
TARGET_CACHED = 0.80

# code, World Bank region, latitude, longitude, weight
COUNTRIES = [
    ("KE", "sub-saharan-africa", 0.2, 37.9, 9),
    ("UG", "sub-saharan-africa", 1.3, 32.4, 6),
    ("TZ", "sub-saharan-africa", -6.3, 34.9, 6),
    ("ET", "sub-saharan-africa", 9.1, 40.5, 7),
    ("RW", "sub-saharan-africa", -1.9, 29.9, 4),
    ("GH", "sub-saharan-africa", 7.9, -1.0, 5),
    ("BF", "sub-saharan-africa", 12.2, -1.6, 4),
    ("NE", "sub-saharan-africa", 15.0, 8.1, 3),
    ("SN", "sub-saharan-africa", 14.5, -14.5, 3),
    ("CM", "sub-saharan-africa", 5.7, 12.4, 3),
    ("MG", "sub-saharan-africa", -19.4, 46.7, 3),
    ("MW", "sub-saharan-africa", -13.3, 34.3, 3),
    ("ZA", "sub-saharan-africa", -29.0, 24.0, 2),
    ("BR", "latin-america-caribbean", -10.0, -52.0, 6),
    ("PE", "latin-america-caribbean", -9.2, -75.0, 4),
    ("CO", "latin-america-caribbean", 4.6, -74.0, 4),
    ("MX", "latin-america-caribbean", 23.6, -102.5, 4),
    ("GT", "latin-america-caribbean", 15.8, -90.2, 3),
    ("HN", "latin-america-caribbean", 15.2, -86.2, 2),
    ("BO", "latin-america-caribbean", -16.3, -63.6, 2),
    ("EC", "latin-america-caribbean", -1.8, -78.2, 2),
    ("CR", "latin-america-caribbean", 9.9, -84.0, 2),
    ("IN", "south-asia", 21.0, 78.0, 6),
    ("NP", "south-asia", 28.4, 84.1, 3),
    ("BD", "south-asia", 23.7, 90.4, 2),
    ("LK", "south-asia", 7.9, 80.8, 1),
    ("ID", "east-asia-pacific", -2.5, 118.0, 5),
    ("PH", "east-asia-pacific", 12.9, 121.8, 3),
    ("VN", "east-asia-pacific", 14.1, 108.3, 3),
    ("KH", "east-asia-pacific", 12.6, 105.0, 2),
    ("PG", "east-asia-pacific", -6.3, 143.9, 1),
    ("MA", "middle-east-north-africa", 31.8, -7.1, 2),
    ("TN", "middle-east-north-africa", 33.9, 9.5, 1),
    ("JO", "middle-east-north-africa", 30.6, 36.2, 1),
    ("ES", "europe-central-asia", 40.4, -3.7, 2),
    ("IT", "europe-central-asia", 42.8, 12.6, 1),
    ("NL", "europe-central-asia", 52.1, 5.3, 1),
    ("KG", "europe-central-asia", 41.2, 74.8, 1),
    ("US", "north-america", 39.8, -98.6, 1),
    ("CA", "north-america", 56.0, -106.0, 1),
]
PLACES = [
    "Kigezi highlands",
    "Mount Elgon",
    "Lake Naivasha basin",
    "Bale mountains",
    "Upper Tana",
    "Volta basin",
    "Sahel drylands",
    "Atlantic forest",
    "Cerrado edge",
    "Andean paramo",
    "Sierra Madre",
    "Western Ghats",
    "Terai arc",
    "Mekong delta",
    "Kalimantan peatlands",
    "Atlas foothills",
    "Ferlo rangelands",
    "Mara river",
    "Lower Shire valley",
    "Chiquitania",
]
ACTIONS = [
    "Restoring springs",
    "Farmer-managed natural regeneration",
    "Community forest management",
    "Rangeland recovery",
    "Watershed councils",
    "Agroforestry for coffee growers",
    "Mangrove replanting",
    "Soil and water conservation",
    "Landscape investment fund",
    "Fire management with herders",
    "Terracing and grass strips",
    "Payment for water services",
]
SENTENCES = [
    "Springs that once ran all year had begun to fail in the dry season.",
    "Farmers, the district council and two cooperatives agreed on a shared plan.",
    "Degraded slopes were replanted with native trees and fodder grasses.",
    "Women's groups managed the tree nurseries and sold seedlings to neighbours.",
    "A landscape platform met every quarter to review progress against the plan.",
    "Grazing was rotated and the most eroded gullies were closed for two seasons.",
    "Local savings groups financed the first terraces before donors joined.",
    "Water flows were measured at twelve points by trained community monitors.",
    "Yields rose while the area under tree cover nearly doubled in five years.",
    "Conflicts between upstream and downstream users fell as rules became clear.",
]


# --- 1. Database ------------------------------------------------------------------------------


def prepare_database():
    """Point the bench settings at a fresh database; returns a function that removes it."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        parts = urlsplit(url)
        bench_url = urlunsplit(parts._replace(path="/landscape_bench"))
        admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
        drop = "DROP DATABASE IF EXISTS landscape_bench WITH (FORCE)"
        postgres(admin_url, drop, "CREATE DATABASE landscape_bench")
        kind = f"PostgreSQL ({parts.hostname}/landscape_bench)"

        def remove():
            postgres(admin_url, drop)

    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        bench_url = f"sqlite:///{SQLITE_PATH}"
        kind = f"SQLite ({SQLITE_PATH})"

        def remove():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)

    shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
    (TMP / "landscape_bench_daphne.log").unlink(missing_ok=True)
    os.environ["BENCH_DATABASE_URL"] = bench_url
    os.environ["BENCH_MEDIA_ROOT"] = str(MEDIA_ROOT)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.pop("BENCH_PAGE_CACHE_SECONDS", None)
    return kind, remove


# --- 2. Content -------------------------------------------------------------------------------


def _make_images(count=12):
    from django.core.files.base import ContentFile
    from PIL import Image as PILImage
    from PIL import ImageDraw
    from wagtail.images import get_image_model

    image_model = get_image_model()
    images = []
    rng = random.Random(7)
    for number in range(count):
        picture = PILImage.new("RGB", (1200, 675), (rng.randrange(40, 120), 120, 60))
        draw = ImageDraw.Draw(picture)
        for _ in range(30):
            x, y = rng.randrange(1200), rng.randrange(675)
            r = rng.randrange(20, 120)
            fill = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=80)
        images.append(
            image_model.objects.create(
                title=f"Landscape {number + 1}",
                file=ContentFile(buffer.getvalue(), name=f"landscape-{number + 1}.jpg"),
            )
        )
    return [image.pk for image in images]


def _make_partnerships(rng, count=60):
    from people.models import Partnership

    rows = []
    for number in range(count):
        code, region, *_rest = rng.choice(COUNTRIES)
        rows.append(
            Partnership(
                name=f"{rng.choice(PLACES)} landscape partnership {number + 1}",
                slug=f"bench-partnership-{number + 1}",
                description=rng.choice(SENTENCES),
                countries=[code],
                region=region,
            )
        )
    Partnership.objects.bulk_create(rows)
    return list(Partnership.objects.values_list("pk", flat=True))


def build_site():
    """The case-study index under the English home page, images, partnerships and the terms
    case studies are tagged with."""
    from knowledge.models import (
        CaseStudyIndexPage,
        Country,
        Ecosystem,
        HomePage,
        ILMElementTerm,
        LandUse,
        Theme,
    )

    rng = random.Random(1000)
    home = HomePage.objects.get(locale__language_code="en", depth=2)
    # A fresh site may have its section already (a migration creates it).
    index = CaseStudyIndexPage.objects.child_of(home).first()
    if index is None:
        index = CaseStudyIndexPage(
            title="Case studies",
            slug="case-studies",
            intro="What partnerships did, where, and what came of it.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    known = set(Country.objects.values_list("code", flat=True))
    terms = {
        "themes": list(Theme.objects.values_list("pk", flat=True)),
        "land_uses": list(LandUse.objects.values_list("pk", flat=True)),
        "ecosystems": list(
            Ecosystem.objects.filter(level=Ecosystem.Level.GROUP).values_list("pk", flat=True)
        ),
        "ilm_elements": list(ILMElementTerm.objects.values_list("pk", flat=True)),
        "countries": [c for c in COUNTRIES if c[0] in known],
        "images": _make_images(),
        "partnerships": _make_partnerships(rng),
    }
    return index, terms


def _rich(rng, sentences=3):
    return "".join(f"<p>{' '.join(rng.sample(SENTENCES, sentences))}</p>" for _ in range(2))


def _stream(kind, values):
    return [{"type": kind, "value": value, "id": str(uuid.uuid4())} for value in values]


def _case_study_fields(rng, terms, number):
    """Field values of one case study and its taxonomy links (Zipf-ish: a few themes and
    countries are common, most are rare, as in a real library)."""
    from knowledge.models import BENEFITS, ZONES

    country, region, lat, lon, _weight = rng.choices(
        terms["countries"], weights=[c[4] for c in terms["countries"]]
    )[0]
    countries = {country}
    if rng.random() < 0.15:
        countries.add(rng.choice(terms["countries"])[0])
    place = rng.choice(PLACES)
    title = f"{rng.choice(ACTIONS)} in the {place} ({number})"
    theme_weights = [1 / (i + 1) for i in range(len(terms["themes"]))]
    published = datetime.date.today() - datetime.timedelta(days=rng.randrange(0, 14 * 365))
    images = terms["images"]
    fields = {
        "summary": f"{rng.choice(SENTENCES)} {rng.choice(SENTENCES)}"[:300],
        "hero_image_id": images[number % len(images)],
        "gallery": _stream(
            "image",
            [
                {"image": images[(number + i) % len(images)], "caption": rng.choice(SENTENCES)}
                for i in range(3)
            ],
        ),
        "kind": "snapshot" if rng.random() < 0.3 else "full",
        "original_language": rng.choices(["en", "fr", "es", "pt"], weights=[6, 2, 2, 1])[0],
        "published_on": published,
        "region": region,
        "latitude": round(lat + rng.uniform(-2.5, 2.5), 4),
        "longitude": round(lon + rng.uniform(-2.5, 2.5), 4),
        "area_ha": rng.randrange(500, 400_000),
        "scale": rng.choice(["local", "subnational", "national", "transboundary"]),
        "area_type": rng.choices(["rural", "peri-urban", "urban"], weights=[8, 2, 1])[0],
        "challenges": _rich(rng, 2),
        "beneficiaries": _rich(rng, 1),
        "benefits": sorted(rng.sample([k for k, _ in BENEFITS], rng.randint(1, 3))),
        "zones": sorted(rng.sample([k for k, _ in ZONES], rng.randint(1, 2))),
        "problem": _rich(rng),
        "process": _rich(rng),
        "building_blocks": _stream(
            "building_block",
            [
                {
                    "title": f"Building block {i + 1}: {rng.choice(ACTIONS).lower()}",
                    "description": _rich(rng, 2),
                    "enabling_factors": _rich(rng, 1),
                    "lessons_learned": _rich(rng, 1),
                }
                for i in range(3)
            ],
        ),
        "outcomes": _rich(rng),
        "impact_indicators": _stream(
            "indicator",
            [
                {
                    "indicator": name,
                    "baseline": str(rng.randrange(0, 200)),
                    "value": str(rng.randrange(200, 5000)),
                    "unit": unit,
                    "year": rng.randrange(2015, 2025),
                    "source": "Partnership monitoring report",
                }
                for name, unit in (
                    ("Area under restoration", "ha"),
                    ("Households with improved income", "households"),
                    ("Springs flowing all year", "springs"),
                )
            ],
        ),
        "finance": _stream(
            "source",
            [
                {"source": "County government", "amount": "120000", "currency": "USD", "note": ""},
                {"source": "Local savings groups", "amount": "8000", "currency": "KES", "note": ""},
            ],
        ),
        "actors": _stream(
            "actor",
            [
                {"name": f"{place} farmers' cooperative", "kind": "organisation", "role": "Lead"},
                {"name": "District council", "kind": "organisation", "role": "Co-funder"},
                {"name": "A. Mwangi", "kind": "person", "role": "Facilitator"},
            ],
        ),
        "lessons_learned": _rich(rng),
        "resources": _stream(
            "link",
            [{"title": "Project report", "url": f"https://example.org/reports/{number}"}],
        ),
    }
    links = {
        "countries": countries,
        "themes": set(rng.choices(terms["themes"], weights=theme_weights, k=rng.randint(1, 3))),
        "ecosystems": set(rng.sample(terms["ecosystems"], rng.randint(1, 3))),
        "land_uses": set(rng.sample(terms["land_uses"], rng.randint(1, 3))),
        "sdgs": set(rng.choices([1, 2, 5, 6, 8, 13, 15, 17], k=rng.randint(2, 4))),
        "ilm_elements": set(rng.sample(terms["ilm_elements"], rng.randint(1, 4))),
        "partnerships": {rng.choice(terms["partnerships"])},
    }
    return title, fields, links


def add_case_studies(index, count, terms, first_number):
    """Adds ``count`` live case studies under the index in bulk: page rows with their tree
    paths (treebeard's own encoding), the case-study rows, then every taxonomy link; the
    search index is not updated (nothing here searches)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone
    from django.utils.text import slugify
    from wagtail.models import Page

    from knowledge.models import CaseStudyPage
    from knowledge.models.case_studies import TERM_RELATIONS

    rng = random.Random(first_number)
    content_type = ContentType.objects.get_for_model(CaseStudyPage)
    index = Page.objects.get(pk=index.pk)
    last = index.get_last_child()
    start = (last._get_lastpos_in_path() if last else 0) + 1
    now = timezone.now()
    own_fields = CaseStudyPage._meta.local_concrete_fields
    throughs = {name: CaseStudyPage._meta.get_field(name) for name in TERM_RELATIONS}
    with transaction.atomic():
        for offset in range(0, count, BATCH):
            specs = [
                _case_study_fields(rng, terms, first_number + offset + i)
                for i in range(min(BATCH, count - offset))
            ]
            bases = []
            for i, (title, _fields, _links) in enumerate(specs):
                slug = slugify(title)
                bases.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        path=Page._get_path(index.path, index.depth + 1, start + offset + i),
                        depth=index.depth + 1,
                        numchild=0,
                        url_path=f"{index.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                        locale_id=index.locale_id,
                        translation_key=uuid.uuid4(),
                    )
                )
            Page.objects.bulk_create(bases)
            pages = [
                CaseStudyPage(page_ptr_id=base.pk, **fields)
                for base, (_title, fields, _links) in zip(bases, specs, strict=True)
            ]
            # bulk_create refuses multi-table children; insert their own rows the way it does.
            CaseStudyPage._base_manager._insert(pages, fields=own_fields, using=connection.alias)
            for name, field in throughs.items():
                through = field.remote_field.through
                source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
                through.objects.bulk_create(
                    through(**{f"{source}_id": base.pk, f"{target}_id": term})
                    for base, (_title, _fields, links) in zip(bases, specs, strict=True)
                    for term in links[name]
                )
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)


# --- 3. Queries and latency -------------------------------------------------------------------


def measure_requests(url, client):
    """Queries of one request, then median and p95 latency over REQUESTS requests (fewer if
    they take more than LATENCY_SECONDS in all, but at least ten)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # renditions, template and URL caches
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)  # now: the next request empties the log
    times = []
    until = time.perf_counter() + LATENCY_SECONDS
    while len(times) < REQUESTS and (len(times) < 10 or time.perf_counter() < until):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    return queries, statistics.median(times), p95, len(times)


def measure_all(targets):
    from django.conf import settings
    from django.test import Client, override_settings

    results = {}
    client = Client()
    for name, url in targets.items():
        results[name] = measure_requests(url, client)
    # The same page for anonymous readers once the page cache is on (with its middleware).
    middleware = [*settings.MIDDLEWARE, "knowledge.cache.PageCacheMiddleware"]
    with override_settings(KNOWLEDGE_PAGE_CACHE_SECONDS=300, MIDDLEWARE=middleware):
        results["case study, page cache on"] = measure_requests(targets["case study"], Client())
    return results


def targets_for(index):
    from django.db.models import Count

    from knowledge.models import CaseStudyPage, Theme

    first = CaseStudyPage.objects.child_of(index).order_by("path").first()
    theme = (
        Theme.objects.annotate(n=Count("case_studies"))
        .order_by("-n")
        .values_list("slug", flat=True)
    )[0]
    facets = f"?theme={theme}&country=KE"
    return {
        "index": "/en/case-studies/",
        "index, 2 facets": f"/en/case-studies/{facets}",
        "case study": first.url,
    }


# --- 4. Throughput ------------------------------------------------------------------------------


class Servers:
    """Two Daphne processes on two ports, the bench settings, the page cache on or off."""

    def __init__(self, cache_seconds):
        self.cache_seconds = cache_seconds
        self.ports = [free_port(), free_port()]
        self.processes = []
        self.log = TMP / "landscape_bench_daphne.log"  # errors only

    def __enter__(self):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "BENCH_PAGE_CACHE_SECONDS": str(self.cache_seconds),
            "PYTHONPATH": str(ROOT),
        }
        daphne = Path(sys.executable).with_name("daphne")
        with self.log.open("ab") as log:
            for port in self.ports:
                # -v 0: no access log line per request, which would blur both views alike.
                command = [str(daphne), "-v", "0", "-b", "127.0.0.1", "-p", str(port)]
                self.processes.append(
                    subprocess.Popen(  # noqa: S603 (our own executable and arguments)
                        [*command, "config.asgi:application"],
                        cwd=ROOT,
                        env=env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
        deadline = time.monotonic() + 90
        for port in self.ports:
            while True:
                try:
                    status = asyncio.run(_fetch_status(port, "/bench/minimal/"))
                    if status == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    self.__exit__()
                    raise SystemExit(f"Daphne did not start; see {self.log}")
                time.sleep(0.2)
        return self

    def __exit__(self, *exc):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


async def _read_response(reader):
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length, chunked, cookie, close = 0, False, None, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name, value = name.strip().lower(), value.strip()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
        elif name == "set-cookie" and value.startswith("csrftoken="):
            cookie = value.split(";", 1)[0]
        elif name == "connection" and value.lower() == "close":
            close = True
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status, cookie, close


async def _fetch_status(port, path):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    status, _cookie, _close = await _read_response(reader)
    writer.close()
    return status


async def _client(port, path, until, counts):
    """One keep-alive client that, like a browser, sends back the CSRF cookie it was given."""
    cookie = None
    reader = writer = None
    while time.perf_counter() < until:
        if writer is None:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        headers = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if cookie:
            headers += f"Cookie: {cookie}\r\n"
        writer.write(f"{headers}\r\n".encode())
        await writer.drain()
        try:
            status, new_cookie, close = await _read_response(reader)
        except (ConnectionError, asyncio.IncompleteReadError):
            writer.close()
            writer = None
            counts["errors"] += 1
            continue
        cookie = new_cookie or cookie
        counts["ok" if status == 200 else "errors"] += 1
        if close:
            writer.close()
            writer = None
    if writer is not None:
        writer.close()


async def _load(ports, path, seconds):
    counts = {"ok": 0, "errors": 0}
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(
        *(_client(ports[i % len(ports)], path, until, counts) for i in range(CONCURRENCY))
    )
    return counts["ok"] / (time.perf_counter() - started), counts["errors"]


def throughput(servers, path):
    asyncio.run(_load(servers.ports, path, min(1.5, LOAD_SECONDS / 4)))  # warm both processes
    return asyncio.run(_load(servers.ports, path, LOAD_SECONDS))


# --- 5. Profile ---------------------------------------------------------------------------------


def profile(url, renders=20):
    """Where the time of one uncached request goes: database time measured without the
    profiler, then cProfile's view of the rest."""
    from django.test import Client

    wall, database, stats = profile_requests(Client(), url, renders)
    total = stats.total_tt

    def cumulative(path_end, function):
        return sum(
            row[3]
            for (path, _line, name), row in stats.stats.items()
            if path.endswith(path_end) and name == function
        )

    parts = [
        ("Wagtail routing (route_for_request)", "wagtail/models/pages.py", "route_for_request"),
        ("page.get_context (selectors)", "knowledge/models/case_studies.py", "get_context"),
        ("template rendering (lazy queries included)", "django/template/response.py", "render"),
        ("ORM: compiling SQL (as_sql)", "django/db/models/sql/compiler.py", "as_sql"),
        ("ORM: model instances (from_db)", "django/db/models/base.py", "from_db"),
        ("image renditions", "wagtail/images/models.py", "get_renditions"),
    ]
    table(
        f"Profile of the uncached case-study page ({renders} requests)",
        ["part", "ms per request", "share"],
        [
            ["whole request, no profiler", f"{wall:.1f}", "100%"],
            ["  of which in the database", f"{database:.1f}", f"{database / wall:.0%}"],
            ["whole request, profiled", f"{total * 1000 / renders:.1f}", "100%"],
            *(
                [
                    f"  {name}",
                    f"{cumulative(path, function) * 1000 / renders:.1f}",
                    f"{cumulative(path, function) / total:.0%}",
                ]
                for name, path, function in parts
            ),
        ],
    )
    table(
        "Project functions by cumulative time (profiled)",
        ["ms per request", "calls", "function"],
        [
            [f"{ct * 1000 / renders:.1f}", calls, where]
            for ct, calls, where in project_functions(stats)[:15]
        ],
    )


# --- Main -------------------------------------------------------------------------------------


def main():
    began = time.perf_counter()
    kind, remove = prepare_database()
    import django

    django.setup()

    say(f"Knowledge hub benchmark · {kind} · sizes {SIZES[0]:,} and {SIZES[1]:,}")
    say(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    try:
        step = time.perf_counter()
        how = migrate(SQLITE_PATH)
        say(f"database: {how} in {time.perf_counter() - step:.1f} s")
        index, terms = build_site()

        results = {}
        made = 0
        targets = None
        for size in SIZES:
            step = time.perf_counter()
            add_case_studies(index, size - made, terms, first_number=made + 1)
            say(f"{size - made:,} case studies added in {time.perf_counter() - step:.1f} s")
            made = size
            targets = targets or targets_for(index)
            results[size] = measure_all(targets)
        small, large = SIZES
        rows, query_rows = [], []
        for name in results[small]:
            q1, m1, p1, _n1 = results[small][name]
            q2, m2, p2, n2 = results[large][name]
            flag = "same" if q1 == q2 else "GROWS"
            rows.append(
                [name, q1, q2, flag, f"{m1:.1f}", f"{p1:.1f}", f"{m2:.1f}", f"{p2:.1f}", n2]
            )
            query_rows.append((name, q1 == q2, f"{q1} → {q2} queries"))
        table(
            "Queries and latency per request (ms; Django test client, DEBUG off, page cache off"
            " unless said)",
            [
                "page",
                f"queries@{small:,}",
                f"queries@{large:,}",
                "",
                f"median@{small:,}",
                f"p95@{small:,}",
                f"median@{large:,}",
                f"p95@{large:,}",
                "requests",
            ],
            rows,
        )

        case_study = targets["case study"]
        say(
            f"\nThroughput: 2 Daphne processes, {CONCURRENCY} keep-alive clients, "
            f"{LOAD_SECONDS:g} s per run, {large:,} case studies "
            f"(load average {os.getloadavg()[0]:.2f} before the runs)"
        )
        runs = {}
        ratios = {}
        for cache_seconds, label in ((0, "page cache off"), (300, "page cache on")):
            with Servers(cache_seconds) as servers:
                # The yardstick before and after the page, so drift on a shared machine shows.
                before = throughput(servers, "/bench/minimal/")
                runs[("minimal view", label, "before")] = before
                page = throughput(servers, case_study)
                runs[("case study", label, "")] = page
                after = throughput(servers, "/bench/minimal/")
                runs[("minimal view", label, "after")] = after
                ratios[label] = page[0] / ((before[0] + after[0]) / 2)
        rows = [
            [name, label, when, f"{rate:,.0f}", errors]
            for (name, label, when), (rate, errors) in runs.items()
        ]
        table("Requests per second", ["view", "mode", "run", "req/s", "errors"], rows)

        uncached, cached = ratios["page cache off"], ratios["page cache on"]
        final = [
            [f"queries constant: {name}", "equal at both sizes", detail, "PASS" if ok else "MISS"]
            for name, ok, detail in query_rows
        ]
        final.append(
            [
                "case study / minimal, uncached",
                f"≥ {TARGET_UNCACHED:.2f}",
                f"{uncached:.3f}",
                "PASS" if uncached >= TARGET_UNCACHED else "MISS",
            ]
        )
        final.append(
            [
                "case study / minimal, cached (anonymous)",
                f"≥ {TARGET_CACHED:.2f}",
                f"{cached:.3f}",
                "PASS" if cached >= TARGET_CACHED else "MISS",
            ]
        )
        table("Targets", ["target", "wanted", "measured", "result"], final)
        if ALWAYS_PROFILE or uncached < TARGET_UNCACHED:
            profile(case_study)
        say(f"\nTotal {time.perf_counter() - began:.0f} s")
    finally:
        from django.db import connections

        connections.close_all()
        if not KEEP:
            remove()
            shutil.rmtree(MEDIA_ROOT, ignore_errors=True)


if __name__ == "__main__":
    main()
