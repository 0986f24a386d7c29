"""Page rules and derived values of case studies and curricula."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from knowledge.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    CurriculumIndexPage,
    CurriculumModulePage,
    CurriculumPage,
    Ecosystem,
    HomePage,
)
from knowledge.models.taxonomy import ecosystem_sort_key
from knowledge.tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CurriculumModulePageFactory,
    CurriculumPageFactory,
)
from people.geo import square

pytestmark = pytest.mark.django_db


def test_pages_can_only_be_created_where_they_belong():
    home = HomePage.objects.get(locale__language_code="en")
    index = CaseStudyIndexPageFactory(parent=home)
    assert CaseStudyIndexPage.can_create_at(home) is False  # one per home page
    assert CaseStudyPage.can_create_at(index)
    assert not CaseStudyPage.can_create_at(home)
    assert CaseStudyPage.allowed_subpage_models() == []
    # A fresh site comes with both sections (a migration makes them), one of each per home.
    assert CurriculumIndexPage.objects.child_of(home).count() == 1
    assert not CurriculumIndexPage.can_create_at(home)
    curriculum = CurriculumPageFactory()
    assert CurriculumModulePage.can_create_at(curriculum)
    assert not CurriculumModulePage.can_create_at(index)
    assert not CurriculumPage.can_create_at(index)
    assert not CaseStudyIndexPage.can_create_at(Page.get_first_root_node())


def test_a_point_needs_both_coordinates_in_range():
    page = CaseStudyPageFactory.build(latitude=10.0, longitude=None)
    with pytest.raises(ValidationError):
        page.clean()
    page = CaseStudyPageFactory.build(latitude=95.0, longitude=10.0)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "latitude" in error.value.message_dict


def test_a_broken_boundary_is_refused_with_its_reason():
    page = CaseStudyPageFactory.build(boundary={"type": "Polygon", "coordinates": [[[0, 0]]]})
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "boundary" in error.value.message_dict


def test_the_area_is_measured_from_the_boundary_unless_given():
    measured = CaseStudyPageFactory(boundary=square(36.8, -1.3, 0.1))
    # 0.1° either side of a point near the equator: about 22.2 km × 22.1 km, some 49,000 ha.
    assert 48500 < measured.area_ha < 50000
    stated = CaseStudyPageFactory(boundary=square(36.8, -1.3, 0.1), area_ha=5000)
    assert stated.area_ha == 5000


def test_the_publication_date_defaults_to_the_first_publication():
    page = CaseStudyPageFactory()
    assert page.published_on == datetime.date.today()
    assert page.date == page.published_on
    draft = CaseStudyPageFactory(live=False)
    assert draft.published_on is None


def test_entries_older_than_five_years_are_marked():
    today = datetime.date.today()
    assert CaseStudyPageFactory(published_on=today.replace(year=today.year - 6)).is_old
    assert not CaseStudyPageFactory(published_on=today.replace(year=today.year - 4)).is_old


def test_the_citation_names_the_partnerships_the_year_and_the_address(partnership):
    page = CaseStudyPageFactory(
        title="Springs of Kirinyaga",
        published_on=datetime.date(2021, 5, 1),
        partnerships=[partnership],
    )
    citation = page.citation
    assert citation.startswith(f"{partnership.name} (2021). Springs of Kirinyaga.")
    assert citation.endswith(page.full_url)


def test_a_module_plans_the_minutes_of_its_activities():
    module = CurriculumModulePageFactory(parent=CurriculumPageFactory())
    assert module.planned_minutes == 45


def test_the_ecosystem_typology_is_a_tree_walked_in_code_order():
    assert Ecosystem.objects.filter(level="realm").count() == 10
    assert Ecosystem.objects.filter(level="biome").count() == 25
    assert Ecosystem.objects.filter(level="group").count() == 110
    group = Ecosystem.objects.get(code="T1.1")
    assert group.parent.code == "T1" and group.parent.parent.code == "T"
    assert ecosystem_sort_key("MT1.10") > ecosystem_sort_key("MT1.9")
    codes = list(Ecosystem.objects.filter(parent__code="T1").values_list("code", flat=True))
    assert codes == sorted(codes, key=ecosystem_sort_key)
