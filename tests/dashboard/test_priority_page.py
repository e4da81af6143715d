"""The /prioriteit page: URL state, controls, both levels, ranking chart with intervals, sensitivity, map (one
colour rule), aftercare count and rate, texts.  The chart, map and on-request tables in detail:
test_priority_html.py."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.inputs import COMPONENTS
from analysis.need_index import DEFAULT_WEIGHTS
from dashboard.ui.i18n import t
from dashboard.ui.i18n.priority import TEXT
from tests.dashboard.pagesupport import (
    by_id,
    chart_rows,
    components,
    find_ids,
    percent,
    region_name,
    render_page,
    svg_fills,
    svg_text,
    texts,
    to_plain,
)

pytestmark = pytest.mark.timeout(300)




@pytest.fixture(scope="module")
def page(dash_app):
    dash_app.server.test_client().get("/")
    from dashboard.pages.priority import page as priority
    return priority


def sliders(tree) -> dict[str, float]:
    out, stack = {}, [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            props = node.get("props", {})
            if isinstance(props.get("id"), dict) and props["id"].get("type") == "priority-weight":
                out[props["id"]["component"]] = props["value"]
            stack.extend(v for v in props.values() if isinstance(v, (list, dict)))
    return out


def prop_of(tree, component_id: str, prop: str):
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            props = node.get("props", {})
            if props.get("id") == component_id:
                return props.get(prop)
            stack.extend(v for v in props.values() if isinstance(v, (list, dict)))
    raise KeyError(component_id)


def test_page_renders_with_defaults(app_client):
    assert app_client.get("/prioriteit").status_code == 200
    out = render_page(app_client, "/prioriteit")
    content = out["content"]
    assert {"priority-ranking", "priority-map", "priority-reset", "priority-norm", "priority-period",
            "priority-aftercare", "priority-download", "priority-table", "priority-sensitivity-table"} <= find_ids(content)
    assert sliders(content) == DEFAULT_WEIGHTS
    assert prop_of(content, "priority-norm", "value") == "zscore"
    assert t("priority.title", "nl") in texts(content)


def test_url_state_is_read(app_client):
    out = render_page(app_client, "/prioriteit", "?lang=en&w=neet_share:2,early_school_leaver_rate:1.5&norm=rank"
                                                  "&periode=2022")
    content = out["content"]
    expected = {c: 0.0 for c in COMPONENTS} | {"neet_share": 2.0, "early_school_leaver_rate": 1.5}
    assert sliders(content) == expected
    assert prop_of(content, "priority-norm", "value") == "rank"
    assert prop_of(content, "priority-period", "value") == "2022"
    assert t("priority.title", "en") in texts(content)
    href = prop_of(content, "priority-download", "href")
    assert "period=2022" in href and "normalisation=rank" in href and "neet_share:2" in href
    assert prop_of(content, "priority-query", "data") == {
        "w": "neet_share:2,youth_jobseeker_rate:0,youth_benefit_share:0,early_school_leaver_rate:1.5,"
             "neet_share_change:0", "norm": "rank", "periode": "2022", "niveau": ""}


@pytest.mark.parametrize("search", ["?w=foo:1&norm=log&periode=1800", "?w=neet_share:0", "?w=neet_share:-2",
                                    "?w=%00&lang=xx", "?w=neet_share:99"])
def test_bad_url_state_falls_back(app_client, search):
    content = render_page(app_client, "/prioriteit", search)["content"]
    weights = sliders(content)
    assert set(weights) == set(COMPONENTS) and all(0 <= v <= 3 for v in weights.values()) and any(weights.values())
    assert prop_of(content, "priority-norm", "value") == "zscore"


def test_update_callback(dash_app, page, app_client):
    with dash_app.server.test_request_context("/prioriteit"):
        out = page.update([2, 1, 1, 1, 0], "minmax", "2023", "arbeidsmarktregio", "en")
    assert set(out) == set(page.UPDATE_OUTPUTS)
    ranking, picture, query = out["ranking"], out["map"], out["query"]
    assert out["notice"] is None and "Certainly in the top 5" in out["summary"]
    json.dumps(out, allow_nan=False)                                    # plain JSON data, as Dash sends it
    rows = chart_rows(ranking)
    assert len(rows) == 35 and out["ranking_note"] is None
    for row in rows:                                                    # dot inside its 90% interval line
        style = row["style"]
        assert 0 <= percent(style["--lo"]) <= percent(style["--at"]) <= percent(style["--hi"]) <= 100, row
    assert rows[0]["name"] in out["summary"]                            # rank 1 at the top
    at = [percent(row["style"]["--at"]) for row in rows]
    assert at == sorted(at) and at[4] < 100 * float(out["ranking_style"]["--top"]) < at[5]   # the line after rank 5
    assert picture["type"] == "Img" and picture["props"]["id"] == "priority-map"
    svg = svg_text(picture)
    assert svg.startswith("<svg") and svg.count("http") == 1 and "http://www.w3.org/2000/svg" in svg  # no request
    assert "<image" not in svg and len(svg_fills(picture)) == 35        # the regions alone: no base map
    assert query == {"w": "neet_share:2,youth_jobseeker_rate:1,youth_benefit_share:1,early_school_leaver_rate:1,"
                          "neet_share_change:0", "norm": "minmax", "periode": "2023", "niveau": ""}
    assert app_client.get(out["download"]).status_code == 200
    assert "2022/2023" in out["help"]
    assert not (out["ranking_hidden"] or out["map_hidden"] or out["download_hidden"])


@pytest.fixture(scope="module", autouse=True)
def _year(built_store):
    global YEAR
    frame = pd.read_parquet(built_store / "need_index.parquet")
    YEAR = str(max(set.intersection(*(set(part["period"]) for _, part in frame.groupby("level")))))


YEAR = ""


def test_gemeente_level(dash_app, page, app_client):
    content = render_page(app_client, "/prioriteit", "?niveau=gemeente&lang=en")["content"]
    assert prop_of(content, "priority-level", "value") == "gemeente"
    assert "level=gemeente" in prop_of(content, "priority-download", "href")
    assert prop_of(content, "priority-query", "data")["niveau"] == "gemeente"
    from dashboard.data.need import NeedQuery, need_table
    with dash_app.server.test_request_context("/prioriteit"):
        period = page.store_periods(page.get_view(), "gemeente")[-1]
        out = page.update([1, 1, 1, 1, 1], "zscore", period, "gemeente", "nl")
        table = need_table(page.get_view(), NeedQuery("gemeente", period))
    ranked, n_all = int(table["rank"].notna().sum()), len(table)          # gemeenten with an index, and all of them
    assert 0 < ranked <= n_all == 342
    shown = len(chart_rows(out["ranking"]))
    assert shown == page.p.CHART_ROWS["gemeente"]                      # a readable chart
    assert str(ranked) in out["ranking_note"] and out["summary"].startswith(f"{ranked} gemeenten")
    fills = svg_fills(out["map"])                                       # every gemeente drawn, in the image itself
    assert set(fills) == set(table["region_code"]) and len(fills) == n_all
    grey = {code for code, fill in fills.items() if fill.upper() == "#DDDDDD"}
    assert grey == set(table.loc[table["index"].isna(), "region_code"])     # regions without an index are grey
    assert app_client.get(out["download"]).status_code == 200 and "level=gemeente" in out["download"]


def _show_all_request(key: str, shown: list[str], period: str, level: str = "gemeente") -> dict:
    """The request the browser sends when the "show all" button under the table ``key`` is pressed."""
    buttons = [{"id": {"key": k, "type": "priority-more"}, "property": "n_clicks", "value": 1 if k == key else None}
               for k in ("ranking", "aftercare")]
    weights = [{"id": {"component": c, "type": "priority-weight"}, "property": "value", "value": 1} for c in COMPONENTS]
    return {
        "output": "..priority-table.children@{h}...priority-aftercare.children@{h}...priority-all.data..",
        "outputs": [{"id": "priority-table", "property": "children@{h}"},
                    {"id": "priority-aftercare", "property": "children@{h}"}, {"id": "priority-all", "property": "data"}],
        "inputs": [buttons],
        "changedPropIds": [json.dumps({"key": key, "type": "priority-more"}, separators=(",", ":")) + ".n_clicks"],
        "state": [{"id": "priority-all", "property": "data", "value": shown}, weights,
                  {"id": "priority-norm", "property": "value", "value": "zscore"},
                  {"id": "priority-period", "property": "value", "value": period},
                  {"id": "priority-level", "property": "value", "value": level},
                  {"id": "priority-lang", "property": "data", "value": "nl"},
                  {"id": "priority-sort-state", "property": "data", "value": "neet_count"}],
    }


def test_show_all_builds_the_whole_table_on_request(dash_app, page, app_client, built_store):
    """Of 342 gemeenten the ranking table (built when opened) shows its first 25 rows and the aftercare table its
    first 10; the button under each answers with every row of that table only, and the page remembers it (a later
    weighting keeps it whole)."""
    regions = pd.read_parquet(built_store / "regions.parquet")
    n = int((regions["region_level"] == "gemeente").sum())
    content = render_page(app_client, "/prioriteit", "?niveau=gemeente")["content"]
    period = prop_of(content, "priority-period", "value")
    with dash_app.server.test_request_context("/prioriteit"):
        opened = to_plain(page.fill_on_request("table")(True, [1] * 5, "zscore", period, "gemeente", "nl", None))
    assert not by_id(content, "priority-table")["props"].get("children")          # built when a reader opens it
    for tree, first in ((opened, 25), (by_id(content, "priority-aftercare"), 10)):
        assert f"De eerste {first} van {n} gemeenten staan hier." in texts(tree)
        assert len([x for x in components(tree) if x.get("type") == "Tr"]) == 1 + first
    app_client.get("/")
    outputs = dash_app.callback_map
    hashed = next(k for k in outputs if k.startswith("..priority-table.children@") and "priority-all.data" in k)
    suffix = hashed.split("@")[1].split("...")[0]
    for key, box, other in (("aftercare", "priority-aftercare", "priority-table"),
                            ("ranking", "priority-table", "priority-aftercare")):
        body = json.loads(json.dumps(_show_all_request(key, [], period)).replace("{h}", suffix))
        answer = app_client.post("/_dash-update-component", json=body)
        assert answer.status_code == 200, answer.data[:300]
        response = answer.get_json()["response"]
        assert response["priority-all"]["data"] == [key] and other not in response
        rows = [x for x in components(response[box]["children"]) if x.get("type") == "Tr"]
        published = pd.read_parquet(built_store / "need_index.parquet")
        ranked = int(published.loc[(published["level"] == "gemeente") & (published["period"] == period),
                                   "rank"].notna().sum())
        assert len(rows) == 1 + (n if key == "aftercare" else ranked)
        assert "Toon alle" not in texts(response[box]["children"])
    again = json.loads(json.dumps(_show_all_request("ranking", ["ranking"], period)).replace("{h}", suffix))
    assert app_client.post("/_dash-update-component", json=again).status_code == 204     # already whole
    with dash_app.server.test_request_context("/prioriteit"):
        later = page.update([2, 1, 1, 1, 1], "zscore", period, "gemeente", "nl", "neet_count", ["aftercare"])
        fill = page.fill_on_request("table")               # the open ranking table follows the weights itself
        later_table = fill(True, [2, 1, 1, 1, 1], "zscore", period, "gemeente", "nl", ["aftercare"])
        whole_table = fill(True, [2, 1, 1, 1, 1], "zscore", period, "gemeente", "nl", ["aftercare", "ranking"])
    assert len([x for x in components(to_plain(later["aftercare"])) if x.get("type") == "Tr"]) == 1 + n
    assert len([x for x in components(to_plain(later_table)) if x.get("type") == "Tr"]) == 1 + 25
    assert len([x for x in components(to_plain(whole_table)) if x.get("type") == "Tr"]) == 1 + ranked


def test_one_colour_rule_yellow_is_more_need_and_stated_in_the_legend(dash_app, page, built_store):
    published = pd.read_parquet(built_store / "need_index.parquet")
    with dash_app.server.test_request_context("/prioriteit"):
        for level in ("arbeidsmarktregio", "gemeente"):
            picture = page.update([1] * 5, "zscore", YEAR, level, "nl")["map"]
            rows = published[(published["level"] == level) & (published["period"] == YEAR)].dropna(subset=["index"])
            fills = svg_fills(picture)
            assert fills[rows.loc[rows["index"].idxmax(), "region_code"]] == "#fde725"   # viridis' yellow end
            assert fills[rows.loc[rows["index"].idxmin(), "region_code"]] == "#440154"   # its dark purple end
            assert "geel = meer behoefte" in picture["props"]["alt"]
            assert "geel = meer behoefte" in svg_text(picture)               # the legend under the map says it too
    assert "Geel = meer behoefte" in t("priority.map_legend", "nl") and "Yellow = more need" in \
        t("priority.map_legend", "en")


def test_sensitivity_table(dash_app, page):
    from dashboard.data.need import NeedQuery
    from dashboard.data.sensitivity import sensitivity
    with dash_app.server.test_request_context("/prioriteit"):
        view = page.get_view()
        out = page.update([1] * 5, "zscore", YEAR, "arbeidsmarktregio", "en")
        result = sensitivity(view, NeedQuery("arbeidsmarktregio", YEAR))
    text = texts(to_plain(out["sensitivity"]))
    assert "The top 5 is made up of the same labour-market regions in" in text and "of the 10 variants" in text
    assert len(result.variants) == 10 and result.n == 35
    table = result.frame
    for kind, comp in result.variants:                                  # a shift is the new rank minus the rank
        diff = (table[f"rank_{kind}_{comp}"] - table["rank"]).astype(float)
        assert (diff == table[f"shift_{kind}_{comp}"].astype(float)).all()
    one = sensitivity(view, NeedQuery("arbeidsmarktregio", YEAR, (("neet_share", 1.0),)))
    assert one.variants == (("double", "neet_share"),)                   # nothing left to drop
    assert int(one.frame["shift_double_neet_share"].abs().max()) == 0  # doubling the only weight changes nothing


def test_certain_top_5_only_when_interval_within_top_5(dash_app, page):
    from dashboard.data.need import NeedQuery, need_table
    with dash_app.server.test_request_context("/prioriteit"):
        weights = dict(DEFAULT_WEIGHTS)
        period = page.store_periods(page.get_view())[-1]
        parts = page.render(page.get_view(), weights, "zscore", period, "nl")
        table = need_table(page.get_view(), NeedQuery(page.LEVEL, period, tuple(weights.items())))
    said = parts["summary"].split("Zeker in de top 5: ")[1].split(".")[0]
    expected = sorted(table.loc[table["rank_high"] <= page.TOP_K, "region_name"])       # whole interval in the top 5
    if expected:
        assert sorted(said.split(", ")) == expected
    else:
        assert said == t("priority.summary_none", "nl")


def test_all_zero_weights_and_hostile_input(dash_app, page):
    with dash_app.server.test_request_context("/prioriteit"):
        latest = page.store_periods(page.get_view())[-1]
        out = page.update([0, 0, 0, 0, 0], "zscore", "2023", "arbeidsmarktregio", "nl")
        assert texts(to_plain(out["notice"])) == t("priority.all_zero", "nl")
        # nothing to rank: no empty plot boxes and no link to nothing
        assert out["ranking_hidden"] and out["map_hidden"] and out["download_hidden"] and out["download"] == ""
        assert out["sensitivity"] is None and out["map"] is None and out["ranking"] is None
        opened = [page.fill_on_request(part)(True, [0] * 5, "zscore", "2023", "arbeidsmarktregio", "nl", None)
                  for part in ("table", "sensitivity_table")]
        assert opened == [None, None]                                    # open tables: nothing to show

        nothing = page.update(None, None, None, None, None)              # no weights at all: nothing to rank
        assert texts(to_plain(nothing["notice"])) == t("priority.all_zero", "nl")
        assert nothing["query"]["norm"] == "zscore" and nothing["query"]["periode"] == latest

        junk = page.update(["x", float("nan"), -5, 1e308, []], ["z"], {}, ["gemeente"], ["en"])
        assert junk["notice"] is None                                   # no notice: one usable weight is left
        weights = dict(item.split(":") for item in junk["query"]["w"].split(","))
        assert [c for c, w in weights.items() if float(w) > 0] == [COMPONENTS[3]]   # 1e308 capped at the maximum
        assert float(weights[COMPONENTS[3]]) == page.SLIDER_MAX
        assert (junk["query"]["norm"], junk["query"]["periode"]) == ("zscore", latest)
        assert junk["query"]["niveau"] == ""                            # a list is not a level
        assert "Zeker in de top 5" not in junk["summary"] and "Certainly in the top 5" in junk["summary"]

        extra = page.update([1] * 9, "rank", "1800", "provincie", 3)    # more weights than components, bad period
        assert extra["notice"] is None and extra["query"]["norm"] == "rank" and extra["query"]["periode"] == latest


def test_reset_gives_documented_defaults_including_the_normalisation(page):
    assert page.reset_weights(1) == ([DEFAULT_WEIGHTS[c] for c in COMPONENTS], "zscore")


def test_aftercare_count_and_rate_side_by_side_at_both_levels(dash_app, page, app_client):
    with dash_app.server.test_request_context("/prioriteit"):
        view = page.get_view()
        section = to_plain(page.p.aftercare_section(view, YEAR, "nl", "gemeente", "neet_share"))
        heads = [n for n in components(section) if n.get("type") == "Th" and n["props"].get("aria-sort")]
        assert [h["props"]["aria-sort"] for h in heads] == ["none", "descending", "none", "none"]
        rows = [n for n in components(section) if n.get("type") == "Tr"]
        assert len(rows) == 1 + 10                          # the first rows of 342, the rest on request
        assert "De eerste 10 van 342 gemeenten staan hier." in texts(section)
        assert "Toon alle 342 gemeenten" in texts(section)
        whole = to_plain(page.p.aftercare_section(view, YEAR, "nl", "gemeente", "neet_share", all_rows=True))
        all_rows = [n for n in components(whole) if n.get("type") == "Tr"]
        assert len(all_rows) == 1 + 342 and "Toon alle" not in texts(whole)
        assert [texts(r) for r in all_rows[:11]] == [texts(r) for r in rows]    # the same first rows
        values = [float(texts(r["props"]["children"][2]).rstrip("%").replace(",", ".")) for r in all_rows[1:]
                  if texts(r["props"]["children"][2]) != "–"]
        assert values == sorted(values, reverse=True)                          # sorted by the share, largest first
        by_count, sort_query = page.update_aftercare("neet_count", "arbeidsmarktregio", YEAR, "nl")
        assert "Groot Amsterdam" in texts(to_plain(by_count)) and sort_query == {"sorteer": ""}
        _, sort_query = page.update_aftercare("early_school_leaver_rate", "gemeente", YEAR, "en")
        assert sort_query == {"sorteer": "early_school_leaver_rate"}
        assert page.update_aftercare("bogus", "x", None, None)[1] == {"sorteer": ""}
        with_table = page.update([1] * 5, "zscore", YEAR, "gemeente", "nl", "neet_share")["aftercare"]
        assert "Gesorteerd op Zonder werk en opleiding (% van jongeren)" in texts(to_plain(with_table))
    content = render_page(app_client, "/prioriteit", "?niveau=gemeente&sorteer=neet_share")["content"]
    assert prop_of(content, "priority-sort-state", "data") == "neet_share"
    assert "Gesorteerd op Zonder werk en opleiding (% van jongeren)" in texts(content)


def test_texts_complete_in_both_languages():
    assert set(TEXT["nl"]) == set(TEXT["en"])
    assert all(k.startswith("priority.") for k in TEXT["nl"])
    for comp in COMPONENTS:
        assert f"priority.component.{comp}" in TEXT["nl"]


def _table_rows(tree) -> list[list]:
    """The body rows of the first table in a serialised tree, each as its cells' serialised children."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if node.get("type") == "Tbody":
                return [[cell["props"].get("children") for cell in row["props"]["children"]]
                        for row in node["props"]["children"]]
            stack.extend(v for v in node.get("props", {}).values() if isinstance(v, (list, dict)))
    raise AssertionError("no table body")


