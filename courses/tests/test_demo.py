"""The courses' demo content: one course built from the demo curriculum, in English and French,
and a cohort whose learners are at different stages, made once by `seed_demo` and never
duplicated or overwritten."""

import io
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, Revision

from courses import demo_data
from courses.models import (
    Certificate,
    Cohort,
    CohortInvitation,
    CoursePage,
    Enrollment,
    LearningStatement,
    LessonProgress,
    ModuleProgress,
    QuizAttempt,
)
from knowledge.models import CaseStudyPage, CurriculumModulePage

pytestmark = pytest.mark.django_db

QUESTION_KINDS = {"single_choice", "multiple_choice", "true_false", "short_text"}


def _seed():
    out = io.StringIO()
    call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


def _inventory():
    """Everything the demo could duplicate, counted."""
    pages = Counter(
        (locale, model, alias_of is not None)
        for locale, model, alias_of in Page.objects.values_list(
            "locale__language_code", "content_type__model", "alias_of"
        )
    )
    return {
        "pages": pages,
        "revisions": Revision.objects.count(),
        "cohorts": Cohort.objects.count(),
        "invitations": CohortInvitation.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "progress": LessonProgress.objects.count(),
        "modules": ModuleProgress.objects.count(),
        "attempts": QuizAttempt.objects.count(),
        "statements": LearningStatement.objects.count(),
        "certificates": Certificate.objects.count(),
    }


def _structure(course):
    modules = list(course.modules())
    lessons = [lesson for module in modules for lesson in module.lessons()]
    return modules, lessons


@pytest.fixture
def seeded():
    output = _seed()
    english = CoursePage.objects.get(locale__language_code="en", slug=demo_data.COURSE["slug"])
    french = CoursePage.objects.get(
        locale__language_code="fr", translation_key=english.translation_key
    )
    return output, english, french


def test_the_course_has_three_modules_nine_lessons_and_three_quizzes_in_both_languages(seeded):
    output, english, french = seeded
    assert "Courses: " in output
    assert english.live and english.curriculum.slug == demo_data.CURRICULUM_SLUG
    assert english.institute.slug == demo_data.INSTITUTE_SLUG
    for course in (english, french):
        modules, lessons = _structure(course)
        assert len(modules) == 3
        assert len(lessons) == 9
        assert all(lesson.required for lesson in lessons)
        assert course.required_lesson_count == 9
        assert [module.required_lesson_count for module in modules] == [3, 3, 3]
        quizzes = [quiz for lesson in lessons for quiz in lesson.quizzes()]
        assert len(quizzes) == 3
        for _quiz_id, quiz in quizzes:
            assert {question.block_type for question in quiz["questions"]} == QUESTION_KINDS
        for lesson in lessons:
            kinds = {block.block_type for block in lesson.body}
            assert kinds & {"case_study", "curriculum_material"} or lesson.quizzes()
        blocks = [block for lesson in lessons for block in lesson.body]
        assert sum(block.block_type == "callout" for block in blocks) >= 5
        # Lessons teach with the curriculum's material and its case studies, in the course's
        # language when they are translated.
        materials = [b.value["module"] for b in blocks if b.block_type == "curriculum_material"]
        cases = [b.value["case_study"] for b in blocks if b.block_type == "case_study"]
        assert len(materials) >= 3 and len(cases) >= 6
        assert all(page.live for page in materials + cases)
        assert {page.locale.language_code for page in materials + cases} == {
            course.locale.language_code
        }
        assert all(module.curriculum_module is not None for module in modules)
    assert lessons[0].preview  # anyone can read the first lesson before enrolling


def test_the_french_course_is_a_live_translation_of_every_page(seeded, client):
    _output, english, french = seeded
    assert french.live and french.alias_of_id is None
    assert french.title == demo_data.COURSE["title"][1] != english.title
    assert french.curriculum.translation_key == english.curriculum.translation_key
    assert french.curriculum.locale.language_code == "fr"
    english_modules, english_lessons = _structure(english)
    french_modules, french_lessons = _structure(french)
    pairs = list(
        zip(english_modules + english_lessons, french_modules + french_lessons, strict=True)
    )
    for original, translated in pairs:
        assert translated.translation_key == original.translation_key
        assert translated.locale.language_code == "fr" and translated.alias_of_id is None
        assert translated.live and translated.title != original.title
    for original, translated in zip(english_lessons, french_lessons, strict=True):
        # One record per learner whatever the language: the blocks keep their ids.
        assert [b.id for b in translated.body] == [b.id for b in original.body]
        for (quiz_id, quiz), (fr_id, fr_quiz) in zip(
            original.quizzes(), translated.quizzes(), strict=True
        ):
            assert fr_id == quiz_id
            assert [q.id for q in fr_quiz["questions"]] == [q.id for q in quiz["questions"]]
            assert fr_quiz["title"] != quiz["title"]
    # Spanish and Portuguese readers find the English course through aliases.
    assert CoursePage.objects.filter(
        translation_key=english.translation_key, locale__language_code="es", alias_of=english
    ).exists()
    # A visitor reads the course in either language, and its first lesson before enrolling.
    for course, lessons in ((english, english_lessons), (french, french_lessons)):
        for page in (course, lessons[0]):
            response = client.get(page.url)
            assert response.status_code == 200
            assert escape(page.title) in response.content.decode()


