"""dashboard.ui.figures: figure dicts (plain data, no ``go.Figure``) built from the real store's frames."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from dash._utils import to_json

from dashboard.data import queries as q
from dashboard.ui.figures.charts import (
    INSIDE_SHARE,
    bar_rows,
    label_positions,
    make_bar_figure,
    make_timeseries_figure,
    ranking_summary,
    source_line,
    tick_label,
    timeseries_summary,
)
from dashboard.ui.figures.map import (
    NL_BOUNDS,
    feature_subset,
    make_map_figure,
    map_layout,
    selection_patch_values,
)
from dashboard.ui.figures.plain import Figure, array_values, named_colorscale, typed_array
from dashboard.ui.palette import HIGHLIGHT


@pytest.fixture(scope="module")
def store(app_store):
    return app_store


@pytest.fixture(scope="module")
def meta(store):
    return store.indicator("neet_share")


def latest(store, indicator: str = "neet_share", level: str = "arbeidsmarktregio") -> str:
    return q.latest_period(store, indicator, level)


def demo_source(meta, lang="nl") -> str:
    tables = ", ".join(meta["source_tables"])
    many = len(meta["source_tables"]) > 1
    if lang == "nl":
        return f"DEMO, in de vorm van CBS-tabel{'len' if many else ''} {tables}; geen CBS-cijfers"
    return f"DEMO, in the shape of CBS table{'s' if many else ''} {tables}; not CBS figures"


def _map(store, meta, level="gemeente", period=None, selection=("GM0363",), lang="nl"):
    period = period or latest(store, "neet_share", level)
    ranking = q.ranking(store, "neet_share", level, period)
    return make_map_figure(ranking, list(selection), lang, geojson=store.geojson(level),
                           meta=meta, period=period, frequency="year", is_demo=True)


def _source(fig: dict) -> str:
    """The figure's source line: kept for the image export, never drawn in the chart (the page shows it)."""
    assert not [a for a in fig["layout"].get("annotations", []) if a.get("name") == "source"]
    return fig["layout"]["meta"]["source"]


# --- map -----------------------------------------------------------------------------------------------------------

def test_map_is_an_svg_choropleth_of_the_store_geojson_alone(store, meta):
    fig = _map(store, meta)
    assert [tr["type"] for tr in fig["data"]] == ["choropleth"] * 3
    assert [tr["uid"] for tr in fig["data"]] == ["values", "missing", "selection"]
    geo = fig["layout"]["geo"]
    assert geo["visible"] is False and geo["projection"] == {"type": "mercator"}     # no base map, no tiles
    lon0, lat0, lon1, lat1 = NL_BOUNDS                                   # the Netherlands, with a small margin
    assert geo["lonaxis"]["range"][0] < lon0 < lon1 < geo["lonaxis"]["range"][1] < lon1 + 0.2
    assert geo["lataxis"]["range"][0] < lat0 < lat1 < geo["lataxis"]["range"][1] < lat1 + 0.2
    assert all(tr["featureidkey"] == "id" for tr in fig["data"])
    assert len(fig["data"][0]["geojson"]["features"]) == 342
    assert fig["layout"]["separators"] == ",."
    assert fig["layout"]["title"]["text"] == f"Jongeren zonder werk en opleiding, {latest(store, level='gemeente')}"
    assert _source(fig) == demo_source(meta)
    text = json.dumps({k: v for k, v in fig["layout"].items() if k != "template"})
    assert "mapbox" not in text and "http" not in text


def test_map_shows_suppressed_regions_grey_and_names_them_in_the_hover(store):
    vsv = store.indicator("early_school_leaver_rate")             # 2019/2020: Haaren's receivers are incomplete
    ranking = q.ranking(store, "early_school_leaver_rate", "gemeente", "2019/2020")
    fig = make_map_figure(ranking, ["GM0363"], "nl", geojson=store.geojson("gemeente"), meta=vsv, period="2019/2020",
                          frequency="school_year", is_demo=False)
    values = q.values(store, "early_school_leaver_rate", "gemeente", "2019/2020")
    missing = set(values.loc[values["value"].isna(), "region_code"])
    blank, values = fig["data"][1], fig["data"][0]
    assert set(blank["locations"]) == missing and missing
    assert {f["id"] for f in blank["geojson"]["features"]} == missing
    assert {c for (c, _) in blank["colorscale"]} == {0, 1}
    assert {col for (_, col) in blank["colorscale"]} == {"#DDDDDD"}
    hover = dict(zip(blank["locations"], blank["text"], strict=True))
    assert all("geen cijfer: onvolledig" in hover[code] for code in missing)
    assert len(values["locations"]) + len(blank["locations"]) == 342
    assert not set(values["locations"]) & missing


