"""Server time of the app's callbacks against a do-nothing callback, and the bytes a map
selection costs on the explorer's live map -- all in-process through Flask's test client."""

from __future__ import annotations

import gzip
import json
import statistics
import time
from typing import Any

import brotli
from dash import Input, Output

from bench.explorer import live_key
from dashboard import testing as payloads

NOOP_OUTPUT = "bench-noop-out.children"
MAP_ID, REGIONS_ID, PARTS_KEY_ID, LIVE = "explorer-map", "explorer-regions", "explorer-parts-key", "explorer-live.data"
ROUTER_INPUT = "_pages_location.pathname"
OPENED_SUFFIX = "-open.data"         # the store a <details data-open-store> tells whether it is open (assets/shell.js)
OPENED_LABEL = "(opened)"


def make_app(store_dir: str | None):
    """The real app plus a no-op callback registered only here (before the first request), set up as a production
    worker sets it up before it serves (:func:`dashboard.app.finish_setup`)."""
    from dashboard.app import create_app, finish_setup
    app = create_app(store_dir)
    if NOOP_OUTPUT not in app.callback_map:
        @app.callback(Output("bench-noop-out", "children"), Input("bench-noop-in", "value"))
        def _bench_noop(value):
            return value
    finish_setup(app.server)
    client = app.server.test_client()
    client.get("/")                             # Dash moves dash.callback registrations in here
    return app, client


def _post(client, body: dict, encoding: str | None = None):
    headers = {"Accept-Encoding": encoding} if encoding else {}
    return client.post(payloads.CALLBACK_URL, json=body, headers=headers)


def time_body(client, body: dict, runs: int) -> dict[str, Any]:
    """Median/min wall time (ms) of ``runs`` POSTs after a first one (timed on its own: ``first_ms``)."""
    started = time.perf_counter()
    first = _post(client, body)
    first_ms = (time.perf_counter() - started) * 1000
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = _post(client, body)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)   # hardly moves when the machine is shared
    return {"status": first.status_code, "first_ms": first_ms, "median_ms": statistics.median(times), "min_ms": min(times),
            "cpu_median_ms": statistics.median(cpu), "bytes": len(response.get_data())}


PRIORITY_OUTPUT_HINT = "priority-map-box.children"     # the controls callback (ranking, map, tables, ...)


def priority_new_weightings(app, client, count: int = 6) -> dict[str, Any]:
    """The /prioriteit controls callback for weightings never asked before in this process (one weight moved to
    each of ``count`` new values in turn): a need index with its 1,000-draw intervals, the sensitivity variants
    and the page's parts are computed for each.  Median and each time (ms)."""
    case = next(c for c in payloads.callback_cases(app) if PRIORITY_OUTPUT_HINT in c.key)
    times = []
    for n in range(count):
        body = json.loads(json.dumps(dict(case.body, changedPropIds=case.input_ids[:1])))
        sliders = body["inputs"][0]
        sliders[n % len(sliders)]["value"] = 2.5 + 0.5 * (n // len(sliders))     # the sliders step by 0.5
        started = time.perf_counter()
        response = _post(client, body)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"priority callback answered {response.status_code}")
    return {"median_ms": statistics.median(times), "times_ms": [round(t, 1) for t in times]}


def noop_body() -> dict:
    return {"output": NOOP_OUTPUT, "outputs": {"id": "bench-noop-out", "property": "children"},
            "inputs": [{"id": "bench-noop-in", "property": "value", "value": "x"}],
            "changedPropIds": ["bench-noop-in.value"], "state": []}


def _label(case: payloads.CallbackCase) -> str:
    key = case.key
    return key if len(key) < 70 else key[:67] + "..."


