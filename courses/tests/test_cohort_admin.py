"""Courses in the Wagtail admin and on the knowledge hub: cohorts as snippets editors can list
and filter, and case-study pages naming the courses that use them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext_lazy

from courses.tests.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
)
from courses.tests.test_cohort_builders import build_cohort
from knowledge.selectors import case_study_related
from knowledge.tests.factories import CaseStudyPageFactory, translate
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# The section's title, read in the language active when a section is looked for.
TITLE = gettext_lazy("Courses that use this case study")


def test_editors_list_and_filter_cohorts_in_the_admin(client):
    world = build_cohort()
    other = build_cohort(course=world.course)
    other.cohort.name = "Autumn"
    other.cohort.save()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    listing = client.get("/admin/snippets/courses/cohort/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Spring" in page and "Autumn" in page and world.institute.name in page
    filtered = client.get(
        "/admin/snippets/courses/cohort/", {"institute": world.institute.pk}
    ).content.decode()
    assert "Spring" in filtered and "Autumn" not in filtered
    edit = client.get(f"/admin/snippets/courses/cohort/edit/{world.cohort.pk}/")
    assert edit.status_code == 200


def _course_using(case_study, *, title, live=True):
    course = CoursePageFactory(title=title, live=live)
    module = ModulePageFactory(parent=course, live=live)
    LessonPageFactory(
        parent=module,
        live=live,
        body=[
            {"type": "text", "value": "<p>An example.</p>"},
            {"type": "case_study", "value": {"case_study": case_study.pk, "note": "Why"}},
        ],
    )
    return course


def _courses_section(case_study):
    sections = case_study_related(case_study)["related_sections"]
    found = [section for section in sections if str(section["title"]) == str(TITLE)]
    return found[0] if found else None


def test_a_case_study_names_the_live_courses_that_use_it():
    case_study = CaseStudyPageFactory()
    unrelated = CaseStudyPageFactory()
    course = _course_using(case_study, title="Leading a partnership")
    _course_using(case_study, title="A draft course", live=False)
    CoursePageFactory(title="A course without it")
    section = _courses_section(case_study)
    assert section["items"] == [{"url": course.url, "title": "Leading a partnership"}]
    assert _courses_section(unrelated) is None


def test_each_course_is_named_once_in_the_readers_language():
    case_study = CaseStudyPageFactory()
    course = _course_using(case_study, title="Leading a partnership")
    module = course.get_children().first().specific
    LessonPageFactory(
        parent=module,
        body=[{"type": "case_study", "value": {"case_study": case_study.pk, "note": ""}}],
    )
    french_course = translate(course, "fr", title="Animer un partenariat")
    french_case_study = translate(case_study, "fr", title="Restaurer un bassin versant")
    assert [item["title"] for item in _courses_section(case_study)["items"]] == [
        "Leading a partnership"
    ]
    with translation.override("fr"):
        # The French case study page: lessons embed the English one, which counts.
        section = _courses_section(french_case_study)
    assert section["items"] == [{"url": french_course.url, "title": "Animer un partenariat"}]


def test_the_case_study_page_shows_the_courses(client):
    case_study = CaseStudyPageFactory()
    _course_using(case_study, title="Leading a partnership")
    page = client.get(case_study.url).content.decode()
    assert str(TITLE) in page and "Leading a partnership" in page


def test_finding_the_courses_takes_a_fixed_number_of_queries():
    from courses.wagtail_hooks import courses_using_case_study

    case_study = CaseStudyPageFactory()
    _course_using(case_study, title="First")
    courses_using_case_study(case_study)  # warm the content type and locale caches
    with CaptureQueriesContext(connection) as one:
        assert len(courses_using_case_study(case_study)["items"]) == 1
    for index in range(4):
        _course_using(case_study, title=f"More {index}")
    with CaptureQueriesContext(connection) as five:
        assert len(courses_using_case_study(case_study)["items"]) == 5
    assert len(one.captured_queries) == len(five.captured_queries) <= 8
