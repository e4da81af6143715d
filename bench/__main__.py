"""``python -m bench``: how fast the dashboard serves, measured on this machine.

Writes ``bench/results/latest.json`` and prints a markdown table.  ``--quick`` shrinks every
run (tiny durations, one worker) so tests can check the code still works; its numbers mean
nothing.  Never run in CI (``tests/production/test_bench_smoke.py`` runs ``--quick``).

Measures:
1. server time of every callback (first-load payload) vs a no-op callback in the same process;
2. bytes of the callbacks a map selection fires (in-process, and in the browser);
3. first page load of /verkennen: compressed bytes of everything Chromium fetches;
4. gunicorn cold start to the first 200 from /healthz, and peak RSS per worker;
5. ``python -m etl build`` time into a temporary store;
6. throughput and latency under 20 concurrent clients on callback requests;
7. the need index's own timing (bench/bench_need_index.py, when present).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_STORE = ROOT / "data" / "store"

TARGETS = {
    "callback_ratio": 3.0,          # callback median / no-op median
    "selection_kb": 30.0,           # compressed bytes per selection change
    "first_load_mb": 1.5,           # compressed bytes of the first page load
    "worker_rss_mb": 250.0,         # peak RSS per worker
    "load_errors": 0,
}
MAIN_CALLBACK_HINTS = ("explorer-map.figure", "priority-map.figure", "region-need", "page router")


def _section(name: str, results: dict, fn: Callable[[], Any]) -> None:
    started = time.perf_counter()
    try:
        results[name] = fn()
    except Exception as exc:                    # noqa: BLE001 - one failed part must not hide the rest
        results[name] = {"error": f"{type(exc).__name__}: {exc}",
                         "trace": traceback.format_exc(limit=4)}
    if isinstance(results[name], dict):
        results[name]["section_seconds"] = round(time.perf_counter() - started, 2)
    print(f"  {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)


def run(args: argparse.Namespace) -> dict[str, Any]:
    from bench import callbacks, load, page_load
    from bench.server import Gunicorn

    quick = args.quick
    store = str(args.store)
    os.environ["STORE_DIR"] = store
    results: dict[str, Any] = {
        "meta": {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "quick": quick,
                 "python": platform.python_version(), "machine": platform.machine(),
                 "cpus": os.cpu_count(), "store": store},
    }
    skip = set(args.skip or [])
    app = client = None

    def in_process() -> dict:
        nonlocal app, client
        app, client = callbacks.make_app(store)
        pages = ("/verkennen",) if quick else None
        return callbacks.measure(app, client, runs=1 if quick else args.runs, pages=pages)

    if "callbacks" not in skip:
        _section("callbacks", results, in_process)
        if app is not None:
            _section("selection", results, lambda: callbacks.selection_bytes(app, client))

    log = Path(tempfile.mkstemp(prefix="bench-gunicorn-", suffix=".log")[1])
    server = Gunicorn(store_dir=Path(store), workers=1 if quick else args.workers, log_path=log)
    try:
        _section("cold_start", results, lambda: _cold_start(server))
        if "browser" not in skip and server.ready_after is not None:
            _section("page_load", results, lambda: page_load.measure(
                f"http://127.0.0.1:{server.port}", settle_ms=300 if quick else 1500))
        if "load" not in skip and server.ready_after is not None and app is not None:
            bodies = _load_bodies(app, client, callbacks)
            peak: dict[int, float] = {}

            def sample() -> dict:
                for proc in server.worker_processes():
                    try:
                        peak[proc.pid] = max(peak.get(proc.pid, 0.0), proc.memory_info().rss / 1e6)
                    except Exception:           # noqa: BLE001
                        pass
                return {}

            def under_load() -> dict:
                out = load.run(server.port, load.callback_requests(bodies),
                               clients=4 if quick else args.clients,
                               duration=1.0 if quick else args.duration, sampler=sample)
                out.pop("samples", None)
                out["bodies"] = len(bodies)
                out["peak_rss_mb_per_worker"] = [round(v, 1) for v in peak.values()]
                return out
            _section("load", results, under_load)
        results.setdefault("cold_start", {})["rss_mb_after"] = [round(x, 1) for x in server.worker_rss_mb()]
    finally:
        server.stop()
        results["meta"]["gunicorn_log_tail"] = server.tail_log(1500)
        log.unlink(missing_ok=True)

    if "etl" not in skip and not quick:
        _section("etl_build", results, _etl_build)
    if "need_index" not in skip:
        _section("need_index", results, lambda: _need_index(quick))
    return results


def _cold_start(server) -> dict:
    server.start()
    ready = server.wait_ready(timeout=120)
    health = server.health()
    return {"seconds_to_healthz_200": round(ready, 2), "workers": server.workers,
            "rss_mb_ready": [round(x, 1) for x in server.worker_rss_mb()],
            "data_version": health.get("data_version"), "is_demo": health.get("is_demo")}


def _load_bodies(app, client, callbacks) -> list[dict]:
    """First-load bodies of the explorer's callbacks that answer 200/204, plus 8 map selections."""
    from bench import payloads
    cases = [c for c in payloads.callback_cases(app) if not c.wildcard and c.key != callbacks.NOOP_OUTPUT]
    explorer = [c for c in cases if c.page_path == "/verkennen"] or cases
    bodies = []
    for case in explorer:
        body = dict(case.body, changedPropIds=case.input_ids[:1])
        if client.post(payloads.CALLBACK_URL, json=body).status_code in (200, 204):
            bodies.append(body)
    ref = f"{callbacks.MAP_ID}.clickData"
    for point in callbacks.map_points(client, app, 8):    # a user clicking through regions
        for case in payloads.find(cases, input_=ref):
            bodies.append(payloads.with_values(case, {ref: {"points": [point]}}, changed=[ref]))
    return bodies


