"""``etl refresh`` and ``etl inspect`` end to end against a local CBS stand-in (tests/etl/cbs_standin.py).

Every table a live refresh fetches is served in CBS's shapes: the genuine 80590ned recording (its 15-25 slice in the
seasonally adjusted measures M004210/D001875/D002308 of the recording's measure list), the genuine 85554NED code lists
(retired AM04/AM16/AM31, AM99, provinces, the Marges dimension; both slices, all ages and under 27), and hand-made
lists with documented titles for 86087NED, 86223NED and 84780NED (the Uitkering total "Totaal met of zonder
uitkering", landsdeel/provincie/COROP rows; for 84780NED NL01, PV, GM and MC rows with FORMER gemeenten such as Weesp,
which the build carries onto today's).  85984NED is fetched through cbsodata with its catalog_url pointed at the same
server.  Eurostat's une_rt_m and the discontinued 82859NED are imported from downloads, never fetched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from cbs_standin import CbsStandIn, default_tables
from etlsupport import ROOT, tree_digest, youth_page_from_recording

from etl.__main__ import main
from etl.catalog import SOURCES
from etl.snapshot import current_snapshot, list_snapshots
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


def vsv(cbs: CbsStandIn, region: str, period: str, measure: str = "M004382") -> float | None:
    """84780NED's cell (Geslacht total): M004382 early school leavers, M004381 pupils."""
    return cell(cbs, "84780NED", measure, Regiokenmerken=region, Perioden=period, Geslacht="T001038")["Value"]


def test_the_stand_in_serves_every_table_a_refresh_fetches() -> None:
    assert sorted([*default_tables(), "85984NED"]) == sorted(FETCHABLE)
    assert {"une_rt_m", "82859NED"}.isdisjoint(FETCHABLE)          # imported from downloads, not fetched


