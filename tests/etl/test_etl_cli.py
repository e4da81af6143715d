"""The command line as a user runs it: ``python -m etl list | build | refresh`` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from etlsupport import ROOT, tree_digest

from etl.__main__ import main
from etl.catalog import INDICATORS, SOURCES
from etl.store import load_store


def run_etl(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def test_list_shows_every_table_and_whether_it_is_demo() -> None:
    proc = run_etl("list")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    # real: genuine CBS (or Eurostat) files; demo: generated; "-": an optional slice nothing of which is shipped
    expected = {("80590ned", "totaal-15-75"): "real", ("80590ned", "totaal-15-25"): "-",
                ("une_rt_m", "nl-jonger-dan-25"): "real",
                ("86087NED", "total"): "real", ("86087NED", "jobseeker"): "real",
                ("86087NED", "neet"): "demo", ("86087NED", "benefit"): "demo",
                ("84780NED", "totaal"): "real", ("85554NED", "totaal"): "real", ("85554NED", "jonger-dan-27"): "demo",
                ("82859NED", "totaal"): "real", ("82859NED", "met-uitkering"): "real",
                ("85984NED", "gemeenten"): "real", ("gebieden-2025", "afgeleid"): "real",
                ("86247NED", "gemeenten"): "real"}
    expected.update({("86223NED", s.name): "-" for s in next(s for s in SOURCES if s.table_id == "86223NED").slices})
    assert sorted(expected) == sorted((src.table_id, sl.name) for src in SOURCES for sl in src.slices)
    for src in SOURCES:
        for sl in src.slices:
            row = [line for line in lines if line.split()[:2] == [src.table_id, sl.name]]
            assert len(row) == 1, (src.table_id, sl.name)
            assert row[0].split()[3] == expected[(src.table_id, sl.name)], row[0]
            assert src.title in row[0]
            assert sl.demo == (expected[(src.table_id, sl.name)] == "demo")          # the catalogue says the same
            assert sl.optional == (expected[(src.table_id, sl.name)] == "-")
    for ind in INDICATORS:
        assert any(line.startswith(ind.id + " ") for line in lines), ind.id


def test_list_marks_a_missing_snapshot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--raw", str(tmp_path / "empty")]) == 0
    lines = capsys.readouterr().out.splitlines()
    slices = sum(len(s.slices) for s in SOURCES)
    assert all("(none)" in line and line.split()[3] == "-" for line in lines[1:1 + slices])


def test_build_prints_the_summary(raw_copy: Path, tmp_path: Path, built_store: Path) -> None:
    store = tmp_path / "cli-store"
    proc = run_etl("build", "--raw", str(raw_copy), "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    out = proc.stdout.splitlines()
    assert out[0].startswith(f"store {store} (DEMO + real), data version ")
    assert out[0].endswith(" rows")
    assert out[1] == "regions: {'gemeente': 342, 'rmc': 40, 'arbeidsmarktregio': 35, 'land': 1} (division 2026)"
    dropped = {line.split(":")[0]: line for line in out if ": dropped " in line}
    assert sorted(dropped) == ["84780NED", "85554NED", "86087NED"]       # LD/PV/CR; retired MC14, AM04/16/31; AM99
    assert "AM04, AM16, AM31" in dropped["85554NED"] and "AM99" in dropped["85554NED"]
    assert "retired before the current division: MC14" in dropped["84780NED"]
    assert "landsdeel, provincie or COROP: CR01" in dropped["86087NED"]
    assert not any("GM0457" in line for line in dropped.values())        # Weesp is carried onto Amsterdam, not dropped
    header = next(i for i, line in enumerate(out) if line.startswith("indicator "))
    table = {line.split()[0]: line.split() for line in out[header + 1:-1]}
    assert sorted(table) == sorted(i.id for i in INDICATORS)
    assert table["unemployment_rate"][-1] == "real" and table["population"][-1] == "real"
    assert table["neet_share"][-1] == "demo" and table["youth_ww_benefits"][-1] == "demo"
    for real in ("youth_unemployment_rate", "youth_population", "youth_jobseekers", "early_school_leavers",
                 "ww_benefits", "youth_benefit_share_2005_2013"):
        assert table[real][-1] == "real", real
    assert table["population"][1:3] == ["418", "418"]                   # 342 + 35 + 40 + Nederland
    assert out[-1].startswith("done in ") and out[-1].endswith(" s")
    rows = int(out[0].split(", ")[-1].split()[0])
    built = load_store(store)
    assert rows == len(built.observations)
    pd.testing.assert_frame_equal(built.observations, load_store(built_store).observations)
    assert (store / "observations.parquet").read_bytes() == (built_store / "observations.parquet").read_bytes()


def test_refresh_without_network_fails_cleanly(raw_copy: Path, store_copy: Path) -> None:
    """No network (every request goes to a closed local proxy port): exit 1, one line per table, nothing changed."""
    raw_before, store_before = tree_digest(raw_copy), tree_digest(store_copy)
    offline = {"HTTPS_PROXY": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
               "HTTP_PROXY": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9", "NO_PROXY": "", "no_proxy": ""}
    proc = run_etl("refresh", "--raw", str(raw_copy), "--store", str(store_copy), "--retries", "0", "--timeout", "5",
                   env=offline, timeout=60)
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    fetchable = [s.table_id for s in SOURCES if s.fetchable]
    assert [line.split(":")[1].strip() for line in lines] == fetchable, proc.stderr
    for line in lines:
        assert line.startswith("etl refresh: ") and ": failed: no connection" in line
        assert line.endswith("its previous snapshot stays in use") and "Traceback" not in line
    assert proc.stdout == ""
    assert tree_digest(raw_copy) == raw_before
    assert tree_digest(store_copy) == store_before


def test_unknown_table_on_the_command_line(raw_copy: Path, store_copy: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["refresh", "12345NED", "--raw", str(raw_copy), "--store", str(store_copy)]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [err.strip()]
    assert "unknown table(s) 12345NED" in err