def _etl_build() -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        store = Path(tmp) / "store"
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "etl", "build", "--store", str(store)], cwd=ROOT,
                              capture_output=True, text=True, timeout=900)
        seconds = time.perf_counter() - started
        out = {"seconds": round(seconds, 2), "returncode": proc.returncode}
        if proc.returncode:
            out["error"] = (proc.stderr or proc.stdout)[-500:]
        return out


def _need_index(quick: bool) -> dict:
    path = ROOT / "bench" / "bench_need_index.py"
    if not path.exists():
        return {"skipped": "bench/bench_need_index.py not present"}
    import importlib
    module = importlib.import_module("bench.bench_need_index")
    for name in ("run", "bench", "main"):
        fn = getattr(module, name, None)
        if callable(fn):
            try:
                value = fn(quick=quick)
            except TypeError:
                value = fn()
            return value if isinstance(value, dict) else {"result": value}
    return {"skipped": "bench_need_index has no run()/bench()/main()"}


# ----------------------------------------------------------------------------- report
def _ok(value, target, smaller=True) -> str:
    if value is None:
        return "n/a"
    return "yes" if (value <= target if smaller else value >= target) else "**NO**"


def table(results: dict[str, Any]) -> str:
    rows = [("measure", "value", "target", "ok")]
    cb = results.get("callbacks", {})
    if "noop" in cb:
        rows.append(("no-op callback (median wall / CPU)",
                     f"{cb['noop']['median_ms']:.2f} ms / {cb['noop'].get('cpu_median_ms', 0):.2f} ms", "", ""))
        main = [r for r in cb["callbacks"] if any(h in r.get("key", r["callback"]) for h in MAIN_CALLBACK_HINTS)] \
            or cb["callbacks"][:5]
        for r in main[:8]:
            rows.append((f"callback `{r['callback']}` [{r['status']}]",
                         f"{r['median_ms']:.1f} ms = {r['ratio']:.1f}x no-op (CPU {r.get('cpu_ratio') or 0:.0f}x), "
                         f"{r['bytes'] / 1024:.1f} KB",
                         f"<= {TARGETS['callback_ratio']:.0f}x", _ok(r["ratio"], TARGETS["callback_ratio"])))
        slowest = cb["callbacks"][:1]
        for r in slowest:
            if r not in main[:8]:
                rows.append((f"slowest callback `{r['callback']}`", f"{r['median_ms']:.1f} ms = {r['ratio']:.1f}x",
                             f"<= {TARGETS['callback_ratio']:.0f}x", _ok(r["ratio"], TARGETS["callback_ratio"])))
    elif "error" in cb:
        rows.append(("callbacks", cb["error"][:80], "", "error"))
    sel = results.get("selection", {})
    if "br_bytes" in sel:
        kb = sel["br_bytes"] / 1024
        rows.append((f"selection change, {len(sel['callbacks'])} callbacks (br / raw)",
                     f"{kb:.1f} KB / {sel['raw_bytes'] / 1024:.1f} KB", f"< {TARGETS['selection_kb']:.0f} KB",
                     _ok(kb, TARGETS["selection_kb"])))
    elif sel:
        rows.append(("selection change", str(sel.get("error", ""))[:80], "", "error"))
    pl = results.get("page_load", {})
    if "first_load" in pl:
        mb = pl["first_load"]["bytes"] / 1e6
        rows.append((f"first load /verkennen ({pl['first_load']['requests']} requests, {pl['load_seconds']} s)",
                     f"{mb:.2f} MB", f"< {TARGETS['first_load_mb']} MB", _ok(mb, TARGETS["first_load_mb"])))
        s = pl.get("selection", {})
        if "bytes" in s:
            kb = s["bytes"] / 1024
            rows.append((f"selection change in browser ({s['requests']} requests)", f"{kb:.1f} KB",
                         f"< {TARGETS['selection_kb']:.0f} KB", _ok(kb, TARGETS["selection_kb"])))
    elif pl:
        rows.append(("first page load", str(pl.get("error", ""))[:80], "", "error"))
    cs = results.get("cold_start", {})
    if "seconds_to_healthz_200" in cs:
        rows.append((f"cold start to /healthz 200 ({cs['workers']} workers)", f"{cs['seconds_to_healthz_200']} s", "", ""))
    elif "error" in cs:
        rows.append(("cold start", cs["error"][:80], "", "error"))
    ld = results.get("load", {})
    if "requests" in ld:
        peak = max(ld.get("peak_rss_mb_per_worker") or [0])
        rows.append(("peak RSS per worker (under load)", f"{peak:.0f} MB", f"< {TARGETS['worker_rss_mb']:.0f} MB",
                     _ok(peak, TARGETS["worker_rss_mb"])))
        rows.append((f"load: {ld['clients']} clients x {ld['duration_s']} s, {ld['bodies']} bodies",
                     f"{ld['throughput_rps']} req/s, p50 {ld['p50_ms']} ms, p95 {ld['p95_ms']} ms", "", ""))
        rows.append(("load: errors", f"{ld['errors']} of {ld['requests']}", "0", _ok(ld["errors"], 0)))
    elif "error" in ld:
        rows.append(("load", ld["error"][:80], "", "error"))
    etl = results.get("etl_build", {})
    if "seconds" in etl:
        rows.append(("`python -m etl build`", f"{etl['seconds']} s" + (" (FAILED)" if etl["returncode"] else ""), "", ""))
    ni = results.get("need_index", {})
    if ni and "skipped" not in ni and "error" not in ni:
        shown = {k: v for k, v in ni.items() if isinstance(v, (int, float)) and k != "section_seconds"}
        rows.append(("need index", ", ".join(f"{k} {v:.4g}" for k, v in shown.items())[:100], "", ""))
    elif ni:
        rows.append(("need index", str(ni.get("skipped") or ni.get("error"))[:80], "", ""))
    widths = [max(len(str(r[i])) for r in rows) for i in range(4)]
    lines = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny runs, for tests (numbers mean nothing)")
    parser.add_argument("--store", type=Path, default=Path(os.environ.get("STORE_DIR") or DEFAULT_STORE))
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per callback")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for load/cold start")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load")
    parser.add_argument("--skip", nargs="*", choices=["callbacks", "browser", "load", "etl", "need_index"])
    args = parser.parse_args(argv)
    if not (args.store / "manifest.json").exists():
        print(f"bench: no store at {args.store} (run `python -m etl build`)", file=sys.stderr)
        return 1
    print(f"bench: {'quick ' if args.quick else ''}run against {args.store}", file=sys.stderr)
    results = run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print(table(results))
    print(f"\nwritten: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
