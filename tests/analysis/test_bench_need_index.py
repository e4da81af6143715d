"""bench/bench_need_index.py stays importable and returns numbers (its timings mean nothing here)."""

from __future__ import annotations

import importlib


def test_bench_need_index_quick(monkeypatch, tmp_path):
    monkeypatch.setenv("STORE_DIR", str(tmp_path / "no-store"))     # falls back to the synthetic store
    module = importlib.import_module("bench.bench_need_index")
    out = module.run(quick=True)
    assert out["store"] == "synthetic" and out["am_regions"] == 35 and out["gm_regions"] == 350
    for key in ("am_index_intervals_ms", "am_index_intervals_cpu_ms", "gm_index_intervals_ms"):
        assert out[key] >= 0
