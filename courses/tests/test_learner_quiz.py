"""Quizzes as a learner takes them: the answers never in the page before submitting, graded
through the plain form and through fetch(), feedback shown after, answers kept when an
attempt is refused."""

import uuid

import pytest
from django.urls import reverse

from courses import services
from courses.models import LessonProgress, QuizAttempt
from courses.tests.factories import (
    LessonPageFactory,
    choice_question,
    quiz,
    short_text,
    true_false,
)
from courses.tests.test_learner_pages import build_course, messages_of, soup, text

pytestmark = pytest.mark.django_db

SECRETS = [
    "Feedback for Farmers",  # feedback of each choice
    "Feedback for The district",
    "Feedback for Rivers",
    "Feedback for Forests",
    "Feedback for Roads",
    "Everyone who lives from the land",  # an explanation
    "Kijabe",  # the short answer accepted
    "Right.",  # feedback of a right answer
    "Not quite.",  # and of a wrong one
]


@pytest.fixture
def lesson_and_quiz(client, learner):
    page, structure = build_course(title="Leading a landscape partnership", lessons=0)
    module = structure[0][0]
    block = quiz(
        choice_question(
            "Who holds a stake?",
            ["Farmers", "The district"],
            0,
            explanation="Everyone who lives from the land",
        ),
        choice_question("What needs care?", ["Rivers", "Forests", "Roads"], [0, 1], multiple=True),
        true_false("A landscape has one owner.", False),
        short_text("Name the springs.", ["Kijabe"]),
        title="Who is in the landscape",
        pass_mark=75,
        max_attempts=2,
    )
    lesson = LessonPageFactory(parent=module, title="Mapping the actors", body=[block])
    services.enrollment_create(user=learner, course=page)
    client.force_login(learner)
    questions = [question["id"] for question in block["value"]["questions"]]
    return lesson, block["id"], questions


def answers(questions, *, right=True):
    single, multiple, statement, springs = questions
    if right:
        return {single: "0", multiple: ["0", "1"], statement: "false", springs: " kijabe "}
    return {single: "1", multiple: ["2"], statement: "true", springs: "Nairobi"}


def quiz_url(lesson, quiz_id):
    return reverse("courses:quiz_submit", args=[lesson.pk, quiz_id])


# --- Nothing leaks before submitting ---------------------------------------------------------


def test_the_answers_are_not_in_the_lesson_page_nor_in_the_api(client, lesson_and_quiz):
    lesson, quiz_id, questions = lesson_and_quiz
    html = client.get(lesson.url).content.decode()
    assert "Who holds a stake?" in html and "Forests" in html  # the questions are there
    for secret in SECRETS:
        assert secret not in html, secret
    assert "correct" not in html.lower()
    page = soup(client.get(lesson.url))
    form = page.select_one(f"#quiz-{quiz_id} form")
    assert form["action"] == quiz_url(lesson, quiz_id)
    legends = [text(legend) for legend in form.select("fieldset.question > legend")]
    assert legends == [
        "1. Who holds a stake?",
        "2. What needs care?",
        "3. A landscape has one owner.",
        "4. Name the springs.",
    ]
    single, multiple, statement, springs = questions
    assert {i["value"] for i in form.select(f"input[type=radio][name='{single}']")} == {"0", "1"}
    assert len(form.select(f"input[type=checkbox][name='{multiple}']")) == 3
    assert {i["value"] for i in form.select(f"input[name='{statement}']")} == {"true", "false"}
    assert form.select_one(f"input[type=text][name='{springs}']")["value"] == ""
    # Each answer has its label.
    for field in form.select("input[type=radio], input[type=checkbox], input[type=text]"):
        assert form.select_one(f"label[for='{field['id']}']")

    client.logout()
    for address in (
        f"/api/v2/pages/{lesson.pk}/",
        "/api/v2/pages/?type=courses.LessonPage&fields=*",
    ):
        response = client.get(address)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Mapping the actors" in body
        assert '"body"' not in body and "Who holds a stake?" not in body
        for secret in SECRETS:
            assert secret not in body, secret


