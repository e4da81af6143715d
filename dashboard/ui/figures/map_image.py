"""A choropleth as an SVG image, drawn on the server: the municipalities of one region on its profile page, the
need index of every region of a level on /prioriteit, and the explorer's map until Plotly's takes its place.

The first two show regions whose figures and links stand in a table or ranking beside them, so they need no hover
and no click; the explorer's picture answers a click through :func:`region_at`.  Each is an ``<img>`` (as the page's
small trends, :mod:`dashboard.ui.components.mini_trend`) that the browser paints without Plotly, prints as vector
graphics and describes in ``alt``.  It follows the rules of the
app's Plotly maps (:mod:`dashboard.ui.figures.map`): Mercator, viridis with yellow = more need (the scale
reversed where a higher value means less need), regions without a figure light grey and named in the legend, the
selected region outlined in vermillion, the legend below the map and never over a region.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pandas as pd
from dash import html
from shapely.geometry import Point, Polygon

from dashboard.ui.figures.charts import figure_title, value_text
from dashboard.ui.figures.plain import named_colorscale
from dashboard.ui.i18n import t
from dashboard.ui.palette import HIGHLIGHT, MISSING_FILL, MUTED, SEQUENTIAL, TEXT

WIDTH = 600                                   # the viewBox's width; the height follows the region's shape
MAX_MAP_HEIGHT = 480
TITLE_HEIGHT, LEGEND_HEIGHT, PAD = 36, 76, 6
TITLE_LINE, TITLE_CHARS = 24, 52               # a title wraps at about 52 characters of 19 px type in 588 px
UNTITLED_TOP = 44                              # without a title: the band a page's own heading lies over
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _wrapped(words: Sequence[str], width: int) -> list[str]:
    """``words`` joined into lines of at most ``width`` characters (a longer word stands on its own line)."""
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _polygons(geometry: Mapping[str, Any]) -> list[list[list[list[float]]]]:
    """The polygons of a Polygon or MultiPolygon (each a list of rings of [lon, lat])."""
    coordinates = geometry.get("coordinates") or []
    if geometry.get("type") == "Polygon":
        return [coordinates]
    return list(coordinates) if geometry.get("type") == "MultiPolygon" else []


def _mercator_y(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def colour_at(scale: Sequence[Sequence[Any]], fraction: float) -> str:
    """The colour at ``fraction`` (0-1) of a Plotly colour scale (``[[0.0, "#440154"], ...]``), interpolated in RGB
    as Plotly does."""
    fraction = min(max(fraction, 0.0), 1.0)
    for (low, low_colour), (high, high_colour) in zip(scale, scale[1:], strict=False):
        if fraction <= high:
            share = 0.0 if high == low else (fraction - low) / (high - low)
            a, b = _rgb(str(low_colour)), _rgb(str(high_colour))
            return "#%02x%02x%02x" % tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))
    return str(scale[-1][1]).lower()


@dataclass(frozen=True)
class _Frame:
    """Where a map's regions fall in its picture: each region's polygons (lon, lat) and the Mercator projection
    onto the SVG's units (``top``: where the map starts, below the title's band)."""

    rows: list[tuple[str, Any]]
    polygons: dict[str, list[list[list[list[float]]]]]
    x0: float
    y1: float
    scale: float
    left: float
    top: float
    map_height: float

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return self.left + (lon - self.x0) * self.scale, self.top + (self.y1 - _mercator_y(lat)) * self.scale

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        merc = self.y1 - (y - self.top) / self.scale
        return self.x0 + (x - self.left) / self.scale, math.degrees(2 * math.atan(math.exp(math.radians(merc))) -
                                                                   math.pi / 2)


def _frame(ranking: pd.DataFrame, geojson: Mapping[str, Any], top: float) -> _Frame | None:
    features = {f.get("id"): f for f in geojson.get("features", [])}
    rows = [(str(code), value) for code, value in zip(ranking["region_code"], ranking["value"], strict=True)
            if code in features]
    polygons = {code: _polygons(features[code].get("geometry") or {}) for code, _ in rows}
    points = [(lon, _mercator_y(lat)) for shapes in polygons.values() for polygon in shapes for ring in polygon
              for lon, lat in ring]
    if not points:
        return None
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    scale = min((WIDTH - 2 * PAD) / max(x1 - x0, 1e-9), (MAX_MAP_HEIGHT - 2 * PAD) / max(y1 - y0, 1e-9))
    return _Frame(rows, polygons, x0, y1, scale, (WIDTH - (x1 - x0) * scale) / 2, top, (y1 - y0) * scale)


def _title_lines(meta: Mapping[str, Any], period: str | None, frequency: str | None, lang: str,
                 titled: bool) -> list[str]:
    if not titled:
        return []
    words = figure_title(meta, period, frequency, lang).split(" ")
    if meta.get("is_demo"):                        # the picture says so itself, also when saved or copied alone
        words.append(f"· {t('common.demo_mark', lang)}")
    return _wrapped(words, TITLE_CHARS)


def _title_height(lines: Sequence[str]) -> float:
    return TITLE_HEIGHT + TITLE_LINE * (len(lines) - 1) if lines else UNTITLED_TOP


def map_svg(ranking: pd.DataFrame, geojson: Mapping[str, Any], selection: Iterable[str], meta: Mapping[str, Any],
            period: str | None, frequency: str | None, lang: str, missing: str | None = None, *,
            titled: bool = True) -> str:
    """The SVG text: every region of ``ranking`` (region_code, value) that ``geojson`` has, filled by its value;
    ``missing`` names the grey in the legend (default "geen cijfer" / "no figure").  Untitled, it leaves the top
    band empty for the heading a page writes over it (the explorer's, as over its Plotly map)."""
    lines = _title_lines(meta, period, frequency, lang, titled)
    title_height = _title_height(lines)
    frame = _frame(ranking, geojson, title_height + PAD)
    if frame is None:
        return ""
    rows, polygons = frame.rows, frame.polygons

    def path(shapes: list[list[list[list[float]]]]) -> str:
        return " ".join("M" + " L".join("%.1f,%.1f" % frame.xy(lon, lat) for lon, lat in ring) + " Z"
                        for polygon in shapes for ring in polygon)

    values = [float(v) for _, v in rows if pd.notna(v)]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    need = meta.get("higher_is_more_need")
    colours = named_colorscale(SEQUENTIAL)
    if need is False:                              # lower = more need: yellow for the lowest
        colours = [[1 - position, colour] for position, colour in reversed(colours)]
    height = title_height + frame.map_height + 2 * PAD + LEGEND_HEIGHT
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" '
             f'height="{height:.0f}" font-family="{FONT}" font-size="17">',
             *(f'<text x="{PAD}" y="{24 + TITLE_LINE * i}" font-size="19" font-weight="600" fill="{TEXT}">'
               f'{_escape(line)}</text>' for i, line in enumerate(lines))]
    for code, value in rows:
        fill = MISSING_FILL if pd.isna(value) else colour_at(colours, (float(value) - low) / (high - low or 1.0))
        parts.append(f'<path d="{path(polygons[code])}" fill="{fill}" fill-rule="evenodd" stroke="#fff" '
                     f'stroke-width="0.8" data-code="{_escape(code)}"/>')
    for code in selection:
        if code in polygons:
            parts.append(f'<path d="{path(polygons[code])}" fill="none" stroke="{HIGHLIGHT}" stroke-width="3.5" '
                         f'stroke-linejoin="round" data-selected="{_escape(code)}"/>')
    parts += _legend(colours, low, high, any(pd.isna(v) for _, v in rows), meta, lang,
                     top=title_height + frame.map_height + 2 * PAD, missing_label=missing)
    parts.append("</svg>")
    return "".join(parts)


