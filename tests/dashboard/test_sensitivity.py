"""One-at-a-time sensitivity (dashboard.data.sensitivity): the point ranks are the need index's own ranks, each
variant changes one weight, and it is fast enough for the page at gemeente level (no draws)."""

from __future__ import annotations

import pytest

from dashboard.data.need import NeedQuery, need_periods, need_table
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


def test_memoised_at_gemeente_level(built_store):
    view = StoreView(load_store(built_store))                  # a fresh view: nothing memoised yet
    query = NeedQuery("gemeente", need_periods(view, "gemeente")[-1])
    first = sensitivity(view, query)
    again = sensitivity(view, query)
    assert again is first                                      # its speed is a make bench row, not a test
    assert len(first.variants) == 10 and first.n > 300
