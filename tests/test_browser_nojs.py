"""The core flows with JavaScript turned off, in a real browser: every one is plain links and
forms, so a reader on a feature phone, a strict corporate browser or a failed script download
still gets through. Sign in; search and narrow by a facet; read a case study; enroll, open a
lesson, mark it done, answer the quiz and see the result; reply in a forum topic; edit the
profile. Each step checks what the person sees."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import LessonProgress, QuizAttempt
from courses.tests.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    choice_question,
    quiz,
    short_text,
)
from forums.models import Post
from forums.tests.factories import CategoryFactory, confirmed_user, topic
from knowledge.tests.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from people.models import User
from people.tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _site():
    index = CaseStudyIndexPageFactory()
    CaseStudyPageFactory(
        parent=index,
        title="Restoring the Tárcoles watershed",
        summary="Coffee farmers and the water utility restored the springs of a watershed.",
        problem="<p>The springs that fed the villages were drying up every dry season.</p>",
    )
    course = CoursePageFactory(title="Convening a landscape partnership")
    module = ModulePageFactory(parent=course, title="Who is in the landscape")
    LessonPageFactory(
        parent=module,
        title="Mapping the actors",
        body=[("text", "<p>A landscape is shared by many people.</p>")],
    )
    LessonPageFactory(
        parent=module,
        title="Check your understanding",
        body=[
            quiz(
                choice_question(
                    "Who should convene a multi-stakeholder platform?",
                    ["The largest landowner", "A facilitator trusted by all sides"],
                    1,
                ),
                short_text("Name the watershed's main river", ["Río Tárcoles"]),
                pass_mark=100,
            )
        ],
    )
    bruno = confirmed_user(email="bruno@example.org", display_name="Bruno Costa")
    thread = topic(
        category=CategoryFactory(name="Watersheds"),
        author=bruno,
        title="Seed banks for the watershed",
        body="Who keeps seeds of native trees?",
    )
    learner = confirmed_user(email="amina@example.org", display_name="Amina Diallo")
    return learner, thread


def _sign_in(page, learner):
    page.goto("/en/")
    page.get_by_role("navigation", name="Your account").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill(learner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    account = page.get_by_role("navigation", name="Your account")
    expect(account.get_by_role("link", name="Amina Diallo")).to_be_visible()
    expect(account.get_by_role("button", name="Sign out")).to_be_visible()


def _search_with_a_facet(page):
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Search"
    ).click()
    page.get_by_label("Search for").fill("watershed")
    page.get_by_role("button", name="Search", exact=True).click()
    main = page.get_by_role("main")
    expect(main.get_by_text("2 results for “watershed”")).to_be_visible()
    hits = main.locator("ol.hits")
    expect(hits.get_by_role("link", name="Restoring the Tárcoles watershed")).to_be_visible()
    expect(hits.get_by_role("link", name="Seed banks for the watershed")).to_be_visible()

    # Narrow to case studies: the filters are a <details> and checkboxes of the same GET form.
    page.get_by_text("Filter results").click()
    page.get_by_role("checkbox", name=re.compile(r"^Case studies")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"type=case_study"))
    expect(main.get_by_text("1 result for “watershed”")).to_be_visible()
    expect(hits.get_by_role("link", name="Seed banks for the watershed")).to_have_count(0)
    expect(main.get_by_role("link", name=re.compile("Remove filter"))).to_be_visible()


def _read_the_case_study(page):
    page.get_by_role("main").get_by_role("link", name="Restoring the Tárcoles watershed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Restoring the Tárcoles watershed")
    expect(page.get_by_text("The springs that fed the villages were drying up")).to_be_visible()


def _learn(page, learner):
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Courses"
    ).click()
    page.get_by_role("link", name="Convening a landscape partnership").click()
    page.get_by_role("button", name="Enroll", exact=True).click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("0%")
    page.get_by_role("link", name=re.compile("^Start the course")).click()

    # The lesson; "Mark as done" posts the form and the page comes back saying so (with
    # scripts, lesson.js would send it in the background and the page would stay).
    expect(page.get_by_role("heading", level=1)).to_have_text("Mapping the actors")
    with page.expect_navigation():
        page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mapping the actors")
    expect(page.locator("#lesson-status")).to_contain_text("Completed")
    expect(page.locator('[data-progress="course"]')).to_contain_text("50%")
    expect(page.get_by_role("button", name="Mark as done")).to_have_count(0)
    assert LessonProgress.objects.filter(enrollment__user=learner, completed_at__isnull=False)

    # The quiz: answered, graded on the server, the result shown on the page that comes back.
    page.get_by_role("link", name=re.compile("^Next")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your understanding")
    page.get_by_role("radio", name="A facilitator trusted by all sides").check()
    page.get_by_label("Your answer").fill("Rio Tarcoles")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit my answers").click()
    expect(page.locator(".quiz-result h3")).to_contain_text("Attempt 1: 100%, passed")
    expect(page.locator(".quiz-result")).to_contain_text("2 of 2 answers right.")
    expect(page.locator('[data-progress="course"]')).to_contain_text("100%")
    expect(page.get_by_text("You have completed the course.")).to_be_visible()
    assert QuizAttempt.objects.get(user=learner).passed


def _reply_in_the_forum(page, thread):
    page.goto(thread.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Seed banks for the watershed")
    form = page.locator("#reply-form")
    form.get_by_label("Message").fill("Our cooperative keeps **40** kinds of native seeds.")
    form.get_by_role("button", name="Post reply").click()
    posts = page.locator("article.post")
    expect(posts).to_have_count(2)
    expect(posts.nth(1)).to_contain_text("Our cooperative keeps 40 kinds of native seeds.")
    expect(posts.nth(1)).to_contain_text("Amina Diallo")
    expect(posts.nth(1).locator("strong")).to_have_text("40")  # markdown, rendered
    assert Post.objects.filter(topic=thread).count() == 2


def _edit_the_profile(page, learner):
    page.get_by_role("navigation", name="Your account").get_by_role(
        "link", name="Amina Diallo"
    ).click()
    page.get_by_role("link", name="Edit your profile").click()
    page.get_by_label("Display name").fill("Amina D. Diallo")
    page.get_by_label("Short bio").fill("Facilitator of the Tana landscape partnership.")
    page.get_by_role("button", name="Save profile").click()
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Amina D. Diallo")
    expect(main).to_contain_text("Facilitator of the Tana landscape partnership.")
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Amina D. Diallo")
    assert User.objects.get(pk=learner.pk).display_name == "Amina D. Diallo"


def test_the_core_flows_work_without_javascript(_playwright_browser, live_server):
    learner, thread = _site()
    context = _playwright_browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        _sign_in(page, learner)
        _search_with_a_facet(page)
        _read_the_case_study(page)
        _learn(page, learner)
        _reply_in_the_forum(page, thread)
        _edit_the_profile(page, learner)
    finally:
        context.close()
