"""The live path, offline: recorded CBS responses served with ``responses``.

OData v4 (80590ned): the genuine recording in tests/fixtures/cbs/80590ned/ for the 15-75 slice, and a page
DERIVED from it for the 15-25 slice (the recording has no youth rows; the slice asks for the seasonally adjusted
measures M004210, D001875 and D002308, which the recording's measure list has).  OData v3 via cbsodata (85984NED):
hand-made fixtures in CBS's v3 bulk-feed shape (tests/fixtures/cbs-v3/85984NED/).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import responses
from etlsupport import (
    FILTER_15_25,
    FILTER_15_75,
    METADATA,
    RAW,
    SPLIT_AT,
    copy_raw,
    quiet_client,
    recording_bytes,
    recording_json,
    serve_80590ned,
    serve_85984ned,
    youth_page_from_recording,
)

from etl.build import build_store, load_division
from etl.extract import fetch_sources
from etl.snapshot import current_snapshot, open_snapshot
from etl.store import load_store
from etl.transform.periods import parse_period
from etl.transform.reference import parse_population
from etl.transform.tables import population


# --- OData v4: 80590ned --------------------------------------------------------------------------------
def test_fetch_writes_the_recording_byte_for_byte(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    with responses.RequestsMock() as rsps:
        serve_80590ned(rsps)
        written = fetch_sources(raw, ["80590ned"], client=quiet_client())
        calls = list(rsps.calls)
    assert [p.relative_to(raw).parts[:2] for p in written] == [("80590ned", "totaal-15-75"),
                                                               ("80590ned", "totaal-15-25")]
    assert written[0].name == written[1].name                       # one stamp per refresh
    assert all(c.request.headers["Accept"] == "application/json" for c in calls)
    assert all(c.request.req_kwargs["timeout"] == 30.0 for c in calls)   # every request has a timeout
    snap = open_snapshot(written[0])                                 # sha256 of every file checks out
    assert not snap.is_demo
    assert set(snap.manifest["files"]) == {*METADATA.values(), "observations-page-1.json"}
    for name in snap.manifest["files"]:
        assert (written[0] / name).read_bytes() == recording_bytes(name), name
    assert snap.manifest["filter"] == FILTER_15_75
    assert snap.manifest["cbs_modified"] == recording_json("properties.json")["Modified"]
    assert snap.manifest["title"] == "Arbeidsdeelname en werkloosheid per maand"
    youth = open_snapshot(written[1])
    assert youth.manifest["filter"] == FILTER_15_25 and not youth.is_demo


def test_refresh_80590ned_pages_then_builds_real_rows(tmp_path: Path) -> None:
    raw = copy_raw(tmp_path / "raw", exclude=("80590ned",))
    with responses.RequestsMock() as rsps:
        serve_80590ned(rsps, paged=True)
        written = fetch_sources(raw, ["80590ned"], client=quiet_client())
        skipped = [c for c in rsps.calls if "%24skip" in c.request.url or "$skip" in c.request.url]
    assert len(skipped) == 1                                         # the nextLink was followed once
    adult = open_snapshot(written[0])
    assert adult.observation_pages() == ["observations-page-1.json", "observations-page-2.json"]
    pages = [json.loads((written[0] / n).read_bytes()) for n in adult.observation_pages()]
    assert [len(p["value"]) for p in pages] == [SPLIT_AT, 5586 - SPLIT_AT]
    assert current_snapshot(raw, "80590ned", "totaal-15-75").path == written[0]

    store_dir = tmp_path / "store"
    summary = build_store(raw, store_dir)
    obs = load_store(store_dir).observations
    rows = obs[obs["source_table"] == "80590ned"]
    assert not rows["is_demo"].any()
    assert not any(s["is_demo"] for s in load_store(store_dir).manifest["sources"] if s["table_id"] == "80590ned")
    assert {r["indicator"]: r["demo"] for r in summary["indicators"]}["unemployment_rate"] is False

    recorded = {parse_period(o["Perioden"]).label: o["Value"] for o in recording_json("observations-page-1.json")
                ["value"] if o["Measure"] == "M001906_2"}
    rate = rows[rows["indicator"] == "unemployment_rate"].set_index("period")["value"]
    assert len(rate) == len(recorded) == 399
    assert rate.to_dict() == pytest.approx(recorded, abs=0)

    youth_page = youth_page_from_recording()["value"]
    derived = {(parse_period(o["Perioden"]).label, o["Measure"]): o["Value"] for o in youth_page}
    youth = obs[obs["indicator"] == "youth_unemployment_rate"].set_index("period")
    assert (youth["source_table"] == "80590ned").all() and not youth["is_demo"].any()
    assert len(youth) == 399
    valued = youth[youth["value"].notna()]
    assert len(valued) == 376                                       # months and quarters: seasonally adjusted
    for period, row in valued.iterrows():
        assert row["value"] == derived[(period, "M004210")]
        assert row["numerator"] == derived[(period, "D001875")] * 1000
        assert row["denominator"] == derived[(period, "D002308")] * 1000
    years = youth[youth["frequency"] == "year"]
    assert len(years) == 23 and years["value"].isna().all() and (years["flag"] == "impossible").all()
    # CBS's own youth series now exists: Eurostat's stand-in (une_rt_m) is set aside, and the manifest says so
    manifest = load_store(store_dir).manifest
    [aside] = [a for a in manifest["set_aside"] if a["indicator"] == "youth_unemployment_rate"]
    assert aside["rows"] == 50 and "une_rt_m stands in for 80590ned" in aside["reason"]
    assert manifest["series"]["youth_unemployment_rate"]["land"]["tables"] == ["80590ned"]
    meta = {m["id"]: m for m in load_store(store_dir).indicators}["youth_unemployment_rate"]
    assert meta["licence"] == "CC BY 4.0" and meta["attribution"] == "Bron: CBS, tabel 80590ned, CC BY 4.0"


def test_unemployment_counts_come_from_the_recording(built_store: Path) -> None:
    """The committed snapshot is the same recording: numerator/denominator are x1000 of the recorded counts."""
    obs = load_store(built_store).observations
    rows = obs[obs["indicator"] == "unemployment_rate"].set_index("period")
    by = {(parse_period(o["Perioden"]).label, o["Measure"]): o["Value"]
          for o in recording_json("observations-page-1.json")["value"]}
    for period, row in rows.iterrows():
        assert row["value"] == by[(period, "M001906_2")]
        assert row["numerator"] == by[(period, "3000800_2")] * 1000
        assert row["denominator"] == by[(period, "3000790_2")] * 1000
    assert not rows["is_demo"].any()


# --- OData v3 with cbsodata: 85984NED -------------------------------------------------------------------
def test_refresh_85984ned_with_cbsodata_then_transform(tmp_path: Path, built_store: Path) -> None:
    raw = copy_raw(tmp_path / "raw")
    with responses.RequestsMock() as rsps:
        serve_85984ned(rsps)
        written = fetch_sources(raw, ["85984NED"], timeout=7.0)
        calls = list(rsps.calls)
    assert all(c.request.req_kwargs["timeout"] == 7.0 for c in calls)
    assert any("skiptoken" in c.request.url for c in calls)         # odata.nextLink was followed
    assert all(c.request.url.startswith("https://opendata.cbs.nl/ODataFeed/odata/85984NED/") for c in calls)

    [path] = written
    assert path.relative_to(raw).parts[:2] == ("85984NED", "gemeenten")
    snap = current_snapshot(raw, "85984NED", "gemeenten")
    assert snap.path == path and not snap.is_demo
    assert set(snap.manifest["files"]) == {"TableInfos.json", "DataProperties.json", "cbsodata-rows.json"}
    assert snap.manifest["cbs_modified"] == "2025-03-27T02:00:00"
    rows = snap.read_json("cbsodata-rows.json")
    assert len(rows) == 342 and rows[0]["Codering_3"] == "GM0014    "   # kept exactly as CBS padded it

    pop = parse_population(snap)
    assert len(pop) == 342 and pop["region"].str.fullmatch(r"GM\d{4}").all()
    assert pop["persons"].sum() == 17_942_942

    geo = load_division(raw)[0].geography()
    cols = ["indicator", "region_code", "period", "value", "derivation", "is_demo"]
    new_pop = population(pop, geo).rows[cols]
    old = load_store(built_store).observations
    old_pop = old[old["indicator"] == "population"][cols].reset_index(drop=True)
    pd.testing.assert_frame_equal(new_pop, old_pop)
    assert new_pop.loc[new_pop["region_code"] == "NL01", "value"].item() == 17_942_942
    assert not new_pop["is_demo"].any()


def test_fixture_recording_is_the_shipped_recording() -> None:
    """tests/fixtures/cbs/80590ned is the same genuine recording as the committed raw snapshot."""
    snap = current_snapshot(RAW, "80590ned", "totaal-15-75")
    assert not snap.is_demo
    for name in snap.manifest["files"]:
        fixture = "index.json" if name == "recording-index.json" else name
        assert recording_bytes(fixture) == (snap.path / name).read_bytes(), name
