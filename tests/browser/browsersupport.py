"""Browser-test helpers shared by every file in tests/browser (import: ``from browsersupport import ...``)."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]

_LOGS: WeakKeyDictionary[Page, list[str]] = WeakKeyDictionary()


def record_console(page: Page) -> Page:
    """Start collecting the page's console errors and uncaught exceptions (see :func:`console_errors`).

    Not an error: Chromium's "Failed to load resource ... 404" for the page's own address, which unknown pages
    answer on purpose (the friendly not-found page comes with status 404).
    """
    log: list[str] = []
    _LOGS[page] = log

    def on_console(msg: Any) -> None:
        if msg.type != "error":
            return
        if msg.text.startswith("Failed to load resource: the server responded with a status of 404") and \
                (msg.location or {}).get("url") == page.url:
            return
        log.append(f"console.{msg.type}: {msg.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: log.append(f"pageerror: {exc}"))
    return page


def console_errors(page: Page) -> list[str]:
    """Console errors and uncaught exceptions so far on a page from the ``page`` fixture."""
    return list(_LOGS.get(page, []))


def wait_for_page(page: Page, selector: str = ".page", timeout: float = 30_000) -> None:
    """Wait until Dash has rendered the page content (and the shell callback has filled the header)."""
    page.wait_for_selector(selector, timeout=timeout)
    page.wait_for_selector("#shell-header .nav-link", timeout=timeout)


def close_table(page: Page, details_id: str) -> None:
    """Close an opened text-alternative table (``<details data-open-store>``) as a reader does, and wait until the
    page has been told (shell.js's "toggle" handler, which runs a moment after the click, also takes the id out of
    sessionStorage).  A change made before that still finds the table open and is followed by it."""
    page.locator(f"#{details_id} > summary").click()
    page.wait_for_function("(id) => !document.getElementById(id).open && !JSON.parse("
                           "sessionStorage.getItem('opened-tables') || '[]').includes(id)", arg=details_id)


def reach_for_charts(page: Page, box: str = "#explorer-map-box") -> None:
    """On /verkennen, reach for a chart as a reader does (the pointer over it): Plotly's charts take the place of
    the pictures the page loads with.  Waits until the three are there."""
    page.locator(box).hover()
    for graph in ("explorer-map", "explorer-bar", "explorer-timeseries"):
        page.wait_for_selector(f"#{graph} .js-plotly-plot", timeout=60_000)
