"""A small course and an institute with a cohort, shared by the cohort, analytics and
certificate tests; learners make progress through the real services, as on the site."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from courses import services
from courses.tests.factories import (
    CohortFactory,
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    choice_question,
    quiz,
    true_false,
)
from people.models import InstituteStaff
from people.tests.factories import InstituteStaffFactory, TrainingInstituteFactory, UserFactory

pytestmark = pytest.mark.django_db


def build_course(**fields):
    """Two modules: "Convening" (a reading lesson, then a lesson with a required quiz of two
    questions, pass mark 50) and "Acting" (one reading lesson)."""
    course = CoursePageFactory(**fields)
    convening = ModulePageFactory(parent=course, title="Convening")
    reading = LessonPageFactory(parent=convening, title="Who is in the landscape")
    block = quiz(
        choice_question("Who convenes the partnership?", ["Nobody", "A neutral facilitator"], 1),
        true_false("A landscape has one owner.", False),
        title="Actors quiz",
        pass_mark=50,
        max_attempts=0,
    )
    quizzed = LessonPageFactory(parent=convening, title="Mapping the actors", body=[block])
    acting = ModulePageFactory(parent=course, title="Acting")
    planning = LessonPageFactory(parent=acting, title="Plans")
    for page in (course, convening, acting):
        page.refresh_from_db()
    quiz_id, value = quizzed.quizzes()[0]
    first, second = (question.id for question in value["questions"])
    return SimpleNamespace(
        course=course,
        modules=[convening, acting],
        lessons=[reading, quizzed, planning],
        quiz_id=quiz_id,
        answers={
            100: {first: "1", second: "false"},
            50: {first: "1", second: "true"},
            0: {first: "0", second: "true"},
        },
    )


def build_cohort(course=None, **fields):
    """An institute with an administrator and a facilitator, running a cohort of the course."""
    course = course or build_course()
    institute = TrainingInstituteFactory(name="Escola da Paisagem")
    admin = InstituteStaffFactory(institute=institute, role=InstituteStaff.Role.ADMIN).user
    facilitator = InstituteStaffFactory(institute=institute).user
    cohort = CohortFactory(institute=institute, course=course.course, name="Spring", **fields)
    cohort.facilitators.add(facilitator)
    return SimpleNamespace(
        course=course,
        cohort=cohort,
        institute=institute,
        admin=admin,
        facilitator=facilitator,
    )


def join(world, user=None, *, days_ago=0, **user_fields):
    """A learner enrolled in the cohort ``days_ago`` days ago."""
    user = user or UserFactory(**user_fields)
    now = timezone.now() - datetime.timedelta(days=days_ago)
    services.enrollment_create(user=user, course=world.course.course, cohort=world.cohort, now=now)
    return user


def progress(world, user, *, lessons=0, score=None, days_ago=0, seconds=0):
    """Open and complete the first ``lessons`` lessons (the quiz lesson by passing it with
    ``score`` or 100), ``days_ago`` days ago, tracking ``seconds`` in the first one."""
    now = timezone.now() - datetime.timedelta(days=days_ago)
    course = world.course
    for index, lesson in enumerate(course.lessons[:lessons]):
        services.lesson_open(user=user, lesson=lesson, now=now)
        if index == 0 and seconds:
            # A heartbeat counts no more than the time since the last one.
            later = now + datetime.timedelta(seconds=seconds)
            services.lesson_track(user=user, lesson=lesson, seconds=seconds, now=later)
        if lesson.quizzes():
            services.quiz_submit(
                user=user,
                lesson=lesson,
                quiz_id=course.quiz_id,
                answers=course.answers[score if score is not None else 100],
                now=now,
            )
        else:
            services.lesson_complete(user=user, lesson=lesson, now=now)
    if score is not None and lessons < 2:
        # Answer the quiz without having completed the lessons before it.
        lesson = course.lessons[1]
        services.lesson_open(user=user, lesson=lesson, now=now)
        services.quiz_submit(
            user=user, lesson=lesson, quiz_id=course.quiz_id, answers=course.answers[score], now=now
        )


def test_the_built_course_counts_three_required_lessons():
    world = build_cohort()
    assert world.course.course.required_lesson_count == 3
    assert [m.required_lesson_count for m in world.course.modules] == [2, 1]
    learner = join(world)
    progress(world, learner, lessons=3)
    enrollment = learner.enrollments.get()
    assert enrollment.completed_at is not None and enrollment.cohort == world.cohort
