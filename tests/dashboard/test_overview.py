"""Overview page: its pure queries on the built store, and the page (the board brief) as the router serves it.

The brief's own queries and components are tested in test_brief.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pagesupport import find_ids, render_page, texts, to_plain

from dashboard.data.brief import region_figure
from dashboard.data.domain import NATIONAL_CODE
from dashboard.data.overview import (
    TREND_POINTS,
    data_as_of,
    headline,
    headline_frequency,
    indicator_rows,
    indicator_top,
    need_indicators,
    top_regions,
    trend,
    year_before,
)
from dashboard.data.queries import region_choices, region_info
from dashboard.ui.components.brief import change_words, figure_card


@pytest.fixture(scope="module")
def neet(app_store) -> pd.DataFrame:
    return indicator_rows(app_store, "neet_share")


def _value(obs: pd.DataFrame, indicator: str, region: str, period: str) -> float:
    row = obs[(obs["indicator"] == indicator) & (obs["region_code"] == region) & (obs["period"] == period)]
    assert len(row) == 1
    return float(row["value"].iloc[0])


def test_region_choices_are_the_35_regions_sorted_by_name(app_store):
    options = region_choices(app_store, "arbeidsmarktregio")
    assert len(options) == 35
    assert all(code.startswith("AM") for code, _ in options)
    names = [name for _, name in options]
    assert names == sorted(names, key=str.casefold)


@pytest.mark.parametrize(("given", "expected"), [("AM15", "AM15"), ("am15", "AM15"), (" AM15 ", "AM15"),
                                                 ("GM0363", None), ("NL01", None), ("", None), (None, None),
                                                 (["AM15"], None), ("AM99", None)])
def test_region_codes_are_read_case_insensitively_and_only_when_known(app_store, given, expected):
    info = region_info(app_store, given)
    assert (info["code"] if info and info["level"] == "arbeidsmarktregio" else None) == expected


def test_headline_is_the_latest_period_with_the_value_a_year_before(app_store, neet):
    obs = app_store.observations
    item = headline(neet, app_store.indicator("neet_share"), "AM15", "Regio")
    latest = neet.loc[neet["region_code"] == NATIONAL_CODE].sort_values("period_start")["period"].iloc[-1]
    assert item.frequency == "year"
    assert item.national.period == latest == item.region.period
    assert item.national.value == pytest.approx(_value(obs, "neet_share", NATIONAL_CODE, latest))
    assert item.region.value == pytest.approx(_value(obs, "neet_share", "AM15", latest))
    before = str(int(latest) - 1)
    assert item.region.previous_period == before
    assert item.region.change == pytest.approx(item.region.value - _value(obs, "neet_share", "AM15", before))


def test_national_only_indicators_say_so_for_a_region(app_store):
    rows = indicator_rows(app_store, "youth_unemployment_rate")
    item = headline(rows, app_store.indicator("youth_unemployment_rate"), "AM15", "Regio")
    assert item.frequency == "month"                       # the most recent figure
    assert item.region.value is None and item.region.flag == "national_only"
    assert item.national.value is not None
    assert item.national.previous_period == str(int(item.national.period[:4]) - 1) + item.national.period[4:]


def test_year_before_of_months_quarters_and_school_years(app_store):
    rows = indicator_rows(app_store, "unemployment_rate")
    assert year_before(rows, "2024MM03") == "2023MM03"
    assert year_before(rows, "2024KW02") == "2023KW02"
    vsv = indicator_rows(app_store, "early_school_leaver_rate")
    assert year_before(vsv, "2022/2023") == "2021/2022"
    assert year_before(vsv, "2012/2013") is None                   # the first school year CBS gives


def test_suppressed_value_is_missing_with_its_reason_never_zero(app_store, neet):
    latest = neet["period"].iloc[-1]
    hidden = neet.copy()
    at = (hidden["region_code"] == "AM15") & (hidden["period"] == latest)
    hidden.loc[at, "value"] = np.nan
    hidden.loc[at, "flag"] = "confidential"
    item = headline(hidden, app_store.indicator("neet_share"), "AM15", "Regio")
    assert item.region.value is None and item.region.flag == "confidential" and item.region.change is None
    figure = region_figure(app_store, "neet_share", "AM15", "arbeidsmarktregio")
    hidden_figure = type(figure)(**{**figure.__dict__, "value": None, "flag": "confidential"})
    block = texts(to_plain(figure_card(hidden_figure, "Regio", "nl")))
    assert "–" in block and "geheim" in block
    # ... and it is left out of the ranking instead of counting as 0
    top = top_regions(hidden, n=35)
    assert "AM15" not in set(top["region_code"]) and top["value"].notna().all()


def test_headline_frequency_prefers_the_most_recent_series(app_store):
    for indicator, expected in [("unemployment_rate", "month"), ("neet_share", "year"),
                                ("early_school_leaver_rate", "school_year")]:
        assert headline_frequency(indicator_rows(app_store, indicator)) == expected


def test_trend_is_the_last_periods_in_order(app_store, neet):
    rows = indicator_rows(app_store, "unemployment_rate")
    monthly = trend(rows, NATIONAL_CODE, "month")
    assert len(monthly) == TREND_POINTS["month"]
    assert monthly["period_start"].is_monotonic_increasing
    assert monthly["period"].iloc[-1] == rows[rows["frequency"] == "month"]["period"].iloc[-1]
    assert len(trend(neet, "AM15", "year")) == neet[neet["region_code"] == "AM15"].shape[0]


def test_top_regions_are_the_five_highest_regions_in_the_latest_period(app_store, neet):
    top = top_regions(neet)
    latest = neet[neet["region_level"] == "arbeidsmarktregio"].sort_values("period_start")["period"].iloc[-1]
    regional = neet[(neet["region_level"] == "arbeidsmarktregio") & (neet["period"] == latest)]
    expected = regional.sort_values(["value", "region_name"], ascending=[False, True])["region_code"].head(5)
    assert list(top["region_code"]) == list(expected)
    assert list(top["rank"]) == [1, 2, 3, 4, 5]
    assert top["value"].is_monotonic_decreasing
    assert set(top["period"]) == {latest}


def test_need_indicators_are_the_regional_ones_where_higher_means_more_need(app_store):
    assert need_indicators(app_store) == [
        "neet_share", "youth_jobseeker_rate", "youth_benefit_share", "early_school_leaver_rate"]
    found = need_indicators(app_store)
    found.append("changed")                                   # a copy: what the view holds stays as it was
    assert "changed" not in need_indicators(app_store)


def test_indicator_top_is_top_regions_once_per_view(app_store, neet):
    top = indicator_top(app_store, "neet_share")
    pd.testing.assert_frame_equal(top, top_regions(neet))
    assert indicator_top(app_store, "neet_share") is top


def test_data_as_of_lists_every_source_with_its_demo_parts(app_store):
    entries = data_as_of(app_store.manifest)
    assert [e["table_id"] for e in entries] == [s["table_id"] for s in app_store.manifest["sources"]]
    by_id = {e["table_id"]: e for e in entries}
    youth = by_id["86087NED"]
    assert youth["is_demo"] == any(s["is_demo"] for s in app_store.manifest["sources"][
        [s["table_id"] for s in app_store.manifest["sources"]].index("86087NED")]["slices"])
    real = [e for e in entries if not e["is_demo"]]
    assert all(not e["demo_slices"] for e in real)


@pytest.mark.parametrize(("change", "unit", "lang", "expected"), [
    (0.44, "percent", "nl", "0,4 procentpunt hoger"),
    (-0.44, "percent", "nl", "0,4 procentpunt lager"),
    (0.44, "percent", "en", "0.4 pp higher"),
    (-1.8, "per_1000", "en", "1.8 per 1,000 lower"),
    (0.01, "percent", "nl", "gelijk"),                 # rounds to zero: no "+0,0"
    (-0.04, "percent", "en", "the same"),             # ... and no "−0.0"
    (None, "percent", "nl", "geen cijfer"),
])
def test_changes_are_words_never_a_signed_zero(change, unit, lang, expected):
    assert change_words(change, unit, lang) == expected


def test_overview_page_is_the_brief_of_a_region_in_english(app_client, app_store):
    page = render_page(app_client, "/", "?regio=AM15&lang=en")
    name = app_store.regions.set_index("region_code").loc["AM15", "region_name"]
    text = texts(page["content"])
    assert f"Board brief: {name}" in text
    assert "Highest value per indicator" in text and "Data as of" in text
    ids = find_ids(page["content"])
    assert {"overview-region", "overview-print", "overview-region-submit", "brief"} <= ids
    from dashboard.data.brief import headline_period
    from dashboard.ui.i18n import period_label
    month = period_label(headline_period(app_store, "youth_unemployment_rate")[0], "month", "en")
    assert "Measured nationally only" in text and f"({month})" in text


def test_overview_page_without_region_is_the_national_brief_and_an_unknown_code_says_so(app_client):
    plain = texts(render_page(app_client, "/", "")["content"])
    assert "Bestuurlijke samenvatting: Nederland" in plain and "Wat veranderde sinds de vorige vergaderingen" in plain
    unknown = texts(render_page(app_client, "/", "?regio=XX99")["content"])
    assert "Regiocode XX99 bestaat niet" in unknown and "Bestuurlijke samenvatting: Nederland" in unknown
    national = texts(render_page(app_client, "/", "?regio=NL01")["content"])
    assert "Regiocode" not in national and "Bestuurlijke samenvatting: Nederland" in national


def test_a_gemeente_gets_its_own_brief_not_the_national_fallback(app_client):
    text = texts(render_page(app_client, "/", "?regio=GM0363")["content"])
    assert "Bestuurlijke samenvatting: Amsterdam" in text
    assert "Gemeente GM0363 in arbeidsmarktregio Groot Amsterdam" in text
    assert "Amsterdam en de andere gemeenten van Groot Amsterdam" in text
    assert "Nog geen regio" not in text
