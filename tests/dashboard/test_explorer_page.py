"""/verkennen through the Flask test client: the layout restores the URL state with its charts as pictures; once
live, the callback draws Plotly's charts and then patches the map."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, unquote

import pandas as pd
import pytest
from pagesupport import render_page, texts

INDICATOR, LEVEL, PERIOD, REGIONS = "explorer-indicator", "explorer-level", "explorer-period", "explorer-regions"
MAP, URL = "explorer-map", "explorer-url"      # ids of dashboard/pages/explorer.py (not importable before the app)
BAR, TS, DEFINITION = "explorer-bar", "explorer-timeseries", "explorer-definition"
PARTS_KEY, LIVE = "explorer-parts-key", "explorer-live"
CHARTS = (MAP, BAR, TS)


def _props(node, wanted: str) -> dict:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            props = item.get("props", {})
            if props.get("id") == wanted:
                return props
            stack.extend(v for v in props.values() if isinstance(v, (list, dict)))
    raise KeyError(wanted)


def _body(dash_app, client, output: str, changed: str, values: dict) -> dict:
    """The request the browser sends for the callback whose outputs include ``output``, ``changed`` the trigger."""
    client.get("/")
    key = next(k for k in dash_app.callback_map if output in k)
    spec = dash_app.callback_map[key]
    return {
        "output": key,
        "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in key.strip(".").split("...")],
        "inputs": [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in spec["inputs"]],
        "state": [{**s, "value": values.get(f"{s['id']}.{s['property']}")} for s in spec["state"]],
        "changedPropIds": [changed],
    }


def _post(dash_app, client, output: str, changed: str, values: dict) -> dict:
    """POST the callback whose outputs include ``output`` as the browser does, ``changed`` being the trigger."""
    body = _body(dash_app, client, output, changed, values)
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.data[:400]
    answer = response.get_json()
    return {**answer["response"], **answer.get("sideUpdate", {})}       # outputs, and the props it sets besides


def _shown_key(client, search: str = "", graphs: bool = True) -> list:
    """The parts' key of the page loaded at ``search``: its charts Plotly's (live) or the pictures it loads with."""
    key = _props(render_page(client, "/verkennen", search)["content"], PARTS_KEY)["data"]
    assert key[-1] == "pictures"
    return [*key[:-1], "graphs" if graphs else "pictures"]


def _call(dash_app, client, changed: str, values: dict) -> dict:
    """The explorer callback, on a live page (Plotly's charts) that showed the default view (its parts' key) unless
    ``values`` say."""
    values = {f"{LIVE}.data": True, **values}
    if f"{PARTS_KEY}.data" not in values:
        values = {**values, f"{PARTS_KEY}.data": _shown_key(client)}
    return _post(dash_app, client, f"{MAP}-box.children", changed, values)


def _figure(answer: dict, cid: str) -> dict:
    """Chart ``cid``'s figure in an answer of a live page: the figure of the Plotly chart put in its box, or what
    the chart it holds gets, a whole figure or the patch of the last one."""
    box = answer.get(f"{cid}-box", {}).get("children")
    if box is not None:
        assert box["type"] == "Graph" and box["props"]["id"] == cid
        return box["props"]["figure"]
    return answer[cid]["figure"]


@pytest.fixture(scope="module")
def latest(app_store) -> str:
    """The latest NEET year in the fixture store (from the observations, so a new demo needs no edit here)."""
    obs = app_store.observations
    rows = obs[(obs["indicator"] == "neet_share") & (obs["region_level"] == "arbeidsmarktregio") & obs["value"].notna()]
    return str(rows.sort_values("period_start")["period"].iloc[-1])


def _view(**over) -> dict:
    """Callback values; no period: the explorer takes the latest one."""
    base = {f"{INDICATOR}.value": "neet_share", f"{LEVEL}.value": "arbeidsmarktregio", f"{PERIOD}.value": None,
            f"{REGIONS}.value": [], f"{URL}.search": "", f"{URL}.pathname": "/verkennen",
            "explorer-lang.data": "nl"}
    return {**base, **over}


def test_layout_restores_the_view_of_the_url(dash_app, app_client):
    page_search = ("?indicator=early_school_leaver_rate&niveau=gemeente&periode=2019/2020&regio=GM0363,gm0599"
                   "&lang=en")
    page = render_page(app_client, "/verkennen", page_search)
    content = page["content"]
    assert _props(content, INDICATOR)["value"] == "early_school_leaver_rate"
    assert _props(content, LEVEL)["value"] == "gemeente"
    assert _props(content, PERIOD)["value"] == "2019/2020"
    assert _props(content, REGIONS)["value"] == ["GM0363", "GM0599"]
    assert len(_props(content, REGIONS)["options"]) == 342
    assert parse_qs(_props(content, URL)["search"][1:]) == {
        "indicator": ["early_school_leaver_rate"], "niveau": ["gemeente"], "periode": ["2019/2020"],
        "regio": ["GM0363,GM0599"], "lang": ["en"]}
    assert _props(content, f"{MAP}-title")["children"] == "Early school leavers, school year 2019/20"
    svg = unquote(_props(content, f"{MAP}-picture")["src"])
    assert re.findall(r'data-selected="([^"]+)"', svg) == ["GM0363", "GM0599"]
    assert "Graph" not in json.dumps(content)                          # no Plotly until the reader reaches for it
    text = texts(content)
    assert "Explore: map, trend and comparison" in text and "Highest value:" in text
    assert "explorer-table" not in json.dumps(content).replace("explorer-table-", "")    # built when opened
    assert _props(content, "explorer-table-details").get("open") is not True
    table = _call_table(dash_app, app_client, page_search)["explorer-table-box"]["children"][0]["props"]
    assert table["id"] == "explorer-table" and len(table["data"]) == 342 and table["sort_action"] == "native"
    assert [c["id"] for c in table["columns"]] == ["region_code", "region_name", "value", "rank", "change", "status"]
    assert "/api/v1/observations.csv?indicator=early_school_leaver_rate&level=gemeente" in json.dumps(content)


def _call_table(dash_app, client, search: str, shown: dict | None = None, is_open: bool = True,
                changed: str = f"{URL}.search", status: int = 200) -> dict:
    """The table-of-every-region callback, as the browser asks it when the URL's search changes (or the reader opens
    the table: ``changed`` its open flag)."""
    values = {f"{URL}.search": search, f"{URL}.pathname": "/verkennen", "explorer-lang.data": "nl",
              "explorer-table-key.data": shown, "explorer-table-open.data": is_open}
    body = _body(dash_app, client, "explorer-table-box.children", changed, values)
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == status, response.data[:400]
    if status != 200:
        return {}
    answer = response.get_json()
    return {**answer["response"], **answer.get("sideUpdate", {})}       # outputs, and the props it sets besides


def _rows_of(answer: dict) -> list[dict]:
    return answer["explorer-table-box"]["children"][0]["props"]["data"]


@pytest.mark.parametrize("search", ["?indicator=neet_count&regio=AM15", "?niveau=gemeente&periode=2023&regio=GM0363",
                                    "?indicator=nonsense"])
def test_the_table_of_every_region_is_built_when_opened_for_the_url_and_follows_it(dash_app, app_client, app_store,
                                                                                   search):
    """Built when the reader opens it, for the URL's state: every region of the level, ranked as in the store, the
    selected rows marked and the layer's source under it; then a new selection only restyles it, another layer
    rebuilds it, and a closed table is left as it is."""
    content = render_page(app_client, "/verkennen", search)["content"]
    assert _props(content, "explorer-table-key")["data"] is None                 # nothing built on load
    out = _call_table(dash_app, app_client, search, changed="explorer-table-open.data")
    table = out["explorer-table-box"]["children"][0]["props"]
    indicator = _props(content, INDICATOR)["value"]
    level, period = _props(content, LEVEL)["value"], _props(content, PERIOD)["value"]
    regions = app_store.regions
    assert sorted(r["region_code"] for r in table["data"]) == sorted(regions[regions["region_level"] == level]
                                                                     ["region_code"])
    rows = app_store.observations
    rows = rows[(rows["indicator"] == indicator) & (rows["region_level"] == level) & (rows["period"] == period)]
    ranked = rows.dropna(subset=["value"]).sort_values("value", ascending=False)["region_code"].tolist()
    assert [r["region_code"] for r in table["data"]][:5] == ranked[:5]             # rank 1 = highest value first
    selected = [rule["if"]["filter_query"] for rule in table["style_data_conditional"] if "filter_query" in rule["if"]]
    assert selected == [f'{{region_code}} = "{c}"' for c in _props(content, REGIONS)["value"]]
    source = texts(out["explorer-table-box"]["children"][1])                   # the layer's marks, as the charts'
    assert source and source == texts(_props(content, f"{MAP}-source")["children"])
    shown = out["explorer-table-key"]["data"]
    assert shown["selected"] == _props(content, REGIONS)["value"]
    _call_table(dash_app, app_client, search, shown, status=204)                 # it shows that state: nothing
    again = _call_table(dash_app, app_client, search.split("&regio=")[0] + "&regio=AM01", shown)
    if level == "arbeidsmarktregio":                                             # another selection: restyled only
        assert "explorer-table-box" not in again
        styles = again["explorer-table"]["style_data_conditional"]
        assert [r["if"]["filter_query"] for r in styles if "filter_query" in r["if"]] == ['{region_code} = "AM01"']
        assert again["explorer-table-key"]["data"] == {"rows": shown["rows"], "selected": ["AM01"]}
    other = _call_table(dash_app, app_client, "?indicator=population", shown)      # another layer: new rows
    assert _rows_of(other) != table["data"] and other["explorer-table-key"]["data"]["rows"] != shown["rows"]
    _call_table(dash_app, app_client, "?indicator=population", shown, is_open=False, status=204)     # closed


def _page_values(content: dict, live: bool) -> dict:
    """The callback's values on the page ``content`` once settled: its controls, address, language and key (live:
    the reader reached for its charts, Plotly's are there)."""
    key = _props(content, PARTS_KEY)["data"]
    return _view(**{f"{INDICATOR}.value": _props(content, INDICATOR)["value"],
                    f"{LEVEL}.value": _props(content, LEVEL)["value"], f"{PERIOD}.value": _props(content, PERIOD)["value"],
                    f"{REGIONS}.value": _props(content, REGIONS)["value"], f"{URL}.search": _props(content, URL)["search"],
                    "explorer-lang.data": _props(content, "explorer-lang")["data"], f"{LIVE}.data": live,
                    f"{PARTS_KEY}.data": [*key[:-1], "graphs" if live else "pictures"]})


