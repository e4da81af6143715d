"""Every calibration claim the demo makes is true: checked against data/reference/published_figures.csv.

The demo's manifests (and docs/sources.md, and /methode through the manifest) say which published CBS figures the
demo reproduces.  Expectations come from the reference file and from the documented assumption paths in
etl/demo_calibration.py, never from the demo itself, so a regenerated demo with correct code passes and a wrong
calibration fails.  Provincial and landsdeel figures are what the demo's own CBS-shaped rows say (the store keeps
only Nederland, arbeidsmarktregio's and gemeenten).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from etlsupport import RAW, REFERENCE

from etl.catalog import source
from etl.demo_calibration import (
    BENEFIT_PATH,
    JOBSEEKER_PATH,
    LANDSDEEL_NAMES,
    NEET_PATH,
    PROVINCE_ALIASES,
    read_published,
)
from etl.snapshot import current_snapshot
from etl.store import Store, load_store
from etl.transform.raw import read_code_titles
from etl.transform.resolve import filter_text, resolve_slice

PUBLISHED = pd.DataFrame(read_published(REFERENCE))
PUBLISHED["value"] = PUBLISHED["value"].astype(float)
PUBLISHED["period"] = PUBLISHED["period"].str.rstrip("*")


@pytest.fixture(scope="module")
def store(built_store: Path) -> Store:
    return load_store(built_store)


def published(table: str, measure: str, period: str, level: str) -> dict[str, float]:
    rows = PUBLISHED[(PUBLISHED["source_table"] == table) & PUBLISHED["measure"].str.startswith(measure)
                     & (PUBLISHED["period"] == period) & (PUBLISHED["region_level"] == level)]
    assert len(rows), (table, measure, period, level)
    return {PROVINCE_ALIASES.get(n, n): v for n, v in zip(rows["region_name"], rows["value"], strict=True)}


def region_codes() -> dict[str, str]:
    """Region name -> CBS code for provinces (from the CBS division) and landsdelen."""
    division = pd.read_csv(next(RAW.glob("86247NED/gemeenten/*/gemeente_arbeidsmarktregio_cbs_2026.csv")), dtype=str)
    codes = dict(zip(division["province_name"], division["province_code"], strict=False))
    codes.update({name: code for code, name in LANDSDEEL_NAMES.items()})
    return codes


def demo_cells(table: str, slice_name: str, period: str) -> dict[str, float | None]:
    """Region code -> the value the demo snapshot of one slice gives for one period (as CBS would publish it)."""
    snap = current_snapshot(RAW, table, slice_name)
    assert snap.is_demo
    obs = snap.read_json("observations-page-1.json")["value"]
    return {o["RegioS"]: o["Value"] for o in obs if o["Perioden"] == period}


def national(store: Store, indicator: str, period: str) -> pd.Series:
    obs = store.observations
    rows = obs[(obs["indicator"] == indicator) & (obs["region_code"] == "NL01") & (obs["period"] == period)]
    assert len(rows) == 1
    return rows.iloc[0]


# --- 86087NED 2023: registered UWV jobseekers 15-27 ----------------------------------------------------
def test_jobseekers_2023_equal_86087ned_as_published(store: Store) -> None:
    nl = published("86087NED", "jongeren 15-27 geregistreerd", "2023", "NL")["Nederland"]
    assert national(store, "youth_jobseeker_rate", "2023")["numerator"] == nl
    cells = demo_cells("86087NED", "jobseeker", "2023JJ00")
    codes = region_codes()
    for level in ("PV", "LD"):
        figures = published("86087NED", "jongeren 15-27 geregistreerd", "2023", level)
        assert len(figures) == {"PV": 10, "LD": 4}[level]
        for name, value in figures.items():
            assert cells[codes[name]] == value, (name, value, cells[codes[name]])
    assert cells["NL01"] == nl


# --- 84455NED 2017: young people 15-27 (the previous edition) ----------------------------------------------
def test_youth_2017_equal_84455ned_as_published(store: Store) -> None:
    nl = published("84455NED", "jongeren 15-27 totaal", "2017", "NL")["Nederland"]
    assert national(store, "youth_population", "2017")["value"] == nl
    cells = demo_cells("86087NED", "total", "2017JJ00")
    codes = region_codes()
    for level, count in (("PV", 12), ("LD", 4)):
        figures = published("84455NED", "jongeren 15-27 totaal", "2017", level)
        assert len(figures) == count
        for name, value in figures.items():
            assert cells[codes[name]] == value, (name, value, cells[codes[name]])


# --- 84780NED 2018/'19 and 71294ned 2017/'18: early school leavers, nationally ----------------------------
@pytest.mark.parametrize(("table", "period", "store_period"), [("84780NED", "2018/'19", "2018/2019"),
                                                              ("71294ned", "2017/'18", "2017/2018")])
def test_early_school_leavers_equal_cbs_as_published(store: Store, table: str, period: str, store_period: str) -> None:
    pupils = published(table, "leerlingen", period, "NL")["Nederland"]
    leavers = published(table, "voortijdig schoolverlaters", period, "NL")["Nederland"]
    row = national(store, "early_school_leaver_rate", store_period)
    assert (row["numerator"], row["denominator"]) == (leavers, pupils)
    assert row["value"] == pytest.approx(100 * leavers / pupils)             # 2.40% in 2018/'19: not DUO's 1.7%


# --- the national assumption paths -------------------------------------------------------------------------
@pytest.mark.parametrize(("indicator", "path"), [("neet_share", NEET_PATH), ("youth_benefit_share", BENEFIT_PATH)])
def test_national_shares_equal_their_assumption_paths(store: Store, indicator: str, path: dict[int, float]) -> None:
    """Exactly the documented path, up to CBS's rounding of the two national counts (to 100 each)."""
    unit = {m["id"]: m for m in store.indicators}[indicator]["rounding"]["land"]["unit"]
    for year, share in path.items():
        row = national(store, indicator, str(year))
        slack = 100 * (unit / 2) * (1 + share / 100) / row["denominator"]
        assert abs(row["value"] - share) <= slack, (indicator, year, row["value"], share)
        assert row["is_demo"]                                                 # national NEET is demo, and says so


