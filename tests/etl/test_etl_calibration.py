"""Every claim the demo still makes is true.  Only NEET and benefit counts of 86087NED and WW recipients under 27
(85554NED) are demo; young people, registered jobseekers and early school leavers are CBS's real figures now.

The demo's manifests (and docs/sources.md, and /methode through the manifest) say how the demo was made: NEET and
benefit counts drawn per gemeente on CBS's REAL numbers of young people (86087NED/total), with the national shares
of the assumption paths in etl/demo_calibration.py, rounded to 100 as CBS rounds the table, for the years with real
totals from 2017 on; WW under 27 at a fixed share of the genuine monthly unemployed (80590ned).  Expectations come
from those constants, the real snapshots and the reference file, never from the demo generator, so a regenerated
demo with correct code passes and a wrong calibration fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from etlsupport import RAW, REFERENCE

from etl.catalog import source
from etl.demo_calibration import BENEFIT_PATH, NEET_PATH, WW_SHARE_OF_UNEMPLOYED, read_published
from etl.snapshot import current_snapshot
from etl.store import Store, load_store
from etl.transform.raw import read_code_titles, read_observations
from etl.transform.resolve import filter_text, resolve_slice

PUBLISHED = pd.DataFrame(read_published(REFERENCE))
PUBLISHED["value"] = PUBLISHED["value"].astype(float)
YOUTH = source("86087NED")
UNIT = YOUTH.rounding["gemeente"].unit                       # CBS rounds the youth table to 100 at every level
FIRST_DEMO_YEAR = 2017                                       # the manifests: "the years with real totals from 2017 on"
PATHS = {"neet": NEET_PATH, "benefit": BENEFIT_PATH}
INDICATOR = {"neet": "neet_share", "benefit": "youth_benefit_share"}


@pytest.fixture(scope="module")
def store(built_store: Path) -> Store:
    return load_store(built_store)


@pytest.fixture(scope="module")
def real_totals() -> pd.DataFrame:
    """CBS's young people 15-27 (the imported, real ``total`` slice): region, year, value."""
    snap = current_snapshot(RAW, "86087NED", "total")
    assert not snap.is_demo
    obs = read_observations(snap, YOUTH, YOUTH.slice("total"))
    return pd.DataFrame({"region": obs["region"], "year": obs["period_start"].dt.year, "value": obs["Value"]})


def demo_cells(slice_name: str) -> pd.DataFrame:
    """The demo snapshot of one slice as CBS would publish it: region, year, value."""
    snap = current_snapshot(RAW, "86087NED", slice_name)
    assert snap.is_demo
    rows = [(o["RegioS"].strip(), int(o["Perioden"][:4]), o["Value"]) for o in
            snap.read_json("observations-page-1.json")["value"]]
    return pd.DataFrame(rows, columns=["region", "year", "value"])


def national(store: Store, indicator: str, period: str) -> pd.Series:
    obs = store.observations
    rows = obs[(obs["indicator"] == indicator) & (obs["region_code"] == "NL01") & (obs["period"] == period)]
    assert len(rows) == 1
    return rows.iloc[0]


# --- which years ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("slice_name", list(PATHS))
def test_demo_years_are_the_real_totals_years_from_2017(real_totals: pd.DataFrame, slice_name: str) -> None:
    real_years = sorted(set(real_totals.loc[real_totals["value"].notna() & real_totals["region"].str.startswith("GM"),
                                            "year"]))
    demo_years = sorted(set(demo_cells(slice_name)["year"]))
    assert demo_years == [y for y in real_years if y >= FIRST_DEMO_YEAR]
    assert max(demo_years) <= max(real_years)                         # never a demo year after the last real one
    assert set(demo_years) <= set(PATHS[slice_name])                   # every demo year has its assumption


@pytest.mark.parametrize("indicator", ["neet_count", "neet_share", "youth_benefit_share"])
def test_no_demo_year_in_the_store_without_real_young_people(store: Store, indicator: str) -> None:
    obs = store.observations
    demo = obs[obs["indicator"] == indicator]
    real = obs[(obs["indicator"] == "youth_population") & obs["value"].notna()]
    assert demo["is_demo"].all() and not real["is_demo"].any()
    assert set(demo["period"]) <= set(real["period"])
    last = real["period_start"].max()
    assert (demo["period_start"] <= last).all() and demo["period_start"].min().year == FIRST_DEMO_YEAR


# --- national shares ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("slice_name", list(PATHS))
def test_national_shares_equal_their_assumption_paths(store: Store, real_totals: pd.DataFrame,
                                                      slice_name: str) -> None:
    """The national count is the path's share of CBS's young people summed over the gemeenten, rounded to 100 as
    CBS rounds it; the store divides it by CBS's own national total.  So the national share is the path up to that
    rounding and the difference between CBS's national figure and its gemeenten's sum."""
    path = PATHS[slice_name]
    for year, share in path.items():
        if year > real_totals["year"].max():
            continue
        real = real_totals[real_totals["year"] == year]
        gemeenten = real.loc[real["region"].str.startswith("GM"), "value"].sum()
        nl_total = real.loc[real["region"] == "NL01", "value"].item()
        row = national(store, INDICATOR[slice_name], str(year))
        assert abs(row["numerator"] - share / 100 * gemeenten) <= UNIT / 2 + 0.5, (slice_name, year)
        assert row["numerator"] % UNIT == 0
        assert row["denominator"] == nl_total                          # CBS's real national figure
        slack = 100 * (UNIT / 2 + 0.5 + share / 100 * abs(gemeenten - nl_total)) / nl_total
        assert abs(row["value"] - share) <= slack, (slice_name, year, row["value"], share)
        assert row["is_demo"]                                          # the national share is demo, and says so