def test_sensitivity_table_cells_follow_the_frame(dash_app, page):
    """Every cell of the table: the rank, the region, each variant's move ("↑ 3" up, "↓ 2" down, "0", "–" without
    a rank) and the largest move, as the sensitivity frame has them."""
    from dashboard.data.need import NeedQuery
    from dashboard.data.sensitivity import sensitivity
    weights = [2, 1, 0, 1, 1]
    with dash_app.server.test_request_context("/prioriteit"):
        view = page.get_view()
        table = page.fill_on_request("sensitivity_table")(True, weights, "zscore", YEAR, "gemeente", "nl", None)
        query = NeedQuery("gemeente", YEAR, tuple((c, float(w)) for c, w in zip(COMPONENTS, weights) if w))
        result = sensitivity(view, query)
    rows = _table_rows(to_plain(table))
    frame = result.frame.dropna(subset=["rank"]).head(page.p.SENSITIVITY_ROWS["gemeente"])
    assert len(rows) == len(frame) > 0
    moves = {"0": 0}
    for cells, (_, expected) in zip(rows, frame.iterrows(), strict=True):
        assert cells[0] == int(expected["rank"]) and region_name(cells[1]) == expected["region_name"]
        for text, (kind, comp) in zip(cells[3:], result.variants, strict=True):
            shift = expected[f"shift_{kind}_{comp}"]
            if pd.isna(shift):
                assert text == "–"
            else:
                arrow, _, n = text.partition(" ")
                moves[text] = int(n) * (-1 if arrow == "↑" else 1) if n else 0
                assert moves[text] == int(shift)
        assert cells[2] == (int(expected["max_shift"]) if pd.notna(expected["max_shift"]) else "–")   # beside the name
    assert len(moves) > 2                                    # moves both ways were seen, not only "0"


