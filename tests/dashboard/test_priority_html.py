"""/prioriteit without Plotly, where the user looks: the ranking chart drawn by HTML and CSS, the need map as an SVG
image, the ranking and sensitivity tables built when a reader opens them, the aftercare table's first rows and the
weights as the browser's own range inputs.

Expectations come from the need index the ETL published (``need_index.parquet``: equal weights, z-scores) or, for
another weighting, from the API's need-index CSV, and from the store's rows, recomputed here with plain pandas;
never from the page's own parts.
"""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from dash._utils import stringify_id
from plotly.colors import get_colorscale, hex_to_rgb

from analysis.inputs import COMPONENTS
from analysis.need_index import top_label
from dashboard import testing as payloads
from tests.dashboard.pagesupport import (
    by_id,
    chart_rows,
    components,
    percent,
    region_name,
    render_page,
    svg_fills,
    svg_text,
    texts,
    to_plain,
)

pytestmark = pytest.mark.timeout(300)

LEVELS = ("arbeidsmarktregio", "rmc", "gemeente")
LANGS = ("nl", "en")
TOP_K = 5
OTHER = {"neet_share": 3.0, "youth_benefit_share": 1.0, "neet_share_change": 1.0}      # another weighting
OTHER_VALUES = [OTHER.get(c, 0.0) for c in COMPONENTS]


@pytest.fixture(scope="module")
def page(dash_app):
    dash_app.server.test_client().get("/")
    from dashboard.pages.priority import page as priority
    return priority


@pytest.fixture(scope="module")
def published(built_store) -> pd.DataFrame:
    return pd.read_parquet(built_store / "need_index.parquet")


@pytest.fixture(scope="module")
def year(published) -> str:
    """The latest year the need index was published for at every level."""
    return str(max(set.intersection(*(set(part["period"]) for _, part in published.groupby("level")))))


@pytest.fixture(scope="module")
def regions(built_store) -> pd.DataFrame:
    return pd.read_parquet(built_store / "regions.parquet")


def ranked(published: pd.DataFrame, level: str, period: str) -> pd.DataFrame:
    """The published ranking of ``level`` in ``period``: the regions with a rank, rank 1 first."""
    rows = published[(published["level"] == level) & (published["period"] == period)]
    return rows.dropna(subset=["rank"]).sort_values("rank").reset_index(drop=True)


def api_ranked(client, level: str, period: str, weights: dict[str, float]) -> pd.DataFrame:
    """The ranking for ``weights`` as the API's need-index CSV gives it, rank 1 first."""
    pairs = ",".join(f"{c}:{w:g}" for c, w in weights.items())
    answer = client.get(f"/api/v1/need-index.csv?level={level}&period={period}&weights={pairs}&normalisation=zscore")
    assert answer.status_code == 200, answer.data[:300]
    frame = pd.read_csv(io.BytesIO(answer.data), dtype={"region_code": str})
    return frame.dropna(subset=["rank"]).sort_values("rank").reset_index(drop=True)


def region_link(code: str, lang: str) -> str:
    return f"/regio/{code}" + ("?lang=en" if lang == "en" else "")


def labels_of(expected: pd.DataFrame) -> list[str]:
    """The top-5 label of every row, from its 90% interval among the regions with a rank."""
    return [top_label(int(lo), int(hi), len(expected), TOP_K) for lo, hi in zip(expected["rank_low"],
                                                                               expected["rank_high"], strict=True)]


def body_rows(tree) -> list[list]:
    """The cells (serialised) of each body row of the first table in ``tree``."""
    body = next((n for n in components(tree) if n.get("type") == "Tbody"), None)
    assert body is not None, "no table body"
    return [row["props"]["children"] for row in body["props"]["children"]]


# --- no Plotly, no lazily loaded controls -------------------------------------------------------------------------

LAZY = {"Graph", "Slider", "RangeSlider", "Dropdown", "DatePickerSingle", "DatePickerRange", "Markdown", "Upload"}


