"""Invariants of the built store, and properties of the aggregation recipes (hypothesis)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.catalog import INDICATORS, indicator_ids
from etl.schema import MISSING_FLAGS
from etl.store import Store, load_store
from etl.transform.indicators import add_missing_parents, make_rows

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
SCALE = {"neet_share": ("neet_count", 100.0), "youth_benefit_share": (None, 100.0),
         "youth_jobseeker_rate": (None, 1000.0), "early_school_leaver_rate": ("early_school_leavers", 100.0)}
AM_2024 = [f"AM{n:02d}" for n in (*range(1, 4), *range(5, 16), *range(17, 31), *range(32, 39))]


@pytest.fixture(scope="module")
def store(built_store: Path) -> Store:
    return load_store(built_store)


@pytest.fixture(scope="module")
def obs(store: Store) -> pd.DataFrame:
    return store.observations


@pytest.fixture(scope="module")
def parent(store: Store) -> pd.Series:
    return store.regions.set_index("region_code")["parent_code"]


def _rows(obs: pd.DataFrame, indicator: str, level: str | None = None) -> pd.DataFrame:
    rows = obs[obs["indicator"] == indicator]
    return rows if level is None else rows[rows["region_level"] == level]


# --- regions ------------------------------------------------------------------------------------------
def test_regions_division(store: Store) -> None:
    regions = store.regions
    counts = regions["region_level"].value_counts().to_dict()
    assert counts == {"gemeente": 342, "arbeidsmarktregio": 35, "land": 1}
    assert regions["region_code"].is_unique
    am = regions[regions["region_level"] == "arbeidsmarktregio"]
    assert sorted(am["region_code"]) == AM_2024                     # AM04, AM16, AM31 retired
    assert (am["parent_code"] == "NL01").all()
    gm = regions[regions["region_level"] == "gemeente"]
    assert gm["parent_code"].isin(am["region_code"]).all()           # every gemeente has an arbeidsmarktregio
    assert set(gm["parent_code"]) == set(am["region_code"])          # and every region has gemeenten
    assert regions.loc[regions["region_code"] == "NL01", "parent_code"].isna().all()
    assert not regions["region_name"].str.contains(r"\((?:AM|PV|LD)\)").any()
    assert regions.set_index("region_code").loc["GM0363", "region_name"] == "Amsterdam"


def test_regions_are_cbs_division(store: Store) -> None:
    """Parents and names come from CBS's Gebieden in Nederland 2026 (86247NED), as the manifest says."""
    division = pd.read_csv(next(RAW.glob("86247NED/gemeenten/*/gemeente_arbeidsmarktregio_cbs_2026.csv")), dtype=str)
    regions = store.regions.set_index("region_code")
    gm = division.set_index("gemeente_code")
    assert (regions.loc[gm.index, "parent_code"] == gm["arbeidsmarktregio_code"]).all()
    assert (regions.loc[gm.index, "region_name"] == gm["gemeente_name"]).all()
    am = division.drop_duplicates("arbeidsmarktregio_code").set_index("arbeidsmarktregio_code")["arbeidsmarktregio_name"]
    assert (regions.loc[am.index, "region_name"] == am).all()
    assert regions.loc["AM06", "region_name"] == "Veluwe Stedendriehoek"          # 2026 name, not the 85554NED title
    assert store.manifest["division"] == {"table_id": "86247NED", "title": "Gebieden in Nederland 2026", "year": 2026,
                                          "regions": "names and parents of the arbeidsmarktregio's and gemeenten"}
    sources = {s["table_id"]: s for s in store.manifest["sources"]}
    assert sources["86247NED"]["kind"] == "division" and sources["86247NED"]["division_year"] == 2026
    assert sources["gebieden-2025"]["kind"] == "geometry" and "geometry" in sources["gebieden-2025"]["used_for"]
    assert sources["gebieden-2025"]["title"].startswith("Grenzen")           # not the old "afgeleid" division title


# --- the whole table ----------------------------------------------------------------------------------
def test_rows_are_unique(obs: pd.DataFrame) -> None:
    assert not obs.duplicated(["indicator", "region_code", "period"]).any()


def test_flag_matches_value(obs: pd.DataFrame, store: Store) -> None:
    """A missing value has a reason; a present value has no flag, except a 0 built from a count CBS rounded to 0."""
    missing = obs["value"].isna()
    assert obs.loc[missing, "flag"].isin(MISSING_FLAGS).all()
    present = obs[~missing]
    zero = present[present["flag"] == "rounded_zero"]
    assert present["flag"].isna().sum() + len(zero) == len(present)
    assert (zero["value"] == 0).all() and len(zero) > 0                # the demo has small gemeenten: exercised
    rounding = {m["id"]: m["rounding"] for m in store.indicators}
    for row in zero.itertuples():
        assert rounding[row.indicator][row.region_level]["unit"] > 1
    counted = present[(present["flag"].isna()) & (present["value"] == 0)]
    assert all(rounding[r.indicator].get(r.region_level, {}).get("unit", 1) <= 1 for r in counted.itertuples())


