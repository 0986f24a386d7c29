"""The permission matrix (config/permission_matrix.py) against the routes and a small world.

One test per role asks every HTTP row (each request in a savepoint rolled back after it, so a
row that changes something, like leaving the partnership, leaves the next row the same world),
and one test asks every websocket row as every role through the ASGI stack."""

import io
from types import SimpleNamespace

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

from config import permission_matrix as matrix
from config.routing import websocket_urlpatterns

# --- (a) every route has a row, every row a route ------------------------------------------


def _http_routes():
    """{key: pattern} for every HTTP route: its URL name (with namespaces), or its pattern
    where it has none; the whole Wagtail admin as "admin/"."""
    routes = {}

    def walk(patterns, prefix="", namespace=""):
        for entry in patterns:
            part = "<lang>/" if isinstance(entry.pattern, LocalePrefixPattern) else ""
            part = part or str(entry.pattern)
            if isinstance(entry, URLResolver):
                if not prefix and part == "admin/":
                    routes["admin/"] = "admin/"
                    continue
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}{entry.namespace}:"
                walk(entry.url_patterns, prefix + part, inner)
            else:
                assert isinstance(entry, URLPattern)
                key = f"{namespace}{entry.name}" if entry.name else prefix + part
                assert key not in routes, f"two routes answer to {key!r}"
                routes[key] = prefix + part

    walk(get_resolver().url_patterns)
    return routes


def _websocket_routes():
    return {str(entry.pattern) for entry in websocket_urlpatterns}


def test_every_route_has_a_row_and_every_row_a_route():
    http = set(_http_routes())
    rows = {row.route for row in matrix.HTTP}
    assert sorted(http - rows) == [], "routes without a row in config/permission_matrix.py"
    assert sorted(rows - http) == [], "rows of config/permission_matrix.py naming no route"

    sockets = _websocket_routes()
    rows = {row.route for row in matrix.WEBSOCKET}
    assert sorted(sockets - rows) == [], "websocket routes without a row"
    assert sorted(rows - sockets) == [], "websocket rows naming no route"


def test_every_row_says_what_each_role_gets():
    for row in [*matrix.HTTP, *matrix.WEBSOCKET]:
        assert set(row.expect) == set(matrix.ROLES), row


# --- The world -----------------------------------------------------------------------------


