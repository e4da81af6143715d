"""The ranking tables behind the explorer's map, bars and hover texts, recomputed from the store's rows with pandas:
per period every region of the level, ranked by value (highest first, ties by code), the regions without a value
after them by name, and the period each change is measured from."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.data import queries as q
from dashboard.data.view import StoreView

LEVELS = ("arbeidsmarktregio", "rmc", "gemeente")


@pytest.fixture
def app_store(app_store):
    """A fresh view per test (see test_mut_layers.py): every function read is computed, not taken from a memo."""
    return StoreView(app_store.store)


def _expected_block(rows: pd.DataFrame, regions: pd.DataFrame) -> list[str]:
    values = rows.set_index("region_code")["value"].dropna()
    ranked = sorted(values.index, key=lambda code: (-values[code], code))
    missing = regions[~regions["region_code"].isin(values.index)]
    return ranked + sorted(missing["region_code"], key=lambda code: (
        str(missing.set_index("region_code").loc[code, "region_name"]).lower(), code))


def test_every_period_of_a_ranking_table_as_recomputed_from_the_store(app_store):
    obs = app_store.observations
    blocks = with_missing = 0
    for indicator in ("neet_share", "early_school_leaver_rate", "youth_jobseeker_rate", "youth_ww_benefits"):
        for level in LEVELS:
            rows = obs[(obs["indicator"] == indicator) & (obs["region_level"] == level)]
            if rows.empty:
                continue
            regions = app_store.regions[app_store.regions["region_level"] == level].sort_values("region_code")
            assert rows["frequency"].nunique() == 1                 # one series per level for these indicators
            ordered = rows.sort_values("period_start")
            valid = list(dict.fromkeys(ordered.loc[ordered["value"].notna(), "period"]))
            table = q.ranking_table(app_store, indicator, level)
            assert list(table.rows) == list(dict.fromkeys(ordered["period"]))   # with a row, with a value or not
            for period, (start, stop) in table.rows.items():
                block = table.frame.iloc[start:stop]
                now = rows[rows["period"] == period]
                assert block["region_code"].tolist() == _expected_block(now, regions), (indicator, level, period)
                i = valid.index(period) if period in valid else 0
                before = valid[i - 1] if i > 0 else None             # the period before with a value
                assert set(block["previous_period"]) == {before}, (indicator, level, period)
                then = rows[rows["period"] == before].set_index("region_code")["value"] if before else pd.Series()
                for code, value, previous, change in block[["region_code", "value", "previous_value",
                                                            "change"]].itertuples(index=False):
                    expected = then.get(code, math.nan)
                    assert (math.isnan(previous) and pd.isna(expected)) or previous == pytest.approx(expected)
                    if not (math.isnan(value) or math.isnan(previous)):
                        assert change == pytest.approx(value - previous)
                blocks += 1
                with_missing += int(block["value"].isna().any())
    assert blocks > 50 and with_missing > 0                 # the regions without a value were checked too


def test_a_time_series_is_the_asked_regions_in_order_then_nederland_once(app_store):
    obs = app_store.observations
    rows = obs[(obs["indicator"] == "neet_share")]

    def series_of(code):
        return rows[rows["region_code"] == code].sort_values("period_start")["period"].tolist()

    frame = q.time_series(app_store, "neet_share", "arbeidsmarktregio", ["AM15", "AM01", "AM15"])
    codes = frame["region_code"].tolist()
    assert list(dict.fromkeys(codes)) == ["AM15", "AM01", "NL01"]                     # Nederland by default, last
    for code in ("AM15", "AM01", "NL01"):
        assert frame.loc[frame["region_code"] == code, "period"].tolist() == series_of(code)
    national = q.time_series(app_store, "neet_share", "land", ["NL01"])                # Nederland asked: once
    assert national["period"].tolist() == series_of("NL01")
    alone = q.time_series(app_store, "neet_share", "arbeidsmarktregio", ["AM15"], national=False)
    assert set(alone["region_code"]) == {"AM15"}
    nothing = q.time_series(app_store, "neet_share", "arbeidsmarktregio", [], national=False)
    assert nothing.empty and list(nothing.columns) == q.SERIES_COLUMNS


@pytest.mark.parametrize("code", ["AM15", "MC21", "AM01"])
def test_the_municipalities_of_a_region_by_name_with_the_regions_columns(app_store, code):
    regions = app_store.regions
    column = "rmc_code" if code.startswith("MC") else "parent_code"
    own = regions[(regions[column] == code) & (regions["region_level"] == "gemeente")]
    got = q.municipalities(app_store, code)
    assert list(got.columns) == list(regions.columns) and list(got.index) == list(range(len(own)))
    assert got["region_code"].tolist() == sorted(own["region_code"], key=lambda c: (
        own.set_index("region_code").loc[c, "region_name"].lower(), c))
    assert len(own) > 1


def test_an_indicator_without_rows_is_no_map_layer(app_store):
    """A catalogued indicator that the store holds no rows of (a table not fetched yet) is left off the map."""
    from dataclasses import replace
    store = replace(app_store.store, indicators=[*app_store.indicators, {"id": "not_fetched", "title_nl": "x"}])
    layers = q.map_indicators(StoreView(store))
    assert "not_fetched" not in layers and layers == q.map_indicators(app_store)
