"""/regio/<code> in a real browser: profiles load without console errors, links and the map lead on, the need
section fills in, unknown codes show "niet gevonden". Fixtures from tests/browser/conftest.py."""

from __future__ import annotations

import re

from browsersupport import wait_for_page
from playwright.sync_api import Page

MAP_READY = """() => {
  const img = document.querySelector('img#region-map');
  return !!(img && img.complete && img.naturalWidth > 0);
}"""
MAP_PATHS = "() => decodeURIComponent(document.querySelector('img#region-map').src).split('<path').length - 1"


def test_labour_market_region_profile(page: Page, app_url: str):
    page.goto(app_url + "regio/AM15")
    wait_for_page(page, ".page-region .region-card")
    assert page.locator("h1").inner_text() == "Noord-Holland Noord"
    assert page.locator(".region-card").count() == 14                     # every indicator of the store
    card = page.locator("article[data-indicator=neet_share]").inner_text()
    assert re.search(r"Positie \d+ van 35 met een cijfer \(1 = hoogste\)", card) and "DEMO" in card
    assert page.locator(".region-municipalities a[href^='/regio/GM']").count() == 17
    page.wait_for_function(MAP_READY, timeout=60_000)                  # an image drawn on the server, painted
    assert page.evaluate(MAP_PATHS) == 17                                  # the municipalities, as SVG paths
    assert page.locator("img#region-map").get_attribute("alt").startswith("Kaart: Jongeren zonder werk")
    assert page.locator(".js-plotly-plot").count() == 0                   # no Plotly on the page
    page.wait_for_selector("#region-need .need-rank", timeout=60_000)
    assert re.search(r"positie \d+ van 35", page.locator("#region-need").inner_text())
    assert page.title().startswith("Noord-Holland Noord")


def test_municipality_profile_and_its_neighbours_lead_on(page: Page, app_url: str):
    page.goto(app_url + "regio/GM0363?lang=en")
    wait_for_page(page, ".page-region .region-card")
    assert page.locator("h1").inner_text() == "Amsterdam"
    card = page.locator("article[data-indicator=early_school_leaver_rate]").inner_text()
    assert re.search(r"Position \d+ of 342 with a figure \(1 = highest\)", card) and "CBS 84780NED" in card
    page.wait_for_function(MAP_READY, timeout=60_000)
    page.click(".region-municipalities a[href='/regio/GM0362?lang=en']")    # the table beside the map
    page.wait_for_url(re.compile(r"/regio/GM0362\?lang=en$"))
    page.wait_for_function("() => document.querySelector('h1')?.innerText === 'Amstelveen'", timeout=60_000)
    page.click("a[href='/regio/AM18?lang=en']")                  # parent link
    page.wait_for_url(re.compile(r"/regio/AM18\?lang=en$"))
    page.wait_for_function("() => document.querySelector('h1')?.innerText === 'Groot Amsterdam'", timeout=60_000)


def test_unknown_code_shows_not_found_with_a_way_back(page: Page, app_url: str):
    page.goto(app_url + "regio/XX99")
    wait_for_page(page, "#region-not-found")
    assert page.locator("h1").inner_text() == "Regio niet gevonden"
    assert "XX99" in page.locator(".region-not-found .lead").inner_text()
    page.click("#region-not-found-explorer")
    page.wait_for_url(re.compile(r"/verkennen(\?indicator=[^&]+&niveau=arbeidsmarktregio&periode=[^&]+)?$"))   # the full address
    wait_for_page(page, ".page-explorer")


def test_script_in_the_code_is_shown_as_text(page: Page, app_url: str):
    page.goto(app_url + "regio/%3Cscript%3Ewindow.hacked%3D1%3C%2Fscript%3E")
    wait_for_page(page, "#region-not-found")
    assert page.evaluate("() => window.hacked === undefined")
    assert page.locator(".region-not-found script").count() == 0
