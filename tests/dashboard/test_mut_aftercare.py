"""The aftercare table (/prioriteit, the brief): recomputed from the store's rows with plain pandas."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.data.aftercare import MEASURES, aftercare_period, aftercare_table, sort_aftercare
from dashboard.data.view import StoreView


@pytest.fixture
def app_store(app_store):
    """A fresh view of the session's store for every test: nothing memoised by an earlier test, so each test
    computes (and mutmut records it as calling) every function it reads."""
    return StoreView(app_store.store)


LEVELS = ("arbeidsmarktregio", "gemeente", "rmc")


def _rows(obs: pd.DataFrame, indicator: str, level: str) -> pd.DataFrame:
    return obs[(obs["indicator"] == indicator) & (obs["region_level"] == level)]


def _youth_years(obs: pd.DataFrame, level: str) -> list[str]:
    rows = _rows(obs, "neet_count", level).dropna(subset=["value"])
    return list(rows.sort_values("period_start").drop_duplicates("period")["period"])


@pytest.mark.parametrize("level", LEVELS)
def test_periods_are_the_youth_years_with_a_count(app_store, level):
    years = _youth_years(app_store.observations, level)
    assert len(years) >= 2
    assert aftercare_period(app_store, level) == years[-1]
    assert aftercare_period(app_store, "provincie") is None


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("which", [-1, -2])
def test_table_holds_the_stores_figures_and_their_ranks(app_store, level, which):
    obs = app_store.observations
    year = _youth_years(obs, level)[which]
    school_year = f"{int(year) - 1}/{year}"
    table = aftercare_table(app_store, level, year)
    regions = app_store.regions[app_store.regions["region_level"] == level]
    assert sorted(table["region_code"]) == sorted(regions["region_code"])
    assert set(table["period"]) == {year} and set(table["school_year"]) == {school_year}
    assert dict(zip(table["region_code"], table["region_name"], strict=True)) == \
        dict(zip(regions["region_code"], regions["region_name"], strict=True))
    expected = {}
    for measure in MEASURES:
        when = school_year if measure.startswith("early") else year
        rows = _rows(obs, measure, level)
        expected[measure] = rows[rows["period"] == when].set_index("region_code")["value"]
    total = expected["neet_count"].sum()
    counts = table.set_index("region_code")
    for code, row in counts.iterrows():
        for measure in MEASURES:
            want = expected[measure].get(code, float("nan"))
            assert (math.isnan(want) and pd.isna(row[measure])) or row[measure] == pytest.approx(want), (code, measure)
        assert row["share_of_national_neet"] == pytest.approx(100 * expected["neet_count"][code] / total)
    # sorted by the NEET count, largest first
    assert list(table["neet_count"]) == sorted(table["neet_count"], reverse=True)
    for measure in MEASURES:
        ranks, values = table[f"rank_{measure}"], table[measure]
        known = values.notna()
        assert ranks[~known].isna().all()
        assert sorted(ranks[known].astype(int)) == list(range(1, int(known.sum()) + 1))
        by_rank = table[known].sort_values(f"rank_{measure}")
        assert list(by_rank[measure]) == sorted(by_rank[measure], reverse=True)      # 1 = most
        # ties take the table's own order (its row order)
        for _, tied in table[known].groupby(measure):
            assert list(tied[f"rank_{measure}"]) == sorted(tied[f"rank_{measure}"])


def test_a_region_without_figures_keeps_its_row_without_rank(app_store):
    obs = app_store.observations
    level = "gemeente"
    year = _youth_years(obs, level)[-1]
    # an early school-leaver year that is not in the store: every rate missing, no rank
    table = aftercare_table(app_store, level, "2099")
    assert len(table) == (app_store.regions["region_level"] == level).sum()
    assert table["early_school_leaver_rate"].isna().all() and table["rank_early_school_leaver_rate"].isna().all()
    assert table["rank_neet_count"].isna().all()
    assert aftercare_table(app_store, level, int(year)).equals(aftercare_table(app_store, level, year))


def test_sort_by_any_measure_largest_first_missing_last_ties_by_name():
    table = pd.DataFrame({
        "region_code": ["A", "B", "C", "D", "E"],
        "region_name": ["delta", "Alpha", "charlie", "bravo", "echo"],
        **{m: [1.0, 3.0, float("nan"), 3.0, 2.0] for m in MEASURES},
    })
    table["neet_share"] = [5.0, 1.0, 2.0, float("nan"), 4.0]
    by_count = sort_aftercare(table, "neet_count")
    assert list(by_count["region_code"]) == ["B", "D", "E", "A", "C"]     # 3 (Alpha, bravo), 2, 1, missing
    assert list(by_count.index) == [0, 1, 2, 3, 4] and list(by_count.columns) == list(table.columns)
    assert list(sort_aftercare(table, "neet_share")["region_code"]) == ["A", "E", "C", "B", "D"]
    assert list(sort_aftercare(table, "early_school_leaver_rate")["region_code"]) == ["B", "D", "E", "A", "C"]
    assert list(sort_aftercare(table, "colour")["region_code"]) == ["B", "D", "E", "A", "C"]   # unknown: by count
    assert list(table["region_code"]) == ["A", "B", "C", "D", "E"]         # the table itself is left alone
