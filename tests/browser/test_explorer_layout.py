"""/verkennen on a phone (issue #20): the first screen shows the map, not the controls, and no chart title is cut at
the chart's right edge.  Desktop keeps the controls open above the charts.

Fixtures from tests/browser/conftest.py (the page fixture fails a test on any console error).
"""

from __future__ import annotations

import re

import pytest
from browsersupport import reach_for_charts, wait_for_page
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

PHONE = {"width": 390, "height": 844}
DRAWN = """id => {
  const gd = document.querySelector('#' + id + ' .js-plotly-plot');
  return !!(gd && gd._fullLayout && gd._fullData && !gd.classList.contains('dash-graph--pending'));
}"""
# The first screen: where the map (its picture, as the page loads) starts, where its first quarter ends (the band
# above the country and the northern regions), and what the choices show.
FIRST_SCREEN = """() => {
  const h = window.innerHeight;
  const map = document.querySelector('#explorer-map-picture').getBoundingClientRect();
  return {height: h, mapTop: map.top, quarter: map.top + map.height / 4, loaded: document.querySelector(
          '#explorer-map-picture').complete, indicatorShown: document.querySelector('#explorer-indicator').checkVisibility()};
}"""
# Every title of a chart that is rendered (an HTML heading, or Plotly's own SVG title), with its box and the box of
# the chart's figure, and the title the figure carries in its layout.
TITLES = """id => {
  const plot = document.querySelector('#' + id + ' .main-svg').getBoundingClientRect();
  const shown = [...document.querySelectorAll(
      '#' + id + '-title, #' + id + '-subtitle, #' + id + ' .gtitle, #' + id + ' .gtitle-subtitle')]
    .filter(e => e.getClientRects().length && e.textContent.trim());
  const layout = document.querySelector('#' + id + ' .js-plotly-plot').layout.title;
  return {plot: {left: plot.left, right: plot.right}, viewport: document.documentElement.clientWidth,
          layout: [layout.text, (layout.subtitle || {}).text || ''],
          shown: shown.map(e => { const b = e.getBoundingClientRect();
            return {what: e.id || e.getAttribute('class'), text: e.textContent.trim(), left: b.left, right: b.right,
                    overflows: e instanceof HTMLElement && e.scrollWidth > e.clientWidth + 1}; })};
}"""


def open_explorer(page: Page, app_url: str, query: str = "", graphs: tuple[str, ...] = ("explorer-map",)) -> None:
    """Open /verkennen and, for ``graphs``, reach for its charts and wait until Plotly drew those."""
    page.goto(app_url + "verkennen" + query)
    wait_for_page(page, ".page-explorer")
    if graphs:
        reach_for_charts(page)
    for graph in graphs:
        page.wait_for_function(DRAWN, arg=graph, timeout=60_000)


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", " ", text or "")).strip()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_phone_opens_on_the_map_with_the_choices_folded_under_one_line(page: Page, app_url: str, lang: str):
    page.set_viewport_size(PHONE)
    open_explorer(page, app_url, "?lang=en" if lang == "en" else "", graphs=())
    try:                                                 # the choices fold as the page opens
        page.wait_for_function("() => document.querySelector('#explorer-map-picture').getBoundingClientRect().top"
                               " < window.innerHeight", timeout=5_000)
    except PlaywrightTimeout:
        pass
    first = page.evaluate(FIRST_SCREEN)
    assert first["loaded"] and first["mapTop"] < first["height"], first  # the map starts in the first screen
    assert first["quarter"] < first["height"], first                     # and shows some of its regions there
    assert not first["indicatorShown"]
    toggle = page.locator("#explorer-options > summary")
    assert toggle.inner_text() == ("Choose indicator, level, period and regions" if lang == "en"
                                   else "Kies indicator, niveau, periode en regio's")
    toggle.focus()                                                       # one clearly labelled control opens them
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#explorer-options').open", timeout=10_000)
    assert page.locator("#explorer-indicator").is_visible() and page.locator("#explorer-regions").is_visible()
    page.keyboard.press("Tab")                                           # and the next Tab stop is the first of them
    assert page.evaluate("() => document.activeElement.closest('#explorer-options .control') !== null")


def test_a_narrow_window_at_200_percent_zoom_folds_the_choices_too(page: Page, app_url: str):
    page.set_viewport_size({"width": 683, "height": 450})             # 1366 x 900 at 200 %
    open_explorer(page, app_url)
    page.wait_for_function("() => !document.querySelector('#explorer-options').open", timeout=10_000)
    assert page.locator("#explorer-options > summary").is_visible()


def test_a_laptop_shows_the_choices_open_above_the_charts_without_the_fold_line(page: Page, app_url: str):
    page.set_viewport_size({"width": 1366, "height": 900})
    open_explorer(page, app_url)
    page.wait_for_timeout(300)                                           # the fold callback has had its turn
    assert page.evaluate("() => document.querySelector('#explorer-options').open")
    assert not page.locator("#explorer-options > summary").is_visible()
    assert page.locator("#explorer-indicator").is_visible()
    controls = page.locator(".explorer-controls").bounding_box()
    chart = page.locator("#explorer-map").bounding_box()
    assert controls and chart and controls["y"] + controls["height"] < chart["y"] < 900


@pytest.mark.parametrize(("lang", "query"), [
    ("nl", "?indicator=youth_benefit_share_2005_2013"),
    ("nl", "?indicator=neet_count&niveau=gemeente"),
    ("nl", "?indicator=youth_benefit_share_2005_2013&niveau=rmc"),
    ("en", "?indicator=neet_count"),
    ("en", "?indicator=neet_share&niveau=gemeente&regio=GM0363,GM0599"),
    ("en", "?indicator=youth_benefit_share_2005_2013&niveau=rmc"),
])
def test_the_bar_chart_title_is_whole_on_a_phone(page: Page, app_url: str, lang: str, query: str):
    """The bar chart's title (and the gemeente level's subtitle) reads in full at 390 px: every title shown lies
    inside the chart's figure, and it says what the figure's own title says (the PNG download keeps that one)."""
    page.set_viewport_size(PHONE)
    open_explorer(page, app_url, query + ("&lang=en" if lang == "en" else ""), graphs=("explorer-bar",))
    found = page.evaluate(TITLES, "explorer-bar")
    title, subtitle = (plain(t) for t in found["layout"])
    assert [s["text"] for s in found["shown"]] == [t for t in (title, subtitle) if t], found
    for shown in found["shown"]:
        assert found["plot"]["left"] - 1 <= shown["left"] and shown["right"] <= found["plot"]["right"] + 1, shown
        assert not shown["overflows"], shown
    assert found["plot"]["right"] <= found["viewport"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_explorer_chart_title_is_cut_on_a_phone(page: Page, app_url: str, lang: str):
    """The map's and the trend's titles too (the English map title is wider than a phone)."""
    page.set_viewport_size(PHONE)
    open_explorer(page, app_url, "?indicator=neet_count&regio=AM15" + ("&lang=en" if lang == "en" else ""),
                  graphs=("explorer-map", "explorer-bar", "explorer-timeseries"))
    for graph in ("explorer-map", "explorer-bar", "explorer-timeseries"):
        found = page.evaluate(TITLES, graph)
        assert found["shown"] and found["shown"][0]["text"] == plain(found["layout"][0]), (graph, found)
        for shown in found["shown"]:
            assert shown["right"] <= found["plot"]["right"] + 1, (graph, shown)
