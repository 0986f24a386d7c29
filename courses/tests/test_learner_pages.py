"""What a learner sees around the lessons: the catalogue, a course's page (syllabus, outline,
progress, enroll / leave / enroll again), the dashboard, their learning record, and a course
followed in two languages as one record."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from courses import services
from courses.models import CoursePage, Enrollment, LearningStatement, LessonProgress
from courses.tests.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
)
from knowledge.tests.factories import translate
from people.tests.factories import TrainingInstituteFactory, UserFactory

pytestmark = pytest.mark.django_db


def build_course(*, modules=1, lessons=2, **fields):
    """A live course with ``modules`` modules of ``lessons`` lessons each:
    ``(course, [(module, [lesson, ...]), ...])``."""
    course = CoursePageFactory(**fields)
    structure = []
    for _ in range(modules):
        module = ModulePageFactory(parent=course)
        structure.append((module, [LessonPageFactory(parent=module) for _ in range(lessons)]))
    return CoursePage.objects.get(pk=course.pk), structure


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(node):
    return " ".join(node.get_text(" ", strip=True).split()) if node else ""


def messages_of(html):
    return [text(p) for p in html.select(".messages .message")]


def progress_value(html, scope=""):
    return text(html.select_one(f"{scope} .progress .progress-value"))


@pytest.fixture
def course():
    return build_course(
        title="Leading a landscape partnership",
        level="introductory",
        estimated_hours=6,
        modules=2,
        lessons=2,
    )


# --- The catalogue ---------------------------------------------------------------------------


def test_the_catalogue_lists_courses_with_their_facts_and_your_progress(client, learner, course):
    page, structure = course
    other, _ = build_course(title="Financing landscapes", enrollment="invitation")
    response = client.get(reverse("courses:index"))
    html = soup(response)
    cards = {text(card.h2): card for card in html.select(".course-card")}
    assert set(cards) == {"Leading a landscape partnership", "Financing landscapes"}
    leading = cards["Leading a landscape partnership"]
    assert "How partnerships agree a shared vision" in text(leading)
    assert "Introductory" in text(leading) and "6 hours" in text(leading)
    assert "English" in text(leading)
    assert leading.select_one(".progress") is None  # nothing personal for a visitor
    assert "By invitation" in text(cards["Financing landscapes"])

    services.enrollment_create(user=learner, course=page)
    services.lesson_open(user=learner, lesson=structure[0][1][0])
    services.lesson_complete(user=learner, lesson=structure[0][1][0])
    client.force_login(learner)
    html = soup(client.get(reverse("courses:index")))
    leading = next(c for c in html.select(".course-card") if "Leading" in text(c.h2))
    assert progress_value(leading) == "25%"
    assert html.find("a", href=reverse("courses:dashboard"))


def test_the_catalogue_takes_the_same_queries_for_one_course_as_for_five(
    client, learner, django_assert_max_num_queries
):
    client.force_login(learner)
    first, _ = build_course()
    services.enrollment_create(user=learner, course=first)
    url = reverse("courses:index")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    one = len(queries)
    for _ in range(4):
        services.enrollment_create(user=learner, course=build_course()[0])
    client.get(url)
    with django_assert_max_num_queries(one):
        html = soup(client.get(url))
    assert len(html.select(".course-card")) == 5


# --- A course's page -------------------------------------------------------------------------


def test_a_visitor_reads_the_syllabus_and_is_asked_to_sign_in(client, course):
    page, structure = course
    preview = LessonPageFactory(parent=structure[1][0], title="A taste of it", preview=True)
    html = soup(client.get(page.url))
    assert text(html.h1) == "Leading a landscape partnership"
    modules = html.select(".outline-module")
    assert [text(m.h3) for m in modules] == [m.title for m, _ in structure]
    lessons = [text(li) for li in modules[0].select(".outline-lesson")]
    assert lessons[0].startswith(structure[0][1][0].title)
    # Lessons are listed, but only the open preview links anywhere for a visitor.
    links = [a["href"] for a in html.select(".outline-lesson a")]
    assert links == [preview.url]
    sign_in = html.find("a", string="Sign in to enroll")
    assert sign_in["href"].startswith(reverse("account_login"))
    assert f"next={page.url}" in sign_in["href"].replace("%2F", "/")
    assert not html.select(".status-badge")
    assert "Convene the actors of a landscape" in text(html.select_one(".outcomes"))
    facts = text(html.select_one(".facts"))
    assert "2 modules, 5 lessons" in facts and "CC BY 4.0" in facts


def test_enroll_leave_and_enroll_again_through_the_forms_keeps_the_progress(
    client, learner, course
):
    page, structure = course
    first = structure[0][1][0]
    client.force_login(learner)
    html = soup(client.get(page.url))
    assert html.select_one(f"form[action='{reverse('courses:enroll', args=[page.pk])}']")

    response = client.post(reverse("courses:enroll", args=[page.pk]), follow=True)
    html = soup(response)
    assert messages_of(html) == ["You are enrolled in “Leading a landscape partnership”."]
    start = html.find("a", class_="button", href=first.url)
    assert start and "Start the course" in text(start)
    assert progress_value(html, "#enrollment") == "0%"

    client.post(reverse("courses:lesson_complete", args=[first.pk]))
    html = soup(client.get(page.url))
    assert progress_value(html, "#enrollment") == "25%"
    status = html.select(".outline-lesson .status-badge")
    assert [text(s) for s in status][:2] == ["✓ Completed", "○ Not started"]
    # Where to continue: the next lesson after the one completed.
    assert "Continue" in text(html.find("a", class_="button", href=structure[0][1][1].url))

    html = soup(client.post(reverse("courses:leave", args=[page.pk]), follow=True))
    assert "You have left “Leading a landscape partnership”" in messages_of(html)[0]
    assert "Your progress is kept" in text(html.select_one("#enrollment"))
    assert progress_value(html, "#enrollment") == "25%"
    assert text(html.select_one("#enrollment button")) == "Enroll again"
    assert Enrollment.objects.get(user=learner).status == Enrollment.Status.LEFT

    html = soup(client.post(reverse("courses:enroll", args=[page.pk]), follow=True))
    assert messages_of(html) == [
        "Welcome back to “Leading a landscape partnership”: your progress is as you left it."
    ]
    assert progress_value(html, "#enrollment") == "25%"
    assert Enrollment.objects.filter(user=learner).count() == 1


def test_enroll_and_leave_answer_json_to_fetch(client, learner, course):
    page, structure = course
    client.force_login(learner)
    response = client.post(
        reverse("courses:enroll", args=[page.pk]), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] and data["enrolled"] and data["percent"] == 0
    assert data["continue_url"] == structure[0][1][0].url
    response = client.post(reverse("courses:leave", args=[page.pk]), HTTP_ACCEPT="application/json")
    assert response.json()["enrolled"] is False
    # Leaving twice: the service refuses, the view says why.
    response = client.post(reverse("courses:leave", args=[page.pk]), HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    assert response.json() == {"ok": False, "error": "Enroll in the course to do this."}


def test_a_visitor_who_enrolls_is_sent_to_sign_in(client, course):
    page, _ = course
    response = client.post(reverse("courses:enroll", args=[page.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    response = client.post(
        reverse("courses:enroll", args=[page.pk]), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 401
    assert response.json()["login_url"].startswith(reverse("account_login"))
    assert client.get(reverse("courses:enroll", args=[page.pk])).status_code == 405


def test_invitation_only_courses_cannot_be_joined_from_their_page(client, learner):
    page, _ = build_course(enrollment="invitation")
    client.force_login(learner)
    html = soup(client.get(page.url))
    assert not html.select("#enrollment form")
    assert "invited by a training institute" in text(html.select_one("#enrollment"))
    html = soup(client.post(reverse("courses:enroll", args=[page.pk]), follow=True))
    assert messages_of(html) == ["This course is open to invited learners only."]
    assert not Enrollment.objects.exists()


def test_missing_prerequisites_are_named_until_completed(client, learner):
    basics, basics_structure = build_course(title="Basics", lessons=1)
    advanced = CoursePageFactory(title="Advanced")
    advanced.prerequisites.set([basics])
    advanced.save_revision().publish()
    client.force_login(learner)
    html = soup(client.get(advanced.url))
    assert not html.select("#enrollment form")
    notice = html.select_one("#enrollment .notice")
    assert "Complete these courses first" in text(notice)
    assert notice.find("a", href=basics.url)
    assert "Not completed yet" in text(html.select_one(".prerequisites"))

    services.enrollment_create(user=learner, course=basics)
    services.lesson_complete(user=learner, lesson=basics_structure[0][1][0])
    html = soup(client.get(advanced.url))
    assert html.select_one("#enrollment form button").get_text(strip=True) == "Enroll"
    assert "✓ Completed" in text(html.select_one(".prerequisites"))


def test_a_completed_course_offers_its_certificate(client, learner):
    institute = TrainingInstituteFactory(name="Kenya Forestry Institute")
    page, structure = build_course(lessons=1, institute=institute)
    services.enrollment_create(user=learner, course=page)
    services.lesson_complete(user=learner, lesson=structure[0][1][0])
    certificate = Enrollment.objects.get(user=learner).certificate
    client.force_login(learner)
    html = soup(client.get(page.url))
    panel = html.select_one("#enrollment")
    assert progress_value(html, "#enrollment") == "100%"
    assert "You completed this course on" in text(panel)
    assert panel.find("a", href=reverse("courses:certificate_pdf", args=[certificate.code]))
    assert panel.find("a", href=reverse("courses:certificate_verify", args=[certificate.code]))
    assert "Kenya Forestry Institute" in text(html.select_one(".facts"))


def test_locked_modules_are_marked_in_the_outline(client, learner):
    page, structure = build_course(modules=2, lessons=1, modules_in_order=True)
    services.enrollment_create(user=learner, course=page)
    client.force_login(learner)
    html = soup(client.get(page.url))
    first, second = html.select(".outline-module")
    assert "Locked" not in text(first)
    assert "🔒 Locked" in text(second.h3)
    assert "Complete the previous module to open this one." in text(second)
    assert not second.select(".outline-lesson a")  # nothing to click
    assert first.select_one(".outline-lesson a")["href"] == structure[0][1][0].url


def test_the_outline_takes_the_same_queries_whatever_the_size_of_the_course(
    client, learner, django_assert_max_num_queries
):
    client.force_login(learner)
    small, small_structure = build_course(modules=1, lessons=1, modules_in_order=True)
    large, large_structure = build_course(modules=3, lessons=4, modules_in_order=True)
    for page, structure in ((small, small_structure), (large, large_structure)):
        services.enrollment_create(user=learner, course=page)
        services.lesson_complete(user=learner, lesson=structure[0][1][0])
    client.get(small.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(small.url)
    one = len(queries)
    client.get(large.url)
    with django_assert_max_num_queries(one):
        html = soup(client.get(large.url))
    assert len(html.select(".outline-lesson")) == 12


# --- The dashboard ---------------------------------------------------------------------------


def test_the_dashboard_needs_a_signed_in_learner(client):
    response = client.get(reverse("courses:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_facilitators_find_their_cohorts_from_the_dashboard(client, learner):
    from courses.tests.factories import CohortFactory
    from people.tests.factories import InstituteStaffFactory

    cohort = CohortFactory()
    facilitator = InstituteStaffFactory(institute=cohort.institute).user
    cohort.facilitators.add(facilitator)
    link = "The cohorts you run or facilitate"
    client.force_login(learner)
    assert link not in client.get(reverse("courses:dashboard")).content.decode()
    client.force_login(facilitator)
    html = soup(client.get(reverse("courses:dashboard")))
    assert html.find("a", string=link)["href"] == reverse("courses:my_cohorts")


def test_the_dashboard_shows_courses_in_progress_completed_and_left(client, learner):
    going, going_structure = build_course(title="Going on", modules=2, lessons=2)
    done, done_structure = build_course(title="Done", lessons=1)
    gone, gone_structure = build_course(title="Gone", lessons=2)
    for page in (going, done, gone):
        services.enrollment_create(user=learner, course=page)
    (m1, (l1, l2)), (m2, (l3, l4)) = going_structure
    services.lesson_complete(user=learner, lesson=l1)
    services.lesson_complete(user=learner, lesson=l3)
    services.lesson_open(user=learner, lesson=l3)  # where they left off: completed
    services.lesson_complete(user=learner, lesson=done_structure[0][1][0])
    services.lesson_complete(user=learner, lesson=gone_structure[0][1][0])
    services.enrollment_leave(user=learner, course=gone)

    client.force_login(learner)
    response = client.get(reverse("courses:dashboard"))
    assert "no-store" in response["Cache-Control"]
    html = soup(response)
    in_progress = html.find("section", attrs={"aria-labelledby": "in-progress-title"})
    card = in_progress.select_one(".course-card")
    assert text(card.h3) == "Going on"
    assert progress_value(card) == "50%"
    # The lesson after the one left off that is not done yet.
    assert card.find("a", class_="button")["href"] == l4.url
    assert f"Next: {l4.title}" in text(card)

    completed = html.find("section", attrs={"aria-labelledby": "completed-title"})
    certificate = Enrollment.objects.get(user=learner, course_key=done.translation_key).certificate
    assert text(completed.h3) == "Done"
    assert completed.find("a", href=reverse("courses:certificate_pdf", args=[certificate.code]))
    assert certificate.code in text(completed)

    left = html.find("section", attrs={"aria-labelledby": "left-title"})
    assert text(left.h3) == "Gone"
    assert progress_value(left) == "50%"
    form = left.find("form")
    assert form["action"] == reverse("courses:enroll", args=[gone.pk])
    # Enrolling again from the dashboard comes back to it.
    response = client.post(
        form["action"], {"next": form.find("input", attrs={"name": "next"})["value"]}
    )
    assert response.url == reverse("courses:dashboard")
    assert html.find("a", href=reverse("courses:my_record"))


def test_continue_never_points_into_a_locked_module(client, learner):
    page, structure = build_course(modules=2, lessons=2, modules_in_order=True)
    services.enrollment_create(user=learner, course=page)
    (m1, (l1, l2)), (m2, (l3, l4)) = structure
    services.lesson_complete(user=learner, lesson=l1)
    client.force_login(learner)
    html = soup(client.get(reverse("courses:dashboard")))
    assert html.select_one(".course-card a.button")["href"] == l2.url
    services.lesson_complete(user=learner, lesson=l2)
    html = soup(client.get(reverse("courses:dashboard")))
    assert html.select_one(".course-card a.button")["href"] == l3.url


def test_the_dashboard_takes_the_same_queries_for_one_course_as_for_five(
    client, learner, django_assert_max_num_queries
):
    def enroll_in_a_course(complete=False):
        page, structure = build_course(modules=2, lessons=2, modules_in_order=True)
        services.enrollment_create(user=learner, course=page)
        services.lesson_complete(user=learner, lesson=structure[0][1][0])
        if complete:
            for _module, lessons in structure:
                for lesson in lessons:
                    services.lesson_complete(user=learner, lesson=lesson)
        return page

    client.force_login(learner)
    enroll_in_a_course()
    url = reverse("courses:dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    one = len(queries)
    enroll_in_a_course()
    enroll_in_a_course(complete=True)
    services.enrollment_leave(user=learner, course=enroll_in_a_course())
    enroll_in_a_course()
    client.get(url)
    with django_assert_max_num_queries(one):
        html = soup(client.get(url))
    assert len(html.select(".course-card")) == 5
    assert one <= 16


# --- The learning record ---------------------------------------------------------------------


def test_my_record_is_my_statements_as_a_json_download(client, learner, course):
    page, structure = course
    services.enrollment_create(user=learner, course=page)
    services.lesson_open(user=learner, lesson=structure[0][1][0])
    services.lesson_complete(user=learner, lesson=structure[0][1][0])
    someone_else = UserFactory()
    services.enrollment_create(user=someone_else, course=page)

    client.force_login(learner)
    response = client.get(reverse("courses:my_record"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="learning-record.json"'
    data = json.loads(response.content)
    assert list(data) == ["statements"]
    statements = data["statements"]
    assert [s["verb"]["display"]["en-US"] for s in statements] == [
        "registered",
        "launched",
        "completed",
    ]
    assert {s["actor"]["account"]["name"] for s in statements} == {str(learner.pk)}
    assert [s["timestamp"] for s in statements] == sorted(s["timestamp"] for s in statements)
    assert statements[2]["object"]["definition"]["type"].endswith("/lesson")
    assert len(statements) == LearningStatement.objects.filter(user=learner).count()


def test_my_record_needs_a_signed_in_learner(client):
    response = client.get(reverse("courses:my_record"))
    assert response.status_code == 302


# --- One course in two languages -------------------------------------------------------------


def test_progress_made_in_french_shows_in_english(client, learner):
    page, structure = build_course(title="Leading a landscape partnership", lessons=1)
    module, (lesson,) = structure[0]
    french_course = translate(page, "fr", title="Piloter un partenariat de paysage")
    french_module = translate(module, "fr", title="Les acteurs")
    french_lesson = translate(lesson, "fr", title="Cartographier les acteurs")
    client.force_login(learner)

    client.post(reverse("courses:enroll", args=[page.pk]))
    assert french_lesson.url.startswith("/fr/")
    with translation.override("fr"):
        complete_url = reverse("courses:lesson_complete", args=[french_lesson.pk])
    assert client.get(french_lesson.url).status_code == 200
    response = client.post(complete_url, HTTP_ACCEPT="application/json")
    assert response.json()["course_percent"] == 100
    progress = LessonProgress.objects.get(user=learner)
    assert progress.lesson_key == lesson.translation_key and progress.is_completed

    html = soup(client.get(page.url))
    assert progress_value(html, "#enrollment") == "100%"
    assert "✓ Completed" in text(html.select_one(".outline-lesson"))
    languages = html.find("dt", string="Languages").find_next("dd").get_text()
    assert languages == "English, Français"
    assert html.select_one(".lang-switch a[hreflang=fr]")["href"] == french_course.url

    # The dashboard names the course in the reader's language.
    english = soup(client.get(reverse("courses:dashboard")))
    assert text(english.select_one("#completed-title ~ ul h3")) == page.title
    with translation.override("fr"):
        dashboard_fr = reverse("courses:dashboard")
    french = soup(client.get(dashboard_fr))
    card = french.select_one("#completed-title ~ ul h3 a")
    assert text(card) == "Piloter un partenariat de paysage"
    assert card["href"] == french_course.url
    assert french_module.live
