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
