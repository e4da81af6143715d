"""One-at-a-time sensitivity (dashboard.data.sensitivity): the point ranks are the need index's own ranks, each
variant changes one weight, and it is fast enough for the page at gemeente level (no draws)."""

from __future__ import annotations

import time

import pytest

from dashboard.data.need import NeedQuery, need_table
from dashboard.data.sensitivity import sensitivity, variants
from dashboard.data.view import StoreView
from etl.store import load_store


@pytest.mark.parametrize("level", ["arbeidsmarktregio", "gemeente"])
@pytest.mark.parametrize("query", [{}, {"weights": (("neet_share", 2.0), ("early_school_leaver_rate", 1.0)),
                                        "normalisation": "rank"}])
def test_ranks_are_the_published_ranks_of_the_need_index(app_store, level, query):
    q = NeedQuery(level, "2023", **query)
    result = sensitivity(app_store, q)
    published = need_table(app_store, q).set_index("region_code")["rank"]
    ours = result.frame.set_index("region_code")["rank"]
    assert ours.reindex(published.index).astype("float").fillna(-1).equals(published.astype("float").fillna(-1))
    assert result.n == int(published.notna().sum())


def test_each_variant_changes_one_weight():
    weights = {"neet_share": 1.0, "youth_jobseeker_rate": 0.0, "youth_benefit_share": 2.0}
    out = variants(weights)
    assert [(k, c) for k, c, _ in out] == [("drop", "neet_share"), ("double", "neet_share"),
                                           ("drop", "youth_benefit_share"), ("double", "youth_benefit_share")]
    for kind, comp, changed in out:
        others = {c: w for c, w in changed.items() if c != comp}
        assert others == {c: w for c, w in weights.items() if c != comp}
        assert changed[comp] == (0.0 if kind == "drop" else 2 * weights[comp])


def test_fast_enough_at_gemeente_level_and_memoised(built_store):
    view = StoreView(load_store(built_store))                  # a fresh view: nothing memoised yet
    query = NeedQuery("gemeente", "2024")
    start = time.perf_counter()
    first = sensitivity(view, query)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    again = sensitivity(view, query)
    warm = time.perf_counter() - start
    assert again is first and warm < 0.01
    assert cold < 3.0, f"{cold:.2f} s"                          # measured here: about 0.3 s (0.03 s with inputs)
    assert len(first.variants) == 10 and first.n > 300