def test_map_hover_uses_dutch_or_english_numbers(store, meta):
    nl = _map(store, meta)
    en = _map(store, meta, lang="en")
    period = latest(store, level="gemeente")
    value = q.values(store, "neet_share", "gemeente", period).set_index("region_code").loc["GM0363", "value"]
    pos = q.position(store, "neet_share", "GM0363", period)
    nl_hover = dict(zip(nl["data"][0]["locations"], nl["data"][0]["text"], strict=True))["GM0363"]
    en_hover = dict(zip(en["data"][0]["locations"], en["data"][0]["text"], strict=True))["GM0363"]
    assert f"{value:.1f}".replace(".", ",") + "%" in nl_hover and f"positie {pos['rank']} van {pos['of']}" in nl_hover
    assert f"{value:.1f}%" in en_hover and f"position {pos['rank']} of {pos['of']}" in en_hover
    assert en["layout"]["separators"] == ".," and _source(en) == demo_source(meta, "en")
    assert en["layout"]["title"]["text"] == f"Young people not in employment or education, {period}"


def test_map_outlines_the_selection_only(store, meta):
    fig = _map(store, meta, selection=("GM0363", "GM0599"))
    sel = fig["data"][2]
    assert list(sel["locations"]) == ["GM0363", "GM0599"]
    assert sorted(f["id"] for f in sel["geojson"]["features"]) == ["GM0363", "GM0599"]
    assert sel["hoverinfo"] == "skip" and sel["marker"]["line"]["width"] >= 3
    patch = selection_patch_values(store.geojson("gemeente"), ["AM15"], "nl")
    assert patch["locations"] == ["AM15"] and patch["geojson"]["features"] == []      # wrong level: nothing drawn
    empty = _map(store, meta, selection=())
    assert list(empty["data"][2]["locations"]) == [] and empty["data"][2]["geojson"]["features"] == []


def test_geojson_helpers(store):
    geo = store.geojson("arbeidsmarktregio")
    assert store.geojson("arbeidsmarktregio") is geo                 # read once
    assert len(geo["features"]) == 35 and all(f["id"].startswith("AM") for f in geo["features"])
    span = map_layout()["lonaxis"]["range"]                          # the country with a margin
    assert span[0] < NL_BOUNDS[0] < NL_BOUNDS[2] < span[1] < NL_BOUNDS[2] + 0.2
    assert feature_subset(geo, ["AM15"])["features"][0]["properties"]["statcode"] == "AM15"


# --- time series ---------------------------------------------------------------------------------------------------

def test_timeseries_lines_differ_in_more_than_colour(store, meta):
    series = q.time_series(store, "neet_share", "arbeidsmarktregio", ["AM15", "AM18", "AM01"])
    fig = make_timeseries_figure(series, ["AM15", "AM18", "AM01"], "nl", meta=meta, frequency="year", is_demo=True)
    names = [tr["name"] for tr in fig["data"]]
    assert names == ["Noord-Holland Noord", "Groot Amsterdam", "Groningen", "Nederland"]
    assert len({tr["line"]["dash"] for tr in fig["data"]}) == 4
    assert len({tr["marker"]["symbol"] for tr in fig["data"]}) == 4
    assert fig["data"][-1]["line"]["color"] == "#000000"
    colours = [tr["line"]["color"] for tr in fig["data"][:-1]]
    assert colours[0] == HIGHLIGHT and len(set(colours)) == 3 and "#000000" not in colours   # one colour each
    labels = {a["name"]: a for a in fig["layout"]["annotations"]}
    for tr in fig["data"][:-1]:                     # each line named at its last value, in its own colour
        last = max(i for i, y in enumerate(tr["y"]) if y == y and y is not None)
        label = labels[tr["name"]]
        assert label["x"] == tr["x"][last] and f"color:{tr['line']['color']}" in label["text"]
        assert label["text"].endswith(tr["name"])
    ys = sorted(a.get("ay", a["y"]) for a in labels.values())            # where each name stands
    assert all(b - a > 0 for a, b in zip(ys, ys[1:], strict=False))
    assert fig["layout"]["yaxis"]["rangemode"] == "tozero" and fig["layout"]["yaxis"]["exponentformat"] == "none"
    assert fig["layout"]["separators"] == ",." and _source(fig) == demo_source(meta)
    assert list(fig["layout"]["xaxis"]["ticktext"]) == list(q.valid_periods(store, "neet_share", "arbeidsmarktregio"))
    am15 = series[series["region_code"] == "AM15"].sort_values("period_start")
    assert list(fig["data"][0]["y"]) == list(am15["value"])
    assert fig["data"][0]["x"] == [d.isoformat() for d in am15["period_start"]]
    assert f"{am15['period'].iloc[-1]}: " in fig["data"][0]["text"][-1] and "%" in fig["data"][0]["text"][-1]


