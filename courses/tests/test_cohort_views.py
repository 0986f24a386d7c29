"""The cohort pages as people use them: creating a cohort, its dashboard, inviting, the
exports, and the invitation a learner receives; each refused to whoever may not see it."""

import csv
import datetime
import io
import json

import pytest
from django.core import mail
from django.urls import reverse

from courses.models import Cohort, CohortInvitation, Enrollment, LearningStatement
from courses.tests.test_cohort_builders import build_cohort, build_course, join, progress
from knowledge.tests.factories import translate
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_cohort()


def _url(name, *args):
    return reverse(f"courses:{name}", args=args)


def _cohort_urls(cohort):
    return [
        _url("cohort", cohort.pk),
        _url("cohort_edit", cohort.pk),
        _url("cohort_csv", cohort.pk),
        _url("cohort_statements", cohort.pk),
    ]


# --- Permissions ---------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    for url in [
        *_cohort_urls(world.cohort),
        _url("my_cohorts"),
        _url("cohort_create", world.institute.slug),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("account_login") in response["Location"]
    response = client.post(_url("cohort_invite", world.cohort.pk), {"emails": "a@example.org"})
    assert response.status_code == 302
    assert not CohortInvitation.objects.exists()


def test_learners_and_other_cohorts_facilitators_are_refused(client, world):
    other = build_cohort(course=world.course)
    learner = join(world)
    for person in (learner, other.facilitator, other.admin):
        client.force_login(person)
        for url in _cohort_urls(world.cohort):
            assert client.get(url).status_code == 403, (person, url)
        response = client.post(_url("cohort_invite", world.cohort.pk), {"emails": "a@example.org"})
        assert response.status_code == 403
        assert client.get(_url("cohort_create", world.institute.slug)).status_code == 403
    assert not CohortInvitation.objects.exists()


def test_facilitators_see_the_dashboard_but_only_administrators_edit(client, world):
    client.force_login(world.facilitator)
    response = client.get(_url("cohort", world.cohort.pk))
    assert response.status_code == 200
    assert _url("cohort_edit", world.cohort.pk) not in response.content.decode()
    assert client.get(_url("cohort_edit", world.cohort.pk)).status_code == 403
    assert client.get(_url("cohort_create", world.institute.slug)).status_code == 403

    client.force_login(world.admin)
    response = client.get(_url("cohort", world.cohort.pk))
    assert _url("cohort_edit", world.cohort.pk) in response.content.decode()
    assert client.get(_url("cohort_edit", world.cohort.pk)).status_code == 200

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(_url("cohort", world.cohort.pk)).status_code == 200


# --- My cohorts ----------------------------------------------------------------------------


def test_my_cohorts_lists_what_i_follow_and_where_i_can_start_one(client, world):
    finished = Cohort.objects.create(
        institute=world.institute,
        course=world.course.course,
        name="Last year",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 3, 1),
    )
    join(world)
    client.force_login(world.admin)
    page = client.get(_url("my_cohorts")).content.decode()
    assert world.cohort.name in page and finished.name in page
    assert "Running now" in page and "Finished" in page
    assert _url("cohort_create", world.institute.slug) in page

    client.force_login(world.facilitator)
    page = client.get(_url("my_cohorts")).content.decode()
    assert world.cohort.get_absolute_url() in page
    assert finished.get_absolute_url() not in page
    assert _url("cohort_create", world.institute.slug) not in page

    client.force_login(UserFactory())
    page = client.get(_url("my_cohorts")).content.decode()
    assert "You do not follow any cohort yet." in page


# --- Creating and editing ------------------------------------------------------------------


def _form(world, **overrides):
    return {
        "name": "Nairobi, spring",
        "course": world.course.course.pk,
        "starts_on": "2026-03-02",
        "ends_on": "2026-05-29",
        "facilitators": [world.facilitator.pk],
        **overrides,
    }


