"""``python -m bench``: how fast the dashboard serves, each measure side by side with its peer in the same run.

Writes ``bench/results/latest.json`` and prints a markdown table (measure, value, peer, ratio, target, met).
``--quick`` shrinks every run (one worker, tiny durations, no repeats) so tests can check the code still
works; its numbers mean nothing.  Never run in CI (``tests/production/test_bench_smoke.py`` runs ``--quick``).

Measures (issue #11), each with its peer:
a. ``interaction``: change the indicator on /verkennen in Chromium until map, bar and trend are redrawn
   (``plotly_afterplot`` of each), median of N, vs the plainest Dash app with a ``plotly.express`` map and bar
   driven by a dropdown (:mod:`bench.peer_app`), served the same way beside ours; the two are measured in one
   browser, taking turns change by change (:func:`bench.interaction.measure_alternately`);
b. ``explorer``: the explorer callback's server time for states asked before and for first visits, per level,
   vs a no-op callback asked just before each (the two taking turns);
c. ``load``: 20 clients for 20 s sending random explorer states (indicator x level x 0-3 regions) to the
   production server (gunicorn, 2 workers, caches empty at start), p95 and errors, vs the no-op callback under
   the same load (``load_noop``);
d. ``page_load``: compressed bytes over the wire for a first load of /verkennen in Chromium (peer: the plain app);
   ``settle``: per page, seconds from navigation start until no callback is in flight and the DOM stopped changing,
   cold and warm, taking turns with the plain app's page (:mod:`bench.page_settle`);
e. ``memory``: RSS and USS (private) of each worker after the load (warm-up); ``steady_memory``: 8 clients asking
   60,000 random explorer states for 240 s (``--steady-seconds``), the workers' RSS sampled throughout: the plateau
   that the bounded memos hold a worker to;
f. ``mechanisms``: what each hand-built mechanism buys, the same requests with and without it in turns
   (:mod:`bench.mechanisms`: answers kept as bytes, the StoreView memo, figures as plain data, answers as JSON
   data, the callback guard's cost, explorer answers leaving out what the page shows, the compressed-file cache);
g. ``heavy_gate``: a cheap request's p95 and the workers' peak memory under a flood of uncached need indexes, with
   the API's heavy-work gate and without it (:mod:`bench.heavy_gate`: two servers in turns);
and, as before: every callback vs the no-op (``callbacks``), a /prioriteit weighting never asked before
(``priority_weightings``), bytes of a map selection (``selection``),
gunicorn cold start, ``python -m etl build``, the need index's own timing.
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
    "interaction_ratio": 1.0,       # explorer redraw / plain px app redraw
    "asked_before_ratio": 3.0,      # explorer callback (state asked before) / no-op
    "first_visit_ratio": {"arbeidsmarktregio": 15.0, "gemeente": 30.0},
    "load_p95_ratio": 10.0,         # p95 under load / no-op p95 under the same load
    "load_errors": 0,
    "first_load_mb": 1.0,           # compressed bytes of the first page load
    "worker_rss_mb": 280.0,
    "worker_uss_mb": 180.0,
    "callback_ratio": 3.0,          # other callbacks / no-op
    "selection_kb": 30.0,
    "settle_ratio": 0.5,            # a page's warm settle time / the plain app's, measured in turn
}
MAIN_CALLBACK_HINTS = ("priority-map-box.children", "priority-table.children (opened)",
                       "priority-sensitivity-table.children (opened)", "region-print-brief", "page router")
INTERACTION_VALUES = 4              # indicators cycled through in the browser


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


def _indicators(app, level: str = "arbeidsmarktregio") -> list[str]:
    from dashboard.data import queries as q
    from dashboard.data.store import get_view
    with app.server.test_request_context("/"):
        view = get_view()
        return [i for i in q.map_indicators(view) if level in q.levels_for(view, i)][:INTERACTION_VALUES]


def run(args: argparse.Namespace) -> dict[str, Any]:
    from bench import callbacks, explorer, load
    from bench.served import noop_body
    from bench.server import Gunicorn

    quick = args.quick
    store = str(args.store)
    os.environ["STORE_DIR"] = store
    results: dict[str, Any] = {
        "meta": {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "quick": quick,
                 "python": platform.python_version(), "machine": platform.machine(),
                 "cpus": os.cpu_count(), "store": store, "load_average": _load_average()},
    }
    skip = set(args.skip or [])
    app = client = None
    app, client = callbacks.make_app(store)
    if "callbacks" not in skip:
        # first: the explorer's first visits must be first in this process
        _section("explorer", results, lambda: explorer.measure(app, client, noop_body(), count=2 if quick else args.states))
        pages = ("/verkennen",) if quick else None
        _section("callbacks", results, lambda: callbacks.measure(app, client, runs=1 if quick else args.runs,
                                                                 pages=pages))
        _section("selection", results, lambda: callbacks.selection_bytes(app, client))
        _section("priority_weightings", results, lambda: callbacks.priority_new_weightings(
            app, client, count=2 if quick else 6))
    if "mechanisms" not in skip:
        from bench import mechanisms
        _section("mechanisms", results, lambda: mechanisms.measure(app, client, quick=quick))

    workers = 1 if quick else args.workers
    clients, duration = (4, 1.0) if quick else (args.clients, args.duration)
    values = _indicators(app)
    log = Path(tempfile.mkstemp(prefix="bench-gunicorn-", suffix=".log")[1])
    server = Gunicorn(store_dir=Path(store), workers=workers, log_path=log, app="bench.served:server")
    try:
        _section("cold_start", results, lambda: _cold_start(server))
        ready = server.ready_after is not None
        if "load" not in skip and ready:
            bodies = explorer.load_bodies(app, 40 if quick else 400)
            _section("load", results, lambda: _load(load, server, load.callback_requests(bodies), clients, duration))
            _section("load_noop", results, lambda: _load(load, server, load.callback_requests(
                [noop_body(f"x{i}") for i in range(50)]), clients, duration))
            _section("memory", results, lambda: _memory(server))
        if "steady" not in skip and ready:
            seconds = 2.0 if quick else args.steady_seconds
            _section("steady_memory", results, lambda: _steady_memory(
                load, explorer, server, app, 4 if quick else 8, seconds, 200 if quick else 60_000))
        if "browser" not in skip and ready:
            _browser(results, server, store, workers, values, quick, args.repeats, with_settle="settle" not in skip,
                     settle_repeats=2 if quick else args.settle_repeats)
        results.setdefault("cold_start", {})["rss_mb_after"] = [round(x, 1) for x in server.worker_rss_mb()]
    finally:
        server.stop()
        results["meta"]["gunicorn_log_tail"] = server.tail_log(1500)
        log.unlink(missing_ok=True)

    if "heavy_gate" not in skip:
        from bench import heavy_gate
        _section("heavy_gate", results, lambda: heavy_gate.measure(
            Path(store), clients=2 if quick else 6, seconds=2.0 if quick else 10.0, rounds=1 if quick else 2,
            draws=100 if quick else 5000))
    if "etl" not in skip and not quick:
        _section("etl_build", results, _etl_build)
    if "need_index" not in skip:
        _section("need_index", results, lambda: _need_index(quick))
    results["meta"]["load_average_after"] = _load_average()
    return results


def _browser(results: dict[str, Any], server, store: str, workers: int, values: list[str], quick: bool,
             repeats: int, with_settle: bool, settle_repeats: int) -> None:
    """First loads, then the redraw of the explorer and of the plain app measured alternately in one browser (the
    peer app served beside ours, the same way), then every page's settle time in turn with the plain app's."""
    from bench import interaction, page_load, page_settle
    from bench.server import Gunicorn

    settle = 300 if quick else 1500
    ours = f"http://127.0.0.1:{server.port}"
    _section("page_load", results, lambda: page_load.measure(ours, settle_ms=settle))
    peer = Gunicorn(store_dir=Path(store), workers=workers, app="bench.peer_app:server")
    try:
        peer.start()
        peer.wait_ready(timeout=120, path="/")
        theirs = f"http://127.0.0.1:{peer.port}"
        _section("page_load_peer", results, lambda: page_load.measure(theirs, path="/", map_id="peer-map",
                                                                      settle_ms=settle))
        targets = [interaction.Target("interaction", ours + "/verkennen", "explorer-indicator",
                                      ["explorer-map", "explorer-bar", "explorer-timeseries"]),
                   interaction.Target("interaction_peer", theirs + "/", "peer-indicator", ["peer-map", "peer-bar"])]
        _section("interaction_alternately", results, lambda: interaction.measure_alternately(
            targets, values, repeats=2 if quick else repeats))
        both = results.pop("interaction_alternately")
        if "error" in both:
            raise RuntimeError(both["error"])
        for name in ("interaction", "interaction_peer"):
            results[name] = {**both[name], "section_seconds": both["section_seconds"], "alternately": True}
    except Exception as exc:                # noqa: BLE001 - the other sections stand without this one
        results["interaction_peer"] = {"error": f"{type(exc).__name__}: {exc}"}
        if "interaction" not in results:    # the peer failed: ours alone still has a figure (no ratio)
            _section("interaction", results, lambda: interaction.measure(
                ours, "/verkennen", "explorer-indicator", ["explorer-map", "explorer-bar", "explorer-timeseries"],
                values, repeats=2 if quick else repeats))
    finally:
        if with_settle and peer.ready_after is not None:     # the peer is up, whatever became of the interaction
            _section("settle", results, lambda: page_settle.measure(
                ours, f"http://127.0.0.1:{peer.port}", page_settle.PATHS, settle_repeats, quick))
        peer.stop()


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _load(load, server, requests, clients: int, duration: float) -> dict:
    out = load.run(server.port, requests, clients=clients, duration=duration)
    out.pop("samples", None)
    out["bodies"] = len(requests)
    return out


def _memory(server) -> dict:
    """RSS and USS (memory no other process shares) of each worker, after the load warmed them up."""
    workers = []
    for proc in server.worker_processes():
        try:
            info = proc.memory_full_info()
            workers.append({"pid": proc.pid, "rss_mb": round(info.rss / 1e6, 1), "uss_mb": round(info.uss / 1e6, 1)})
        except Exception:                       # noqa: BLE001 - a worker recycled meanwhile
            continue
    return {"workers": workers, "rss_mb_max": max((w["rss_mb"] for w in workers), default=None),
            "uss_mb_max": max((w["uss_mb"] for w in workers), default=None)}


def _steady_memory(load, explorer, server, app, clients: int, duration: float, states: int) -> dict:
    """Worker RSS while ``clients`` keep asking ``states`` random explorer states (most never asked before, so
    every memo keeps filling until its bound): RSS sampled every 0.25 s, the plateau is the largest sample of the
    run's second half, the growth the second half's last sample minus its first."""
    bodies = explorer.load_bodies(app, states, seed=17)
    out = load.run(server.port, load.callback_requests(bodies), clients=clients, duration=duration,
                   sampler=lambda: (time.monotonic(), max(server.worker_rss_mb(), default=0.0)))
    samples = [s for s in out.pop("samples") if s[1]]
    if not samples:
        return {"error": "no worker to measure"}
    start = samples[0][0]
    late = [rss for t, rss in samples if t - start >= duration / 2] or [samples[-1][1]]
    return {**out, "states": len(bodies), "rss_mb_start": round(samples[0][1], 1),
            "rss_mb_plateau": round(max(late), 1), "rss_mb_growth_second_half": round(late[-1] - late[0], 1),
            "rss_mb_trace": [[round(t - start, 1), round(rss, 1)] for t, rss in samples[::20]]}


def _cold_start(server) -> dict:
    server.start()
    ready = server.wait_ready(timeout=120)
    health = server.health()
    return {"seconds_to_healthz_200": round(ready, 2), "workers": server.workers,
            "rss_mb_ready": [round(x, 1) for x in server.worker_rss_mb()],
            "data_version": health.get("data_version"), "is_demo": health.get("is_demo")}


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
def _met(value, target) -> str:
    if value is None or target is None:
        return ""
    return "yes" if value <= target else "**no**"


def _ratio(value, peer) -> float | None:
    return value / peer if value is not None and peer else None


def _fmt(x, unit: str = "", digits: int = 1) -> str:
    return "" if x is None else f"{x:,.{digits}f}{unit}"


def _settled(warm: float | None, cold: float | None, timeouts: int, cap_ms: int) -> str:
    """Warm median, then the cold load, in seconds; a load that never settled shows as > the cap."""
    never = f"> {cap_ms / 1000:.0f} s"
    text = f"{_fmt(warm, ' s', 2) or never} (cold {_fmt(cold, ' s', 2) or never})"
    return text + (f", {timeouts} never settled" if timeouts else "")


def rows(results: dict[str, Any]) -> list[tuple[str, str, str, str, str, str]]:
    """(measure, value, peer, ratio, target, met) for every measure the results hold."""
    out: list[tuple[str, str, str, str, str, str]] = []

    def add(measure, value, peer, ratio, target, met):
        out.append((measure, value, peer, ratio, target, met))

    def error(name: str, section: dict) -> None:
        add(name, "error: " + str(section.get("error", ""))[:70], "", "", "", "error")

    ia, ip = results.get("interaction", {}), results.get("interaction_peer", {})
    if ia.get("median_ms") is not None:
        r = _ratio(ia["median_ms"], ip.get("median_ms"))
        turns = ", taking turns with the peer" if ia.get("alternately") else ""
        add(f"change indicator on /verkennen -> map, bar, trend redrawn (Chromium, median of {len(ia['samples_ms'])}"
            f"{turns})",
            _fmt(ia["median_ms"], " ms"), _fmt(ip.get("median_ms"), " ms (plain px app)"), _fmt(r, " x", 2),
            f"<= {TARGETS['interaction_ratio']:.1f} x", _met(r, TARGETS["interaction_ratio"]))
    elif ia:
        error("browser interaction", ia)
    ex = results.get("explorer", {})
    if "noop_ms" in ex:
        for level in ("arbeidsmarktregio", "gemeente"):
            row = ex.get(level)
            if not row:
                continue
            noop = row.get("noop_ms", ex["noop_ms"])        # the no-op asked alternately with this level's states
            add(f"explorer callback, state asked before ({level})", _fmt(row["asked_before_ms"], " ms"),
                _fmt(noop, " ms (no-op)", 2), _fmt(row["asked_before_ratio"], " x"),
                f"<= {TARGETS['asked_before_ratio']:.0f} x", _met(row["asked_before_ratio"], TARGETS["asked_before_ratio"]))
            target = TARGETS["first_visit_ratio"][level]
            add(f"explorer callback, first visit of a state ({level})", _fmt(row["first_visit_ms"], " ms"),
                _fmt(noop, " ms (no-op)", 2), _fmt(row["first_visit_ratio"], " x"), f"<= {target:.0f} x",
                _met(row["first_visit_ratio"], target))
    elif ex:
        error("explorer callback", ex)
    ld, ln = results.get("load", {}), results.get("load_noop", {})
    if "p95_ms" in ld:
        r = _ratio(ld["p95_ms"], ln.get("p95_ms"))
        add(f"{ld['clients']} clients x {ld['duration_s']:.0f} s, random explorer states, p95 "
            f"({ld['requests']} requests, {ld['throughput_rps']} req/s)", _fmt(ld["p95_ms"], " ms"),
            _fmt(ln.get("p95_ms"), " ms (no-op)"), _fmt(r, " x"), f"<= {TARGETS['load_p95_ratio']:.0f} x",
            _met(r, TARGETS["load_p95_ratio"]))
        add("  errors under that load", f"{ld['errors']} of {ld['requests']}",
            f"{ln.get('errors', '')} of {ln.get('requests', '')}" if ln else "", "", "0",
            _met(ld["errors"], TARGETS["load_errors"]))
    elif ld:
        error("load", ld)
    pl, pp = results.get("page_load", {}), results.get("page_load_peer", {})
    if "first_load" in pl:
        mb = pl["first_load"]["bytes"] / 1e6
        peer_mb = pp["first_load"]["bytes"] / 1e6 if "first_load" in pp else None
        add(f"first load of /verkennen, bytes over the wire ({pl['first_load']['requests']} requests)",
            _fmt(mb, " MB", 3), _fmt(peer_mb, " MB (plain px app)", 3), _fmt(_ratio(mb, peer_mb), " x", 2),
            f"<= {TARGETS['first_load_mb']:.1f} MB", _met(mb, TARGETS["first_load_mb"]))
        if "live" in pl:               # its charts load as pictures: the bytes once Plotly's charts take their place
            total = mb + pl["live"]["bytes"] / 1e6
            add(f"  then the charts made live (+{pl['live']['requests']} requests), first load included",
                _fmt(total, " MB", 3), _fmt(peer_mb, " MB (plain px app)", 3), _fmt(_ratio(total, peer_mb), " x", 2),
                f"<= {TARGETS['first_load_mb']:.1f} MB", _met(total, TARGETS["first_load_mb"]))
    elif pl:
        error("first page load", pl)
    st = results.get("settle", {})
    for path, page in st.get("pages", {}).items():
        if "error" in page:
            error(f"settle {path}", page)
            continue
        r, target = page["ratio"], TARGETS["settle_ratio"]
        add(f"settle {path} (warm)", _settled(page["warm_median_s"], page["cold_s"], page["timeouts"], st["cap_ms"]),
            _settled(page["peer_warm_median_s"], page["peer_cold_s"], page["peer_timeouts"], st["cap_ms"])
            + " (plain px app)",
            _fmt(r, " x", 2), f"≤ {target} × peer", _met(r, target))
    if "error" in st:
        error("settle", st)
    mem = results.get("memory", {})
    if mem.get("rss_mb_max") is not None:
        add(f"worker memory after warm-up, RSS (max of {len(mem['workers'])})", _fmt(mem["rss_mb_max"], " MB", 0),
            "", "", f"<= {TARGETS['worker_rss_mb']:.0f} MB", _met(mem["rss_mb_max"], TARGETS["worker_rss_mb"]))
        add("worker memory after warm-up, private (USS)", _fmt(mem["uss_mb_max"], " MB", 0), "", "",
            f"<= {TARGETS['worker_uss_mb']:.0f} MB", _met(mem["uss_mb_max"], TARGETS["worker_uss_mb"]))
    steady = results.get("steady_memory", {})
    if steady.get("rss_mb_plateau") is not None:
        add(f"worker memory, steady state: {steady['clients']} clients × {steady['duration_s']:.0f} s asking "
            f"{steady['states']:,} random explorer states ({steady['requests']:,} answers), RSS plateau (max of 2; "
            f"{steady['rss_mb_growth_second_half']:+.0f} MB over the second half)",
            _fmt(steady["rss_mb_plateau"], " MB", 0), f"{steady['rss_mb_start']:.0f} MB at the start", "",
            f"<= {TARGETS['worker_rss_mb']:.0f} MB", _met(steady["rss_mb_plateau"], TARGETS["worker_rss_mb"]))
    if "error" in steady:
        error("steady_memory", steady)
    cb = results.get("callbacks", {})
    if "noop" in cb:
        noop = cb["noop"]["median_ms"]
        main = [r for r in cb["callbacks"]
                if any(h in r.get("key", r["callback"]) or h in r["callback"] for h in MAIN_CALLBACK_HINTS)]
        for r in (main or cb["callbacks"][:3])[:6]:
            add(f"callback `{r['callback'][:60]}`, first-load request asked again", _fmt(r["median_ms"], " ms"),
                _fmt(noop, " ms (no-op)", 2), _fmt(r["ratio"], " x"), f"<= {TARGETS['callback_ratio']:.0f} x",
                _met(r["ratio"], TARGETS["callback_ratio"]))
            if r.get("first_ms") is not None:
                add(f"callback `{r['callback'][:60]}`, first-load request the first time", _fmt(r["first_ms"], " ms"),
                    _fmt(noop, " ms (no-op)", 2), _fmt(r["first_ms"] / noop if noop else None, " x"), "", "")
        pw = results.get("priority_weightings", {})
        if "median_ms" in pw:
            add(f"`/prioriteit` controls callback, a weighting never asked before (median of {len(pw['times_ms'])})",
                _fmt(pw["median_ms"], " ms"), _fmt(noop, " ms (no-op)", 2),
                _fmt(pw["median_ms"] / noop if noop else None, " x"), "", "")
        elif pw:
            error("/prioriteit, a weighting never asked before", pw)
    elif cb:
        error("callbacks", cb)
    sel = results.get("selection", {})
    if "br_bytes" in sel:
        kb = sel["br_bytes"] / 1024
        add(f"map selection change, {len(sel['callbacks'])} callback(s), brotli / raw",
            f"{kb:.1f} KB / {sel['raw_bytes'] / 1024:.1f} KB", "", "", f"< {TARGETS['selection_kb']:.0f} KB",
            _met(kb, TARGETS["selection_kb"]))
    _mechanism_rows(results.get("mechanisms", {}), add, error)
    _heavy_gate_rows(results.get("heavy_gate", {}), add, error)
    cs = results.get("cold_start", {})
    if "seconds_to_healthz_200" in cs:
        add(f"gunicorn cold start to /healthz 200 ({cs['workers']} workers)", f"{cs['seconds_to_healthz_200']} s",
            "", "", "", "")
    etl = results.get("etl_build", {})
    if "seconds" in etl:
        add("`python -m etl build`", f"{etl['seconds']} s" + (" (FAILED)" if etl["returncode"] else ""), "", "", "", "")
    ni = results.get("need_index", {})
    if ni and "skipped" not in ni and "error" not in ni:
        shown = {k: v for k, v in ni.items() if isinstance(v, (int, float)) and k != "section_seconds"}
        add("need index", ", ".join(f"{k} {v:.4g}" for k, v in shown.items())[:100], "", "", "", "")
    return out


MECHANISMS = (  # (result path, what is asked, what the mechanism is)
    (("answer_cache", "explorer_state"), "an explorer state asked again", "answers kept as bytes"),
    (("answer_cache", "overview_page"), "the overview (page router, `/`) asked again", "answers kept as bytes"),
    (("store_memo",), "an explorer state never asked before", "StoreView memo"),
    (("plain_figures",), "an explorer state's three figures encoded, plain data / go.Figure", "figures as plain data"),
    (("json_data",), "an explorer state never asked before", "answers as JSON data before Dash encodes them"),
    (("guard",), "an explorer state asked again, checked / not (its cost)", "callback request guard"),
    (("left_as_shown",), "another indicator of a gemeente state, server time",
     "explorer answer leaving out what the page shows"),
    (("asset_cache", "br"), "the 11 scripts of a first load, brotli", "compressed-file cache"),
    (("asset_cache", "gzip"), "the same scripts, gzip only", "compressed-file cache"),
)


def _mechanism_rows(section: dict[str, Any], add: Callable[..., None], error: Callable[..., None]) -> None:
    """What each hand-built mechanism buys: with it, and without it (the peer column), in turns."""
    if "error" in section:
        error("mechanisms", section)
        return
    for path, asked, mechanism in MECHANISMS:
        row: Any = section
        for key in path:
            row = row.get(key, {}) if isinstance(row, dict) else {}
        if row.get("with_ms") is None:
            continue
        add(f"{mechanism}: {asked}, with / without it (median of {row['samples']}, in turns)",
            _fmt(row["with_ms"], " ms", 2), _fmt(row["without_ms"], " ms without", 2),
            _fmt(row["ratio"], " x faster") if row["with_ms"] <= row["without_ms"]
            else f"costs {row['with_ms'] - row['without_ms']:.2f} ms", "", "")
    shown = section.get("left_as_shown", {})
    if shown.get("with_bytes"):
        add("explorer answer leaving out what the page shows: the same answers' bytes over the wire (brotli, median)",
            f"{shown['with_bytes'] / 1024:.1f} KB", f"{shown['without_bytes'] / 1024:.1f} KB without",
            _fmt(shown["without_bytes"] / shown["with_bytes"], " x smaller"), "", "")


def _heavy_gate_rows(section: dict[str, Any], add: Callable[..., None], error: Callable[..., None]) -> None:
    """The heavy-work gate: a cheap request's p95 and the largest worker's peak memory under a flood of uncached
    need indexes, with the gate and without it (in turns)."""
    if "error" in section:
        error("heavy_gate", section)
        return
    gated, open_ = section.get("with"), section.get("without")
    if not gated or not open_:
        return
    flood = f"{section['clients']} clients flooding uncached {section['draws']:,}-draw gemeente need indexes"
    add(f"heavy-work gate: /api/v1/regions p95 while {flood}, with / without it ({section['rounds']} x "
        f"{section['seconds']:.0f} s each, in turns)", _fmt(gated["probe_p95_ms"], " ms"),
        _fmt(open_["probe_p95_ms"], " ms without"), _fmt(open_["probe_p95_ms"] / gated["probe_p95_ms"], " x faster")
        if gated["probe_p95_ms"] else "", "", "")
    add("heavy-work gate: the largest worker's peak RSS in that flood, with / without it",
        _fmt(gated["peak_rss_mb"], " MB", 0), _fmt(open_["peak_rss_mb"], " MB without", 0),
        _fmt(open_["peak_rss_mb"] / gated["peak_rss_mb"], " x less") if gated["peak_rss_mb"] else "", "", "")


def table(results: dict[str, Any]) -> str:
    header = ("measure", "value", "peer", "ratio", "target", "met")
    body = [header, *rows(results)]
    widths = [max(len(str(r[i])) for r in body) for i in range(len(header))]
    lines = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |" for r in body]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    meta = results.get("meta", {})
    when = meta.get("when", "")
    head = (f"Measured {when[:10]} ({when}), {meta.get('cpus')} CPUs, load average "
            f"{meta.get('load_average')} before / {meta.get('load_average_after')} after"
            + (" -- QUICK RUN: numbers mean nothing" if meta.get("quick") else ""))
    return head + "\n\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny runs, for tests (numbers mean nothing)")
    parser.add_argument("--store", type=Path, default=Path(os.environ.get("STORE_DIR") or DEFAULT_STORE))
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per callback")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for load/cold start")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load")
    parser.add_argument("--states", type=int, default=12, help="explorer states per level (first visit, asked again)")
    parser.add_argument("--repeats", type=int, default=15, help="indicator changes timed in the browser")
    parser.add_argument("--settle-repeats", type=int, default=5, help="warm loads timed per page for `settle`")
    parser.add_argument("--steady-seconds", type=float, default=240.0,
                        help="seconds of 8 clients asking distinct explorer states for the steady-state memory row")
    parser.add_argument("--skip", nargs="*", choices=["callbacks", "mechanisms", "browser", "settle", "load",
                                                      "steady", "heavy_gate", "etl", "need_index"])
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
