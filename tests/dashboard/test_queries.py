"""dashboard.data.queries, the explorer state and dashboard.data.need on the store the ETL builds from data/raw."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.data import queries as q
from dashboard.data.domain import REGIONAL_LEVELS
from dashboard.data.layers import layer_of
from dashboard.data.need import NEED_INDEX, need_periods, need_ranking, need_region_summary
from dashboard.pages.explorer.state import MAX_SELECTED, ExplorerState, parse_codes, parse_explorer_query, toggle_region

COUNTS = ("youth_population", "neet_count", "early_school_leavers", "population")
RATES = {"neet_share": 100.0, "youth_benefit_share": 100.0, "early_school_leaver_rate": 100.0,
         "youth_jobseeker_rate": 1000.0}


@pytest.fixture(scope="module")
def store(app_store):
    return app_store


def periods_with_values(store, indicator: str, level: str, frequency: str | None = None) -> list[str]:
    """Straight from the observations (not through the queries under test): periods with a value, oldest first."""
    obs = store.observations
    rows = obs[(obs["indicator"] == indicator) & (obs["region_level"] == level) & obs["value"].notna()]
    if frequency:
        rows = rows[rows["frequency"] == frequency]
    return list(rows.sort_values("period_start").drop_duplicates("period")["period"])


def latest(store, indicator: str = "neet_share", level: str = "arbeidsmarktregio") -> str:
    return periods_with_values(store, indicator, level)[-1]


# Genuine missing gemeente values: the gemeenten that received part of Haaren (split in 2021) have no early school
# leaver count before it (their figure would be short), so they are incomplete in 2019/2020.
GAPS = ("early_school_leaver_rate", "2019/2020")


def suppressed(store, indicator: str, level: str, period: str) -> list[str]:
    obs = store.observations
    rows = obs[(obs["indicator"] == indicator) & (obs["region_level"] == level) & (obs["period"] == period)]
    return sorted(rows.loc[rows["value"].isna(), "region_code"])


# --- periods and levels ------------------------------------------------------------------------------------------

def test_map_indicators_are_the_regional_ones_in_catalogue_order(store):
    obs = store.observations
    regional = set(obs.loc[obs["value"].notna() & obs["region_level"].isin(REGIONAL_LEVELS), "indicator"])
    expected = tuple(i["id"] for i in store.indicators if i["id"] in regional)
    assert q.map_indicators(store) == expected
    assert "youth_unemployment_rate" not in expected                                # national only
    assert q.levels_for(store, "youth_ww_benefits") == ("land", "arbeidsmarktregio")
    assert q.levels_for(store, "youth_unemployment_rate") == ("land",)


def test_latest_and_valid_periods(store):
    years = periods_with_values(store, "neet_share", "gemeente")
    assert q.valid_periods(store, "neet_share", "gemeente") == tuple(years)
    assert q.latest_period(store, "neet_share", "arbeidsmarktregio") == latest(store)
    assert q.latest_period(store, "early_school_leaver_rate", "gemeente") == latest(
        store, "early_school_leaver_rate", "gemeente")
    assert "/" in q.latest_period(store, "early_school_leaver_rate", "gemeente")         # a school year
    assert q.latest_period(store, "youth_ww_benefits", "arbeidsmarktregio") == latest(store, "youth_ww_benefits")
    assert "MM" in q.latest_period(store, "youth_ww_benefits", "arbeidsmarktregio")      # monthly
    assert q.latest_period(store, "youth_ww_benefits", "gemeente") is None
    assert q.previous_period(store, "neet_share", "gemeente", years[-1]) == years[-2]
    assert q.previous_period(store, "neet_share", "gemeente", years[0]) is None
    assert q.previous_period(store, "neet_share", "gemeente", "1999") is None
    assert q.frequency_of(store, "early_school_leavers", "arbeidsmarktregio") == "school_year"
    assert q.frequency_of(store, "unemployment_rate", "land") == "year"          # preferred over month/quarter


# --- values --------------------------------------------------------------------------------------------------------

def test_values_has_one_row_per_region_of_the_level(store):
    indicator, period = GAPS
    am = q.values(store, indicator, "arbeidsmarktregio", period)
    rmc = q.values(store, indicator, "rmc", period)
    gm = q.values(store, indicator, "gemeente", period)
    assert len(am) == 35 and len(rmc) == 40 and len(gm) == 342
    assert list(am["region_code"]) == sorted(am["region_code"])
    assert gm["region_code"].str.startswith("GM").all() and rmc["region_code"].str.startswith("MC").all()
    hidden = gm[gm["value"].isna()]
    assert sorted(hidden["region_code"]) == suppressed(store, indicator, "gemeente", period)
    assert {"GM0757", "GM0824", "GM0855", "GM0865"} <= set(hidden["region_code"])     # Haaren's receivers
    assert set(hidden["flag"]) == {"incomplete"}


def slack(store, indicator: str, level: str, parts: int, gemeenten: int) -> float:
    """How far a total may be from the sum of its ``parts`` (of ``gemeenten`` gemeenten in all) because CBS rounds
    every cell on its own (the rounding units come from indicators.json)."""
    rounding = store.indicator(indicator).get("rounding") or {}
    own = rounding.get(level, {})
    if own.get("summed_from"):
        return 0.0                                            # the ETL summed the parts itself: exact
    part_level = "gemeente" if level == "arbeidsmarktregio" else "arbeidsmarktregio"
    part = rounding.get(part_level, {})
    if part.get("summed_from") == "gemeente":                 # the parts are sums of rounded gemeente cells
        parts, part = gemeenten, rounding.get("gemeente", {})
    return own.get("unit", 1) / 2 + parts * part.get("unit", 1) / 2


@pytest.mark.parametrize("indicator", COUNTS)
def test_labour_market_region_totals_are_the_sum_of_their_municipalities(store, indicator):
    checked = 0
    for period in q.valid_periods(store, indicator, "arbeidsmarktregio"):
        am = q.values(store, indicator, "arbeidsmarktregio", period).set_index("region_code")["value"]
        for code, total in am.items():
            members = q.municipalities(store, code)["region_code"]
            gm = q.values(store, indicator, "gemeente", period).set_index("region_code").loc[members, "value"]
            if gm.notna().all():
                allowed = slack(store, indicator, "arbeidsmarktregio", len(members), len(members))
                assert abs(total - gm.sum()) <= allowed, (indicator, period, code, total, gm.sum(), allowed)
                checked += 1
        national = q.national_value(store, indicator, period)
        assert abs(national - am.sum()) <= slack(store, indicator, "land", len(am), 342), (indicator, period)
    assert checked >= 35


@pytest.mark.parametrize(("indicator", "scale"), RATES.items())
def test_rates_are_summed_numerators_over_summed_denominators(store, indicator, scale):
    period = q.latest_period(store, indicator, "arbeidsmarktregio")
    am = q.values(store, indicator, "arbeidsmarktregio", period)
    assert am["value"].notna().all()
    assert ((am["value"] - scale * am["numerator"] / am["denominator"]).abs() < 1e-9).all()
    gm = q.values(store, indicator, "gemeente", period).merge(store.regions[["region_code", "parent_code"]])
    sums = gm.groupby("parent_code")[["numerator", "denominator"]].sum()
    row = am.set_index("region_code").loc["AM15"]
    members = int((gm["parent_code"] == "AM15").sum())
    if gm.loc[gm["parent_code"] == "AM15", "numerator"].notna().all():
        allowed = slack(store, indicator, "arbeidsmarktregio", members, members)
        assert abs(row["numerator"] - sums.loc["AM15", "numerator"]) <= allowed
        assert abs(row["denominator"] - sums.loc["AM15", "denominator"]) <= allowed


def test_returned_frames_are_copies(store):
    first = q.ranking(store, "neet_share", "arbeidsmarktregio", latest(store))
    first.loc[:, "value"] = -1.0
    again = q.ranking(store, "neet_share", "arbeidsmarktregio", latest(store))
    assert (again["value"] > 0).all()


# --- ranking and position ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("level", ["arbeidsmarktregio", "gemeente"])
@pytest.mark.parametrize("indicator", ["neet_share", "youth_population", "early_school_leaver_rate"])
def test_rank_is_a_permutation_highest_first(store, indicator, level):
    period = q.latest_period(store, indicator, level)
    table = q.ranking(store, indicator, level, period)
    ranked = table[table["rank"].notna()]
    n = len(ranked)
    assert sorted(ranked["rank"].astype(int)) == list(range(1, n + 1))
    assert (table["ranked"] == n).all()
    assert table["rank"].isna().sum() == table["value"].isna().sum()
    in_order = ranked.sort_values("rank")["value"].to_numpy()
    assert (in_order[:-1] >= in_order[1:]).all()
    assert list(table["region_code"][:n]) == list(ranked.sort_values("rank")["region_code"])   # sorted by rank
    assert ranked.loc[ranked["rank"] == 1, "value"].iloc[0] == table["value"].max()


def reference_ranking(store, indicator: str, level: str, period: str) -> pd.DataFrame:
    """One period's ranking the slow, obvious way (per period, straight from the observations): every region of the
    level, its row or "not available", ranks by value (ties by code), the previous period with a value."""
    regions = store.regions[store.regions["region_level"] == level].sort_values("region_code")
    obs = store.observations
    rows = obs[(obs["indicator"] == indicator) & (obs["region_level"] == level)]
    rows = rows[rows["frequency"] == q.frequency_of(store, indicator, level)]
    valid = list(rows[rows["value"].notna()].sort_values("period_start").drop_duplicates("period")["period"])
    before = valid[valid.index(period) - 1] if period in valid and valid.index(period) > 0 else None
    out = []
    for code, name in zip(regions["region_code"], regions["region_name"], strict=True):
        row = rows[(rows["region_code"] == code) & (rows["period"] == period)]
        prev = rows[(rows["region_code"] == code) & (rows["period"] == before)]
        value = float(row["value"].iloc[0]) if len(row) else math.nan
        flag = (row["flag"].iloc[0] if pd.notna(row["flag"].iloc[0]) else None) if len(row) else "not available"
        out.append({"region_code": code, "region_name": name, "value": value, "flag": flag,
                    "previous_value": float(prev["value"].iloc[0]) if len(prev) else math.nan})
    frame = pd.DataFrame(out)
    ranked = frame[frame["value"].notna()].sort_values(["value", "region_code"], ascending=[False, True])
    frame["rank"] = frame["region_code"].map(dict(zip(ranked["region_code"], range(1, len(ranked) + 1))))
    frame["previous_period"] = before
    return frame


@pytest.mark.parametrize(("indicator", "level"), [
    ("neet_share", "arbeidsmarktregio"), ("neet_share", "gemeente"), ("youth_ww_benefits", "arbeidsmarktregio"),
    ("early_school_leaver_rate", "arbeidsmarktregio"), ("early_school_leaver_rate", "gemeente"),
    ("youth_population", "arbeidsmarktregio"), ("youth_population", "gemeente")])
def test_every_period_ranked_in_one_pass_as_period_by_period(store, indicator, level):
    """The rankings of all periods come from one pass over the layer (and a period without rows from the same
    code): each must be what ranking that period alone gives."""
    assert level in q.levels_for(store, indicator)
    obs = store.observations
    periods = list(dict.fromkeys(obs.loc[(obs["indicator"] == indicator) & (obs["region_level"] == level),
                                         "period"]))
    for period in [*periods[:3], *periods[-3:], "1900"]:
        got = q.ranking(store, indicator, level, period).set_index("region_code")
        want = reference_ranking(store, indicator, level, period).set_index("region_code")
        assert list(got.index[got["rank"].notna()]) == list(want.sort_values("rank").index[
            want.sort_values("rank")["rank"].notna()])                        # sorted by rank, then the rest
        missing = got[got["rank"].isna()]
        assert list(missing["region_name"]) == sorted(missing["region_name"], key=str.lower)
        got = got.loc[want.index]
        assert got["rank"].astype("Float64").fillna(-1).tolist() == want["rank"].fillna(-1).tolist()
        assert got["value"].equals(want["value"]) and got["previous_value"].equals(want["previous_value"])
        assert got["flag"].tolist() == [f if isinstance(f, str) else None for f in want["flag"]]
        assert set(got["previous_period"].tolist()) == {want["previous_period"].iloc[0]}
        assert (got["ranked"] == want["rank"].notna().sum()).all()


def test_ranking_change_is_against_the_previous_period(store):
    years = periods_with_values(store, "neet_share", "arbeidsmarktregio")
    table = q.ranking(store, "neet_share", "arbeidsmarktregio", years[-1]).set_index("region_code")
    before = q.values(store, "neet_share", "arbeidsmarktregio", years[-2]).set_index("region_code")["value"]
    assert (table["previous_period"] == years[-2]).all()
    assert (table["change"] - (table["value"] - before)).abs().max() < 1e-12
    first = q.ranking(store, "neet_share", "arbeidsmarktregio", years[0])
    assert first["change"].isna().all()


def test_position_of_a_region(store):
    period = latest(store)
    pos = q.position(store, "neet_share", "AM15")
    table = q.ranking(store, "neet_share", "arbeidsmarktregio", period).set_index("region_code")
    assert pos == {"rank": int(table.loc["AM15", "rank"]), "of": 35, "value": table.loc["AM15", "value"],
                   "period": period}
    indicator, gaps = GAPS
    hidden = suppressed(store, indicator, "gemeente", gaps)
    assert q.position(store, indicator, "gm0363", gaps)["of"] == 342 - len(hidden)
    assert q.position(store, "neet_share", "NL01") is None
    assert q.position(store, "neet_share", "XX99") is None
    assert q.position(store, indicator, hidden[0], gaps)["rank"] is None
    assert q.position(store, "early_school_leaver_rate", "MC21")["of"] == 40


# --- time series, regions ----------------------------------------------------------------------------------------

def test_time_series_has_the_regions_then_nederland_at_the_same_frequency(store):
    years = periods_with_values(store, "neet_share", "arbeidsmarktregio")
    series = q.time_series(store, "neet_share", "arbeidsmarktregio", ["AM15", "AM18", "AM15"])
    assert list(dict.fromkeys(series["region_code"])) == ["AM15", "AM18", "NL01"]
    assert len(series) == 3 * len(years)
    monthly = q.time_series(store, "youth_ww_benefits", "arbeidsmarktregio", ["AM15"])
    assert set(monthly["period"].str[4:6]) == {"MM"}
    assert len(monthly[monthly["region_code"] == "NL01"]) == len(periods_with_values(store, "youth_ww_benefits", "land"))
    assert len(monthly[monthly["region_code"] == "AM15"]) == len(periods_with_values(store, "youth_ww_benefits",
                                                                                     "arbeidsmarktregio"))
    assert q.time_series(store, "neet_share", "gemeente", ["GM0363"], national=False)["region_code"].eq(
        "GM0363").all()
    assert q.time_series(store, "neet_share", "gemeente", []).shape[0] == len(years)       # Nederland alone


def test_shared_ranking_is_the_ranking_held_once(store):
    from dashboard.data.layers import map_layers
    for shown in map_layers(store):
        for level in shown.levels:
            period = (shown.periods(level) or (None,))[-1]
            shared = shown.shared_ranking(level, period)
            pd.testing.assert_frame_equal(shared, shown.ranking(level, period))
            if period:
                assert shown.shared_ranking(level, period) is shared          # no copy
                assert shown.ranking(level, period) is not shared            # callers that change it get their own


def test_region_values_are_the_ranking_by_code(store):
    for level in ("arbeidsmarktregio", "rmc", "gemeente"):
        for indicator in ("neet_share", "early_school_leaver_rate"):
            period = q.latest_period(store, indicator, level)
            ranking = q.ranking(store, indicator, level, period)
            found = q.region_values(store, indicator, level, period)
            assert len(found) == len(ranking) == len(q.regions_of_level(store, level))
            for _, row in ranking.iterrows():
                value = found[row["region_code"]]
                assert value == q.RegionValue(q.clean(row["value"]), q.clean(row["rank"]), int(row["ranked"]),
                                              q.clean(row["flag"]), q.clean(row["status"]))
        gaps = q.region_values(store, GAPS[0], "gemeente", GAPS[1])
        assert any(v.value is None and v.rank is None for v in gaps.values())


def test_region_info_and_municipalities(store):
    assert q.region_info(store, " gm0363 ") == {"code": "GM0363", "name": "Amsterdam", "level": "gemeente",
                                                "parent_code": "AM18", "parent_name": "Groot Amsterdam",
                                                "rmc_code": "MC21", "rmc_name": "Agglomeratie Amsterdam"}
    assert q.region_info(store, "mc21")["level"] == "rmc" and q.region_info(store, "MC21")["parent_code"] == "NL01"
    regions = store.regions
    expected = sorted(regions.loc[regions["rmc_code"] == "MC21", "region_name"], key=str.lower)
    assert list(q.municipalities(store, "MC21")["region_name"]) == expected
    assert q.region_info(store, "AM15")["parent_code"] == "NL01"
    for bad in ("XX99", "<script>", "", None, 363, "GM0363'--", "AM15/../x"):
        assert q.region_info(store, bad) is None
    info = q.region_info(store, "GM0363")
    info["name"] = "changed"                                   # a copy: the index it came from stays as it was
    assert q.region_info(store, "GM0363")["name"] == "Amsterdam"
    regions = store.regions
    for row in regions.sample(40, random_state=3).itertuples():  # every field as the regions table has it
        found = q.region_info(store, row.region_code)
        parent = regions[regions["region_code"] == row.parent_code]
        rmc = regions[regions["region_code"] == row.rmc_code]
        assert found == {"code": row.region_code, "name": row.region_name, "level": row.region_level,
                         "parent_code": q.clean(row.parent_code),
                         "parent_name": parent["region_name"].iloc[0] if len(parent) else None,
                         "rmc_code": q.clean(row.rmc_code), "rmc_name": rmc["region_name"].iloc[0] if len(rmc) else None}
    members = q.municipalities(store, "AM15")
    assert len(members) == 17 and (members["parent_code"] == "AM15").all()
    every = sum(len(q.municipalities(store, c)) for c in q.regions_of_level(store, "arbeidsmarktregio")["region_code"])
    assert every == 342
    choices = q.region_choices(store, "arbeidsmarktregio")
    assert len(choices) == 35 and ("AM15", "Noord-Holland Noord") in choices
    names = [name for _, name in choices]
    assert names == sorted(names, key=str.casefold)


def test_region_profile_covers_every_indicator(store):
    profile = {e["indicator"]: e for e in q.region_profile(store, "GM0363")}
    assert set(profile) == {i["id"] for i in store.indicators}
    neet, period = profile["neet_share"], latest(store, "neet_share", "gemeente")
    assert neet["available"] and neet["period"] == period
    assert neet["of"] == 342 - len(suppressed(store, "neet_share", "gemeente", period))
    assert neet["rank"] == q.position(store, "neet_share", "GM0363")["rank"]
    assert math.isclose(neet["change"], neet["value"] - neet["previous_value"])
    assert neet["national"] == q.national_value(store, "neet_share", period)
    assert not profile["youth_unemployment_rate"]["available"]
    assert not profile["youth_ww_benefits"]["available"]                          # AM only
    assert q.region_profile(store, "XX99") == []


# --- URL state -----------------------------------------------------------------------------------------------------

def test_parse_defaults_and_fallbacks(store):
    default = parse_explorer_query(store, {})
    assert default == ExplorerState("neet_share", "arbeidsmarktregio", latest(store), (), "nl")
    junk = parse_explorer_query(store, {"indicator": "<script>", "niveau": "x", "periode": "1999",
                                        "regio": "AM15,,xx,AM15", "lang": "fr"})
    assert junk == ExplorerState("neet_share", "arbeidsmarktregio", latest(store), ("AM15",), "nl")
    ww = parse_explorer_query(store, {"indicator": "youth_ww_benefits", "niveau": "gemeente", "regio": "GM0363"})
    assert (ww.level, ww.period, ww.regions) == ("arbeidsmarktregio", latest(store, "youth_ww_benefits"), ())
    school = parse_explorer_query(store, {"indicator": "early_school_leaver_rate", "periode": "2024"})
    assert school.period == latest(store, "early_school_leaver_rate")          # "2024" is no school year
    repeated = parse_explorer_query(store, {"lang": ["nl", "en"], "regio": ["am15", "AM18"]})
    assert (repeated.lang, repeated.regions) == ("en", ("AM15", "AM18"))


def test_parse_limits_regions_to_the_level_and_the_maximum(store):
    codes = list(q.regions_of_level(store, "gemeente")["region_code"][:15])
    state = parse_explorer_query(store, {"niveau": "gemeente", "regio": ",".join(codes + ["AM15"])})
    assert state.regions == tuple(codes[:MAX_SELECTED])


def test_state_round_trips_through_its_query(store):
    state = ExplorerState("early_school_leaver_rate", "gemeente", "2019/2020", ("GM0363", "GM0599"), "en")
    assert state.query() == {"indicator": "early_school_leaver_rate", "niveau": "gemeente", "periode": "2019/2020",
                             "regio": "GM0363,GM0599", "lang": "en"}
    assert parse_explorer_query(store, state.query()) == state


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["indicator", "niveau", "periode", "regio", "lang", "other"]),
                       st.one_of(st.text(max_size=30), st.sampled_from([NEED_INDEX, "gemeente", "population"]),
                                 st.lists(st.text(max_size=10), max_size=3), st.none())))
def test_parse_never_raises(store, query):
    state = parse_explorer_query(store, query)
    assert state.indicator in (*q.map_indicators(store), NEED_INDEX)
    assert state.level in REGIONAL_LEVELS
    assert state.period in layer_of(store, state.indicator).periods(state.level)
    assert parse_explorer_query(store, state.query()) == state


def test_toggle_and_parse_codes():
    assert toggle_region(["AM15"], "AM18") == ("AM15", "AM18")
    assert toggle_region(["AM15", "AM18"], "AM15") == ("AM18",)
    assert toggle_region([f"AM{i:02d}" for i in range(1, 11)], "AM20", limit=10)[-1] == "AM20"
    assert len(toggle_region([f"AM{i:02d}" for i in range(1, 11)], "AM20", limit=10)) == 10
    assert parse_codes(" am15 ,AM18,, am15") == ["AM15", "AM18"]
    assert parse_codes(None) == []


# --- need index layer ----------------------------------------------------------------------------------------------

def test_need_layer_in_ranking_shape(store):
    periods = need_periods(store, "arbeidsmarktregio")
    youth_years = periods_with_values(store, "neet_share", "arbeidsmarktregio", "year")
    assert periods and set(periods) <= set(youth_years)
    assert youth_years[0] not in periods                  # the first year has no one-year change of the NEET share
    table = need_ranking(store, "arbeidsmarktregio", periods[-1])
    assert len(table) == 35
    assert sorted(table["rank"].astype(int)) == list(range(1, 36))
    assert ((table["rank_low"] <= table["rank"]) & (table["rank"] <= table["rank_high"])).all()
    assert need_ranking(store, "arbeidsmarktregio", "1999").empty
    parse = parse_explorer_query(store, {"indicator": NEED_INDEX, "niveau": "gemeente", "periode": "1999"})
    assert (parse.indicator, parse.level, parse.period) == (NEED_INDEX, "gemeente", need_periods(store, "gemeente")[-1])
    assert parse_explorer_query(store, {"indicator": NEED_INDEX, "periode": periods[0]}).period == periods[0]


def test_need_region_summary(store):
    summary = need_region_summary(store, "AM15", "arbeidsmarktregio")
    table = need_ranking(store, "arbeidsmarktregio", summary["period"]).set_index("region_code")
    assert summary["rank"] == table.loc["AM15", "rank"] and summary["n"] == 35
    assert summary["rank_low"] <= summary["rank"] <= summary["rank_high"]
    assert math.isclose(sum(summary["contributions"].values()), summary["index"], abs_tol=1e-9)
    assert summary["peers"] and all(p["region_code"].startswith("AM") for p in summary["peers"])
    assert need_region_summary(store, "XX99", "arbeidsmarktregio") is None
    distances = [p["distance"] for p in summary["peers"]]
    assert distances == sorted(distances) and all(d > 0 for d in distances)     # nearest first, never itself
    assert "AM15" not in {p["region_code"] for p in summary["peers"]}


def test_the_stored_published_need_index_is_the_one_computed_live(store):
    """The ETL build stores the published need index; the dashboard reads it instead of drawing it again."""
    from analysis.inputs import load_inputs
    from analysis.need_index import need_index_table
    from dashboard.data.need import default_query, need_table, peers, published_layer
    for level in REGIONAL_LEVELS:
        period = need_periods(store, level)[-1]
        assert published_layer(store, level, period) is not None
        stored = need_table(store, default_query(level, period))
        groups = peers(store, level, period).groups[["region_code", "peer_group"]]
        query = default_query(level, period)
        live = need_index_table(load_inputs(store, level, period), groups, dict(query.normalised_weights),
                                query.normalisation, query.seed, query.draws)
        pd.testing.assert_frame_equal(stored.reset_index(drop=True), live.reset_index(drop=True),
                                      check_dtype=False, check_index_type=False)
