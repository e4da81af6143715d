"""Faults: every one ends in one clear line naming the table, with the previous store and raw untouched.

Fetch faults run the real CLI (``python -m etl refresh`` in-process) against ``responses``; build faults
run ``python -m etl build`` on a private copy of data/raw that the test edits.
"""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import pytest
import requests
import responses
from etlsupport import (
    FILTER_15_75,
    RAW,
    V3,
    V3_FIXTURES,
    V4,
    leftovers,
    recording_bytes,
    recording_json,
    rewrite_snapshot,
    serve_80590ned,
    serve_85984ned,
    tree_digest,
)

import etl.cli
import etl.extract
from etl.__main__ import main
from etl.extract import ExtractError, V4Client, fetch_sources
from etl.schema import StoreValidationError, validate_store
from etl.snapshot import SnapshotError, current_snapshot
from etl.store import load_store
from etl.transform.raw import RawShapeError
from etl.transform.regions import UNKNOWN

VSV = ("84780NED", "totaal", current_snapshot(RAW, "84780NED", "totaal").path.name)   # CBS's vsv figures (imported)
VSV_PERIODS = 11                                                                     # 2012/'13 - 2022/'23


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The CLI's V4Client, minus the real sleeping between retries; returns the waits it asked for."""
    waits: list[float] = []
    monkeypatch.setattr(etl.extract, "V4Client", functools.partial(V4Client, sleep=waits.append))
    return waits


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line(err: str, *needles: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {err!r}"
    for needle in needles:
        assert needle in lines[0], f"{needle!r} not in {lines[0]!r}"
    assert "Traceback" not in err
    return lines[0]


def _renamed_measure(body: bytes) -> bytes:
    doc = json.loads(body)
    for m in doc["value"]:
        if m["Identifier"] == "M001906_2":
            m["Identifier"] = "M001906_3"
    return json.dumps(doc).encode()


def _without_dimension(body: bytes, dim: str) -> bytes:
    doc = json.loads(body)
    doc["value"] = [d for d in doc["value"] if d["Identifier"] != dim]
    return json.dumps(doc).encode()


def _records_without_field(name: str, field: str) -> bytes:
    doc = recording_json(name)
    for record in doc["value"]:
        record["Id"] = record.pop(field)
    return json.dumps(doc).encode()


def _observations_without_field(field: str) -> bytes:
    doc = recording_json("observations-page-1.json")
    for obs in doc["value"]:
        obs.pop(field)
    return json.dumps(doc).encode()


V4_FAULTS = {
    # name: (overrides for serve_80590ned, paged, words the one line must contain, (endpoint, requests to it))
    "renamed measure": ({"MeasureCodes": _renamed_measure(recording_bytes("measure-codes.json"))}, False,
                        ["measure code 'M001906_2' missing (renamed?)"], ("Observations", 0)),
    "missing dimension": ({"Dimensions": _without_dimension(recording_bytes("dimensions.json"), "Leeftijd")}, False,
                          ["dimension 'Leeftijd' missing"], ("Observations", 0)),
    "dimension records renamed Identifier": (
        {"Dimensions": _records_without_field("dimensions.json", "Identifier")}, False,
        ["field 'Identifier' missing", "schema drift"], ("Observations", 0)),
    "code records renamed Identifier": ({"PeriodenCodes": _records_without_field("codes-Perioden.json", "Identifier")},
                                        False, ["field 'Identifier' missing"], ("Observations", 1)),
    "observations lack a dimension": ({"Observations": _observations_without_field("Leeftijd")}, False,
                                      ["observation field(s) Leeftijd missing"], ("Observations", 1)),
    "truncated JSON page": ({"Observations": recording_bytes("observations-page-1.json")[:4096]}, False,
                            ["invalid JSON", "4096 bytes, truncated?"], ("Observations", 1)),
    "truncated second page": ({"Observations-page-2": b'{"value": [{"Id": 1, "Meas'}, True,
                              ["invalid JSON", "$skip="], ("Observations", 2)),
    "JSON that is not an OData object": ({"Observations": b"[]"}, False, ["did not return a JSON object"],
                                         ("Observations", 1)),
    "HTTP 404": ({"Observations": 404}, False, ["HTTP 404"], ("Observations", 1)),
    "HTTP 500": ({"Observations": 500}, False, ["HTTP 500", "after 5 attempts"], ("Observations", 5)),
    "HTTP 503 on metadata": ({"Properties": 503}, False, ["HTTP 503", f"{V4}/Properties ", "after 5 attempts"],
                             ("Properties", 5)),
    "timeout": ({"Dimensions": requests.exceptions.ReadTimeout("read timed out")}, False,
                ["timeout after 30 s", "/Dimensions", "after 5 attempts"], ("Dimensions", 5)),
    "connection error": ({"PeriodenCodes": requests.exceptions.ConnectionError(
        "HTTPSConnectionPool: Failed to establish a new connection: [Errno 111] Connection refused")}, False,
        ["no connection (connection refused)", "/PeriodenCodes", "after 5 attempts"], ("PeriodenCodes", 5)),
    "youth slice fails after the first slice succeeded": ({"Observations-youth": 500}, False,
                                                          ["HTTP 500", "53050", "after 5 attempts"],
                                                          ("Observations", 1 + 5)),
}


@pytest.mark.parametrize("fault", list(V4_FAULTS))
def test_refresh_v4_fault(fault: str, raw_copy: Path, store_copy: Path, no_backoff: list[float],
                          capsys: pytest.CaptureFixture[str]) -> None:
    overrides, paged, needles, (endpoint, requests_to_endpoint) = V4_FAULTS[fault]
    raw_before, store_before = tree_digest(raw_copy), tree_digest(store_copy)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve_80590ned(rsps, paged=paged, overrides=overrides)
        code, out, err = run_cli(capsys, "refresh", "80590ned", "--raw", str(raw_copy), "--store", str(store_copy))
        to_endpoint = [c for c in rsps.calls if c.request.path_url.split("?")[0].endswith(f"/{endpoint}")]
    assert code == 1
    line = assert_one_line(err, "etl refresh: 80590ned: failed: ", *needles)
    assert line.endswith("its previous snapshot stays in use")
    assert "fetched" not in out
    assert tree_digest(raw_copy) == raw_before
    assert tree_digest(store_copy) == store_before
    assert leftovers(raw_copy.parent) == []
    assert len(to_endpoint) == requests_to_endpoint
    attempts = 5 if "after 5 attempts" in needles else 1              # 4 retries by default, none for 4xx
    assert no_backoff == [1.0, 2.0, 4.0, 8.0][:attempts - 1]          # exponential backoff, then give up


def test_retry_then_success_is_not_a_fault(tmp_path: Path) -> None:
    """Two 503s, then the answer: the fetch succeeds after backing off 1 s and 2 s."""
    waits: list[float] = []
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, f"{V4}/Properties", status=503)
        rsps.add(responses.GET, f"{V4}/Properties", status=503)
        serve_80590ned(rsps)
        written = fetch_sources(tmp_path / "raw", ["80590ned"], client=V4Client(sleep=waits.append))
    assert len(written) == 2 and waits == [1.0, 2.0]


