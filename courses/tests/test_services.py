"""The learning rules, through the services every view calls: enrollment, completion of
lessons, modules and courses, locking, quizzes, certificates, translations."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses import services
from courses.models import (
    Certificate,
    Enrollment,
    LearningStatement,
    LessonProgress,
    ModuleProgress,
    QuizAttempt,
)
from courses.tests.factories import (
    CohortFactory,
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    choice_question,
    quiz,
    true_false,
)
from knowledge.tests.factories import translate
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_course(modules=2, lessons=2, **fields):
    course = CoursePageFactory(**fields)
    tree = []
    for _m in range(modules):
        module = ModulePageFactory(parent=course)
        tree.append((module, [LessonPageFactory(parent=module) for _l in range(lessons)]))
    course.refresh_from_db()
    return course, tree


def quiz_lesson(module, *, required=True, max_attempts=3, pass_mark=70):
    block = quiz(
        choice_question("Who convenes the partnership?", ["Nobody", "A neutral facilitator"], 1),
        true_false("A landscape has one owner.", False),
        required=required,
        max_attempts=max_attempts,
        pass_mark=pass_mark,
    )
    lesson = LessonPageFactory(parent=module, body=[block])
    quiz_id, value = lesson.quizzes()[0]
    first, second = (question.id for question in value["questions"])
    right = {first: "1", second: "false"}
    wrong = {first: "0", second: "true"}
    return lesson, quiz_id, right, wrong


def enrollment_of(user, course):
    return Enrollment.objects.get(user=user, course_key=course.translation_key)


# --- Enrollment ------------------------------------------------------------------------------


def test_enroll_leave_and_enroll_again_keeps_progress(learner):
    course, [(_module, [first, _second]), *_rest] = make_course()
    services.enrollment_create(user=learner, course=course)
    services.lesson_complete(user=learner, lesson=first)

    services.enrollment_leave(user=learner, course=course)
    assert enrollment_of(learner, course).status == Enrollment.Status.LEFT
    with pytest.raises(PermissionDenied):
        services.lesson_open(user=learner, lesson=first)

    services.enrollment_create(user=learner, course=course)
    enrollment = enrollment_of(learner, course)
    assert enrollment.is_active
    assert enrollment.lessons_completed == 1
    assert LessonProgress.objects.get(lesson_key=first.translation_key).is_completed
    assert Enrollment.objects.filter(user=learner).count() == 1
    verbs = list(LearningStatement.objects.values_list("verb", flat=True))
    assert verbs.count("registered") == 2 and "exited" in verbs


def test_enrolling_twice_makes_one_enrollment(learner):
    course, _tree = make_course(modules=1, lessons=1)
    services.enrollment_create(user=learner, course=course)
    services.enrollment_create(user=learner, course=course)
    assert Enrollment.objects.filter(user=learner).count() == 1
    assert LearningStatement.objects.filter(verb="registered").count() == 1


def test_anonymous_and_inactive_people_cannot_enroll(learner):
    from django.contrib.auth.models import AnonymousUser

    course, _tree = make_course(modules=1, lessons=1)
    with pytest.raises(PermissionDenied):
        services.enrollment_create(user=AnonymousUser(), course=course)
    learner.is_active = False
    learner.save()
    with pytest.raises(PermissionDenied):
        services.enrollment_create(user=learner, course=course)


def test_invitation_only_course_takes_cohort_members_only(learner):
    course, _tree = make_course(modules=1, lessons=1, enrollment="invitation")
    with pytest.raises(PermissionDenied, match="invited"):
        services.enrollment_create(user=learner, course=course)
    cohort = CohortFactory(course=course)
    enrollment = services.enrollment_create(user=learner, course=course, cohort=cohort)
    assert enrollment.cohort == cohort


def test_prerequisites_must_be_completed_first(learner):
    basics, [(_module, [lesson])] = make_course(modules=1, lessons=1, title="Basics")
    advanced = CoursePageFactory()
    advanced.prerequisites = [basics]
    advanced.save_revision().publish()

    with pytest.raises(ValidationError, match="Basics"):
        services.enrollment_create(user=learner, course=advanced)
    assert services.missing_prerequisites(learner, advanced) == [basics]

    services.enrollment_create(user=learner, course=basics)
    services.lesson_complete(user=learner, lesson=lesson)
    assert services.missing_prerequisites(learner, advanced) == []
    services.enrollment_create(user=learner, course=advanced)


# --- Completion ------------------------------------------------------------------------------


def test_lessons_complete_modules_and_the_course_with_a_certificate(learner):
    course, [(m1, [a, b]), (m2, [c, d])] = make_course()
    assert course.required_lesson_count == 4
    services.enrollment_create(user=learner, course=course)

    services.lesson_complete(user=learner, lesson=a)
    services.lesson_complete(user=learner, lesson=b)
    enrollment = enrollment_of(learner, course)
    assert enrollment.lessons_completed == 2
    assert enrollment.percent(course.required_lesson_count) == 50
    assert ModuleProgress.objects.get(module_key=m1.translation_key).completed_at is not None
    assert not ModuleProgress.objects.filter(module_key=m2.translation_key).exists()
    assert enrollment.completed_at is None

    services.lesson_complete(user=learner, lesson=c)
    services.lesson_complete(user=learner, lesson=d)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    assert enrollment.percent(course.required_lesson_count) == 100
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.learner_name == learner.name
    assert certificate.course_title == course.title
    completed = LearningStatement.objects.filter(verb="completed")
    assert completed.count() == 4 + 2 + 1  # lessons, modules, course


def test_completing_a_lesson_twice_counts_once(learner):
    course, [(_module, [a, _b])] = make_course(modules=1)
    services.enrollment_create(user=learner, course=course)
    services.lesson_complete(user=learner, lesson=a)
    services.lesson_complete(user=learner, lesson=a)
    assert enrollment_of(learner, course).lessons_completed == 1
    assert LessonProgress.objects.count() == 1


def test_optional_lessons_do_not_count(learner):
    course = CoursePageFactory()
    module = ModulePageFactory(parent=course)
    required = LessonPageFactory(parent=module)
    optional = LessonPageFactory(parent=module, required=False)
    course.refresh_from_db()
    assert course.required_lesson_count == 1

    services.enrollment_create(user=learner, course=course)
    services.lesson_complete(user=learner, lesson=optional)
    enrollment = enrollment_of(learner, course)
    assert enrollment.lessons_completed == 0 and enrollment.completed_at is None
    services.lesson_complete(user=learner, lesson=required)
    assert enrollment_of(learner, course).completed_at is not None


def test_required_counts_follow_publishing(learner):
    course, [(module, [a, b])] = make_course(modules=1)
    assert course.required_lesson_count == 2
    b.unpublish()
    course.refresh_from_db()
    module.refresh_from_db()
    assert course.required_lesson_count == 1 and module.required_lesson_count == 1
    LessonPageFactory(parent=module)
    course.refresh_from_db()
    assert course.required_lesson_count == 2
    a.delete()
    course.refresh_from_db()
    assert course.required_lesson_count == 1


def test_time_and_position_are_kept(learner):
    course, [(_module, [a, _b])] = make_course(modules=1)
    services.enrollment_create(user=learner, course=course)
    start = timezone.now() - datetime.timedelta(minutes=10)
    services.lesson_open(user=learner, lesson=a, now=start)
    minute = datetime.timedelta(minutes=1)
    services.lesson_track(
        user=learner, lesson=a, seconds=30, position="block-2", now=start + minute
    )
    services.lesson_track(
        user=learner, lesson=a, seconds=10_000, position="t=95", now=start + 9 * minute
    )
    # A script posting the most a heartbeat may say, ten times a second, gains about the
    # time that passed, not two minutes each time.
    for tenth in range(1, 31):
        services.lesson_track(
            user=learner,
            lesson=a,
            seconds=120,
            now=start + 9 * minute + datetime.timedelta(seconds=tenth / 10),
        )
    progress = LessonProgress.objects.get()
    before = 30 + services.learning.MAX_HEARTBEAT_SECONDS
    assert before <= progress.seconds_spent <= before + 3
    assert progress.position == "t=95"
    enrollment = enrollment_of(learner, course)
    assert enrollment.seconds_spent == progress.seconds_spent
    assert enrollment.last_lesson_key == a.translation_key
    with pytest.raises(ValidationError):
        services.lesson_track(user=learner, lesson=a, seconds="soon")
    # A heartbeat before the lesson was opened (clocks) counts nothing.
    services.lesson_track(user=learner, lesson=a, seconds=60, now=start - minute)
    assert LessonProgress.objects.get().seconds_spent == progress.seconds_spent


def test_a_lesson_done_without_javascript_counts_the_time_since_it_was_opened(learner):
    course, [(_module, [a, _b])] = make_course(modules=1)
    services.enrollment_create(user=learner, course=course)
    opened = timezone.now() - datetime.timedelta(minutes=12)
    services.lesson_open(user=learner, lesson=a, now=opened)
    services.lesson_complete(user=learner, lesson=a)
    assert 12 * 60 <= LessonProgress.objects.get().seconds_spent < 13 * 60


def test_not_enrolled_learners_cannot_record_progress(learner):
    course, [(_module, [a, _b])] = make_course(modules=1)
    for action in (services.lesson_open, services.lesson_complete):
        with pytest.raises(PermissionDenied):
            action(user=learner, lesson=a)
    assert not LessonProgress.objects.exists()


# --- Modules in order -------------------------------------------------------------------------


def test_modules_unlock_in_order(learner):
    course, [(m1, [a, b]), (m2, [c, _d])] = make_course(modules_in_order=True)
    services.enrollment_create(user=learner, course=course)
    enrollment = enrollment_of(learner, course)
    assert services.locked_module_keys(enrollment, course) == {m2.translation_key}
    with pytest.raises(PermissionDenied, match="previous module"):
        services.lesson_open(user=learner, lesson=c)

    services.lesson_complete(user=learner, lesson=a)
    services.lesson_complete(user=learner, lesson=b)
    assert services.locked_module_keys(enrollment, course) == set()
    services.lesson_open(user=learner, lesson=c)


def test_modules_open_in_any_order_unless_asked(learner):
    course, [(_m1, _lessons), (_m2, [c, _d])] = make_course()
    services.enrollment_create(user=learner, course=course)
    services.lesson_complete(user=learner, lesson=c)


# --- Quizzes ---------------------------------------------------------------------------------


def test_a_lesson_with_a_required_quiz_completes_when_it_is_passed(learner):
    course = CoursePageFactory()
    module = ModulePageFactory(parent=course)
    lesson, quiz_id, right, wrong = quiz_lesson(module)
    course.refresh_from_db()
    services.enrollment_create(user=learner, course=course)

    with pytest.raises(ValidationError, match="Pass the quiz"):
        services.lesson_complete(user=learner, lesson=lesson)

    failed = services.quiz_submit(user=learner, lesson=lesson, quiz_id=quiz_id, answers=wrong)
    assert (failed.score, failed.passed, failed.number) == (0, False, 1)
    assert not LessonProgress.objects.get().is_completed

    passed = services.quiz_submit(user=learner, lesson=lesson, quiz_id=quiz_id, answers=right)
    assert (passed.score, passed.passed, passed.number) == (100, True, 2)
    assert LessonProgress.objects.get().is_completed
    assert enrollment_of(learner, course).completed_at is not None
    assert QuizAttempt.objects.count() == 2  # every attempt is kept


def test_attempts_are_limited(learner):
    course = CoursePageFactory()
    lesson, quiz_id, right, wrong = quiz_lesson(ModulePageFactory(parent=course), max_attempts=2)
    services.enrollment_create(user=learner, course=course)
    for _ in range(2):
        services.quiz_submit(user=learner, lesson=lesson, quiz_id=quiz_id, answers=wrong)
    with pytest.raises(ValidationError, match="all 2 attempts"):
        services.quiz_submit(user=learner, lesson=lesson, quiz_id=quiz_id, answers=right)
    assert QuizAttempt.objects.count() == 2


def test_an_optional_quiz_does_not_hold_the_lesson_back(learner):
    course = CoursePageFactory()
    lesson, _quiz_id, _right, _wrong = quiz_lesson(ModulePageFactory(parent=course), required=False)
    services.enrollment_create(user=learner, course=course)
    services.lesson_complete(user=learner, lesson=lesson)
    assert LessonProgress.objects.get().is_completed


def test_an_unknown_quiz_or_unreadable_answers_are_refused(learner):
    course = CoursePageFactory()
    lesson, quiz_id, _right, _wrong = quiz_lesson(ModulePageFactory(parent=course))
    services.enrollment_create(user=learner, course=course)
    with pytest.raises(ValidationError):
        services.quiz_submit(user=learner, lesson=lesson, quiz_id="nope", answers={})
    with pytest.raises(ValidationError):
        services.quiz_submit(user=learner, lesson=lesson, quiz_id=quiz_id, answers=["1"])
    assert not QuizAttempt.objects.exists()


def test_answered_passed_and_failed_are_recorded(learner):
    course = CoursePageFactory()
    lesson, quiz_id, right, wrong = quiz_lesson(ModulePageFactory(parent=course))
    services.enrollment_create(user=learner, course=course)
    services.quiz_submit(user=learner, lesson=lesson, quiz_id=quiz_id, answers=wrong)
    services.quiz_submit(user=learner, lesson=lesson, quiz_id=quiz_id, answers=right)
    verbs = list(LearningStatement.objects.values_list("verb", flat=True))
    assert verbs.count("answered") == 4
    assert verbs.count("failed") == 1 and verbs.count("passed") == 1


# --- One course in several languages ----------------------------------------------------------


def test_progress_follows_the_learner_across_translations(learner):
    course, [(module, [a, b])] = make_course(modules=1)
    course_fr = translate(course, "fr", title="Animer un partenariat")
    module_fr = translate(module, "fr")
    a_fr = translate(a, "fr")
    assert a_fr.translation_key == a.translation_key
    assert course_fr.locale.language_code == "fr"

    services.enrollment_create(user=learner, course=course_fr)
    services.lesson_complete(user=learner, lesson=a_fr)
    # The English course knows it: one enrollment, one progress row, the same counters.
    enrollment = enrollment_of(learner, course)
    assert enrollment.lessons_completed == 1
    services.lesson_complete(user=learner, lesson=b)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    assert Enrollment.objects.filter(user=learner).count() == 1
    assert module_fr.translation_key == module.translation_key


# --- Cohorts and certificates ----------------------------------------------------------------


def test_the_certificate_names_the_cohorts_institute(learner):
    course, [(_module, [a])] = make_course(modules=1, lessons=1)
    cohort = CohortFactory(course=course, institute__name="Sahel Training Institute")
    services.enrollment_create(user=learner, course=course, cohort=cohort)
    services.lesson_complete(user=learner, lesson=a)
    assert Certificate.objects.get().institute_name == "Sahel Training Institute"


def test_certificate_codes_are_unique_and_readable():
    from courses.models.learning import certificate_code

    codes = {certificate_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(code) == 14 and code.count("-") == 2 for code in codes)
    assert not any(set(code) & set("01OI") for code in codes)


def test_two_learners_progress_independently():
    course, [(_module, [a, _b])] = make_course(modules=1)
    one, two = UserFactory(), UserFactory()
    for user in (one, two):
        services.enrollment_create(user=user, course=course)
    services.lesson_complete(user=one, lesson=a)
    assert enrollment_of(one, course).lessons_completed == 1
    assert enrollment_of(two, course).lessons_completed == 0


# --- Editors change the course while people learn --------------------------------------------


def test_no_certificate_when_a_done_lesson_stops_counting(learner):
    for change in ("optional", "unpublished"):
        course, [(_module, [a, b, c])] = make_course(modules=1, lessons=3)
        user = UserFactory()
        services.enrollment_create(user=user, course=course)
        services.lesson_complete(user=user, lesson=a)
        if change == "optional":
            a.required = False
            a.save_revision().publish()
        else:
            a.unpublish()
        course.refresh_from_db()
        assert course.required_lesson_count == 2
        assert enrollment_of(user, course).lessons_completed == 0  # realigned at once

        services.lesson_complete(user=user, lesson=b)
        enrollment = enrollment_of(user, course)
        assert enrollment.completed_at is None, change
        assert enrollment.percent(course.required_lesson_count) == 50
        services.lesson_complete(user=user, lesson=c)
        assert enrollment_of(user, course).completed_at is not None


def test_a_lesson_left_live_under_an_unpublished_module_does_not_count(learner):
    from wagtail.actions.unpublish_page import UnpublishPageAction

    course, [(_m1, [a]), (m2, [b])] = make_course(modules=2, lessons=1)
    services.enrollment_create(user=learner, course=course)
    UnpublishPageAction(m2, include_descendants=False).execute(skip_permission_checks=True)
    course.refresh_from_db()
    assert course.required_lesson_count == 1
    services.lesson_complete(user=learner, lesson=b)
    enrollment = enrollment_of(learner, course)
    assert enrollment.lessons_completed == 0 and enrollment.completed_at is None
    services.lesson_complete(user=learner, lesson=a)
    assert enrollment_of(learner, course).completed_at is not None


def test_a_new_lesson_counts_in_every_language_at_once():
    from wagtail_localize.synctree import create_aliases_for_new_page

    course, [(module, lessons)] = make_course(modules=1, lessons=2)
    french = translate(course)
    translate(module)
    for lesson in lessons:
        translate(lesson)
    # An editor creates a lesson in the admin: it is published, then wagtail-localize makes
    # its aliases in the other languages (live, but never "published").
    create_aliases_for_new_page(LessonPageFactory(parent=module))
    course.refresh_from_db()
    french.refresh_from_db()
    assert course.required_lesson_count == french.required_lesson_count == 3