def _go_live(dash_app, client, content: dict) -> dict:
    """The answer when the reader reaches for a chart of the page ``content`` (which shows its pictures)."""
    values = {**_page_values(content, live=False), f"{LIVE}.data": True}
    return _post(dash_app, client, f"{MAP}-box.children", f"{LIVE}.data", values)


def test_the_charts_load_as_pictures_and_become_plotly_charts_when_reached_for(dash_app, app_client, app_store):
    """A first view draws no Plotly: each chart's box holds a picture of its figures.  Reaching for a chart (the
    live store) puts Plotly's three charts there with the same figures, and writes the key that says so; later
    answers patch those charts.  A page that is not live gets new pictures."""
    content = render_page(app_client, "/verkennen", "?indicator=neet_share&regio=AM15,AM01")["content"]
    for cid in CHARTS:
        picture = json.dumps(_props(content, f"{cid}-box")["children"])
        assert "data:image/svg+xml" in picture and "Graph" not in picture
    live = _go_live(dash_app, app_client, content)
    assert {f"{cid}-box" for cid in CHARTS} <= set(live)
    assert live[PARTS_KEY]["data"][-1] == "graphs"
    assert URL not in live and INDICATOR not in live and REGIONS not in live       # nothing else moves
    assert "explorer-url-notice" not in live                                       # a link's notice stays
    outline = _figure(live, MAP)["data"][2]
    assert list(outline["locations"]) == ["AM15", "AM01"]
    obs = app_store.observations
    latest = _props(content, PERIOD)["value"]
    rows = obs[(obs["indicator"] == "neet_share") & (obs["region_level"] == "arbeidsmarktregio")
               & (obs["period"] == latest)].dropna(subset=["value"])
    bar = _figure(live, BAR)["data"][0]
    assert sorted(bar["y"]) == sorted(rows["region_code"])                   # every region with a figure, a bar
    assert [t["name"] for t in _figure(live, TS)["data"]][-1] == "Nederland"
    later = _call(dash_app, app_client, f"{REGIONS}.value", _view(**{
        f"{REGIONS}.value": ["AM15"], f"{PERIOD}.value": latest, f"{PARTS_KEY}.data": live[PARTS_KEY]["data"]}))
    assert later["explorer-url-notice"]["hidden"] is True                       # the reader's change: past
    assert f"{MAP}-box" not in later                                            # the Plotly map stays
    assert _figure(later, MAP)["__dash_patch_update"]                           # and gets its outline patched
    assert "__dash_patch_update" not in _figure(later, TS)
    still = _call(dash_app, app_client, f"{REGIONS}.value", _view(**{
        f"{REGIONS}.value": ["AM15"], f"{PERIOD}.value": latest, f"{LIVE}.data": False,
        f"{PARTS_KEY}.data": _props(content, PARTS_KEY)["data"]}))
    svg = unquote(still[f"{MAP}-box"]["children"]["props"]["src"])
    assert re.findall(r'data-selected="([^"]+)"', svg) == ["AM15"]
    assert all("Graph" not in json.dumps(still[f"{cid}-box"]) and cid not in still for cid in CHARTS)