@pytest.mark.parametrize("level", LEVELS)
def test_the_page_needs_no_component_dash_loads_later(dash_app, app_client, page, year, level):
    """What the page and its update send holds no component whose script Dash fetches on demand (dcc's async
    chunks: Plotly for a Graph, the slider, the dropdown ...): the page settles without them."""
    content = render_page(app_client, "/prioriteit", f"?niveau={level}")["content"]
    with dash_app.server.test_request_context("/prioriteit"):
        out = page.update(OTHER_VALUES, "zscore", year, level, "nl")
        tables = [page.fill_on_request(part)(True, OTHER_VALUES, "zscore", year, level, "nl", None)
                  for part in ("table", "sensitivity_table")]
    for where, tree in (("layout", content), ("update", to_plain(out)), ("tables", to_plain(tables))):
        kinds = {n.get("type") for n in components(tree) if n.get("namespace") == "dash_core_components"}
        assert not kinds & LAZY, (where, kinds & LAZY)
        if where == "layout":
            assert {"Input", "RadioItems", "Store"} <= kinds              # the controls the page does use


# --- the ranking chart --------------------------------------------------------------------------------------------

def check_chart(chart, expected: pd.DataFrame, shown: int, lang: str, where: str) -> None:
    """The chart's rows against the ranking ``expected`` (rank 1 first): names, links, positions, labels, hover."""
    rows = chart_rows(chart["props"]["children"])
    top = expected.head(shown)
    labels = labels_of(expected)[:shown]
    assert [r["name"] for r in rows] == list(top["region_name"]), where
    assert [r["href"] for r in rows] == [region_link(c, lang) for c in top["region_code"]], where
    last = max(int(top["rank_high"].max()), shown, 1)               # the axis: 1 - pad .. last + pad
    pad = max(0.6, 0.04 * last)

    def at(x: float) -> float:
        return 100 * (x - (1 - pad)) / (last + pad - (1 - pad))

    colours: dict[str, str] = {}
    for row, r, label in zip(rows, top.itertuples(), labels, strict=True):
        rank, low, high = int(r.rank), int(r.rank_low), int(r.rank_high)
        style = row["style"]
        for key, value in (("--at", rank), ("--lo", low), ("--hi", high)):
            assert percent(style[key]) == pytest.approx(at(value), abs=0.006), (where, r.region_name, key)
        assert row["className"].split() == ["rank-track", f"is-{label}"], (where, r.region_name)
        assert colours.setdefault(label, style["--c"]) == style["--c"], (where, label)      # one colour per label
        said = f"{rank} (90%: {low}–{high})"
        assert row["title"].startswith(r.region_name) and said in row["title"], (where, row["title"])
        assert said in row["aria-label"] and row["role"] == "img", (where, row["aria-label"])
        index = re.search(r"index (−?\d+[.,]\d\d)\b", row["title"])
        assert index, (where, row["title"])
        assert float(index.group(1).replace("−", "-").replace(",", ".")) == pytest.approx(r.index, abs=0.0051)
    assert len(set(colours.values())) == len(colours), (where, colours)     # the labels do not share a colour
    legend = next(n for n in components(chart) if n["props"].get("className") == "rank-legend")
    items = {}
    for item in legend["props"]["children"]:
        mark = next(n for n in components(item) if str(n["props"].get("className", "")).startswith("rank-mark"))
        code = mark["props"]["className"].split()[1].removeprefix("is-")
        items[code] = mark["props"]["style"]["--c"]
    assert set(items) == set(labels_of(expected)[:shown]), where          # each label drawn, and no other
    assert all(items[code] == colour for code, colour in colours.items()), where     # as the rows draw it
    assert 100 * float(chart["props"]["style"]["--top"]) == pytest.approx(at(TOP_K + 0.5), abs=0.006), where


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", LEVELS)
def test_the_ranking_chart_draws_the_published_ranking(app_client, page, published, year, level, lang):
    """One row per region in rank order (a readable number of rows), each naming and linking the region, its dot
    and interval where rank and 90% interval lie on the axis, its marker the region's top-5 label."""
    content = render_page(app_client, "/prioriteit", f"?niveau={level}&periode={year}&lang={lang}")["content"]
    expected = ranked(published, level, year)
    n = len(expected)
    shown = min(n, page.p.CHART_ROWS[level])
    assert n > TOP_K and shown == min(n, {"arbeidsmarktregio": 35, "rmc": 40, "gemeente": 40}[level])
    check_chart(by_id(content, "priority-ranking"), expected, shown, lang, f"{level} {lang}")
    note = texts(by_id(content, "priority-ranking-note"))
    assert (str(shown) in note and str(n) in note) if shown < n else note == "", note