def test_the_quiz_template_shows_nothing_of_a_raw_quiz_block(lesson_and_quiz):
    """Rendered the usual Wagtail way (``{% include_block %}``, a block preview), the quiz's
    template gets the block's value, which it never reads: nothing to leak."""
    lesson, _quiz_id, _questions = lesson_and_quiz
    html = lesson.body[0].render()
    assert "Who holds a stake?" not in html and "Farmers" not in html
    for secret in SECRETS:
        assert secret not in html


# --- Through the plain form ------------------------------------------------------------------


def test_a_failed_then_passed_quiz_through_the_form(client, learner, lesson_and_quiz):
    lesson, quiz_id, questions = lesson_and_quiz
    single, multiple, statement, springs = questions
    response = client.post(quiz_url(lesson, quiz_id), answers(questions, right=False))
    assert response.status_code == 302
    assert response.url == f"{lesson.url}?attempt=1&quiz={quiz_id}#quiz-{quiz_id}"
    html = soup(client.get(response.url))
    assert messages_of(html) == [
        "You scored 0% (0 of 4 right). The pass mark is 75%. You have 1 attempt left."
    ]
    section = html.select_one(f"#quiz-{quiz_id}")
    assert "Attempt 1: 0%, not passed" in text(section.select_one(".quiz-result h3"))
    review = section.select(".quiz-review li")
    assert [item["class"] for item in review] == [["answer-wrong"]] * 4
    assert "Your answer: The district" in text(review[0])
    assert "✗ Not right" in text(review[0])
    assert "Feedback for The district" in text(review[0])
    assert "Everyone who lives from the land" in text(review[0])
    assert "Your answer: Roads" in text(review[1])
    assert "Your answer: True" in text(review[2]) and "Not quite." in text(review[2])
    assert "Your answer: Nairobi" in text(review[3])
    # The right answers are not given away: only what the learner chose is named.
    assert "Farmers" not in text(section.select_one(".quiz-review"))
    assert "1 of 2 attempts used" in text(section)
    assert section.select_one("details.retry[open] form")
    assert text(html.select_one("[data-lesson-status]")) == "◐ In progress"

    response = client.post(quiz_url(lesson, quiz_id), answers(questions), follow=True)
    html = soup(response)
    assert messages_of(html) == [
        "You scored 100% (4 of 4 right). You passed this quiz. "
        "Lesson completed. You have completed the course: your certificate is ready."
    ]
    section = html.select_one(f"#quiz-{quiz_id}")
    assert "Attempt 2: 100%, passed" in text(section.select_one(".quiz-result h3"))
    assert [item["class"] for item in section.select(".quiz-review li")] == [["answer-right"]] * 4
    assert "Right." in text(section.select(".quiz-review li")[2])
    assert "Your answer: kijabe" in text(section.select(".quiz-review li")[3])
    # Passed, with no attempt left: no form, nothing to do.
    assert not section.select("form")
    assert text(html.select_one("[data-lesson-status]")) == "✓ Completed"
    assert not html.select("[data-quiz-gate]")
    assert LessonProgress.objects.get(user=learner).is_completed
    assert list(QuizAttempt.objects.values_list("number", "score", "passed")) == [
        (1, 0, False),
        (2, 100, True),
    ]
    # An earlier attempt can still be looked at.
    html = soup(client.get(f"{lesson.url}?attempt=1&quiz={quiz_id}"))
    assert "Attempt 1: 0%, not passed" in text(html.select_one(".quiz-result h3"))
    assert "You passed this quiz in an earlier attempt." in text(html.select_one(".quiz-result"))


def test_a_passed_quiz_may_be_taken_again_while_attempts_are_left(client, lesson_and_quiz):
    lesson, quiz_id, questions = lesson_and_quiz
    client.post(quiz_url(lesson, quiz_id), answers(questions))
    html = soup(client.get(lesson.url))
    retry = html.select_one(f"#quiz-{quiz_id} details.retry")
    assert retry is not None and not retry.has_attr("open")
    assert text(retry.summary) == "Try again"
    # The form is empty again: a new attempt.
    assert not retry.select("input[checked]")