def test_ten_selected_regions_each_have_a_colour_of_their_own(store, meta):
    """The most regions the explorer takes (10): ten colours, none Nederland's black, every line in the legend; more
    than four get no names at their lines' ends (on a phone they would cover the plot)."""
    from dashboard.pages.explorer.state import MAX_SELECTED
    codes = sorted(store.regions.loc[store.regions["region_level"] == "arbeidsmarktregio", "region_code"])[:MAX_SELECTED]
    series = q.time_series(store, "neet_share", "arbeidsmarktregio", codes)
    fig = make_timeseries_figure(series, codes, "nl", meta=meta, frequency="year", is_demo=True)
    lines = fig["data"][:-1]
    assert len(lines) == MAX_SELECTED == len({tr["line"]["color"] for tr in lines})
    assert "#000000" not in {tr["line"]["color"] for tr in lines} and fig["layout"]["showlegend"] is True
    assert not fig["layout"].get("annotations")


@pytest.mark.parametrize("n", [2, 3, 4])
def test_names_at_the_lines_ends_stay_apart_inside_the_axis_and_point_to_their_value(store, meta, n):
    """Up to four regions: each line's name at its end, the names at least 7 % of the axis apart and inside it; a
    name moved off its value by more than half that has a line from it to the value."""
    ranking = q.ranking(store, "neet_share", "arbeidsmarktregio", latest(store)).dropna(subset=["value"])
    codes = list(ranking["region_code"].iloc[:n])                 # the highest: moved down to stay in the axis
    series = q.time_series(store, "neet_share", "arbeidsmarktregio", codes)
    fig = make_timeseries_figure(series, codes, "nl", meta=meta, frequency="year", is_demo=True)
    notes = {a["name"]: a for a in fig["layout"]["annotations"]}
    lines = fig["data"][:-1]
    assert set(notes) == {tr["name"] for tr in lines}
    top = max(v for tr in fig["data"] for v in tr["y"] if v is not None and v == v)
    stands = sorted(a.get("ay", a["y"]) for a in notes.values())
    assert all(b - a >= 0.07 * top - 1e-9 for a, b in zip(stands, stands[1:], strict=False))
    assert 0 <= stands[0] and stands[-1] <= top + 1e-9
    for tr in lines:
        last = max(i for i, y in enumerate(tr["y"]) if y is not None and y == y)
        note = notes[tr["name"]]
        assert note["x"] == tr["x"][last] and f"color:{tr['line']['color']}" in note["text"]
        if note.get("showarrow"):                   # moved: the line from the name ends at the last value
            assert note["y"] == tr["y"][last] and note["ayref"] == "y"
        else:                                       # beside its value (moved by half a gap at most)
            assert abs(note["y"] - tr["y"][last]) <= 0.035 * top + 1e-9


def test_timeseries_without_selection_shows_nederland_and_a_hint(store, meta):
    series = q.time_series(store, "neet_share", "arbeidsmarktregio", [])
    fig = make_timeseries_figure(series, [], "en", meta=meta, frequency="year")
    assert [tr["name"] for tr in fig["data"]] == ["Netherlands"]
    assert "Choose regions" in fig["layout"]["title"]["subtitle"]["text"]


