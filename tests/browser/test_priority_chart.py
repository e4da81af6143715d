"""/prioriteit without Plotly: the ranking chart drawn by CSS fits its rows at a phone's and a laptop's width, the
weights are the browser's own range inputs (keyboard), and the map is an image with words.

Fixtures from tests/browser/conftest.py (the page fixture fails a test on any console error).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browsersupport import console_errors, wait_for_page
from playwright.sync_api import Page

# Per row of the ranking chart: the track's box, and the box the marker (::after) and the interval line (::before)
# take on screen, computed from their used `left`, size and transform (a diamond is a square turned 45 degrees:
# it reaches further sideways than its width).  Relative to the track's left edge, in px.
CHART_BOXES = """() => [...document.querySelectorAll('#priority-ranking .rank-row')].map(row => {
  const name = row.querySelector('.rank-name'), track = row.querySelector('.rank-track');
  const r = track.getBoundingClientRect(), n = name.getBoundingClientRect(), box = row.getBoundingClientRect();
  const mark = getComputedStyle(track, '::after'), line = getComputedStyle(track, '::before');
  const w = parseFloat(mark.width), h = parseFloat(mark.height);
  const m = mark.transform === 'none' ? new DOMMatrix() : new DOMMatrix(mark.transform);
  const centre = parseFloat(mark.left) + w / 2 + m.e, half = (Math.abs(m.a) * w + Math.abs(m.c) * h) / 2;
  return {text: name.textContent, rowTop: box.top, rowHeight: box.height, rowLeft: box.left, rowRight: box.right,
          nameLeft: n.left, nameRight: n.right, trackWidth: r.width, trackHeight: r.height,
          markLeft: centre - half, markRight: centre + half, markContent: mark.content, markWidth: w,
          lineLeft: parseFloat(line.left), lineRight: parseFloat(line.left) + parseFloat(line.width)};
})"""
PAGE_WIDTH = "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"


def chart_problems(page: Page, width: int) -> list[str]:
    """What is wrong with the ranking chart as drawn: rows missing or stacked on each other, a marker or interval
    outside its track, a name or row outside the viewport, the page scrolling sideways."""
    rows = page.evaluate(CHART_BOXES)
    problems = [] if len(rows) >= 10 else [f"only {len(rows)} rows"]
    for before, row in zip(rows, rows[1:]):
        if row["rowTop"] < before["rowTop"] + before["rowHeight"] - 0.5:
            problems.append(f"{row['text']}: drawn over {before['text']}")
    for row in rows:
        name = row["text"]
        if row["rowHeight"] < 16 or row["trackWidth"] < 100 or not row["text"].strip():
            problems.append(f"{name}: row {row['rowHeight']:.0f} px high, track {row['trackWidth']:.0f} px wide")
        if row["markContent"] in ("none", "normal") or row["markWidth"] < 6:
            problems.append(f"{name}: no marker drawn")
        if row["markLeft"] < -0.5 or row["markRight"] > row["trackWidth"] + 0.5:
            problems.append(f"{name}: marker at {row['markLeft']:.1f}-{row['markRight']:.1f} px of a "
                            f"{row['trackWidth']:.1f} px track")
        if row["lineLeft"] < -0.5 or row["lineRight"] > row["trackWidth"] + 0.5 or row["lineRight"] < row["lineLeft"]:
            problems.append(f"{name}: interval at {row['lineLeft']:.1f}-{row['lineRight']:.1f} px of a "
                            f"{row['trackWidth']:.1f} px track")
        if row["nameLeft"] < 0 or row["nameRight"] > width or row["rowLeft"] < 0 or row["rowRight"] > width:
            problems.append(f"{name}: name {row['nameLeft']:.0f}-{row['nameRight']:.0f} px, row "
                            f"{row['rowLeft']:.0f}-{row['rowRight']:.0f} px in a {width} px wide window")
    sizes = page.evaluate(PAGE_WIDTH)
    if sizes["scroll"] > sizes["client"]:
        problems.append(f"the page scrolls sideways: {sizes['scroll']} px in {sizes['client']} px")
    return problems


@pytest.mark.parametrize("search", ["", "?niveau=gemeente&lang=en"])
@pytest.mark.parametrize("width", [1366, 390])
def test_the_ranking_chart_fits_its_rows_and_markers(page: Page, app_url: str, width: int, search: str):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(app_url + "prioriteit" + search)
    wait_for_page(page, "#priority-ranking .rank-row")
    page.wait_for_load_state("networkidle")
    rows = page.locator("#priority-ranking .rank-row")
    assert rows.count() == (35 if not search else 40)             # every region at this level, gemeenten: 40
    assert rows.first.is_visible() and rows.last.is_visible()
    assert page.locator("#priority-ranking .rank-track").first.get_attribute("aria-label")
    assert chart_problems(page, width) == []


def _weights(url: str) -> dict[str, str]:
    query = parse_qs(urlsplit(url).query)
    return dict(part.split(":", 1) for part in query.get("w", [""])[0].split(",") if ":" in part)


def test_a_weight_moves_by_keyboard(page: Page, app_url: str):
    """Tab from the level reaches the first weight; two presses of ArrowRight take it from 1 to 2: the label says
    2, the address bar's w= has it, and the ranking is drawn for the new weights."""
    page.goto(app_url + "prioriteit")
    wait_for_page(page, "#priority-ranking .rank-row")
    page.locator("#priority-level input:checked").focus()
    page.keyboard.press("Tab")
    first = page.evaluate("() => { const e = document.activeElement; return e && e.type === 'range' ? "
                          "JSON.parse(e.id).component : null; }")
    assert first == "neet_share"
    label = page.locator(".slider-control").first.locator("label")
    output = label.locator("output.weight-value")
    assert output.inner_text() == "1"
    assert page.evaluate("() => document.activeElement.labels[0].id") == "priority-weight-neet_share-label"
    before = page.locator("#priority-ranking").inner_html()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.value") == "2"
    page.wait_for_function("() => /[?&]w=neet_share:2(,|&|$)/.test(location.search)", timeout=30_000)
    weights = _weights(page.url)
    assert weights["neet_share"] == "2" and weights["youth_jobseeker_rate"] == "1"
    assert output.inner_text() == "2"
    page.wait_for_function("(before) => document.querySelector('#priority-ranking').innerHTML !== before",
                           arg=before, timeout=30_000)
    assert page.locator("#priority-ranking .rank-row").count() == 35
    assert page.evaluate("() => document.activeElement.type") == "range"      # focus stays on the weight
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => /[?&]w=neet_share:1\\.5(,|&|$)/.test(location.search)", timeout=30_000)
    assert output.inner_text() == "1,5"


