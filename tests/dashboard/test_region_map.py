"""The region page's map: an SVG image drawn on the server (dashboard/ui/figures/map_image.py).

Checked on what the page sends (the ``<img>``'s data URI), against the store read with plain pandas: one path per
municipality of the region, filled on the app's colour rule (yellow = the most need, viridis), the grey of a missing
figure, the municipality of a gemeente page outlined, the legend's range and the words of ``alt``."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pandas as pd
import pytest
from pagesupport import by_id, render_page

from dashboard.ui.figures.map_image import colour_at, map_svg

YELLOW, PURPLE, GREY, VERMILLION = "#fde725", "#440154", "#DDDDDD", "#D55E00"
FILLED = re.compile(r'<path d="[^"]+" fill="(#[0-9a-fA-F]{6})" fill-rule="evenodd" stroke="#fff" '
                    r'stroke-width="0.8" data-code="(GM\d{4})"/>')


def _map(app_client, path: str, search: str = "") -> tuple[str, str]:
    img = by_id(render_page(app_client, path, search)["content"], "region-map")
    assert img is not None and img["type"] == "Img"
    return unquote(img["props"]["src"].split(",", 1)[1]), img["props"]["alt"]


def _expected(built_store, members_of: str, column: str, indicator: str) -> tuple[pd.Series, str]:
    regions = pd.read_parquet(built_store / "regions.parquet")
    obs = pd.read_parquet(built_store / "observations.parquet")
    members = regions[(regions["region_level"] == "gemeente") & (regions[column] == members_of)]["region_code"]
    rows = obs[(obs["indicator"] == indicator) & (obs["region_level"] == "gemeente")]
    latest = rows[rows["value"].notna()].sort_values("period_start")["period"].iloc[-1]
    values = rows[rows["period"] == latest].set_index("region_code")["value"]
    return values.reindex(sorted(members)), str(latest)


@pytest.mark.parametrize("path, members_of, column, indicator", [
    ("/regio/AM15", "AM15", "parent_code", "neet_share"),
    ("/regio/MC21", "MC21", "rmc_code", "early_school_leaver_rate"),
])
def test_every_municipality_is_filled_by_its_figure(app_client, built_store, path, members_of, column, indicator):
    svg, alt = _map(app_client, path)
    fills = {code: fill for fill, code in FILLED.findall(svg)}
    values, period = _expected(built_store, members_of, column, indicator)
    assert sorted(fills) == list(values.index)                           # every municipality, once
    shown = values.dropna()
    assert fills[shown.idxmax()] == YELLOW and fills[shown.idxmin()] == PURPLE      # yellow = the most need
    assert all(fills[code] == GREY for code in values.index[values.isna()])
    assert len(set(fills[c] for c in shown.index)) > 2                  # a scale, not two colours
    low, high = (float(x.replace(",", ".")) for x in re.findall(r'fill="#767676"[^>]*>([\d,]+)%</text>', svg))
    assert abs(low - shown.min()) <= 0.05 and abs(high - shown.max()) <= 0.05
    assert "geel = meer behoefte" in svg and alt.startswith("Kaart: ") and period[:4] in alt
    assert "data-selected" not in svg
    lowest_point = max(float(y) for d in re.findall(r'<path d="([^"]+)"', svg) for y in re.findall(r",([\d.]+)", d))
    legend_top = min(float(y) for y in re.findall(r'<(?:rect|text) x="[\d.]+" y="([\d.]+)"(?![^>]*font-weight="600")',
                                                   svg))                 # all but the title's lines
    assert legend_top > lowest_point                                     # the legend under the map, over no region


def test_a_municipality_is_outlined_among_its_neighbours_in_english(app_client, built_store):
    svg, alt = _map(app_client, "/regio/GM0363", "?lang=en")
    values, _ = _expected(built_store, "AM18", "parent_code", "neet_share")
    assert sorted(code for _, code in FILLED.findall(svg)) == list(values.index)
    assert re.findall(r'stroke="(#[0-9A-F]{6})" stroke-width="3.5"[^>]*data-selected="(GM\d{4})"', svg) == \
        [(VERMILLION, "GM0363")]
    assert "yellow = more need" in svg and alt.startswith("Map: ") and "Amsterdam is outlined in orange" in alt


def _toy(values: list[float | None], higher_is_more_need: bool | None, is_demo: bool | None = None) -> str:
    squares = [{"type": "Feature", "id": f"GM000{i}",
                "geometry": {"type": "Polygon", "coordinates": [[[4 + i, 52], [4.9 + i, 52], [4.9 + i, 52.5],
                                                                  [4 + i, 52.5], [4 + i, 52]]]}}
               for i in range(len(values))]
    ranking = pd.DataFrame({"region_code": [f["id"] for f in squares], "value": values})
    meta = {"title_nl": "Toets", "unit": "percent", "unit_label": {"nl": "%"}, "higher_is_more_need": higher_is_more_need,
            **({} if is_demo is None else {"is_demo": is_demo})}
    return map_svg(ranking, {"features": squares}, [], meta, "2023", "year", "nl")


def test_where_lower_means_more_need_the_lowest_is_yellow():
    fills = {code: fill for fill, code in FILLED.findall(_toy([1.0, 2.0, 3.0, None], higher_is_more_need=False))}
    assert (fills["GM0000"], fills["GM0002"], fills["GM0003"]) == (YELLOW, PURPLE, GREY)
    assert fills["GM0001"] not in (YELLOW, PURPLE, GREY)
    higher = {code: fill for fill, code in FILLED.findall(_toy([1.0, 2.0, 3.0], higher_is_more_need=None))}
    assert higher["GM0002"] == YELLOW and higher["GM0000"] == PURPLE


def test_colour_at_interpolates_between_the_stops():
    scale = [[0.0, "#000000"], [0.5, "#ff0000"], [1.0, "#ffffff"]]
    assert colour_at(scale, 0.0) == "#000000" and colour_at(scale, 1.0) == "#ffffff"
    assert colour_at(scale, 0.25) == "#800000"                          # half way to red: 127.5 rounds to 128
    assert colour_at(scale, 0.75) == "#ff8080"
    assert colour_at(scale, -1) == "#000000" and colour_at(scale, 2) == "#ffffff"


def test_no_region_with_geometry_draws_nothing():
    assert _toy([], higher_is_more_need=True) == ""


def test_a_map_of_demo_figures_says_so_in_its_own_title():
    """Saved or copied on its own, the picture still says that its figures are demo; a real one does not."""
    title = re.compile(r'font-weight="600"[^>]*>([^<]*)</text>')
    assert title.findall(_toy([1.0, 2.0], True, is_demo=True)) == ["Toets, 2023 · DEMO"]
    assert title.findall(_toy([1.0, 2.0], True, is_demo=False)) == ["Toets, 2023"]
    assert title.findall(_toy([1.0, 2.0], True)) == ["Toets, 2023"]


def test_a_long_title_wraps_and_keeps_its_demo_mark_whole():
    """"Young people not in employment or education, 2023 · DEMO" is wider than the picture: it wraps between words,
    the mark on the second line (it was cut to "· D"), and the map moves down by one line."""
    squares = [{"type": "Feature", "id": "GM0001", "geometry": {"type": "Polygon", "coordinates": [
        [[4, 52], [5, 52], [5, 53], [4, 53], [4, 52]]]}}]
    ranking = pd.DataFrame({"region_code": ["GM0001"], "value": [1.0]})
    meta = {"title_en": "Young people not in employment or education", "unit": "percent", "is_demo": True}
    svg = map_svg(ranking, {"features": squares}, [], meta, "2023", "year", "en")
    lines = re.findall(r'font-weight="600"[^>]*>([^<]*)</text>', svg)
    assert " ".join(lines) == "Young people not in employment or education, 2023 · DEMO" and len(lines) == 2
    assert lines[-1].endswith("· DEMO") and all(len(line) <= 52 for line in lines)
    short = map_svg(ranking, {"features": squares}, [], {**meta, "title_en": "NEET"}, "2023", "year", "en")
    first_y = [float(re.search(r'd="M[\d.]+,([\d.]+)', s).group(1)) for s in (svg, short)]
    assert first_y[0] - first_y[1] == pytest.approx(24, abs=0.2)       # the map starts one title line lower