def test_an_administrator_creates_a_cohort(client, world):
    client.force_login(world.admin)
    response = client.post(_url("cohort_create", world.institute.slug), _form(world))
    cohort = Cohort.objects.get(name="Nairobi, spring")
    assert response.status_code == 302 and response["Location"] == cohort.get_absolute_url()
    assert cohort.institute == world.institute and cohort.created_by == world.admin
    assert list(cohort.facilitators.all()) == [world.facilitator]
    assert cohort.starts_on == datetime.date(2026, 3, 2)


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(client, world):
    client.force_login(world.admin)
    response = client.post(
        _url("cohort_create", world.institute.slug),
        _form(world, name="Nairobi, spring", ends_on="2026-02-01"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The cohort must end on or after the day it starts." in page
    assert 'value="Nairobi, spring"' in page and 'value="2026-02-01"' in page
    assert not Cohort.objects.filter(name="Nairobi, spring").exists()


def test_the_course_chooser_offers_published_courses_in_the_default_language(client, world):
    draft = build_course(title="A course in preparation").course
    draft.unpublish()
    translate(world.course.course, "fr", title="Animer un partenariat")
    client.force_login(world.admin)
    page = client.get(_url("cohort_create", world.institute.slug)).content.decode()
    assert world.course.course.title in page
    assert "Animer un partenariat" not in page
    assert "A course in preparation" not in page
    # Facilitators are chosen among the institute's staff only.
    assert world.facilitator.email in page
    assert UserFactory(email="outsider@example.org").email not in page


def test_an_administrator_edits_a_cohort(client, world):
    client.force_login(world.admin)
    response = client.post(
        _url("cohort_edit", world.cohort.pk),
        {"name": "Spring (extended)", "starts_on": "2026-03-02", "ends_on": "2026-06-30"},
    )
    assert response.status_code == 302
    world.cohort.refresh_from_db()
    assert world.cohort.name == "Spring (extended)"
    assert world.cohort.ends_on == datetime.date(2026, 6, 30)
    assert not world.cohort.facilitators.exists()


# --- The dashboard -------------------------------------------------------------------------


def test_the_dashboard_shows_figures_learners_and_invitations(client, world):
    ana = join(world, display_name="Ana Ferreira")
    progress(world, ana, lessons=3, score=100)
    join(world, display_name="Bruno Costa", days_ago=20)
    CohortInvitation.objects.create(cohort=world.cohort, email="waiting@example.org")
    client.force_login(world.facilitator)
    page = client.get(_url("cohort", world.cohort.pk)).content.decode()
    assert "Ana Ferreira" in page and "Bruno Costa" in page
    assert "1 of 2 (50%)" in page  # completed
    assert "Convening" in page and "Acting" in page and "Actors quiz" in page
    assert "waiting@example.org" in page
    certificate = Enrollment.objects.get(user=ana).certificate
    assert certificate.code in page
    # Bruno enrolled 20 days ago and did nothing since: listed as stuck.
    stuck = page.split('id="stuck"')[1].split("</section>")[0]
    assert "Bruno Costa" in stuck and "Ana Ferreira" not in stuck


def test_inviting_from_the_dashboard(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.facilitator)
    with_errors = "ana@example.org\nnot-an-address"
    response = client.post(_url("cohort_invite", world.cohort.pk), {"emails": with_errors})
    assert response.status_code == 400
    page = response.content.decode()
    assert "These are not valid email addresses: not-an-address." in page
    assert f"{with_errors}</textarea>" in page  # what was pasted is still there
    assert not CohortInvitation.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("cohort_invite", world.cohort.pk),
            {"emails": "ana@example.org, bo@example.org"},
            follow=True,
        )
    assert CohortInvitation.objects.filter(cohort=world.cohort).count() == 2
    assert "2 invitations sent." in response.content.decode()
    assert len(mail.outbox) == 2


def test_withdrawing_an_invitation_and_removing_a_learner_from_the_dashboard(client, world):
    invitation = CohortInvitation.objects.create(cohort=world.cohort, email="ana@example.org")
    learner = join(world)
    client.force_login(world.facilitator)
    url = _url("cohort", world.cohort.pk)
    client.post(url, {"action": "revoke", "invitation": invitation.pk})
    assert not CohortInvitation.objects.exists()
    enrollment = Enrollment.objects.get(user=learner)
    client.post(url, {"action": "remove", "enrollment": enrollment.pk})
    enrollment.refresh_from_db()
    assert enrollment.cohort is None
    assert client.post(url, {"action": "remove", "enrollment": "x"}).status_code == 404


def _learner_names(page):
    table = page.split('id="learners"')[1].split("</table>")[0]
    return [cell.split("<")[0] for cell in table.split('<th scope="row">')[1:]]


@pytest.fixture
def five_learners(world, monkeypatch):
    """Five learners, two to a page of the learner table: Ana finished, Bruno did two lessons,
    Cy one, Dora and Eli none (Eli was never active)."""
    from courses import cohort_views

    monkeypatch.setattr(cohort_views, "LEARNERS_PER_PAGE", 2)
    for name, lessons, score in [
        ("Dora", 0, None),
        ("Bruno", 2, 50),
        ("Eli", 0, None),
        ("Ana", 3, 100),
        ("Cy", 1, 0),
    ]:
        learner = join(world, display_name=name)
        progress(world, learner, lessons=lessons, score=score)
    Enrollment.objects.filter(user__display_name="Eli").update(last_activity_at=None)
    return world


def test_the_learner_table_is_paginated_with_links_that_work_without_javascript(
    client, five_learners
):
    world = five_learners
    client.force_login(world.facilitator)
    url = _url("cohort", world.cohort.pk)
    first = client.get(url).content.decode()
    assert _learner_names(first) == ["Ana", "Bruno"]
    assert "Learners 1–2 of 5." in first and "Page 1 of 3" in first
    assert 'href="?page=2#learners" rel="next"' in first and 'rel="prev"' not in first
    # The figures above the table are the whole cohort's, whatever the page.
    assert "3 learners took it, 2 passed; mean best score 50%." in first

    second = client.get(f"{url}?page=2").content.decode()
    assert _learner_names(second) == ["Cy", "Dora"]
    assert 'href="?page=1#learners" rel="prev"' in second
    assert 'href="?page=3#learners" rel="next"' in second
    assert '<td class="num">0%</td>' in second  # Cy's best score, read for this page

    last = client.get(f"{url}?page=3").content.decode()
    assert _learner_names(last) == ["Eli"] and 'rel="next"' not in last
    # A page out of range shows the last one, anything else the first.
    assert _learner_names(client.get(f"{url}?page=99").content.decode()) == ["Eli"]
    assert _learner_names(client.get(f"{url}?page=x").content.decode()) == ["Ana", "Bruno"]
    # Without JavaScript, a page is also reached by its number.
    assert 'name="page" min="1" max="3" value="3"' in last


def test_the_learner_table_sorts_by_name_progress_and_last_activity(client, five_learners):
    world = five_learners
    client.force_login(world.facilitator)
    url = _url("cohort", world.cohort.pk)

    def names(query):
        names = []
        for page in (1, 2, 3):
            names += _learner_names(client.get(f"{url}?{query}&page={page}").content.decode())
        return names

    assert names("sort=name") == ["Ana", "Bruno", "Cy", "Dora", "Eli"]
    assert names("sort=-name") == ["Eli", "Dora", "Cy", "Bruno", "Ana"]
    assert names("sort=-progress") == ["Ana", "Bruno", "Cy", "Dora", "Eli"]
    assert names("sort=progress") == ["Dora", "Eli", "Cy", "Bruno", "Ana"]
    assert names("sort=-activity")[-1] == "Eli"  # never active: last
    assert names("sort=activity")[0] == "Eli"
    assert names("sort=nonsense") == names("sort=name")

    page = client.get(f"{url}?sort=-progress").content.decode()
    # The pages keep the order; the column it is sorted by says so, and reverses it.
    assert 'href="?sort=-progress&amp;page=2#learners" rel="next"' in page
    assert '<th scope="col" aria-sort="descending"><a href="?sort=progress#learners">' in page
    assert '<a href="?sort=name#learners">Name</a>' in page
    assert '<input type="hidden" name="sort" value="-progress">' in page


def test_removing_a_learner_returns_to_the_same_page_of_the_table(client, five_learners):
    world = five_learners
    client.force_login(world.facilitator)
    dora = Enrollment.objects.get(user__display_name="Dora")
    url = _url("cohort", world.cohort.pk)
    response = client.post(
        f"{url}?sort=-progress&page=2", {"action": "remove", "enrollment": dora.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url}?sort=-progress&page=2#learners"
    eli = Enrollment.objects.get(user__display_name="Eli")
    response = client.post(f"{url}?page=<script>", {"action": "remove", "enrollment": eli.pk})
    assert response["Location"] == f"{url}#learners"


def test_the_csv_holds_every_learner_read_in_chunks(client, five_learners, monkeypatch):
    from courses import cohort_views

    monkeypatch.setattr(cohort_views, "LEARNERS_PER_CHUNK", 2)
    world = five_learners
    client.force_login(world.facilitator)
    response = client.get(_url("cohort_csv", world.cohort.pk))
    chunks = list(response.streaming_content)
    assert len(chunks) == 1 + 3  # the header, then three chunks of at most two learners
    header, *rows = csv.reader(io.StringIO(b"".join(chunks).decode("utf-8-sig")))
    assert [row[0] for row in rows] == ["Ana", "Bruno", "Cy", "Dora", "Eli"]
    scores = {row[0]: row[header.index("Best score (%): Actors quiz")] for row in rows}
    assert scores == {"Ana": "100", "Bruno": "50", "Cy": "0", "Dora": "", "Eli": ""}
    monkeypatch.setattr(cohort_views, "LEARNERS_PER_CHUNK", 5)  # a last chunk that is full
    response = client.get(_url("cohort_csv", world.cohort.pk))
    assert len(list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))) == 6


