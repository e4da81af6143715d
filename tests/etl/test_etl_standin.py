"""``etl refresh`` and ``etl inspect`` end to end against a local CBS stand-in (tests/etl/cbs_standin.py).

Every v4 table is served in CBS's shapes: the genuine 80590ned recording, the genuine 85554NED code lists (retired
AM04/AM16/AM31, AM99, provinces, the Marges dimension), and hand-made lists with documented titles for 86087NED,
86223NED and 84780NED (the Uitkering total "Totaal met of zonder uitkering", landsdeel/provincie/COROP rows, a former
gemeente).  85984NED is fetched through cbsodata with its catalog_url pointed at the same server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from cbs_standin import CbsStandIn
from etlsupport import ROOT, tree_digest

from etl.__main__ import main
from etl.catalog import SOURCES
from etl.snapshot import current_snapshot
from etl.store import load_store

FETCHABLE = [s.table_id for s in SOURCES if s.fetchable]


@pytest.fixture
def cbs():
    with CbsStandIn() as server:
        yield server


def run_etl(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=env)


def cell(cbs: CbsStandIn, table: str, measure: str | None = None, **codes: str) -> dict:
    """The one observation of the stand-in's cube with these codes."""
    rows = [r for r in cbs.tables[table].observations
            if all(r[k] == v for k, v in codes.items()) and (measure is None or r["Measure"] == measure)]
    assert len(rows) == 1, (table, codes, len(rows))
    return rows[0]


YOUTH_TOTALS = {"Onderwijsvolgend": "T001144", "Arbeidskenmerken": "T001511", "Uitkering": "T001420",
                "GeregistreerdWerkzoekendeBijUWV": "T001092"}


def test_refresh_every_table_end_to_end(raw_copy: Path, tmp_path: Path, cbs: CbsStandIn) -> None:
    store_dir = tmp_path / "store"
    proc = run_etl("refresh", "--raw", str(raw_copy), "--store", str(store_dir), "--base-url", cbs.base_url,
                   "--retries", "0")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    per_table = {line.split(":")[0]: line for line in lines[:len(FETCHABLE)]}
    assert list(per_table) == FETCHABLE and all(": fetched " in line for line in per_table.values())
    assert "7 periods 2017–2023, 8 regions" in per_table["86087NED"]            # the slice's period filter
    assert "1 periods 2024–2024" in per_table["86223NED"]
    assert "CR01, CR03, LD01, PV20" in per_table["86087NED"]                      # counted, not fatal
    assert "retired before the current division: AM04, AM16, AM31" in per_table["85554NED"]
    assert "not assignable (CBS 'Niet in te delen'): AM99" in per_table["85554NED"]
    assert "retired before the current division: GM0003" in per_table["84780NED"]
    assert "342 regions" in per_table["85984NED"]
    assert any(line.startswith(f"store {store_dir} (real)") for line in lines)

    # paging followed, filters as the catalogue writes them, 85984NED through the same server
    observations = [r for r in cbs.requests if "/Observations" in r]
    assert any("$skip=1000" in r for r in observations)
    assert any(r.startswith("/ODataFeed/odata/85984NED/TypedDataSet") for r in cbs.requests)
    youth = current_snapshot(raw_copy, "86087NED", "benefit")
    assert not youth.is_demo and youth.manifest["fetched_at"]
    assert "(Uitkering eq 'A025281')" in youth.manifest["filter"]                  # "Met uitkering", by title
    total = current_snapshot(raw_copy, "86087NED", "total").manifest["filter"]
    assert "(Uitkering eq 'T001420')" in total                                      # "Totaal met of zonder uitkering"
    assert "Perioden eq '2017JJ00'" in total and "2016JJ00" not in total
    ww = current_snapshot(raw_copy, "85554NED", "jonger-dan-27").manifest["filter"]
    assert "(Marges eq 'MW00000' or Marges eq 'MOG0095' or Marges eq 'MBG0095')" in ww

    store = load_store(store_dir)
    obs = store.observations
    assert not obs["is_demo"].any() and store.manifest["is_demo"] is False and store.manifest["demo_slices"] == []
    sources = {s["table_id"]: s for s in store.manifest["sources"]}
    for table in FETCHABLE:
        assert sources[table]["attribution"] == f"Bron: CBS, tabel {table}, CC BY 4.0"
    assert set(sources["85554NED"]["dropped_regions"]["codes"]) == {"AM04", "AM16", "AM31", "AM99"}   # PV20 not asked

    def row(indicator: str, region: str, period: str) -> pd.Series:
        hit = obs[(obs["indicator"] == indicator) & (obs["region_code"] == region) & (obs["period"] == period)]
        assert len(hit) == 1, (indicator, region, period)
        return hit.iloc[0]

    seek = row("youth_jobseeker_rate", "NL01", "2023")
    want = cell(cbs, "86087NED", RegioS="NL01", Perioden="2023JJ00", **{**YOUTH_TOTALS,
                                                                       "GeregistreerdWerkzoekendeBijUWV": "A047720"})
    assert seek["numerator"] == want["Value"] and seek["source_table"] == "86087NED"
    assert seek["period_start"] == pd.Timestamp("2023-10-01")                      # October, the reference month
    assert row("youth_population", "GM0014", "2024")["source_table"] == "86223NED"  # newest year, newest edition
    assert pd.isna(row("youth_jobseeker_rate", "AM01", "2017")["value"])           # GWU from 2018
    ww_cell = cell(cbs, "85554NED", RegioS="NL01", Perioden="2026MM04", Geslacht="T001038", Leeftijd="41600",
                   Marges="MW00000")
    assert row("youth_ww_benefits", "NL01", "2026MM04")["value"] == ww_cell["Value"]
    assert row("youth_ww_benefits", "AM01", "2013MM05")["flag"] == "not available"
    assert row("early_school_leaver_rate", "AM01", "2018/2019")["flag"] == "incomplete"   # 2 of its gemeenten only
    assert row("population", "NL01", "2024")["value"] == 17_942_942

    # the same raw snapshot builds the same store again, offline
    again = tmp_path / "again"
    assert main(["build", "--raw", str(raw_copy), "--store", str(again)]) == 0
    assert load_store(again).manifest["data_version"] == store.manifest["data_version"]