def test_http_404_is_not_retried(tmp_path: Path) -> None:
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, f"{V4}/Properties", status=404)
        with pytest.raises(ExtractError, match=r"^80590ned: HTTP 404 for .*/Properties$"):
            fetch_sources(tmp_path / "raw", ["80590ned"], client=V4Client(sleep=lambda s: None))
        assert len(rsps.calls) == 1
    assert not (tmp_path / "raw").exists() or tree_digest(tmp_path / "raw") == {}


def test_unknown_table_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="unknown table.*99999NED"):
        fetch_sources(tmp_path / "raw", ["99999NED"])


# --- v3 (cbsodata, 85984NED) ------------------------------------------------------------------------
def _rows_with_renamed_column() -> bytes:
    doc = json.loads((V3_FIXTURES / "TypedDataSet-page-1.json").read_text(encoding="utf-8"))
    for row in doc["value"]:
        row["AantalInwoners_6"] = row.pop("AantalInwoners_5")
    return json.dumps(doc).encode()


V3_FAULTS = {
    "HTTP 500": ({"TypedDataSet": 500}, ["85984NED", "500 Server Error"]),
    "HTTP 404 on TableInfos": ({"TableInfos": 404}, ["85984NED", "404 Client Error"]),
    "timeout": ({"DataProperties": requests.exceptions.ReadTimeout("read timed out")}, ["timeout after 30 s"]),
    "connection error": ({"TableInfos": requests.exceptions.ConnectionError("Connection refused")},
                         ["no connection to CBS"]),
    "truncated JSON": ({"TypedDataSet-page-2": b'{"value": [{"Codering_3": "GM'}, ["invalid JSON"]),
    "renamed column": ({"TypedDataSet": _rows_with_renamed_column()}, ["AantalInwoners_5", "schema drift"]),
    "error document instead of data": ({"TypedDataSet": b'{"odata.error": {"message": {"value": "busy"}}}'},
                                       ["'value'"]),
    "JSON list instead of an object": ({"DataProperties": b"[]"}, ["not an OData"]),
}


