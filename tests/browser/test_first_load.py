"""A page's first load draws from its first layout: no callback is asked (each one would hold the page's parts in a
loading state and render the page again), and what is drawn is the page of the address bar."""

from __future__ import annotations

import pytest
from browsersupport import wait_for_page
from playwright.sync_api import Page

PAGES = ["/", "/?regio=AM15", "/?lang=en", "/data", "/methode", "/verkennen", "/verkennen?niveau=gemeente",
         "/verkennen?niveau=rmc&lang=en", "/regio/AM15", "/regio/GM0363?lang=en", "/regio/MC21", "/prioriteit",
         "/prioriteit?niveau=rmc", "/prioriteit?niveau=gemeente"]


@pytest.mark.parametrize("path", PAGES)
def test_a_first_load_asks_no_callback(page: Page, app_url: str, path: str):
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.post_data or "") if "_dash-update-component" in r.url else None)
    page.goto(app_url.rstrip("/") + path)
    wait_for_page(page, ".page")
    page.wait_for_timeout(1500)                              # what a callback on mount would have asked by now
    assert asked == [], [a[:120] for a in asked]
    assert page.locator("h1").count() == 1 and page.locator("h1").first.inner_text()
    lang = "en" if "lang=en" in path else "nl"
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.title().endswith("Young people and the labour market" if lang == "en" else "Jongeren en arbeidsmarkt")


def test_a_link_inside_the_app_still_goes_through_the_router(page: Page, app_url: str):
    """Client-side navigation after a first load: the page router builds the new page (the first layout holds only
    the first)."""
    page.goto(app_url + "methode")
    wait_for_page(page, ".page")
    page.locator("#shell-header a", has_text="Prioriteit").click()
    page.wait_for_selector("#priority-ranking", timeout=30_000)
    assert page.title().startswith("Prioriteit")
    page.go_back()
    page.wait_for_selector("#methode-indicators", timeout=30_000)
    assert page.title().startswith("Methode")
