"""The choropleth map (a ``choropleth`` figure dict: SVG paths drawn from the store's GeoJSON alone, on a white
background, no tiles, no base map, no outside request).

SVG in Plotly's geo subplot rather than ``choroplethmap`` (MapLibre, WebGL): a new indicator only refills 35 or
342 paths (~35 ms in headless Chromium) where MapLibre re-tiles the GeoJSON and redraws in software WebGL
(~220 ms), and the page needs no MapLibre (~120 KB brotli) and no web worker.

Three traces, always in this order so a callback can patch one without resending the others:

0. ``values``    the regions with a value, coloured on viridis (colour-blind safe, no grey that could read as
                 "suppressed"): yellow = more need, as on every map of the app, and the legend says so
                 (yellow = higher for indicators without a direction); carries the full GeoJSON.
1. ``missing``   regions without a value (confidential / not available), light grey, named in the legend
                 and in the hover text; carries only those regions' features.
2. ``selection`` the selected regions: no fill, a thick vermillion outline; carries only their features
                 and takes no hover, so a click always reaches the region underneath.

Inside the app, every trace references the GeoJSON by the URL the app serves it at (:func:`geometry_ref`)
instead of carrying it: each trace's ``locations`` pick the features it draws, so the map looks the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import flask
import pandas as pd

from dashboard.ui.figures.charts import build_figure, figure_title, indicator_title, source_line, value_text
from dashboard.ui.figures.plain import Figure, floats, named_colorscale, trace
from dashboard.ui.i18n import flag_reason, fmt_change, period_label, t
from dashboard.ui.palette import HIGHLIGHT, MISSING_FILL, SEQUENTIAL

NL_BOUNDS = (3.31, 50.75, 7.23, 53.56)       # lon min, lat min, lon max, lat max
TRANSPARENT = "rgba(0,0,0,0)"
MAP_TRACE = "choropleth"                       # the trace type of every map of the app
MAP_HEIGHT = 560
VALUES, MISSING, SELECTION = 0, 1, 2
GEOMETRY_URL = "dashboard.geometry_url"       # server.extensions: GeoJSON object -> URL it is served at, or None


# --- geometry ------------------------------------------------------------------------------------------------------

def feature_subset(geojson: Mapping[str, Any], codes: Iterable[str]) -> dict[str, Any]:
    """A FeatureCollection with only the features whose ``id`` is in ``codes`` (kept in GeoJSON order)."""
    wanted = set(codes)
    return {"type": "FeatureCollection", "features": [f for f in geojson.get("features", []) if f.get("id") in wanted]}


def geometry_ref(geojson: Mapping[str, Any]) -> Mapping[str, Any] | str:
    """What a trace's ``geojson`` holds: the URL the app serves this GeoJSON at as a cacheable static file
    (:mod:`dashboard.web.static`), else the GeoJSON itself (outside an app, or for a GeoJSON the app does not
    serve, such as a subset).  Plotly fetches a URL once per page; the browser keeps it for a year."""
    if flask.has_app_context():
        resolve = flask.current_app.extensions.get(GEOMETRY_URL)
        url = resolve(geojson) if resolve is not None else None
        if url:
            return url
    return geojson


def trace_geometry(geojson: Mapping[str, Any], ref: Mapping[str, Any] | str, codes: Iterable[str]) -> Any:
    """A trace's geometry: the URL (the trace's ``locations`` pick the features drawn) or only its features."""
    return ref if isinstance(ref, str) else feature_subset(geojson, codes)


def map_layout(padding: float = 0.02) -> dict[str, Any]:
    """``layout.geo`` of a map of the Netherlands with a margin of ``padding`` of its size: Mercator, and nothing
    but the figure's own regions (no land, coastline, frame or graticule)."""
    lon0, lat0, lon1, lat1 = NL_BOUNDS
    pad_lon, pad_lat = max(lon1 - lon0, 1e-3) * padding, max(lat1 - lat0, 1e-3) * padding
    return {"visible": False, "projection": {"type": "mercator"}, "bgcolor": "white",
            "lonaxis": {"range": [round(lon0 - pad_lon, 4), round(lon1 + pad_lon, 4)]},
            "lataxis": {"range": [round(lat0 - pad_lat, 4), round(lat1 + pad_lat, 4)]}}


# --- traces ----------------------------------------------------------------------------------------------------------

def hover_texts(rows: pd.DataFrame, unit: str, lang: str, frequency: str | None) -> list[str]:
    """The hover text of each row (region, value, rank, change, status; why a value is missing or rounded)."""
    missing_label = t("figures.map_missing", lang)
    rank_of, change_since = t("figures.rank_of", lang), t("figures.change_since", lang)   # templates (no count)
    before = {p: period_label(p, frequency, lang) for p in set(rows["previous_period"].dropna())} \
        if "previous_period" in rows else {}
    size = len(rows)
    columns = {c: rows[c].tolist() if c in rows else [None] * size
               for c in ("region_code", "region_name", "value", "flag", "status", "rank", "ranked", "change",
                         "previous_period")}
    out = []
    for code, name, value, flag, status, rank, ranked, change, previous in zip(*columns.values(), strict=True):
        title = f"<b>{name}</b> ({code})"
        if _absent(value):
            out.append(f"{title}<br>{missing_label}: {flag_reason(flag, lang)}")
            continue
        lines = [title, value_text(value, unit, lang)]
        if not _absent(rank):
            lines.append(rank_of.format(rank=int(rank), of=int(ranked)))
        if not _absent(change) and previous:
            lines.append(change_since.format(change=fmt_change(change, unit, lang), period=before[previous]))
        if isinstance(flag, str):                            # a value with a note: rounded to 0
            lines.append(flag_reason(flag, lang))
        if status and status != "definitief":
            lines.append(t("common.status." + status, lang))
        out.append("<br>".join(lines))
    return out


