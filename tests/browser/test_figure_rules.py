"""What users tripped over inside the charts of dashboard/ui/figures (issue #12, F1-F8), checked in the
browser: written out axis numbers, trend axes from zero, the Nederland line below bar labels, one colour per
selected region, bar labels readable on phones, the source once under a chart, one map colour rule, no mid-grey.
Fixtures from tests/browser/conftest.py.
"""

from __future__ import annotations

import re

import pytest
from browsersupport import reach_for_charts, wait_for_page
from playwright.sync_api import Page

HIGHLIGHT = "#d55e00"
DRAWN = """id => {
  const gd = document.querySelector('#' + id + ' .js-plotly-plot');
  return !!(gd && gd._fullLayout && gd._fullData && !gd.classList.contains('dash-graph--pending'));
}"""


def open_explorer(page: Page, app_url: str, query: str) -> None:
    page.goto(app_url + "verkennen" + query)
    wait_for_page(page, ".page-explorer")
    reach_for_charts(page)
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


def test_axis_numbers_are_written_out_not_si_prefixed(page: Page, app_url: str):
    """F1: counts read "18.000" and "500.000" on axes, never "18k" or "0,5M"."""
    open_explorer(page, app_url, "?indicator=neet_count&niveau=arbeidsmarktregio&regio=AM15")
    ticks = page.eval_on_selector_all("#explorer-bar .xtick text, #explorer-timeseries .ytick text",
                                      "nodes => nodes.map(n => n.textContent)")
    assert ticks and not [x for x in ticks if re.search(r"\d\s*[kMG]$", x)], ticks


def test_trend_axis_starts_at_zero(page: Page, app_url: str):
    """F2: a trend of a rate starts at zero, so a small change does not look like a big one."""
    open_explorer(page, app_url, "?indicator=neet_share&regio=AM15")
    assert graph(page, "explorer-timeseries", "gd._fullLayout.yaxis.range[0]") == 0


def test_national_line_does_not_cross_the_bar_labels(page: Page, app_url: str):
    """F3: the dotted Nederland line runs below the bars, and the value labels sit inside the bars' ends (a bar
    too short to hold its label has it just outside, where no line crosses it either)."""
    open_explorer(page, app_url, "?indicator=neet_share&regio=AM15")
    layer = graph(page, "explorer-bar", "(gd._fullLayout.shapes[0] || {}).layer")
    positions = graph(page, "explorer-bar", "gd._fullData[0].textposition")
    values = graph(page, "explorer-bar", "Array.from(gd._fullData[0].x)")
    assert layer == "below" and len(positions) == len(values)
    longest = max(abs(v) for v in values if v is not None)
    for position, value in zip(positions, values, strict=True):
        if value is not None and abs(value) >= 0.5 * longest:         # every long bar holds its label inside
            assert position == "inside", (value, longest)


def test_a_selected_region_has_one_colour_in_map_bar_and_trend(page: Page, app_url: str):
    """F4: AM15 selected is orange (#D55E00) in the map outline, its bar, and its trend line."""
    open_explorer(page, app_url, "?indicator=neet_share&regio=AM15")
    outline = graph(page, "explorer-map", "gd._fullData[2].marker.line.color")
    bars = graph(page, "explorer-bar", "gd._fullData[0].marker.color")
    codes = graph(page, "explorer-bar", "gd._fullData[0].y")
    line = graph(page, "explorer-timeseries", "gd._fullData.find(t => t.name.startsWith('Noord-Holland')).line.color")
    assert outline.lower() == HIGHLIGHT and bars[codes.index("AM15")].lower() == HIGHLIGHT
    assert line.lower() == HIGHLIGHT


def test_bar_labels_fit_on_a_phone(page: Page, app_url: str):
    """F5: at 390 px every value label of the bar chart is inside the chart, none cut at the right edge."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_explorer(page, app_url, "?indicator=youth_jobseeker_rate&regio=AM15")
    right = page.evaluate("() => document.querySelector('#explorer-bar .main-svg').getBoundingClientRect().right")
    labels = page.eval_on_selector_all("#explorer-bar .bartext", "ns => ns.map(n => n.getBoundingClientRect().right)")
    assert labels and max(labels) <= right


def test_the_source_is_said_once_under_the_chart_not_inside_it(page: Page, app_url: str):
    """F6: the HTML source note under each chart is the one source line; no in-chart copy to be clipped on a
    phone or printed twice."""
    open_explorer(page, app_url, "?indicator=neet_share&regio=AM15")
    for graph_id in ("explorer-map", "explorer-bar", "explorer-timeseries"):
        names = graph(page, graph_id, "(gd.layout.annotations || []).map(a => a.name || a.text)")
        assert not [n for n in names if n == "source" or str(n).startswith("Bron")], (graph_id, names)


@pytest.mark.parametrize("path", ["verkennen?indicator=neet_share"])
def test_one_colour_rule_on_every_map_yellow_is_more_need(page: Page, app_url: str, path: str):
    """F7: yellow = more need on every map (as on /prioriteit), and the legend says so (the region page's map, an
    image drawn on the server: tests/dashboard/test_region_map.py)."""
    page.goto(app_url + path)
    map_id = "explorer-map"
    wait_for_page(page, ".page")
    reach_for_charts(page)
    page.wait_for_function(DRAWN, arg=map_id, timeout=60_000)
    trace = graph(page, map_id, "({scale: gd._fullData[0].colorscale, reverse: gd._fullData[0].reversescale, "
                                "title: gd._fullData[0].colorbar.title.text})")
    red, green, blue = rgb(trace["scale"][0][1] if trace["reverse"] else trace["scale"][-1][1])  # the highest value
    assert red > 200 and green > 200 and blue < 150                   # yellow
    assert "geel" in trace["title"].lower()


def test_no_grey_in_the_map_scale_that_looks_like_suppressed(page: Page, app_url: str):
    """F8: suppressed regions are grey; the colour scale itself has no grey (cividis' middle #7C7B78 has)."""
    open_explorer(page, app_url, "?indicator=neet_share")
    scale = graph(page, "explorer-map", "gd._fullData[0].colorscale.map(s => s[1])")
    assert not [c for c in scale if is_grey(c)], scale
