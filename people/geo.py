"""GeoJSON validation and geodesic area for partnership and case-study locations.

Shapely checks the geometry; pyproj measures it on the WGS84 ellipsoid, so a boundary's area
is right at any latitude (a planar area in degrees is not).
"""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pyproj import Geod
from shapely import validation
from shapely.errors import ShapelyError
from shapely.geometry import shape

_GEOD = Geod(ellps="WGS84")
logger = logging.getLogger(__name__)
BOUNDARY_TYPES = {"Polygon", "MultiPolygon"}


def _geometry_of(value):
    """Accept a bare geometry, a Feature, or a FeatureCollection with one feature."""
    if not isinstance(value, dict):
        raise ValidationError(_("Enter a GeoJSON object."))
    kind = value.get("type")
    if kind == "FeatureCollection":
        features = value.get("features") or []
        if not isinstance(features, list) or len(features) != 1:
            raise ValidationError(_("A boundary file must hold exactly one feature."))
        value = features[0]
        if not isinstance(value, dict):
            raise ValidationError(_("Enter a GeoJSON object."))
        kind = value.get("type")
    if kind == "Feature":
        value = value.get("geometry") or {}
        if not isinstance(value, dict):
            raise ValidationError(_("Enter a GeoJSON object."))
    return value


def clean_point(value):
    geometry = _geometry_of(value)
    if geometry.get("type") != "Point":
        raise ValidationError(_("A location must be a GeoJSON Point."))
    coords = geometry.get("coordinates")
    if not isinstance(coords, list | tuple) or len(coords) < 2:
        raise ValidationError(_("A point needs a longitude and a latitude."))
    lon, lat = coords[0], coords[1]
    if not all(isinstance(c, int | float) for c in (lon, lat)):
        raise ValidationError(_("Coordinates must be numbers."))
    check_lon_lat(lon, lat)
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


def check_lon_lat(lon, lat):
    if not -180 <= lon <= 180:
        raise ValidationError(_("Longitude must be between -180 and 180."))
    if not -90 <= lat <= 90:
        raise ValidationError(_("Latitude must be between -90 and 90."))


def clean_boundary(value):
    geometry = _geometry_of(value)
    if geometry.get("type") not in BOUNDARY_TYPES:
        raise ValidationError(_("A boundary must be a GeoJSON Polygon or MultiPolygon."))
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, ShapelyError) as exc:
        raise ValidationError(_("This boundary is not valid GeoJSON.")) from exc
    if geom.is_empty:
        raise ValidationError(_("This boundary is empty."))
    minx, miny, maxx, maxy = geom.bounds
    check_lon_lat(minx, miny)
    check_lon_lat(maxx, maxy)
    if not geom.is_valid:
        # Shapely's explanation is English only: log it, show a translated message.
        logger.info("Invalid boundary: %s", validation.explain_validity(geom))
        raise ValidationError(
            _("This boundary is not a valid shape: check that its edges do not cross.")
        )
    return {"type": geometry["type"], "coordinates": geometry["coordinates"]}


def area_hectares(boundary):
    """Geodesic area of a Polygon or MultiPolygon in hectares (holes subtracted)."""
    if not boundary:
        return None
    area, _perimeter = _GEOD.geometry_area_perimeter(shape(boundary))
    return round(abs(area) / 10_000, 2)


def centroid(boundary):
    """A point inside the boundary, used when a partnership gives no point of its own."""
    point = shape(boundary).representative_point()
    return {"type": "Point", "coordinates": [round(point.x, 6), round(point.y, 6)]}


def square(lon, lat, half):
    """A square boundary `half` degrees either side of a point (demo content and tests)."""
    ring = [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
    ]
    return {"type": "Polygon", "coordinates": [ring]}
