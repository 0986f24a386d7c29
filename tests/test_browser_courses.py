"""A learner's whole course, in a real browser: sign in, enroll, finish the lessons, fail and
then pass a quiz, see 100 %, download the certificate and check it on the public verification
page."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import Certificate, Enrollment, QuizAttempt
from courses.tests.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    choice_question,
    quiz,
    short_text,
)
from people.tests.factories import PASSWORD, TrainingInstituteFactory, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_learner_enrolls_finishes_passes_the_quiz_and_downloads_the_certificate(browser_page):
    institute = TrainingInstituteFactory(name="Institute for Landscape Leadership")
    course = CoursePageFactory(
        title="Convening a landscape partnership", institute=institute, modules_in_order=True
    )
    first_module = ModulePageFactory(parent=course, title="Who is in the landscape")
    LessonPageFactory(parent=first_module, title="Mapping the actors")
    second_module = ModulePageFactory(parent=course, title="Agreeing a vision")
    LessonPageFactory(
        parent=second_module,
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
                pass_mark=100,
            ),
        ],
    )
    learner = UserFactory(email="amina@example.org", display_name="Amina Diallo")

    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(learner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    # The catalogue, the course, enroll.
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Courses"
    ).click()
    page.get_by_role("link", name="Convening a landscape partnership").click()
    page.get_by_role("button", name="Enroll", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text("0%")
    page.get_by_role("link", name=re.compile("^Start the course")).click()

    # Lesson 1: read it, mark it done; the page updates without a reload.
    expect(page.get_by_role("heading", level=1)).to_have_text("Mapping the actors")
    page.get_by_role("button", name="Mark as done").click()
    expect(page.locator("[data-live]")).to_contain_text("completed")
    expect(page.locator('[data-progress="course"]')).to_contain_text("50%")
    page.get_by_role("link", name=re.compile("^Next")).click()

    # Lesson 2: the quiz. A wrong answer first: graded, feedback shown, lesson not done.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your understanding")
    expect(page.get_by_text("Pass the quiz to complete this lesson.")).to_be_visible()
    page.get_by_role("radio", name="The largest landowner").check()
    page.get_by_label("Your answer").fill("Tana")
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.locator("[data-live]")).to_contain_text("0%")
    expect(page.locator('[data-progress="course"]')).to_contain_text("50%")

    # Then the right answers (accents and case do not matter): the course is complete.
    expect(page.get_by_text("Try again")).to_be_visible()  # open, since not passed yet
    page.get_by_role("radio", name="A facilitator trusted by all sides").check()
    page.get_by_label("Your answer").fill("rio tarcoles")
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.locator(".quiz-result h3").first).to_contain_text("100%, passed")
    expect(page.locator('[data-progress="course"]')).to_contain_text("100%")
    assert QuizAttempt.objects.filter(user=learner).count() == 2

    # The dashboard says so, and offers the certificate.
    page.get_by_role("link", name="My learning").click()
    expect(page.get_by_role("main")).to_contain_text("Convening a landscape partnership")
    page.goto(course.url)
    expect(page.get_by_role("main")).to_contain_text("You completed this course")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    download = download_info.value
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    certificate = Certificate.objects.get(enrollment__user=learner)
    assert Enrollment.objects.get(user=learner).completed_at is not None

    # Anyone can check it: the verification page, as an employer would open it.
    page.goto(f"/certificates/{certificate.code.lower()}/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Amina Diallo")
    expect(main).to_contain_text("Convening a landscape partnership")
    expect(main).to_contain_text("Institute for Landscape Leadership")
    assert not errors, errors
