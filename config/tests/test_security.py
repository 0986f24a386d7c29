"""Security settings as a visitor's browser and an attacker meet them: the Content Security
Policy of every page, the production transport and cookie settings, sign-in throttling, the
session and CSRF token renewed at sign-in, and uploaded files that can never run as a page.

Forum attachments (sandboxed, nosniff, attachment unless an image) are tested in
forums/tests/test_views.py; here only that our CSP middleware keeps their own header."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model

from people.tests.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parent.parent.parent

# --- Content Security Policy ---------------------------------------------------------------


def _policy(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict(response):
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["connect-src"][0] == "'self'"
    # The lesson videos' players, and nothing else, may be framed.
    assert set(policy["frame-src"]) <= {
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    }
    assert "'unsafe-inline'" not in str(policy) and "'unsafe-eval'" not in str(policy)


class _Inline(HTMLParser):
    """What a strict policy would block: inline scripts (other than JSON data), <style>
    elements, style="" attributes and on*="" handlers."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            if attributes.get("type") not in ("application/json", "application/ld+json"):
                self.found.append(self.get_starttag_text())
        if tag == "style":
            self.found.append(self.get_starttag_text())
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and (value or "").lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}={value!r}>")


def inline_code(html):
    parser = _Inline()
    parser.feed(html)
    return parser.found


@pytest.fixture
def pages(db, member):
    """The main pages: a case study, a public forum topic with replies, a curriculum."""
    from forums.tests.factories import CategoryFactory, reply, topic
    from knowledge.tests.factories import (
        CaseStudyPageFactory,
        CurriculumModulePageFactory,
        CurriculumPageFactory,
    )

    case_study = CaseStudyPageFactory(title="Restoring the Kijabe watershed")
    conversation = topic(category=CategoryFactory(), title="Terraces", body="**Stone** walls")
    reply(conversation, body="> quoted\n\n[a link](https://example.org) and `code`")
    curriculum = CurriculumPageFactory()
    CurriculumModulePageFactory(parent=curriculum)
    return {
        "home": "/en/",
        "case study index": "/en/case-studies/",
        "case study": case_study.url,
        "search": "/en/search/?q=watershed",
        "forum topic": conversation.get_absolute_url(),
        "forums": "/en/forums/",
        "people": "/en/people/",
        "sign in": "/en/accounts/login/",
        "facilitator guide": f"/en/curricula/{curriculum.pk}/guide/",
    }


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_main_pages_have_a_strict_policy_and_no_inline_code(client, pages, member, signed_in):
    if signed_in:
        client.force_login(member)
    for name, url in pages.items():
        if signed_in and name == "sign in":
            continue
        response = client.get(url)
        assert response.status_code == 200, name
        assert_strict(response)
        assert inline_code(response.content.decode()) == [], name


def test_the_inline_code_check_can_fail():
    html = (
        '<script src="/static/js/site.js"></script><script>alert(1)</script>'
        '<script type="application/json">{}</script><p style="color:red" onclick="x()">'
        '<a href="javascript:alert(1)">'
    )
    assert len(inline_code(html)) == 4


def test_the_guide_prints_with_a_stylesheet_not_an_inline_style(client, pages):
    html = client.get(pages["facilitator guide"]).content.decode()
    assert re.search(
        r'<link rel="stylesheet" href="/static/css/guide-print\.css" media="print">', html
    )
    css = client.get("/static/css/guide-print.css")
    assert b".guide-module { break-before: page; }" in b"".join(css.streaming_content)


def test_error_pages_and_json_have_the_policy_too(client, db):
    assert_strict(client.get("/en/no-such-page/"))
    assert_strict(client.get("/api/search/?q=x"))


def test_the_wagtail_admin_is_left_out_of_the_policy(client, db):
    # Its pages are built on inline scripts; editors only, and still not framable.
    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"
    # The exclusion is the admin's alone, not every address starting with "/admin".
    assert_strict(client.get("/en/people/"))


def test_a_views_own_policy_is_kept(client, db):
    """Forum attachments send "sandbox": the site's policy must not replace it."""
    from forums.tests.factories import CategoryFactory, confirmed_user, reply, topic

    image = SimpleUploadedFile(
        "notes.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    )
    post = reply(topic(category=CategoryFactory()), author=confirmed_user(), attachments=[image])
    response = client.get(post.attachments.get().get_absolute_url())
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == "sandbox"


# --- Production settings -------------------------------------------------------------------

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-key-" + "x7Qp9" * 10,
    "DJANGO_ALLOWED_HOSTS": "landscape.example.org,.landscape.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}

SETTINGS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "DEBUG",
    "CONTENT_SECURITY_POLICY",
    "MIDDLEWARE",
    "WAGTAILDOCS_SERVE_METHOD",
]


