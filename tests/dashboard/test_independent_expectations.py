"""What a user reads, against expectations recomputed here from the store's rows with plain pandas (never from the
queries, the brief or the page's own parts): movers, positions, changes and the order of tables."""

from __future__ import annotations

import pandas as pd
import pytest
from pagesupport import render_page, texts

from dashboard.data.brief import national_brief, region_brief

DECIMALS = 1


@pytest.fixture(scope="module")
def obs(app_store) -> pd.DataFrame:
    return app_store.observations


def rows_of(obs: pd.DataFrame, indicator: str, level: str, period: str) -> pd.Series:
    part = obs[(obs["indicator"] == indicator) & (obs["region_level"] == level) & (obs["period"] == period)]
    return part.set_index("region_code")["value"].dropna()


def shown(value: float) -> float:
    """The one display rounding (half away from zero), written out here."""
    from decimal import ROUND_HALF_UP, Decimal
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def test_movers_are_recomputed_from_the_rows(app_store, obs):
    """Per indicator and span: the regions whose figure fell most and rose most, a relative change for WW counts
    (divided by the earlier value), only regions whose shown change is not 0,0."""
    for m in national_brief(app_store)["movers"]:
        before = rows_of(obs, m["indicator"], "arbeidsmarktregio", m["before"])
        after = rows_of(obs, m["indicator"], "arbeidsmarktregio", m["after"])
        both = pd.concat({"before": before, "after": after}, axis=1).dropna()
        if m["relative"]:
            both = both[both["before"] > 0]
            change = 100 * (both["after"] - both["before"]) / both["before"]
        else:
            change = both["after"] - both["before"]
        moved = change[change.map(shown) != 0]
        names = dict(zip(app_store.regions["region_code"], app_store.regions["region_name"], strict=True))
        order = moved.to_frame("change").assign(name=[names[c] for c in moved.index])
        fell = order[order["change"] < 0].sort_values(["change", "name"], kind="stable").head(3)
        rose = order[order["change"] > 0].sort_values(["change", "name"], ascending=[False, False],
                                                      kind="stable").head(3)
        assert [r["code"] for r in m["improved"]] == list(fell.index), (m["indicator"], m["span"])
        assert [r["code"] for r in m["worsened"]] == list(rose.index), (m["indicator"], m["span"])
        for r in m["improved"] + m["worsened"]:
            assert r["change"] == pytest.approx(change[r["code"]])


def test_a_position_is_the_rank_among_the_regions_with_a_figure(app_store, obs):
    for code, level in (("AM15", "arbeidsmarktregio"), ("MC21", "rmc"), ("GM0363", "gemeente")):
        brief = region_brief(app_store, code)
        for figure in brief["figures"]:
            if figure.value is None:
                continue
            values = rows_of(obs, figure.indicator, level, figure.period)
            higher = int((values > values[code]).sum())
            ties_before = int(((values == values[code]) & (values.index < code)).sum())
            assert figure.rank == higher + ties_before + 1, (code, figure.indicator)
            assert figure.of == len(values), (code, figure.indicator)


@pytest.mark.parametrize("code", ["AM15", "AM18"])
def test_the_monthly_table_of_a_profile_shows_the_latest_months_first(app_client, obs, code):
    """The table under the WW trend of a region page: the months the trend draws, newest first, as the rows say."""
    page = render_page(app_client, f"/regio/{code}", "")["content"]
    table = _first(_find(page, "data-indicator", "ww_benefits"), "Tbody")
    body = [texts(row) for row in table["props"]["children"]]
    months = obs[(obs["indicator"] == "ww_benefits") & (obs["region_code"] == code) & obs["value"].notna()]
    latest = months.sort_values("period_start")["period"].iloc[-1]
    year, month = latest[:4], int(latest[6:])
    names = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december"]
    assert body[0].startswith(f"{names[month - 1]} {year}"), body[:2]          # newest first
    assert len(body) == min(len(months), 37)       # the months the trend draws: three years back from the latest
    first = months.sort_values("period_start")["period"].iloc[-min(len(months), 37)]
    assert body[-1].startswith(f"{names[int(first[6:]) - 1]} {first[:4]}"), body[-2:]


def _first(tree, kind: str):
    stack = [tree]
    while stack:
        node = stack.pop(0)
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if node.get("type") == kind:
                return node
            stack.extend(v for v in node.get("props", {}).values() if isinstance(v, (list, dict)))
    raise KeyError(kind)


def _find(tree, key: str, value: str):
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            props = node.get("props", {})
            if props.get(key) == value:
                return node
            stack.extend(v for v in props.values() if isinstance(v, (list, dict)))
    raise KeyError((key, value))