def test_the_ranking_chart_follows_another_weighting(dash_app, app_client, page, published, year):
    """The weights moved: the update's chart is the API's ranking for those weights (another order than the
    published one)."""
    expected = api_ranked(app_client, "gemeente", year, OTHER)
    assert list(expected["region_code"].head(40)) != list(ranked(published, "gemeente", year)["region_code"].head(40))
    with dash_app.server.test_request_context("/prioriteit"):
        out = page.update(OTHER_VALUES, "zscore", year, "gemeente", "en")
    check_chart({"props": {"children": out["ranking"], "style": out["ranking_style"]}}, expected,
                min(len(expected), 40), "en", "other weights")


# --- the map ------------------------------------------------------------------------------------------------------

VIRIDIS = [(float(at), hex_to_rgb(colour)) for at, colour in get_colorscale("Viridis")]


def viridis(fraction: float) -> tuple[float, float, float]:
    """Plotly's Viridis at ``fraction`` (0 = dark purple, 1 = yellow), interpolated in RGB."""
    for (a, low), (b, high) in zip(VIRIDIS, VIRIDIS[1:], strict=False):
        if fraction <= b:
            share = (fraction - a) / (b - a)
            return tuple(x + (y - x) * share for x, y in zip(low, high, strict=True))
    return VIRIDIS[-1][1]


def rgb(fill: str) -> tuple[int, int, int]:
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", fill), fill
    return hex_to_rgb(fill.lower())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", LEVELS)
def test_the_map_colours_every_region_by_its_index(app_client, published, regions, year, level, lang):
    """Every region of the level is drawn; yellow = more need: the highest index is Viridis' yellow end, the lowest
    its dark purple, each region between at its place on the scale; the image says so in words (alt)."""
    content = render_page(app_client, "/prioriteit", f"?niveau={level}&periode={year}&lang={lang}")["content"]
    picture = by_id(content, "priority-map")
    assert picture["type"] == "Img" and by_id(content, "priority-map-box")["props"].get("hidden") is not True
    fills = svg_fills(picture)
    assert set(fills) == set(regions.loc[regions["region_level"] == level, "region_code"])
    rows = published[(published["level"] == level) & (published["period"] == year)].set_index("region_code")
    values = rows["index"].dropna()
    assert len(values) > TOP_K
    assert fills[values.idxmax()] == "#fde725" and fills[values.idxmin()] == "#440154"
    low, high = values.min(), values.max()
    for code, value in values.items():
        want = viridis((value - low) / (high - low))
        assert all(abs(a - b) <= 1.01 for a, b in zip(rgb(fills[code]), want, strict=True)), (code, fills[code], want)
    alt = picture["props"]["alt"]
    rule = {"nl": ("geel = meer behoefte", "grijs = geen index"), "en": ("yellow = more need", "grey = no index")}
    assert year in alt and all(words in alt for words in rule[lang]), alt
    assert rule[lang][0] in svg_text(picture)                          # the legend drawn under the map says it too


