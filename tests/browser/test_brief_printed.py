"""The board brief in a real browser: one A4 page per brief (printed to PDF by headless Chromium), for a labour-market
region, a municipality and the country, in Dutch and English, from "/" and from the region pages' print button.

Fixtures from tests/browser/conftest.py (the page fixture fails a test on any console error).
"""

from __future__ import annotations

import re

import pytest
from browsersupport import wait_for_page
from playwright.sync_api import Page

BRIEFS = [("?regio=AM15", "Noord-Holland Noord"), ("?regio=GM0363", "Amsterdam"), ("", "Nederland")]


def pdf_pages(page: Page) -> int:
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    counts = re.findall(rb"/Count (\d+)", pdf)
    assert counts, "no page tree in the PDF"
    return int(counts[0])


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("query", "name"), BRIEFS)
def test_each_brief_prints_on_one_a4_page(page: Page, app_url: str, query: str, name: str, lang: str):
    search = query + (("&" if query else "?") + "lang=en" if lang == "en" else "")
    page.goto(app_url + search)
    wait_for_page(page, "#brief .brief-card")
    title = page.locator("#brief-title").inner_text()
    assert (name if name != "Nederland" else ("Nederland" if lang == "nl" else "the Netherlands")) in title
    assert pdf_pages(page) == 1
    page.emulate_media(media="print")
    assert page.locator("#brief").is_visible() and page.locator(".brief-sources").is_visible()
    assert not page.locator(".overview-controls").is_visible() and not page.locator(".site-nav").is_visible()
    assert not page.locator(".overview-top").is_visible()              # screen-only extras stay off the paper
    assert page.locator(".demo-banner").is_visible()                     # the demo mark is on every brief
    images = page.locator("#brief img.mini-trend")
    assert images.count() >= 4 and all(images.nth(i).get_attribute("alt") for i in range(images.count()))


def test_region_brief_has_what_a_board_needs(page: Page, app_url: str):
    page.goto(app_url + "?regio=AM15")
    wait_for_page(page, "#brief .brief-card")
    brief = page.locator("#brief").inner_text()
    assert re.search(r"Positie \d+ van 35 met een cijfer \(1 = hoogste\)", brief)                  # position among all regions
    assert re.search(r"t\.o\.v\. \d{4}", brief) and "sinds 2019 (vóór corona)" in brief   # a year ago and before corona
    assert re.search(r"Positie \d+ van 35 arbeidsmarktregio's \(90%-interval \d+–\d+", brief)   # need index
    assert "De plaats komt vooral door" in brief or "Geen onderdeel wijkt duidelijk af" in brief   # drivers in words
    assert re.search(r"[\d.]+ jongeren zonder werk en opleiding \([\d,]+% van de jongeren", brief)   # count + rate
    assert "Gemeenten in Noord-Holland Noord" in brief and "Alkmaar" in brief
    assert "Bron: CBS" in brief and "gebouwd op" in brief


def test_gemeente_brief_is_not_the_national_fallback(page: Page, app_url: str):
    page.goto(app_url + "?regio=GM0363&lang=en")
    wait_for_page(page, "#brief .brief-card")
    assert page.locator("#brief-title").inner_text() == "Board brief: Amsterdam"
    brief = page.locator("#brief").inner_text()
    assert "Municipality GM0363 in the labour-market region Groot Amsterdam" in brief
    assert "Amsterdam and the other municipalities of Groot Amsterdam" in brief
    assert "No region chosen" not in brief
    assert page.locator("#overview-region").input_value() == "GM0363"


def test_national_brief_says_which_periods_are_compared(page: Page, app_url: str):
    page.goto(app_url)
    wait_for_page(page, "#brief .brief-movers")
    brief = page.locator("#brief").inner_text()
    months = re.search(r"(jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec) (\d{4}) → (\w+) (\d{4})", brief)
    assert months, brief                                                  # monthly figures: a half year apart
    years = re.search(r"(\d{4}) → (\d{4})", brief)
    school = re.search(r"(\d{4})/(\d\d) → (\d{4})/(\d\d)", brief)
    assert years and int(years[2]) == int(years[1]) + 1                   # yearly figures: a year apart
    assert school and int(school[3]) == int(school[1]) + 1
    assert "alleen een jaar" in brief                                  # honest about yearly series
    assert "Zeker in de top 5 van de prioriteitsindex" in brief and "Nazorg in Nederland" in brief


@pytest.mark.parametrize(("code", "lang", "title"), [("AM15", "nl", "Noord-Holland Noord – Jongeren en arbeidsmarkt"),
                                                     ("GM0363", "en", "Amsterdam – Young people and the labour market")])
def test_region_page_prints_its_brief_on_one_page_with_a_print_button(page: Page, app_url: str, code: str, lang: str,
                                                                      title: str):
    page.goto(app_url + f"regio/{code}" + ("?lang=en" if lang == "en" else ""))
    wait_for_page(page, ".page-region .region-card")
    page.wait_for_function(f"() => document.title === {title!r}", timeout=30_000)   # English tab title too
    button = page.locator("#region-print")
    assert button.is_visible() and button.inner_text() == ("Afdrukken: samenvatting op één A4" if lang == "nl"
                                                           else "Print: brief on one A4 page")
    assert page.locator("#region-print-brief .brief").count() == 0     # built when asked for, not on every visit
    page.emulate_media(media="print")                  # the browser's own print command before that: the profile
    assert page.locator(".region-card").first.is_visible() and not page.locator("#region-print").is_visible()
    page.emulate_media(media="null")                   # no emulation: page.pdf prints with print media again
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button.click()
    page.wait_for_function("() => window.__printed === 1", timeout=30_000)
    assert page.locator("#region-print-brief .brief").count() == 1
    assert pdf_pages(page) == 1
    page.emulate_media(media="print")
    assert page.locator("#region-print-brief .brief").is_visible()
    assert not page.locator(".region-card").first.is_visible()           # the long profile does not print
