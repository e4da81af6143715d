"""/verkennen in a real browser: first render, map clicks, the URL as the state, back button, table sort.

Uses the ``app_url`` and ``page`` fixtures of tests/browser/conftest.py (the page fixture fails a test on any
console error). Map clicks are driven through the event Dash listens to,
``gd.emit('plotly_click', {points: [{location: 'AM15'}]})``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from browsersupport import close_table, reach_for_charts, wait_for_page
from playwright.sync_api import Page

# Drawn: the regions are there as SVG paths and Plotly.react has resolved (Dash binds the click handler only then).
MAP_DRAWN = """() => {
  const gd = document.querySelector('#explorer-map .js-plotly-plot');
  return !!(gd && gd._fullData && gd._fullData.length === 3 && !gd.classList.contains('dash-graph--pending')
            && gd._ev && gd._ev.listeners('plotly_click').length > 0
            && document.querySelectorAll('#explorer-map path.choroplethlocation').length >= 35);
}"""


def wait_for_map(page: Page) -> None:
    """The page loaded, the reader reached for its charts, and Plotly's map is drawn."""
    wait_for_page(page, ".page-explorer")
    reach_for_charts(page)
    page.wait_for_function(MAP_DRAWN, timeout=60_000)


def click_region(page: Page, code: str) -> None:
    page.evaluate("code => document.querySelector('#explorer-map .js-plotly-plot')"
                  ".emit('plotly_click', {points: [{location: code, curveNumber: 0}]})", code)


def selected_outline(page: Page) -> list[str]:
    return page.evaluate("() => Array.from(document.querySelector('#explorer-map .js-plotly-plot').data[2].locations)")


def dropdown_text(page: Page, cid: str) -> str:
    return page.locator(f"#{cid}").inner_text().strip()


def test_first_render_without_console_errors(page: Page, app_url: str):
    page.goto(app_url + "verkennen")
    wait_for_map(page)
    ms = page.evaluate("performance.now()")                   # since navigation start
    print(f"\nfirst render of /verkennen (navigation start -> map drawn): {ms:.0f} ms")
    assert page.locator("h1").inner_text() == "Verkennen: kaart, ontwikkeling en vergelijking"
    assert "Jongeren zonder werk en opleiding" in dropdown_text(page, "explorer-indicator")
    assert page.locator("#explorer-level input[value=arbeidsmarktregio]").is_checked()
    assert page.locator("label[for=explorer-indicator]").inner_text() == "Indicator"
    assert page.locator("#explorer-map-summary").inner_text().startswith("Hoogste waarde:")
    assert page.locator(".page-explorer .source-note").count() >= 3
    assert page.locator("#explorer-table").count() == 0                       # built when a reader opens it
    assert page.locator("#explorer-bar .js-plotly-plot").count() == 1
    assert page.locator("#explorer-timeseries .js-plotly-plot").count() == 1


PICTURES = """() => ['explorer-map', 'explorer-bar', 'explorer-timeseries'].map((id) => {
  const img = document.getElementById(id + '-picture');
  const box = img && img.getBoundingClientRect();
  return {id, loaded: !!(img && img.complete && img.naturalWidth > 0), width: box ? box.width : 0,
          alt: img ? img.alt : ''};
})"""


