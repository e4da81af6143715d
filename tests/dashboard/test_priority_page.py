"""The /prioriteit page: URL state, controls, ranking chart with intervals, map, aftercare, texts."""

from __future__ import annotations

import json

import plotly.utils
import pytest

from analysis.inputs import COMPONENTS
from analysis.need_index import DEFAULT_WEIGHTS
from dashboard.ui.figures.plain import array_values
from dashboard.ui.i18n import t
from dashboard.ui.i18n.priority import TEXT
from tests.dashboard.pagesupport import find_ids, render_page, texts, to_plain

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
            "priority-aftercare", "priority-download", "priority-table"} <= find_ids(content)
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
             "neet_share_change:0", "norm": "rank", "periode": "2022"}


@pytest.mark.parametrize("search", ["?w=foo:1&norm=log&periode=1800", "?w=neet_share:0", "?w=neet_share:-2",
                                    "?w=%00&lang=xx", "?w=neet_share:99"])
def test_bad_url_state_falls_back(app_client, search):
    content = render_page(app_client, "/prioriteit", search)["content"]
    weights = sliders(content)
    assert set(weights) == set(COMPONENTS) and all(0 <= v <= 3 for v in weights.values()) and any(weights.values())
    assert prop_of(content, "priority-norm", "value") == "zscore"


def test_update_callback(dash_app, page, app_client):
    with dash_app.server.test_request_context("/prioriteit"):
        out = page.update([2, 1, 1, 1, 0], "minmax", "2023", "en")
    notice, summary, ranking, table, missing, map_fig, map_help, aftercare, href, status, help_text, query = out
    assert notice is None and "Certainly in the top 5" in summary
    json.dumps(out[:11], cls=plotly.utils.PlotlyJSONEncoder)           # serialisable, as Dash sends it
    points = sum(len(array_values(trace["x"])) for trace in ranking["data"])
    assert points == 35
    for trace in ranking["data"]:                                     # dot + asymmetric 90% interval bars
        error = trace["error_x"]
        assert error["symmetric"] is False and len(array_values(error["array"])) == len(array_values(trace["x"]))
        assert all(a >= 0 for a in array_values(error["array"])) and all(a >= 0 for a in array_values(error["arrayminus"]))
    assert list(ranking["layout"]["yaxis"]["categoryarray"])[-1] in summary    # rank 1 at the top
    assert map_fig["data"][0]["type"] == "choroplethmap"
    assert app_client.get(map_fig["data"][0]["geojson"]).get_json(force=True)["features"]    # geometry by URL
    assert map_fig["layout"]["map"]["style"] == "white-bg"
    assert query == {"w": "neet_share:2,youth_jobseeker_rate:1,youth_benefit_share:1,early_school_leaver_rate:1,"
                          "neet_share_change:0", "norm": "minmax", "periode": "2023"}
    assert app_client.get(href).status_code == 200
    assert "2022/2023" in help_text


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
        out = page.update([0, 0, 0, 0, 0], "zscore", "2023", "nl")
        assert texts(to_plain(out[0])) == t("priority.all_zero", "nl")

        nothing = page.update(None, None, None, None)                  # no weights at all: nothing to rank
        assert texts(to_plain(nothing[0])) == t("priority.all_zero", "nl")
        assert nothing[-1]["norm"] == "zscore" and nothing[-1]["periode"] == latest

        junk = page.update(["x", float("nan"), -5, 1e308, []], ["z"], {}, ["en"])
        assert junk[0] is None                                          # no notice: one usable weight is left
        weights = dict(item.split(":") for item in junk[-1]["w"].split(","))
        assert [c for c, w in weights.items() if float(w) > 0] == [COMPONENTS[3]]   # 1e308 capped at the maximum
        assert float(weights[COMPONENTS[3]]) == page.SLIDER_MAX
        assert (junk[-1]["norm"], junk[-1]["periode"]) == ("zscore", latest)
        assert "Zeker in de top 5" not in junk[1] and "Certainly in the top 5" in junk[1]   # lang ["en"] read as en

        extra = page.update([1] * 9, "rank", "1800", 3)                # more weights than components, bad period
        assert extra[0] is None and extra[-1]["norm"] == "rank" and extra[-1]["periode"] == latest


def test_reset_gives_documented_defaults(page):
    assert page.reset_weights(1) == [DEFAULT_WEIGHTS[c] for c in COMPONENTS]


def test_aftercare_section(dash_app, page):
    with dash_app.server.test_request_context("/prioriteit"):
        section = page.aftercare_section(page.get_view(), "2023", "nl")
    graph = section[1]
    names = [trace["name"] for trace in graph.figure["data"]]
    assert names == [t("priority.aftercare.neet_count", "nl"), t("priority.aftercare.early_school_leavers", "nl")]


def test_texts_complete_in_both_languages():
    assert set(TEXT["nl"]) == set(TEXT["en"])
    assert all(k.startswith("priority.") for k in TEXT["nl"])
    for comp in COMPONENTS:
        assert f"priority.component.{comp}" in TEXT["nl"]