def test_the_map_draws_regions_without_an_index_grey(app_client, page, published):
    """Where the published index misses regions (a year without the one-year change, say), exactly those are grey,
    a neutral grey no region with an index has, and the legend under the map shows the grey."""
    missing = published[published["index"].isna()]
    cases = sorted({(lv, str(p)) for lv, p in zip(missing["level"], missing["period"], strict=True)})
    assert cases                                                       # the store has such a year: the test can fail
    for level, period in cases:
        content = render_page(app_client, "/prioriteit", f"?niveau={level}&periode={period}")["content"]
        assert by_id(content, "priority-period")["props"]["value"] == period, (level, period)
        picture = by_id(content, "priority-map")
        fills = svg_fills(picture)
        rows = published[(published["level"] == level) & (published["period"] == period)]
        no_index = set(rows.loc[rows["index"].isna(), "region_code"])
        greys = {code for code, fill in fills.items() if len(set(rgb(fill))) == 1}
        assert greys == no_index, (level, period)
        grey = {fills[code] for code in no_index}
        assert len(grey) == 1 and not grey & {fills[c] for c in set(fills) - no_index}, (level, period, grey)
        assert f'fill="{grey.pop()}"/>' in svg_text(picture)         # the grey swatch of the legend
        assert ">geen index</text>" in svg_text(picture), (level, period)   # named as the page's legend names it
        english = by_id(render_page(app_client, "/prioriteit", f"?niveau={level}&periode={period}&lang=en")["content"],
                        "priority-map")
        assert ">no index</text>" in svg_text(english), (level, period)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_with_one_weight_the_sensitivity_sentence_says_no_region_moves(app_client, lang):
    """One weighted component: its only variant (counted double) changes no rank, so the sentence says why, instead
    of "0 places" or "in 1 of the 1 variants".  Two weights that move no region get the plain sentence."""
    en = "&lang=en" if lang == "en" else ""
    content = render_page(app_client, "/prioriteit", "?w=neet_share:1" + en)["content"]
    sentence = by_id(content, "priority-sensitivity-summary")["props"]["children"]
    expected = {"nl": "dubbel tellen verandert geen enkele rang", "en": "counting it double changes no rank"}[lang]
    assert expected in sentence and " 0 " not in sentence and " 1 " not in sentence, sentence
    two = render_page(app_client, "/prioriteit", "?w=neet_share:1,youth_jobseeker_rate:1" + en)["content"]
    assert "1 van de 1" not in str(by_id(two, "priority-sensitivity-summary")["props"]["children"])


# --- tables built on request --------------------------------------------------------------------------------------

def test_tables_on_request_are_empty_in_the_first_layout(app_client):
    content = render_page(app_client, "/prioriteit", "?niveau=gemeente")["content"]
    for box, summary in (("priority-table", "Toon de rangorde als tabel"),
                         ("priority-sensitivity-table", "Toon de verschuiving van elke regio per variant")):
        assert not by_id(content, box)["props"].get("children"), box
        details = by_id(content, f"{box}-details")
        assert details["type"] == "Details" and details["props"]["data-open-store"] == f"{box}-open"
        assert not details["props"].get("open")
        assert texts(details) == summary
        store = by_id(content, f"{box}-open")
        assert store["type"] == "Store" and store["props"]["data"] is False
    assert "Tbody" not in json.dumps(by_id(content, "priority-sensitivity"))       # the summary only
    assert texts(by_id(content, "priority-sensitivity"))                           # ... in words


def check_ranking_table(tree, expected: pd.DataFrame, first: int | None, lang: str, where: str) -> None:
    """The ranking table: rank, interval, region (linked) and top-5 label of its rows in rank order; of a long list
    ``first`` rows and the button naming them all."""
    rows = body_rows(tree)
    n = len(expected)
    top = expected.head(first or n)
    labels = labels_of(expected)[:len(top)]
    assert len(rows) == len(top), where
    for cells, r, label in zip(rows, top.itertuples(), labels, strict=True):
        assert cells[0]["props"]["children"] == int(r.rank), where
        assert texts(cells[1]) == f"{int(r.rank_low)}–{int(r.rank_high)}", where
        link = next(c for c in components(cells[2]) if c.get("type") == "A")
        assert (link["props"]["children"], link["props"]["href"]) == (r.region_name, region_link(r.region_code, lang))
        words = {"certain": "zeker in top", "possible": "mogelijk top", "indistinct": "niet te onderscheiden",
                 "outside": "niet in top"}
        if lang == "nl":
            assert texts(cells[4]).startswith(words[label]), (where, r.region_name, texts(cells[4]))
    if first:
        assert f"Toon alle {n} " in texts(tree) and f"De eerste {first} van {n} " in texts(tree), where
    else:
        assert "Toon alle" not in texts(tree), where