def test_refresh_every_table_end_to_end(raw_copy: Path, tmp_path: Path, cbs: CbsStandIn) -> None:
    store_dir = tmp_path / "store"
    proc = run_etl("refresh", "--raw", str(raw_copy), "--store", str(store_dir), "--base-url", cbs.base_url,
                   "--retries", "0")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    per_table = {line.split(":")[0]: line for line in lines[:len(FETCHABLE)]}
    assert list(per_table) == FETCHABLE and all(": fetched " in line for line in per_table.values())
    assert "19 periods 2005–2023, 8 regions" in per_table["86087NED"]           # every year, no period floor
    assert "20 periods 2005–2024, 8 regions" in per_table["86223NED"]
    assert "CR01, CR03, LD01, PV20" in per_table["86087NED"]                      # counted, not fatal
    assert "retired before the current division: AM04, AM16, AM31" in per_table["85554NED"]
    assert "not assignable (CBS 'Niet in te delen'): AM99" in per_table["85554NED"]
    assert "7 periods 2016/2017–2022/2023, 20 regions" in per_table["84780NED"]
    assert "landsdeel, provincie or COROP: PV20 (1); retired before the current division: MC14 (1)" in per_table[
        "84780NED"]
    assert not any(code in per_table["84780NED"] for code in ("GM0003", "GM0457"))   # former gemeenten: carried
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
    assert "Perioden" not in total and "RegioS" not in total                        # every year, every region
    ww = current_snapshot(raw_copy, "85554NED", "jonger-dan-27").manifest["filter"]
    assert "(Marges eq 'MW00000' or Marges eq 'MOG0095' or Marges eq 'MBG0095')" in ww
    ww_all = current_snapshot(raw_copy, "85554NED", "totaal").manifest["filter"]
    assert "(Leeftijd eq '10000')" in ww_all and "(Marges eq 'MW00000')" in ww_all
    labour = current_snapshot(raw_copy, "80590ned", "totaal-15-25").manifest["filter"]
    assert "(Leeftijd eq '53050')" in labour and "Measure eq 'M004210'" in labour
    assert "startswith(Regiokenmerken,'MC')" in current_snapshot(raw_copy, "84780NED", "totaal").manifest["filter"]

    store = load_store(store_dir)
    obs = store.observations
    assert not obs["is_demo"].any() and store.manifest["is_demo"] is False and store.manifest["demo_slices"] == []
    sources = {s["table_id"]: s for s in store.manifest["sources"]}
    for table in FETCHABLE:
        assert sources[table]["attribution"] == f"Bron: CBS, tabel {table}, CC BY 4.0"
    assert set(sources["85554NED"]["dropped_regions"]["codes"]) == {"AM04", "AM16", "AM31", "AM99"}   # PV20 not asked
    assert set(sources["84780NED"]["dropped_regions"]["codes"]) == {"PV20", "MC14"}

    def row(indicator: str, region: str, period: str) -> pd.Series:
        hit = obs[(obs["indicator"] == indicator) & (obs["region_code"] == region) & (obs["period"] == period)]
        assert len(hit) == 1, (indicator, region, period)
        return hit.iloc[0]

    # youth: the newer edition gives every year, so every year is its
    seek = row("youth_jobseeker_rate", "NL01", "2023")
    want = cell(cbs, "86223NED", RegioS="NL01", Perioden="2023JJ00", **{**YOUTH_TOTALS,
                                                                       "GeregistreerdWerkzoekendeBijUWV": "A047720"})
    assert seek["numerator"] == want["Value"] and seek["source_table"] == "86223NED"
    assert seek["period_start"] == pd.Timestamp("2023-10-01")                      # October, the reference month
    assert set(obs.loc[obs["indicator"] == "youth_population", "source_table"]) == {"86223NED"}
    assert row("youth_population", "GM0014", "2024")["source_table"] == "86223NED"
    assert row("youth_population", "GM0014", "2005")["value"] == cell(cbs, "86223NED", RegioS="GM0014",
                                                                      Perioden="2005JJ00", **YOUTH_TOTALS)["Value"]
    assert pd.isna(row("youth_jobseeker_rate", "AM01", "2017")["value"])           # GWU from 2018

    # youth unemployment: CBS's own (seasonally adjusted) now, so Eurostat's stand-in is set aside
    derived = {(o["Perioden"], o["Measure"]): o["Value"] for o in youth_page_from_recording()["value"]}
    youth_rate = row("youth_unemployment_rate", "NL01", "2024MM03")
    assert youth_rate["source_table"] == "80590ned" and youth_rate["value"] == derived[("2024MM03", "M004210")]
    assert [a["indicator"] for a in store.manifest["set_aside"]] == ["youth_unemployment_rate"]

    # WW: all ages and under 27; arbeidsmarktregio's from January 2017 (before: another division)
    for indicator, age in (("ww_benefits", "10000"), ("youth_ww_benefits", "41600")):
        ww_cell = cell(cbs, "85554NED", RegioS="NL01", Perioden="2026MM04", Geslacht="T001038", Leeftijd=age,
                       Marges="MW00000")
        assert row(indicator, "NL01", "2026MM04")["value"] == ww_cell["Value"]
        am01 = obs[(obs["indicator"] == indicator) & (obs["region_code"] == "AM01")]
        assert am01["period_start"].min() == pd.Timestamp("2017-01-01") and len(am01) == 17
        assert row(indicator, "NL01", "2013MM05")["value"] > 0
    assert all("before January 2017 left out" in note for note in sources["85554NED"]["notes"])

    # early school leavers: former gemeenten carried onto today's, CBS's RMC figures checked
    assert row("early_school_leaver_rate", "AM01", "2018/2019")["flag"] == "incomplete"   # 2 of its gemeenten only
    amsterdam = row("early_school_leavers", "GM0363", "2020/2021")
    assert amsterdam["value"] == vsv(cbs, "GM0363", "2020SJ21") + vsv(cbs, "GM0457", "2020SJ21")   # with Weesp
    assert amsterdam["derivation"] == "carried"
    eemsdelta = row("early_school_leavers", "GM1979", "2019/2020")
    assert eemsdelta["value"] == sum(vsv(cbs, g, "2019SJ20") for g in ("GM0003", "GM0010", "GM0024"))
    assert eemsdelta["derivation"] == "carried"
    assert row("early_school_leavers", "GM1979", "2021/2022")["value"] == vsv(cbs, "GM1979", "2021SJ22")
    assert row("early_school_leavers", "GM1979", "2021/2022")["derivation"] == "published"
    groningen = row("early_school_leaver_rate", "GM0014", "2017/2018")
    assert groningen["denominator"] == sum(vsv(cbs, g, "2017SJ18", "M004381") for g in ("GM0009", "GM0014", "GM0017"))
    carried = sources["84780NED"]["carried_onto_today"]
    assert carried["GM0363"]["from"] == ["Weesp (GM0457)"] and carried["GM0363"]["periods"] == "2016/2017–2022/2023"
    assert carried["GM1979"]["from"] == ["Appingedam (GM0003)", "Delfzijl (GM0010)", "Loppersum (GM0024)"]
    assert carried["GM1979"]["periods"] == "2016/2017–2020/2021"
    walcheren = obs[(obs["indicator"] == "early_school_leavers") & (obs["region_code"] == "MC32")]
    assert len(walcheren) == 7 and (walcheren["derivation"] == "published").all()     # CBS's own, checked: equal
    assert walcheren.set_index("period")["value"]["2022/2023"] == vsv(cbs, "MC32", "2022SJ23")
    [rmc] = [c for c in sources["84780NED"]["region_checks"] if c["level"] == "rmc"]
    assert rmc["equal"] >= 7 and not [r for r in rmc["replaced"] if r["region"] == "MC32"]
    assert row("population", "NL01", "2024")["value"] == 17_942_942

    # the same raw snapshot builds the same store again, offline
    again = tmp_path / "again"
    assert main(["build", "--raw", str(raw_copy), "--store", str(again)]) == 0
    assert load_store(again).manifest["data_version"] == store.manifest["data_version"]


