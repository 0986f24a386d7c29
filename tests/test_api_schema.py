"""The JSON API against its OpenAPI description (config/openapi.yaml, served at
/api/openapi.json), exercised with schemathesis in process through the WSGI application.

Every operation gets generated requests, valid and invalid (wrong types, out-of-range numbers,
unknown values, odd unicode), anonymously and as a partnership member, over real data: case
studies with their taxonomies, an image, a document, a public forum topic and a partnership's
private one, all indexed for the search. No answer may be a server error, and every answer
(status, content type, body) must be what the description says. Generation is derandomized,
so a run finds the same cases every time.

The regression tests at the end pin the server errors schemathesis found, as plain tests.
"""

import io

import pytest
import schemathesis
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from PIL import Image as PILImage
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from config.openapi import openapi_schema
from forums.tests.factories import CategoryFactory, reply, topic
from knowledge.models import SDG, Country, Theme
from knowledge.tests.factories import CaseStudyPageFactory
from search.backends import get_backend

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
SECRET = "quetzalcoatl"


@pytest.fixture
def world(django_capture_on_commit_callbacks, partnership, member):
    """Enough data for non-trivial answers: the search indexes it after commit, so the
    callbacks run here."""
    backend = get_backend()
    backend.setup()
    backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        themes = list(Theme.objects.order_by("slug")[:2])
        case_studies = [
            CaseStudyPageFactory(
                title=title,
                summary=f"{title}: what the partnership did.",
                themes=themes[: i + 1],
                partnerships=[partnership],
                countries=list(Country.objects.filter(code__in=["KE", "PE"][: i + 1])),
                sdgs=list(SDG.objects.filter(number__in=[6, 15])),
            )
            for i, title in enumerate(["Restoring the Kijabe springs", "Terraces of the Andes"])
        ]
        buffer = io.BytesIO()
        PILImage.new("RGB", (8, 6), "green").save(buffer, "PNG")
        image = get_image_model().objects.create(
            title="Terraces", file=ImageFile(buffer, name="terraces.png")
        )
        document = get_document_model().objects.create(
            title="Water committee minutes", file=ContentFile(b"minutes", name="minutes.txt")
        )
        public = CategoryFactory(name="Open square", slug="open-square")
        private = CategoryFactory(name="Backroom", slug="backroom", partnership=partnership)
        open_topic = topic(category=public, title="Springs & <terraces>", body="**Hello** all")
        for n in range(3):
            reply(open_topic, body=f"Reply {n} with *markdown* and a [link](https://example.org)")
        private_topic = topic(
            category=private, author=member, title=f"Plan {SECRET}", body=f"The {SECRET} plan"
        )
    return {
        "case_studies": case_studies,
        "image": image,
        "document": document,
        "public_topic": open_topic,
        "private_topic": private_topic,
        "member": member,
    }