def test_a_live_answer_on_a_page_that_still_shows_pictures_brings_the_charts(dash_app, app_client, latest):
    """The browser keeps the last of overlapping calls: when the page went live while an answer was under way, the
    next answer finds pictures in its key and brings Plotly's charts whole, never a patch of a chart not there."""
    pictures = _shown_key(app_client, graphs=False)
    out = _call(dash_app, app_client, f"{REGIONS}.value", _view(**{
        f"{REGIONS}.value": ["AM15"], f"{PERIOD}.value": latest, f"{PARTS_KEY}.data": pictures}))
    for cid in CHARTS:
        assert out[f"{cid}-box"]["children"]["type"] == "Graph"
        assert "__dash_patch_update" not in _figure(out, cid) and _figure(out, cid)["data"]
    assert out[PARTS_KEY]["data"] == [*pictures[:-1], "graphs"]


def test_the_map_picture_is_the_store_s_figures(dash_app, app_client, app_store, latest):
    """The map picture fills every region with a figure in the store, the lowest and highest apart in colour and
    equal values alike."""
    content = render_page(app_client, "/verkennen", f"?indicator=neet_share&periode={latest}")["content"]
    svg = unquote(_props(content, f"{MAP}-picture")["src"])
    fills = {code: fill for fill, code in re.findall(r'fill="(#[0-9a-fA-F]{6})"[^>]*data-code="([^"]+)"', svg)}
    obs = app_store.observations
    rows = obs[(obs["indicator"] == "neet_share") & (obs["region_level"] == "arbeidsmarktregio")
               & (obs["period"] == latest)].dropna(subset=["value"])
    assert set(rows["region_code"]) <= set(fills)
    low, high = rows.loc[rows["value"].idxmin(), "region_code"], rows.loc[rows["value"].idxmax(), "region_code"]
    assert fills[low].lower() != fills[high].lower()
    ties = rows.groupby("value")["region_code"].apply(list)
    for codes in ties[ties.map(len) > 1]:                                   # the same value: the same colour
        assert len({fills[c].lower() for c in codes}) == 1


def test_bad_query_falls_back_to_the_default_view(app_client, latest):
    content = render_page(app_client, "/verkennen", "?indicator=%3Cx%3E&niveau=wijk&periode=abc&regio=';--")["content"]
    assert _props(content, INDICATOR)["value"] == "neet_share"
    assert _props(content, LEVEL)["value"] == "arbeidsmarktregio"
    assert _props(content, PERIOD)["value"] == latest
    assert _props(content, REGIONS)["value"] == []


def test_selection_change_patches_only_the_outline_trace(dash_app, app_client, latest):
    out = _call(dash_app, app_client, f"{REGIONS}.value", _view(**{f"{REGIONS}.value": ["AM15", "AM18"]}))
    patch = _figure(out, MAP)
    locations = [op for op in patch["operations"] if op["location"][-1] == "locations"]
    assert locations and all(op["location"][:2] == ["data", 2] for op in patch["operations"])
    assert locations[0]["params"]["value"] == ["AM15", "AM18"]
    assert "geojson" not in json.dumps([op for op in patch["operations"] if op["location"][1] == 0])
    assert out[URL]["search"] == f"?indicator=neet_share&niveau=arbeidsmarktregio&periode={latest}&regio=AM15,AM18"
    assert [tr["name"] for tr in _figure(out, TS)["data"]] == [
        "Noord-Holland Noord", "Groot Amsterdam", "Nederland"]


