"""Browser tests: the app on a werkzeug server, Debian's Chromium through Playwright (never `playwright install`).

Fixtures: ``app_url`` (session: the app on the ETL-built store), ``browser`` and ``browser_context``
(session), ``page`` (per test: a new page; the test fails if it logged any console error).
``console_errors(page)`` (also in browsersupport) returns what was logged so far.
Every test here gets a hard 120 s timeout.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import werkzeug.serving
from browsersupport import CHROMIUM, CHROMIUM_ARGS, console_errors, record_console
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from dashboard.app import create_app

__all__ = ["console_errors"]

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.timeout(120))


@pytest.fixture(scope="session")
def app_url(built_store: Path) -> Iterator[str]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = werkzeug.serving.make_server("127.0.0.1", 0, create_app(built_store).server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def browser_context(browser: Browser, app_url: str) -> Iterator[BrowserContext]:
    """One context for the session, so Plotly's 4 MB bundle is fetched and cached once, not per test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context: BrowserContext, app_url: str) -> Iterator[Page]:
    """A new page (depends on app_url, so it closes before the server stops); fails the test on console errors."""
    new_page = record_console(browser_context.new_page())
    yield new_page
    errors = console_errors(new_page)
    new_page.close()
    if errors:
        pytest.fail("console errors in the browser:\n" + "\n".join(errors), pytrace=False)
