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
    wait_for_page(page, "#priority-ranking .rank-row")
    summary, chart, controls = (page.evaluate(BOX, s) for s in ("#priority-summary", "#priority-ranking-box",
                                                               ".priority-controls"))
    assert summary["top"] < PHONE["height"] and chart["top"] < PHONE["height"], (summary, chart)
    assert controls["top"] > chart["bottom"]                  # the controls follow the ranking


def test_a_wide_screen_keeps_the_controls_beside_the_results(page: Page, app_url: str):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(app_url + "prioriteit")
    wait_for_page(page, "#priority-ranking .rank-row")
    controls, chart = page.evaluate(BOX, ".priority-controls"), page.evaluate(BOX, "#priority-ranking-box")
    assert chart["right"] <= controls["left"] and controls["top"] < 900 and chart["top"] < 900
    page.evaluate("() => document.querySelector('#priority-map-heading').scrollIntoView({block: 'start'})")
    controls = page.evaluate(BOX, ".priority-controls")                    # far down: the controls still in view
    assert 0 <= controls["top"] < 900
    # The aftercare table (10 rows) ends the page: scrolled to the end, the column of controls (as tall as the window)
    # is pushed up by the footer below the results, but the weights stay in view.
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    aftercare, weights = page.evaluate(BOX, "#priority-aftercare"), page.evaluate(BOX, "#priority-weights")
    assert aftercare["top"] < 900 and 0 <= weights["top"] < 900


FOCUSABLE = ("() => [...document.querySelectorAll('.priority-body a[href], .priority-body button, .priority-body input,"
             " .priority-body summary, .priority-body [tabindex=\"0\"]')].filter(e => e.offsetParent !== null)"
             ".filter(e => { const d = e.closest('details:not([open])'); return !d || e.parentElement === d; })"
             ".map(e => { const r = e.getBoundingClientRect(); return {left: r.left, top: r.top,"
             " controls: !!e.closest('.priority-controls')}; })")


def test_a_wide_screen_tabs_in_reading_order(page: Page, app_url: str):
    """Left to right, then down: the ranking, the controls right of it, then the results below the ranking.  Tab
    follows the page's order, so no stop of the ranking lies right of a control and none below it in the results."""
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(app_url + "prioriteit")
    wait_for_page(page, "#priority-ranking .rank-row")
    page.evaluate("() => window.scrollTo(0, 0)")
    stops = page.evaluate(FOCUSABLE)
    inside = [i for i, s in enumerate(stops) if s["controls"]]
    assert inside and inside == list(range(inside[0], inside[-1] + 1))       # the controls: one run of Tab stops
    before, controls, after = stops[:inside[0]], stops[inside[0]:inside[-1] + 1], stops[inside[-1] + 1:]
    assert before and after
    assert max(s["left"] for s in before + after) < min(s["left"] for s in controls)
    assert max(s["top"] for s in before) < min(s["top"] for s in after)


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
    assert row == 10                                  # the first rows shown: 10 at every level


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


def test_a_weight_changed_while_show_all_is_on_its_way_never_draws_the_old_weighting(page: Page, app_url: str):
    """"Toon alle" pressed under the ranking, then a weight changed before the rows came: the answer for the old
    weights (held back here until the new weighting was drawn) never replaces the table of the new one.

    Why it holds: the new weighting re-renders the table with its "Toon alle" button, which Dash reports as a change
    of the show-all callback's input; Dash asks that callback again (no update) and drops the answer still on its
    way.  The press is dropped with it; pressed again, the rows come."""
    page.goto(app_url + "prioriteit?niveau=gemeente")
    wait_for_page(page, "#priority-aftercare table")
    page.locator("#priority-table").locator("xpath=ancestor::details/summary").click()
    held = []

    def hold(route):
        body = route.request.post_data or ""
        if body.startswith('{"output":"..priority-table.children@') and "priority-more" in body.split('"state"')[0]:
            held.append(route)                                   # the rows asked for, with the weights then
        else:
            route.continue_()

    def callbacks(url: str) -> bool:
        return "/_dash-update-component" in url

    page.route(callbacks, hold)
    page.locator("#priority-table button.more-rows").click()
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "no request for the whole table"
    rows = "#priority-table tbody"
    before = page.locator(rows).inner_text()
    page.locator(".slider-control").first.locator("input[type=range]").focus()
    page.keyboard.press("End")                                    # neet_share to its highest weight
    page.wait_for_function("() => /neet_share:[2-9]/.test(location.search)", timeout=30_000)
    page.wait_for_function("(before) => document.querySelector('#priority-table tbody').innerText !== before",
                           arg=before, timeout=30_000)           # the new weighting drawn
    page.wait_for_timeout(500)
    drawn = page.locator(rows).inner_text()
    for route in held:
        route.continue_()
    page.wait_for_timeout(2000)
    assert page.locator(rows).inner_text() == drawn
    assert page.locator("#priority-table tbody tr").count() == 25       # the press was dropped with its answer
    page.unroute(callbacks, hold)
    page.locator("#priority-table button.more-rows").click()            # and asked again, the rows come
    page.wait_for_function("() => document.querySelectorAll('#priority-table tbody tr').length > 300",
                           timeout=30_000)


SENSITIVITY = ("() => { const t = document.querySelector('#priority-sensitivity-table table'); const box = t.parentElement;"
               " const cells = [...t.querySelectorAll('tbody tr:first-child > *')].map(c => c.getBoundingClientRect());"
               " return {overflow: box.scrollWidth - box.clientWidth, boxRight: box.getBoundingClientRect().right,"
               " largestRight: cells[2].right, columns: cells.length}; }")


@pytest.mark.parametrize("level", ["arbeidsmarktregio", "rmc", "gemeente"])
def test_the_sensitivity_table_is_whole_at_1366_and_shows_the_largest_move_first_on_a_phone(page: Page, app_url: str,
                                                                                           level: str):
    """At 1366 px every column of moves fits beside the settings (no sideways scroll); at 390 px the rank, the
    region and its largest move are in view, the variants scroll after them."""
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(app_url + f"prioriteit?niveau={level}")
        wait_for_page(page, "#priority-ranking .rank-row")
        page.locator("#priority-sensitivity-table-details > summary").click()
        page.wait_for_selector("#priority-sensitivity-table table tbody tr", timeout=30_000)
        sizes = page.evaluate(SENSITIVITY)
        assert sizes["columns"] == 13, sizes                       # rank, region, largest move, 2 per component
        if width == 1366:
            assert sizes["overflow"] <= 0, (level, sizes)
        else:
            assert sizes["largestRight"] <= sizes["boxRight"] and sizes["largestRight"] <= width, (level, sizes)
        page.evaluate("() => sessionStorage.clear()")
