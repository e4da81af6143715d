"""Map layers (/verkennen): what each layer says it is, recomputed from the store's rows and indicators.json."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.data.layers import Layer, NeedIndexLayer, layer_of, map_layers, prepare_layers
from dashboard.data.view import StoreView


@pytest.fixture
def app_store(app_store):
    """A fresh view of the session's store for every test: nothing memoised by an earlier test, so each test
    computes (and mutmut records it as calling) every function it reads."""
    return StoreView(app_store.store)


REGIONAL = ("arbeidsmarktregio", "rmc", "gemeente")


def _obs(view, indicator, level=None):
    obs = view.observations
    rows = obs[obs["indicator"] == indicator]
    return rows if level is None else rows[rows["region_level"] == level]


def test_the_layers_are_the_mappable_indicators_in_catalogue_order_then_the_need_index(app_store):
    obs = app_store.observations
    with_value = obs[obs["value"].notna()]
    mappable = [m["id"] for m in app_store.indicators
                if set(with_value.loc[with_value["indicator"] == m["id"], "region_level"]) & set(REGIONAL)]
    layers = map_layers(app_store)
    assert [layer.id for layer in layers] == [*mappable, "need_index"]
    assert isinstance(layers[-1], NeedIndexLayer) and not isinstance(layers[0], NeedIndexLayer)
    assert layer_of(app_store, "neet_share").id == "neet_share" and layer_of(app_store, "nope") is None
    assert layer_of(app_store, "unemployment_rate") is None                 # national only: not a map layer


@pytest.mark.parametrize("indicator", ["neet_share", "youth_ww_benefits", "early_school_leavers"])
def test_an_indicator_layer_describes_itself_from_the_store(app_store, indicator):
    layer = layer_of(app_store, indicator)
    meta = next(m for m in app_store.indicators if m["id"] == indicator)
    assert layer.meta == meta and layer.unit == meta["unit"] and layer.is_demo is bool(meta["is_demo"])
    rows = _obs(app_store, indicator).dropna(subset=["value"])
    assert layer.levels == tuple(lvl for lvl in REGIONAL if lvl in set(rows["region_level"]))
    assert layer.has_series is True and layer.has_interval is False
    level = layer.levels[0]
    at_level = rows[rows["region_level"] == level]
    frequency = next(f for f in ("year", "school_year", "half_year", "quarter", "month")
                     if f in set(at_level["frequency"]))
    assert layer.frequency(level) == frequency
    periods = list(at_level[at_level["frequency"] == frequency].sort_values("period_start")
                   .drop_duplicates("period")["period"])
    assert layer.periods(level) == tuple(periods)
    latest = periods[-1]
    ranking = layer.ranking(level, latest)
    now = at_level[at_level["period"] == latest].set_index("region_code")["value"]
    assert ranking.set_index("region_code")["value"].dropna().to_dict() == pytest.approx(now.to_dict())
    assert list(ranking["rank"].iloc[:3]) == [1, 2, 3]
    assert ranking["value"].iloc[0] == now.max()
    assert layer.shared_ranking(level, latest).equals(ranking)
    national = _obs(app_store, indicator, "land")
    expected_nl = national.loc[national["period"] == latest, "value"]
    assert layer.national(latest) == (float(expected_nl.iloc[0]) if len(expected_nl) else None)
    assert layer.national(None) is None
    empty = layer.ranking(level, None)
    assert len(empty) == (app_store.regions["region_level"] == level).sum()
    assert empty["value"].isna().all() and empty["change"].isna().all() and empty["rank"].isna().all()
    assert list(empty.columns) == list(ranking.columns) and empty["previous_period"].isna().all()
    assert empty["change"].dtype == float and empty["previous_value"].dtype == float
    assert layer.shared_ranking(level, None).equals(empty)
    assert layer.ranking_table(level).rows[latest] is not None


def test_series_have_nederland_except_for_counts_of_chosen_regions(app_store):
    share, count = layer_of(app_store, "neet_share"), layer_of(app_store, "neet_count")
    level = "arbeidsmarktregio"
    with_nl = share.series(level, ["AM15"])
    assert list(dict.fromkeys(with_nl["region_code"])) == ["AM15", "NL01"]
    am15 = _obs(app_store, "neet_share", level)
    assert len(with_nl[with_nl["region_code"] == "AM15"]) == len(am15[am15["region_code"] == "AM15"])
    assert list(dict.fromkeys(count.series(level, ["AM15"])["region_code"])) == ["AM15"]
    assert list(dict.fromkeys(count.series(level, [])["region_code"])) == ["NL01"]
    rows, positions = share.series_rows(level, ["AM15"])
    assert list(rows.frame.take(positions)["region_code"].drop_duplicates()) == ["AM15", "NL01"]
    rows, positions = count.series_rows(level, ["AM15"])
    assert set(rows.frame.take(positions)["region_code"]) == {"AM15"}


def test_downloads_name_the_map_and_the_selection(app_store):
    layer = layer_of(app_store, "neet_share")
    got = layer.downloads("gemeente", "2023", ["GM0363", "GM0599"])
    assert got.need_index is None
    assert got.observations == (
        ("map", {"indicator": "neet_share", "level": "gemeente", "period_from": "2023", "period_to": "2023"}),
        ("series", {"indicator": "neet_share", "region": ["GM0363", "GM0599", "NL01"]}))
    assert layer.downloads("gemeente", "2023", []).observations == (
        ("map", {"indicator": "neet_share", "level": "gemeente", "period_from": "2023", "period_to": "2023"}),)
    assert layer.downloads("gemeente", None, ["GM0363"]).observations == ()


def test_the_need_index_layer(app_store):
    layer = layer_of(app_store, "need_index")
    stored = pd.read_parquet(app_store.path / "need_index.parquet")
    assert layer.levels == REGIONAL and layer.has_series is False and layer.has_interval is True
    assert layer.frequency("gemeente") == "year" and layer.national("2023") is None
    assert layer.ranking_table("gemeente") is None and layer.series_rows("gemeente", ["GM0363"]) is None
    assert layer.series("gemeente", ["GM0363"]).empty and "region_code" in layer.series("gemeente", ["GM0363"])
    assert layer.meta["id"] == "need_index" and layer.is_demo is True      # two demo components
    for level in REGIONAL:
        published = stored[stored["level"] == level]
        assert set(layer.periods(level)) <= set(published["period"].astype(str))
        period = layer.periods(level)[-1]
        ranking = layer.ranking(level, period)
        rows = published[published["period"].astype(str) == period].set_index("region_code")
        got = ranking.dropna(subset=["rank"]).set_index("region_code")
        assert got["rank"].astype(int).to_dict() == rows["rank"].dropna().astype(int).to_dict()
        assert got["value"].to_dict() == pytest.approx(rows["index"].dropna().to_dict())
        assert {"rank_low", "rank_high"} <= set(ranking.columns)
        assert layer.shared_ranking(level, period).equals(ranking)
    none = layer.ranking("gemeente", None)
    assert none["rank"].isna().all() and len(none) == (app_store.regions["region_level"] == "gemeente").sum()
    assert layer.shared_ranking("gemeente", None).equals(none)
    q = layer.downloads("gemeente", "2023", ["GM0363"]).need_index
    assert (q.level, q.period) == ("gemeente", "2023") and layer.downloads("gemeente", "2023", []).observations == ()
    assert layer.downloads("rmc", None, []).need_index.period == ""


def test_prepare_builds_every_layers_rankings_once(app_store):
    view = StoreView(app_store.store)
    prepare_layers(view)
    sizes = view.memo.sizes()
    expected_tables = sum(len(layer.levels) for layer in map_layers(view) if not isinstance(layer, NeedIndexLayer))
    assert sizes["ranking_table"] == expected_tables and sizes["series_rows"] == expected_tables
    need = layer_of(view, "need_index")
    assert sizes.get("need_ranking", 0) + sizes.get("ranking", 0) >= sum(len(need.periods(lvl)) for lvl in REGIONAL)
    assert not math.isnan(float(Layer(view, "neet_share").ranking("gemeente", "2023")["value"].iloc[0]))


# --- the queries the layers (and the region pages) are built on ------------------------------------------------------

from dashboard.data import queries as q  # noqa: E402


def test_clean_turns_missing_and_numpy_values_into_python_ones():
    import numpy as np
    assert q.clean(None) is None and q.clean(pd.NA) is None and q.clean(float("nan")) is None
    assert q.clean(np.float64(1.5)) == 1.5 and type(q.clean(np.float64(1.5))) is float
    assert type(q.clean(np.int64(3))) is int and q.clean("AM15") == "AM15" and q.clean(0.0) == 0.0


def test_regions_names_choices_and_info(app_store):
    regions = app_store.regions
    for level in REGIONAL:
        mine = regions[regions["region_level"] == level].sort_values("region_code")
        got = q.regions_of_level(app_store, level)
        assert list(got["region_code"]) == list(mine["region_code"]) and list(got.index) == list(range(len(got)))
        assert q.region_codes(app_store, level) == frozenset(mine["region_code"])
        pairs = sorted(zip(mine["region_code"], mine["region_name"], strict=True),
                       key=lambda p: (p[1].casefold(), p[0]))
        assert q.region_choices(app_store, level) == tuple(pairs)
    assert q.region_names(app_store) == dict(zip(regions["region_code"], regions["region_name"], strict=True))
    row = regions.set_index("region_code").loc["GM0363"]
    names = dict(zip(regions["region_code"], regions["region_name"], strict=True))
    assert q.region_info(app_store, " gm0363 ") == {
        "code": "GM0363", "name": row["region_name"], "level": "gemeente", "parent_code": row["parent_code"],
        "parent_name": names[row["parent_code"]], "rmc_code": row["rmc_code"], "rmc_name": names[row["rmc_code"]]}
    am = q.region_info(app_store, "AM15")
    assert am["level"] == "arbeidsmarktregio" and am["parent_code"] == "NL01" and am["parent_name"] == names["NL01"]
    assert q.region_info(app_store, "NL01")["parent_code"] is None and q.region_info(app_store, "NL01")["rmc_code"] is None
    assert q.region_info(app_store, 363) is None and q.region_info(app_store, "XX99") is None
    for code, column in (("AM15", "parent_code"), ("MC21", "rmc_code")):
        members = regions[(regions[column] == code) & (regions["region_level"] == "gemeente")]
        got = q.municipalities(app_store, code)
        assert list(got["region_code"]) == list(members.sort_values("region_name", key=lambda s: s.str.lower())
                                                ["region_code"])


@pytest.mark.parametrize(("indicator", "level"), [("neet_share", "gemeente"), ("early_school_leavers", "rmc"),
                                                  ("youth_ww_benefits", "arbeidsmarktregio")])
def test_values_ranks_and_position_from_the_stores_rows(app_store, indicator, level):
    rows = _obs(app_store, indicator, level)
    latest = q.latest_period(app_store, indicator, level)
    assert latest == rows.dropna(subset=["value"]).sort_values("period_start")["period"].iloc[-1]
    periods = q.valid_periods(app_store, indicator, level)
    assert q.previous_period(app_store, indicator, level, latest) == periods[-2]
    assert q.previous_period(app_store, indicator, level, periods[0]) is None
    assert q.previous_period(app_store, indicator, level, "1900") is None
    now = rows[rows["period"] == latest].set_index("region_code")
    before = rows[rows["period"] == periods[-2]].set_index("region_code")
    values = q.values(app_store, indicator, level, latest)
    assert list(values.columns) == list(q.VALUE_COLUMNS)
    assert list(values["region_code"]) == sorted(app_store.regions.loc[app_store.regions["region_level"] == level,
                                                                       "region_code"])
    assert values.set_index("region_code")["value"].dropna().to_dict() == pytest.approx(now["value"].dropna().to_dict())
    ranking = q.ranking(app_store, indicator, level, latest)
    ordered = now.dropna(subset=["value"]).reset_index().sort_values(["value", "region_code"],
                                                                     ascending=[False, True])
    ranked = ranking.dropna(subset=["rank"])
    assert list(ranked["region_code"]) == list(ordered["region_code"])
    assert list(ranked["rank"]) == list(range(1, len(ordered) + 1)) and set(ranking["ranked"]) == {len(ordered)}
    for code in ordered["region_code"].head(3):
        r = ranked.set_index("region_code").loc[code]
        if code in before.index and pd.notna(before.loc[code, "value"]):
            assert r["previous_value"] == pytest.approx(before.loc[code, "value"])
            assert r["change"] == pytest.approx(now.loc[code, "value"] - before.loc[code, "value"])
        assert r["previous_period"] == periods[-2]
        found = q.region_values(app_store, indicator, level, latest)[code]
        assert (found.value, found.rank, found.ranked) == (pytest.approx(now.loc[code, "value"]), int(r["rank"]),
                                                           len(ordered))
        assert q.position(app_store, indicator, code) == {"rank": int(r["rank"]), "of": len(ordered),
                                                          "value": pytest.approx(now.loc[code, "value"]),
                                                          "period": latest}
    first = ordered["region_code"].iloc[0]
    assert q.position(app_store, indicator, first.lower(), periods[-2])["period"] == periods[-2]
    assert q.position(app_store, indicator, "NL01") is None and q.position(app_store, indicator, "XX") is None
    nl = _obs(app_store, indicator, "land")
    nl_now = nl.loc[nl["period"] == latest, "value"]
    assert q.national_value(app_store, indicator, latest) == (float(nl_now.iloc[0]) if len(nl_now) else None)
    assert q.national_value(app_store, indicator, "1900") is None
    missing = q.values(app_store, indicator, level, "1900")
    assert missing["value"].isna().all() and set(missing["flag"]) == {"not available"}


def test_add_ranks_highest_first_ties_by_code():
    frame = pd.DataFrame({"region_code": ["B", "A", "C", "D"], "value": [2.0, 2.0, float("nan"), 5.0]})
    out = q.add_ranks(frame)
    assert list(out["rank"]) == [3, 2, pd.NA, 1] or list(out["rank"].astype("float").fillna(0)) == [3, 2, 0, 1]
    assert list(out["rank"].astype("float").fillna(0)) == [3, 2, 0, 1] and set(out["ranked"]) == {3}
    assert out["rank"].dtype == "Int64" and out["rank"].isna().tolist() == [False, False, True, False]
    assert "rank" not in frame


def test_time_series_and_profile(app_store):
    ts = q.time_series(app_store, "neet_share", "gemeente", ["GM0599", "GM0363", "GM0599"])
    assert list(dict.fromkeys(ts["region_code"])) == ["GM0599", "GM0363", "NL01"]
    assert list(ts.columns) == q.SERIES_COLUMNS
    mine = _obs(app_store, "neet_share", "gemeente")
    assert list(ts.loc[ts["region_code"] == "GM0363", "period"]) == \
        list(mine[mine["region_code"] == "GM0363"].sort_values("period_start")["period"])
    assert q.time_series(app_store, "neet_share", "gemeente", [], national=False).empty
    assert list(q.time_series(app_store, "neet_share", "gemeente", ["XX"], national=False).columns) == \
        q.SERIES_COLUMNS
    profile = q.region_profile(app_store, "gm0363")
    assert [p["indicator"] for p in profile] == [m["id"] for m in app_store.indicators]
    by_id = {p["indicator"]: p for p in profile}
    neet = by_id["neet_share"]
    latest = q.latest_period(app_store, "neet_share", "gemeente")
    row = mine[(mine["region_code"] == "GM0363") & (mine["period"] == latest)].iloc[0]
    assert neet["available"] is True and neet["period"] == latest and neet["value"] == pytest.approx(row["value"])
    assert neet["status"] == row["status"] and neet["frequency"] == "year"
    assert neet["rank"] == q.position(app_store, "neet_share", "GM0363")["rank"]
    assert neet["national"] == q.national_value(app_store, "neet_share", latest)
    assert by_id["unemployment_rate"]["available"] is False and by_id["unemployment_rate"]["value"] is None
    assert q.region_profile(app_store, "XX99") == []
    assert set(q.levels_for(app_store, "unemployment_rate")) == {"land"} and q.levels_for(app_store, "x") == ()
