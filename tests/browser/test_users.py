"""What analysts tripped over, in a real browser: HTTP status of unknown pages, no sideways scrolling on a phone,
dropdowns in the page's language, /prioriteit at both levels with sorting and the one colour rule, all weights 0.

Fixtures from tests/browser/conftest.py (the page fixture fails a test on any console error).
"""

from __future__ import annotations

import re

import pytest
from browsersupport import wait_for_page
from playwright.sync_api import Page

PAGES = ["", "?regio=AM15", "?regio=GM0363", "verkennen", "verkennen?indicator=neet_count&niveau=gemeente",
         "regio/AM15", "regio/GM0363", "prioriteit", "prioriteit?niveau=gemeente", "methode",
         "data?indicator=neet_share,youth_jobseeker_rate,youth_ww_benefits,early_school_leaver_rate&level=gemeente",
         "bestaat-niet"]


@pytest.mark.parametrize(("path", "status", "selector"), [
    ("bestaat-niet", 404, ".page-not-found"), ("bestaat/niet?lang=en", 404, ".page-not-found"),
    ("regio/XX99", 404, "#region-not-found"), ("regio/AM15", 200, ".region-card"), ("prioriteit", 200, ".page"),
])
def test_status_codes(page: Page, app_url: str, path: str, status: int, selector: str):
    response = page.goto(app_url + path)
    assert response is not None and response.status == status
    wait_for_page(page, selector)                          # a 404 still shows the friendly page with a way back


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_on_a_phone(page: Page, app_url: str, path: str, lang: str):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_url + path + (("&" if "?" in path else "?") + "lang=en" if lang == "en" else ""))
    wait_for_page(page, ".page")
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path}: {width} px wide"


def test_data_dropdowns_speak_dutch(page: Page, app_url: str):
    page.goto(app_url + "data?indicator=neet_share,population&level=arbeidsmarktregio")
    wait_for_page(page, "#data-count p")
    assert page.locator("#data-indicator").inner_text().count("2 gekozen") == 1
    page.click("#data-indicator")
    search = page.locator("input.dash-dropdown-search, .dash-dropdown-content input[type=search], "
                          ".dash-dropdown-content input").first
    search.wait_for(timeout=10_000)
    assert search.get_attribute("placeholder") == "Zoeken"
    content = page.locator(".dash-dropdown-content").inner_text()
    assert "Alles kiezen" in content and "Niets kiezen" in content
    assert "Select All" not in content and "Deselect All" not in content and "Search" not in content
    search.fill("xyzzy")
    page.wait_for_function("() => document.querySelector('.dash-dropdown-content').innerText.includes('Niets "
                           "gevonden')")
    page.keyboard.press("Escape")
    assert "1 rij" not in page.locator("#data-count").inner_text() and "indicator(en)" not in \
        page.locator("#data-count").inner_text()


def test_prioriteit_gemeente_level_sorting_and_url(page: Page, app_url: str):
    page.goto(app_url + "prioriteit")
    wait_for_page(page, "#priority-aftercare table")
    page.locator("#priority-table-details > summary").click()            # the ranking as a table, built on request
    page.wait_for_selector("#priority-table tbody tr", timeout=30_000)
    page.locator("#priority-level input[value=gemeente]").check()
    page.wait_for_function("() => location.search.includes('niveau=gemeente')", timeout=30_000)
    rows = "() => document.querySelectorAll('#priority-aftercare tbody tr').length"
    page.wait_for_function(f"{rows} === 10", timeout=60_000)              # the first rows of 342, the rest on request
    assert "De eerste 10 van 342 gemeenten" in page.locator("#priority-aftercare").inner_text()
    page.wait_for_function("() => document.querySelector('#priority-table').innerText.includes('342 gemeenten')",
                           timeout=30_000)                               # the open table follows the level
    assert page.locator("#priority-table tbody tr").count() == 25
    assert re.match(r"\d{3} gemeenten", page.locator("#priority-summary").inner_text())   # those with an index
    assert "level=gemeente" in page.get_attribute("#priority-download", "href")
    page.click("#priority-aftercare button:has-text('Toon alle 342 gemeenten')")
    page.wait_for_function(f"{rows} === 342", timeout=30_000)
    assert page.locator("#priority-table tbody tr").count() == 25         # the other table as it was
    assert "Toon alle" not in page.locator("#priority-aftercare").inner_text()
    page.click("#priority-aftercare button:has-text('% van jongeren')")
    page.wait_for_function("() => location.search.includes('sorteer=neet_share')", timeout=30_000)
    page.wait_for_selector("#priority-aftercare th[aria-sort=descending] >> text=% van jongeren")
    assert page.locator("#priority-aftercare tbody tr").count() == 342   # a sort keeps every row
    shares = page.eval_on_selector_all("#priority-aftercare tbody tr td:nth-child(3) .bar-value",
                                       "ns => ns.map(n => n.textContent).filter(s => s !== '–')"
                                       ".map(s => parseFloat(s.replace(',', '.')))")
    assert len(shares) > 300 and shares == sorted(shares, reverse=True)
    page.reload()                                           # the URL carries the view
    wait_for_page(page, "#priority-aftercare table")
    assert page.locator("#priority-level input[value=gemeente]").is_checked()
    assert page.locator("#priority-aftercare th[aria-sort=descending]").inner_text().startswith("Zonder werk")
    page.wait_for_function("() => document.querySelectorAll('#priority-table tbody tr').length === 25",
                           timeout=30_000)                               # the table opened before is open again
    assert page.locator("#priority-table-details").evaluate("d => d.open")
    page.locator("#priority-sensitivity-table-details > summary").click()
    page.wait_for_selector("#priority-sensitivity-table table tbody tr", timeout=30_000)
    assert page.locator("#priority-sensitivity-table table tbody tr").count() == 25