def test_the_charts_load_as_pictures_and_plotly_comes_when_a_chart_is_reached_for(page: Page, app_url: str):
    """A first view draws no Plotly and fetches no map geometry: the three charts are pictures, each with its words
    in ``alt``.  The pointer over one of them brings Plotly's three charts, with the URL's selection outlined."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(app_url + "verkennen?regio=AM15")
    wait_for_page(page, ".page-explorer")
    page.wait_for_function("() => document.getElementById('explorer-timeseries-picture').complete")
    pictures = page.evaluate(PICTURES)
    assert all(p["loaded"] and p["width"] > 300 and p["alt"] for p in pictures), pictures
    assert page.locator(".js-plotly-plot").count() == 0
    assert not [url for url in fetched if "/_static/geo/" in url]
    page.wait_for_timeout(300)
    assert page.locator(".js-plotly-plot").count() == 0                        # nothing comes by itself
    reach_for_charts(page, "#explorer-timeseries-box")
    page.wait_for_function(MAP_DRAWN, timeout=60_000)
    assert selected_outline(page) == ["AM15"]
    assert page.locator("[id$='-picture']").count() == 0


@pytest.mark.parametrize("touch", [False, True])
def test_a_click_or_tap_on_the_map_picture_selects_the_region_there(page: Page, app_url: str, touch: bool):
    """The first click (or a phone's first tap) on the map lands on its picture: it selects the region drawn where it
    fell, and Plotly's map comes with that region outlined."""
    from shapely.geometry import MultiPolygon, Polygon
    if touch:
        page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_url + "verkennen")
    wait_for_page(page, ".page-explorer")
    picture = page.locator("#explorer-map-picture")
    picture.scroll_into_view_if_needed()
    svg = unquote(picture.get_attribute("src"))
    path = re.search(r'<path d="([^"]+)"[^>]*data-code="AM12"', svg).group(1)
    rings = [[tuple(map(float, xy.split(","))) for xy in re.findall(r"-?[\d.]+,-?[\d.]+", ring)]
             for ring in path.split("Z") if ring.strip()]
    inside = MultiPolygon([Polygon(r) for r in rings if len(r) >= 3]).buffer(0).representative_point()
    width = float(re.search(r'width="([\d.]+)"', svg).group(1))
    box = picture.bounding_box()
    x, y = box["x"] + inside.x * box["width"] / width, box["y"] + inside.y * box["width"] / width
    if touch:
        page.evaluate("""([x, y]) => {                     // a finger: touchstart, then the click the browser makes
            const img = document.elementFromPoint(x, y);
            const touch = new Touch({identifier: 1, target: img, clientX: x, clientY: y});
            img.dispatchEvent(new TouchEvent('touchstart', {touches: [touch], bubbles: true}));
            img.dispatchEvent(new MouseEvent('click', {clientX: x, clientY: y, bubbles: true}));
        }""", [x, y])                                   # the box is in the viewport's coordinates, as these
    else:
        page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"regio=AM12$"), timeout=30_000)
    page.wait_for_function(MAP_DRAWN, timeout=60_000)
    page.wait_for_function("() => document.querySelector('#explorer-map .js-plotly-plot').data[2].locations.length")
    assert selected_outline(page) == ["AM12"]


def test_map_clicks_keep_at_most_ten_regions_and_ignore_a_click_beside_them(page: Page, app_url: str):
    """Map clicks: an eleventh region drops the first chosen, and a click that names no region (Plotly reports one
    without a location) changes nothing."""
    page.goto(app_url + "verkennen")
    wait_for_map(page)
    codes = sorted(page.evaluate("() => Array.from(document.querySelector('#explorer-map .js-plotly-plot')"
                                 ".data[0].locations)"))[:11]
    page.goto(app_url + "verkennen?regio=" + ",".join(codes[:10]))
    wait_for_map(page)
    page.evaluate("() => document.querySelector('#explorer-map .js-plotly-plot')"
                  ".emit('plotly_click', {points: [{curveNumber: 0}]})")
    click_region(page, codes[10])
    page.wait_for_url(re.compile(f"regio={codes[1]}(,|%2C).*{codes[10]}$"))
    page.wait_for_function("code => document.querySelector('#explorer-map .js-plotly-plot').data[2].locations"
                           ".includes(code)", arg=codes[10])
    assert selected_outline(page) == codes[1:]


def open_region_table(page: Page) -> None:
    page.locator("#explorer-table-details summary").click()
    page.wait_for_selector("#explorer-table tbody tr", timeout=30_000)


def selected_rows(page: Page) -> list[str]:
    """The codes of the table's rows drawn in bold (the selected regions)."""
    return page.evaluate("() => [...document.querySelectorAll('#explorer-table tbody tr')].filter(tr =>"
                         " [...tr.querySelectorAll('td')].some(td => getComputedStyle(td).fontWeight >= 700))"
                         ".map(tr => tr.querySelector('td').innerText)")


def test_the_table_of_every_region_is_built_when_opened_and_follows_a_change(page: Page, app_url: str):
    page.goto(app_url + "verkennen?regio=AM15")
    wait_for_map(page)
    open_region_table(page)
    assert page.locator("#explorer-table tbody tr").count() == 36                 # a header row and 35 regions
    assert selected_rows(page) == ["AM15"]
    assert page.locator("#explorer-table-source").inner_text() == page.locator("#explorer-map-source").inner_text()
    click_region(page, "AM01")                                                      # another selection: restyled
    page.wait_for_function("() => document.querySelectorAll('#explorer-table tbody tr').length === 36")
    page.wait_for_url(re.compile(r"regio=AM15(%2C|,)AM01"))
    page.wait_for_timeout(500)
    assert sorted(selected_rows(page)) == ["AM01", "AM15"]
    page.locator("#explorer-level input[value=gemeente]").check()
    page.wait_for_function("() => document.querySelectorAll('#explorer-table tbody tr').length === 51",
                           timeout=30_000)                                          # 342 gemeenten, 50 a page
    assert "GM" in page.locator("#explorer-table tbody tr").nth(1).inner_text()
    close_table(page, "explorer-table-details")                                     # closed: not followed ...
    page.locator("#explorer-level input[value=rmc]").check()
    page.wait_for_url(re.compile(r"niveau=rmc"))
    page.wait_for_timeout(500)
    assert "GM" in page.locator("#explorer-table tbody tr").nth(1).text_content(timeout=1000)
    open_region_table(page)                                                         # ... until opened again
    page.wait_for_function("() => (document.querySelectorAll('#explorer-table tbody tr')[1] || {}).innerText"
                           ".includes('MC')", timeout=30_000)