def _png(name):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def build_world():
    """Everything the rows' addresses point at, and one person per role."""
    from django.contrib.auth.models import Group
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

    from courses.models import CohortInvitation
    from courses.tests.test_cohort_builders import build_cohort, join, progress
    from forums.models import Flag
    from forums.tests.factories import CategoryFactory, confirmed_user, reply, topic
    from knowledge import services as knowledge_services
    from knowledge.models import Theme
    from knowledge.tests.factories import (
        CaseStudyPageFactory,
        CurriculumModulePageFactory,
        CurriculumPageFactory,
    )
    from people.models import Membership, Partnership
    from people.permissions import FORUM_MODERATORS_GROUP, PRACTITIONERS_GROUP
    from people.tests.factories import (
        InvitationFactory,
        JoinRequestFactory,
        MembershipFactory,
        PartnershipFactory,
        UserFactory,
    )

    theme, _ = Theme.objects.get_or_create(slug="restoration", defaults={"name": "Restoration"})
    partnership = PartnershipFactory(slug="hills", join_policy=Partnership.JoinPolicy.REQUEST)
    manager = MembershipFactory(
        partnership=partnership, role=Membership.Role.MANAGER, user=confirmed_user()
    ).user
    member = MembershipFactory(partnership=partnership, user=confirmed_user()).user
    JoinRequestFactory(partnership=partnership)
    author = confirmed_user(username="author")

    school = build_cohort()
    learner = join(school, confirmed_user())
    progress(school, learner, lessons=3)
    certificate = learner.enrollments.get().certificate

    people = {
        "anonymous": None,
        "learner": learner,
        "practitioner": confirmed_user(groups=[PRACTITIONERS_GROUP]),
        "member": member,
        "manager": manager,
        "facilitator": school.facilitator,
        "moderator": confirmed_user(groups=[FORUM_MODERATORS_GROUP]),
        "editor": confirmed_user(groups=["Moderators"]),
        "admin": UserFactory(is_staff=True, is_superuser=True),
    }
    assert Group.objects.get(name="Moderators").permissions.filter(codename="access_admin")

    public_category = CategoryFactory()
    public_topic = topic(category=public_category, author=author, title="Terraces")
    public_post = reply(public_topic, author=author, attachments=[_png("terrace.png")])
    private_category = CategoryFactory(partnership=partnership)
    private_topic = topic(category=private_category, author=member, title="Our plan")
    private_post = reply(private_topic, author=manager, attachments=[_png("plan.png")])
    cohort_category = CategoryFactory(cohort=school.cohort)
    cohort_topic = topic(category=cohort_category, author=school.facilitator, title="Week 1")
    flag = Flag.objects.create(post=public_post, reporter=learner, reason=Flag.Reason.choices[0][0])

    case_study = CaseStudyPageFactory(themes=[theme])
    restricted_page = CaseStudyPageFactory()
    page_restriction = PageViewRestriction.objects.create(
        page=restricted_page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    curriculum = CurriculumPageFactory()
    CurriculumModulePageFactory(parent=curriculum)
    submission = knowledge_services.case_study_save_draft(
        user=people["practitioner"],
        fields={"title": "Our watershed", "summary": "Terraces on the slopes."},
    )

    document = get_document_model().objects.create(
        title="Plan", file=ContentFile(b"The plan.", name="plan.txt")
    )
    hidden = Collection.get_first_root_node().add_child(name="Hidden")
    document_restriction = CollectionViewRestriction.objects.create(
        collection=hidden, restriction_type=CollectionViewRestriction.PASSWORD, password="s3cret"
    )
    image = get_image_model().objects.create(title="Hills", file=get_test_image_file())

    return SimpleNamespace(
        people=people,
        author=author,
        theme=theme,
        partnership=partnership,
        invitation=InvitationFactory(partnership=partnership, invited_by=manager),
        institute=school.institute,
        cohort=school.cohort,
        cohort_invitation=CohortInvitation.objects.create(
            cohort=school.cohort, email="new@example.org", invited_by=school.facilitator
        ),
        course=school.course.course,
        reading=school.course.lessons[0],
        quizzed=school.course.lessons[1],
        quiz_id=school.course.quiz_id,
        certificate=certificate,
        public_category=public_category,
        private_category=private_category,
        public_topic=public_topic,
        private_topic=private_topic,
        cohort_topic=cohort_topic,
        public_post=public_post,
        private_post=private_post,
        public_attachment=public_post.attachments.get(),
        private_attachment=private_post.attachments.get(),
        flag=flag,
        case_study=case_study,
        restricted_page=restricted_page,
        page_restriction=page_restriction,
        curriculum=curriculum,
        submission=submission,
        document=document,
        document_restriction=document_restriction,
        image=image,
    )


def _fill(text, world):
    return text.format(**vars(world))


def _outcome(response):
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        login = "/accounts/login/"
        return matrix.LOGIN if login in location.split("?")[0] else matrix.REDIRECT
    return response.status_code


# --- (b) every HTTP row as every role ------------------------------------------------------


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """Wagtail serves documents from a local path when the storage has one (the test
    settings' in-memory storage claims one it does not have)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", matrix.ROLES)
def test_http_routes_as(role, files_on_disk):
    world = build_world()
    person = world.people[role]
    wrong = []
    for row in matrix.HTTP:
        url = _fill(row.url, world)
        data = {key: _fill(value, world) for key, value in row.data.items()}
        client = Client(raise_request_exception=False)
        if person is not None:
            client.force_login(person)
        # Each request leaves the world as it found it (the database; the client is new).
        with transaction.atomic():
            response = getattr(client, row.method)(url, data)
            transaction.set_rollback(True)
        got = _outcome(response)
        if got != row.expect[role]:
            wrong.append(f"{row.method.upper()} {url} ({row.route}): {got}, not {row.expect[role]}")
    assert wrong == [], f"{role}:\n" + "\n".join(wrong)


# --- (b) every websocket row as every role -------------------------------------------------


async def _connect(path, cookie):
    from config.asgi import application

    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect(timeout=10)
    if connected:
        await communicator.disconnect()
        return matrix.ACCEPT
    return code


@database_sync_to_async
def _cookie(person):
    if person is None:
        return None
    client = Client()
    client.force_login(person)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _restore_migrated_data():
    """An earlier transactional test in this process may have flushed what the migrations
    made and the world is built on: the page tree, the root collection and the editors' admin
    access."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection

    from tests.test_concurrency_courses import _ensure_site

    _ensure_site()
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    access = Permission.objects.get(codename="access_admin")
    for name in ("Moderators", "Editors"):
        Group.objects.get_or_create(name=name)[0].permissions.add(access)


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_websocket_routes():
    await database_sync_to_async(_restore_migrated_data)()
    world = await database_sync_to_async(build_world)()
    wrong = []
    for role in matrix.ROLES:
        cookie = await _cookie(world.people[role])
        for row in matrix.WEBSOCKET:
            path = _fill(row.url, world)
            got = await _connect(path, cookie)
            if got != row.expect[role]:
                wrong.append(f"{role} {path}: {got}, not {row.expect[role]}")
    assert wrong == []