def test_prioriteit_map_yellow_is_more_need_and_the_legend_says_so(page: Page, app_url: str):
    """The map is an image drawn on the server (an SVG): its legend runs from dark purple (less) to yellow (more
    need), grey is only "no index", and the page says the same in words."""
    page.goto(app_url + "prioriteit?lang=en")
    wait_for_page(page, "#priority-map")
    page.wait_for_function("() => { const i = document.querySelector('#priority-map');"
                           " return i && i.complete && i.naturalWidth > 0; }", timeout=30_000)
    svg = page.evaluate("() => { const src = document.querySelector('#priority-map').src;"
                        " return decodeURIComponent(src.slice(src.indexOf(',') + 1)); }")
    assert svg.startswith("<svg")
    stops = re.findall(r'<stop [^>]*stop-color="(#[0-9A-Fa-f]{6})"', svg)
    assert len(stops) >= 3, svg[:500]                                    # the legend's colour ramp
    assert "yellow = more need" in svg                                  # the legend in the image says so
    red, green, blue = (int(stops[-1][i:i + 2], 16) for i in (1, 3, 5))
    assert red > 200 and green > 200 and blue < 150                     # the highest index is yellow
    red, green, blue = (int(stops[0][i:i + 2], 16) for i in (1, 3, 5))
    assert red < 120 and green < 80                                      # the lowest dark purple, not yellow
    for colour in stops:                                               # and no grey that looks like "no index"
        channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
        assert max(channels) - min(channels) >= 20, colour
    first = page.get_attribute("#priority-ranking .rank-row .rank-name", "href").rsplit("/", 1)[-1].split("?")[0]
    fill = re.search(rf'fill="(#[0-9A-Fa-f]{{6}})"[^>]*data-code="{first}"', svg)
    assert fill and fill.group(1).lower() == stops[-1].lower()          # rank 1, the highest index: yellow
    alt = page.get_attribute("#priority-map", "alt") or ""
    assert "yellow = more need" in alt and "grey = no index" in alt
    assert "Yellow = more need" in page.locator(".map-legend-text").inner_text()


def test_prioriteit_all_weights_zero_shows_no_empty_boxes_and_reset_restores(page: Page, app_url: str):
    page.goto(app_url + "prioriteit?w=neet_share:1&norm=rank")
    wait_for_page(page, "#priority-ranking .rank-row")
    page.locator(".slider-control").first.locator("input[type=range]").focus()
    page.keyboard.press("Home")                                       # neet_share, the only weight, to 0
    page.wait_for_function("() => document.querySelector('#priority-notice').innerText.includes('minstens één')",
                           timeout=30_000)
    assert not page.locator("#priority-ranking-box").is_visible() and not page.locator("#priority-map-box").is_visible()
    assert not page.locator("#priority-download").is_visible()
    page.click("#priority-reset")
    page.wait_for_function("() => location.search.includes('norm=zscore') && "
                           "location.search.includes('neet_share_change:1')", timeout=30_000)
    assert page.locator("#priority-norm input[value=zscore]").is_checked()
    assert page.locator("#priority-ranking-box").is_visible() and page.locator("#priority-download").is_visible()
    assert page.locator("#priority-ranking .rank-row").count() == 35 and page.locator("#priority-map").is_visible()


def test_english_region_tab_title_and_no_outside_requests(page: Page, app_url: str):
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((app_url, "data:", "blob:")) else None)
    page.goto(app_url + "regio/AM15?lang=en")
    wait_for_page(page, ".region-card")
    page.wait_for_function("() => document.title === 'Noord-Holland Noord – Young people and the labour market'")
    page.wait_for_load_state("networkidle")
    assert outside == []
    assert re.search(r"Position \d+ of 35", page.locator(".page-region").inner_text())