def test_the_map_is_an_image_with_words(page: Page, app_url: str):
    page.goto(app_url + "prioriteit")
    wait_for_page(page, "#priority-map")
    page.wait_for_function("() => { const i = document.querySelector('#priority-map');"
                           " return i.complete && i.naturalWidth > 0 && i.naturalHeight > 0; }", timeout=30_000)
    image = page.locator("#priority-map-box img#priority-map")
    assert image.is_visible()
    alt = image.get_attribute("alt") or ""
    assert re.search(r"arbeidsmarktregio, 2023", alt) and "geel = meer behoefte" in alt, alt
    box = image.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 200
    assert page.locator("#priority-map-box .js-plotly-plot").count() == 0
    page.locator("#priority-period input[value='2022']").check()
    page.wait_for_function("() => (document.querySelector('#priority-map').alt || '').includes(', 2022')",
                           timeout=30_000)
    page.wait_for_function("() => { const i = document.querySelector('#priority-map');"
                           " return i.complete && i.naturalWidth > 0; }", timeout=30_000)


# --- the weights: a drag is one change, a key press is one change, tables follow the weights --------------------

MAIN_UPDATE = "priority-summary"          # in the post body's "output" of the main update callback only
WEIGHT = "#priority-controls-heading ~ fieldset input[type=range]"


def _count_updates(page: Page, output: str = MAIN_UPDATE) -> dict[str, int]:
    """Count the page's /_dash-update-component requests (``sent``: those whose output names ``output``;
    ``open``: all still waiting for their answer), from now on."""
    counts = {"sent": 0, "open": 0}

    def on_request(request: Any) -> None:
        if urlsplit(request.url).path.endswith("/_dash-update-component"):
            counts["open"] += 1
            if output in json.loads(request.post_data or "{}").get("output", ""):
                counts["sent"] += 1

    def on_done(request: Any) -> None:
        if urlsplit(request.url).path.endswith("/_dash-update-component"):
            counts["open"] -= 1

    page.on("request", on_request)
    page.on("requestfinished", on_done)
    page.on("requestfailed", on_done)
    return counts


def _settle(page: Page, counts: dict[str, int], quiet_ms: int = 400, timeout_ms: int = 30_000) -> None:
    """Wait until no Dash request has been open for ``quiet_ms``."""
    quiet = waited = 0
    while quiet < quiet_ms:
        assert waited < timeout_ms, f"Dash requests still open after {timeout_ms} ms: {counts}"
        page.wait_for_timeout(50)
        waited += 50
        quiet = quiet + 50 if counts["open"] == 0 else 0


def _open_page(page: Page, url: str) -> dict[str, int]:
    page.goto(url)
    wait_for_page(page, "#priority-ranking .rank-row")
    page.wait_for_load_state("networkidle")
    counts = _count_updates(page)
    _settle(page, counts)
    counts["sent"] = 0
    return counts


