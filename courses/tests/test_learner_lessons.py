"""A lesson page as a learner meets it: who may open it, what it records, marking it done
through the form and with fetch(), the heartbeat, and the blocks it is made of."""

import datetime
import uuid

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from courses import services
from courses.models import Enrollment, LearningStatement, LessonProgress
from courses.tests.factories import LessonPageFactory, choice_question, quiz
from courses.tests.test_learner_pages import build_course, messages_of, soup, text
from knowledge.tests.factories import (
    CaseStudyPageFactory,
    CurriculumModulePageFactory,
    CurriculumPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return build_course(title="Leading a landscape partnership", modules=2, lessons=2)


@pytest.fixture
def enrolled(client, learner, course):
    services.enrollment_create(user=learner, course=course[0])
    client.force_login(learner)
    return learner


def text_block(html):
    return {"type": "text", "value": html, "id": str(uuid.uuid4())}


def lessons_of(course):
    return [lesson for _module, lessons in course[1] for lesson in lessons]


# --- Who may open a lesson -------------------------------------------------------------------


def test_a_visitor_is_sent_to_sign_in(client, course):
    lesson = lessons_of(course)[0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={lesson.url}"


def test_a_learner_not_enrolled_is_sent_to_the_course(client, learner, course):
    client.force_login(learner)
    response = client.get(lessons_of(course)[0].url, follow=True)
    assert response.redirect_chain == [(course[0].url, 302)]
    assert messages_of(soup(response)) == [
        "Enroll in “Leading a landscape partnership” to open its lessons."
    ]
    assert not LessonProgress.objects.exists()


def test_a_learner_who_left_is_sent_to_the_course(client, enrolled, course):
    services.enrollment_leave(user=enrolled, course=course[0])
    response = client.get(lessons_of(course)[0].url)
    assert response.status_code == 302 and response.url == course[0].url


def test_an_open_preview_is_read_by_anyone_without_tracking(client, learner, course):
    module = course[1][0][0]
    preview = LessonPageFactory(
        parent=module,
        preview=True,
        body=[text_block("<p>Read me first.</p>"), quiz(choice_question("Who?", ["A", "B"], 0))],
    )
    for signed_in in (False, True):
        if signed_in:
            client.force_login(learner)
        html = soup(client.get(preview.url))
        assert "Read me first." in text(html.select_one(".lesson"))
        assert "This lesson is an open preview." in text(html.select_one(".lesson header"))
        # The questions are there to read, not to answer.
        assert html.select_one(".quiz fieldset[disabled]")
        assert not html.select(".quiz button[type=submit]")
        assert "Enroll in the course to answer this quiz." in text(html.select_one(".quiz"))
        assert not html.select("[data-progress-url]")
        assert not html.select("script[src$='lesson.js']")
    assert not LessonProgress.objects.exists()
    assert not LearningStatement.objects.exists()


def test_a_locked_module_sends_the_learner_back_to_the_course(client, learner):
    page, structure = build_course(modules=2, lessons=1, modules_in_order=True)
    services.enrollment_create(user=learner, course=page)
    client.force_login(learner)
    second = structure[1][1][0]
    response = client.get(second.url, follow=True)
    assert response.redirect_chain == [(page.url, 302)]
    assert messages_of(soup(response)) == ["Complete the previous module first."]
    services.lesson_complete(user=learner, lesson=structure[0][1][0])
    assert client.get(second.url).status_code == 200


# --- Reading a lesson ------------------------------------------------------------------------


def test_opening_a_lesson_records_it_and_is_never_cached(client, enrolled, course):
    first, second, third, fourth = lessons_of(course)
    response = client.get(second.url)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    html = soup(response)
    progress = LessonProgress.objects.get(user=enrolled)
    assert progress.lesson_key == second.translation_key
    assert progress.status == LessonProgress.Status.IN_PROGRESS
    breadcrumb = html.select_one(".breadcrumb")
    assert [a["href"] for a in breadcrumb.select("a")] == [
        course[0].url,
        f"{course[0].url}#module-{course[1][0][0].pk}",
    ]
    assert "Lesson 2 of 4" in text(html.select_one(".lesson header"))
    assert html.find("a", rel="prev")["href"] == first.url
    assert html.find("a", rel="next")["href"] == third.url  # across the module's end
    assert text(html.select_one("[data-lesson-status]")) == "◐ In progress"
    nav = html.select_one(".lesson-nav")
    assert nav.select_one("[aria-current=page]").get_text(strip=True) == second.title
    assert html.select_one("#lesson")["data-progress-url"] == reverse(
        "courses:lesson_progress", args=[second.pk]
    )
    assert html.select_one("script[src$='js/lesson.js'][defer]")
    assert not html.select("script:not([src])")  # no inline script


def test_mark_as_done_through_the_form(client, enrolled, course):
    first, second, *_ = lessons_of(course)
    client.get(first.url)
    form = soup(client.get(first.url)).select_one("form[data-async=complete]")
    assert form["action"] == reverse("courses:lesson_complete", args=[first.pk])
    response = client.post(form["action"], follow=True)
    assert response.redirect_chain == [(first.url, 302)]
    html = soup(response)
    assert messages_of(html) == [f"Lesson completed. Next: “{second.title}”."]
    assert text(html.select_one("[data-lesson-status]")) == "✓ Completed"
    assert not html.select("form[data-async=complete]")
    values = [text(p.select_one(".progress-value")) for p in html.select("[data-progress]")]
    assert values == ["50%", "25%"]  # the module, the course
    assert LessonProgress.objects.get(user=enrolled).is_completed


def test_mark_as_done_answers_json_to_fetch(client, enrolled, course):
    first, second, *_ = lessons_of(course)
    response = client.post(
        reverse("courses:lesson_complete", args=[first.pk]), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data == {
        "ok": True,
        "message": f"Lesson completed. Next: “{second.title}”.",
        "lesson_completed": True,
        "status": "completed",
        "status_label": "Completed",
        "module_percent": 50,
        "module_completed": 1,
        "module_required": 2,
        "course_percent": 25,
        "course_completed": False,
        "certificate_url": None,
        "next_url": second.url,
    }


def test_the_last_lesson_completes_the_course_and_links_the_certificate(client, learner):
    page, structure = build_course(lessons=1)
    services.enrollment_create(user=learner, course=page)
    client.force_login(learner)
    lesson = structure[0][1][0]
    data = client.post(
        reverse("courses:lesson_complete", args=[lesson.pk]), HTTP_ACCEPT="application/json"
    ).json()
    code = Enrollment.objects.get(user=learner).certificate.code
    assert data["course_completed"] and data["course_percent"] == 100
    assert data["certificate_url"] == reverse("courses:certificate_verify", args=[code])
    html = soup(client.get(lesson.url))
    assert not html.select_one("[data-certificate]").has_attr("hidden")


def test_a_lesson_with_a_required_quiz_is_completed_by_passing_it(client, enrolled, course):
    lesson = LessonPageFactory(
        parent=course[1][0][0], body=[quiz(choice_question("Who?", ["A", "B"], 0))]
    )
    html = soup(client.get(lesson.url))
    assert not html.select("form[data-async=complete]")
    assert text(html.select_one("[data-quiz-gate]")) == "Pass the quiz to complete this lesson."
    html = soup(client.post(reverse("courses:lesson_complete", args=[lesson.pk]), follow=True))
    assert messages_of(html) == [
        "Pass the quiz “Check your understanding” to complete this lesson."
    ]
    response = client.post(
        reverse("courses:lesson_complete", args=[lesson.pk]), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith("Pass the quiz")


def test_actions_need_a_signed_in_enrolled_learner(client, learner, course):
    lesson = lessons_of(course)[0]
    url = reverse("courses:lesson_complete", args=[lesson.pk])
    assert client.post(url).url.startswith(reverse("account_login"))
    assert client.post(url, HTTP_ACCEPT="application/json").status_code == 401
    client.force_login(learner)
    response = client.post(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    assert response.json()["error"] == "Enroll in the course to do this."
    assert client.get(url).status_code == 405


# --- The heartbeat ---------------------------------------------------------------------------


def test_the_heartbeat_saves_time_and_position(client, enrolled, course):
    lesson = lessons_of(course)[0]
    # Opened ten minutes ago: a heartbeat never counts more than the time since the last one.
    services.lesson_open(
        user=enrolled, lesson=lesson, now=timezone.now() - datetime.timedelta(minutes=10)
    )
    url = reverse("courses:lesson_progress", args=[lesson.pk])
    # As navigator.sendBeacon sends it: a form, answered with JSON.
    response = client.post(url, {"seconds": "30", "position": "block-1"})
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "seconds_spent": 30,
        "position": "block-1",
        "status": "in_progress",
    }
    # As fetch() may send it: JSON.
    response = client.post(
        url,
        {"seconds": 500, "position": "block-2"},
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    # Sent at once after the last one: it counts the seconds since then (and a little more),
    # not the 500 it claims.
    spent = response.json()["seconds_spent"]
    assert 30 <= spent < 40
    progress = LessonProgress.objects.get(user=enrolled)
    assert (progress.seconds_spent, progress.position) == (spent, "block-2")
    assert Enrollment.objects.get(user=enrolled).seconds_spent == spent
    # A plain form from a browser goes back to the lesson.
    response = client.post(url, {"seconds": "5"}, HTTP_ACCEPT="text/html")
    assert response.status_code == 302 and response.url == lesson.url


def test_the_heartbeat_refuses_nonsense_and_strangers(client, learner, course):
    lesson = lessons_of(course)[0]
    url = reverse("courses:lesson_progress", args=[lesson.pk])
    assert client.post(url, {"seconds": "5"}).status_code == 401
    client.force_login(learner)
    assert client.post(url, {"seconds": "5"}).status_code == 403
    services.enrollment_create(user=learner, course=course[0])
    response = client.post(url, {"seconds": "lots"})
    assert response.status_code == 400
    assert response.json()["error"] == "Time spent must be a whole number of seconds."
    response = client.post(url, "not json", content_type="application/json")
    assert response.status_code == 400


def test_the_lesson_offers_to_continue_where_the_learner_was(client, enrolled, course):
    lesson = LessonPageFactory(
        parent=course[1][0][0], body=[("text", "<p>One.</p>"), ("text", "<p>Two.</p>")]
    )
    second_block = lesson.body[1].id
    client.get(lesson.url)
    client.post(reverse("courses:lesson_progress", args=[lesson.pk]), {"position": second_block})
    html = soup(client.get(lesson.url))
    link = html.find("a", string="Continue where you left off")
    assert link["href"] == f"#block-{second_block}"
    assert html.select_one(f"#block-{second_block}")["data-block-id"] == second_block


# --- The blocks of a lesson ------------------------------------------------------------------


def test_the_blocks_of_a_lesson(client, enrolled, course):
    video = get_document_model().objects.create(
        title="Walk", file=ContentFile(b"\x00" * 2048, name="walk.mp4")
    )
    case_study = CaseStudyPageFactory(title="Kijabe springs", summary="The springs came back.")
    curriculum = CurriculumPageFactory()
    material = CurriculumModulePageFactory(parent=curriculum, title="Stakeholders")
    lesson = LessonPageFactory(
        parent=course[1][0][0],
        body=[
            (
                "video",
                {
                    "title": "A walk in the landscape",
                    "file": video,
                    "embed": None,
                    "transcript": "<p>We walk up the hill.</p>",
                },
            ),
            (
                "callout",
                {"kind": "tip", "title": "Before you start", "text": "<p>Bring boots.</p>"},
            ),
            ("case_study", {"case_study": case_study, "note": "Water first"}),
            (
                "curriculum_material",
                {"module": material, "show_sessions": True, "show_handouts": True},
            ),
        ],
    )
    html = soup(client.get(lesson.url))
    player = html.select_one("figure.video video")
    assert player.has_attr("controls") and player["preload"] == "none"
    assert player["src"] == video.url
    transcript = html.select_one("figure.video details.transcript")
    assert transcript.has_attr("open") and "We walk up the hill." in text(transcript)
    assert "(MP4)" in text(html.select_one("figure.video .meta"))
    callout = html.select_one(".callout.callout-tip")
    assert text(callout.select_one(".callout-title")) == "Tip: Before you start"
    card = html.select_one(".example")
    assert card.find("a", href=case_study.url, string="Kijabe springs")
    assert "The springs came back." in text(card) and "Water first" in text(card)
    sessions = html.select_one(".curriculum-material")
    assert sessions.find("a", href=material.url)
    assert "Agenda of “Stakeholder mapping”" in text(sessions)
    assert "Draw the map" in text(sessions)