# A point inside a region's drawn shape, in page pixels: the centre of the largest region's box when the shape
# covers it (regions are SVG paths; a click anywhere over one reaches Plotly's hover test of the map).
POINT_IN_A_REGION = """() => {
  const paths = [...document.querySelectorAll('#explorer-map path.choroplethlocation')];
  const inside = paths.map((p) => { const b = p.getBBox(); const c = new DOMPoint(b.x + b.width / 2, b.y + b.height / 2);
                                    return {p, b, c}; })
    .filter(({p, c}) => p.isPointInFill(c)).sort((a, b) => b.b.width * b.b.height - a.b.width * a.b.height);
  if (!inside.length) return null;
  const {p, c} = inside[0]; const s = c.matrixTransform(p.getScreenCTM());
  return {x: s.x, y: s.y};
}"""


def test_a_real_click_on_a_region_of_the_svg_map_selects_it(page: Page, app_url: str):
    page.goto(app_url + "verkennen")
    wait_for_map(page)
    page.locator("#explorer-map").scroll_into_view_if_needed()
    point = page.evaluate(POINT_IN_A_REGION)
    assert point, "no region of the map has its own box centre inside it"
    page.mouse.move(point["x"], point["y"])
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(re.compile(r"regio=AM\d\d"), timeout=30_000)
    code = re.search(r"regio=(AM\d\d)", page.url).group(1)
    page.wait_for_function("() => document.querySelector('#explorer-map .js-plotly-plot').data[2].locations.length")
    assert selected_outline(page) == [code]


def test_clicking_the_map_selects_a_region_and_writes_the_url(page: Page, app_url: str):
    page.goto(app_url + "verkennen")
    wait_for_map(page)
    click_region(page, "AM15")
    page.wait_for_url(re.compile(r"regio=AM15"))
    page.wait_for_function("() => document.querySelector('#explorer-regions').innerText.includes('AM15')")
    assert "Noord-Holland Noord (AM15)" in dropdown_text(page, "explorer-regions")
    page.wait_for_function("() => document.querySelector('#explorer-map .js-plotly-plot').data[2].locations.length")
    assert selected_outline(page) == ["AM15"]
    page.wait_for_function("() => document.querySelector('#explorer-timeseries').innerText.includes('Noord-Holland')")
    assert "1 regio geselecteerd: Noord-Holland Noord." in page.locator("#explorer-status").inner_text()

    click_region(page, "AM18")
    page.wait_for_url(re.compile(r"regio=AM15(,|%2C)AM18"))
    click_region(page, "AM18")                                  # the same region again, straight after: off
    page.wait_for_url(re.compile(r"regio=AM15$"))
    click_region(page, "AM18")
    page.wait_for_url(re.compile(r"regio=AM15(,|%2C)AM18"))
    click_region(page, "AM15")                                  # a second click deselects
    page.wait_for_url(re.compile(r"regio=AM18$"))
    page.wait_for_function("() => !document.querySelector('#explorer-regions').innerText.includes('AM15')")
    assert selected_outline(page) == ["AM18"]

    page.go_back()                                              # the previous state comes back
    page.wait_for_url(re.compile(r"regio=AM15(,|%2C)AM18$"))
    page.wait_for_function("() => document.querySelector('#explorer-regions').innerText.includes('AM15')")
    assert "Groot Amsterdam (AM18)" in dropdown_text(page, "explorer-regions")