def test_a_partial_table_never_replaces_cbs_region_figures(raw_copy: Path, store_copy: Path, cbs: CbsStandIn,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The stand-in sends few of 84780NED's gemeenten.  In 2016/'17 RMC region MC02 is made of gemeenten none of
    which is sent, bar Appingedam, Delfzijl and Loppersum (merged into Eemsdelta in 2021); the gemeenten of today in
    it (Het Hogeland, Eemsdelta) were formed later.  The sum of what was sent is short, so CBS's own MC02 figure stays,
    unchecked: a short sum must never replace it (nor stand as a complete figure of a gemeente or region)."""
    assert main(["refresh", "84780NED", "--raw", str(raw_copy), "--store", str(store_copy), "--base-url",
                 cbs.base_url, "--retries", "0"]) == 0
    capsys.readouterr()
    store = load_store(store_copy)
    obs = store.observations
    for region in ("MC02", "MC03"):
        rows = obs[(obs["indicator"] == "early_school_leavers") & (obs["region_code"] == region)].set_index("period")
        for period, code in (("2016/2017", "2016SJ17"), ("2017/2018", "2017SJ18")):
            assert rows.loc[period, "value"] == vsv(cbs, region, code), (region, period)
            assert rows.loc[period, "derivation"] == "published"
    [rmc] = [c for c in {s["table_id"]: s for s in store.manifest["sources"]}["84780NED"]["region_checks"]
             if c["level"] == "rmc"]
    assert not [r for r in rmc["replaced"] if r["region"] in ("MC02", "MC03")]


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
    assert obs.loc[obs["indicator"] == "youth_ww_benefits", "is_demo"].all()   # its previous snapshots: demo ...
    ww = obs[(obs["indicator"] == "ww_benefits") & (obs["region_code"] == "NL01")]
    assert not ww["is_demo"].any() and ww["period"].max() == "2025MM01"         # ... and CBS's imported download
    assert not obs.loc[obs["source_table"] != "85554NED", "is_demo"].any()     # the others: fetched in this run


def test_a_fetched_table_that_does_not_build_is_rejected_alone(raw_copy: Path, store_copy: Path, cbs: CbsStandIn,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    for obs in cbs.tables["84780NED"].observations:                 # Stadskanaal: pupils 10, so > 100% leave early
        if obs["Regiokenmerken"] == "GM0037" and obs["Measure"] == "M004381":
            obs["Value"] = 10
    previous = current_snapshot(raw_copy, "84780NED", "totaal").path
    code = main(["refresh", "84780NED", "86087NED", "--raw", str(raw_copy), "--store", str(store_copy),
                 "--base-url", cbs.base_url, "--retries", "0"])
    out, err = capsys.readouterr()
    assert code == 1
    [line] = err.splitlines()
    assert line.startswith("etl refresh: 84780NED: failed: fetched but does not build: ")
    assert "early_school_leaver_rate" in line and "_rejected" in line
    assert out.startswith("86087NED: fetched ")
    assert current_snapshot(raw_copy, "84780NED", "totaal").path == previous          # CBS's imported download
    assert not current_snapshot(raw_copy, "86087NED", "total").is_demo
    assert current_snapshot(raw_copy, "86087NED", "total").path.name != previous.name
    assert list((raw_copy / "_rejected").glob("*/84780NED/totaal/*/manifest.json"))
    vsv_rows = load_store(store_copy).observations.query("source_table == '84780NED'")
    assert set(vsv_rows["period"]) >= {"2012/2013", "2022/2023"}                       # the previous figures


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
    assert "Perioden (19 codes" in out and "2005JJ00     2005  [0]  Definitief" in out
    assert "periods from" not in out                                      # no slice has a period floor
    assert "outside (landsdeel, provincie or COROP): LD01, PV20, CR01, CR03" in out
    assert main(["inspect", "85554NED", "--raw", str(raw_copy), "--base-url", cbs.base_url]) == 0
    out = capsys.readouterr().out
    assert "outside (retired before the current division): AM04, AM16, AM31" in out
    assert "Marges                           MW00000  -> MW00000 'Waarde'" in out
    assert "slice totaal:" in out and "Leeftijd                         10000  -> 10000 'Totaal'" in out
    assert main(["inspect", "80590ned", "--raw", str(raw_copy), "--base-url", cbs.base_url]) == 0
    out = capsys.readouterr().out
    assert "M004210      Seizoengecorrigeerd  [%]" in out and "slice totaal-15-25:" in out
    assert main(["inspect", "85984NED", "--raw", str(raw_copy), "--base-url", cbs.base_url]) == 0
    out = capsys.readouterr().out
    assert "(OData v3)" in out and "AantalInwoners_5             -> present" in out


def test_inspect_does_not_call_carried_gemeenten_outside(cbs: CbsStandIn, raw_copy: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """84780NED's gemeenten are of each school year's own division: the build carries the former ones (Weesp,
    Appingedam, ...) onto today's, so inspect must not list them as codes outside the division; the retired RMC
    region MC14 is outside."""
    assert main(["inspect", "84780NED", "--raw", str(raw_copy), "--base-url", cbs.base_url]) == 0
    out = capsys.readouterr().out
    outside = [line for line in out.splitlines() if line.strip().startswith("outside (")]
    assert any("MC14" in line for line in outside) and any("PV20" in line for line in outside)
    assert not any(code in line for line in outside for code in ("GM0003", "GM0457")), outside


def test_inspect_marks_a_mapping_that_does_not_resolve(cbs: CbsStandIn, raw_copy: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    _retitle(cbs, "86087NED", "Arbeidskenmerken", {"A028737": "Niet werkzaam"})
    assert main(["inspect", "86087NED", "--raw", str(raw_copy), "--base-url", cbs.base_url]) == 1
    out = capsys.readouterr().out
    assert "A028737      Niet werkzaam" in out
    assert "FAILS: 86087NED: Arbeidskenmerken titled" in out


def test_inspect_offline_and_without_connection(raw_copy: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "84780NED", "--offline", "--raw", str(raw_copy)]) == 0
    out = capsys.readouterr().out
    assert "source: snapshot" in out and "DEMO" not in out and "Totaal mannen en vrouwen" in out
    assert "measure leavers              title:Voortijdig schoolverlaters  -> VoortijdigSchoolverlaters_2" in out
    assert main(["inspect", "85554NED", "--offline", "--raw", str(raw_copy)]) == 0    # newest: the real all-ages one
    out = capsys.readouterr().out
    assert "source: snapshot" in out and "FAILS" not in out and "41600  -> 41600 'Jonger dan 27 jaar'" in out
    assert main(["inspect", "84780NED", "--raw", str(raw_copy), "--base-url", "http://127.0.0.1:9/odata/v1/CBS",
                 "--retries", "0"]) == 0
    out = capsys.readouterr().out
    assert "live: 84780NED: no connection" in out and "showing the newest snapshot instead" in out
    assert main(["inspect", "86087NED", "--offline", "--raw", str(tmp_path / "empty")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines() == [err.strip()]
    assert "no snapshot under" in err and "to inspect offline" in err


def test_inspect_offline_resolves_every_slice_of_a_table_imported_slice_by_slice(
        raw_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """86087NED's slices are snapshots of their own (total and jobseeker imported from CBS's downloads, NEET and
    benefits demo), each with the code lists of its own categories: every slice resolves against its snapshot, so
    inspect --offline reports no failure."""
    assert main(["inspect", "86087NED", "--offline", "--raw", str(raw_copy)]) == 0
    out = capsys.readouterr().out
    assert "FAILS" not in out and "Totaal met of zonder uitkering" in out


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
    assert not list_snapshots(raw_copy, "86223NED", "neet")          # nothing of it before, its new one rejected
    assert list((raw_copy / "_rejected").glob("*/86223NED/neet/*/manifest.json"))
    obs = load_store(store_copy).observations
    youth = obs[obs["indicator"] == "neet_share"]
    assert not youth["is_demo"].any() and set(youth["source_table"]) == {"86087NED"}
    assert youth["period"].max() == "2023"                          # 2024 only 86223NED would have given