@pytest.mark.parametrize(("level", "first"), [("arbeidsmarktregio", None), ("rmc", 25), ("gemeente", 25)])
def test_the_ranking_table_is_built_when_opened(dash_app, page, published, year, level, first):
    expected = ranked(published, level, year)
    fill = page.fill_on_request("table")
    with dash_app.server.test_request_context("/prioriteit"):
        opened = fill(True, [1] * 5, "zscore", year, level, "nl", None)
        closed = fill(False, [1] * 5, "zscore", year, level, "nl", None)
        update = page.update([1] * 5, "zscore", year, level, "nl")
        whole = fill(True, [1] * 5, "zscore", year, level, "nl", ["ranking"])
    assert closed is None and "table" not in update           # only its own callback fills it (no race of two)
    check_ranking_table(opened, expected, first, "nl", level)
    check_ranking_table(whole, expected, None, "nl", f"{level} whole")


def sensitivity_ranks(tree) -> list[tuple[int, str, int]]:
    """(rank, region, number of move cells) of each row of the sensitivity table (a name may wrap after a "/")."""
    return [(cells[0]["props"]["children"], region_name(cells[1]), len(cells) - 3)
            for cells in body_rows(tree)]


@pytest.mark.parametrize("level", LEVELS)
def test_the_sensitivity_table_is_built_when_opened(dash_app, page, published, year, level):
    """Opened: the regions in rank order (the first 25 gemeenten), a move for each of the 10 variants (each of 5
    weights dropped and doubled); closed, or not asked for by the update: nothing."""
    expected = ranked(published, level, year)
    fill = page.fill_on_request("sensitivity_table")
    with dash_app.server.test_request_context("/prioriteit"):
        opened = fill(True, [1] * 5, "zscore", year, level, "nl", None)
        closed = fill(False, [1] * 5, "zscore", year, level, "nl", None)
        sent = page.update([1] * 5, "zscore", year, level, "nl")
    assert closed is None and "sensitivity_table" not in sent and "table" not in sent   # their own callbacks fill them
    first = {"arbeidsmarktregio": 35, "rmc": 40, "gemeente": 25}[level]
    top = expected.head(first)
    assert sensitivity_ranks(opened) == [(int(r), name, 10) for r, name in zip(top["rank"], top["region_name"],
                                                                               strict=True)]
    note = {"arbeidsmarktregio": None, "rmc": None, "gemeente": f"De 25 gemeenten met de hoogste rang; alle "
                                                                 f"{len(expected)} staan in de download."}[level]
    assert (note in texts(opened)) if note else "staan in de download" not in texts(opened)
    assert "Tbody" not in json.dumps(to_plain(sent["sensitivity"]))        # the summary beside it: words only


def test_a_table_opened_is_built_for_the_weights_on_screen(dash_app, app_client, page, year):
    """Opened after the weights moved: both tables for those weights (the API's ranking; 3 weights: 6 variants)."""
    expected = api_ranked(app_client, "gemeente", year, OTHER)
    with dash_app.server.test_request_context("/prioriteit"):
        table = page.fill_on_request("table")(True, OTHER_VALUES, "zscore", year, "gemeente", "nl", None)
        moves = page.fill_on_request("sensitivity_table")(True, OTHER_VALUES, "zscore", year, "gemeente", "nl", None)
    check_ranking_table(table, expected, 25, "nl", "opened, other weights")
    top = expected.head(25)
    assert sensitivity_ranks(moves) == [(int(r), name, 6) for r, name in zip(top["rank"], top["region_name"],
                                                                             strict=True)]


def _weights_body(case, values: list[float], level: str, period: str, open_tables: bool) -> dict:
    """The request the browser sends to callback ``case`` when a weight moved, with both on-request tables open or
    closed."""
    body = payloads.with_values(case, {"priority-level.value": level, "priority-period.value": period,
                                       "priority-table-open.data": open_tables,
                                       "priority-sensitivity-table-open.data": open_tables}, [])
    weights = next(arg for arg in body["inputs"] if isinstance(arg, list))
    assert [w["id"]["component"] for w in weights] == list(COMPONENTS)
    for arg, value in zip(weights, values, strict=True):
        arg["value"] = value
    body["changedPropIds"] = [stringify_id(weights[0]["id"]) + ".value"]
    return body