def _production(code, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update({**PRODUCTION_ENV, **env})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_settings():
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {SETTINGS!r}}}))"
    )
    result = _production(code)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["LANGUAGE_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["DEBUG"] is False
    assert "csp.middleware.CSPMiddleware" in values["MIDDLEWARE"]
    assert values["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"
    directives = values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    # The websockets on the site's own hosts, named for browsers of CSP Level 2.
    assert directives["connect-src"] == [
        "'self'",
        "wss://landscape.example.org",
        "wss://*.landscape.example.org",
    ]
    assert directives["upgrade-insecure-requests"] is True


def test_production_answers_plain_http_with_a_redirect_and_https_with_hsts():
    # Django's SecurityMiddleware as production configures it, in front of a plain answer.
    code = (
        "import django; django.setup(); from django.http import HttpResponse; "
        "from django.middleware.security import SecurityMiddleware; "
        "from django.test import RequestFactory; "
        "m = SecurityMiddleware(lambda request: HttpResponse()); "
        "f = RequestFactory(HTTP_HOST='landscape.example.org'); "
        "r = m(f.get('/en/?q=x')); print(r.status_code, r['Location']); "
        "r = m(f.get('/en/', HTTP_X_FORWARDED_PROTO='https')); "
        "print(r.status_code, r['Strict-Transport-Security'])"
    )
    result = _production(code)
    assert result.returncode == 0, result.stderr
    redirect, hsts = result.stdout.strip().splitlines()
    assert redirect == "301 https://landscape.example.org/en/?q=x"
    assert hsts == "200 max-age=31536000; includeSubDomains; preload"


def test_check_deploy_is_clean():
    result = _production(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# --- Signing in ----------------------------------------------------------------------------

LOGIN = "/en/accounts/login/"


@pytest.fixture
def throttled(settings):
    """allauth's production limits (test.py turns them off); allauth reads them per request."""
    from config.settings import base

    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS


def _sign_in(client, email, password):
    return client.post(LOGIN, {"login": email, "password": password})


def test_failed_sign_ins_lock_that_account_only(client, db, throttled):
    alice = UserFactory(email="alice@example.org")
    UserFactory(email="bob@example.org")
    for _attempt in range(5):
        response = _sign_in(client, "alice@example.org", "not-her-password")
        assert response.status_code == 200
        assert "The email address and/or password you specified are not correct." in (
            response.content.decode()
        )
    # The sixth attempt is refused whatever the password, with a message that says so.
    response = _sign_in(client, "alice@example.org", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Someone else signs in from the same address.
    response = _sign_in(client, "bob@example.org", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] != str(alice.pk)


def test_without_the_limits_the_sixth_attempt_would_succeed(client, db):
    # What the test above guards against (test.py turns the limits off).
    UserFactory(email="alice@example.org")
    for _attempt in range(5):
        _sign_in(client, "alice@example.org", "not-her-password")
    assert _sign_in(client, "alice@example.org", PASSWORD).status_code == 302


@pytest.mark.parametrize("path", ["/admin/login/", "/en/_util/login/"])
def test_wagtails_own_sign_in_forms_lead_to_the_throttled_one(client, db, path):
    """Wagtail's forms take a public handle and a password, unthrottled and without the
    confirmed-email rule: they must not sign anyone in."""
    UserFactory(username="alice", email="alice@example.org", verified=False)
    response = client.post(f"{path}?next=/admin/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    assert client.get(path).status_code == 302


def test_wagtails_admin_password_reset_is_off(client, db):
    # Resetting goes through allauth's form, which is rate limited.
    assert client.get("/admin/password_reset/").status_code == 404
    assert client.get("/en/accounts/password/reset/").status_code == 200


def test_signing_in_renews_the_session_and_the_csrf_token(db):
    user = UserFactory(email="grace@example.org")
    client = Client(enforce_csrf_checks=True)
    client.get(LOGIN)
    # An anonymous session before signing in (as a language choice or a cart would make).
    session = client.session
    session["before"] = "anonymous"
    session.save()
    client.cookies[django_settings.SESSION_COOKIE_NAME] = session.session_key
    before_session = session.session_key
    before_csrf = client.cookies["csrftoken"].value

    response = client.post(
        LOGIN,
        {"login": user.email, "password": PASSWORD, "csrfmiddlewaretoken": before_csrf},
    )
    assert response.status_code == 302

    after_session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert after_session != before_session
    assert client.session["_auth_user_id"] == str(user.pk)
    from django.contrib.sessions.models import Session

    if django_settings.SESSION_ENGINE.endswith(".db"):
        assert not Session.objects.filter(session_key=before_session).exists()
    assert client.cookies["csrftoken"].value != before_csrf
    # The old token no longer passes: a form from before sign-in must be reloaded.
    response = client.post("/en/forums/notifications/read/", {"csrfmiddlewaretoken": before_csrf})
    assert response.status_code == 403


def test_the_session_cookie_is_not_readable_by_scripts(client, db):
    user = UserFactory()
    response = _sign_in(client, user.email, PASSWORD)
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


# --- Uploaded files ------------------------------------------------------------------------


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """Wagtail serves documents from a local path when the storage has one, as in
    production (the test settings' in-memory storage claims one it does not have)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


HTML = b"<html><script>fetch('/en/me/edit/').then(r => r.text()).then(alert)</script></html>"


def _document(name, content):
    return get_document_model().objects.create(title=name, file=ContentFile(content, name=name))


def test_an_uploaded_html_document_is_downloaded_never_shown(client, db, files_on_disk):
    document = _document("page.html", HTML)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("plan.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        ("notes.txt", HTML, "text/plain"),
    ],
)
def test_pdf_and_text_are_shown_inline_and_sandboxed(
    client, db, files_on_disk, name, content, content_type
):
    response = client.get(_document(name, content).url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("inline")
    # Nothing in them runs: no scripts (a PDF's JavaScript included), no sniffing as HTML.
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_editors_cannot_upload_html_documents(db):
    from wagtail.documents.forms import get_document_form

    form_class = get_document_form(get_document_model())
    form = form_class(
        data={"title": "Page"},
        files={"file": SimpleUploadedFile("page.html", HTML, content_type="text/html")},
    )
    assert not form.is_valid()
    assert "file" in form.errors


def test_a_photo_that_is_not_an_image_is_refused(client, db):
    person = UserFactory()
    client.force_login(person)
    response = client.post(
        "/en/me/edit/",
        {
            "display_name": "Grace",
            "preferred_language": "en",
            "photo": SimpleUploadedFile("me.png", HTML, content_type="image/png"),
        },
    )
    assert response.status_code == 200  # the form again, with an error
    person.refresh_from_db()
    assert not person.photo
