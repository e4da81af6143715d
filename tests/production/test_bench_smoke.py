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
    for section in ("callbacks", "selection", "cold_start", "load"):
        assert section in results
        assert "error" not in results[section], (section, results[section].get("error"))
    assert results["callbacks"]["noop"]["median_ms"] > 0
    assert results["load"]["requests"] > 0
    assert results["cold_start"]["seconds_to_healthz_200"] > 0
