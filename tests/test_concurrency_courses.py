"""Two tabs acting on the same course at the same moment: a lesson is counted once, and the
attempt limit of a quiz holds. Needs real concurrent transactions, so it runs on PostgreSQL."""

import pytest
from django.db import connection

from courses import services
from courses.models import Enrollment, LessonProgress, ModuleProgress, QuizAttempt
from courses.tests.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    quiz,
    true_false,
)
from people.tests.factories import UserFactory
from tests.concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent transactions need PostgreSQL (set DATABASE_URL; CI does)",
    ),
]


def _ensure_site():
    """Another transactional test in this process may have flushed the database, pages and
    locales the migrations made included: put back what courses need."""
    from wagtail.models import Locale, Page, Site

    from knowledge.models import HomePage

    english, _created = Locale.objects.get_or_create(language_code="en")
    if HomePage.objects.filter(locale=english, depth=2).exists():
        return
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=english)
    )
    home = root.add_child(instance=HomePage(title="Home", slug="home", locale=english))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )


def test_two_tabs_count_a_lesson_once_and_cannot_use_the_last_attempt_twice():
    # One test: a second transactional test in this process would start from a flushed
    # database, without the pages the migrations made.
    _ensure_site()
    _same_lesson_completed_at_once()
    _last_attempt_submitted_twice()


def _same_lesson_completed_at_once():
    for _round in range(5):
        learner = UserFactory()
        course = CoursePageFactory()
        module = ModulePageFactory(parent=course)
        lesson = LessonPageFactory(parent=module)
        LessonPageFactory(parent=module)
        course.refresh_from_db()
        services.enrollment_create(user=learner, course=course)

        def complete(learner=learner, lesson=lesson):
            services.lesson_complete(user=learner, lesson=lesson)

        assert run_together(complete, complete, complete) == ["ok", "ok", "ok"]
        assert LessonProgress.objects.filter(user=learner).count() == 1
        enrollment = Enrollment.objects.get(user=learner)
        assert enrollment.lessons_completed == 1
        assert ModuleProgress.objects.get(enrollment=enrollment).lessons_completed == 1


def _last_attempt_submitted_twice():
    for _round in range(3):
        learner = UserFactory()
        course = CoursePageFactory()
        module = ModulePageFactory(parent=course)
        lesson = LessonPageFactory(
            parent=module, body=[quiz(true_false("?", True), max_attempts=1)]
        )
        services.enrollment_create(user=learner, course=course)
        quiz_id, value = lesson.quizzes()[0]
        answers = {value["questions"][0].id: "false"}

        def submit(learner=learner, lesson=lesson, quiz_id=quiz_id, answers=answers):
            services.quiz_submit(user=learner, lesson=lesson, quiz_id=quiz_id, answers=answers)

        assert run_together(submit, submit) == ["ok", "refused"]
        assert QuizAttempt.objects.filter(user=learner).count() == 1