def test_every_indicator_is_built(obs: pd.DataFrame, store: Store) -> None:
    assert set(obs["indicator"]) == set(indicator_ids())
    meta = {m["id"]: m for m in store.indicators}
    assert list(meta) == [i.id for i in INDICATORS]
    for ind in INDICATORS:
        rows = _rows(obs, ind.id)
        assert set(rows["region_level"]) == set(ind.levels), ind.id
        assert meta[ind.id]["is_demo"] == bool(rows["is_demo"].any())
        assert (rows["unit"] == ind.unit).all()
        assert set(rows["source_table"]) == set(ind.source_tables)


def test_demo_flags(obs: pd.DataFrame, store: Store) -> None:
    by_table = obs.groupby("source_table")["is_demo"].agg(["all", "any"])
    for table in ("86087NED", "86223NED", "84780NED", "85554NED"):
        assert by_table.loc[table, "all"], table
    assert _rows(obs, "youth_unemployment_rate")["is_demo"].all()
    assert not _rows(obs, "unemployment_rate")["is_demo"].any()      # the genuine 80590ned recording, 15-75
    assert not _rows(obs, "population")["is_demo"].any()
    manifest = {s["table_id"]: s for s in store.manifest["sources"]}
    assert manifest["80590ned"]["is_demo"] is True                   # one slice demo ...
    assert {s["slice"]: s["is_demo"] for s in manifest["80590ned"]["slices"]} == {"totaal-15-75": False,
                                                                                 "totaal-15-25": True}
    assert manifest["85984NED"]["is_demo"] is False and manifest["gebieden-2025"]["is_demo"] is False
    assert store.manifest["is_demo"] is True
    demo_slices = sorted(f"{t}/{s['slice']}" for t, m in manifest.items() for s in m["slices"] if s["is_demo"])
    assert sorted(store.manifest["demo_slices"]) == demo_slices and "80590ned/totaal-15-75" not in demo_slices
    assert all(d in store.manifest["demo_notice"] for d in demo_slices)


def test_attributions_never_credit_cbs_for_demo(store: Store) -> None:
    """'Bron: CBS' only on genuine figures; demo says so itself, never 'Bron: CBS ... demo'."""
    for src in store.manifest["sources"]:
        for sl in src["slices"]:
            if sl["is_demo"]:
                assert sl["attribution"].startswith("Demo — geen CBS-cijfers / demo — not CBS figures"), sl
                assert "Bron: CBS" not in sl["attribution"]
            elif src["kind"] != "geometry":
                assert sl["attribution"].startswith("Bron: CBS") and "emo" not in sl["attribution"], sl
        if not src["is_demo"]:
            assert "emo" not in src["attribution"]
    assert store.manifest["attribution"].startswith("Bron: CBS") and "emo" not in store.manifest["attribution"]
    for meta in store.indicators:
        for part in meta["sources"]:
            assert part["attribution"].startswith("Demo") == part["is_demo"], (meta["id"], part)
        assert meta["is_demo"] == any(p["is_demo"] for p in meta["sources"])


def test_period_start_is_the_reference_date(obs: pd.DataFrame) -> None:
    """Youth years describe October (86087NED/86223NED), so they line up with monthly series; labels stay '2023'."""
    youth = obs[obs["source_table"].isin(["86087NED", "86223NED"])]
    assert (youth["period_start"].dt.month == 10).all() and (youth["period_start"].dt.day == 1).all()
    assert (youth["period"] == youth["period_start"].dt.year.astype(str)).all()
    yearly = obs[(obs["source_table"].isin(["80590ned", "85984NED"])) & (obs["frequency"] == "year")]
    assert (yearly["period_start"].dt.month == 1).all()                # annual averages, 1 January population
    school = obs[obs["frequency"] == "school_year"]
    assert (school["period_start"].dt.month == 10).all()


def test_values_in_domain(obs: pd.DataFrame) -> None:
    assert (obs["value"].dropna() >= 0).all()
    assert (obs.loc[obs["unit"] == "percent", "value"].dropna() <= 100).all()
    assert (obs.loc[obs["unit"] == "per_1000", "value"].dropna() <= 1000).all()


@pytest.mark.parametrize("indicator", list(SCALE))
def test_rate_is_scale_times_numerator_over_denominator(obs: pd.DataFrame, indicator: str) -> None:
    rows = _rows(obs, indicator).dropna(subset=["value"])
    scale = SCALE[indicator][1]
    assert len(rows) > 0
    np.testing.assert_allclose(rows["value"], scale * rows["numerator"] / rows["denominator"], rtol=1e-12)


