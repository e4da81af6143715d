"""Headline figures, trends and the top regions (the brief's cards): recomputed from the store with plain pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data.overview import (
    KEY_INDICATORS,
    data_as_of,
    headline,
    headline_frequency,
    indicator_rows,
    need_indicators,
    top_regions,
    trend,
    year_before,
)
from dashboard.data.view import StoreView
from etl.transform.periods import pre_corona_period, shift_period


@pytest.fixture
def app_store(app_store):
    """A fresh view of the session's store for every test: nothing memoised by an earlier test, so each test
    computes (and mutmut records it as calling) every function it reads."""
    return StoreView(app_store.store)


ORDER = ("month", "quarter", "half_year", "year", "school_year")


def _rows(view, indicator):
    obs = view.observations
    return obs[obs["indicator"] == indicator].sort_values("period_start", kind="mergesort")


@pytest.mark.parametrize("indicator", ["neet_share", "youth_ww_benefits", "unemployment_rate",
                                       "early_school_leaver_rate", "youth_unemployment_rate"])
def test_headline_is_nederlands_latest_most_frequent_figure_with_a_year_before(app_store, indicator):
    rows = _rows(app_store, indicator)
    frequency = next(f for f in ORDER if f in set(rows["frequency"]))
    series = rows[rows["frequency"] == frequency]
    nl = series[(series["region_code"] == "NL01") & series["value"].notna()]
    latest = nl.loc[nl["period_start"].idxmax()]
    then = series[(series["region_code"] == "NL01")
                  & (series["period_start"] == latest["period_start"] - pd.DateOffset(years=1))]
    item = headline(indicator_rows(app_store, indicator), {"id": indicator}, "AM15", "Groot Amsterdam")
    assert item.frequency == frequency == headline_frequency(indicator_rows(app_store, indicator))
    assert item.national.period == latest["period"] and item.national.value == pytest.approx(latest["value"])
    assert item.national.region_name == "Nederland" and item.national.is_demo is bool(latest["is_demo"])
    assert item.national.status == latest["status"] and item.national.flag is None
    if len(then):
        assert item.national.previous_period == then["period"].iloc[0]
        assert item.national.previous_value == pytest.approx(then["value"].iloc[0])
        assert item.national.change == pytest.approx(latest["value"] - then["value"].iloc[0])
    am = series[(series["region_code"] == "AM15") & (series["period"] == latest["period"])]
    if set(rows["region_level"]) & {"arbeidsmarktregio"}:
        assert item.region.region_code == "AM15"
        if len(am) and pd.notna(am["value"].iloc[0]):
            assert item.region.value == pytest.approx(am["value"].iloc[0]) and item.region.flag is None
            assert item.region.region_name == am["region_name"].iloc[0]
        else:
            assert item.region.value is None and item.region.flag == "missing"
    else:
        assert item.region.value is None and item.region.flag == "national_only" and item.region.is_demo is False
    assert headline(indicator_rows(app_store, indicator), {"id": indicator}, None).region is None


def test_a_region_without_the_period_is_missing_and_keeps_its_demo_mark(app_store):
    rows = indicator_rows(app_store, "neet_share")
    # the region's rows without the latest period: the reading says missing, not 0, and keeps the demo mark
    latest = rows.loc[rows["period_start"].idxmax(), "period"]
    cut = rows[~((rows["region_code"] == "AM15") & (rows["period"] == latest))].reset_index(drop=True)
    item = headline(cut, {}, "AM15")
    assert item.region.value is None and item.region.flag == "missing"
    assert item.region.is_demo is bool(rows.loc[rows["region_code"] == "AM15", "is_demo"].any())
    assert item.region.change is None and item.region.region_name == "AM15"
    suppressed = rows.copy()
    hit = (suppressed["region_code"] == "AM15") & (suppressed["period"] == latest)
    suppressed.loc[hit, "value"] = float("nan")
    suppressed.loc[hit, "flag"] = "confidential"
    got = headline(suppressed, {}, "AM15").region
    assert got.value is None and got.flag == "confidential" and got.change is None
    suppressed.loc[hit, "flag"] = None
    assert headline(suppressed, {}, "AM15").region.flag == "missing"


def test_year_before_is_the_same_period_a_year_earlier(app_store):
    months = indicator_rows(app_store, "youth_ww_benefits")
    months = months[months["frequency"] == "month"]
    last = months.loc[months["period_start"].idxmax(), "period"]
    assert year_before(months, last) == f"{int(last[:4]) - 1}{last[4:]}"
    school = indicator_rows(app_store, "early_school_leaver_rate")
    assert year_before(school, "2022/2023") == "2021/2022"
    assert year_before(school, "1999/2000") is None
    first = school.loc[school["period_start"].idxmin(), "period"]
    assert year_before(school, first) is None


@pytest.mark.parametrize(("indicator", "frequency"), [("neet_share", "year"), ("youth_ww_benefits", "month"),
                                                      ("early_school_leaver_rate", "school_year")])
def test_trend_is_the_last_points_of_one_region(app_store, indicator, frequency):
    rows = indicator_rows(app_store, indicator)
    mine = _rows(app_store, indicator)
    mine = mine[(mine["region_code"] == "NL01") & (mine["frequency"] == frequency)]
    points = {"month": 37, "year": 10, "school_year": 10}[frequency]
    got = trend(rows, "NL01", frequency)
    assert list(got.columns) == ["period", "period_start", "value", "flag"]
    assert list(got["period"]) == list(mine["period"].tail(points))
    assert list(trend(rows, "NL01", frequency, 3)["period"]) == list(mine["period"].tail(3))
    assert list(got.index) == list(range(len(got)))
    every = _rows(app_store, indicator)
    every = every[every["region_code"] == "NL01"]
    assert list(trend(rows, "NL01", None, 500)["period"]) == list(every["period"])


@pytest.mark.parametrize("indicator", ["neet_share", "early_school_leaver_rate", "youth_jobseeker_rate"])
def test_top_regions_are_the_highest_of_the_latest_regional_period(app_store, indicator):
    rows = _rows(app_store, indicator)
    am = rows[rows["region_level"] == "arbeidsmarktregio"]
    frequency = next(f for f in ORDER if f in set(am["frequency"]))
    am = am[(am["frequency"] == frequency) & am["value"].notna()]
    latest = am.loc[am["period_start"].idxmax(), "period"]
    now = am[am["period"] == latest].sort_values(["value", "region_name"], ascending=[False, True])
    top = top_regions(indicator_rows(app_store, indicator))
    assert list(top.columns) == ["rank", "region_code", "region_name", "value", "period", "frequency"]
    assert list(top["rank"]) == [1, 2, 3, 4, 5]
    assert list(top["region_code"]) == list(now["region_code"].head(5))
    assert list(top["value"]) == list(now["value"].head(5))
    assert set(top["period"]) == {latest} and set(top["frequency"]) == {frequency}
    three = top_regions(indicator_rows(app_store, indicator), n=3, level="gemeente")
    gm = rows[(rows["region_level"] == "gemeente") & rows["value"].notna()]
    gm_latest = gm.loc[gm["period_start"].idxmax(), "period"]
    expected = gm[gm["period"] == gm_latest].sort_values(["value", "region_name"], ascending=[False, True]).head(3)
    assert list(three["region_code"]) == list(expected["region_code"])
    assert top_regions(indicator_rows(app_store, "unemployment_rate")).empty
    assert list(top_regions(indicator_rows(app_store, "unemployment_rate")).columns) == list(top.columns)


def test_top_regions_leave_out_missing_values_and_break_ties_by_name():
    rows = pd.DataFrame({
        "region_code": ["AM01", "AM02", "AM03", "AM04", "AM01"],
        "region_name": ["Zuid", "Noord", "Oost", "West", "Zuid"],
        "region_level": ["arbeidsmarktregio"] * 5,
        "period": ["2023", "2023", "2023", "2023", "2022"],
        "period_start": pd.to_datetime(["2023-10-01"] * 4 + ["2022-10-01"]),
        "frequency": ["year"] * 5, "value": [5.0, 5.0, float("nan"), 7.0, 9.0],
        "flag": [None, None, "confidential", None, None], "status": ["definitief"] * 5, "is_demo": [False] * 5,
    })
    top = top_regions(rows)
    assert list(top["region_name"]) == ["West", "Noord", "Zuid"] and list(top["rank"]) == [1, 2, 3]


def test_need_indicators_are_key_indicators_with_more_need_and_figures(app_store):
    obs = app_store.observations
    meta = {m["id"]: m for m in app_store.indicators}
    for level in ("arbeidsmarktregio", "gemeente", "land"):
        levels = set(obs.loc[obs["region_level"] == level, "indicator"])
        expected = [i for i in KEY_INDICATORS if meta.get(i, {}).get("higher_is_more_need") is True and i in levels]
        assert need_indicators(app_store, level) == expected
    assert "neet_share" in need_indicators(app_store)


def test_data_as_of_lists_every_source_with_its_latest_fetch_and_demo_slices():
    manifest = {"sources": [
        {"table_id": "86087NED", "title": "Jongeren", "statline_url": "https://x", "cbs_modified": "2024-01-02",
         "is_demo": True, "slices": [{"slice": "a", "fetched_at": "2024-02-01", "is_demo": False},
                                      {"slice": "b", "fetched_at": "2024-03-01", "is_demo": True},
                                      {"slice": "c"}]},
        {"table_id": "80590ned", "slices": []},
        {"slices": [{"is_demo": True}]},
        {},
    ]}
    assert data_as_of(manifest) == [
        {"table_id": "86087NED", "title": "Jongeren", "statline_url": "https://x", "cbs_modified": "2024-01-02",
         "fetched_at": "2024-03-01", "is_demo": True, "demo_slices": ["b"], "slices": 3},
        {"table_id": "80590ned", "title": "", "statline_url": "", "cbs_modified": None, "fetched_at": None,
         "is_demo": False, "demo_slices": [], "slices": 0},
        {"table_id": "", "title": "", "statline_url": "", "cbs_modified": None, "fetched_at": None,
         "is_demo": False, "demo_slices": [""], "slices": 1},
        {"table_id": "", "title": "", "statline_url": "", "cbs_modified": None, "fetched_at": None,
         "is_demo": False, "demo_slices": [], "slices": 0},
    ]
    assert data_as_of({}) == []


# --- the brief (the overview page /): its figures, movers and aftercare, recomputed from the store -----------------

from dashboard.data import brief as b  # noqa: E402


def _value(obs, indicator, code, period):
    rows = obs[(obs["indicator"] == indicator) & (obs["region_code"] == code) & (obs["period"] == period)]
    return None if rows.empty or pd.isna(rows["value"].iloc[0]) else float(rows["value"].iloc[0])


@pytest.mark.parametrize("code", ["AM15", "GM0363", "MC21"])
def test_region_brief_figures_are_the_stores(app_store, code):
    obs = app_store.observations
    brief = b.region_brief(app_store, code.lower())
    level = brief["info"]["level"]
    assert brief["n_regions"] == int((app_store.regions["region_level"] == level).sum())
    assert [f.indicator for f in brief["figures"]] == list(b.REGIONAL_INDICATORS)
    for fig in brief["figures"]:
        rows = obs[(obs["indicator"] == fig.indicator) & (obs["region_level"] == level)].dropna(subset=["value"])
        latest = rows.sort_values("period_start")["period"].iloc[-1]
        now = rows[rows["period"] == latest].sort_values(["value", "region_code"], ascending=[False, True])
        assert fig.period == latest and fig.value == pytest.approx(_value(obs, fig.indicator, code, latest))
        assert fig.rank == list(now["region_code"]).index(code) + 1 and fig.of == len(now)
        assert fig.national == _value(obs, fig.indicator, "NL01", latest)
        before = shift_period(latest, years=1)
        then = _value(obs, fig.indicator, code, before)
        assert fig.year_before.period == before and fig.year_before.value == then
        assert fig.year_before.change == (None if then is None else pytest.approx(fig.value - then))
        base = pre_corona_period(latest)
        pre = _value(obs, fig.indicator, code, base)
        assert fig.pre_corona.period == base and fig.pre_corona.value == pre
        assert fig.pre_corona.change == (None if pre is None else pytest.approx(fig.value - pre))
        mine = obs[(obs["indicator"] == fig.indicator) & (obs["region_code"] == code)
                   & (obs["frequency"] == fig.frequency)].sort_values("period_start")
        assert list(fig.trend["period"]) == list(mine["period"].tail(b.TREND_YEARS))
        nl = obs[(obs["indicator"] == fig.indicator) & (obs["region_code"] == "NL01")
                 & (obs["frequency"] == fig.frequency)].sort_values("period_start")
        assert list(fig.national_trend["period"]) == list(nl["period"].tail(b.TREND_YEARS))
        assert fig.meta["id"] == fig.indicator and fig.status == obs.loc[
            (obs["indicator"] == fig.indicator) & (obs["region_code"] == code) & (obs["period"] == latest),
            "status"].iloc[0]
    pop = obs[(obs["indicator"] == "youth_population") & (obs["region_code"] == code)].dropna(subset=["value"])
    pop = pop.sort_values("period_start").iloc[-1]
    assert brief["youth_population"] == pytest.approx(pop["value"]) and brief["youth_population_period"] == pop["period"]
    aftercare = brief["aftercare"]
    assert aftercare["region_code"] == code and aftercare["level"] == level
    assert aftercare["n"] == int((app_store.regions["region_level"] == level).sum())
    year = aftercare["period"]
    assert aftercare["neet_count"] == _value(obs, "neet_count", code, year)
    assert aftercare["early_school_leavers"] == _value(obs, "early_school_leavers", code, f"{int(year) - 1}/{year}")
    counts = obs[(obs["indicator"] == "neet_count") & (obs["region_level"] == level) & (obs["period"] == year)]
    assert aftercare["n_neet_count"] == int(counts["value"].notna().sum())
    assert set(brief["indicators"]) == {m["id"] for m in app_store.indicators}
    assert brief["need_meta"]["id"] == "need_index"
    assert [f.indicator for f in brief["national_only"]] == list(b.NATIONAL_ONLY)


def _label(low, high, n):
    """/methode's words for a 90% rank interval and the top 5: certain (all of it in the top 5), outside (none of
    it), of the rest indistinct (it spans half the regions or more, at least 6 places), else possible."""
    if high <= 5:
        return "certain"
    if low > 5:
        return "outside"
    return "indistinct" if high - low + 1 >= max(n / 2, 6) else "possible"


def test_need_summary_orders_drivers_by_contribution(app_store):
    need = b.need_summary(app_store, "AM15", "arbeidsmarktregio")
    contributions = [v for _, v in need["drivers"]]
    assert contributions == sorted(contributions, reverse=True) and len(contributions) >= 3
    low, high, n = need["rank_low"], need["rank_high"], need["n"]
    assert need["label_code"] == _label(low, high, n) and n == 35
    for code in ("AM01", "AM15", "AM18", "AM33"):
        other = b.need_summary(app_store, code, "arbeidsmarktregio")
        low, high = other["rank_low"], other["rank_high"]
        assert other["label_code"] == _label(low, high, 35)
    assert b.need_summary(app_store, "XX99", "arbeidsmarktregio") is None


def test_neighbourhood_of_a_gemeente_is_its_regions_municipalities(app_store):
    obs = app_store.observations
    regions = app_store.regions
    brief = b.region_brief(app_store, "GM0363")
    hood = brief["neighbourhood"]
    parent = regions.set_index("region_code").loc["GM0363", "parent_code"]
    members = regions[(regions["parent_code"] == parent) & (regions["region_level"] == "gemeente")]
    assert hood["am_code"] == parent and sorted(m["code"] for m in hood["members"]) == sorted(members["region_code"])
    assert [m["name"].lower() for m in hood["members"]] == sorted(m["name"].lower() for m in hood["members"])
    gm = obs[(obs["indicator"] == "neet_share") & (obs["region_level"] == "gemeente")].dropna(subset=["value"])
    year = gm.sort_values("period_start")["period"].iloc[-1]
    assert hood["period"] == year
    for m in hood["members"]:
        assert m["neet_share"] == _value(obs, "neet_share", m["code"], year)
        assert m["neet_count"] == _value(obs, "neet_count", m["code"], year)
    stored = pd.read_parquet(app_store.path / "need_index.parquet")
    stored = stored[stored["level"] == "gemeente"]
    assert hood["need_period"] == max(stored["period"].astype(str))
    stored = stored[stored["period"].astype(str) == hood["need_period"]]
    ranks = stored.set_index("region_code")["rank"]
    for m in hood["members"]:
        assert m["need_rank"] == (int(ranks[m["code"]]) if pd.notna(ranks.get(m["code"])) else None)
    assert hood["need_n"] == int(stored["rank"].notna().sum())
    assert hood["am_need"]["rank"] == b.need_summary(app_store, parent, "arbeidsmarktregio")["rank"]
    assert b.region_brief(app_store, "AM15")["neighbourhood"]["am_need"] is None
    assert b.region_brief(app_store, "NL01") is None


def _movers_by_hand(obs, indicator, before, after, relative):
    rows = obs[(obs["indicator"] == indicator) & (obs["region_level"] == "arbeidsmarktregio")]
    now = rows[rows["period"] == after].set_index("region_code")
    then = rows[rows["period"] == before].set_index("region_code")
    out = []
    for code in now.index.intersection(then.index):
        a, z = now.loc[code, "value"], then.loc[code, "value"]
        if pd.isna(a) or pd.isna(z) or (relative and z <= 0):
            continue
        change = 100 * (a - z) / z if relative else a - z
        out.append((round(change + 0.0, 9), now.loc[code, "region_name"], code, change))
    return out


def rows_frequency(obs, indicator):
    rows = obs[(obs["indicator"] == indicator) & (obs["region_level"] == "arbeidsmarktregio")]
    return next(f for f in ("year", "school_year", "half_year", "quarter", "month") if f in set(rows["frequency"]))


def test_movers_are_the_largest_changes_that_show_as_a_change(app_store):
    obs = app_store.observations
    from dashboard.ui.i18n import fmt_number
    got = b.movers(app_store)
    assert {m["indicator"] for m in got} == set(b.MOVER_INDICATORS)
    spans = {(m["indicator"], m["span"]) for m in got}
    assert ("youth_ww_benefits", "half_year") in spans and ("youth_ww_benefits", "year") in spans
    assert ("neet_share", "half_year") not in spans
    for m in got:
        relative = m["indicator"] == "youth_ww_benefits"
        assert m["relative"] is relative
        rows = _movers_by_hand(obs, m["indicator"], m["before"], m["after"], relative)
        assert m["regions"] == len(rows)
        moved = sorted((r for r in rows if fmt_number(r[3], "en") not in ("0.0",)), key=lambda r: (r[0], r[1]))
        down = [r[2] for r in moved if r[3] < 0][:3]
        up = [r[2] for r in sorted((r for r in moved if r[3] > 0), key=lambda r: (-r[0], r[1]))][:3]
        assert [r["code"] for r in m["improved"]] == down, m["indicator"]
        assert all(r["change"] > 0 for r in m["worsened"]) and len(m["worsened"]) == len(up)
        assert sorted(r["code"] for r in m["worsened"]) == sorted(up), m["indicator"]
        names = app_store.regions.set_index("region_code")["region_name"]
        for r in m["improved"] + m["worsened"]:
            after = _value(obs, m["indicator"], r["code"], m["after"])
            before = _value(obs, m["indicator"], r["code"], m["before"])
            change = 100 * (after - before) / before if relative else after - before
            assert r == {"code": r["code"], "name": names[r["code"]], "before": before, "after": after,
                         "change": pytest.approx(change)}
        meta = next(i for i in app_store.indicators if i["id"] == m["indicator"])
        assert m["meta"] == meta
        assert m["frequency"] == rows_frequency(obs, m["indicator"])
        nb, na = _value(obs, m["indicator"], "NL01", m["before"]), _value(obs, m["indicator"], "NL01", m["after"])
        expected = None if nb is None or na is None else (100 * (na - nb) / nb if relative else na - nb)
        assert m["national"] == (None if expected is None else pytest.approx(expected))
        assert m["span"] == "half_year" or shift_period(m["after"], years=1) == m["before"]
        rows_of = obs[(obs["indicator"] == m["indicator"]) & (obs["region_level"] == "arbeidsmarktregio")]
        latest = rows_of.dropna(subset=["value"]).sort_values("period_start")["period"].iloc[-1]
        assert m["after"] == latest
        if m["span"] == "half_year":                        # monthly: the same month half a year earlier
            month = pd.Period(f"{latest[:4]}-{latest[6:]}", freq="M") - 6
            assert m["before"] == f"{month.year}MM{month.month:02d}"


def test_national_brief_aftercare_and_top(app_store):
    obs = app_store.observations
    brief = b.national_brief(app_store)
    assert brief["n_regions"] == {lvl: int((app_store.regions["region_level"] == lvl).sum())
                                  for lvl in ("arbeidsmarktregio", "rmc", "gemeente")}
    assert [f.indicator for f in brief["figures"]] == [*b.REGIONAL_INDICATORS, *b.NATIONAL_ONLY]
    care = brief["aftercare"]
    year, school = care["period"], care["school_year"]
    assert school == f"{int(year) - 1}/{year}"
    assert care["neet_count"] == _value(obs, "neet_count", "NL01", year)
    assert care["neet_count_before"] == _value(obs, "neet_count", "NL01", str(int(year) - 1))
    assert care["early_school_leaver_rate"] == _value(obs, "early_school_leaver_rate", "NL01", school)
    assert care["early_school_leavers_before"] == _value(obs, "early_school_leavers", "NL01",
                                                         f"{int(year) - 2}/{int(year) - 1}")
    for measure, when in (("neet_count", year), ("early_school_leaver_rate", school)):
        rows = obs[(obs["indicator"] == measure) & (obs["region_level"] == "arbeidsmarktregio")
                   & (obs["period"] == when)].dropna(subset=["value"])
        rows = rows.sort_values(["value", "region_name"], ascending=[False, True]).head(3)
        assert care[f"top_{measure}"] == [{"code": c, "name": n, "value": v} for c, n, v in zip(
            rows["region_code"], rows["region_name"], rows["value"], strict=True)]
    stored = pd.read_parquet(app_store.path / "need_index.parquet")
    stored = stored[stored["level"] == "arbeidsmarktregio"]
    latest = max(stored["period"].astype(str))
    assert brief["need_period"] == latest
    stored = stored[stored["period"].astype(str) == latest]
    names = app_store.regions.set_index("region_code")["region_name"]

    def entries(rows):
        return [{"code": r.region_code, "name": names[r.region_code], "rank": int(r.rank), "low": int(r.rank_low),
                 "high": int(r.rank_high)} for r in rows.sort_values("rank").itertuples()]
    certain = stored[stored["rank_high"] <= 5]
    possible = stored[(stored["rank_low"] <= 5) & (stored["rank_high"] > 5)]
    assert len(certain) + len(possible) >= 5
    assert brief["top"] == {"certain": entries(certain), "possible": entries(possible)}
    assert brief["need_n"] == int(stored["rank"].notna().sum()) == 35
    assert brief["movers"] == b.movers(StoreView(app_store.store), "arbeidsmarktregio") and brief["movers"]
    assert care["neet_share_before"] == _value(obs, "neet_share", "NL01", str(int(year) - 1))
    assert care["early_school_leaver_rate_before"] == _value(obs, "early_school_leaver_rate", "NL01",
                                                             f"{int(year) - 2}/{int(year) - 1}")
    assert care["neet_share"] == _value(obs, "neet_share", "NL01", year)
    assert care["early_school_leavers"] == _value(obs, "early_school_leavers", "NL01", school)


def _hand_rows(rows):
    """A hand-made indicator_rows frame: (code, level, period, start, frequency, value, flag, is_demo)."""
    frame = pd.DataFrame(rows, columns=["region_code", "region_level", "period", "period_start", "frequency", "value",
                                        "flag", "is_demo"])
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    frame["region_name"] = frame["region_code"].map(lambda c: f"Regio {c}")
    frame["status"] = "definitief"
    return frame.sort_values("period_start", kind="mergesort").reset_index(drop=True)


NAN = float("nan")
MONTHS = _hand_rows([
    ("NL01", "land", "2024MM01", "2024-01-01", "month", 10.0, None, False),
    ("NL01", "land", "2024MM03", "2024-03-01", "month", 12.0, None, False),
    ("NL01", "land", "2025", "2025-01-01", "year", 99.0, None, False),            # another, later series
    ("AM01", "arbeidsmarktregio", "2023MM03", "2023-03-01", "month", NAN, None, False),  # a year before: no value
    ("AM01", "arbeidsmarktregio", "2024MM03", "2024-03-01", "month", 3.0, None, True),
    ("AM01", "arbeidsmarktregio", "2024MM04", "2024-04-01", "month", 4.0, None, True),  # later than Nederland
    ("AM02", "arbeidsmarktregio", "2024MM01", "2024-01-01", "month", 5.0, None, True),
    ("AM03", "arbeidsmarktregio", "2025", "2025-01-01", "year", 7.0, None, True),   # only the other series
])


def test_headline_of_hand_made_rows():
    meta = {"id": "x"}
    item = headline(MONTHS, meta, "AM01", "Eén")
    assert item.indicator is meta and item.frequency == "month"
    nl = item.national
    assert (nl.region_code, nl.region_name, nl.period, nl.frequency, nl.value, nl.flag) == \
        ("NL01", "Regio NL01", "2024MM03", "month", 12.0, None)
    assert nl.previous_period is None and nl.previous_value is None and nl.change is None   # no 2023MM03 for NL
    am = item.region
    assert (am.region_code, am.region_name, am.period, am.frequency, am.value, am.is_demo) == \
        ("AM01", "Regio AM01", "2024MM03", "month", 3.0, True)
    assert am.previous_period == "2023MM03" and am.previous_value is None and am.change is None
    two = headline(MONTHS, meta, "AM02")                   # rows, but none in the period: missing, demo kept
    assert (two.region.region_code, two.region.region_name, two.region.period, two.region.frequency) == \
        ("AM02", "AM02", "2024MM03", "month")
    assert two.region.flag == "missing" and two.region.value is None and two.region.is_demo is True
    three = headline(MONTHS, meta, "AM03", "Drie")         # only rows of another series: no figure, not demo
    assert (three.region.region_code, three.region.region_name, three.region.period, three.region.frequency) == \
        ("AM03", "Drie", "2024MM03", "month")
    assert three.region.flag == "missing" and three.region.is_demo is False
    land_only = MONTHS[MONTHS["region_level"] == "land"].reset_index(drop=True)
    assert headline(land_only, meta, "AM01").region.flag == "national_only"


def test_headline_without_nederland_takes_the_latest_regional_period():
    rows = MONTHS[MONTHS["region_code"] != "NL01"].reset_index(drop=True)
    item = headline(rows, {}, "AM02")
    assert item.frequency == "month" and item.national.period == "2024MM04"
    assert (item.national.region_code, item.national.region_name, item.national.frequency) == \
        ("NL01", "Nederland", "month")
    assert item.national.flag == "missing" and item.national.value is None and item.national.is_demo is False
    assert item.region.period == "2024MM04" and item.region.flag == "missing"


def test_previous_value_of_a_present_row_without_value_is_none():
    rows = _hand_rows([("NL01", "land", "2023", "2023-01-01", "year", NAN, "confidential", False),
                       ("NL01", "land", "2024", "2024-01-01", "year", 2.0, None, False)])
    nl = headline(rows, {}, None).national
    assert nl.previous_period == "2023" and nl.previous_value is None and nl.value == 2.0


def test_small_helpers_by_hand():
    assert headline_frequency(MONTHS.iloc[0:0]) is None
    assert headline_frequency(MONTHS.assign(frequency="decade")) is None
    from dashboard.data.overview import latest_with_value
    am = (MONTHS["region_code"] == "AM01").to_numpy()
    assert latest_with_value(MONTHS, am) == "2024MM04" and latest_with_value(MONTHS) == "2025"
    assert latest_with_value(MONTHS, (MONTHS["period"] == "2023MM03").to_numpy()) is None     # only a missing value
    assert latest_with_value(MONTHS, (MONTHS["region_code"] == "AM02").to_numpy()) == "2024MM01"
    many = _hand_rows([("NL01", "land", str(y), f"{y}-01-01", "decade", float(y), None, False)
                       for y in range(2000, 2015)])
    assert list(trend(many, "NL01", "decade")["period"]) == [str(y) for y in range(2005, 2015)]
    assert len(trend(many, "NL01", None)) == 10



def test_top_regions_read_only_the_regions_latest_period():
    top = top_regions(MONTHS)
    assert list(top["region_code"]) == ["AM01"] and list(top["period"]) == ["2024MM04"]


def test_indicator_rows_and_tops_are_per_indicator(app_store):
    from dashboard.data.overview import ROW_COLUMNS, indicator_top
    rows = indicator_rows(app_store, "neet_share")
    assert list(rows.columns) == ROW_COLUMNS and list(rows.index) == list(range(len(rows)))
    assert set(rows["period_start"].diff().dropna().dt.days) >= {0} and rows["period_start"].is_monotonic_increasing
    neet, school = indicator_top(app_store, "neet_share"), indicator_top(app_store, "early_school_leaver_rate")
    assert neet.equals(top_regions(indicator_rows(app_store, "neet_share")))
    assert school.equals(top_regions(indicator_rows(app_store, "early_school_leaver_rate")))
    assert not neet.equals(school)


def test_need_indicators_of_a_store_without_one_of_them(app_store):
    import dataclasses
    obs = app_store.observations
    store = dataclasses.replace(app_store.store, observations=obs[obs["indicator"] != "youth_benefit_share"])
    assert need_indicators(StoreView(store)) == [i for i in need_indicators(app_store) if i != "youth_benefit_share"]


def test_top_of_a_hand_made_table_breaks_ties_by_name_and_skips_only_its_own_gaps():
    table = pd.DataFrame({"region_code": ["A", "B", "C", "D", "E"], "region_name": ["Echt", "Bos", "Cuijk", "Asten",
                                                                                   "Delft"],
                          "neet_count": [5.0, 9.0, 9.0, NAN, 9.0], "neet_share": [NAN, 1.0, 2.0, 3.0, 4.0]})
    assert b._top(table, "neet_count") == [{"code": "B", "name": "Bos", "value": 9.0},
                                           {"code": "C", "name": "Cuijk", "value": 9.0},
                                           {"code": "E", "name": "Delft", "value": 9.0}]
    assert [t["code"] for t in b._top(table, "neet_share", 5)] == ["E", "D", "C", "B"]


def test_movers_go_on_past_an_indicator_without_figures(app_store):
    import dataclasses
    obs = app_store.observations
    cut = obs[~((obs["indicator"] == "youth_jobseeker_rate") & (obs["region_level"] == "arbeidsmarktregio"))]
    view = StoreView(dataclasses.replace(app_store.store, observations=cut))
    got = {m["indicator"] for m in b.movers(view)}
    assert got == set(b.MOVER_INDICATORS) - {"youth_jobseeker_rate"}


def test_national_brief_figures_are_nederlands_latest_headline_figures(app_store):
    obs = app_store.observations
    brief = b.national_brief(app_store)
    for fig in brief["figures"]:
        rows = obs[(obs["indicator"] == fig.indicator) & (obs["region_code"] == "NL01")].dropna(subset=["value"])
        frequency = next(f for f in ORDER if f in set(rows["frequency"]))
        latest = rows[rows["frequency"] == frequency].sort_values("period_start").iloc[-1]
        assert (fig.period, fig.frequency) == (latest["period"], frequency), fig.indicator
        assert fig.value == pytest.approx(latest["value"]) and fig.national == pytest.approx(latest["value"])
        assert fig.status == latest["status"] and fig.rank is None and fig.of is None and fig.flag is None
        assert fig.national_trend.empty and fig.trend["period"].iloc[-1] == latest["period"]
        assert list(fig.trend.index) == list(range(len(fig.trend)))


def test_neighbourhood_entries_and_an_rmc_regions_own_gemeenten(app_store):
    regions = app_store.regions
    hood = b.region_brief(app_store, "MC21")["neighbourhood"]
    members = regions[(regions["rmc_code"] == "MC21") & (regions["region_level"] == "gemeente")]
    assert hood["am_code"] == "MC21" and sorted(m["code"] for m in hood["members"]) == sorted(members["region_code"])
    assert all(set(m) == {"code", "name", "neet_share", "neet_count", "need_rank", "need_low", "need_high"}
               for m in hood["members"])
    ranked = [m for m in hood["members"] if m["need_rank"] is not None]
    assert ranked and all(m["need_low"] <= m["need_rank"] <= m["need_high"] for m in ranked)


def test_the_drivers_read_as_one_list_compared_with_the_regions_average():
    """"meer A, meer B en minder C, vergeleken met het gemiddelde van de regio's (niet met Nederland als geheel)":
    no "dan gemiddeld" after each (a region equal to Nederland read "meer ... dan gemiddeld")."""
    from pagesupport import texts, to_plain

    from dashboard.ui.components.brief import drivers_in_words
    drivers = [("early_school_leaver_rate", 0.4), ("neet_share", 0.2), ("youth_benefit_share", -0.1)]
    nl = texts(to_plain(drivers_in_words(drivers, "nl")))
    assert ("De plaats komt vooral door meer voortijdig schoolverlaters, meer jongeren zonder werk en opleiding en "
            "minder jongeren met een uitkering, vergeleken met het gemiddelde van de regio's (niet met Nederland als "
            "geheel).") in nl and "dan gemiddeld" not in nl
    en = texts(to_plain(drivers_in_words(drivers[:1], "en")))
    assert "Its place comes mostly from more early school leavers, compared with the average of the regions" in en


def test_the_data_as_of_table_names_each_subject_in_the_page_language(app_client):
    """English page, English subjects (CBS's titles are Dutch); what "–" under Fetched means is said under it."""
    from pagesupport import render_page, texts

    from dashboard.ui.i18n import t
    for lang in ("nl", "en"):
        content = render_page(app_client, "/", "?lang=en" if lang == "en" else "")["content"]
        text = texts(content)
        assert t("methode.table.84780ned", lang) in text and t("methode.table.86247ned", lang) in text
        assert t("overview.asof_dash", lang) in text
    assert t("methode.table.84780ned", "en") != t("methode.table.84780ned", "nl")
