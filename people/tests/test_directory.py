"""The people, partnership and institute directories: filters, pagination, fixed queries."""

import pytest

from people.models import ILMElement, Region
from people.tests.factories import (
    InstituteStaffFactory,
    MembershipFactory,
    PartnershipFactory,
    SpokenLanguageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _names(response):
    return [item.name for item in response.context["page"]]


def test_people_filters_combine(client):
    a = UserFactory(display_name="Awa", country="SN")
    a.expertise.set(["pastoralism"])
    SpokenLanguageFactory(user=a, code="fr")
    b = UserFactory(display_name="Bintou", country="SN")
    b.expertise.set(["agroforestry"])
    c = UserFactory(display_name="Chege", country="KE")
    c.expertise.set(["Pastoralism"])
    assert _names(client.get("/en/people/?country=SN")) == ["Awa", "Bintou"]
    assert _names(client.get("/en/people/?expertise=pastoralism")) == ["Awa", "Chege"]
    assert _names(client.get("/en/people/?expertise=pastoralism&country=KE")) == ["Chege"]
    assert _names(client.get("/en/people/?language=fr")) == ["Awa"]
    assert _names(client.get("/en/people/?q=bint")) == ["Bintou"]
    response = client.get("/en/people/?country=ZZ")
    assert response.status_code == 200  # a bad filter is shown as an error, not a crash
    assert "Select a valid choice." in response.content.decode()
    assert '<details class="filters" open>' in response.content.decode()  # error not hidden


def test_partnership_filters(client):
    PartnershipFactory(name="Kenya one", countries=["KE"], ilm_element=ILMElement.TAKING_ACTION)
    PartnershipFactory(
        name="Andes",
        countries=["PE", "EC"],
        region=Region.LATIN_AMERICA_CARIBBEAN,
        ilm_element=ILMElement.TAKING_ACTION,
    )
    PartnershipFactory(name="Ecuador coast", countries=["EC"])
    assert _names(client.get("/en/partnerships/?country=EC")) == ["Andes", "Ecuador coast"]
    assert _names(client.get("/en/partnerships/?ilm_element=taking-action")) == [
        "Andes",
        "Kenya one",
    ]
    assert _names(
        client.get("/en/partnerships/?ilm_element=taking-action&region=latin-america-caribbean")
    ) == ["Andes"]


def test_pagination_keeps_the_filters(client):
    for n in range(30):
        UserFactory(display_name=f"Person {n:02d}", country="BR")
    UserFactory(display_name="Elsewhere", country="KE")
    first = client.get("/en/people/?country=BR")
    assert len(first.context["page"]) == 24
    html = first.content.decode()
    assert 'href="?country=BR&amp;page=2"' in html
    second = client.get("/en/people/?country=BR&page=2")
    assert len(second.context["page"]) == 6
    assert "Page 2 of 2" in second.content.decode()


def _people(n):
    for i in range(n):
        user = UserFactory()
        user.expertise.set([f"topic {i}", "restoration"])
        SpokenLanguageFactory(user=user, code="es")


def _partnerships(n):
    for _ in range(n):
        partnership = PartnershipFactory()
        MembershipFactory(partnership=partnership)


def _institutes(n):
    for _ in range(n):
        InstituteStaffFactory()


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/en/people/", _people),
        ("/en/people/?expertise=restoration", _people),
        ("/en/partnerships/", _partnerships),
        ("/en/institutes/", _institutes),
    ],
)
def test_directories_take_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, url, make
):
    make(3)
    with django_assert_max_num_queries(8) as small:
        client.get(url)
    make(25)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_partnership_page_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    partnership = PartnershipFactory()
    MembershipFactory(partnership=partnership, role="manager")
    viewer = UserFactory()
    client.force_login(viewer)
    with django_assert_max_num_queries(20) as small:
        client.get(partnership.get_absolute_url())
    for _ in range(30):
        MembershipFactory(partnership=partnership)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(partnership.get_absolute_url())


def test_partnership_page_shows_its_facts(client):
    partnership = PartnershipFactory(
        name="Kijabe",
        countries=["KE"],
        region=Region.SUB_SAHARAN_AFRICA,
        ilm_element=ILMElement.VISION_PLANNING,
        boundary={
            "type": "Polygon",
            "coordinates": [[[36.5, -1.0], [36.6, -1.0], [36.6, -0.9], [36.5, -0.9], [36.5, -1.0]]],
        },
    )
    html = client.get(partnership.get_absolute_url()).content.decode()
    assert "Kenya" in html
    assert "Sub-Saharan Africa" in html
    assert "Element reached: Vision and planning" in html
    assert f"{partnership.area_ha:,.0f} ha" in html
