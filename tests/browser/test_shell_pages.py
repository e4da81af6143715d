"""What only a browser shows: the shell, the overview, the method and 404 pages, language and print.

Each test's ``page`` fixture fails the test on any console error.
"""

from __future__ import annotations

import re

from browsersupport import wait_for_page
from playwright.sync_api import Page


def html_lang(page: Page) -> str:
    return page.evaluate("document.documentElement.lang")


def test_overview_in_dutch_with_demo_banner_and_landmarks(page: Page, app_url: str):
    page.goto(app_url)
    wait_for_page(page, ".brief-card")
    assert html_lang(page) == "nl"
    banner = page.locator(".demo-banner")
    line = banner.inner_text()
    assert banner.is_visible() and "cijfers zijn demonstratiedata, geen CBS-cijfers" in line
    assert "Demonstratiedata, gegenereerd en niet van CBS:" not in line      # the list: one click away
    assert banner.bounding_box()["height"] < 80                                # one line, not a block
    page.locator(".demo-banner summary").click()
    assert "Demonstratiedata, gegenereerd en niet van CBS:" in banner.inner_text()
    assert page.locator("h1").inner_text() == "Bestuurlijke samenvatting: Nederland"
    assert page.locator(".nav-link[aria-current=page]").inner_text() == "Overzicht"
    for landmark in ("header", "nav", "main", "footer"):
        assert page.locator(landmark).count() >= 1
    assert page.locator("footer.site-footer").inner_text().startswith("Bron van de echte cijfers: CBS, CC BY 4.0")
    assert page.locator(".brief-card").count() == 6
    assert page.locator("label[for=overview-region]").inner_text() == "Samenvatting voor"


def test_choose_a_region_switch_language_and_print_on_one_page(page: Page, app_url: str):
    page.goto(app_url)
    wait_for_page(page, ".brief-card")
    name = page.locator("#overview-region option[value=AM15]").inner_text()
    page.select_option("#overview-region", "AM15")
    page.click("#overview-region-submit")
    page.wait_for_url(re.compile(r"\?regio=AM15$"))
    wait_for_page(page, "#brief[data-region=AM15] .brief-card")
    assert page.locator("h1").inner_text() == f"Bestuurlijke samenvatting: {name}"
    assert page.locator("#overview-region").input_value() == "AM15"

    page.click("a[data-lang-switch=en]")
    page.wait_for_url(re.compile(r"lang=en"))
    wait_for_page(page, "#brief[data-region=AM15] .brief-card")
    assert "regio=AM15" in page.url
    assert html_lang(page) == "en"
    assert page.locator(".nav-link[aria-current=page]").inner_text() == "Overview"
    assert page.locator("h1").inner_text() == f"Board brief: {name}"
    assert "figures are demonstration data" in page.locator(".demo-banner").inner_text()
    assert page.locator("label[for=overview-region]").inner_text() == "Brief for"

    # One region's brief prints on one A4 page; navigation goes, the demo banner stays.
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    assert re.findall(rb"/Count (\d+)", pdf) == [b"1"]
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert page.locator(".demo-banner").is_visible()


def test_client_side_navigation_keeps_english_and_moves_focus(page: Page, app_url: str):
    page.goto(app_url + "?lang=en")
    wait_for_page(page, ".brief-card")
    page.evaluate("window.__sameDocument = true")
    page.click(".nav-link >> text=Method")
    wait_for_page(page, ".page-methode")
    assert page.evaluate("window.__sameDocument === true")            # no full reload
    assert page.url.endswith("/methode?lang=en")
    assert html_lang(page) == "en"
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.wait_for_function("document.title.startsWith('Method')")
    assert page.locator(".nav-link[aria-current=page]").inner_text() == "Method"


def test_methode_page_sections_and_skip_link(page: Page, app_url: str):
    page.goto(app_url + "methode")
    wait_for_page(page, ".page-methode")
    page.keyboard.press("Tab")                                    # the skip link is the first stop ...
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")                                  # ... and moves focus to the main content
    assert page.evaluate("document.activeElement.id") == "main-content"
    assert html_lang(page) == "nl"
    assert page.locator(".demo-banner").is_visible()
    for anchor in ("methode-indicators", "methode-sources", "methode-need-index", "methode-licence",
                   "methode-accessibility"):
        assert page.locator(f"#{anchor} h2").is_visible()
    assert page.locator(".indicator-entry").count() >= 11
    assert "Gebieden in Nederland 2026" in page.locator("#methode-regions").inner_text()


def test_not_found_page_links_back(page: Page, app_url: str):
    page.goto(app_url + "bestaat/niet?lang=en")
    wait_for_page(page, ".page-not-found")
    assert html_lang(page) == "en"
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.locator(".demo-banner").is_visible()
    page.click("#not-found-home-link")
    wait_for_page(page, ".brief-card")
    assert page.url.endswith("/?lang=en")


def test_a_phone_gets_the_demo_banner_and_the_navigation_in_one_line_each(browser, app_url: str):
    """At 390 px, Dutch and English: the banner says how many figures are demo in one line (the long sentence was
    four lines), and the five page links stand on one line."""
    for lang in ("", "?lang=en"):
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
        try:
            page = context.new_page()
            page.goto(app_url + lang)
            wait_for_page(page, ".brief-card")
            line = page.locator(".demo-banner summary")
            assert re.fullmatch(r"\d+ (van|of) \d+ (cijfers zijn|figures are) demo\. (Welke|Which)\?",
                                " ".join(line.inner_text().split())), line.inner_text()
            box = line.bounding_box()
            assert box["height"] < 30, box                                        # one line of text
            tops = page.evaluate("() => [...document.querySelectorAll('.nav-link')].map(e => e.getBoundingClientRect().top)")
            assert len(tops) == 5 and max(tops) - min(tops) < 2, tops
        finally:
            context.close()
