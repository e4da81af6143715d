"""What the heavy-work gate (:mod:`dashboard.api.heavy`) buys: a flood of uncached need indexes, with it and without.

Two gunicorn servers as in production (2 workers x 4 threads, the bench's store): one serves the app as it is, one
with the API's gate open (``bench.served:ungated_server``: every heavy request computed at once).  In turns, each
for ``seconds``: ``clients`` clients ask ``/api/v1/need-index.csv`` at gemeente level with ``draws`` draws (5,000 by
default) and a new seed each time (the most expensive request there is, never cached), while a probe asks the cheap
``/api/v1/regions`` every 0.1 s on a new connection.  Per server: the probe's median and p95, the heavy answers by
status, and the largest worker's peak RSS.  With the gate, the heavy requests beyond its slots get 503 with
``Retry-After`` and the cheap ones keep their threads and cores.
"""

from __future__ import annotations

import http.client
import random
import statistics
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.server import Gunicorn, http_get

HEAVY_PATH = "/api/v1/need-index.csv?level=gemeente&draws={draws}&seed={seed}"
PROBE_PATH = "/api/v1/regions"
PROBE_TIMEOUT = 30.0


def _get(port: int, path: str, timeout: float) -> tuple[float, int]:
    """Seconds and status of one GET on a new connection (status 0: no answer)."""
    started = time.perf_counter()
    try:
        status = http_get(port, path, timeout=timeout)[0]
    except (OSError, http.client.HTTPException):        # refused, reset, or an answer cut off
        status = 0
    return time.perf_counter() - started, status


def _flood(server: Gunicorn, clients: int, seconds: float, draws: int) -> dict[str, Any]:
    stop = threading.Event()
    statuses: Counter[str] = Counter()
    lock = threading.Lock()
    peak = [0.0]

    def heavy() -> None:
        while not stop.is_set():
            _, status = _get(server.port, HEAVY_PATH.format(draws=draws, seed=random.randrange(2**32)), 120)
            with lock:
                statuses[str(status)] += 1

    def memory() -> None:
        while not stop.is_set():
            peak[0] = max([peak[0], *server.worker_rss_mb()])
            time.sleep(0.2)
    threads = [threading.Thread(target=heavy, daemon=True) for _ in range(clients)]
    threads.append(threading.Thread(target=memory, daemon=True))
    for thread in threads:
        thread.start()
    probes: list[float] = []
    failed = 0
    try:
        time.sleep(1.0)                               # the flood under way
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            elapsed, status = _get(server.port, PROBE_PATH, PROBE_TIMEOUT)
            probes.append(elapsed)
            failed += status != 200
            time.sleep(max(0.0, 0.1 - elapsed))
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=150)
    probes.sort()
    return {"probe_median_ms": round(statistics.median(probes) * 1000, 1),
            "probe_p95_ms": round(probes[int(0.95 * (len(probes) - 1))] * 1000, 1), "probes": len(probes),
            "probe_failures": failed, "heavy_statuses": dict(sorted(statuses.items())),
            "peak_rss_mb": round(peak[0], 1)}


def measure(store: Path, clients: int = 6, seconds: float = 10.0, rounds: int = 2, draws: int = 5000) -> dict[str, Any]:
    servers = {"with": Gunicorn(store_dir=store, workers=2, threads=4, app="bench.served:server"),
               "without": Gunicorn(store_dir=store, workers=2, threads=4, app="bench.served:ungated_server")}
    runs: dict[str, list[dict[str, Any]]] = {"with": [], "without": []}
    try:
        for server in servers.values():
            server.start()
        for server in servers.values():
            server.wait_ready(timeout=120)
        for i in range(rounds):                          # in turns, which goes first alternating
            for name in (("with", "without") if i % 2 == 0 else ("without", "with")):
                runs[name].append(_flood(servers[name], clients, seconds, draws))
                time.sleep(2.0)                          # the other server's last heavy answers finish
    finally:
        for server in servers.values():
            server.stop()

    def summary(name: str) -> dict[str, Any]:
        rows = runs[name]
        statuses = sum((Counter(row["heavy_statuses"]) for row in rows), Counter())
        return {"probe_p95_ms": max(r["probe_p95_ms"] for r in rows),
                "probe_median_ms": statistics.median(r["probe_median_ms"] for r in rows),
                "probe_failures": sum(r["probe_failures"] for r in rows), "heavy_statuses": dict(sorted(statuses.items())),
                "peak_rss_mb": max(r["peak_rss_mb"] for r in rows), "runs": rows}
    return {"clients": clients, "seconds": seconds, "rounds": rounds, "draws": draws,
            "with": summary("with"), "without": summary("without")}
