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