def test_an_open_table_follows_another_weighting_and_a_closed_one_is_not_sent(dash_app, app_client, year):
    """Through Dash, as the browser asks: a weight moved while both tables are open, each table's own callback
    answers with it for the new weights (the API's ranking for them; 3 weights: 6 variants); while closed, with
    nothing.  The main update never sends them (one writer per table: Dash drops an older answer of the same
    callback, so an opened table cannot end up empty or a step behind)."""
    app_client.get("/")
    cases = payloads.callback_cases(dash_app)
    expected = api_ranked(app_client, "gemeente", year, OTHER)
    top = expected.head(25)
    for box in ("priority-table", "priority-sensitivity-table"):
        case = next(c for c in cases if c.key.startswith(f"{box}.children@"))
        opened = app_client.post("/_dash-update-component",
                                 json=_weights_body(case, OTHER_VALUES, "gemeente", year, True))
        assert opened.status_code == 200, opened.data[:300]
        tree = opened.get_json()["response"][box]["children"]
        if box == "priority-table":
            check_ranking_table(tree, expected, 25, "nl", "open, other weights")
        else:
            assert sensitivity_ranks(tree) == [(int(r), name, 6) for r, name in zip(top["rank"], top["region_name"],
                                                                                     strict=True)]
        closed = app_client.post("/_dash-update-component",
                                 json=_weights_body(case, OTHER_VALUES, "gemeente", year, False))
        assert closed.get_json()["response"][box]["children"] is None, box
    main = next(c for c in cases if "priority-ranking.children" in c.key)
    answer = app_client.post("/_dash-update-component", json=_weights_body(main, OTHER_VALUES, "gemeente", year, True))
    response = answer.get_json()["response"]
    assert [r["name"] for r in chart_rows(response["priority-ranking"]["children"])] == \
        list(expected["region_name"].head(40))
    assert "priority-table" not in response and "priority-sensitivity-table" not in response


@pytest.mark.parametrize("box", ["priority-table", "priority-sensitivity-table"])
def test_opening_a_table_asks_dash_for_it(dash_app, app_client, published, year, box):
    """The reader opens a table: the browser tells its store, and Dash answers with the table for the controls."""
    app_client.get("/")
    case = next(c for c in payloads.find(payloads.callback_cases(dash_app), input_=f"{box}-open.data")
                if c.key.startswith(f"{box}.children@"))
    expected = ranked(published, "gemeente", year)
    values = {f"{box}-open.data": True, "priority-level.value": "gemeente", "priority-period.value": year}
    answer = app_client.post("/_dash-update-component", json=payloads.with_values(case, values, [f"{box}-open.data"]))
    assert answer.status_code == 200, answer.data[:300]
    tree = answer.get_json()["response"][box]["children"]
    if box == "priority-table":
        check_ranking_table(tree, expected, 25, "nl", box)
    else:
        top = expected.head(25)
        assert sensitivity_ranks(tree) == [(int(r), name, 10) for r, name in zip(top["rank"], top["region_name"],
                                                                                  strict=True)]
    values[f"{box}-open.data"] = False                                  # closed again: emptied
    answer = app_client.post("/_dash-update-component", json=payloads.with_values(case, values, [f"{box}-open.data"]))
    assert answer.get_json()["response"][box]["children"] is None


# --- the aftercare table ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sort", ["neet_count", "early_school_leaver_rate"])
@pytest.mark.parametrize("level", LEVELS)
def test_the_aftercare_table_shows_its_first_10_rows_at_every_level(app_client, app_store, regions, year, level, sort):
    """Of 35 arbeidsmarktregio's, 40 RMC regions and 342 gemeenten the first 10 in the sort order (largest first,
    missing last, ties by name), recomputed from the store's rows, and a button that names them all."""
    obs = app_store.observations
    when = f"{int(year) - 1}/{year}" if sort.startswith("early") else year
    values = obs[(obs["indicator"] == sort) & (obs["region_level"] == level) & (obs["period"] == when)]
    values = values.set_index("region_code")["value"]
    frame = regions.loc[regions["region_level"] == level, ["region_code", "region_name"]]
    frame = frame.assign(value=frame["region_code"].map(values))
    order = frame.sort_values(["value", "region_name"], ascending=[False, True], na_position="last", kind="stable")
    n = len(frame)
    assert values.notna().sum() > 10 and n == {"arbeidsmarktregio": 35, "rmc": 40, "gemeente": 342}[level]
    search = f"?niveau={level}&periode={year}" + ("" if sort == "neet_count" else f"&sorteer={sort}")
    section = by_id(render_page(app_client, "/prioriteit", search)["content"], "priority-aftercare")
    rows = body_rows(section)
    links = [next(c for c in components(cells[0]) if c.get("type") == "A")["props"]["href"] for cells in rows]
    assert links == [f"/regio/{code}" for code in order["region_code"].head(10)]
    button = by_id(section, {"type": "priority-more", "key": "aftercare"})
    assert button["type"] == "Button" and texts(button).startswith(f"Toon alle {n} ")
    assert f"De eerste 10 van {n} " in texts(section)


