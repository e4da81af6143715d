"""/prioriteit's layout: the ranking before the controls on a phone, the controls beside the results on a wide
screen (a column of their own that stays in view)."""

from __future__ import annotations

import pytest
from browsersupport import wait_for_page
from playwright.sync_api import Page

PHONE = {"width": 390, "height": 844}
BOX = "(sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return {top: r.top, left: r.left," \
      " right: r.right, bottom: r.bottom}; }"


@pytest.mark.parametrize("search", ["", "?lang=en", "?niveau=gemeente"])
def test_a_phone_opens_on_the_ranking_not_on_the_controls(page: Page, app_url: str, search: str):
    page.set_viewport_size(PHONE)
    page.goto(app_url + "prioriteit" + search)
    wait_for_page(page, "#priority-ranking .js-plotly-plot")
    summary, chart, controls = (page.evaluate(BOX, s) for s in ("#priority-summary", "#priority-ranking-box",
                                                               ".priority-controls"))
    assert summary["top"] < PHONE["height"] and chart["top"] < PHONE["height"], (summary, chart)
    assert controls["top"] > chart["bottom"]                  # the controls follow the ranking


def test_a_wide_screen_keeps_the_controls_beside_the_results(page: Page, app_url: str):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(app_url + "prioriteit")
    wait_for_page(page, "#priority-ranking .js-plotly-plot")
    controls, chart = page.evaluate(BOX, ".priority-controls"), page.evaluate(BOX, "#priority-ranking-box")
    assert controls["right"] <= chart["left"] and controls["top"] < 900 and chart["top"] < 900
    page.locator("#priority-aftercare").scroll_into_view_if_needed()       # far down: the controls still in view
    controls = page.evaluate(BOX, ".priority-controls")
    assert 0 <= controls["top"] < 900


def test_show_all_by_keyboard_keeps_the_reader_in_place(page: Page, app_url: str):
    """Enter on "Toon alle 342 gemeenten": the rows come, and focus is on the first new one (not the page's top)."""
    page.goto(app_url + "prioriteit?niveau=gemeente")
    wait_for_page(page, "#priority-aftercare table")
    page.locator("#priority-aftercare button.more-rows").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('#priority-aftercare tbody tr').length > 300",
                           timeout=30_000)
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('#priority-aftercare tr')",
                           timeout=10_000)
    row = page.evaluate("() => [...document.querySelectorAll('#priority-aftercare tbody tr')]"
                        ".indexOf(document.activeElement.closest('tr'))")
    assert row == 25


def test_a_browser_that_trims_the_referer_still_gets_the_page_of_its_address(page: Page, app_url: str):
    """The first layout is the page the Referer names; a Referer without its query (a privacy setting) names
    another: the page of the address bar is then built by the router."""
    page.route("**/_dash-layout", lambda route: route.continue_(
        headers={**route.request.headers, "referer": app_url + "prioriteit"}))
    page.goto(app_url + "prioriteit?niveau=gemeente")
    page.wait_for_function("() => document.querySelector('#priority-summary') && "
                           "document.querySelector('#priority-summary').innerText.includes('gemeenten')",
                           timeout=30_000)
    assert page.locator("#priority-level input[value=gemeente]").is_checked()