def test_choosing_more_regions_than_the_limit_keeps_the_first_and_says_so(dash_app, app_client, app_store):
    from dashboard.pages.explorer.state import MAX_SELECTED
    every = sorted(app_store.regions.loc[app_store.regions["region_level"] == "arbeidsmarktregio", "region_code"])
    out = _call(dash_app, app_client, f"{REGIONS}.value", _view(**{f"{REGIONS}.value": every}))   # "Alles kiezen"
    assert out[REGIONS]["value"] == every[:MAX_SELECTED]
    status = out["explorer-status"]["children"]
    assert status.startswith(f"{MAX_SELECTED} regio's geselecteerd") and f"Ten hoogste {MAX_SELECTED}" in status
    fewer = _call(dash_app, app_client, f"{REGIONS}.value", _view(**{f"{REGIONS}.value": every[:2]}))
    assert "Ten hoogste" not in fewer["explorer-status"]["children"]
    unknown = every[:8] + ["AM98", "GM0363", "XX01", "AM00"]               # 8 regions of the level, 4 codes that are not
    kept = _call(dash_app, app_client, f"{REGIONS}.value", _view(**{f"{REGIONS}.value": unknown}))
    assert kept[REGIONS]["value"] == every[:8] and "Ten hoogste" not in kept["explorer-status"]["children"]


def test_period_change_keeps_the_geometry_and_level_change_resends_it(dash_app, app_client, latest):
    out = _call(dash_app, app_client, f"{PERIOD}.value", _view(**{f"{PERIOD}.value": "2019"}))
    patch = _figure(out, MAP)
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    assert not [op for op in patch["operations"] if op["location"][:3] == ["data", 0, "geojson"]]
    assert any(op["location"] == ["layout"] for op in patch["operations"])
    full = _call(dash_app, app_client, f"{LEVEL}.value", _view(**{f"{LEVEL}.value": "gemeente",
                                                                   f"{REGIONS}.value": ["AM15"]}))
    geometry = _figure(full, MAP)["data"][0]["geojson"]             # the gemeente geometry, by URL
    assert geometry.startswith("/_static/geo/gemeente.")
    assert len(app_client.get(geometry).get_json(force=True)["features"]) == 342
    assert full[REGIONS]["value"] == [] and len(full[REGIONS]["options"]) == 342
    assert full[URL]["search"] == f"?indicator=neet_share&niveau=gemeente&periode={latest}"


def test_indicator_without_municipal_figures_switches_level(dash_app, app_client, app_store):
    out = _call(dash_app, app_client, f"{INDICATOR}.value", _view(**{f"{INDICATOR}.value": "youth_ww_benefits",
                                                                      f"{LEVEL}.value": "gemeente"}))
    rows = app_store.observations
    ww = rows[(rows["indicator"] == "youth_ww_benefits") & (rows["region_level"] == "arbeidsmarktregio")]
    assert out[LEVEL]["value"] == "arbeidsmarktregio"
    assert out[PERIOD]["value"] == ww.loc[ww["period_start"].idxmax(), "period"]
    assert [o["disabled"] for o in out[LEVEL]["options"]] == [False, True, True]      # no RMC or gemeente figures


def test_back_button_restores_the_state_from_the_url(dash_app, app_client):
    out = _call(dash_app, app_client, f"{URL}.search",
                _view(**{f"{URL}.search": "?indicator=neet_count&niveau=arbeidsmarktregio&periode=2019&regio=AM01"}))
    assert out[INDICATOR]["value"] == "neet_count" and out[PERIOD]["value"] == "2019"
    assert out[REGIONS]["value"] == ["AM01"]
    assert URL not in out or "search" not in out[URL]                      # not written back


def test_map_click_toggles_the_region(dash_app, app_client):
    click = {"points": [{"location": "AM15", "curveNumber": 0}]}
    added = _call(dash_app, app_client, f"{MAP}.clickData", _view(**{f"{MAP}.clickData": click,
                                                                      f"{REGIONS}.value": ["AM18"]}))
    assert added[REGIONS]["value"] == ["AM18", "AM15"]
    assert added[URL]["search"].endswith("regio=AM18,AM15")
    removed = _call(dash_app, app_client, f"{MAP}.clickData", _view(**{f"{MAP}.clickData": click,
                                                                        f"{REGIONS}.value": ["AM18", "AM15"]}))
    assert removed[REGIONS]["value"] == ["AM18"]


def _settled(client, live: bool, search: str = "") -> dict:
    """The values a page loaded at ``search`` holds once settled (see :func:`_page_values`)."""
    return _page_values(render_page(client, "/verkennen", search)["content"], live)


def _changed_only(dash_app, client, changed: str, values: dict) -> int:
    """The status of the explorer callback asked with ``values`` and ``changed`` the trigger (204: no update)."""
    body = _body(dash_app, client, f"{MAP}-box.children", changed, values)
    return client.post("/_dash-update-component", json=body).status_code


@pytest.mark.parametrize("click", [None, {}, {"points": []}, {"points": [{"location": None}]},
                                   {"points": [{"location": "x" * 500}]}])
def test_malformed_clicks_change_nothing(dash_app, app_client, click):
    """On a settled live page (also the echo of a click's reset to None); a page a call was still to change gets
    its answer."""
    values = {**_settled(app_client, live=True), f"{MAP}.clickData": click}
    assert _changed_only(dash_app, app_client, f"{MAP}.clickData", values) == 204
    behind = {**values, f"{INDICATOR}.value": "neet_count"}                  # an indicator answer was replaced
    assert _changed_only(dash_app, app_client, f"{MAP}.clickData", behind) == 200


def _inside(svg: str, code: str) -> tuple[float, float]:
    """A point inside ``code``'s shape as the picture draws it (its path, in the SVG's units)."""
    from shapely.geometry import MultiPolygon, Polygon
    path = re.search(r'<path d="([^"]+)"[^>]*data-code="' + code + '"', svg).group(1)
    rings = [[tuple(map(float, xy.split(","))) for xy in re.findall(r"-?[\d.]+,-?[\d.]+", ring)]
             for ring in path.split("Z") if ring.strip()]
    shape = MultiPolygon([Polygon(ring) for ring in rings if len(ring) >= 3]).buffer(0)
    point = shape.representative_point()
    return point.x, point.y


