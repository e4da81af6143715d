"""`python -m bench --quick` still runs end to end (its numbers mean nothing; never the full bench in CI)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bench.server import ROOT

pytestmark = pytest.mark.timeout(120)


def test_bench_quick(store_dir, tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "--store", str(store_dir), "--out", str(out),
                           "--skip", "browser"], cwd=ROOT, capture_output=True, text=True, timeout=110)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "| measure" in proc.stdout
    results = json.loads(out.read_text())
    for section in ("callbacks", "selection", "cold_start", "load", "priority_weightings", "steady_memory",
                    "mechanisms", "heavy_gate"):
        assert section in results
        assert "error" not in results[section], (section, results[section].get("error"))
    assert results["callbacks"]["noop"]["median_ms"] > 0
    assert results["load"]["requests"] > 0
    assert results["cold_start"]["seconds_to_healthz_200"] > 0
    steady = results["steady_memory"]                         # RSS sampled while distinct states were asked
    assert steady["requests"] > 0 and steady["states"] == 200
    assert steady["rss_mb_start"] > 0 and 0 < steady["rss_mb_plateau"] < 2000 and steady["rss_mb_trace"]
    assert "worker memory, steady state" in proc.stdout
    for level in ("arbeidsmarktregio", "gemeente"):        # the no-op asked in turn with the level's states
        row = results["explorer"][level]
        assert row["noop_ms"] > 0                             # the ratio is of unrounded times: within rounding
        assert abs(row["first_visit_ratio"] - row["first_visit_ms"] / row["noop_ms"]) < 0.1 + row["first_visit_ratio"] / 100
    assert results["explorer"]["noop_alone_ms"] > 0
    mechanisms = results["mechanisms"]                         # each mechanism with and without it, in turns
    assert "error" not in mechanisms, mechanisms.get("error")
    rows = [mechanisms["answer_cache"]["explorer_state"], mechanisms["answer_cache"]["overview_page"],
            mechanisms["store_memo"], mechanisms["plain_figures"], mechanisms["json_data"], mechanisms["guard"],
            mechanisms["left_as_shown"], mechanisms["asset_cache"]["br"], mechanisms["asset_cache"]["gzip"]]
    for row in rows:
        assert row["with_ms"] > 0 and row["without_ms"] > 0 and row["samples"] >= 2
    assert mechanisms["asset_cache"]["files"] > 5 and mechanisms["plain_figures"]["same_json"] is True
    assert mechanisms["asset_cache"]["br"]["kb"] < mechanisms["asset_cache"]["gzip"]["kb"]
    assert mechanisms["left_as_shown"]["with_bytes"] < mechanisms["left_as_shown"]["without_bytes"]
    assert proc.stdout.count("with / without it") == len(rows) + 2          # and the heavy-work gate's two rows
    for side in ("with", "without"):                          # the gate's flood, on both servers
        gate = results["heavy_gate"][side]
        assert gate["runs"][0]["probes"] > 0 and gate["peak_rss_mb"] > 0 and sum(gate["heavy_statuses"].values()) > 0
    assert "503" not in results["heavy_gate"]["without"]["heavy_statuses"]         # the gate really open there


def test_bench_quick_browser_takes_turns(store_dir, tmp_path):
    """The redraw of the explorer and of the plain app, measured in one Chromium taking turns: every counted
    round has a sample of both, and nothing failed or logged an error."""
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "--store", str(store_dir), "--out", str(out),
                           "--skip", "callbacks", "mechanisms", "load", "steady", "etl", "need_index"], cwd=ROOT,
                          capture_output=True, text=True, timeout=110)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(out.read_text())
    ours, peer = results["interaction"], results["interaction_peer"]
    for run in (ours, peer):
        assert "error" not in run, run.get("error")
        assert run["alternately"] is True
        assert run["failures"] == [] and run["console_errors"] == []
        assert len(run["samples_ms"]) == 2 and run["paired_ms"] == run["samples_ms"]
        assert all(ms > 0 for ms in run["samples_ms"])
    assert ours["url"].endswith("/verkennen") and peer["charts"] == ["peer-map", "peer-bar"]
    assert "taking turns with the peer" in proc.stdout