def test_a_mouse_drag_of_a_weight_is_one_change(page: Page, app_url: str):
    """Dragging the first weight's thumb from 1 to the right end: no update while the mouse is down, one update
    round and one new history entry after release; the label and the address bar's w= say 3.  (Without
    data-on-release the same drag sends 4 updates before the mouse is up.)"""
    counts = _open_page(page, app_url + "prioriteit")
    history = page.evaluate("() => history.length")
    weight = page.locator(WEIGHT).first
    assert weight.input_value() == "1"
    box = weight.bounding_box()
    assert box
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 3, y)                   # the thumb at 1 of 0–3
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] + 20, y, steps=15)
    page.wait_for_timeout(500)
    assert counts["sent"] == 0                                        # nothing while the pointer holds the thumb
    assert weight.input_value() == "3"
    page.mouse.up()
    page.wait_for_function("() => /[?&]w=neet_share:3(,|&|$)/.test(location.search)", timeout=30_000)
    _settle(page, counts)
    assert counts["sent"] == 1
    assert page.evaluate("() => history.length") == history + 1
    assert page.locator(".slider-control").first.locator("output.weight-value").inner_text() == "3"
    assert _weights(page.url)["neet_share"] == "3"


def test_each_arrow_key_press_on_a_weight_is_one_change(page: Page, app_url: str):
    counts = _open_page(page, app_url + "prioriteit")
    page.locator(WEIGHT).first.focus()
    page.keyboard.press("ArrowRight")
    _settle(page, counts)
    assert counts["sent"] == 1
    page.keyboard.press("ArrowRight")
    _settle(page, counts)
    assert counts["sent"] == 2
    assert _weights(page.url)["neet_share"] == "2"
    assert page.locator(".slider-control").first.locator("output.weight-value").inner_text() == "2"


def test_the_ranking_table_opened_right_after_a_weight_change_shows_the_new_ranking(page: Page, app_url: str):
    """A weight changed by key and the table opened within ~40 ms: once the page is quiet the table holds the first
    25 gemeenten of the chart's new ranking (it used to stay empty).  Opened tables reopen from sessionStorage, so
    that is cleared first."""
    page.goto(app_url)
    page.evaluate("() => sessionStorage.clear()")
    counts = _open_page(page, app_url + "prioriteit?niveau=gemeente&periode=2022")
    summary = page.locator("#priority-table-details > summary")
    weights = page.locator(WEIGHT)
    for i in range(5):
        if page.locator("#priority-table-details").get_attribute("open") is not None:
            summary.click()                                           # closed again before the next change
            _settle(page, counts)
        weights.nth(i).focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(10 * i)
        summary.click()
        _settle(page, counts)
        rows = page.locator("#priority-table tbody tr")
        assert rows.count() == 25, f"weight {i}: {rows.count()} rows"
        chart_first = page.locator("#priority-ranking .rank-row .rank-name").first.inner_text()
        assert rows.first.locator("th").inner_text() == chart_first, f"weight {i}"
    assert console_errors(page) == []


def test_tab_from_the_ranking_reaches_the_weights_without_the_chart_links(page: Page, app_url: str):
    """The chart's name links are no Tab stops, so Tab from the ranking's heading reaches the first weight soon."""
    _open_page(page, app_url + "prioriteit")
    assert page.locator("#priority-ranking a.rank-name").count() == 35
    assert page.locator("#priority-ranking a.rank-name:not([tabindex='-1'])").count() == 0
    page.evaluate("() => { const h = document.querySelector('#priority-ranking-heading');"
                  " h.tabIndex = -1; h.focus(); }")
    first_weight = "() => document.activeElement === document.querySelector(" + json.dumps(WEIGHT) + ")"
    presses = 0
    while not page.evaluate(first_weight):
        assert presses < 14, "14 presses of Tab from the ranking's heading did not reach the first weight"
        page.keyboard.press("Tab")
        presses += 1
        assert page.evaluate("() => !document.activeElement.classList.contains('rank-name')")


def test_a_tap_on_a_row_of_the_chart_shows_its_figures_under_it(browser, app_url: str):
    """A phone has no hover, so no tooltip: a tap on a row's track shows rank, interval, index and label on a line
    under the row (the row's own words, as its aria-label says them); a tap elsewhere hides them again."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(app_url + "prioriteit")
        wait_for_page(page, "#priority-ranking .rank-row")
        detail = ("(i) => { const row = document.querySelectorAll('#priority-ranking .rank-row')[i];"
                  " const after = getComputedStyle(row, '::after');"
                  " return {content: after.content, label: row.querySelector('.rank-track').getAttribute('aria-label'),"
                  " height: row.getBoundingClientRect().height}; }")
        before = page.evaluate(detail, 2)
        assert before["content"] in ("none", "normal")
        page.locator("#priority-ranking .rank-track").nth(2).tap()
        shown = page.evaluate(detail, 2)
        words = shown["label"][:1].upper() + shown["label"][1:]
        assert shown["content"] == json.dumps(words, ensure_ascii=False)               # CSS gives it quoted
        assert re.fullmatch(r"Rang 3 \(90%: \d+–\d+\), index -?\d+,\d\d, [a-z 0-9]+", words), words
        assert shown["height"] > before["height"] + 10                                 # a line of its own
        page.locator("#priority-ranking-heading").tap()
        assert page.evaluate(detail, 2)["content"] in ("none", "normal")
        assert page.evaluate(PAGE_WIDTH)["scroll"] <= page.evaluate(PAGE_WIDTH)["client"]
    finally:
        context.close()