def test_url_restores_exactly_that_view_in_english(page: Page, app_url: str):
    page.goto(app_url + "verkennen?indicator=early_school_leaver_rate&niveau=gemeente&periode=2019/2020"
                        "&regio=GM0363,GM0599&lang=en")
    wait_for_map(page)
    assert page.locator("h1").inner_text() == "Explore: map, trend and comparison"
    assert dropdown_text(page, "explorer-indicator").startswith("Early school leavers")
    assert page.locator("#explorer-level input[value=gemeente]").is_checked()
    assert page.locator("#explorer-level").inner_text().split("\n") == ["Labour-market regions (35)",
                                                                        "RMC regions (40)", "Municipalities (342)"]
    assert dropdown_text(page, "explorer-period").startswith("school year 2019/20")
    regions = dropdown_text(page, "explorer-regions")
    assert "Amsterdam (GM0363)" in regions and "Rotterdam (GM0599)" in regions
    assert sorted(selected_outline(page)) == ["GM0363", "GM0599"]
    title = page.evaluate("() => document.querySelector('#explorer-map .js-plotly-plot').layout.title.text")
    assert title == "Early school leavers, school year 2019/20"
    assert page.evaluate("() => document.querySelector('#explorer-map .js-plotly-plot').layout.separators") == ".,"
    assert page.locator("label[for=explorer-period]").inner_text() == "Period"
    assert "regio=GM0363" in page.url and "lang=en" in page.url


def test_choosing_in_the_dropdown_and_changing_level(page: Page, app_url: str):
    page.goto(app_url + "verkennen?regio=AM15")
    wait_for_map(page)
    page.check("#explorer-level input[value=gemeente]")
    page.wait_for_url(re.compile(r"niveau=gemeente"))
    assert "regio=" not in page.url                              # AM codes do not survive a switch to gemeenten
    page.wait_for_function("() => document.querySelector('#explorer-map .js-plotly-plot').data[0].locations.length"
                           " + document.querySelector('#explorer-map .js-plotly-plot').data[1].locations.length"
                           " === 342")
    page.click("#explorer-regions")
    page.keyboard.type("Amsterdam")
    page.get_by_role("option", name=re.compile(r"^Amsterdam \(GM0363\)")).click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"regio=GM0363"))
    page.wait_for_function("() => document.querySelector('#explorer-map .js-plotly-plot').data[2].locations.length")
    assert selected_outline(page) == ["GM0363"]


def test_comparison_table_sorts(page: Page, app_url: str):
    page.goto(app_url + "verkennen")
    wait_for_map(page)
    open_region_table(page)
    first = page.locator("#explorer-table tbody tr").nth(1).inner_text()     # row 0 is the header row
    page.locator("#explorer-table th.dash-header.column-0 .column-header--sort").click()
    page.wait_for_function("prev => document.querySelectorAll('#explorer-table tbody tr')[1].innerText !== prev",
                           arg=first)
    codes = [page.locator("#explorer-table tbody tr").nth(i).locator("td").first.inner_text() for i in (1, 2, 3)]
    assert codes == sorted(codes)


def test_a_chart_table_is_built_when_opened_and_follows_the_view(page: Page, app_url: str):
    page.goto(app_url + "verkennen?regio=AM15")
    wait_for_map(page)
    assert page.locator("#explorer-bar-table tr").count() == 0            # not built before it is opened
    page.locator("#explorer-bar-details summary").click()
    page.wait_for_function("() => document.querySelectorAll('#explorer-bar-table tbody tr').length === 35")
    assert "Noord-Holland Noord" in page.locator("#explorer-bar-table").inner_text()
    before = page.locator("#explorer-bar-table").inner_text()
    page.click("#explorer-indicator")
    page.get_by_role("option", name=re.compile(r"^Jongeren ingeschreven bij UWV")).click()
    page.wait_for_url(re.compile(r"indicator=youth_jobseeker_rate"))
    page.wait_for_function("prev => document.querySelector('#explorer-bar-table').innerText !== prev", arg=before)
    assert page.locator("#explorer-bar-table tbody tr").count() == 35