def measure(app, client, runs: int = 15, pages: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Server time of each callback's first-load request, the first time and asked again (median), and the ratios to
    the no-op."""
    noop = time_body(client, noop_body(), runs * 2)
    every = [c for c in payloads.callback_cases(app) if c.key != NOOP_OUTPUT and not c.wildcard]
    cases = [c for c in every if pages is None or c.page_path in pages]
    jobs = [(case.key, case.page_path, dict(case.body, changedPropIds=case.input_ids[:1]), None) for case in cases]
    for case in cases:            # a table built when a reader opens it: first load = closed (nothing built), so also
        for ref in case.input_ids:                    # the request its opening sends
            if ref.endswith(OPENED_SUFFIX):
                jobs.append((f"{case.key} {OPENED_LABEL}", case.page_path,
                             payloads.with_values(case, {ref: True}, changed=[ref]),
                             f"{case.key.split('@')[0]} {OPENED_LABEL}"))
    for case in payloads.find(every, input_=ROUTER_INPUT):   # Dash's page router, rendering /verkennen
        body = payloads.with_values(case, {ROUTER_INPUT: "/verkennen"}, changed=[ROUTER_INPUT])
        jobs.append((f"page router -> /verkennen ({case.key})", "/verkennen", body, None))
    rows = []
    for key, page, body, label in jobs:
        result = time_body(client, body, runs)
        label = label or key
        result.update(callback=label if len(label) < 70 else label[:67] + "...", key=key, page=page,
                      ratio=result["median_ms"] / noop["median_ms"] if noop["median_ms"] else None,
                      cpu_ratio=result["cpu_median_ms"] / noop["cpu_median_ms"] if noop["cpu_median_ms"] else None)
        rows.append(result)
    rows.sort(key=lambda r: -r["median_ms"])
    return {"noop": noop, "callbacks": rows}


def live_values(app) -> dict[str, Any]:
    """The explorer's values once a reader reached for its charts: the live store set, and the key of a page whose
    charts are Plotly's (the answers that follow then patch them, as in the browser)."""
    props = payloads.page_layouts(app).get("/verkennen", {})
    key = props.get(PARTS_KEY_ID, {}).get("data")
    return {LIVE: True, f"{PARTS_KEY_ID}.data": live_key(key)}


def _region_to_click(app) -> str | None:
    """A region of the explorer's first view (a third into its region list), as a click on the map reports it."""
    options = payloads.page_layouts(app).get("/verkennen", {}).get(REGIONS_ID, {}).get("options") or []
    return str(options[len(options) // 3]["value"]) if options else None


def selection_bytes(app, client) -> dict[str, Any]:
    """Bytes of the answers a click on a region of the explorer's live map brings: the explorer's answer to the
    click, then those of the callbacks its outputs drive in turn (the URL drives the table)."""
    code = _region_to_click(app)
    if code is None:
        return {"error": f"no '{REGIONS_ID}' options in the /verkennen layout"}
    cases = payloads.callback_cases(app)
    rows: list[dict[str, Any]] = []
    ref = f"{MAP_ID}.clickData"
    click = {"points": [{"curveNumber": 0, "location": code}]}
    for case in payloads.find(cases, input_=ref, page="/verkennen"):
        raw = _measure(client, case, {**live_values(app), ref: click}, ref, rows)
        answer = json.loads(raw.get_data()).get("response", {}) if raw.status_code == 200 else {}
        for cid, props in answer.items():
            for name, value in props.items():
                chained = f"{cid}.{name}"
                for other in payloads.find(cases, input_=chained, page=case.page_path):
                    if other.key != case.key:
                        _measure(client, other, {chained: value}, chained, rows)
    total = {k: sum(r[k] for r in rows) for k in ("raw_bytes", "br_bytes", "gzip_bytes")}
    return {"point": code, "callbacks": rows, **total}


def _measure(client, case, values: dict[str, Any], ref: str, rows: list[dict[str, Any]]):
    """POST ``case`` with ``values`` changed (raw, brotli, gzip), add its row to ``rows``, return the raw response."""
    body = payloads.with_values(case, values, changed=[ref])
    raw = _post(client, body)
    br = _post(client, body, "br")
    gz = _post(client, body, "gzip")
    rows.append({"callback": _label(case), "input": ref, "status": raw.status_code,
                 "raw_bytes": len(raw.get_data()), "br_bytes": len(br.get_data()), "gzip_bytes": len(gz.get_data())})
    return raw


def wire_sizes(data: bytes) -> dict[str, int]:
    return {"raw": len(data), "gzip": len(gzip.compress(data, 6)), "br": len(brotli.compress(data, quality=5))}


def dumps(obj: Any) -> str:
    return json.dumps(obj, default=str)
