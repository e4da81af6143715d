"""dashboard.ui.figures.charts and dashboard.ui.figures.map: go.Figure objects built from the real store's frames."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from dashboard.data import queries as q
from dashboard.ui.figures.charts import (
    bar_rows,
    make_bar_figure,
    make_timeseries_figure,
    ranking_summary,
    source_line,
    tick_label,
    timeseries_summary,
)
from dashboard.ui.figures.map import (
    NL_BOUNDS,
    bounds,
    feature_subset,
    make_map_figure,
    selection_patch_values,
    view_for,
)


@pytest.fixture(scope="module")
def store(app_store):
    return app_store


@pytest.fixture(scope="module")
def meta(store):
    return store.indicator("neet_share")


def _map(store, meta, level="gemeente", period="2024", selection=("GM0363",), lang="nl"):
    ranking = q.ranking(store, "neet_share", level, period)
    return make_map_figure(ranking, list(selection), lang, geojson=store.geojson(level),
                           meta=meta, period=period, frequency="year", is_demo=True)


def _source(fig: go.Figure) -> str:
    return next(a.text for a in fig.layout.annotations if a.name == "source")


# --- map -----------------------------------------------------------------------------------------------------------

def test_map_is_a_white_background_choroplethmap_from_the_store_geojson(store, meta):
    fig = _map(store, meta)
    assert [tr.type for tr in fig.data] == ["choroplethmap"] * 3
    assert [tr.uid for tr in fig.data] == ["values", "missing", "selection"]
    assert fig.layout.map.style == "white-bg"                  # no tiles, no outside request
    assert all(tr.featureidkey == "id" for tr in fig.data)
    assert len(fig.data[0].geojson["features"]) == 342
    assert fig.layout.separators == ",."
    assert fig.layout.title.text == "Jongeren zonder werk en opleiding, 2024"
    assert _source(fig) == "Bron: CBS, tabel 86087NED (demo)"
    text = json.dumps(fig.to_plotly_json()["layout"])
    assert "mapbox" not in text and "http" not in text


def test_map_shows_suppressed_regions_grey_and_names_them_in_the_hover(store, meta):
    fig = _map(store, meta)
    values = q.values(store, "neet_share", "gemeente", "2024")
    missing = set(values.loc[values["value"].isna(), "region_code"])
    assert set(fig.data[1].locations) == missing and "GM0088" in missing
    assert {f["id"] for f in fig.data[1].geojson["features"]} == missing
    assert {c for (c, _) in fig.data[1].colorscale} == {0, 1}
    assert {col for (_, col) in fig.data[1].colorscale} == {"#DDDDDD"}
    hover = dict(zip(fig.data[1].locations, fig.data[1].text, strict=True))
    assert "geheim/niet beschikbaar" in hover["GM0088"]
    assert len(fig.data[0].locations) + len(fig.data[1].locations) == 342
    assert not set(fig.data[0].locations) & missing


def test_map_hover_uses_dutch_or_english_numbers(store, meta):
    nl = _map(store, meta)
    en = _map(store, meta, lang="en")
    value = q.values(store, "neet_share", "gemeente", "2024").set_index("region_code").loc["GM0363", "value"]
    nl_hover = dict(zip(nl.data[0].locations, nl.data[0].text, strict=True))["GM0363"]
    en_hover = dict(zip(en.data[0].locations, en.data[0].text, strict=True))["GM0363"]
    assert f"{value:.1f}".replace(".", ",") + "%" in nl_hover and "positie 1 van 339" in nl_hover
    assert f"{value:.1f}%" in en_hover and "position 1 of 339" in en_hover
    assert en.layout.separators == ".," and _source(en) == "Source: CBS, table 86087NED (demo)"
    assert en.layout.title.text == "Young people not in employment or education, 2024"


def test_map_outlines_the_selection_only(store, meta):
    fig = _map(store, meta, selection=("GM0363", "GM0599"))
    sel = fig.data[2]
    assert list(sel.locations) == ["GM0363", "GM0599"]
    assert sorted(f["id"] for f in sel.geojson["features"]) == ["GM0363", "GM0599"]
    assert sel.hoverinfo == "skip" and sel.marker.line.width >= 3
    patch = selection_patch_values(store.geojson("gemeente"), ["AM15"], "nl")
    assert patch["locations"] == ["AM15"] and patch["geojson"]["features"] == []      # wrong level: nothing drawn
    empty = _map(store, meta, selection=())
    assert list(empty.data[2].locations) == [] and empty.data[2].geojson["features"] == []


def test_geojson_helpers(store):
    geo = store.geojson("arbeidsmarktregio")
    assert store.geojson("arbeidsmarktregio") is geo                 # read once
    assert len(geo["features"]) == 35 and all(f["id"].startswith("AM") for f in geo["features"])
    lon0, lat0, lon1, lat1 = bounds(geo)
    assert 3 < lon0 < lon1 < 7.5 and 50.5 < lat0 < lat1 < 53.8
    assert bounds(geo, ["nothing"]) == NL_BOUNDS
    small = bounds(geo, ["AM15"])
    assert small[0] > lon0 and small[3] <= lat1
    assert view_for(small)["zoom"] > view_for(bounds(geo))["zoom"]
    assert feature_subset(geo, ["AM15"])["features"][0]["properties"]["statcode"] == "AM15"


# --- time series ---------------------------------------------------------------------------------------------------

def test_timeseries_lines_differ_in_more_than_colour(store, meta):
    series = q.time_series(store, "neet_share", "arbeidsmarktregio", ["AM15", "AM18", "AM01"])
    fig = make_timeseries_figure(series, ["AM15", "AM18", "AM01"], "nl", meta=meta, frequency="year", is_demo=True)
    names = [tr.name for tr in fig.data]
    assert names == ["Noord-Holland Noord", "Groot Amsterdam", "Groningen", "Nederland"]
    assert len({tr.line.dash for tr in fig.data}) == 4
    assert len({tr.marker.symbol for tr in fig.data}) == 4
    assert fig.data[-1].line.color == "#000000"
    assert fig.layout.separators == ",." and _source(fig) == "Bron: CBS, tabel 86087NED (demo)"
    assert list(fig.layout.xaxis.ticktext) == [str(y) for y in range(2017, 2025)]
    am15 = series[series["region_code"] == "AM15"].sort_values("period_start")
    assert list(fig.data[0].y) == list(am15["value"])
    assert "2024: " in fig.data[0].text[-1] and "%" in fig.data[0].text[-1]


def test_timeseries_without_selection_shows_nederland_and_a_hint(store, meta):
    series = q.time_series(store, "neet_share", "arbeidsmarktregio", [])
    fig = make_timeseries_figure(series, [], "en", meta=meta, frequency="year")
    assert [tr.name for tr in fig.data] == ["Netherlands"]
    assert "Choose regions" in fig.layout.title.subtitle.text


def test_school_year_and_month_ticks():
    assert tick_label("2022/2023", "school_year", "nl") == "2022/23"
    assert tick_label("2023KW02", "quarter", "nl") == "K2 2023"
    assert tick_label("2023KW02", "quarter", "en") == "Q2 2023"
    assert tick_label("2023MM01", "month", "en") == "2023"


# --- bar -----------------------------------------------------------------------------------------------------------

def test_bar_of_all_labour_market_regions_highest_first(store, meta):
    ranking = q.ranking(store, "neet_share", "arbeidsmarktregio", "2024")
    fig = make_bar_figure(ranking, ["AM15"], "nl", meta=meta, level="arbeidsmarktregio", period="2024",
                          frequency="year", national=q.national_value(store, "neet_share", "2024"))
    bar = fig.data[0]
    assert bar.type == "bar" and bar.orientation == "h" and len(bar.y) == 35
    assert list(bar.x) == sorted(bar.x, reverse=True)
    i = list(bar.y).index("AM15")
    assert bar.marker.pattern.shape[i] == "/" and bar.marker.color[i] == "#D55E00"
    assert sum(1 for s in bar.marker.pattern.shape if s) == 1
    assert fig.layout.shapes[0].x0 == q.national_value(store, "neet_share", "2024")
    assert fig.layout.title.text == "Jongeren zonder werk en opleiding, 2024"


def test_bar_of_municipalities_keeps_both_ends_and_the_selection(store, meta):
    ranking = q.ranking(store, "neet_share", "gemeente", "2024")
    rows = bar_rows(ranking, ["GM0599"], "gemeente")
    ranks = sorted(rows["rank"].astype(int))
    assert ranks[:10] == list(range(1, 11)) and ranks[-10:] == list(range(330, 340))
    assert "GM0599" in set(rows["region_code"]) and len(rows) in (20, 21)
    fig = make_bar_figure(ranking, ["GM0599"], "en", meta=meta, level="gemeente", period="2024", frequency="year")
    assert "10 highest and 10 lowest" in fig.layout.title.subtitle.text
    assert fig.layout.separators == ".,"


def test_count_indicators_get_no_national_reference_line(store):
    meta = store.indicator("neet_count")
    ranking = q.ranking(store, "neet_count", "arbeidsmarktregio", "2024")
    fig = make_bar_figure(ranking, [], "nl", meta=meta, level="arbeidsmarktregio", period="2024", frequency="year",
                          national=q.national_value(store, "neet_count", "2024"))
    assert not fig.layout.shapes
    assert "5.429" in fig.data[0].text                                  # AM15, Dutch thousands separator


# --- text alternatives and source ------------------------------------------------------------------------------------

def test_summaries_name_highest_lowest_and_missing(store, meta):
    ranking = q.ranking(store, "neet_share", "gemeente", "2024")
    text = ranking_summary(ranking, meta, "nl", 6.4)
    top = ranking.iloc[0]
    assert text.startswith(f"Hoogste waarde: {top['region_name']}")
    assert "Nederland: 6,4%" in text and "3 regio's zonder cijfer" in text
    series = q.time_series(store, "neet_share", "arbeidsmarktregio", ["AM15"])
    line = timeseries_summary(series, ["AM15"], meta, "year", "en")
    assert line.startswith("Noord-Holland Noord: from ") and "Netherlands: from" in line


def test_source_line_lists_every_table(store):
    assert source_line({"source_tables": ["86087NED", "84780NED"], "is_demo": False}, "nl") == \
        "Bron: CBS, tabellen 86087NED, 84780NED"
    assert source_line(store.indicator("early_school_leaver_rate"), "en", True) == \
        "Source: CBS, table 84780NED (demo)"
