"""Partnership locations: GeoJSON checked, area measured on the ellipsoid."""

import json

import pytest
from django.core.exceptions import ValidationError

from people import geo
from people.forms import PartnershipForm


def test_area_of_a_one_degree_cell_at_the_equator():
    # A 1°×1° cell at the equator is about 12,308 km² on WGS84.
    area = geo.area_hectares(geo.square(0.5, 0.5, 0.5))
    assert 1_228_000 < area < 1_233_000


def test_area_shrinks_towards_the_poles():
    assert (
        geo.area_hectares(geo.square(10, 60, 0.5))
        < geo.area_hectares(geo.square(10, 0, 0.5)) * 0.51
    )


def test_holes_are_subtracted():
    outer = geo.square(0, 0, 1)["coordinates"][0]
    hole = list(reversed(geo.square(0, 0, 0.5)["coordinates"][0]))
    with_hole = {"type": "Polygon", "coordinates": [outer, hole]}
    assert geo.area_hectares(with_hole) == pytest.approx(
        geo.area_hectares(geo.square(0, 0, 1)) - geo.area_hectares(geo.square(0, 0, 0.5)), rel=1e-6
    )


def test_feature_collections_are_accepted():
    fc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": geo.square(1, 1, 0.1)}],
    }
    assert geo.clean_boundary(fc)["type"] == "Polygon"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"type": "Point", "coordinates": [1, 1]}, "Polygon or MultiPolygon"),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]},
            "not a valid shape",
        ),
        (geo.square(200, 0, 1), "Longitude must be between"),
        ("not a dict", "Enter a GeoJSON object"),
        ({"type": "Polygon", "coordinates": "nonsense"}, "not valid GeoJSON"),
    ],
)
def test_bad_boundaries_are_explained(value, message):
    with pytest.raises(ValidationError, match=message):
        geo.clean_boundary(value)


@pytest.mark.django_db
def test_partnership_form_works_out_area_and_keeps_bad_input():
    base = {
        "name": "Naivasha",
        "slug": "naivasha",
        "ilm_element": "partnership",
        "join_policy": "open",
        "countries": ["KE"],
    }
    form = PartnershipForm({**base, "boundary_text": "{not json", "latitude": "-0.7"})
    assert not form.is_valid()
    assert "This is not valid JSON." in form.errors["boundary_text"]
    assert "Give both a latitude and a longitude, or neither." in form.errors["__all__"]
    assert form["boundary_text"].value() == "{not json"

    form = PartnershipForm({**base, "boundary_text": json.dumps(geo.square(36.4, -0.77, 0.1))})
    assert form.is_valid(), form.errors
    partnership = form.save()
    assert partnership.area_ha > 0
    # No point given: one inside the boundary is used.
    assert partnership.location["coordinates"] == [36.4, -0.77]