def test_the_cohort_has_learners_at_every_stage(seeded):
    _output, english, _french = seeded
    cohort = Cohort.objects.get(course=english)
    assert cohort.institute.slug == demo_data.INSTITUTE_SLUG
    assert [user.username for user in cohort.facilitators.all()] == ["sophie"]
    assert cohort.starts_on < timezone.localdate() < cohort.ends_on
    assert CohortInvitation.objects.filter(cohort=cohort, accepted_at__isnull=True).count() == 2
    enrollments = {
        e.user.username: e for e in Enrollment.objects.filter(cohort=cohort).select_related("user")
    }
    assert set(enrollments) == {journey["username"] for journey in demo_data.JOURNEYS}
    assert all(e.is_active for e in enrollments.values())
    assert CohortInvitation.objects.filter(cohort=cohort, accepted_at__isnull=False).count() == 7
    now = timezone.now()

    def attempts(username):
        return list(
            QuizAttempt.objects.filter(enrollment=enrollments[username]).order_by("submitted_at")
        )

    def modules_done(username):
        return ModuleProgress.objects.filter(
            enrollment=enrollments[username], completed_at__isnull=False
        ).count()

    # Not started: enrolled a week ago, nothing opened.
    lan = enrollments["lan"]
    assert (lan.lessons_started, lan.lessons_completed) == (0, 0)
    assert not LessonProgress.objects.filter(enrollment=lan).exists()

    # One lesson done.
    assert enrollments["tomas"].lessons_completed == 1
    assert enrollments["tomas"].percent(english.required_lesson_count) == 11

    # One module done, its quiz failed then passed.
    kofi = enrollments["kofi"]
    assert kofi.lessons_completed == 3 and modules_done("kofi") == 1
    assert [a.passed for a in attempts("kofi")] == [False, True]
    assert kofi.completed_at is None

    # Stuck: last seen 20 days ago, after failing the first quiz.
    ana = enrollments["anaquispe"]
    assert timedelta(days=20) <= now - ana.last_activity_at < timedelta(days=20, hours=1)
    assert [a.passed for a in attempts("anaquispe")] == [False]
    assert ana.lessons_completed == 2
    assert all(
        now - e.last_activity_at < timedelta(days=14)
        for name, e in enrollments.items()
        if name not in ("anaquispe", "grace")
    )

    # In French: her statements are in French, her progress counts for the one course.
    amina = enrollments["amina"]
    assert amina.course_key == english.translation_key
    assert amina.lessons_completed == 4 and modules_done("amina") == 1
    languages = set(
        LearningStatement.objects.filter(user=amina.user).values_list(
            "statement__context__language", flat=True
        )
    )
    assert languages == {"fr"}

    # Two modules done, an attempt failed on the way.
    priya = enrollments["priya"]
    assert priya.lessons_completed == 6 and modules_done("priya") == 2
    assert LessonProgress.objects.get(
        enrollment=priya, status=LessonProgress.Status.IN_PROGRESS
    ).position

    # Completed, with a certificate from the cohort's institute.
    grace = enrollments["grace"]
    assert grace.completed_at is not None
    assert grace.percent(english.required_lesson_count) == 100
    assert modules_done("grace") == 3
    certificate = Certificate.objects.get(enrollment=grace)
    assert certificate.learner_name == grace.user.name
    assert certificate.course_title == english.title
    assert certificate.institute_name == cohort.institute.name
    assert LearningStatement.objects.filter(user=grace.user, verb="completed").count() >= 9 + 3 + 1
    # Time spent is counted, and stays plausible.
    assert 60 * 60 < grace.seconds_spent < 9 * 60 * 60

    # Demo learners sign in like the other demo people: a confirmed address.
    for enrollment in enrollments.values():
        assert enrollment.user.emailaddress_set.filter(verified=True).exists()


def test_running_the_demo_again_creates_nothing_and_keeps_an_editors_change(seeded):
    _output, english, french = seeded
    _modules, lessons = _structure(french)
    edited = lessons[0]
    edited.title = "Titre modifié par une éditrice"
    edited.save_revision().publish()
    case_study = CaseStudyPage.objects.filter(locale__language_code="en").first()
    assert case_study is not None and CurriculumModulePage.objects.exists()
    before = _inventory()
    output = _seed()
    assert "Courses: 0 pages created, 0 learners' progress recorded." in output
    assert _inventory() == before
    edited.refresh_from_db()
    assert edited.title == "Titre modifié par une éditrice"
