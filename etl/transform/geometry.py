"""Region boundaries made from gemeente boundaries: a region is the union of its gemeenten.

The gemeente layer (CBS/PDOK via cartomap/nl) is quantised to 0.001 degree with shared borders written alike, so
the union of neighbours leaves no slivers.  Exterior rings are written clockwise, holes counter-clockwise (what
Plotly's ``go.Choropleth`` expects), coordinates with the layer's three decimals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

DECIMALS = 3


def dissolve(gemeenten: dict[str, Any], region_of: Mapping[str, str], name_of: Callable[[str], str]
             ) -> dict[str, Any]:
    """A FeatureCollection of the regions that ``region_of`` (gemeente code -> region code) makes of the
    gemeente features (``id`` = gemeente code); every gemeente of the mapping must have a feature."""
    features = {str(f["id"]): f for f in gemeenten["features"]}
    missing = sorted(set(region_of) - set(features))
    if missing:
        raise ValueError(f"no boundary for gemeente(n) {', '.join(missing[:5])}")
    members: dict[str, list[str]] = {}
    for gm, region in region_of.items():
        members.setdefault(region, []).append(gm)
    out = []
    for region in sorted(members):
        union = unary_union([shape(features[gm]["geometry"]) for gm in sorted(members[region])])
        polygons = list(union.geoms) if isinstance(union, MultiPolygon) else [union]
        polygons = [orient(p, sign=-1.0) for p in polygons if isinstance(p, Polygon) and not p.is_empty]
        geometry = _rounded(mapping(MultiPolygon(polygons)))
        out.append({"type": "Feature", "id": region,
                    "properties": {"statcode": region, "statnaam": name_of(region)}, "geometry": geometry})
    return {"type": "FeatureCollection", "features": out}


def _rounded(geometry: Any) -> Any:
    """A MultiPolygon's coordinates with the layer's decimals; a ring that rounding collapses (fewer than three
    distinct points) is left out, and a polygon whose outer ring collapses with it."""
    def ring(points: Any) -> list[list[float]]:
        out: list[list[float]] = []
        for x, y in points:
            p = [round(float(x), DECIMALS), round(float(y), DECIMALS)]
            if not out or out[-1] != p:
                out.append(p)
        return out if len({tuple(p) for p in out}) >= 3 else []
    polygons = []
    for polygon in geometry["coordinates"]:
        rings = [ring(r) for r in polygon]
        if rings and rings[0]:
            polygons.append([rings[0], *(r for r in rings[1:] if r)])
    return {"type": geometry["type"], "coordinates": polygons}
