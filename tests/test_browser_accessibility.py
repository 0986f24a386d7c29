"""The main pages, checked by axe-core in a real browser (no serious or critical violation, on
a desktop and on a phone) and weighed (at most 100 KB transferred without images).

axe-core comes from the npm registry (package.json; `make install` runs `npm ci`). Without
npm the test is skipped, saying why.

The weights are measured against the test server, which serves the static files as they are;
a production deployment (WhiteNoise's CompressedManifestStaticFilesStorage) sends CSS and
JavaScript compressed (brotli) to browsers that accept it, so it sends less: the table printed
gives both. `.venv/bin/pytest -p no:xdist -q tests/test_browser_accessibility.py`.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from whitenoise.compress import Compressor

from courses import services as course_services
from courses.tests.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    choice_question,
    quiz,
    short_text,
)
from forums.tests.factories import CategoryFactory, confirmed_user, reply, topic
from knowledge.models import Theme
from knowledge.tests.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from people.tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BUDGET = 100 * 1024  # bytes transferred per page, images left out
PHONE = {"width": 412, "height": 915}
ON_PHONE = ("home", "case study", "search", "quiz", "forum topic")


def _missing_axe():
    if AXE.exists():
        return None
    if shutil.which("npm") is None:
        return "axe-core comes from npm, which is not installed (apt-get install npm)"
    return f"{AXE.relative_to(ROOT)} is missing: run `make install` (it runs npm ci)"


MISSING_AXE = _missing_axe()

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Where CI installed the browser and npm is there, a missing axe-core is a broken install:
    # the test runs and fails saying so, rather than pass silently.
    pytest.mark.skipif(
        bool(MISSING_AXE) and not (os.environ.get("REQUIRE_BROWSER") and shutil.which("npm")),
        reason=str(MISSING_AXE),
    ),
]


class Meter:
    """Bytes received per page load through the DevTools protocol (what DevTools shows as
    "transferred": body as sent, and headers), with the cache off so that every load counts
    as a first visit. Images are left out (by resource type, and the favicon by its type)."""

    def __init__(self, page):
        self.session = page.context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.responses = {}
        self.received = []
        self.session.on("Network.responseReceived", self._response)
        self.session.on("Network.loadingFinished", self._finished)

    def _response(self, event):
        response = event["response"]
        self.responses[event["requestId"]] = (event["type"], response["mimeType"], response["url"])

    def _finished(self, event):
        kind, mime, url = self.responses.get(event["requestId"], ("Other", "", ""))
        if kind != "Image" and not mime.startswith("image/"):
            self.received.append(Resource(kind, url, int(event["encodedDataLength"])))

    def load(self, page, url):
        self.received = []
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return list(self.received)


class Resource:
    def __init__(self, kind, url, size):
        self.kind, self.url, self.size = kind, url, size
        self.production = size
        path = urlsplit(url).path
        if path.startswith(settings.STATIC_URL):
            # Production sends the copy WhiteNoise compressed at collectstatic (brotli, or gzip
            # when that is not smaller), to every browser: all of them accept both.
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            if found:
                body = Path(found).read_bytes()
                headers = max(size - len(body), 0)
                smallest = min(
                    len(Compressor.compress_brotli(body)), len(Compressor.compress_gzip(body))
                )
                self.production = headers + min(smallest, len(body))


SERIOUS = ("serious", "critical")


def _axe(page, source):
    """axe-core's findings on the page as it is: (serious or critical violations, lesser
    violations, serious or critical ones it could not decide and leaves to a person)."""
    # Evaluated rather than added as a <script>: the site's Content-Security-Policy allows no
    # inline script, and DevTools evaluation is not subject to it.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source + "\n;0")
    result = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                            "wcag22aa", "best-practice"]},
            resultTypes: ["violations", "incomplete"],
        })"""
    )
    violations = result["violations"]
    unsure = []
    for finding in result["incomplete"]:
        # A glyph hidden from assistive technology (✓, →) has no contrast to decide.
        nodes = [
            node
            for node in finding["nodes"]
            if any((check.get("data") or {}).get("messageKey") != "nonBmp" for check in node["any"])
        ]
        if nodes and finding["impact"] in SERIOUS:
            unsure.append({**finding, "nodes": nodes})
    return (
        [v for v in violations if v["impact"] in SERIOUS],
        [v for v in violations if v["impact"] not in SERIOUS],
        unsure,
    )


