"""How long a user waits in Chromium: pick another indicator, until every chart is redrawn.

"Redrawn" means: each chart's Plotly graph div fired ``plotly_afterplot`` (the end of ``Plotly.react``: data,
layout and the map's regions refilled) after the change, and the browser then painted a frame.
The change goes through ``dash_clientside.set_props`` on the dropdown, the way a user's pick reaches Dash, so
the explorer and its peer (:mod:`bench.peer_app`) are driven identically.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from bench.page_load import _launch

CHANGE_JS = """
async ({dropdown, value, ids, timeout}) => {
  const gds = ids.map((id) => document.querySelector('#' + id + ' .js-plotly-plot'));
  if (gds.some((gd) => !gd || !gd._ev)) return {error: 'charts not drawn yet'};
  const drawn = gds.map((gd) => new Promise((resolve) => {
    const done = () => { gd.removeListener('plotly_afterplot', done); resolve(performance.now()); };
    gd.on('plotly_afterplot', done);
  }));
  const t0 = performance.now();
  window.dash_clientside.set_props(dropdown, {value: value});
  const timer = new Promise((resolve) => setTimeout(() => resolve(null), timeout));
  const times = await Promise.race([Promise.all(drawn), timer]);
  if (!times) return {error: 'timeout'};
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return {ms: Math.max(...times) - t0, painted_ms: performance.now() - t0};
}
"""
READY_JS = """(ids) => ids.every((id) => { const gd = document.querySelector('#' + id + ' .js-plotly-plot');
                                           return gd && gd._ev && gd._fullData; })"""


def measure(base_url: str, path: str, dropdown: str, charts: list[str], values: list[str], repeats: int = 15,
            warmup: int = 2, timeout_ms: int = 30000) -> dict[str, Any]:
    """Median ms from the change to the last chart's ``plotly_afterplot`` over ``repeats`` changes (cycling
    through ``values``, each a real change), after ``warmup`` changes that are not counted."""
    from playwright.sync_api import sync_playwright

    result: dict[str, Any] = {"url": base_url.rstrip("/") + path, "charts": charts, "repeats": repeats}
    with sync_playwright() as p:
        browser = _launch(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(result["url"], wait_until="networkidle", timeout=timeout_ms * 2)
            page.wait_for_function(READY_JS, arg=charts, timeout=timeout_ms)
            page.wait_for_timeout(500)
            samples, painted, failures = [], [], []
            order = values[1:] + values[:1]              # the page shows values[0] first
            for n in range(warmup + repeats):
                value = order[n % len(order)]
                started = time.perf_counter()
                out = page.evaluate(CHANGE_JS, {"dropdown": dropdown, "value": value, "ids": charts,
                                                "timeout": timeout_ms})
                if "error" in out:
                    failures.append(f"{value}: {out['error']}")
                    page.wait_for_timeout(1000)
                    continue
                if n >= warmup:
                    samples.append(out["ms"])
                    painted.append(out["painted_ms"])
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(max(0, 300 - int((time.perf_counter() - started) * 1000)))
            result.update(
                median_ms=round(statistics.median(samples), 1) if samples else None,
                min_ms=round(min(samples), 1) if samples else None,
                max_ms=round(max(samples), 1) if samples else None,
                painted_median_ms=round(statistics.median(painted), 1) if painted else None,
                samples_ms=[round(s, 1) for s in samples], failures=failures, console_errors=errors[:10])
        finally:
            browser.close()
    return result