def test_jobseekers_follow_their_path_from_the_published_2023_figure(store: Store) -> None:
    nl_2023 = published("86087NED", "jongeren 15-27 geregistreerd", "2023", "NL")["Nederland"]
    for year, factor in JOBSEEKER_PATH.items():
        assert abs(national(store, "youth_jobseeker_rate", str(year))["numerator"] - nl_2023 * factor) <= 51
    assert national(store, "youth_jobseeker_rate", "2017")["flag"] == "not available"     # GWU starts in 2018


# --- what the manifests claim --------------------------------------------------------------------------------
def test_every_large_number_a_demo_manifest_claims_is_published() -> None:
    """Each figure of 10,000 or more written in a demo manifest's calibration note is in the reference file."""
    figures = set(PUBLISHED["value"])
    for manifest in RAW.glob("*/*/demo/manifest.json"):
        origin = json.loads(manifest.read_text(encoding="utf-8"))["origin"]
        claimed = {float(n.replace(",", "")) for n in re.findall(r"\b\d{1,3}(?:,\d{3})+\b", origin)}
        assert claimed <= figures, (manifest, sorted(claimed - figures))
        assert "median" not in origin                                        # the DUO median claim was not true


def test_the_demo_asks_what_a_live_refresh_asks() -> None:
    """A demo snapshot's filter is the filter a live fetch would send, resolved against the demo's own code lists."""
    for manifest in RAW.glob("*/*/demo/manifest.json"):
        snap = current_snapshot(RAW, manifest.parent.parent.parent.name, manifest.parent.parent.name)
        src = source(snap.manifest["table_id"])
        slice_ = next(s for s in src.slices if s.name == snap.path.parent.name)
        resolved = resolve_slice(src, slice_, lambda dim, snap=snap, src=src: read_code_titles(snap, src, dim))
        assert snap.manifest["filter"] == filter_text(src, slice_, resolved)