@pytest.mark.parametrize(("level", "code"), [("arbeidsmarktregio", "AM12"), ("gemeente", "GM0363"),
                                             ("rmc", "MC21")])
def test_a_click_on_the_map_picture_selects_the_region_drawn_there(dash_app, app_client, latest, level, code):
    """Before Plotly's map is there, a click (a tap) on the picture selects the region drawn where it fell: the point
    is taken from the picture's own drawing of the region; a second click there takes it out again."""
    content = render_page(app_client, "/verkennen", f"?niveau={level}&periode={latest}")["content"]
    svg = unquote(_props(content, f"{MAP}-picture")["src"])
    x, y = _inside(svg, code)
    values = _view(**{f"{LEVEL}.value": level, f"{PERIOD}.value": latest, f"{LIVE}.data": False,
                      "explorer-map-pick.data": {"x": x, "y": y, "n": 1},
                      f"{PARTS_KEY}.data": _props(content, PARTS_KEY)["data"]})
    out = _post(dash_app, app_client, f"{MAP}-box.children", "explorer-map-pick.data", values)
    assert out[REGIONS]["value"] == [code]
    assert re.findall(r'data-selected="([^"]+)"', unquote(out[f"{MAP}-box"]["children"]["props"]["src"])) == [code]
    again = _post(dash_app, app_client, f"{MAP}-box.children", "explorer-map-pick.data",
                  {**values, f"{REGIONS}.value": [code], "explorer-map-pick.data": {"x": x, "y": y, "n": 2}})
    assert again[REGIONS]["value"] == []


@pytest.mark.parametrize("pick", [None, {}, {"x": "a", "y": 1}, {"x": float("nan"), "y": 3}, {"x": 1.0, "y": 1.0},
                                  [1, 2]])
def test_a_click_beside_the_regions_or_no_point_changes_nothing(dash_app, app_client, pick):
    """The picture's corner (above the country), or what no browser sends, on a settled page: no update; on a page
    that was going live (the call it replaced), the charts come."""
    values = {**_settled(app_client, live=False), "explorer-map-pick.data": pick}
    assert _changed_only(dash_app, app_client, "explorer-map-pick.data", values) == 204
    going_live = {**values, f"{LIVE}.data": True}
    assert _changed_only(dash_app, app_client, "explorer-map-pick.data", going_live) == 200


def test_a_tap_that_makes_the_charts_live_also_selects(dash_app, app_client, latest):
    """A tap on the picture sets the live store and the click together: one request, both changed; the answer brings
    Plotly's charts with the region selected."""
    content = render_page(app_client, "/verkennen", f"?periode={latest}")["content"]
    x, y = _inside(unquote(_props(content, f"{MAP}-picture")["src"]), "AM15")
    values = _view(**{f"{PERIOD}.value": latest, f"{LIVE}.data": True, "explorer-map-pick.data": {"x": x, "y": y, "n": 1},
                      f"{PARTS_KEY}.data": _props(content, PARTS_KEY)["data"]})
    body = _body(dash_app, app_client, f"{MAP}-box.children", f"{LIVE}.data", values)
    body["changedPropIds"] = [f"{LIVE}.data", "explorer-map-pick.data"]
    answer = app_client.post("/_dash-update-component", json=body).get_json()["response"]
    assert answer[REGIONS]["value"] == ["AM15"]
    assert list(_figure(answer, MAP)["data"][2]["locations"]) == ["AM15"]


# --- text-alternative tables: built when a reader opens them -------------------------------------------------------

TABLES = {MAP: f"{MAP}-table", "explorer-bar": "explorer-bar-table", "explorer-timeseries": "explorer-timeseries-table"}


def test_tables_are_not_built_until_opened(dash_app, app_client, app_store):
    page = render_page(app_client, "/verkennen", "?regio=AM15")["content"]
    for table in TABLES.values():
        assert _props(page, table).get("children") is None            # nothing built on first load
    closed = _call(dash_app, app_client, f"{INDICATOR}.value", _view(**{f"{INDICATOR}.value": "neet_count"}))
    assert not [table for table in TABLES.values() if table in closed]       # closed ones stay empty, untouched


def test_an_answer_leaves_out_what_the_page_already_shows(dash_app, app_client, latest):
    """Another indicator redraws the charts and what follows the indicator, not the region list, the selection
    or a closed table; another level brings its regions; a URL from back/forward brings what it changes."""
    shown = _shown_key(app_client)                                                 # the default view's
    out = _call(dash_app, app_client, f"{INDICATOR}.value", _view(**{
        f"{INDICATOR}.value": "neet_count", f"{REGIONS}.value": ["AM15"], f"{PERIOD}.value": latest,
        f"{PARTS_KEY}.data": shown}))
    assert {MAP, BAR, TS, PERIOD, LEVEL, DEFINITION, PARTS_KEY} <= set(out)
    assert "options" in out[PERIOD] and "options" in out[LEVEL]
    assert "value" not in out[PERIOD] and "value" not in out[LEVEL]       # the controls keep their values
    assert REGIONS not in out                                              # same level: same choices and selection
    period = _call(dash_app, app_client, f"{PERIOD}.value", _view(**{f"{PERIOD}.value": "2019",
                                                                     f"{PARTS_KEY}.data": shown}))
    assert PERIOD not in period and LEVEL not in period and DEFINITION not in period    # all as they are
    assert "figure" in period[MAP] and "figure" in period[BAR] and period[PARTS_KEY]["data"][3] == "2019"
    level = _call(dash_app, app_client, f"{LEVEL}.value", _view(**{f"{LEVEL}.value": "gemeente",
                                                                   f"{PARTS_KEY}.data": shown}))
    assert len(level[REGIONS]["options"]) == 342 and "options" in level[PERIOD]
    assert level[PARTS_KEY]["data"][:3] == [shown[0], shown[1], "gemeente"] and level[PARTS_KEY]["data"][-1] == "graphs"
    back = _call(dash_app, app_client, f"{URL}.search", _view(**{f"{URL}.search": "?indicator=neet_count&regio=AM01",
                                                                 f"{PARTS_KEY}.data": shown}))
    assert back[INDICATOR]["value"] == "neet_count" and back[REGIONS]["value"] == ["AM01"]
    assert "options" not in back.get(REGIONS, {})                          # the level did not change