@pytest.mark.parametrize("fault", list(V3_FAULTS))
def test_refresh_v3_fault(fault: str, raw_copy: Path, store_copy: Path, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    overrides, needles = V3_FAULTS[fault]
    sleeps: list[float] = []
    monkeypatch.setattr("etl.extract_v3.time.sleep", sleeps.append)      # retried with backoff, but not in real time
    raw_before, store_before = tree_digest(raw_copy), tree_digest(store_copy)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve_85984ned(rsps, overrides)
        code, out, err = run_cli(capsys, "refresh", "85984NED", "--raw", str(raw_copy), "--store", str(store_copy))
    assert code == 1
    assert_one_line(err, "etl refresh: 85984NED:", *needles)
    assert tree_digest(raw_copy) == raw_before
    assert tree_digest(store_copy) == store_before
    if "after" in err:
        assert sleeps == [1.0, 2.0, 4.0, 8.0]


def test_v3_requests_go_to_the_bulk_feed(tmp_path: Path) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve_85984ned(rsps, {"TableInfos": 500})
        with pytest.raises(ExtractError):
            fetch_sources(tmp_path / "raw", ["85984NED"])
        assert rsps.calls[0].request.url == f"{V3}/TableInfos?%24format=json"


# --- build faults on an edited raw snapshot -----------------------------------------------------------
def _vsv_measure(title: str) -> str:
    """The snapshot's code of a 84780NED measure, looked up by its CBS title (codes are not hard-coded)."""
    doc = json.loads(RAW.joinpath(*VSV, "measure-codes.json").read_text(encoding="utf-8"))
    [code] = [m["Identifier"] for m in doc["value"] if m["Title"] == title]
    return code


def _edit_vsv(title: str, value: object, region: str = "GM0363") -> object:
    def edit(doc: dict) -> None:
        measure = _vsv_measure(title)
        hits = [o for o in doc["value"] if o["Regiokenmerken"] == region and o["Perioden"] == "2020SJ21"
                and o["Measure"] == measure]
        assert len(hits) == 1
        hits[0]["Value"] = value
    return edit


def _rename_region(old: str, new: str) -> object:
    def edit(doc: dict) -> None:
        for o in doc["value"]:
            if o["Regiokenmerken"] == old:
                o["Regiokenmerken"] = new
    return edit


BUILD_FAULTS = {
    # name: (edit of 84780NED's observations, sha fixed?, exception, words in the one line)
    "tampered raw file (sha mismatch)": (_rename_region("GM0363", "GM9998"), False, SnapshotError,
                                         ["84780NED", "observations-page-1.json", "sha256"]),
    "percent above 100": (_edit_vsv("Voortijdig schoolverlaters", 10**6), True, StoreValidationError,
                          ["84780NED", "early_school_leaver_rate", "domain"]),
    "value that is not a number": (_edit_vsv("Leerlingen", "veel"), True, RawShapeError, ["84780NED", "'veel'"]),
}


@pytest.mark.parametrize("fault", list(BUILD_FAULTS))
def test_build_fault(fault: str, raw_copy: Path, store_copy: Path, capsys: pytest.CaptureFixture[str],
                     monkeypatch: pytest.MonkeyPatch) -> None:
    edit, fix_sha, exc_type, needles = BUILD_FAULTS[fault]
    rewrite_snapshot(raw_copy.joinpath(*VSV), "observations-page-1.json", edit, fix_sha=fix_sha)
    raw_before, store_before = tree_digest(raw_copy), tree_digest(store_copy)
    seen: list[BaseException] = []
    one_line = etl.cli._one_line
    monkeypatch.setattr(etl.cli, "_one_line", lambda exc: seen.append(exc) or one_line(exc))

    code, out, err = run_cli(capsys, "build", "--raw", str(raw_copy), "--store", str(store_copy))
    assert code == 1 and out == ""
    assert_one_line(err, "etl build:", *needles)
    assert len(seen) == 1 and isinstance(seen[0], exc_type) and "\n" not in str(seen[0])
    assert tree_digest(raw_copy) == raw_before
    assert tree_digest(store_copy) == store_before
    assert leftovers(store_copy.parent) == []


def test_unknown_gemeente_code_is_dropped_loudly_and_its_region_is_incomplete(
        raw_copy: Path, store_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A gemeente code the division does not know: the build goes on, says so on stderr and in the manifest, and
    the arbeidsmarktregio summed from gemeenten (84780NED) is 'incomplete' instead of silently short; so is Amsterdam
    itself, which without its own row would hold only Weesp's carried counts; the RMC region CBS gives itself keeps
    CBS's figure, unchecked."""
    rewrite_snapshot(raw_copy.joinpath(*VSV), "observations-page-1.json", _rename_region("GM0363", "GM9998"))
    code, out, err = run_cli(capsys, "build", "--raw", str(raw_copy), "--store", str(store_copy))
    assert code == 0
    assert_one_line(err, "WARNING 84780NED", "GM9998", "not in the division")
    [line] = [line for line in out.splitlines() if line.startswith("84780NED: dropped ")]
    assert line.endswith(f"{UNKNOWN}: GM9998 (1)") and "GM0363" not in line
    store = load_store(store_copy)
    vsv = {s["table_id"]: s for s in store.manifest["sources"]}["84780NED"]
    assert vsv["dropped_regions"]["codes"]["GM9998"]["reason"].startswith("UNKNOWN")
    obs = store.observations
    rate = obs[obs["indicator"] == "early_school_leaver_rate"]
    am18 = rate[rate["region_code"] == "AM18"]
    assert len(am18) == VSV_PERIODS and am18["value"].isna().all() and (am18["flag"] == "incomplete").all()
    amsterdam = rate[rate["region_code"] == "GM0363"]
    assert amsterdam["value"].isna().all() and (amsterdam["flag"] == "incomplete").all()
    mc21 = rate[rate["region_code"] == "MC21"]                              # CBS's own RMC figure: kept
    assert len(mc21) == VSV_PERIODS and mc21["value"].notna().all() and (mc21["derivation"] == "published").all()
    [check] = [c for c in vsv["region_checks"] if c["level"] == "rmc"]
    assert check["not_checked"] >= VSV_PERIODS


@pytest.mark.parametrize(("table", "slice_name"), [("86087NED", "neet"), ("85554NED", "totaal"),
                                                  ("80590ned", "totaal-15-75")])
def test_missing_raw_snapshot_names_the_table(raw_copy: Path, store_copy: Path, capsys: pytest.CaptureFixture[str],
                                              table: str, slice_name: str) -> None:
    """A slice the build needs (not ``optional``) without any snapshot: one line naming it, the store untouched."""
    shutil.rmtree(raw_copy / table / slice_name)
    store_before = tree_digest(store_copy)
    code, _, err = run_cli(capsys, "build", "--raw", str(raw_copy), "--store", str(store_copy))
    assert code == 1
    assert_one_line(err, f"{table}/{slice_name}", "no raw snapshot", "etl demo")
    assert tree_digest(store_copy) == store_before


def test_an_optional_slice_without_a_snapshot_is_left_out(raw_copy: Path, store_copy: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing of 80590ned's 15-25 slice or of 86223NED is shipped: the build goes on without them, silently."""
    assert not (raw_copy / "80590ned" / "totaal-15-25").exists() and not (raw_copy / "86223NED").exists()
    code, _, err = run_cli(capsys, "build", "--raw", str(raw_copy), "--store", str(store_copy))
    assert code == 0 and err == ""
    sources = {s["table_id"]: s for s in load_store(store_copy).manifest["sources"]}
    assert "86223NED" not in sources
    assert [sl["slice"] for sl in sources["80590ned"]["slices"]] == ["totaal-15-75"]


def test_failed_fetch_filter_is_the_slice_filter() -> None:
    """Guard for the fault table above: the 15-75 filter the fake server expects is the one the client sends."""
    from etl.catalog import source
    files = {n: recording_bytes(f) for n, f in (("codes-Geslacht.json", "codes-Geslacht.json"),
                                                ("codes-Leeftijd.json", "codes-Leeftijd.json"),
                                                ("measure-codes.json", "measure-codes.json"))}
    src = source("80590ned")
    assert V4Client.observation_filter(src, src.slices[0], files) == FILTER_15_75


@pytest.mark.parametrize(("column", "value", "needles"), [
    ("numerator", -40.0, ["column numerator", "greater_than_or_equal_to(0)"]),
    ("value", -0.5, ["value outside its unit's domain"]),
    ("value", 1000.5, ["value outside its unit's domain"]),
])
def test_negative_or_too_large_values_fail_validation(built_store: Path, column: str, value: float,
                                                      needles: list[str]) -> None:
    """Negative counts or rates above their maximum: StoreValidationError naming table, indicator, region, period."""
    store = load_store(built_store)
    obs = store.observations.copy()
    target = obs.index[(obs["indicator"] == "youth_jobseeker_rate") & (obs["region_code"] == "GM0363")
                       & (obs["period"] == "2020")][0]
    obs.loc[target, column] = value
    with pytest.raises(StoreValidationError) as info:
        validate_store(obs, store.regions)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("observations: 1 failing row(s); ")
    assert message.endswith(" in 86087NED youth_jobseeker_rate GM0363 2020")
    for needle in needles:
        assert needle in message
