"""Concurrent clients against a local server: throughput, latency percentiles, errors.

Sends traffic to 127.0.0.1 only, with a bounded duration and stops by itself.
"""

from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
from typing import Any

MAX_DURATION = 300.0


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(q * (len(ordered) - 1)))))
    return ordered[index]


def run(port: int, requests: list[tuple[str, str, bytes | None]], clients: int = 20,
        duration: float = 20.0, sampler=None) -> dict[str, Any]:
    """``clients`` threads, each cycling through ``requests`` ((method, path, body)) for
    ``duration`` seconds over a keep-alive connection to 127.0.0.1:``port``."""
    duration = min(duration, MAX_DURATION)
    if not requests:
        raise ValueError("no requests to send")
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[list[str]] = [[] for _ in range(clients)]
    stop_at = time.monotonic() + duration
    headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip, br"}

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = n
        while time.monotonic() < stop_at:
            method, path, body = requests[i % len(requests)]
            i += 1
            start = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status not in (200, 204, 304):
                    errors[n].append(f"{response.status} {path}")
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            except (OSError, http.client.HTTPException) as exc:
                errors[n].append(f"{type(exc).__name__} {path}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            latencies[n].append((time.perf_counter() - start) * 1000)
        conn.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    samples = []
    while any(t.is_alive() for t in threads):
        if sampler is not None:
            samples.append(sampler())
        time.sleep(0.25)
        if time.perf_counter() - started > duration + 60:
            break
    for thread in threads:
        thread.join(timeout=35)
    elapsed = time.perf_counter() - started
    flat = [x for per in latencies for x in per]
    errs = [x for per in errors for x in per]
    return {
        "clients": clients, "duration_s": round(elapsed, 2), "requests": len(flat),
        "throughput_rps": round(len(flat) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(_percentile(flat, 0.50), 1), "p95_ms": round(_percentile(flat, 0.95), 1),
        "p99_ms": round(_percentile(flat, 0.99), 1),
        "mean_ms": round(statistics.fmean(flat), 1) if flat else None,
        "errors": len(errs), "error_examples": sorted(set(errs))[:5], "samples": samples,
    }


def callback_requests(bodies: list[dict]) -> list[tuple[str, str, bytes]]:
    return [("POST", "/_dash-update-component", json.dumps(b).encode()) for b in bodies]