# --- arbeidsmarktregio's from gemeenten ---------------------------------------------------------------
def _gemeente_sums(obs: pd.DataFrame, indicator: str, column: str, parent: pd.Series) -> pd.DataFrame:
    gm = _rows(obs, indicator, "gemeente").assign(am=lambda f: f["region_code"].map(parent))
    return gm.groupby(["am", "period"]).agg(total=(column, "sum"), missing=(column, lambda s: int(s.isna().sum())),
                                            flagged=("flag", lambda s: int(s.isin(MISSING_FLAGS).sum())))


def test_vsv_regions_are_sums_of_gemeenten(obs: pd.DataFrame, parent: pd.Series) -> None:
    """84780NED has no arbeidsmarktregio's: they are computed from summed gemeente counts, never averaged."""
    am = _rows(obs, "early_school_leaver_rate", "arbeidsmarktregio").set_index(["region_code", "period"])
    num = _gemeente_sums(obs, "early_school_leaver_rate", "numerator", parent).reindex(am.index)
    den = _gemeente_sums(obs, "early_school_leaver_rate", "denominator", parent).reindex(am.index)
    assert len(am) == 35 * 8 and num["total"].notna().all()
    complete = num["flagged"] == 0
    assert complete.any()
    assert (am.loc[complete, "numerator"] == num.loc[complete, "total"]).all()
    assert (am.loc[complete, "denominator"] == den.loc[complete, "total"]).all()
    np.testing.assert_allclose(am.loc[complete, "value"], 100 * num.loc[complete, "total"] / den.loc[complete, "total"],
                               rtol=1e-12)
    assert am.loc[~complete, "value"].isna().all() and (am.loc[~complete, "flag"] == "incomplete").all()
    counts = _rows(obs, "early_school_leavers", "arbeidsmarktregio").set_index(["region_code", "period"])
    assert (counts["value"] == am["numerator"].reindex(counts.index)).all()


@pytest.mark.parametrize(("indicator", "column"), [("neet_share", "numerator"), ("youth_benefit_share", "numerator"),
                                                   ("youth_jobseeker_rate", "numerator"),
                                                   ("youth_jobseeker_rate", "denominator"),
                                                   ("youth_population", "value"), ("neet_count", "value")])
def test_youth_register_regions_agree_with_their_gemeenten(obs: pd.DataFrame, parent: pd.Series, store: Store,
                                                          indicator: str, column: str) -> None:
    """86087NED gives arbeidsmarktregio's itself, rounded on their own (unit u_am); gemeenten are rounded to u_gm.
    Where no gemeente is suppressed, the region and the sum of its k gemeenten differ by at most u_am/2 + k u_gm/2;
    where some are suppressed, the region is at least that sum minus the same slack."""
    rounding = {m["id"]: m["rounding"] for m in store.indicators}[indicator]
    u_am, u_gm = rounding["arbeidsmarktregio"]["unit"], rounding["gemeente"]["unit"]
    assert rounding["arbeidsmarktregio"]["summed_from"] is None        # CBS's own regional rows
    am = _rows(obs, indicator, "arbeidsmarktregio").set_index(["region_code", "period"])
    sums = _gemeente_sums(obs, indicator, column, parent).reindex(am.index)
    k = parent[parent.index.str.startswith("GM")].value_counts()
    slack = u_am / 2 + am.index.get_level_values(0).map(k).to_numpy() * u_gm / 2
    given = am[column].notna()
    assert len(am) == 35 * 8 and given.sum() >= 35 * 7
    none_suppressed = (sums["missing"] == 0) & given
    diff = am[column] - sums["total"]
    assert (diff[none_suppressed].abs() <= slack[none_suppressed]).all()
    assert (diff[given] >= -slack[given]).all()
    assert (am.loc[given, column] % u_am == 0).all()                   # published rounded, as CBS does
    if indicator != "youth_population" and column != "denominator":
        assert (given & ~none_suppressed).any()          # the demo does suppress small gemeenten: exercised


def test_population_sums_up(obs: pd.DataFrame, parent: pd.Series) -> None:
    pop = _rows(obs, "population").set_index("region_code")["value"]
    gm = pop[pop.index.str.startswith("GM")]
    am = pop[pop.index.str.startswith("AM")]
    assert len(gm) == 342 and len(am) == 35
    assert (gm.groupby(gm.index.map(parent)).sum() == am.reindex(sorted(am.index))).all()
    assert pop["NL01"] == am.sum() == gm.sum() == 17_942_942


