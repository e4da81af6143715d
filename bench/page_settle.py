"""How long each page takes to settle in Chromium, side by side with the plain peer app (:mod:`bench.peer_app`).

"Settled": no Dash callback in flight and no DOM mutation for :data:`QUIET_MS`.  The settle time is the later of
the last mutation and the end of the last ``/_dash-update-component`` response, in ms of the page's own clock
(``performance.now()``, zero at navigation start), so neither the quiet window nor polling is counted.  A page
that never settles is cut off at :data:`CAP_MS` and counted as timed out (no sample).

Cold: the first load in a new browser context (empty cache).  Warm: loads repeated in that context, median of N.
Each of our pages is measured taking turns with the peer's ``/`` (ours, peer, then peer, ours, ...), each in a
context of its own, so a machine that speeds up or slows down during the run moves both alike.
"""

from __future__ import annotations

import statistics
from typing import Any

from bench.page_load import _launch

PATHS = ("/", "/?regio=AM15", "/data", "/verkennen", "/verkennen?niveau=gemeente", "/verkennen?niveau=rmc",
         "/regio/AM15", "/regio/GM0363", "/regio/MC21", "/prioriteit", "/prioriteit?niveau=rmc",
         "/prioriteit?niveau=gemeente", "/methode")
QUICK_PATHS = 2                         # --quick: the first pages only (the smoke test runs within a time limit)
QUIET_MS = 300
CAP_MS = 30000
CALLBACK = "/_dash-update-component"

# Runs before any page script: the last mutation of the document, the end of the last callback response.
WATCH_JS = """
(() => {
  if (window.__settle) return;
  const s = window.__settle = {mutation: 0, callback: 0};
  new MutationObserver(() => { s.mutation = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name.includes('""" + CALLBACK + """')) s.callback = Math.max(s.callback, e.responseEnd);
  }).observe({type: 'resource', buffered: true});
})();
"""
STATE_JS = ("() => ({now: performance.now(), last: Math.max(window.__settle.mutation, window.__settle.callback),"
            " complete: document.readyState === 'complete'})")


class _Tab:
    """One app's page in a browser context of its own, and its callbacks in flight (seen from Playwright: a
    request is in flight from its start until it finished or failed)."""

    def __init__(self, browser: Any, url: str) -> None:
        self.url = url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(WATCH_JS)
        self.page = self.context.new_page()
        self.in_flight: set[Any] = set()
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.in_flight.add(r) if CALLBACK in r.url else None)
        self.page.on("requestfinished", lambda r: self.in_flight.discard(r))
        self.page.on("requestfailed", lambda r: self.in_flight.discard(r))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def load(self) -> float | None:
        """Seconds from navigation start until settled, None if not settled within :data:`CAP_MS`."""
        page = self.page
        page.bring_to_front()
        page.goto(self.url, wait_until="domcontentloaded", timeout=CAP_MS)
        while True:
            state = page.evaluate(STATE_JS)
            if state["complete"] and not self.in_flight and state["now"] - state["last"] >= QUIET_MS:
                return round(state["last"] / 1000, 3)
            if state["now"] > CAP_MS:
                return None
            page.wait_for_timeout(50)

    def close(self) -> None:
        self.context.close()


def _median(samples: list[float | None]) -> float | None:
    settled = [s for s in samples if s is not None]
    return round(statistics.median(settled), 3) if settled else None


def _page(browser: Any, url: str, peer_url: str, repeats: int) -> dict[str, Any]:
    """Cold, then ``repeats`` warm loads of ``url`` and of the peer, taking turns (the first of a round alternating)."""
    ours, peer = _Tab(browser, url), _Tab(browser, peer_url)
    try:
        samples: dict[_Tab, list[float | None]] = {ours: [], peer: []}
        for n in range(1 + repeats):
            for tab in (ours, peer) if n % 2 == 0 else (peer, ours):
                samples[tab].append(tab.load())
        warm, peer_warm = _median(samples[ours][1:]), _median(samples[peer][1:])
        return {"url": url, "cold_s": samples[ours][0], "warm_s": samples[ours][1:], "warm_median_s": warm,
                "peer_cold_s": samples[peer][0], "peer_warm_s": samples[peer][1:], "peer_warm_median_s": peer_warm,
                "ratio": round(warm / peer_warm, 2) if warm is not None and peer_warm else None,
                "timeouts": sum(s is None for s in samples[ours]), "peer_timeouts": sum(s is None for s in samples[peer]),
                "console_errors": ours.errors[:5], "peer_console_errors": peer.errors[:5]}
    finally:
        ours.close()
        peer.close()


def measure(ours_base: str, peer_base: str, paths: tuple[str, ...] = PATHS, repeats: int = 5,
            quick: bool = False) -> dict[str, Any]:
    """Settle times per page of ours (cold, warm median) beside the peer's ``/`` measured in turn with it.  A page
    that fails is an error in its own entry; the other pages stand."""
    from playwright.sync_api import sync_playwright

    pages: dict[str, dict[str, Any]] = {}
    with sync_playwright() as p:
        browser = _launch(p)
        try:
            for path in paths[:QUICK_PATHS] if quick else paths:
                try:
                    pages[path] = _page(browser, ours_base.rstrip("/") + path, peer_base.rstrip("/") + "/", repeats)
                except Exception as exc:            # noqa: BLE001 - one page failing must not hide the others
                    pages[path] = {"error": f"{type(exc).__name__}: {exc}"}
        finally:
            browser.close()
    return {"quiet_ms": QUIET_MS, "cap_ms": CAP_MS, "repeats": repeats, "pages": pages}