# --- demo counts against the real youth totals ------------------------------------------------------------------
@pytest.mark.parametrize("slice_name", list(PATHS))
def test_demo_counts_never_exceed_the_real_young_people_of_their_gemeente(real_totals: pd.DataFrame,
                                                                         slice_name: str) -> None:
    demo = demo_cells(slice_name)
    gm = demo[demo["region"].str.startswith("GM")].merge(real_totals, on=["region", "year"], suffixes=("", "_real"))
    assert len(gm) == len(demo[demo["region"].str.startswith("GM")])  # every demo gemeente has its real total
    assert gm["region"].nunique() == 342
    assert (gm["value"] <= gm["value_real"]).all(), gm[gm["value"] > gm["value_real"]].head()
    assert (gm["value"] % UNIT == 0).all() and (gm["value"] >= 0).all()   # rounded as CBS rounds, none suppressed
    assert demo["value"].notna().all()
    assert (gm["value"] == 0).any()                                   # small gemeenten round to 0, as in CBS's table


@pytest.mark.parametrize(("count", "share"), [("neet_count", "neet_share"), (None, "youth_benefit_share")])
def test_demo_counts_in_the_store_stay_below_the_real_totals(store: Store, count: str | None, share: str) -> None:
    obs = store.observations
    total = obs[obs["indicator"] == "youth_population"].set_index(["region_code", "period"])["value"]
    rows = obs[(obs["indicator"] == share) & (obs["region_level"] == "gemeente")].set_index(["region_code", "period"])
    assert (rows["numerator"] <= total.reindex(rows.index)).all()
    assert (rows["denominator"] == total.reindex(rows.index)).all()     # the real total is the denominator
    if count:
        counts = obs[(obs["indicator"] == count) & (obs["region_level"] == "gemeente")]
        counts = counts.set_index(["region_code", "period"])["value"]
        assert (counts <= total.reindex(counts.index)).all()


# --- WW under 27 ------------------------------------------------------------------------------------------------
def test_young_ww_follows_the_genuine_unemployed_at_the_documented_share(store: Store) -> None:
    """The manifest: national WW under 27 follows the genuine monthly unemployed (80590ned, 15-75) at
    WW_SHARE_OF_UNEMPLOYED, rounded to 10; no arbeidsmarktregio figures for 2013."""
    snap = current_snapshot(RAW, "80590ned", "totaal-15-75")
    unemployed = {o["Perioden"].strip(): o["Value"] * 1000 for o in snap.read_json("observations-page-1.json")["value"]
                  if o["Measure"] == "3000800_2" and "MM" in o["Perioden"] and o["Value"] is not None}
    obs = store.observations
    ww = obs[(obs["indicator"] == "youth_ww_benefits")]
    nl = ww[ww["region_code"] == "NL01"].set_index("period")
    assert nl["is_demo"].all() and len(nl) > 0
    compared = 0
    for period, row in nl.iterrows():
        if period in unemployed:
            assert row["value"] % 10 == 0
            assert abs(row["value"] / (WW_SHARE_OF_UNEMPLOYED * unemployed[period]) - 1) < 0.05, period
            compared += 1
    assert compared >= 100
    raw = current_snapshot(RAW, "85554NED", "jonger-dan-27").read_json("observations-page-1.json")["value"]
    am_2013 = [o for o in raw if o["RegioS"].startswith("AM") and o["Perioden"].startswith("2013")]
    assert am_2013 and all(o["Value"] is None and o["ValueAttribute"] == "NotAvailable" for o in am_2013)
    assert not ww.loc[ww["region_level"] == "arbeidsmarktregio", "period"].str.startswith("2013").any()


# --- what the manifests claim --------------------------------------------------------------------------------
def test_every_large_number_a_demo_manifest_claims_is_published() -> None:
    """Each figure of 10,000 or more written in a demo manifest's calibration note is in the reference file."""
    figures = set(PUBLISHED["value"])
    manifests = list(RAW.glob("*/*/demo/manifest.json"))
    assert sorted(m.parent.parent.name for m in manifests) == ["benefit", "jonger-dan-27", "neet"]
    for manifest in manifests:
        origin = json.loads(manifest.read_text(encoding="utf-8"))["origin"]
        claimed = {float(n.replace(",", "")) for n in re.findall(r"\b\d{1,3}(?:,\d{3})+\b", origin)}
        assert claimed <= figures, (manifest, sorted(claimed - figures))
        assert "median" not in origin                                        # the DUO median claim was not true


def test_the_youth_demo_manifests_state_their_years_and_base() -> None:
    totals = current_snapshot(RAW, "86087NED", "total")
    years = sorted({int(p[:4]) for p in read_code_titles(totals, YOUTH, "Perioden")})
    for slice_name in PATHS:
        origin = current_snapshot(RAW, "86087NED", slice_name).manifest["origin"]
        assert f"({FIRST_DEMO_YEAR}-{years[-1]}," in origin and "real numbers of young people" in origin
        assert "rounded to 100" in origin


def test_the_demo_asks_what_a_live_refresh_asks() -> None:
    """A demo snapshot's filter is the filter a live fetch would send, resolved against the demo's own code lists."""
    for manifest in RAW.glob("*/*/demo/manifest.json"):
        snap = current_snapshot(RAW, manifest.parent.parent.parent.name, manifest.parent.parent.name)
        src = source(snap.manifest["table_id"])
        slice_ = next(s for s in src.slices if s.name == snap.path.parent.name)
        resolved = resolve_slice(src, slice_, lambda dim, snap=snap, src=src: read_code_titles(snap, src, dim))
        assert snap.manifest["filter"] == filter_text(src, slice_, resolved)