def test_one_failing_table_costs_no_other(raw_copy: Path, store_copy: Path, cbs: CbsStandIn,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    cbs.faults[("85554NED", "MeasureCodes")] = 500
    ww_before = tree_digest(raw_copy / "85554NED")
    code = main(["refresh", "--raw", str(raw_copy), "--store", str(store_copy), "--base-url", cbs.base_url,
                 "--retries", "0"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines() == [line for line in err.splitlines() if line.startswith("etl refresh: 85554NED: failed: ")]
    assert len(err.splitlines()) == 1 and "HTTP 500" in err and "Traceback" not in err
    fetched = [line.split(":")[0] for line in out.splitlines() if ": fetched " in line]
    assert fetched == [t for t in FETCHABLE if t != "85554NED"]
    assert tree_digest(raw_copy / "85554NED") == ww_before                     # nothing written for it
    obs = load_store(store_copy).observations
    assert obs.loc[obs["indicator"] == "youth_ww_benefits", "is_demo"].all()   # its previous (demo) snapshot
    assert not obs.loc[obs["source_table"] != "85554NED", "is_demo"].any()     # the others: fetched in this run


def test_a_fetched_table_that_does_not_build_is_rejected_alone(raw_copy: Path, store_copy: Path, cbs: CbsStandIn,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    for obs in cbs.tables["84780NED"].observations:                 # Stadskanaal: pupils 10, so > 100% leave early
        if obs["Regiokenmerken"] == "GM0037" and obs["Measure"] == "M004381":
            obs["Value"] = 10
    code = main(["refresh", "84780NED", "86087NED", "--raw", str(raw_copy), "--store", str(store_copy),
                 "--base-url", cbs.base_url, "--retries", "0"])
    out, err = capsys.readouterr()
    assert code == 1
    [line] = err.splitlines()
    assert line.startswith("etl refresh: 84780NED: failed: fetched but does not build: ")
    assert "early_school_leaver_rate" in line and "_rejected" in line
    assert out.startswith("86087NED: fetched ")
    assert current_snapshot(raw_copy, "84780NED", "totaal").is_demo
    assert not current_snapshot(raw_copy, "86087NED", "total").is_demo
    assert list((raw_copy / "_rejected").glob("*/84780NED/totaal/*/manifest.json"))


def _retitle(cbs: CbsStandIn, table: str, dim: str, titles: dict[str, str]) -> None:
    t = cbs.tables[table]
    doc = json.loads(t.files[f"codes-{dim}.json"])
    for record in doc["value"]:
        record["Title"] = titles.get(record["Identifier"], record["Title"])
    t.files[f"codes-{dim}.json"] = json.dumps(doc).encode()


@pytest.mark.parametrize(("titles", "needles"), [
    ({"A025281": "Met een uitkering"}, None),                    # a documented variant: accepted
    ({"A025281": "Uitkering ontvangend"},                        # not documented: fails, listing the table's titles
     ["Uitkering titled 'Met uitkering|Met een uitkering' found 0 times", "'Uitkering ontvangend'",
      "'Totaal met of zonder uitkering'"]),
])
def test_category_titles_resolve_or_fail_listing_the_titles(raw_copy: Path, store_copy: Path, cbs: CbsStandIn,
                                                            capsys: pytest.CaptureFixture[str], titles: dict,
                                                            needles: list[str] | None) -> None:
    _retitle(cbs, "86087NED", "Uitkering", titles)
    code = main(["refresh", "86087NED", "--raw", str(raw_copy), "--store", str(store_copy), "--base-url",
                 cbs.base_url, "--retries", "0"])
    out, err = capsys.readouterr()
    if needles is None:
        assert code == 0 and err == "" and out.startswith("86087NED: fetched ")
        assert "(Uitkering eq 'A025281')" in current_snapshot(raw_copy, "86087NED", "benefit").manifest["filter"]
        return
    assert code == 1
    [line] = err.splitlines()
    for needle in needles:
        assert needle in line


def test_an_ambiguous_total_fails_listing_the_candidates(raw_copy: Path, store_copy: Path, cbs: CbsStandIn,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    t = cbs.tables["86087NED"]
    doc = json.loads(t.files["codes-Uitkering.json"])
    doc["value"].append({"Identifier": "T001421", "Index": 4, "Title": "Totaal uitkeringen", "Description": "",
                         "DimensionGroupId": None})
    t.files["codes-Uitkering.json"] = json.dumps(doc).encode()
    code = main(["refresh", "86087NED", "--raw", str(raw_copy), "--store", str(store_copy), "--base-url",
                 cbs.base_url, "--retries", "0"])
    _, err = capsys.readouterr()
    assert code == 1
    [line] = err.splitlines()
    assert "Uitkering total (key T..., title Totaal...) found 2 times" in line
    assert "T001420 'Totaal met of zonder uitkering'" in line and "T001421 'Totaal uitkeringen'" in line


# --- inspect ---------------------------------------------------------------------------------------------
def test_inspect_live_shows_code_lists_and_resolution(cbs: CbsStandIn, raw_copy: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "86087NED", "--raw", str(raw_copy), "--base-url", cbs.base_url]) == 0
    out = capsys.readouterr().out
    assert f"source: live {cbs.base_url}/86087NED" in out
    assert "T001420      Totaal met of zonder uitkering" in out
    assert "Uitkering                        total  -> T001420 'Totaal met of zonder uitkering'" in out
    assert "Onderwijsvolgend                 title:Niet onderwijsvolgend|Niet-onderwijsvolgend  -> A047512" in out
    assert "periods from 2017: 2017JJ00 ... 2023JJ00 (7)" in out
    assert "outside (landsdeel, provincie or COROP): LD01, PV20, CR01, CR03" in out
    assert main(["inspect", "85554NED", "--raw", str(raw_copy), "--base-url", cbs.base_url]) == 0
    out = capsys.readouterr().out
    assert "outside (retired before the current division): AM04, AM16, AM31" in out
    assert "Marges                           MW00000  -> MW00000 'Waarde'" in out
    assert main(["inspect", "85984NED", "--raw", str(raw_copy), "--base-url", cbs.base_url]) == 0
    out = capsys.readouterr().out
    assert "(OData v3)" in out and "AantalInwoners_5             -> present" in out


def test_inspect_marks_a_mapping_that_does_not_resolve(cbs: CbsStandIn, raw_copy: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    _retitle(cbs, "86087NED", "Arbeidskenmerken", {"A028737": "Niet werkzaam"})
    assert main(["inspect", "86087NED", "--raw", str(raw_copy), "--base-url", cbs.base_url]) == 1
    out = capsys.readouterr().out
    assert "A028737      Niet werkzaam" in out
    assert "FAILS: 86087NED: Arbeidskenmerken titled" in out


def test_inspect_offline_and_without_connection(raw_copy: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "86087NED", "--offline", "--raw", str(raw_copy)]) == 0
    out = capsys.readouterr().out
    assert "source: DEMO snapshot" in out and "Totaal met of zonder uitkering" in out
    assert main(["inspect", "86087NED", "--raw", str(raw_copy), "--base-url", "http://127.0.0.1:9/odata/v1/CBS",
                 "--retries", "0"]) == 0
    out = capsys.readouterr().out
    assert "live: 86087NED: no connection" in out and "showing the newest snapshot instead" in out
    assert main(["inspect", "86087NED", "--offline", "--raw", str(tmp_path / "empty")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines() == [err.strip()]
    assert "no snapshot under" in err and "to inspect offline" in err


def test_a_faulty_newer_edition_is_not_blamed_on_the_older_one(raw_copy: Path, store_copy: Path, cbs: CbsStandIn,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """86087NED and 86223NED build together; when only 86223NED's rows are wrong, only 86223NED is rejected."""
    for obs in cbs.tables["86223NED"].observations:             # Groningen: NEET above its youth population
        if obs["RegioS"] == "GM0014" and obs["Onderwijsvolgend"] == "A047512":
            obs["Value"] = 10**6
    code = main(["refresh", "86087NED", "86223NED", "--raw", str(raw_copy), "--store", str(store_copy),
                 "--base-url", cbs.base_url, "--retries", "0"])
    out, err = capsys.readouterr()
    assert code == 1
    [line] = err.splitlines()
    assert line.startswith("etl refresh: 86223NED: failed: fetched but does not build: ") and "neet_share" in line
    assert out.startswith("86087NED: fetched ")
    assert not current_snapshot(raw_copy, "86087NED", "neet").is_demo
    assert current_snapshot(raw_copy, "86223NED", "neet").is_demo
    obs = load_store(store_copy).observations
    youth = obs[obs["indicator"] == "neet_share"]
    assert not youth.loc[youth["period"] != "2024", "is_demo"].any() and youth.loc[youth["period"] == "2024", "is_demo"].all()