def test_school_year_and_month_ticks():
    assert tick_label("2022/2023", "school_year", "nl") == "2022/23"
    assert tick_label("2023KW02", "quarter", "nl") == "K2 2023"
    assert tick_label("2023KW02", "quarter", "en") == "Q2 2023"
    assert tick_label("2023MM01", "month", "en") == "2023"


# --- bar -----------------------------------------------------------------------------------------------------------

def test_bar_of_all_labour_market_regions_highest_first(store, meta):
    period = latest(store)
    ranking = q.ranking(store, "neet_share", "arbeidsmarktregio", period)
    fig = make_bar_figure(ranking, ["AM15"], "nl", meta=meta, level="arbeidsmarktregio", period=period,
                          frequency="year", national=q.national_value(store, "neet_share", period))
    bar = fig["data"][0]
    assert bar["type"] == "bar" and bar["orientation"] == "h" and len(bar["y"]) == 35
    assert list(bar["x"]) == sorted(bar["x"], reverse=True)
    i = list(bar["y"]).index("AM15")
    assert bar["marker"]["pattern"]["shape"][i] == "/" and bar["marker"]["color"][i] == "#D55E00"
    assert sum(1 for s in bar["marker"]["pattern"]["shape"] if s) == 1
    assert fig["layout"]["shapes"][0]["x0"] == q.national_value(store, "neet_share", period)
    assert fig["layout"]["shapes"][0]["layer"] == "below"                # never through a label
    assert fig["layout"]["title"]["text"] == f"Jongeren zonder werk en opleiding, {period}"
    longest = max(bar["x"])
    assert bar["textposition"] == ["inside" if x >= INSIDE_SHARE * longest else "outside" for x in bar["x"]]
    assert bar["insidetextfont"]["color"][i] == "#000000"               # black on vermillion, white on blue
    assert {c for j, c in enumerate(bar["insidetextfont"]["color"]) if j != i} == {"white"}
    assert fig["layout"]["xaxis"]["range"][1] <= 1.06 * max(longest, fig["layout"]["shapes"][0]["x0"])


def test_short_bars_carry_their_label_outside():
    values = pd.Series([10.0, 2.9, 3.0, 0.0, float("nan"), -6.0])
    assert label_positions(values) == ["inside", "outside", "inside", "outside", "outside", "inside"]
    assert label_positions(pd.Series([0.0, 0.0])) == ["outside", "outside"]


def test_bar_of_municipalities_keeps_both_ends_and_the_selection(store, meta):
    period = latest(store, level="gemeente")
    ranking = q.ranking(store, "neet_share", "gemeente", period)
    rows = bar_rows(ranking, ["GM0599"], "gemeente")
    ranks = sorted(rows["rank"].astype(int))
    ranked = int(ranking["rank"].notna().sum())
    assert ranks[:10] == list(range(1, 11)) and ranks[-10:] == list(range(ranked - 9, ranked + 1))
    assert "GM0599" in set(rows["region_code"]) and len(rows) in (20, 21)
    fig = make_bar_figure(ranking, ["GM0599"], "en", meta=meta, level="gemeente", period=period, frequency="year")
    assert "10 highest and 10 lowest" in fig["layout"]["title"]["subtitle"]["text"]
    assert fig["layout"]["separators"] == ".,"


def test_count_indicators_get_no_national_reference_line(store):
    meta = store.indicator("neet_count")
    period = latest(store, "neet_count")
    ranking = q.ranking(store, "neet_count", "arbeidsmarktregio", period)
    fig = make_bar_figure(ranking, [], "nl", meta=meta, level="arbeidsmarktregio", period=period, frequency="year",
                          national=q.national_value(store, "neet_count", period))
    assert not fig["layout"].get("shapes")
    am15 = int(ranking.set_index("region_code").loc["AM15", "value"])
    assert am15 >= 1000 and f"{am15:,}".replace(",", ".") in fig["data"][0]["text"]   # Dutch thousands separator
    assert fig["layout"]["xaxis"]["exponentformat"] == "none"                       # ticks "5.000", not "5k"