def test_what_the_page_shows_is_its_store_not_the_controls(dash_app, app_client, latest):
    """The browser keeps only the last of overlapping calls: a level answer it dropped for an indicator change
    leaves the page on the old level with the control on the new one.  The answer goes by the store."""
    shown = _shown_key(app_client)
    out = _call(dash_app, app_client, f"{INDICATOR}.value", _view(**{
        f"{INDICATOR}.value": "neet_count", f"{LEVEL}.value": "gemeente", f"{PARTS_KEY}.data": shown}))
    assert len(out[REGIONS]["options"]) == 342                            # the gemeenten, though the control said so
    assert "__dash_patch_update" not in _figure(out, MAP)                 # and the map with their geometry
    assert _figure(out, MAP)["data"][0]["geojson"].startswith("/_static/geo/gemeente.")
    click = _call(dash_app, app_client, f"{REGIONS}.value", _view(**{
        f"{LEVEL}.value": "gemeente", f"{REGIONS}.value": ["GM0363"], f"{PARTS_KEY}.data": shown}))
    assert "__dash_patch_update" not in _figure(click, MAP)               # not an outline on the old map
    older = _call(dash_app, app_client, f"{PERIOD}.value", _view(**{
        f"{INDICATOR}.value": "neet_count", f"{PERIOD}.value": latest, f"{PARTS_KEY}.data": shown}))
    assert "children" in older[DEFINITION] and "options" in older[LEVEL]  # an indicator answer the page never got
    stale = _call(dash_app, app_client, f"{PERIOD}.value", _view(**{
        f"{PERIOD}.value": latest, f"{PARTS_KEY}.data": ["an older data version", *shown[1:]]}))
    assert "children" in stale[DEFINITION] and "options" in stale[REGIONS]     # data swapped in: everything


def test_the_ranking_every_part_shares_is_left_as_it_was(dash_app, app_client, latest):
    """The parts of a state are built from one ranking frame per layer, level and period (not a copy each):
    building every part, tables included, must leave it equal to a fresh ranking."""
    import pandas as pd

    from dashboard.data.store import get_view
    from dashboard.pages.explorer import page
    from dashboard.pages.explorer.state import parse_explorer_query

    for level, regions in (("arbeidsmarktregio", ["AM15", "AM01"]), ("gemeente", ["GM0363"])):
        _call(dash_app, app_client, f"{INDICATOR}.value", _view(**{
            f"{LEVEL}.value": level, f"{REGIONS}.value": regions, f"{MAP}-table-open.data": True,
            "explorer-bar-table-open.data": True}))
        _call_table(dash_app, app_client, f"?niveau={level}&regio={','.join(regions)}")
        with dash_app.server.test_request_context("/"):
            view = get_view()
            state = parse_explorer_query(view, {"niveau": level, "regio": regions, "lang": "nl"})
            shown = page.v.layer(view, state)
            shared = page._ranking(view, shown, state)
            assert page._ranking(view, shown, state) is shared               # one frame, not a copy per part
            pd.testing.assert_frame_equal(shared, shown.ranking(state.level, state.period))


def test_an_open_table_is_built_and_follows_the_state(dash_app, app_client, app_store, latest):
    out = _call(dash_app, app_client, f"{INDICATOR}.value", _view(**{
        f"{INDICATOR}.value": "neet_count", f"{MAP}-table-open.data": True,
        f"{REGIONS}.value": ["AM15"], "explorer-timeseries-table-open.data": True}))
    map_rows = texts(out[f"{MAP}-table"]["children"])
    names = app_store.regions.loc[app_store.regions["region_level"] == "arbeidsmarktregio", "region_name"]
    assert all(name in map_rows for name in names)                          # every region in the map's table
    assert "explorer-bar-table" not in out                                  # that one is closed: left empty
    series = texts(out["explorer-timeseries-table"]["children"])
    assert "Noord-Holland Noord" in series and latest in series
    selected = _call(dash_app, app_client, f"{REGIONS}.value", _view(**{
        f"{REGIONS}.value": ["AM15", "AM18"], "explorer-timeseries-table-open.data": True,
        f"{MAP}-table-open.data": True}))
    assert "Groot Amsterdam" in texts(selected["explorer-timeseries-table"]["children"])
    assert f"{MAP}-table" not in selected                                  # the map's table does not change


def test_opening_a_table_fills_it_for_the_state_in_the_url(dash_app, app_client, app_store):
    app_client.get("/")
    key = next(k for k in dash_app.callback_map if k.startswith("explorer-bar-table.children"))
    body = {"output": key, "outputs": {"id": "explorer-bar-table", "property": key.split(".", 1)[1]},
            "inputs": [{"id": "explorer-bar-table-open", "property": "data", "value": True}],
            "state": [{"id": URL, "property": "search", "value": "?indicator=youth_population&niveau=arbeidsmarktregio"},
                      {"id": "explorer-lang", "property": "data", "value": "en"}],
            "changedPropIds": ["explorer-bar-table-open.data"]}
    opened = app_client.post("/_dash-update-component", json=body).get_json()["response"]
    text = texts(opened["explorer-bar-table"]["children"])
    biggest = app_store.observations.query(
        "indicator == 'youth_population' and region_level == 'arbeidsmarktregio'").sort_values(
        ["period_start", "value"]).iloc[-1]
    assert biggest["region_name"] in text and "Rank" in text                # English, the layer in the URL
    body["inputs"][0]["value"] = False
    closed = app_client.post("/_dash-update-component", json=body).get_json()["response"]
    assert closed["explorer-bar-table"]["children"] is None