def test_answers_are_kept_when_an_attempt_is_refused(client, lesson_and_quiz):
    lesson, quiz_id, questions = lesson_and_quiz
    single, multiple, statement, springs = questions
    for _ in range(2):
        client.post(quiz_url(lesson, quiz_id), answers(questions, right=False), follow=True)
    mine = {single: "0", multiple: ["0", "2"], statement: "false", springs: "Kajiado"}
    response = client.post(quiz_url(lesson, quiz_id), mine)
    assert response.status_code == 200  # the lesson again, not a redirect
    html = soup(response)
    assert messages_of(html) == ["You have used all 2 attempts at this quiz."]
    section = html.select_one(f"#quiz-{quiz_id}")
    assert text(section.select_one("[role=alert]")) == "You have used all 2 attempts at this quiz."
    form = section.select_one("form")
    assert form["aria-describedby"] == f"quiz-{quiz_id}-error"
    checked = {(i["name"], i["value"]) for i in form.select("input[checked]")}
    assert checked == {(single, "0"), (multiple, "0"), (multiple, "2"), (statement, "false")}
    assert form.select_one(f"input[name='{springs}']")["value"] == "Kajiado"
    assert form.select_one("button[type=submit]").has_attr("disabled")
    assert QuizAttempt.objects.count() == 2
    # Without the error, the quiz simply says so.
    html = soup(client.get(lesson.url))
    assert "You have used all your attempts at this quiz." in text(html.select_one(".quiz"))
    assert not html.select(".quiz form")


def test_a_quiz_no_longer_in_the_lesson_is_refused(client, lesson_and_quiz):
    lesson, _quiz_id, _questions = lesson_and_quiz
    response = client.post(quiz_url(lesson, str(uuid.uuid4())), {})
    assert response.status_code == 200
    assert messages_of(soup(response)) == ["This quiz is no longer part of the lesson."]


def test_a_learner_not_enrolled_cannot_answer(client, learner, lesson_and_quiz):
    lesson, quiz_id, questions = lesson_and_quiz
    course = lesson.get_parent().get_parent()
    services.enrollment_leave(user=learner, course=course.specific)
    response = client.post(quiz_url(lesson, quiz_id), answers(questions), follow=True)
    assert response.redirect_chain[0] == (course.url, 302)
    assert messages_of(soup(response)) == ["Enroll in the course to do this."]
    response = client.post(
        quiz_url(lesson, quiz_id), answers(questions), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403
    assert not QuizAttempt.objects.exists()


# --- Through fetch() -------------------------------------------------------------------------


def test_a_quiz_answered_with_fetch_gets_json(client, lesson_and_quiz):
    lesson, quiz_id, questions = lesson_and_quiz
    single, multiple, statement, springs = questions
    mine = answers(questions)
    mine[springs] = "Nairobi"
    response = client.post(quiz_url(lesson, quiz_id), mine, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    data = response.json()
    assert (data["score"], data["passed"], data["attempt"], data["attempts_left"]) == (
        75,
        True,
        1,
        1,
    )
    assert data["lesson_completed"] is True and data["course_percent"] == 100
    assert data["status_label"] == "Completed"
    assert [(q["id"], q["correct"]) for q in data["questions"]] == [
        (single, True),
        (multiple, True),
        (statement, True),
        (springs, False),
    ]
    assert data["questions"][3]["feedback"] == ["Not quite."]
    assert data["message"].startswith("You scored 75% (3 of 4 right). You passed this quiz.")
    # The quiz as the page shows it now, for the script to put in place.
    fragment = soup_fragment(data["html"])
    assert fragment.select_one(f"section#quiz-{quiz_id}")
    assert "Attempt 1: 75%, passed" in text(fragment.select_one(".quiz-result h3"))


def test_a_refused_attempt_with_fetch_keeps_the_answers(client, lesson_and_quiz):
    lesson, quiz_id, questions = lesson_and_quiz
    for _ in range(2):
        client.post(quiz_url(lesson, quiz_id), answers(questions, right=False))
    response = client.post(
        quiz_url(lesson, quiz_id), answers(questions), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    data = response.json()
    assert data["ok"] is False
    assert data["error"] == "You have used all 2 attempts at this quiz."
    fragment = soup_fragment(data["html"])
    assert text(fragment.select_one("[role=alert]")) == data["error"]
    assert fragment.select_one(f"input[name='{questions[3]}']")["value"] == " kijabe "


def soup_fragment(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")
