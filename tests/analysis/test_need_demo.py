"""Which regions' need index reads demo figures: every term the index reads (each component in youth year Y, the
NEET change's Y-1 too, early school leavers of the school year ending in Y) and nothing else, checked on a store whose
demo rows are placed by hand."""

from __future__ import annotations

import pandas as pd

from analysis.inputs import load_inputs
from analysis.need_index import need_index_table
from analysis.peers import find_peers
from etl.synthetic import synthetic_store

YEAR = "2023"
# (region, indicator, period) made demo, and whether the year-2023 index reads it
PLACED = [
    ("AM02", "youth_jobseeker_rate", "2023", True),
    ("AM03", "neet_share", "2022", True),                       # the change's earlier year
    ("AM04", "early_school_leaver_rate", "2022/2023", True),    # the school year ending in 2023
    ("AM05", "early_school_leaver_rate", "2023/2024", False),   # a later school year
    ("AM06", "youth_benefit_share", "2021", False),             # a year the index does not read
    ("AM07", "early_school_leavers", "2022/2023", False),       # a count the index does not read
    ("AM08", "youth_benefit_share", "2022", False),             # read indicator, read year, not read together
    ("GM0001", "neet_share", "2023", False),                    # a gemeente: read by the gemeenten's index only
]


def _store_with_placed_demo():
    store = synthetic_store(n_regions=8)
    obs = store.observations
    obs["is_demo"] = False
    for code, indicator, period, _ in PLACED:
        rows = (obs["region_code"] == code) & (obs["indicator"] == indicator) & (obs["period"] == period)
        assert rows.sum() == 1, (code, indicator, period)
        obs.loc[rows, "is_demo"] = True
    return store


def test_the_inputs_name_exactly_the_regions_whose_read_figures_are_demo():
    store = _store_with_placed_demo()
    expected = {code for code, _, _, read in PLACED if read}
    assert load_inputs(store, "arbeidsmarktregio", YEAR).demo == expected
    assert load_inputs(store, "gemeente", YEAR).demo == {"GM0001"}


def test_the_need_table_marks_those_regions_demo_and_no_other():
    store = _store_with_placed_demo()
    groups = find_peers(store, "arbeidsmarktregio", YEAR).groups[["region_code", "peer_group"]]
    table = need_index_table(load_inputs(store, "arbeidsmarktregio", YEAR), groups, draws=50)
    marked = dict(zip(table["region_code"], table["is_demo"], strict=True))
    obs = store.observations
    regions = obs.loc[obs["region_level"] == "arbeidsmarktregio", "region_code"].unique()
    assert set(marked) == set(regions)
    assert {code for code, demo in marked.items() if demo} == {code for code, _, _, read in PLACED if read}
    assert table["is_demo"].dtype == bool
    published = need_index_table(load_inputs(store, "arbeidsmarktregio", YEAR), groups,
                                 published=table.drop(columns=["peer_group", "is_demo"]))
    pd.testing.assert_series_equal(published["is_demo"], table["is_demo"])
