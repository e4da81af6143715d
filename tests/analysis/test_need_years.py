"""Which youth years get a need index, when a component ends earlier or starts later than the others.

The rule (/methode, analysis.method): a year has an index only when every weighted component has a figure of that
year (early school leavers: school year Y-1/Y; the NEET change: Y and Y-1) for at least half of the level's regions;
an older figure never stands in for a missing one.  Expectations are computed here from the store with pandas.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.inputs import COMPONENTS
from analysis.need_index import need_index_layer, valid_periods
from etl.store import load_store

NEEDED = {"neet_share": lambda y: [str(y), str(y - 1)], "youth_jobseeker_rate": lambda y: [str(y)],
          "youth_benefit_share": lambda y: [str(y)], "early_school_leaver_rate": lambda y: [f"{y - 1}/{y}"]}


@pytest.fixture(scope="module")
def store(built_store: Path):
    return load_store(built_store)


def expected_years(store, level: str, components=NEEDED) -> list[str]:
    obs = store.observations
    rows = obs[(obs["region_level"] == level) & obs["value"].notna()]
    size = int((store.regions["region_level"] == level).sum())
    have = rows.groupby(["indicator", "period"])["region_code"].apply(set).to_dict()
    years = sorted({int(p) for p in obs.loc[(obs["indicator"] == "neet_share") & (obs["region_level"] == level),
                                            "period"]})
    out = []
    for year in years:
        regions = None
        for indicator, periods in components.items():
            for period in periods(year):
                found = have.get((indicator, period), set())
                regions = found if regions is None else regions & found
        if regions and 2 * len(regions) >= size:
            out.append(str(year))
    return out


@pytest.mark.parametrize("level", ["arbeidsmarktregio", "rmc", "gemeente"])
def test_years_follow_the_rule(store, level):
    assert valid_periods(store, level) == expected_years(store, level)


def test_gemeenten_start_when_registered_jobseekers_are_complete(store):
    obs = store.observations
    jobseekers = obs[(obs["indicator"] == "youth_jobseeker_rate") & (obs["region_level"] == "gemeente")
                     & obs["value"].notna()].groupby("period")["region_code"].nunique()
    assert jobseekers.get("2019", 0) < 171 <= jobseekers["2020"]        # 35 gemeenten in 2019, all 342 from 2020
    assert "2019" not in valid_periods(store, "gemeente") and "2020" in valid_periods(store, "gemeente")


def test_a_component_without_weight_does_not_decide_the_years(store):
    without = {k: v for k, v in NEEDED.items() if k != "youth_jobseeker_rate"}
    weights = {c: (0.0 if c == "youth_jobseeker_rate" else 1.0) for c in COMPONENTS}
    assert valid_periods(store, "gemeente", weights) == expected_years(store, "gemeente", without)
    assert set(valid_periods(store, "gemeente", weights)) > set(valid_periods(store, "gemeente"))


def test_the_index_of_a_year_reads_that_years_figures_only(store):
    year = valid_periods(store, "rmc")[-1]
    layer = need_index_layer(store, year, level="rmc", draws=50)
    assert layer.attrs["period"] == year and layer["index"].notna().sum() == 40
    latest_vsv = store.observations.query("indicator == 'early_school_leaver_rate'")["period"].max()
    assert latest_vsv == f"{int(year) - 1}/{year}"                       # vsv ends with the youth figures here
    with pytest.raises(ValueError):                                      # a year past the figures has no index
        need_index_layer(store, str(int(year) + 1), level="rmc", draws=50)