def test_the_csv_is_in_the_readers_language(client, five_learners):
    from django.utils import translation

    world = five_learners
    client.force_login(world.facilitator)
    french = _url("cohort_csv", world.cohort.pk).replace("/en/", "/fr/", 1)
    content = b"".join(client.get(french).streaming_content).decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(content))
    with translation.override("fr"):
        # The rows, read as the file is sent, are in French like the header.
        assert header[0] == translation.gettext("Name")
        assert {row[2] for row in rows} == {str(Enrollment.Status.ACTIVE.label)}


# --- Exports -------------------------------------------------------------------------------


def test_the_csv_export_is_the_learner_table_safe_for_spreadsheets(client, world):
    ana = join(world, display_name='=HYPERLINK("http://evil.example")', email="ana@example.org")
    progress(world, ana, lessons=2, score=50, seconds=120)
    join(world, display_name="Zoë Ødegård", email="zoe@example.org")
    client.force_login(world.facilitator)
    response = client.get(_url("cohort_csv", world.cohort.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    header, *learners = rows
    assert header[:4] == ["Name", "Email", "Status", "Enrolled"]
    assert "Best score (%): Actors quiz" in header
    by_email = {row[1]: dict(zip(header, row, strict=True)) for row in learners}
    ana_row = by_email["ana@example.org"]
    assert ana_row["Name"] == '\'=HYPERLINK("http://evil.example")'
    assert ana_row["Complete (%)"] == "66"
    assert ana_row["Lessons done"] == "2"
    assert ana_row["Best score (%): Actors quiz"] == "50"
    assert int(ana_row["Time spent (minutes)"]) >= 2
    assert by_email["zoe@example.org"]["Name"] == "Zoë Ødegård"
    assert by_email["zoe@example.org"]["Best score (%): Actors quiz"] == ""


def test_the_statements_export_holds_this_cohorts_record_only(client, world):
    other = build_cohort(course=world.course)
    mine = join(world)
    progress(world, mine, lessons=1)
    theirs = join(other)
    progress(other, theirs, lessons=1)
    client.force_login(world.facilitator)
    response = client.get(_url("cohort_statements", world.cohort.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(b"".join(response.streaming_content))
    ids = {statement["id"] for statement in data["statements"]}
    expected = {
        str(statement_id)
        for statement_id in LearningStatement.objects.filter(user=mine).values_list(
            "statement_id", flat=True
        )
    }
    assert ids == expected and expected
    assert all(s["actor"]["account"]["name"] == str(mine.pk) for s in data["statements"])
    timestamps = [s["timestamp"] for s in data["statements"]]
    assert timestamps == sorted(timestamps)


def test_the_statements_export_streams_in_chunks(client, world, monkeypatch):
    from courses import cohort_views

    monkeypatch.setattr(cohort_views, "STATEMENTS_PER_CHUNK", 2)
    learner = join(world)
    progress(world, learner, lessons=3)
    client.force_login(world.admin)
    response = client.get(_url("cohort_statements", world.cohort.pk))
    data = json.loads(b"".join(response.streaming_content))
    assert len(data["statements"]) == LearningStatement.objects.filter(cohort=world.cohort).count()
    assert len({s["id"] for s in data["statements"]}) == len(data["statements"])


def test_an_empty_cohort_exports_empty_files(client, world):
    client.force_login(world.facilitator)
    data = json.loads(
        b"".join(client.get(_url("cohort_statements", world.cohort.pk)).streaming_content)
    )
    assert data == {"statements": []}
    response = client.get(_url("cohort_csv", world.cohort.pk))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 1


# --- The invitation ------------------------------------------------------------------------


def test_an_anonymous_invitee_is_asked_to_sign_in_or_up(client, world):
    invitation = CohortInvitation.objects.create(cohort=world.cohort, email="amina@example.org")
    url = invitation.get_absolute_url()
    page = client.get(url).content.decode()
    assert world.cohort.name in page and world.course.course.title in page
    assert f"{reverse('account_signup')}?next={url}" in page
    assert f"{reverse('account_login')}?next={url}" in page
    response = client.post(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_invitee_accepts_and_lands_on_the_course(client, world):
    invitee = UserFactory(email="amina@example.org")
    invitation = CohortInvitation.objects.create(cohort=world.cohort, email="AMINA@example.org")
    client.force_login(invitee)
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == world.course.course.url
    assert Enrollment.objects.get(user=invitee).cohort == world.cohort
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert "You have accepted this invitation." in page


def test_a_french_invitee_lands_on_the_french_course(client, world):
    french = translate(world.course.course, "fr", title="Animer un partenariat")
    invitee = UserFactory(email="luc@example.org", preferred_language="fr")
    invitation = CohortInvitation.objects.create(cohort=world.cohort, email=invitee.email)
    client.force_login(invitee)
    with_french = invitation.get_absolute_url().replace("/en/", "/fr/", 1)
    assert "Animer un partenariat" in client.get(with_french).content.decode()
    response = client.post(with_french)
    assert response["Location"] == french.url


def test_another_account_cannot_accept(client, world, learner):
    invitation = CohortInvitation.objects.create(cohort=world.cohort, email="amina@example.org")
    client.force_login(learner)
    page = client.get(invitation.get_absolute_url()).content.decode()
    assert "not a confirmed address of your account" in page
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert "Sign in with that address to accept it." in response.content.decode()
    assert not Enrollment.objects.filter(user=learner).exists()


def test_an_unknown_invitation_is_not_found(client):
    assert client.get(_url("cohort_invitation", "no-such-token")).status_code == 404


def test_under_asgi_the_statements_stream_from_an_async_iterator(world):
    """Under Daphne a sync iterator would be read whole before the first byte is sent; the
    export gives ASGI an async one, reading the database chunk by chunk."""
    from asgiref.sync import async_to_sync
    from django.test import AsyncRequestFactory

    from courses import cohort_views

    learner = join(world)
    progress(world, learner, lessons=1)
    request = AsyncRequestFactory().get(_url("cohort_statements", world.cohort.pk))
    request.user = world.facilitator
    response = cohort_views.cohort_statements(request, cohort_id=world.cohort.pk)
    assert response.is_async

    async def read():
        return b"".join([chunk async for chunk in response.streaming_content])

    data = json.loads(async_to_sync(read)())
    assert len(data["statements"]) == LearningStatement.objects.filter(user=learner).count()


def test_under_asgi_the_csv_streams_from_an_async_iterator(world):
    from asgiref.sync import async_to_sync
    from django.test import AsyncRequestFactory

    from courses import cohort_views

    progress(world, join(world, display_name="Ana"), lessons=3, score=100)
    request = AsyncRequestFactory().get(_url("cohort_csv", world.cohort.pk))
    request.user = world.facilitator
    response = cohort_views.cohort_csv(request, cohort_id=world.cohort.pk)
    assert response.is_async

    async def read():
        return b"".join([chunk async for chunk in response.streaming_content])

    header, ana = csv.reader(io.StringIO(async_to_sync(read)().decode("utf-8-sig")))
    assert ana[0] == "Ana" and ana[header.index("Best score (%): Actors quiz")] == "100"