@pytest.mark.parametrize(("indicator", "reverse", "rule"), [
    ("neet_share", False, "geel = meer behoefte"),       # higher means more need: the highest value is yellow
    ("neet_count", False, "geel = hoger"),               # no direction: yellow = higher
])
def test_every_map_puts_yellow_at_more_need_and_says_so(store, indicator, reverse, rule):
    meta = store.indicator(indicator)
    level = "arbeidsmarktregio"
    period = latest(store, indicator, level)
    fig = make_map_figure(q.ranking(store, indicator, level, period), [], "nl", geojson=store.geojson(level),
                          meta=meta, period=period, frequency="year")
    values = fig["data"][0]
    assert values["colorscale"] == named_colorscale("Viridis") and values["reversescale"] is reverse
    assert values["colorscale"][-1][1] == "#fde725"                        # viridis' top is yellow
    assert values["colorbar"]["title"]["text"].endswith(rule)
    assert values["colorbar"]["exponentformat"] == "none"
    flipped = make_map_figure(q.ranking(store, indicator, level, period), [], "en", geojson=store.geojson(level),
                              meta={**meta, "higher_is_more_need": False}, period=period, frequency="year")
    assert flipped["data"][0]["reversescale"] is True                      # lower = more need: yellow at the bottom
    assert flipped["data"][0]["colorbar"]["title"]["text"].endswith("yellow = more need")


# --- text alternatives and source ------------------------------------------------------------------------------------

def test_summaries_name_highest_lowest_and_missing(store, meta):
    vsv = store.indicator("early_school_leaver_rate")
    ranking = q.ranking(store, "early_school_leaver_rate", "gemeente", "2019/2020")
    text = ranking_summary(ranking, vsv, "nl", 6.4)
    valued = ranking.dropna(subset=["value"]).sort_values(["value", "region_code"], ascending=[False, True])
    assert text.startswith(f"Hoogste waarde: {valued.iloc[0]['region_name']}")
    missing = int(ranking["value"].isna().sum())
    regions = "1 regio" if missing == 1 else f"{missing} regio's"
    assert missing > 0 and "Nederland: 6,4%" in text and f"{regions} zonder cijfer" in text
    series = q.time_series(store, "neet_share", "arbeidsmarktregio", ["AM15"])
    line = timeseries_summary(series, ["AM15"], meta, "year", "en")
    assert line.startswith("Noord-Holland Noord: from ") and "Netherlands: from" in line


def test_source_line_lists_every_table(store):
    assert source_line({"source_tables": ["86087NED", "84780NED"], "is_demo": False}, "nl") == \
        "Bron: CBS, tabellen 86087NED, 84780NED"
    assert source_line(store.indicator("early_school_leaver_rate"), "en", True) == \
        "DEMO, in the shape of CBS table 84780NED; not CBS figures"             # demo is never credited to CBS
    assert source_line(store.indicator("population"), "nl") == "Bron: CBS, tabel 85984NED"


# --- plain data ------------------------------------------------------------------------------------------------------

def _every_kind(store, meta) -> dict[str, Figure]:
    """One figure of each kind the figure modules build, at both levels and in both languages."""
    figs: dict[str, Figure] = {}
    for level, selection in (("arbeidsmarktregio", ["AM15", "AM01"]), ("gemeente", ["GM0363"])):
        period = latest(store, level=level)
        ranking = q.ranking(store, "neet_share", level, period)
        for lang in ("nl", "en"):
            figs[f"map-{level}-{lang}"] = _map(store, meta, level=level, selection=selection, lang=lang)
            figs[f"bar-{level}-{lang}"] = make_bar_figure(
                ranking, selection, lang, meta=meta, level=level, period=period, frequency="year",
                national=q.national_value(store, "neet_share", period), is_demo=True)
        series = q.time_series(store, "neet_share", level, selection)
        figs[f"timeseries-{level}"] = make_timeseries_figure(series, selection, "nl", meta=meta, frequency="year")
    monthly = store.indicator("youth_ww_benefits")
    series = q.time_series(store, "youth_ww_benefits", "arbeidsmarktregio", ["AM15"])
    figs["timeseries-monthly"] = make_timeseries_figure(series, ["AM15"], "en", meta=monthly, frequency="month")
    return figs


@pytest.fixture(scope="module")
def every_kind(store, meta):
    return _every_kind(store, meta)


def _leaves(obj):
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        else:
            yield item


def test_figures_are_plain_json_data(every_kind):
    for name, fig in every_kind.items():
        assert isinstance(fig, dict) and set(fig) == {"data", "layout"}, name
        assert fig.to_plotly_json() is fig                   # what callers written for go.Figure call
        kinds = {type(v) for v in _leaves(fig)}
        assert kinds <= {str, int, float, bool, type(None)}, (name, kinds)    # no numpy, no Timestamps, no tuples
        json.dumps(fig, allow_nan=False)                     # the json module alone, and no NaN left


