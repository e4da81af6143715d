"""What a browser fetches: first load of a page, and a map selection, in Playwright + Chromium."""

from __future__ import annotations

import os
import time
from typing import Any

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

CLICK_JS = """
(mapId) => {
  const gd = document.querySelector('#' + mapId + ' .js-plotly-plot') || document.getElementById(mapId);
  if (!gd || !gd.data || !gd.data.length) return null;
  const t = gd.data[0];
  const locs = t.locations || [];
  if (!locs.length) return null;
  const i = Math.min(Math.floor(locs.length / 2), locs.length - 1);
  const p = {curveNumber: 0, pointNumber: i, pointIndex: i, location: locs[i]};
  if (t.z) p.z = t.z[i];
  if (t.customdata) p.customdata = t.customdata[i];
  if (t.text) p.text = Array.isArray(t.text) ? t.text[i] : t.text;
  p.data = t; p.fullData = gd._fullData ? gd._fullData[0] : t;
  gd.emit('plotly_click', {points: [p], event: {}});
  return locs[i];
}
"""


class _Recorder:
    def __init__(self) -> None:
        self.requests: list[Any] = []

    def on_finished(self, request) -> None:
        self.requests.append(request)

    def summary(self) -> dict[str, Any]:
        total_body = total_headers = 0
        by_type: dict[str, int] = {}
        biggest = []
        for req in self.requests:
            try:
                sizes = req.sizes()
            except Exception:                   # noqa: BLE001 - a request that vanished
                continue
            body = max(sizes.get("responseBodySize", 0), 0)
            head = max(sizes.get("responseHeadersSize", 0), 0)
            total_body += body
            total_headers += head
            by_type[req.resource_type] = by_type.get(req.resource_type, 0) + body + head
            biggest.append((body, req.url.split("?")[0][-80:]))
        biggest.sort(reverse=True)
        return {"requests": len(self.requests), "bytes": total_body + total_headers,
                "body_bytes": total_body, "by_type": by_type,
                "largest": [{"url": u, "bytes": b} for b, u in biggest[:6]]}


def _launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)


def measure(base_url: str, path: str = "/verkennen", map_id: str = "explorer-map",
            settle_ms: int = 1500, timeout_ms: int = 60000) -> dict[str, Any]:
    """Bytes on the wire for a cold first load of ``path``, for reaching for its charts (where the page loads
    with pictures of them, the pointer over the map puts Plotly's charts in their place), and for one map click."""
    from playwright.sync_api import sync_playwright

    result: dict[str, Any] = {"url": base_url.rstrip("/") + path}
    with sync_playwright() as p:
        browser = _launch(p)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            load = _Recorder()
            page.on("requestfinished", load.on_finished)
            start = time.perf_counter()
            page.goto(result["url"], wait_until="networkidle", timeout=timeout_ms)
            try:
                page.wait_for_selector(f"#{map_id} .js-plotly-plot, #{map_id}.js-plotly-plot, #{map_id}-picture",
                                       timeout=timeout_ms / 2)
            except Exception:                   # noqa: BLE001 - no map: report the load anyway
                result["map_error"] = f"#{map_id} did not render"
            page.wait_for_load_state("networkidle", timeout=timeout_ms)
            page.wait_for_timeout(settle_ms)
            result["load_seconds"] = round(time.perf_counter() - start, 2)
            result["first_load"] = load.summary()
            page.remove_listener("requestfinished", load.on_finished)
            box = page.locator(f"#{map_id}-box[data-live-store]")
            if box.count():
                live = _Recorder()
                page.on("requestfinished", live.on_finished)
                box.hover()
                page.wait_for_selector(f"#{map_id} .js-plotly-plot", timeout=timeout_ms / 2)
                page.wait_for_load_state("networkidle", timeout=timeout_ms)
                page.wait_for_timeout(settle_ms)
                page.remove_listener("requestfinished", live.on_finished)
                result["live"] = live.summary()

            ready = ("(mapId) => { const g = document.querySelector('#' + mapId + ' .js-plotly-plot');"
                     " return !!(g && g.data && g.data.length && g._ev); }")
            result["selection"] = {"error": "no map trace to click"}
            for _attempt in range(3):          # the page may re-render the map once after loading
                try:
                    page.wait_for_function(ready, arg=map_id, timeout=timeout_ms / 3)
                except Exception:               # noqa: BLE001
                    break
                click = _Recorder()
                page.on("requestfinished", click.on_finished)
                region = page.evaluate(CLICK_JS, map_id)
                page.wait_for_timeout(500)
                page.wait_for_load_state("networkidle", timeout=timeout_ms)
                page.wait_for_timeout(settle_ms)
                page.remove_listener("requestfinished", click.on_finished)
                if region is not None and click.requests:
                    result["selection"] = dict(click.summary(), region=region)
                    break
            result["console_errors"] = errors[:10]
            context.close()
        finally:
            browser.close()
    return result
