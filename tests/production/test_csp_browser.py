"""Every page renders under the real Content-Security-Policy: no CSP violation, no failed callback.

Serves the app (with dashboard.security installed) from a werkzeug thread and opens each page in
Debian's Chromium through Playwright; the console and the callback responses are watched.
"""

from __future__ import annotations

import threading

import pytest
import werkzeug.serving

pytestmark = pytest.mark.timeout(180)

# The index (and so the policy) is the same for every page; what differs is what runs in it:
# maps (MapLibre workers, Plotly styles) on the explorer, region and priority pages.
PAGES = ["/", "/verkennen?lang=en", "/regio/AM15", "/prioriteit", "/bestaat-niet"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def served(prod_app):
    srv = werkzeug.serving.make_server("127.0.0.1", 0, prod_app.server, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def chromium(served):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_under_csp(chromium, served, path):
    context = chromium.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" or "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("response", lambda r: problems.append(f"{r.status} {r.request.method} {r.url}")
            if r.status >= 400 and "/_dash-" in r.url else None)
    try:
        response = page.goto(served + path, wait_until="networkidle", timeout=60000)
        assert response is not None and response.status == 200
        assert "script-src" in response.headers["content-security-policy"]
        page.wait_for_function("() => !!document.querySelector('#react-entry-point main, #react-entry-point [role=main]')",
                               timeout=45000)
        page.wait_for_load_state("networkidle", timeout=30000)
        page.wait_for_timeout(1000)
    finally:
        context.close()
    assert not problems, "\n".join(problems[:20])
