"""Ways into the courses from the rest of the site."""

import pytest
from django.urls import reverse

from people.models import InstituteStaff
from people.tests.factories import InstituteStaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_institutes_administrators_start_a_cohort_from_its_page(client):
    admin = InstituteStaffFactory(institute__slug="ips", role=InstituteStaff.Role.ADMIN)
    facilitator = InstituteStaffFactory(institute=admin.institute)
    start = reverse("courses:cohort_create", args=["ips"])
    for person, offered in ((admin.user, True), (facilitator.user, False), (UserFactory(), False)):
        client.force_login(person)
        assert (start in client.get("/en/institutes/ips/").content.decode()) is offered


def test_signed_in_people_find_their_learning_in_the_account_menu(client, learner):
    assert reverse("courses:dashboard") not in client.get("/en/courses/").content.decode()
    client.force_login(learner)
    page = client.get("/en/courses/").content.decode()
    assert f'href="{reverse("courses:dashboard")}">My learning<' in page


def test_the_sitemap_lists_courses_and_open_lessons_only(client):
    from courses.tests.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory

    course = CoursePageFactory(slug="leading")
    module = ModulePageFactory(parent=course, slug="first-module")
    LessonPageFactory(parent=module, slug="open-lesson", preview=True)
    LessonPageFactory(parent=module, slug="enrolled-only")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/en/courses/leading/</loc>" in sitemap
    assert "/first-module/open-lesson/</loc>" in sitemap
    assert "enrolled-only" not in sitemap
    assert "/first-module/</loc>" not in sitemap
