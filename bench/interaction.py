"""How long a user waits in Chromium: pick another indicator, until every chart is redrawn.

"Redrawn" means: each chart's Plotly graph div fired ``plotly_afterplot`` (the end of ``Plotly.react``: data,
layout and the map's regions refilled) after the change, and the browser then painted a frame.
The change goes through ``dash_clientside.set_props`` on the dropdown, the way a user's pick reaches Dash, so
the explorer and its peer (:mod:`bench.peer_app`) are driven identically.

:func:`measure_alternately` measures several apps in one browser, one tab each (in a context of its own), taking
turns change by change (the first of each round alternates), so a machine that speeds up or slows down during a run
moves every app's figures alike and their ratio stays meaningful.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Target:
    """An app to measure: where its page is, the dropdown that changes it and the charts it redraws."""

    name: str
    url: str
    dropdown: str
    charts: Sequence[str]


def measure(base_url: str, path: str, dropdown: str, charts: list[str], values: list[str], repeats: int = 15,
            warmup: int = 2, timeout_ms: int = 30000) -> dict[str, Any]:
    """Median ms from the change to the last chart's ``plotly_afterplot`` over ``repeats`` changes (cycling
    through ``values``, each a real change), after ``warmup`` changes that are not counted."""
    target = Target("app", base_url.rstrip("/") + path, dropdown, charts)
    return measure_alternately([target], values, repeats, warmup, timeout_ms)["app"]


def measure_alternately(targets: Sequence[Target], values: list[str], repeats: int = 15, warmup: int = 2,
                        timeout_ms: int = 30000) -> dict[str, dict[str, Any]]:
    """:func:`measure` for each target, in turns: round n changes every target's dropdown to the same value, one
    after the other, the first target of a round alternating.  Each result also holds ``paired_ms``: its sample
    of every round counted for all targets, in order (for ratios per round)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = _launch(p)
        try:
            runs = {t.name: _Run(t, browser, timeout_ms) for t in targets}
            order = values[1:] + values[:1]              # the pages show values[0] first
            for n in range(warmup + repeats):
                value = order[n % len(order)]
                turn = list(runs.values()) if n % 2 == 0 else list(runs.values())[::-1]
                for run in turn:
                    run.change(value, round_no=n - warmup if n >= warmup else None)
            complete = [n for n in range(repeats) if all(n in r.by_round for r in runs.values())]
            return {name: run.result(complete) for name, run in runs.items()}
        finally:
            browser.close()


class _Run:
    """One target's tab and what was measured in it."""

    def __init__(self, target: Target, browser: Any, timeout_ms: int) -> None:
        self.target, self.timeout_ms = target, timeout_ms
        self.errors: list[str] = []
        self.samples: list[float] = []
        self.painted: list[float] = []
        self.failures: list[str] = []
        self.by_round: dict[int, float] = {}
        context = browser.new_context(viewport={"width": 1280, "height": 1000})   # a renderer of its own
        self.page = context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(target.url, wait_until="networkidle", timeout=timeout_ms * 2)
        for box in self.page.locator("[data-live-store]").all()[:1]:    # charts loaded as pictures: reach for one
            box.hover()
        self.page.wait_for_function(READY_JS, arg=list(target.charts), timeout=timeout_ms)
        self.page.wait_for_timeout(500)
        self._changes = 0

    def change(self, value: str, round_no: int | None) -> None:
        page = self.page
        page.bring_to_front()
        started = time.perf_counter()
        out = page.evaluate(CHANGE_JS, {"dropdown": self.target.dropdown, "value": value,
                                        "ids": list(self.target.charts), "timeout": self.timeout_ms})
        if "error" in out:
            self.failures.append(f"{value}: {out['error']}")
            page.wait_for_timeout(1000)
        elif round_no is not None:
            self.by_round[round_no] = out["ms"]
            self.samples.append(out["ms"])
            self.painted.append(out["painted_ms"])
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(max(0, 300 - int((time.perf_counter() - started) * 1000)))

    def result(self, complete: list[int]) -> dict[str, Any]:
        samples = self.samples
        return {
            "url": self.target.url, "charts": list(self.target.charts), "repeats": len(samples),
            "median_ms": round(statistics.median(samples), 1) if samples else None,
            "min_ms": round(min(samples), 1) if samples else None,
            "max_ms": round(max(samples), 1) if samples else None,
            "painted_median_ms": round(statistics.median(self.painted), 1) if self.painted else None,
            "samples_ms": [round(s, 1) for s in samples], "paired_ms": [round(self.by_round[n], 1) for n in complete],
            "failures": self.failures, "console_errors": self.errors[:10]}