def region_at(ranking: pd.DataFrame, geojson: Mapping[str, Any], x: float, y: float, meta: Mapping[str, Any],
              period: str | None, frequency: str | None, lang: str, *, titled: bool = True) -> str | None:
    """The code of the region drawn at (``x``, ``y``) of the picture :func:`map_svg` draws with the same arguments
    (in the SVG's units: a click on the picture, scaled to its natural size), or None beside every region."""
    frame = _frame(ranking, geojson, _title_height(_title_lines(meta, period, frequency, lang, titled)) + PAD)
    if frame is None:
        return None
    point = Point(frame.lonlat(x, y))
    for code, shapes in frame.polygons.items():
        if any(Polygon(polygon[0], polygon[1:]).contains(point) for polygon in shapes if polygon):
            return code
    return None


def _legend(colours: Sequence[Sequence[Any]], low: float, high: float, missing: bool, meta: Mapping[str, Any],
            lang: str, top: float, missing_label: str | None = None) -> list[str]:
    """Below the map: what the colours mean, the colour bar from the lowest to the highest value, and the grey of
    regions without a figure."""
    unit = str(meta.get("unit", ""))
    unit_label = str((meta.get("unit_label") or {}).get(lang, ""))
    need = meta.get("higher_is_more_need")
    rule = t("figures.map_rule_higher" if need is None else "figures.map_rule_need", lang)
    caption = f"{unit_label} · {rule}" if unit_label else rule
    stops = "".join(f'<stop offset="{float(position):.3f}" stop-color="{colour}"/>' for position, colour in colours)
    bar_width = 260
    out = [f'<defs><linearGradient id="scale">{stops}</linearGradient></defs>',
           f'<text x="{PAD}" y="{top + 18:.1f}" fill="{TEXT}">{_escape(caption)}</text>',
           f'<rect x="{PAD}" y="{top + 28:.1f}" width="{bar_width}" height="14" fill="url(#scale)"/>',
           f'<text x="{PAD}" y="{top + 64:.1f}" fill="{MUTED}">{_escape(value_text(low, unit, lang))}</text>',
           f'<text x="{PAD + bar_width}" y="{top + 64:.1f}" fill="{MUTED}" text-anchor="end">'
           f'{_escape(value_text(high, unit, lang))}</text>']
    if missing:
        out += [f'<rect x="{WIDTH - PAD - 190}" y="{top + 28:.1f}" width="16" height="14" fill="{MISSING_FILL}"/>',
                f'<text x="{WIDTH - PAD - 168}" y="{top + 41:.1f}" fill="{TEXT}">'
                f'{_escape(missing_label or t("figures.map_missing", lang))}</text>']
    return out


def map_image(ranking: pd.DataFrame, geojson: Mapping[str, Any], selection: Iterable[str], meta: Mapping[str, Any],
              period: str | None, frequency: str | None, lang: str, *, alt: str, id: str,
              missing: str | None = None, titled: bool = True, pick_store: str | None = None) -> html.Img:
    """The map as an ``<img>`` with ``alt`` (see :func:`map_svg`).  With ``pick_store``, a click on it tells that
    dcc.Store where, in the SVG's units (``assets/shell.js``; :func:`region_at` says which region is there)."""
    svg = map_svg(ranking, geojson, selection, meta, period, frequency, lang, missing, titled=titled)
    return html.Img(src="data:image/svg+xml;charset=utf-8," + quote(svg, safe=" =:/,.'-"), alt=alt, id=id,
                    className="map-image", **({"data-pick-store": pick_store} if pick_store else {}))
