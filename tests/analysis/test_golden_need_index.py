"""Golden CSVs of the need index for a fixed synthetic store and seed (exact text, as the API writes it).

Regenerate after an intended change of method with ``UPDATE_GOLDEN=1 pytest tests/analysis/test_golden_need_index.py``
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.inputs import load_inputs
from analysis.need_index import need_index_table, parse_weights
from analysis.peers import find_peers
from dashboard.data.need import table_csv
from etl.synthetic import synthetic_store

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "need_index"
SEED, DRAWS = 20240601, 500
CASES = {
    "arbeidsmarktregio_zscore_default_2023": ("arbeidsmarktregio", "2023", "", "zscore"),
    "arbeidsmarktregio_rank_weighted_2024": ("arbeidsmarktregio", "2024", "neet_share:2,early_school_leaver_rate:1",
                                             "rank"),
    "arbeidsmarktregio_minmax_missing_2023": ("arbeidsmarktregio", "2023", "", "minmax"),
    "gemeente_zscore_default_2023": ("gemeente", "2023", "", "zscore"),
}


def golden_store():
    """Counts published as CBS publishes them (rounded, units declared in the indicators' metadata)."""
    return synthetic_store(n_regions=10, gemeenten_per_region=3, seed=11, special_names=True, rounding=True,
                           missing=[("AM07", "youth_benefit_share", "2023"), ("GM0005", "neet_share", "2023")])


@pytest.mark.parametrize("name", sorted(CASES))
def test_need_index_golden_csv(name):
    level, period, weights, norm = CASES[name]
    store = golden_store()
    groups = find_peers(store, level, period).groups[["region_code", "peer_group"]]
    table = need_index_table(load_inputs(store, level, period), groups, parse_weights(weights), norm, SEED, DRAWS)
    text = table_csv(table).decode("utf-8")
    path = GOLDEN / f"{name}.csv"
    if os.environ.get("UPDATE_GOLDEN") == "1":                 # only "1" rewrites; any other value compares
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    assert text == path.read_bytes().decode("utf-8")