def test_the_priority_pages_chart_and_map_are_plain_json_data_too(store):
    """/prioriteit draws its ranking and map without Plotly (HTML and CSS, an SVG image): what it sends is JSON data
    of components as well, with no numpy, no Timestamps, no tuples and no NaN."""
    from analysis.need_index import DEFAULT_WEIGHTS
    from dashboard.data.need import need_periods
    from dashboard.pages.priority import parts as priority
    for level in ("arbeidsmarktregio", "gemeente"):
        for lang in ("nl", "en"):
            parts = priority.render(store, dict(DEFAULT_WEIGHTS), "zscore", need_periods(store, level)[-1], lang,
                                    level)
            for name in ("ranking", "ranking_style", "map"):
                part = parts[name]
                assert part, (level, lang, name)
                kinds = {type(v) for v in _leaves(part)}
                assert kinds <= {str, int, float, bool, type(None)}, (level, lang, name, kinds)
                json.dumps(part, allow_nan=False)
                assert json.loads(to_json(part)) == json.loads(json.dumps(part)), (level, lang, name)


def test_going_through_go_figure_changes_nothing_in_the_json(every_kind):
    """Validating a figure dict with plotly (what the figures used to be built with) gives the same JSON:
    every property is one Plotly accepts, with the values it would have made of it."""
    for name, fig in every_kind.items():
        validated = go.Figure(fig)
        assert json.loads(to_json(validated)) == json.loads(to_json(fig)), name
        for ours, theirs in zip(fig["data"], validated.to_plotly_json()["data"], strict=True):
            assert list(ours) == list(theirs), name          # key order too: a Patch built from items keeps it


def test_every_figure_carries_plotlys_default_template_computed_once(every_kind):
    default = go.Figure().to_plotly_json()["layout"]["template"]
    templates = [fig["layout"]["template"] for fig in every_kind.values()]
    assert json.loads(to_json(templates[0])) == json.loads(to_json(default))
    assert pio.templates.default in ("plotly", None) or templates[0]
    assert all(t is templates[0] for t in templates)


def test_the_map_references_the_geojson_and_never_copies_it(store, meta):
    fig = _map(store, meta, level="gemeente")
    assert fig["data"][0]["geojson"] is store.geojson("gemeente")


def test_named_colorscale_is_what_plotly_makes_of_the_name():
    assert named_colorscale("Cividis") == go.Choroplethmap(colorscale="Cividis").to_plotly_json()["colorscale"]


def test_typed_arrays_are_what_plotly_writes_for_numpy_arrays():
    for values in (np.array([1.5, float("nan"), -2.25]), np.array([1, 2, 300]), np.array([7, -8]),
                   np.array([2**40, 1])):
        expected = go.Figure(go.Scatter(x=values)).to_plotly_json()["data"][0]["x"]
        assert json.loads(to_json(typed_array(values))) == json.loads(to_json(expected))
        decoded = array_values(typed_array(values))
        assert [None if math.isnan(v) else v for v in decoded] == [None if math.isnan(v) else v for v in values]
    assert typed_array(np.array([])) == []


def test_the_nederland_label_stays_inside_the_chart():
    from dashboard.ui.figures.charts import national_label_anchor
    assert national_label_anchor(34.6, [0.0, 53.6]) == "right"        # in the right half: the label ends at its line
    assert national_label_anchor(5.3, [0.0, 8.3]) == "right"
    assert national_label_anchor(2.0, [0.0, 8.3]) == "left"
    assert national_label_anchor(1.0, None) == "left"


def test_no_two_selected_regions_draw_the_same_line(store, meta):
    codes = sorted(q.region_codes(store, "arbeidsmarktregio"))[:10]
    series = q.time_series(store, "youth_ww_benefits", "arbeidsmarktregio", codes)
    fig = make_timeseries_figure(series, codes, "nl", meta=store.indicator("youth_ww_benefits"), frequency="month")
    looks = [(tr["line"]["color"], tr["line"]["dash"]) for tr in fig["data"][:-1]]
    assert len(looks) == len(codes) and len(set(looks)) == len(looks)
