"""The address bar shows what is on screen, and Back steps back through a page's own changes (/prioriteit as
/verkennen): in Chromium."""

from __future__ import annotations

from browsersupport import console_errors, wait_for_page
from playwright.sync_api import Page


def test_a_broken_link_is_replaced_by_what_is_shown(page: Page, app_url: str):
    page.goto(app_url + "verkennen?indicator=bogus&regio=AM01,XX99")
    wait_for_page(page, "#explorer-url-notice")
    page.wait_for_function("() => !location.search.includes('bogus')")
    assert "indicator=neet_share" in page.evaluate("location.search") and "XX99" not in page.evaluate("location.search")
    assert "bestaat niet" in page.locator("#explorer-url-notice").inner_text()
    page.go_back()                                    # the broken link was replaced, not kept as a step back
    assert "bogus" not in page.evaluate("location.href")
    assert console_errors(page) == []


def test_priority_changes_are_steps_in_the_history(page: Page, app_url: str):
    page.goto(app_url + "prioriteit")
    wait_for_page(page, "#priority-level")
    page.wait_for_selector("#priority-ranking .js-plotly-plot", timeout=60_000)
    start = page.evaluate("history.length")
    page.locator("#priority-level input[value=rmc]").check()
    page.wait_for_function("() => location.search.includes('niveau=rmc')", timeout=60_000)
    assert page.evaluate("history.length") == start + 1
    page.go_back()
    page.wait_for_function("() => !location.search.includes('niveau=rmc')", timeout=60_000)
    page.wait_for_function("() => document.querySelector('#priority-level input[value=arbeidsmarktregio]').checked",
                           timeout=60_000)
    assert console_errors(page) == []