# --- genuine figures ---------------------------------------------------------------------------------
def test_population_is_the_genuine_total(obs: pd.DataFrame) -> None:
    """85984NED is genuine: Nederland is the sum of the 342 gemeenten in the raw file (CBS: 17,942,942)."""
    raw = json.loads(next(RAW.glob("85984NED/gemeenten/*/stripped_filtered_data_2024.json")).read_text("utf-8"))
    total = sum(v["AantalInwoners_5"] for k, v in raw.items() if k.strip().startswith("GM"))
    rows = obs[(obs["indicator"] == "population") & (obs["region_code"] == "NL01")]
    assert rows["value"].tolist() == [total] and not rows["is_demo"].any()


def test_indicators_json_matches_store(built_store: Path, obs: pd.DataFrame) -> None:
    meta = json.loads((built_store / "indicators.json").read_text(encoding="utf-8"))
    for m in meta:
        rows = _rows(obs, m["id"])
        assert m["frequencies"] == sorted(set(rows["frequency"]))
        assert m["licence"] == "CC BY 4.0"


# --- properties of the recipes (hypothesis) -----------------------------------------------------------
REGIONS = pd.DataFrame({
    "region_code": ["NL01", "AM01", "AM02", "GM0001", "GM0002", "GM0003", "GM0004"],
    "region_name": ["Nederland", "Een", "Twee", "A", "B", "C", "D"],
    "region_level": ["land", "arbeidsmarktregio", "arbeidsmarktregio", "gemeente", "gemeente", "gemeente",
                     "gemeente"],
    "parent_code": [None, "NL01", "NL01", "AM01", "AM01", "AM02", "AM02"],
})
GEMEENTEN = ["GM0001", "GM0002", "GM0003", "GM0004"]
COUNT = st.one_of(st.none(), st.integers(0, 10**6))


def _counts(num: list[int | None], den: list[int | None]) -> pd.DataFrame:
    return pd.DataFrame({
        "region": GEMEENTEN, "period": "2023", "period_start": pd.Timestamp("2023-01-01"), "frequency": "year",
        "status": "definitief",
        "num": [np.nan if v is None else float(v) for v in num],
        "den": [np.nan if v is None else float(v) for v in den],
        "num_flag": [("confidential" if v is None else None) for v in num],
        "den_flag": [("not available" if v is None else None) for v in den],
        "source_table": "86087NED", "is_demo": True,
    })


@settings(max_examples=15, deadline=None)
@given(num=st.lists(COUNT, min_size=4, max_size=4), den=st.lists(COUNT, min_size=4, max_size=4))
def test_parents_are_sums_or_incomplete(num: list[int | None], den: list[int | None]) -> None:
    counts = add_missing_parents(_counts(num, den), REGIONS, ["num", "den"], "gemeente", "arbeidsmarktregio")
    parents = counts[counts["region"].str.startswith("AM")].set_index("region")
    assert sorted(parents.index) == ["AM01", "AM02"]
    for am, members in (("AM01", slice(0, 2)), ("AM02", slice(2, 4))):
        for role, values in (("num", num), ("den", den)):
            part = values[members]
            if any(v is None for v in part):
                assert math.isnan(parents.loc[am, role]) and parents.loc[am, f"{role}_flag"] == "incomplete"
            else:
                assert parents.loc[am, role] == sum(part) and pd.isna(parents.loc[am, f"{role}_flag"])

    rows = make_rows(counts, REGIONS, "neet_share", "num", "den", 100.0)
    assert (rows["value"].isna() == rows["flag"].notna()).all()
    ok = rows.dropna(subset=["value"])
    np.testing.assert_allclose(ok["value"], 100.0 * ok["numerator"] / ok["denominator"], rtol=1e-12)
    assert (ok["denominator"] > 0).all()
    zero = rows[(rows["denominator"] == 0) & rows["numerator"].notna()]
    assert zero["value"].isna().all() and (zero["flag"] == "not available").all()
    assert rows["is_demo"].all() and (rows["source_table"] == "86087NED").all()


@settings(max_examples=10, deadline=None)
@given(num=st.lists(st.integers(0, 10**6), min_size=4, max_size=4))
def test_existing_parent_rows_are_kept(num: list[int]) -> None:
    """A parent the table gives itself is never replaced by the sum of its children."""
    counts = _counts(num, num)
    given_row = counts.iloc[[0]].assign(region="AM01", num=-1.0, den=-1.0)
    counts = pd.concat([counts, given_row], ignore_index=True)
    out = add_missing_parents(counts, REGIONS, ["num", "den"], "gemeente", "arbeidsmarktregio")
    am01 = out[out["region"] == "AM01"]
    assert len(am01) == 1 and am01["num"].iloc[0] == -1.0
    assert out.loc[out["region"] == "AM02", "num"].iloc[0] == num[2] + num[3]