# --- the controls -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_each_weight_is_a_labelled_range_input_that_shows_its_weight(app_client, lang):
    weights = {"neet_share": 1.5, "youth_jobseeker_rate": 2.0, "early_school_leaver_rate": 0.5}
    search = "?w=" + ",".join(f"{c}:{w:g}" for c, w in weights.items()) + f"&lang={lang}"
    content = render_page(app_client, "/prioriteit", search)["content"]
    labels = [n for n in components(content) if n.get("type") == "Label"]
    ticks = {n["props"]["id"]: n for n in components(content) if n.get("type") == "Datalist"}
    for c in COMPONENTS:
        wanted = {"type": "priority-weight", "component": c}
        field = by_id(content, wanted)
        assert field["type"] == "Input" and field["namespace"] == "dash_core_components"
        props = field["props"]
        assert (props["type"], props["min"], props["max"], props["step"]) == ("range", 0, 3, 0.5)
        assert props["value"] == weights.get(c, 0.0)
        dom_id = '{"component":"%s","type":"priority-weight"}' % c        # Dash's id in the HTML: sorted, compact
        assert stringify_id(wanted) == dom_id
        mine = [n for n in labels if n["props"].get("htmlFor") == dom_id]
        assert len(mine) == 1, c                                       # the one label that names this input
        shown = next(n for n in components(mine[0]) if n.get("type") == "Output")
        assert shown["props"]["id"] == {"type": "priority-weight-text", "component": c}
        text = f"{weights.get(c, 0.0):g}"
        assert shown["props"]["children"] == (text.replace(".", ",") if lang == "nl" else text), c
        options = [o["props"]["value"] for o in components(ticks[props["list"]]) if o.get("type") == "Option"]
        assert [float(v) for v in options] == [i / 2 for i in range(7)]
    assert by_id(content, {"type": "priority-weight-text", "component": "neet_share"})["props"]["children"] == \
        {"nl": "1,5", "en": "1.5"}[lang]


@pytest.mark.parametrize("level", LEVELS)
def test_the_years_to_choose_from_are_the_published_ones_newest_first(app_client, published, level):
    content = render_page(app_client, "/prioriteit", f"?niveau={level}")["content"]
    choice = by_id(content, "priority-period")
    years = sorted({str(p) for p in published.loc[published["level"] == level, "period"]}, reverse=True)
    assert choice["type"] == "RadioItems" and [o["value"] for o in choice["props"]["options"]] == years
    assert choice["props"]["value"] == years[0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_group_of_radio_buttons_is_named_by_its_fieldset_legend(app_client, lang):
    """Level, normalisation and year: a screen reader names each group by its ``<legend>`` (a ``<label for>`` on a
    group of radio buttons names nothing)."""
    content = render_page(app_client, "/prioriteit", f"?lang={lang}")["content"]
    stack, groups = [content], {}
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict) and "props" in node:
            kids = node["props"].get("children")
            kids = kids if isinstance(kids, list) else [kids]
            if node["type"] == "Fieldset":
                radios = [k["props"]["id"] for k in kids if isinstance(k, dict) and k.get("type") == "RadioItems"]
                legend = [k["props"]["children"] for k in kids if isinstance(k, dict) and k.get("type") == "Legend"]
                groups.update({r: legend for r in radios})
            stack.extend(v for v in node["props"].values() if isinstance(v, (list, dict)))
    words = {"nl": ["Niveau", "Normalisatie", "Jaar"], "en": ["Level", "Normalisation", "Year"]}[lang]
    assert groups == {"priority-level": [words[0]], "priority-norm": [words[1]], "priority-period": [words[2]]}


