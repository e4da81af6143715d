"""dashboard.ui.figures.picture: the explorer's bar and trend charts as server-drawn SVG pictures.

The figures are the real ones (``make_bar_figure``, ``make_timeseries_figure``) of small hand-made frames; the
pictures are parsed as XML and checked for what a reader sees, against expectations worked out from the frames."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from urllib.parse import unquote

import pandas as pd
import pytest
from dash import html

from dashboard.ui.figures.charts import make_bar_figure, make_timeseries_figure
from dashboard.ui.figures.picture import chart_picture, chart_svg
from dashboard.ui.figures.plain import typed_array

SVG = "{http://www.w3.org/2000/svg}"
VERMILLION, BLUE = "#D55E00", "#0072B2"
META = {"id": "neet_share", "title_nl": "Jongeren zonder werk en opleiding", "title_en": "Young people not in work",
        "unit": "percent", "unit_label": {"nl": "% van jongeren", "en": "% of young people"},
        "source_tables": ["86087NED"]}
REGIONS = {"AM01": ("Groningen", 8.31), "AM02": ("Friesland", 4.12), "AM03": ("Drenthe", 6.04),
           "AM04": ("Twente", 1.27), "AM05": ("Regio Zwolle", 5.46)}
NATIONAL = 5.0
TREND = {("AM01", "Groningen", "arbeidsmarktregio"): [5.12, 5.53, None, 6.04, 7.01],
         ("AM05", "Regio Zwolle", "arbeidsmarktregio"): [3.02, 3.51, 3.24, 3.93, 4.41],
         ("NL01", "Nederland", "land"): [4.03, 4.52, 4.21, 4.84, 4.63]}
YEARS = [2019, 2020, 2021, 2022, 2023]


def ranking(regions: dict[str, tuple[str, float]] = REGIONS) -> pd.DataFrame:
    order = sorted(regions, key=lambda code: -regions[code][1])
    return pd.DataFrame({"region_code": list(regions), "region_name": [name for name, _ in regions.values()],
                         "value": [value for _, value in regions.values()],
                         "rank": [order.index(code) + 1 for code in regions], "ranked": len(regions)})


def bar_figure(selection=("AM02",), lang="nl", regions=REGIONS):
    return make_bar_figure(ranking(regions), list(selection), lang, meta=META, level="arbeidsmarktregio",
                           period="2023", frequency="year", national=NATIONAL)


def series(lines=TREND, years=YEARS) -> pd.DataFrame:
    rows = [{"region_code": code, "region_level": level, "period_start": pd.Timestamp(date(year, 1, 1)),
             "period": str(year), "value": value, "status": "definitief", "region_name": name}
            for (code, name, level), values in lines.items() for year, value in zip(years, values, strict=True)]
    return pd.DataFrame(rows)


def trend_figure(selection=("AM01", "AM05"), lang="nl", frame=None):
    return make_timeseries_figure(series() if frame is None else frame, list(selection), lang, meta=META,
                                  frequency="year")


def parse(svg: str) -> ET.Element:
    assert svg.startswith("<svg")
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]


def dutch(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + "%"


def bars(root: ET.Element) -> list[ET.Element]:
    """The bars (filled in blue or vermillion), top to bottom."""
    found = [r for r in root.iter(f"{SVG}rect") if r.get("fill") in (BLUE, VERMILLION)]
    return sorted(found, key=lambda r: float(r.get("y")))


def width_of(rect: ET.Element) -> float:
    return float(rect.get("width"))


# --- bar -------------------------------------------------------------------------------------------------------------

def test_every_bar_is_labelled_with_its_region_and_value_in_dutch():
    fig = bar_figure()
    shown = texts(parse(chart_svg(fig, 640, "nl")))
    for name, value in REGIONS.values():
        assert name in shown and dutch(value) in shown               # "8,3%": a decimal comma
    assert not any(re.fullmatch(r"\d+\.\d%", t) for t in shown)


def test_bars_are_in_rank_order_and_as_long_as_their_values():
    root = parse(chart_svg(bar_figure(), 640, "nl"))
    drawn = bars(root)
    ranked = sorted(REGIONS.values(), key=lambda nv: -nv[1])
    assert len(drawn) == len(ranked)
    assert [width_of(b) for b in drawn] == sorted((width_of(b) for b in drawn), reverse=True)
    top_value = ranked[0][1]
    for bar, (_, value) in zip(drawn, ranked, strict=True):
        assert width_of(bar) / width_of(drawn[0]) == pytest.approx(value / top_value, rel=0.01)
    labels = {"".join(t.itertext()): float(t.get("y")) for t in root.iter(f"{SVG}text")}
    rows = [labels[name] for name, _ in ranked]                       # the names read top to bottom in rank order
    assert rows == sorted(rows)
    for bar, (name, _) in zip(drawn, ranked, strict=True):            # each name on its bar's row
        middle = float(bar.get("y")) + float(bar.get("height")) / 2
        assert abs(labels[name] - middle) < float(bar.get("height")) / 2


def test_a_selected_bar_is_vermillion_and_hatched():
    root = parse(chart_svg(bar_figure(selection=("AM02",)), 640, "nl"))
    ranked = sorted(REGIONS, key=lambda code: -REGIONS[code][1])
    drawn = bars(root)
    selected = drawn[ranked.index("AM02")]
    assert selected.get("fill") == VERMILLION
    assert {b.get("fill") for b in drawn if b is not selected} == {BLUE}
    hatches = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "url(#hatch)"]
    assert len(hatches) == 1
    assert all(hatches[0].get(k) == selected.get(k) for k in ("x", "y", "width", "height"))
    pattern = root.find(f".//{SVG}pattern[@id='hatch']")
    assert pattern is not None and pattern.find(f"{SVG}path").get("stroke") in ("#fff", "white")
    bold = [t for t in root.iter(f"{SVG}text") if t.get("font-weight") == "700"]
    assert ["".join(t.itertext()) for t in bold] == ["Friesland"]      # the selected name in bold


def test_the_nederland_line_stands_at_the_national_value():
    root = parse(chart_svg(bar_figure(), 640, "nl"))
    top = bars(root)[0]                                              # Groningen, from zero to its value
    zero = float(top.get("x"))
    expected = zero + width_of(top) * NATIONAL / max(v for _, v in REGIONS.values())
    black = [ln for ln in root.iter(f"{SVG}line") if ln.get("stroke") == "#000000" and ln.get("stroke-dasharray")]
    assert len(black) == 1
    assert float(black[0].get("x1")) == pytest.approx(expected, abs=0.5)
    assert float(black[0].get("x1")) == float(black[0].get("x2"))
    assert "Nederland 5,0%" in texts(root)


def test_the_picture_is_as_tall_as_the_chart_and_draws_no_title():
    fig = bar_figure()
    for width in (360, 640):
        root = parse(chart_svg(fig, width, "nl"))
        assert float(root.get("height")) == fig["layout"]["height"] == max(320, 22 * len(REGIONS) + 110)
        assert root.get("viewBox") == f"0 0 {width} {fig['layout']['height']}"
        assert not any("Jongeren zonder werk" in t for t in texts(root))
        assert min(float(b.get("y")) for b in bars(root)) >= fig["layout"]["margin"]["t"]   # the title's room stays


def test_long_names_are_cut_on_a_narrow_picture():
    long = "Stedendriehoek en Noordwest Veluwe"
    regions = {**REGIONS, "AM06": (long, 3.33)}
    wide, narrow = (texts(parse(chart_svg(bar_figure(regions=regions), w, "nl"))) for w in (900, 360))
    cut = [t for t in narrow if t.endswith("…")]
    assert len(cut) == 1 and long.startswith(cut[0][:-1]) and len(cut[0]) < len(long)
    assert "Groningen" in narrow and long in wide


def test_typed_arrays_draw_the_same_picture():
    fig = bar_figure()
    typed = {**fig, "data": [{**fig["data"][0], "x": typed_array(pd.Series(fig["data"][0]["x"], dtype="float64"))}]}
    assert typed["data"][0]["x"] != fig["data"][0]["x"]
    assert chart_svg(typed, 640, "nl") == chart_svg(fig, 640, "nl")


def test_english_uses_decimal_points():
    shown = texts(parse(chart_svg(bar_figure(lang="en"), 640, "en")))
    assert f"{REGIONS['AM01'][1]:.1f}%" in shown and "Netherlands 5.0%" in shown


# --- trend -----------------------------------------------------------------------------------------------------------

def paths(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}path"))


def points(path: ET.Element) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"([-\d.]+),([-\d.]+)", path.get("d"))]


def test_one_line_per_trace_with_a_gap_where_a_value_is_missing():
    fig = trend_figure()
    root = parse(chart_svg(fig, 640, "nl"))
    lines = paths(root)
    assert len(lines) == len(TREND)
    for line, values in zip(lines, TREND.values(), strict=True):     # selection order, then Nederland
        runs = line.get("d").count("M")
        assert runs == (2 if None in values else 1)
        assert len(points(line)) == sum(v is not None for v in values)
    assert [ln.get("stroke") for ln in lines] == [tr["line"]["color"] for tr in fig["data"]]
    assert lines[-1].get("stroke-dasharray")                          # Nederland dotted


def test_the_y_axis_starts_at_zero_and_values_stand_at_their_height():
    root = parse(chart_svg(trend_figure(), 640, "nl"))
    ticks = {float(t.get("data-tick")): float(t.get("y")) for t in root.iter(f"{SVG}text") if t.get("data-tick")}
    assert min(ticks) == 0 and 4 <= len(ticks) <= 7
    assert [t for t in texts(root) if re.fullmatch(r"\d+(,\d+)?", t)][0] == "0"         # the lowest label
    rules = [float(ln.get("y1")) for ln in root.iter(f"{SVG}line") if ln.get("y1") == ln.get("y2")]
    zero, top = (min(rules, key=lambda y: abs(y - ticks[tick])) for tick in (0.0, max(ticks)))    # their gridlines
    per_unit = (zero - top) / max(ticks)
    for (_, y), value in zip(points(paths(root)[-1]), TREND[("NL01", "Nederland", "land")], strict=True):
        assert zero - y == pytest.approx(value * per_unit, abs=0.2)
    assert max(ticks) >= max(v for vs in TREND.values() for v in vs if v is not None)


def test_x_positions_follow_time():
    lines = {key: [v for v in values if v is not None][:3] for key, values in TREND.items()}
    frame = series(lines, [2019, 2020, 2023])                                        # 2021 and 2022 absent
    root = parse(chart_svg(trend_figure(frame=frame), 640, "nl"))
    xs = [x for x, _ in points(paths(root)[0])]
    days = [(date(y, 1, 1) - date(2019, 1, 1)).days for y in (2019, 2020, 2023)]
    assert (xs[1] - xs[0]) / (xs[2] - xs[0]) == pytest.approx(days[1] / days[2], rel=0.01)


def test_legend_and_end_labels_name_every_line():
    fig = trend_figure()
    root = parse(chart_svg(fig, 360, "nl"))
    names = [name for _, name, _ in TREND]
    legend = ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("data-legend")]
    assert legend == names
    axis = max(float(ln.get("y1")) for ln in root.iter(f"{SVG}line") if ln.get("y1") == ln.get("y2")
               and float(ln.get("x2")) - float(ln.get("x1")) > 100)   # the x axis: the lowest long rule
    rows = {float(t.get("y")) for t in root.iter(f"{SVG}text") if t.get("data-legend")}
    assert len(rows) == 2                                             # wrapped at 360 px, below the year labels
    assert all(axis + 30 < y <= float(root.get("height")) for y in rows)
    others = [t for t in root.iter(f"{SVG}text") if not t.get("data-legend")]
    for name in ("Groningen", "Regio Zwolle"):                       # the selected lines, named at their ends
        assert any("".join(t.itertext()) == name for t in others)
    strokes = {ln.get("stroke") for ln in root.iter(f"{SVG}line") if ln.get("stroke-width") == "3"}
    assert {tr["line"]["color"] for tr in fig["data"][:2]} <= strokes
    assert "2019" in texts(root) and "% van jongeren" in texts(root)


def test_a_name_moved_off_its_value_is_joined_to_its_line_s_end():
    """Two lines ending at nearly the same value, the highest of the chart: one name moves (down, to stay inside the
    axis), and a thin grey line runs from where it stands to the last point its line draws."""
    close = {("AM01", "Groningen", "arbeidsmarktregio"): [5.1, 5.5, 5.9, 6.0, 6.02],
             ("AM05", "Regio Zwolle", "arbeidsmarktregio"): [3.0, 3.5, 4.2, 5.9, 6.0],
             ("NL01", "Nederland", "land"): [4.0, 4.5, 4.2, 4.8, 4.6]}
    fig = trend_figure(frame=series(close))
    moved = [a for a in fig["layout"]["annotations"] if a.get("showarrow")]
    assert len(moved) == 1
    root = parse(chart_svg(fig, 640, "nl"))
    ends = {ln.get("stroke"): points(ln)[-1] for ln in paths(root)}
    mine = next(tr for tr in fig["data"] if tr["name"] == moved[0]["name"])
    end = ends[mine["line"]["color"]]
    leaders = [ln for ln in root.iter(f"{SVG}line") if ln.get("stroke") == "#767676"
               and (float(ln.get("x2")), float(ln.get("y2"))) == pytest.approx(end, abs=0.15)]
    assert len(leaders) == 1
    assert abs(float(leaders[0].get("y1")) - float(leaders[0].get("y2"))) > 5   # from where the name stands


def test_the_trend_draws_neither_title_nor_hint():
    fig = trend_figure(selection=())
    root = parse(chart_svg(fig, 640, "nl"))
    hint = fig["layout"]["title"]["subtitle"]["text"]
    assert hint and hint not in texts(root) and fig["layout"]["title"]["text"] not in texts(root)
    assert float(root.get("height")) == fig["layout"]["height"]
    assert len(paths(root)) == 1


# --- the picture element -----------------------------------------------------------------------------------------------

def test_picture_holds_a_narrow_and_a_wide_drawing():
    picture = chart_picture(bar_figure(), "nl", alt="Rangorde", id="bar-picture")
    assert isinstance(picture, html.Picture)
    source, img = picture.children
    assert isinstance(source, html.Source) and source.media == "(max-width: 40rem)"
    assert isinstance(img, html.Img) and img.alt == "Rangorde" and img.id == "bar-picture"
    assert img.className == "chart-picture"
    prefix = "data:image/svg+xml;charset=utf-8,"
    for uri, width in ((source.srcSet, "360"), (img.src, "640")):
        assert uri.startswith(prefix) and "#" not in uri and '"' not in uri
        assert parse(unquote(uri[len(prefix):])).get("width") == width


@pytest.mark.parametrize("figure", [
    {"data": [], "layout": {"height": 400}},
    {"data": [{"type": "choropleth", "z": [1]}], "layout": {}},
    {"data": [{"type": "bar", "x": [], "y": []}], "layout": {}},
    {"data": [{"type": "scatter", "x": ["week 3"], "y": [1.0]}], "layout": {}},
    {},
])
def test_a_figure_it_cannot_draw_gives_an_empty_string(figure):
    assert chart_svg(figure, 640, "nl") == ""
