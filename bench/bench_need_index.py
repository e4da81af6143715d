"""Timing of the need index with its rank intervals (index + 1000 draws), importable by ``python -m bench``.

``run(quick=False)`` -> dict of numbers (milliseconds, medians of repeated runs) for the 35
arbeidsmarktregio's and the 342 gemeenten of the store (``$STORE_DIR`` or data/store); falls back to the
synthetic store (``etl.synthetic``, 35 regions x 10 gemeenten) when no store is built.
Measured: ``compute_need_index`` (draws, normalisation, ranks, intervals) on prepared inputs — wall clock and
CPU time of this process (the latter hardly moves when other processes share the machine) — and the full
``need_index_layer`` from the store (inputs + index).  ``python bench/bench_need_index.py`` prints them.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _store():
    from etl.store import StoreError, load_store
    folder = Path(os.environ.get("STORE_DIR") or ROOT / "data" / "store")
    try:
        return load_store(folder), str(folder)
    except StoreError:
        from etl.synthetic import synthetic_store
        return synthetic_store(n_regions=35, gemeenten_per_region=10), "synthetic"


def _median_ms(fn, repeats: int, clock=time.perf_counter) -> float:
    times = []
    for _ in range(repeats):
        started = clock()
        fn()
        times.append((clock() - started) * 1000)
    return round(statistics.median(times), 2)


def run(quick: bool = False, draws: int = 1000) -> dict:
    """Median milliseconds of the index + 90% intervals per level (and the number of regions)."""
    from analysis.inputs import load_inputs
    from analysis.need_index import compute_need_index, default_period, need_index_layer

    store, origin = _store()
    repeats = 2 if quick else 7
    draws = 100 if quick else draws
    out: dict = {"draws": draws, "repeats": repeats, "store": origin}
    for level, short in (("arbeidsmarktregio", "am"), ("gemeente", "gm")):
        period = default_period(store, level)
        if period is None:
            continue
        inputs = load_inputs(store, level, period)
        compute_need_index(inputs, draws=draws)                       # warm up (imports, caches)
        out[f"{short}_regions"] = len(inputs.region_codes)
        out[f"{short}_index_intervals_ms"] = _median_ms(partial(compute_need_index, inputs, draws=draws), repeats)
        out[f"{short}_index_intervals_cpu_ms"] = _median_ms(partial(compute_need_index, inputs, draws=draws),
                                                            repeats, time.process_time)   # robust to a busy machine
        out[f"{short}_rank_norm_ms"] = _median_ms(
            partial(compute_need_index, inputs, normalisation="rank", draws=draws), repeats)
        out[f"{short}_layer_from_store_ms"] = _median_ms(
            partial(need_index_layer, store, period, level=level, draws=draws), repeats)
    return out


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