def test_parts_are_built_once_and_the_aftercare_table_does_not_follow_the_weights(dash_app, page):
    """The layout and the callback share one set of parts per state; another weighting sends the aftercare table
    it already had (JSON data, the same as building it)."""
    with dash_app.server.test_request_context("/prioriteit"):
        view = page.get_view()
        first, again, other = ({**page.update(weights, "zscore", "2023", "arbeidsmarktregio", "nl"),
                                **{part: page.fill_on_request(part)(True, weights, "zscore", "2023",
                                                                   "arbeidsmarktregio", "nl", None)
                                   for part in ("table", "sensitivity_table")}}
                               for weights in ([1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [3, 1, 1, 1, 1]))
        opened = page.p.render(view, dict.fromkeys(COMPONENTS, 1.0), "zscore", "2023", "nl")["table"]
        built = to_plain(page.p.aftercare_section(view, "2023", "nl", "arbeidsmarktregio", "neet_count"))
    for part in ("table", "sensitivity", "sensitivity_table", "ranking", "map"):
        assert first[part] is not None and first[part] is again[part], part
    assert opened is first["table"]                           # the table opened is the one the layout's parts hold
    assert other["table"] != first["table"]                   # another weighting: other index values
    assert other["aftercare"] is first["aftercare"]
    assert to_plain(first["aftercare"]) == built