def test_a_chart_downloaded_as_png_carries_its_source_line(page: Page, app_url: str):
    """The page says the source once, under the chart; the camera button's PNG gets the same words under the plot."""
    page.goto(app_url + "verkennen?indicator=neet_share&regio=AM15")
    wait_for_map(page)
    graph = "#explorer-bar .js-plotly-plot"
    page.wait_for_function(f"() => !!document.querySelector('{graph}')._fullLayout")
    source = page.evaluate(f"() => document.querySelector('{graph}').layout.meta.source")
    assert source.startswith("DEMO") or source.startswith("Bron: CBS")
    page.evaluate("""() => {
        const original = window.Plotly.downloadImage;
        window.__exported = [];
        window.Plotly.downloadImage = (figure, options) => {
            window.__exported.push({notes: figure.layout.annotations.map(a => a.text), height: options.height});
            return original(figure, options);
        };
    }""")
    page.hover(graph)
    titles = page.eval_on_selector_all("#explorer-bar .modebar-btn", "ns => ns.map(n => n.dataset.title)")
    assert titles == ["Download als afbeelding (PNG)"]          # one button, in the page's language, nothing to the cloud
    map_titles = page.eval_on_selector_all("#explorer-map .modebar-btn", "ns => ns.map(n => n.dataset.title)")
    assert map_titles == ["Inzoomen", "Uitzoomen", "Terug naar het begin", "Download als afbeelding (PNG)"]
    assert page.locator(".modebar-btn[data-title*='Share'], .modebar-btn[data-title*='Cloud']").count() == 0
    with page.expect_download() as download:
        page.click("#explorer-bar .modebar-btn[data-title='Download als afbeelding (PNG)']")
    assert download.value.suggested_filename.endswith(".png")
    exported = page.evaluate("() => window.__exported")
    height = page.evaluate(f"() => document.querySelector('{graph}')._fullLayout.height")
    assert len(exported) == 1 and exported[0]["notes"][-1] == source and exported[0]["height"] > height
    drawn = page.eval_on_selector_all("#explorer-bar .annotation-text", "ns => ns.map(n => n.textContent)")
    assert source not in drawn                                   # not drawn in the chart on the page


def test_one_action_adds_the_peers_and_the_bar_shows_the_selections_mean(page: Page, app_url: str,
                                                                          built_store: Path):
    near = pd.read_parquet(built_store / "peer_neighbours.parquet")
    near = near[(near["level"] == "arbeidsmarktregio") & (near["region_code"] == "AM15")]
    near = near[near["period"].astype(str) == max(near["period"].astype(str))].sort_values("position")
    expected = ["AM15", *near["neighbour_code"]]
    page.goto(app_url + "verkennen?regio=AM15")
    wait_for_map(page)
    page.click("#explorer-add-peers")
    page.wait_for_url(re.compile("regio=" + "(,|%2C)".join(expected) + "$"))
    status = page.locator("#explorer-peers-status").inner_text()
    assert status.startswith("Toegevoegd") and all(n in status for n in near["neighbour_name"])
    page.wait_for_function("() => document.querySelector('#explorer-bar').innerText.includes('Selectie (')",
                           timeout=30_000)
    page.go_back()                                            # one step in the history, as any selection change
    page.wait_for_url(re.compile(r"regio=AM15$"))


def test_the_table_of_every_region_prints_only_when_opened(page: Page, app_url: str):
    """On paper no heading over a closed table, and no "show" line over an open one."""
    page.goto(app_url + "verkennen?regio=AM15")
    wait_for_map(page)

    def height(selector: str) -> float:
        return page.evaluate(f"() => document.querySelector('{selector}').getBoundingClientRect().height")

    page.emulate_media(media="print")
    assert height(".explorer-table-block") == 0
    page.emulate_media(media="screen")
    open_region_table(page)
    page.emulate_media(media="print")
    assert height("#explorer-table") > 300 and height("#explorer-table-details > summary") == 0


def test_an_opened_table_is_open_again_after_back(page: Page, app_url: str):
    """Back to another state has the page router draw the page again: a table the reader opened is opened (and
    built) again, for the state Back returns to; one they closed stays closed."""
    page.goto(app_url + "verkennen?regio=AM15")
    wait_for_map(page)
    click_region(page, "AM01")
    page.wait_for_url(re.compile(r"regio=AM15(%2C|,)AM01"))
    click_region(page, "AM02")
    page.wait_for_url(re.compile(r"AM01(%2C|,)AM02"))
    click_region(page, "AM03")
    page.wait_for_url(re.compile(r"AM02(%2C|,)AM03"))
    open_region_table(page)
    page.go_back()
    page.wait_for_url(re.compile(r"regio=AM15(%2C|,)AM01(%2C|,)AM02$"))
    page.wait_for_function("() => document.querySelector('#explorer-table-details') &&"
                           " document.querySelector('#explorer-table-details').open &&"
                           " document.querySelectorAll('#explorer-table tbody tr').length === 36", timeout=30_000)
    page.wait_for_timeout(500)
    assert sorted(selected_rows(page)) == ["AM01", "AM02", "AM15"]
    close_table(page, "explorer-table-details")                                     # closed by the reader ...
    page.go_back()
    page.wait_for_url(re.compile(r"regio=AM15(%2C|,)AM01$"))
    wait_for_map(page)
    page.wait_for_timeout(1000)
    assert page.evaluate("() => document.querySelector('#explorer-table-details').open") is False   # ... stays so