def test_answers_are_json_data_dash_encodes_in_one_pass(dash_app, app_client, monkeypatch):
    """Every kind of explorer answer (a new indicator, level or period, a selection, an open table) holds only JSON
    data, so Dash's encoder (orjson) writes it without its slow walk over the answer in Python."""
    import plotly.io._json as plotly_json
    render_page(app_client, "/verkennen", "")    # the page itself (a layout of components) before the spy: kept
    walked = []
    original = plotly_json.clean_to_json_compatible

    def spy(obj, **kwargs):
        walked.append(type(obj).__name__)
        return original(obj, **kwargs)

    monkeypatch.setattr(plotly_json, "clean_to_json_compatible", spy)
    tables = {"explorer-map-table-open.data": True, "explorer-bar-table-open.data": True,
              "explorer-timeseries-table-open.data": True}
    cases = [
        (f"{INDICATOR}.value", _view(**{f"{INDICATOR}.value": "youth_population"})),
        (f"{LEVEL}.value", _view(**{f"{LEVEL}.value": "gemeente"})),
        (f"{PERIOD}.value", _view(**{f"{INDICATOR}.value": "youth_ww_benefits"})),
        (f"{REGIONS}.value", _view(**{f"{REGIONS}.value": ["AM15", "AM01"]})),
        (f"{INDICATOR}.value", _view(**{f"{INDICATOR}.value": "need_index", **tables})),
        (f"{INDICATOR}.value", _view(**{f"{REGIONS}.value": ["AM15"], "explorer-lang.data": "en", **tables})),
    ]
    for changed, values in cases:
        answer = _call(dash_app, app_client, changed, values)
        assert _figure(answer, MAP)
    assert walked == []


def test_json_data_writes_what_dash_wrote_for_the_objects():
    from dash import Patch, dcc, html, no_update
    from dash.dash_table.Format import Format, Scheme
    from plotly.io.json import to_json_plotly

    from dashboard.ui.figures.plain import Figure
    from dashboard.ui.json_data import json_data

    patch = Patch()
    patch["data"][0]["z"] = [1.5, None]
    patch["layout"] = {"title": {"text": "<b>x</b>"}}
    value = {"links": [html.Div([html.P("Bron", className="note"), html.A("CSV", href="/a.csv")]), "text"],
             "format": Format(precision=1, scheme=Scheme.fixed), "graph": dcc.Store(id="s", data={"a": [1, 2]}),
             "patch": patch, "figure": Figure(data=[{"type": "bar", "x": [1]}], layout={}), "n": 3, "none": None}
    converted = json_data(value)
    assert to_json_plotly(converted) == to_json_plotly(value)
    assert json_data(no_update) is no_update
    assert converted["figure"] is value["figure"]                       # a figure is plain data: not walked
    assert isinstance(converted["links"][0], dict) and converted["links"][0]["type"] == "Div"


def _plain(text) -> str:
    return re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", " ", text or "")).strip()


def test_choices_fold_under_one_labelled_line_that_starts_open(app_client):
    """The controls sit in a <details> the page renders open (a wide screen keeps them so; a narrow one folds them
    in the browser, tests/browser/test_explorer_layout.py), under a summary that says what they are."""
    for lang, words in (("nl", "Kies indicator, niveau, periode en regio's"),
                        ("en", "Choose indicator, level, period and regions")):
        options = _props(render_page(app_client, "/verkennen", f"?lang={lang}")["content"], "explorer-options")
        assert options["open"] is True
        summary, *rest = options["children"]
        assert summary["type"] == "Summary" and summary["props"]["children"] == words
        assert INDICATOR in json.dumps(rest) and REGIONS in json.dumps(rest)


@pytest.mark.parametrize("search", ["?indicator=neet_count&niveau=gemeente&lang=en", "?regio=AM15,AM01",
                                    "?indicator=early_school_leaver_rate&niveau=rmc"])
def test_each_chart_shows_its_figures_own_title_as_a_heading(dash_app, app_client, search):
    """The title above each chart (HTML, so it wraps on a phone) is the figure's own, which a downloaded PNG keeps."""
    content = render_page(app_client, "/verkennen", search)["content"]
    live = _go_live(dash_app, app_client, content)
    for cid in (MAP, BAR, TS):
        title = _figure(live, cid)["layout"]["title"]
        assert _props(content, f"{cid}-title")["children"] == _plain(title["text"]) != ""
        assert _props(content, f"{cid}-subtitle")["children"] == _plain((title.get("subtitle") or {}).get("text"))
    if "gemeente" in search:                                     # the 10 highest and lowest: said under the title
        assert _props(content, f"{BAR}-subtitle")["children"]


def test_the_chart_titles_follow_the_figures(dash_app, app_client, latest):
    out = _call(dash_app, app_client, f"{INDICATOR}.value", _view(**{f"{INDICATOR}.value": "neet_count",
                                                                     f"{PERIOD}.value": latest}))
    for cid in (BAR, TS):
        assert out[f"{cid}-title"]["children"] == _plain(_figure(out, cid)["layout"]["title"]["text"])
    assert out[f"{MAP}-title"]["children"].startswith("Aantal jongeren zonder werk en opleiding")
    chosen = _call(dash_app, app_client, f"{REGIONS}.value", _view(**{f"{REGIONS}.value": ["AM15"]}))
    assert f"{MAP}-title" not in chosen                          # the map's title does not follow the selection
    assert chosen[f"{TS}-subtitle"]["children"] == _plain(
        (_figure(chosen, TS)["layout"]["title"].get("subtitle") or {}).get("text"))