@pytest.mark.parametrize("level", LEVELS)
def test_the_summary_accounts_for_every_region_whose_interval_reaches_the_top_5(app_client, published, year, level):
    """"Zeker in de top 5": the whole interval in the top 5; "Mogelijk top 5": the others whose interval reaches
    into it (rank_low <= 5) and spans less than half the regions, in rank order; those spanning more are counted in
    a sentence of their own.  (A region ranked 5th with a wide interval was in neither list; one wholly below the
    top 5 was called "niet te onderscheiden".)  Recomputed from the published index with plain pandas."""
    expected = ranked(published, level, year)
    n = len(expected)
    certain = expected[expected["rank_high"] <= 5]
    reach = expected[(expected["rank_low"] <= 5) & (expected["rank_high"] > 5)]
    is_wide = reach["rank_high"] - reach["rank_low"] + 1 >= max(n / 2, 6)
    content = render_page(app_client, "/prioriteit", f"?niveau={level}&periode={year}")["content"]
    summary = texts(by_id(content, "priority-summary"))
    assert f"Zeker in de top 5: {', '.join(certain['region_name']) or 'geen'}." in summary, summary
    assert f"Mogelijk top 5: {', '.join(reach.loc[~is_wide, 'region_name']) or 'geen'}." in summary, summary
    wide = int(is_wide.sum())
    assert (f"Ook {wide} " in summary or "Ook 1 " in summary) if wide else "Ook " not in summary, summary
    labels = dict(zip(expected["region_name"], labels_of(expected), strict=True))
    assert all(labels[name] == "outside" for name in expected.loc[expected["rank_low"] > 5, "region_name"])


def test_the_ranking_table_marks_its_index_and_explains_the_profile_group(dash_app, page, year, app_store):
    """The index column says DEMO (or its tables) in its header, as every figure does; "Profielgroep" is explained
    one click away."""
    with dash_app.server.test_request_context("/prioriteit"):
        table = to_plain(page.fill_on_request("table")(True, [1] * 5, "zscore", year, "arbeidsmarktregio", "nl", None))
    header = next(n for n in components(table) if n.get("type") == "Th" and n["props"].get("data-indicator"))
    demo = any((app_store.indicator(s) or {}).get("is_demo") for s in
               ("neet_share", "youth_jobseeker_rate", "youth_benefit_share", "early_school_leaver_rate"))
    assert texts(header).startswith("Index") and ("DEMO" in texts(header)) == demo
    assert "Profielgroep" in texts(table) and "Wat betekent profielgroep?" in texts(table)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_settings_in_one_line_for_paper_follow_the_controls(dash_app, app_client, page, year, lang):
    """On paper the controls are left out; one line above the ranking says level, year, the weights above 0 (as
    the labels show them) and the normalisation, in the layout and after every change."""
    content = render_page(app_client, "/prioriteit", f"?w=neet_share:2,early_school_leaver_rate:0.5&lang={lang}"
                                                      f"&periode={year}")["content"]
    line = by_id(content, "priority-settings")
    assert "print-only" in line["props"]["className"]
    expected = {"nl": f"Instellingen: Arbeidsmarktregio's (35), jaar {year}; gewichten: Jongeren zonder werk en "
                      "opleiding (%) 2, Voortijdig schoolverlaters (%) 0,5; normalisatie:",
                "en": f"Settings: Labour-market regions (35), year {year}; weights:"}[lang]
    assert line["props"]["children"].startswith(expected), line["props"]["children"]
    with dash_app.server.test_request_context("/prioriteit"):
        out = page.update([0, 1, 0, 0, 3], "rank", year, "rmc", lang)
    assert out["settings"].count(",") >= 2 and ("rank" in out["settings"].lower() or "rang" in out["settings"])
    assert ("RMC" in out["settings"]) and (" 3" in out["settings"]) and "Jongeren zonder werk en opleiding (%)" \
        not in out["settings"]
