"""Every page renders under the real Content-Security-Policy: no CSP violation, no failed callback.

Uses the browser suite's server (create_app installs dashboard.web.security) and its one Playwright browser
(two sync Playwright instances cannot share a process); the console and the callback responses are watched.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.timeout(180)

# The index (and so the policy) is the same for every page; what differs is what runs in it:
# Plotly maps and charts on the explorer, server-drawn SVG map images (data: URIs) on the region and priority pages.
PAGES = ["/", "/verkennen?lang=en", "/regio/AM15", "/prioriteit", "/bestaat-niet"]


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_under_csp(browser, app_url, path):
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    not_found = path == "/bestaat-niet"                      # answered with status 404 (and the friendly page)
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if (m.type == "error" and not (not_found and "status of 404" in m.text))
            or "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("response", lambda r: problems.append(f"{r.status} {r.request.method} {r.url}")
            if r.status >= 400 and "/_dash-" in r.url else None)
    try:
        response = page.goto(app_url.rstrip("/") + path, wait_until="networkidle", timeout=60000)
        assert response is not None and response.status == (404 if not_found else 200)
        assert "script-src" in response.headers["content-security-policy"]
        page.wait_for_function("() => !!document.querySelector('#react-entry-point main, #react-entry-point [role=main]')",
                               timeout=45000)
        page.wait_for_load_state("networkidle", timeout=30000)
        page.wait_for_timeout(1000)
    finally:
        context.close()
    assert not problems, "\n".join(problems[:20])