def _absent(value: Any) -> bool:
    """None, NaN or pd.NA (what ``pd.isna`` says of a scalar)."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def selection_trace(geojson: Mapping[str, Any], selection: Sequence[str], lang: str,
                    ref: Mapping[str, Any] | str | None = None) -> dict[str, Any]:
    codes = list(dict.fromkeys(selection))
    ref = geometry_ref(geojson) if ref is None else ref
    return trace(
        MAP_TRACE, geojson=trace_geometry(geojson, ref, codes), featureidkey="id", locations=codes,
        z=[0] * len(codes), colorscale=[[0, TRANSPARENT], [1, TRANSPARENT]], showscale=False, zmin=0, zmax=1,
        marker={"line": {"color": HIGHLIGHT, "width": 3.5}}, hoverinfo="skip", name=t("figures.map_selected", lang),
        showlegend=False, uid="selection",
    )


def make_map_figure(ranking: pd.DataFrame, selection: Sequence[str], lang: str, *, geojson: Mapping[str, Any],
                    meta: Mapping[str, Any] | None, period: str | None, frequency: str | None,
                    height: int = MAP_HEIGHT,
                    is_demo: bool | None = None, uirevision: str = "map", hovers: Sequence[str] | None = None) -> Figure:
    """Choropleth of ``ranking`` (a frame with region_code, region_name, value, flag, status, rank, ranked,
    change, previous_period), with ``selection`` outlined. ``hovers``: :func:`hover_texts` of
    ``ranking`` when already made."""
    unit = str((meta or {}).get("unit", ""))
    known = {f.get("id") for f in geojson.get("features", [])}
    codes, has_value = ranking["region_code"].tolist(), ranking["value"].notna().tolist()
    shown = [i for i, (code, ok) in enumerate(zip(codes, has_value, strict=True)) if ok and code in known]
    missing = [i for i, (code, ok) in enumerate(zip(codes, has_value, strict=True)) if not ok and code in known]
    hovers = hover_texts(ranking, unit, lang, frequency) if hovers is None else hovers     # one per row
    numbers = ranking["value"].tolist()
    shown_z = floats([numbers[i] for i in shown])
    shown_codes, missing_codes = [codes[i] for i in shown], [codes[i] for i in missing]
    zmin = float(min(shown_z)) if shown_z else 0.0
    zmax = float(max(shown_z)) if shown_z else 1.0
    unit_label = str(((meta or {}).get("unit_label") or {}).get(lang, ""))
    need = (meta or {}).get("higher_is_more_need")
    rule = t("figures.map_rule_higher" if need is None else "figures.map_rule_need", lang)
    ref = geometry_ref(geojson)
    values = trace(
        MAP_TRACE, geojson=ref, featureidkey="id", locations=shown_codes, z=shown_z, zmin=zmin,
        zmax=zmax if zmax > zmin else zmin + 1,
        colorscale=named_colorscale(SEQUENTIAL), reversescale=need is False,
        marker={"line": {"color": "white", "width": 0.6}, "opacity": 1},
        # below the map, never over a region (at any width, on paper too)
        colorbar={"title": {"text": f"{unit_label} · {rule}" if unit_label else rule, "side": "top"},
                  "exponentformat": "none", "separatethousands": True, "thickness": 12, "len": 0.55,
                  "orientation": "h", "x": 0, "xanchor": "left", "y": -0.02, "yanchor": "top", "outlinewidth": 0},
        text=[hovers[i] for i in shown], hovertemplate="%{text}<extra></extra>", name=indicator_title(meta, lang),
        showlegend=False, uid="values",
    )
    blank = trace(
        MAP_TRACE, geojson=trace_geometry(geojson, ref, missing_codes), featureidkey="id",
        locations=missing_codes, z=[0] * len(missing), zmin=0, zmax=1, showscale=False,
        colorscale=[[0, MISSING_FILL], [1, MISSING_FILL]], marker={"line": {"color": "white", "width": 0.6}},
        text=[hovers[i] for i in missing], hovertemplate="%{text}<extra></extra>", name=t("figures.map_missing", lang),
        showlegend=bool(len(missing)), uid="missing",
    )
    layout = {"geo": map_layout(), "uirevision": uirevision, "clickmode": "event",
              "legend": {"orientation": "h", "x": 1, "y": -0.02, "xanchor": "right", "yanchor": "top"}}
    title = figure_title(meta, period, frequency, lang)
    return build_figure([values, blank, selection_trace(geojson, selection, lang, ref)], layout, title,
                        source_line(meta, lang, is_demo), lang, height, margin={"l": 0, "r": 0, "t": 50, "b": 78})


def selection_patch_values(geojson: Mapping[str, Any], selection: Sequence[str], lang: str) -> dict[str, Any]:
    """The properties of trace 2 for a new selection (for ``dash.Patch``): locations, z, geojson."""
    trace = selection_trace(geojson, selection, lang)
    return {k: trace[k] for k in ("locations", "z", "geojson")}
