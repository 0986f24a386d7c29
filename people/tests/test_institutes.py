"""Training institutes: their administrators manage the staff; one administrator always stays."""

import pytest

from people.models import InstituteStaff
from people.tests.factories import InstituteStaffFactory, UserFactory

pytestmark = pytest.mark.django_db
Role = InstituteStaff.Role


@pytest.fixture
def admin_staff(db):
    return InstituteStaffFactory(institute__slug="ips", role=Role.ADMIN)


def _post(client, **data):
    return client.post("/en/institutes/ips/staff/", data, follow=True)


def test_an_administrator_adds_a_facilitator_and_changes_roles(client, admin_staff):
    joao = UserFactory(email="joao@example.org", display_name="João")
    client.force_login(admin_staff.user)
    page = client.get("/en/institutes/ips/").content.decode()
    assert "Manage staff" in page
    response = _post(client, action="add", email="JOAO@example.org", role=Role.FACILITATOR)
    assert "The staff member has been added." in response.content.decode()
    staff = InstituteStaff.objects.get(user=joao)
    assert staff.role == Role.FACILITATOR
    # Facilitators appear on the public institute page with their role.
    client.logout()
    assert "João</a> · Facilitator" in client.get("/en/institutes/ips/").content.decode()

    client.force_login(admin_staff.user)
    _post(client, action="role", staff=staff.pk, role=Role.ADMIN)
    assert InstituteStaff.objects.get(pk=staff.pk).role == Role.ADMIN


def test_unknown_or_unconfirmed_addresses_are_explained_and_kept(client, admin_staff):
    UserFactory(email="new@example.org", verified=False)
    client.force_login(admin_staff.user)
    for email in ["nobody@example.org", "new@example.org"]:
        response = _post(client, action="add", email=email, role=Role.FACILITATOR)
        html = response.content.decode()
        assert "Nobody has confirmed this address yet." in html
        assert f'value="{email}"' in html
    assert InstituteStaff.objects.count() == 1


def test_the_last_administrator_stays(client, admin_staff):
    client.force_login(admin_staff.user)
    response = _post(client, action="remove", staff=admin_staff.pk)
    assert "must keep at least one administrator" in response.content.decode()
    response = _post(client, action="role", staff=admin_staff.pk, role=Role.FACILITATOR)
    assert "must keep at least one administrator" in response.content.decode()
    assert InstituteStaff.objects.get(pk=admin_staff.pk).role == Role.ADMIN


@pytest.mark.parametrize("who", ["anonymous", "learner", "facilitator"])
def test_others_cannot_manage_staff(client, admin_staff, who):
    if who == "learner":
        client.force_login(UserFactory())
    elif who == "facilitator":
        facilitator = InstituteStaffFactory(institute=admin_staff.institute)
        client.force_login(facilitator.user)
    response = client.post(
        "/en/institutes/ips/staff/", {"action": "remove", "staff": admin_staff.pk}
    )
    assert response.status_code == (302 if who == "anonymous" else 403)
    assert InstituteStaff.objects.filter(pk=admin_staff.pk).exists()
    if who != "anonymous":
        assert "Manage staff" not in client.get("/en/institutes/ips/").content.decode()