def _describe(findings):
    lines = []
    for finding in findings:
        lines.append(f"  [{finding['impact']}] {finding['id']}: {finding['help']}")
        for node in finding["nodes"][:8]:
            lines.append(f"      {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            messages = "; ".join(check["message"] for check in node["any"] + node["all"])
            if messages:
                lines.append(f"        {messages[:300]}")
    return "\n".join(lines)


def _sign_in(page, user):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _site():
    """One of each main page, filled as a real one would be."""
    index = CaseStudyIndexPageFactory()
    case_study = CaseStudyPageFactory(
        parent=index,
        title="Restoring the Tárcoles watershed",
        summary="Coffee farmers and the water utility restored the springs of a watershed.",
        themes=list(Theme.objects.filter(slug__in=["finance", "agroforestry"])),
    )
    CaseStudyPageFactory(parent=index, title="Andean water fund")

    course = CoursePageFactory(title="Convening a landscape partnership")
    module = ModulePageFactory(parent=course, title="Who is in the landscape")
    lesson = LessonPageFactory(
        parent=module,
        title="Mapping the actors",
        body=[("text", "<p>A landscape is shared by <strong>many</strong> people.</p>")],
    )
    quiz_lesson = LessonPageFactory(
        parent=module,
        title="Check your understanding",
        body=[
            {"type": "text", "value": "<p>Answer both questions.</p>"},
            quiz(
                choice_question(
                    "Who should convene a multi-stakeholder platform?",
                    ["The largest landowner", "A facilitator trusted by all sides"],
                    1,
                ),
                short_text("Name the watershed's main river", ["Río Tárcoles"]),
            ),
        ],
    )
    learner = confirmed_user(
        email="amina@example.org", display_name="Amina Diallo", bio="Facilitator in Kenya."
    )
    course_services.enrollment_create(user=learner, course=course)
    course_services.lesson_complete(user=learner, lesson=lesson)
    # One attempt already graded: the quiz shows its result, feedback and a second try.
    quiz_id, value = quiz_lesson.quizzes()[0]
    first, second = (question.id for question in value["questions"])
    course_services.quiz_submit(
        user=learner, lesson=quiz_lesson, quiz_id=quiz_id, answers={first: "0", second: "Tana"}
    )

    bruno = confirmed_user(email="bruno@example.org", display_name="Bruno Costa")
    thread = topic(
        category=CategoryFactory(name="Watersheds"),
        author=bruno,
        title="Seed banks after the drought",
        body="Who keeps **seeds** of native trees?",
    )
    reply(thread, author=learner, body="Our cooperative keeps 40 kinds.")
    reply(thread, author=bruno, body="Thank you, @" + learner.username)
    return learner, [
        # (name, path, signed in)
        ("home", "/en/", False),
        ("case studies", index.url + "?theme=agroforestry", False),
        ("case study", case_study.url, False),
        ("search", "/en/search/?q=watershed&type=case_study", False),
        ("profile", f"/en/people/{learner.username}/", False),
        ("sign in", "/en/accounts/login/", False),
        ("course", course.url, True),
        ("lesson", lesson.url, True),
        ("quiz", quiz_lesson.url, True),
        ("forum topic", thread.get_absolute_url(), True),
        ("profile edit", "/en/me/edit/", True),
    ]


def _report(weights, lesser, review):
    print("\nWeight of each page, transferred without images (KB = 1,024 bytes)")
    print(f"  {'page':<14}{'test server':>12}{'production':>12}  by type (test server)")
    for name, received in weights:
        kinds = {}
        for r in received:
            kinds[r.kind] = kinds.get(r.kind, 0) + r.size
        total, production = sum(r.size for r in received), sum(r.production for r in received)
        by_kind = ", ".join(f"{kind} {size / 1024:.1f}" for kind, size in sorted(kinds.items()))
        print(f"  {name:<14}{total / 1024:>9.1f} KB{production / 1024:>9.1f} KB  {by_kind}")
    print("  (production: static files as WhiteNoise sends them, compressed; pages as the app")
    print("  sends them, uncompressed unless the proxy compresses them)")
    if lesser:
        print("Moderate or minor accessibility violations (not failing the test):")
        print("\n".join(lesser))
    if review:
        print("Left by axe-core for a person to review (serious or critical if real):")
        print("\n".join(review))


def test_main_pages_have_no_serious_accessibility_violation_and_weigh_at_most_100_kb(
    _playwright_browser, live_server, capsys
):
    if MISSING_AXE:
        pytest.fail(MISSING_AXE)
    source = AXE.read_text(encoding="utf-8")
    learner, pages = _site()

    def context(**options):
        made = _playwright_browser.new_context(base_url=live_server.url, locale="en-GB", **options)
        made.set_default_timeout(15_000)
        return made

    anonymous, signed_in = context(), context()
    phone = context(viewport=PHONE, is_mobile=True, has_touch=True)
    tabs = {False: anonymous.new_page(), True: signed_in.new_page()}
    # The pages are checked as styled under the site's Content-Security-Policy: a style or
    # script it refused would leave axe-core judging a page nobody sees.
    refused = []
    for tab in tabs.values():
        tab.on(
            "console",
            lambda message: (
                refused.append(f"{message.page.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
    _sign_in(tabs[True], learner)
    phone_tab = phone.new_page()
    _sign_in(phone_tab, learner)
    meters = {signed: Meter(tab) for signed, tab in tabs.items()}

    violations, lesser, review, weights = [], [], [], []
    try:
        for name, url, signed in pages:
            tab = tabs[signed]
            received = meters[signed].load(tab, url)
            assert tab.url == live_server.url + url, f"{name}: {url} led to {tab.url}"
            assert any(r.kind == "Document" for r in received), f"{name}: nothing measured"
            weights.append((name, received))
            found, minor, unsure = _axe(tab, source)
            lesser += [f"{name} ({url}):\n{_describe(minor)}"] if minor else []
            violations += [f"{name} ({url}):\n{_describe(found)}"] if found else []
            review += [f"{name} ({url}):\n{_describe(unsure)}"] if unsure else []
        # A phone (412 × 915 CSS pixels, touch): the narrow layouts, which must not scroll
        # sideways either (WCAG 1.4.10, reflow).
        for name, url, _signed in pages:
            if name not in ON_PHONE:
                continue
            phone_tab.goto(url)
            found, _minor, _unsure = _axe(phone_tab, source)
            violations += [f"{name} on a phone ({url}):\n{_describe(found)}"] if found else []
            width = phone_tab.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                violations.append(f"{name} on a phone: {width} px wide, it scrolls sideways")
    finally:
        for made in (anonymous, signed_in, phone):
            made.close()

    # Printed past pytest's capture: the table is the measurement (the README's Quality table).
    with capsys.disabled():
        _report(weights, lesser, review)

    heavy = [
        f"{name}: {sum(r.size for r in received) / 1024:.1f} KB\n"
        + "\n".join(f"    {r.kind} {r.size} {r.url}" for r in received)
        for name, received in weights
        if sum(r.size for r in received) > BUDGET
    ]
    assert not refused, "refused by the Content-Security-Policy:\n" + "\n".join(refused)
    assert not violations, "serious or critical accessibility violations:\n" + "\n".join(violations)
    assert not heavy, "pages over 100 KB transferred without images:\n" + "\n".join(heavy)
