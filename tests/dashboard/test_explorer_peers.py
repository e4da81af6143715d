"""The explorer's "similar regions" action and the selection's reference line on the bar chart, checked against
the store's tables read with plain pandas (the peer neighbours the ETL wrote, the observations)."""

from __future__ import annotations

import dataclasses
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from dash import no_update
from pagesupport import render_page
from plotly.utils import PlotlyJSONEncoder

from dashboard.data.view import StoreView
from dashboard.pages.explorer.page import _peers_control, add_peers
from dashboard.pages.explorer.state import MAX_SELECTED, parse_explorer_query


@pytest.fixture
def in_app(dash_app):
    with dash_app.server.test_request_context():
        yield


def _nearest(built_store: Path, level: str, code: str) -> tuple[str, list[str]]:
    """The latest profile year of ``level`` and ``code``'s neighbours in order, from the parquet file itself."""
    near = pd.read_parquet(built_store / "peer_neighbours.parquet")
    near = near[near["level"] == level]
    period = max(near["period"].astype(str))
    rows = near[(near["period"].astype(str) == period) & (near["region_code"] == code)].sort_values("position")
    return period, rows["neighbour_code"].tolist()


@pytest.mark.parametrize(("level", "chosen"), [("arbeidsmarktregio", ["AM15"]), ("rmc", ["MC21", "MC02"]),
                                               ("gemeente", ["GM0363"])])
def test_adding_peers_appends_the_first_regions_nearest_in_order(in_app, built_store: Path, level: str,
                                                                  chosen: list[str]) -> None:
    period, nearest = _nearest(built_store, level, chosen[0])
    assert nearest, f"no neighbours stored for {chosen[0]}"
    regions, status = add_peers(1, chosen, level, "nl")
    expected = chosen + [c for c in nearest if c not in chosen][:MAX_SELECTED - len(chosen)]
    assert regions == expected
    assert f"(profiel {period})" in status and status.startswith("Toegevoegd")


def test_adding_peers_never_passes_the_maximum_and_says_why_nothing_was_added(in_app, built_store: Path) -> None:
    codes = [f"AM{n:02d}" for n in (1, 2, 3, 5, 6, 7, 8, 9, 10, 11)]
    assert add_peers(1, codes, "arbeidsmarktregio", "en") == (no_update, f"{MAX_SELECTED} regions are chosen "
                                                                       "already, the maximum; remove a few first.")
    nine = codes[:MAX_SELECTED - 1]
    regions, _ = add_peers(1, nine, "arbeidsmarktregio", "en")
    assert len(regions) == MAX_SELECTED and regions[:len(nine)] == nine
    regions, status = add_peers(1, [], "arbeidsmarktregio", "en")
    assert regions is no_update and status.startswith("Choose a region first")
    _, nearest = _nearest(built_store, "arbeidsmarktregio", "AM15")
    regions, status = add_peers(1, ["AM15", *nearest], "arbeidsmarktregio", "en")
    assert regions is no_update and "chosen already" in status


def test_the_bar_chart_shows_the_selections_unweighted_mean_next_to_nederland(app_client, built_store: Path) -> None:
    obs = pd.read_parquet(built_store / "observations.parquet")
    rows = obs[(obs["indicator"] == "neet_share") & (obs["region_level"] == "arbeidsmarktregio")]
    latest = rows.loc[rows["value"].notna(), "period"].max()
    chosen = ["AM15", "AM33", "AM37"]
    values = rows[(rows["period"] == latest) & rows["region_code"].isin(chosen)]["value"].dropna()
    mean = values.mean()
    layout = render_page(app_client, "/verkennen", f"?regio={','.join(chosen)}")
    bar = _picture(layout, "explorer-bar-picture")                          # what the page shows first
    texts = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", bar)]
    shown = str(Decimal(repr(float(mean))).quantize(Decimal("0.1"), ROUND_HALF_UP)).replace(".", ",")   # /methode's rule
    assert any(n.startswith(f"Selectie ({len(values)}) {shown}") for n in texts), texts     # short: fits a phone
    assert any(n.startswith("Nederland ") for n in texts)
    assert len(re.findall(r'<line[^>]*stroke="#D55E00"[^>]*stroke-dasharray', bar)) == 1     # the selection's line
    one = _picture(render_page(app_client, "/verkennen", "?regio=AM15"), "explorer-bar-picture")
    assert "Selectie" not in one and 'stroke="#D55E00" stroke-width="2" stroke-dasharray' not in one


def _picture(layout, cid: str) -> str:
    """The SVG text of picture ``cid``."""
    return unquote(_props(layout, cid)["src"])


def _props(layout, cid: str) -> dict:
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == cid:
                return node["props"]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    raise AssertionError(f"{cid} not in the page")


@pytest.mark.parametrize(("regions", "level"), [([1, 2, None], "arbeidsmarktregio"), (["GM0363"], "arbeidsmarktregio"),
                                                (["AM15"], {"x": 1}), ({"a": 1}, "rmc"), ("XX99", "gemeente")])
def test_a_request_no_page_sends_gets_the_choose_first_answer(in_app, regions, level) -> None:
    assert add_peers(1, regions, level, "en") == (no_update, "Choose a region first: similar regions are found for "
                                                             "the first chosen region.")


@pytest.mark.parametrize("level", ["arbeidsmarktregio", "rmc", "gemeente"])
def test_the_peers_help_warns_of_demo_when_a_figure_of_the_need_index_year_is_demo(app_client, built_store: Path,
                                                                                   level: str) -> None:
    period, _ = _nearest(built_store, level, {"arbeidsmarktregio": "AM15", "rmc": "MC21", "gemeente": "GM0363"}[level])
    read = {("neet_share", period), ("neet_share", str(int(period) - 1)), ("youth_jobseeker_rate", period),
            ("youth_benefit_share", period), ("early_school_leaver_rate", f"{int(period) - 1}/{period}")}
    obs = pd.read_parquet(built_store / "observations.parquet")
    obs = obs[obs["region_level"] == level]
    demo = bool(obs[[pair in read for pair in zip(obs["indicator"], obs["period"].astype(str), strict=True)]]
                ["is_demo"].any())
    layout = render_page(app_client, "/verkennen", f"?niveau={level}&lang=en")
    help_text = str(_props(layout, "explorer-add-peers-help")["children"])
    assert f"(profile {period}; see Method)" in help_text
    assert ("DEMO figures" in help_text) is demo


def test_the_peers_help_does_not_warn_when_every_figure_is_real(in_app, app_store) -> None:
    """The same store with every row marked real: no warning (the shipped store's NEET figures are demo, so the
    test above only sees the warning)."""
    real = app_store.observations.assign(is_demo=False)
    view = StoreView(dataclasses.replace(app_store.store, observations=real))
    for level in ("arbeidsmarktregio", "rmc", "gemeente"):
        state = parse_explorer_query(view, {"niveau": level, "lang": "en"})
        control = json.loads(json.dumps(_peers_control(view, state), cls=PlotlyJSONEncoder))
        help_text = str(_props(control, "explorer-add-peers-help")["children"])
        assert "(profile " in help_text and "DEMO" not in help_text