@pytest.fixture
def wsgi_app():
    """The site's WSGI application, called in this thread. Like Django's test client, the
    request must not close the database connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(world, wsgi_app):
    # Loaded through the application: the served document is the one under test.
    return schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)


def _session_cookie(user):
    client = Client()
    client.force_login(user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@hypothesis_settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_described(case, world):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@hypothesis_settings(
    max_examples=10,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_a_member_as_described(case, world):
    case.call_and_validate(checks=CHECKS, cookies=_session_cookie(world["member"]))


# --- Real ids: the generated ones rarely name an existing object ----------------------------


def _call(api_schema, path, cookies=None, **parameters):
    case = api_schema[path]["GET"].Case(**parameters)
    return case.call_and_validate(checks=CHECKS, cookies=cookies)


def test_the_served_document_is_the_yaml_file(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"]
    assert response.json() == openapi_schema()
    assert set(response.json()["paths"]) >= {
        "/api/search/",
        "/api/search/suggest/",
        "/api/forums/topics/{topic_id}/events/",
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/images/",
        "/api/v2/images/{id}/",
        "/api/v2/documents/",
        "/api/v2/documents/{id}/",
    }


def test_real_objects_answer_as_described(api_schema, world):
    case_study = world["case_studies"][0]
    item = _call(api_schema, "/api/v2/pages/{id}/", path_parameters={"id": case_study.pk})
    assert item.json()["title"] == case_study.title
    listing = _call(
        api_schema,
        "/api/v2/pages/",
        query={"type": "knowledge.CaseStudyPage", "fields": "*", "order": "-title"},
    )
    assert [i["title"] for i in listing.json()["items"]] == [
        "Terraces of the Andes",
        "Restoring the Kijabe springs",
    ]
    image = _call(api_schema, "/api/v2/images/{id}/", path_parameters={"id": world["image"].pk})
    assert image.json()["width"] == 8
    document = world["document"]
    response = _call(api_schema, "/api/v2/documents/{id}/", path_parameters={"id": document.pk})
    assert response.json()["title"] == "Water committee minutes"

    found = _call(api_schema, "/api/search/", query={"q": "terraces", "type": ["case_study"]})
    assert "Terraces of the Andes" in [hit["title"] for hit in found.json()["results"]]
    suggested = _call(api_schema, "/api/search/suggest/", query={"q": "Terr"})
    assert suggested.json()["suggestions"]


def test_forum_events_answer_as_described(api_schema, world):
    public, private = world["public_topic"], world["private_topic"]
    path = "/api/forums/topics/{topic_id}/events/"
    events = _call(api_schema, path, path_parameters={"topic_id": public.pk}, query={"after": 1})
    assert [e["post"]["number"] for e in events.json()["events"]] == [2, 3, 4]
    # A private topic: not found for an outsider, all of it for a member.
    outsider = _call(api_schema, path, path_parameters={"topic_id": private.pk})
    assert outsider.status_code == 404
    assert SECRET not in outsider.text
    cookies = _session_cookie(world["member"])
    member = _call(api_schema, path, cookies, path_parameters={"topic_id": private.pk})
    assert SECRET in member.json()["events"][0]["post"]["html"]


# --- Server errors schemathesis found --------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        # The database cannot hold the offset (SQLite: "datatype mismatch").
        {"offset": str(10**30)},
        # A decimal or a date field filtered by something that is not one.
        {"type": "knowledge.CaseStudyPage", "area_ha": "x"},
        {"first_published_at": "yesterday"},
        # A null character breaks the full-text query; an unknown operator raises.
        {"search": "water\x00"},
        {"search": "water", "search_operator": "xor"},
    ],
)
def test_bad_parameters_of_the_wagtail_api_are_refused_not_crashed_on(client, query):
    response = client.get("/api/v2/pages/", query)
    assert response.status_code == 400
    assert response.json()["message"]


def test_a_search_of_quotes_or_blanks_answers_the_listing(client, world):
    # A lone double quote broke SQLite's FTS5 query ("unterminated string"); blank words
    # crashed the backend (AttributeError).
    for words in ['"', '" "', "   ", ""]:
        for endpoint in ("pages", "images", "documents"):
            response = client.get(f"/api/v2/{endpoint}/", {"search": words})
            assert response.status_code == 200, (endpoint, words, response.content)
    found = client.get("/api/v2/pages/", {"search": '"terraces'}).json()["items"]
    assert [item["title"] for item in found] == ["Terraces of the Andes"]


def test_a_null_character_in_a_search_filter_is_refused(client):
    # PostgreSQL refused the NUL in the query ("text fields cannot contain NUL"): a 500.
    response = client.get("/api/search/", {"q": "water", "theme": "soil\x00"})
    assert response.status_code == 400
    assert response.json() == {"errors": {"theme": ["Null characters are not allowed."]}}
    assert client.get("/en/search/", {"theme": "soil\x00"}).status_code in (200, 400)


def test_a_forum_topic_that_does_not_exist_is_a_json_404(client):
    response = client.get("/api/forums/topics/999999/events/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"message": "Not found."}