def test_the_address_the_page_was_loaded_at_redraws_nothing(dash_app, app_client, latest):
    """On load the page's address bar reports the URL (the browser's own, or the canonical one it was rewritten
    to): the page shows that state already, so the callback answers 'no update' (no second drawing of the charts);
    an address with another state (Back to an earlier view) redraws."""
    loaded = render_page(app_client, "/verkennen", "?indicator=neet_share&regio=AM15")["content"]
    values = _view(**{f"{REGIONS}.value": ["AM15"], f"{PERIOD}.value": latest,
                      f"{PARTS_KEY}.data": _props(loaded, PARTS_KEY)["data"]})
    for search, status in ((f"?indicator=neet_share&niveau=arbeidsmarktregio&periode={latest}&regio=AM15", 204),
                           ("?indicator=neet_share&regio=AM15", 204), ("", 200), ("?indicator=neet_share&regio=AM17",
                                                                                  200)):
        body = _body(dash_app, app_client, f"{MAP}-box.children", f"{URL}.search",
                     {**values, f"{URL}.search": search})
        assert app_client.post("/_dash-update-component", json=body).status_code == status, search


@pytest.mark.parametrize(("asked", "expected"), [
    ("", "?indicator=neet_share&niveau=arbeidsmarktregio&periode={latest}"),
    ("?niveau=gemeente&lang=en", "?indicator=neet_share&niveau=gemeente&periode={latest}&lang=en"),
    ("?regio=AM15,AM17", "?indicator=neet_share&niveau=arbeidsmarktregio&periode={latest}&regio=AM15,AM17"),
])
def test_a_query_that_only_lacks_values_goes_to_the_full_address(app_client, latest, asked, expected):
    response = app_client.get("/verkennen" + asked, headers={"Accept": "text/html"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/verkennen" + expected.format(latest=latest))
    assert app_client.get(response.headers["Location"], headers={"Accept": "text/html"}).status_code == 200


@pytest.mark.parametrize("asked", ["?indicator=bogus", "?regio=XX99", "?periode=1900", "?foo=1"])
def test_a_query_with_values_the_page_replaces_is_served_so_the_page_can_say_so(app_client, asked):
    assert app_client.get("/verkennen" + asked, headers={"Accept": "text/html"}).status_code == 200
    assert app_client.get("/verkennen", headers={"Accept": "application/json"}).status_code == 200


@pytest.mark.parametrize("indicator", ["early_school_leaver_rate", "neet_share"])
def test_the_trend_table_has_each_period_once_with_the_figures_of_the_store(dash_app, app_client, app_store,
                                                                            indicator):
    """The trend's table: one row per period (newest first, at most 40), each region's figure of that period as the
    store has it (it used to repeat every period once per period, most of them empty, and stop after 40 rows)."""
    app_client.get("/")
    key = next(k for k in dash_app.callback_map if k.startswith("explorer-timeseries-table.children"))
    body = {"output": key, "outputs": {"id": "explorer-timeseries-table", "property": key.split(".", 1)[1]},
            "inputs": [{"id": "explorer-timeseries-table-open", "property": "data", "value": True}],
            "state": [{"id": URL, "property": "search", "value": f"?indicator={indicator}&regio=AM01"},
                      {"id": "explorer-lang", "property": "data", "value": "en"}],
            "changedPropIds": ["explorer-timeseries-table-open.data"]}
    table = app_client.post("/_dash-update-component", json=body).get_json()["response"]["explorer-timeseries-table"]
    rows = [[texts(cell) for cell in row["props"]["children"]] for row in _props_all(table["children"], "Tr")]
    header, body_rows = rows[0], rows[1:]
    obs = app_store.observations
    mine = obs[(obs["indicator"] == indicator) & obs["region_code"].isin(["AM01", "NL01"])]
    periods = mine.drop_duplicates("period").sort_values("period_start", ascending=False)["period"].tolist()[:40]
    assert len(body_rows) == len(periods) and len({r[0] for r in body_rows}) == len(body_rows)
    column = {"AM01": header.index(obs.loc[obs["region_code"] == "AM01", "region_name"].iloc[0]),
              "NL01": header.index("Netherlands")}
    for row, period in zip(body_rows, periods, strict=True):
        for code, i in column.items():
            value = mine.loc[(mine["region_code"] == code) & (mine["period"] == period), "value"]
            if value.empty or pd.isna(value.iloc[0]):
                assert row[i] == "–", (period, code, row)
            else:
                assert float(row[i].rstrip("%").replace(",", "")) == pytest.approx(round(value.iloc[0], 1)), \
                    (period, code, row)


def _props_all(tree, kind: str) -> list[dict]:
    """Every component of type ``kind`` in a serialised tree, in document order."""
    out, stack = [], [tree]
    while stack:
        node = stack.pop(0)
        if isinstance(node, list):
            stack[:0] = node
        elif isinstance(node, dict):
            if node.get("type") == kind:
                out.append(node)
            stack[:0] = [v for v in node.get("props", {}).values() if isinstance(v, (list, dict))]
    return out


@pytest.mark.parametrize(("indicator", "unit"), [("neet_share", " (procentpunt)"), ("neet_count", "")])
def test_the_change_column_of_a_share_says_percentage_points(dash_app, app_client, indicator, unit):
    """A share's change is in percentage points: its column says so (it read "0,2" under "Verandering sinds 2022",
    where the hover says "+0,2 procentpunt"); a count's change has no unit to add."""
    answer = _call_table(dash_app, app_client, f"?indicator={indicator}")
    columns = answer["explorer-table-box"]["children"][0]["props"]["columns"]
    change = next(c["name"] for c in columns if c["id"] == "change")
    assert re.fullmatch(r"Verandering sinds \d{4}" + re.escape(unit), change), change
