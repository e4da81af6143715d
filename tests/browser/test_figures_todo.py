"""What users trip over inside the charts of dashboard/ui/figures (being rewritten by the performance work).

Each test states the wanted behaviour and fails today; they are marked ``xfail(strict=True)`` so that the moment
the figure change described in docs/figures-todo.md lands, the test passes, strict xfail turns that into a
failure, and whoever lands it removes the marker.  Fixtures from tests/browser/conftest.py.
"""

from __future__ import annotations

import re

import pytest
from browsersupport import wait_for_page
from playwright.sync_api import Page

TODO = pytest.mark.xfail(strict=True, reason="figures: see docs/figures-todo.md")
HIGHLIGHT = "#d55e00"
DRAWN = """id => {
  const gd = document.querySelector('#' + id + ' .js-plotly-plot');
  return !!(gd && gd._fullLayout && gd._fullData && !gd.classList.contains('dash-graph--pending'));
}"""


def open_explorer(page: Page, app_url: str, query: str) -> None:
    page.goto(app_url + "verkennen" + query)
    wait_for_page(page, ".page-explorer")
    for graph in ("explorer-map", "explorer-bar", "explorer-timeseries"):
        page.wait_for_function(DRAWN, arg=graph, timeout=60_000)


def graph(page: Page, graph_id: str, expression: str):
    """Evaluate ``expression`` with ``gd`` the Plotly graph div inside ``#graph_id``."""
    return page.evaluate(f"() => {{ const gd = document.querySelector('#{graph_id} .js-plotly-plot'); "
                         f"return {expression}; }}")


def rgb(colour: str) -> list[int]:
    """"#fde725" or "rgb(253, 231, 37)" -> [253, 231, 37]."""
    if colour.startswith("#"):
        return [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return [int(float(c)) for c in re.findall(r"[\d.]+", colour)[:3]]


def is_grey(colour: str) -> bool:
    """A colour whose channels are nearly equal."""
    channels = rgb(colour)
    return max(channels) - min(channels) < 20


@TODO
def test_axis_numbers_are_written_out_not_si_prefixed(page: Page, app_url: str):
    """F1: counts read "18.000" and "500.000" on axes, never "18k" or "0,5M"."""
    open_explorer(page, app_url, "?indicator=neet_count&niveau=arbeidsmarktregio&regio=AM15")
    ticks = page.eval_on_selector_all("#explorer-bar .xtick text, #explorer-timeseries .ytick text",
                                      "nodes => nodes.map(n => n.textContent)")
    assert ticks and not [x for x in ticks if re.search(r"\d\s*[kMG]$", x)], ticks


@TODO
def test_trend_axis_starts_at_zero(page: Page, app_url: str):
    """F2: a trend of a rate starts at zero, so a small change does not look like a big one."""
    open_explorer(page, app_url, "?indicator=neet_share&regio=AM15")
    assert graph(page, "explorer-timeseries", "gd._fullLayout.yaxis.range[0]") == 0


@TODO
def test_national_line_does_not_cross_the_bar_labels(page: Page, app_url: str):
    """F3: the dotted Nederland line runs below the bars, and the value labels sit inside the bars' ends."""
    open_explorer(page, app_url, "?indicator=neet_share&regio=AM15")
    layer = graph(page, "explorer-bar", "(gd._fullLayout.shapes[0] || {}).layer")
    position = graph(page, "explorer-bar", "gd._fullData[0].textposition")
    assert layer == "below" and position == "inside"


@TODO
def test_a_selected_region_has_one_colour_in_map_bar_and_trend(page: Page, app_url: str):
    """F4: AM15 selected is orange (#D55E00) in the map outline, its bar, and its trend line."""
    open_explorer(page, app_url, "?indicator=neet_share&regio=AM15")
    outline = graph(page, "explorer-map", "gd._fullData[2].marker.line.color")
    bars = graph(page, "explorer-bar", "gd._fullData[0].marker.color")
    codes = graph(page, "explorer-bar", "gd._fullData[0].y")
    line = graph(page, "explorer-timeseries", "gd._fullData.find(t => t.name.startsWith('Noord-Holland')).line.color")
    assert outline.lower() == HIGHLIGHT and bars[codes.index("AM15")].lower() == HIGHLIGHT
    assert line.lower() == HIGHLIGHT


@TODO
def test_bar_labels_fit_on_a_phone(page: Page, app_url: str):
    """F5: at 390 px every value label of the bar chart is inside the chart, none cut at the right edge."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_explorer(page, app_url, "?indicator=youth_jobseeker_rate&regio=AM15")
    right = page.evaluate("() => document.querySelector('#explorer-bar .main-svg').getBoundingClientRect().right")
    labels = page.eval_on_selector_all("#explorer-bar .bartext", "ns => ns.map(n => n.getBoundingClientRect().right)")
    assert labels and max(labels) <= right


@TODO
def test_the_source_is_said_once_under_the_chart_not_inside_it(page: Page, app_url: str):
    """F6: the HTML source note under each chart is the one source line; no in-chart copy to be clipped on a
    phone or printed twice."""
    open_explorer(page, app_url, "?indicator=neet_share&regio=AM15")
    for graph_id in ("explorer-map", "explorer-bar", "explorer-timeseries"):
        names = graph(page, graph_id, "(gd.layout.annotations || []).map(a => a.name || a.text)")
        assert not [n for n in names if n == "source" or str(n).startswith("Bron")], (graph_id, names)


@TODO
@pytest.mark.parametrize("path", ["verkennen?indicator=neet_share", "regio/AM15"])
def test_one_colour_rule_on_every_map_yellow_is_more_need(page: Page, app_url: str, path: str):
    """F7: yellow = more need on every map (as on /prioriteit), and the legend says so."""
    page.goto(app_url + path)
    map_id = "explorer-map" if path.startswith("verkennen") else "region-map"
    wait_for_page(page, ".page")
    page.wait_for_function(DRAWN, arg=map_id, timeout=60_000)
    trace = graph(page, map_id, "({scale: gd._fullData[0].colorscale, reverse: gd._fullData[0].reversescale, "
                                "title: gd._fullData[0].colorbar.title.text})")
    red, green, blue = rgb(trace["scale"][0][1] if trace["reverse"] else trace["scale"][-1][1])  # the highest value
    assert red > 200 and green > 200 and blue < 150                   # yellow
    assert "geel" in trace["title"].lower()


@TODO
def test_no_grey_in_the_map_scale_that_looks_like_suppressed(page: Page, app_url: str):
    """F8: suppressed regions are grey; the colour scale itself has no grey (cividis' middle #7C7B78 has)."""
    open_explorer(page, app_url, "?indicator=neet_share")
    scale = graph(page, "explorer-map", "gd._fullData[0].colorscale.map(s => s[1])")
    assert not [c for c in scale if is_grey(c)], scale
