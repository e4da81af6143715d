"""The truth invariant, checked where the user looks: every figure says whether it is demo, and "Bron: CBS" never
stands under a figure with demo input, nor is a real figure marked demo.

Pages are rendered as the browser gets them (the page router's answer for a URL); which figures are demo comes from
the store's rows (``is_demo``), never from the code that draws the page.  Covered: the briefs and the region pages
of Nederland, an arbeidsmarktregio, an RMC region and a gemeente, /prioriteit at every level, /verkennen for every
indicator and level, /methode and /data, in Dutch and English; the API's answers and downloads per indicator.
"""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest
from pagesupport import explorer_figures, render_page, texts

from analysis.inputs import COMPONENT_SPECS
from dashboard.data.need import NEED_INDEX

LANGS = ("nl", "en")
REGIONS = ("AM15", "MC21", "GM0363")
CBS_CREDIT = ("Bron: CBS", "Source: CBS")


@pytest.fixture(scope="module")
def demo_of(app_store) -> dict[str, bool]:
    """Indicator id -> whether any of its rows is demo, straight from the store; the need index is demo when any
    indicator it reads is."""
    obs = app_store.observations
    out = {str(k): bool(v) for k, v in obs.groupby("indicator")["is_demo"].any().items()}
    out[NEED_INDEX] = any(out[s.indicator] for s in COMPONENT_SPECS)
    return out


def nodes(tree):
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict) and "props" in node:
            yield node
            stack.extend(v for v in node["props"].values() if isinstance(v, (list, dict)))


def classes(node) -> set[str]:
    return set(str(node["props"].get("className") or "").split())


def marks(tree) -> list[tuple[str, bool, str]]:
    """(indicator, marked demo, text) of every figure mark in a tree."""
    return [(n["props"].get("data-indicator", ""), "demo-mark" in classes(n), texts(n)) for n in nodes(tree)
            if "figure-mark" in classes(n)]


def check_page(tree, demo_of: dict[str, bool], where: str) -> int:
    """Every mark tells the truth of its indicator; every figure container holds a mark of its own indicator;
    no CBS credit inside the container of a demo figure.  Returns how many marks were checked."""
    found = marks(tree)
    for indicator, demo, text in found:
        assert indicator in demo_of, (where, indicator)
        assert demo == demo_of[indicator], (where, indicator, text)
        if demo:
            assert text == "DEMO", (where, indicator, text)
        else:
            assert text.startswith(("CBS ", "Eurostat ")) and "DEMO" not in text, (where, indicator, text)
    for node in nodes(tree):
        props = node["props"]
        indicator = props.get("data-brief-indicator") or props.get("data-measure") or \
            (props.get("data-indicator") if "figure-mark" not in classes(node) else None)
        if not indicator or indicator not in demo_of:
            continue
        own = [m for m in marks(node) if m[0] == indicator]
        assert own, (where, indicator, "a figure without its mark")
        if demo_of[indicator]:
            assert not any(c in texts(node) for c in CBS_CREDIT), (where, indicator)
    return len(found)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path, search", [("/", ""), *[("/", f"?regio={r}") for r in REGIONS],
                                          *[(f"/regio/{r}", "") for r in REGIONS]])
def test_briefs_and_region_pages_mark_every_figure(app_client, app_store, demo_of, path, search, lang):
    query = search + ("&" if search else "?") + f"lang={lang}"
    page = render_page(app_client, path, query)["content"]
    checked = check_page(page, demo_of, path + query)
    assert checked >= 8, (path, search, checked)                # cards, lines, need index, aftercare at least
    shown = {m[0] for m in marks(page)}
    assert {"early_school_leaver_rate", "neet_share"} <= shown          # one real and one demo figure, both marked
    footers = [n for n in nodes(page) if "brief-demo" in classes(n)]
    if path == "/":                                  # the brief's own list of demo figures names every one it marks
        listed = texts(footers[0]) if footers else ""
        title = "title_en" if lang == "en" else "title_nl"
        for indicator in {m[0] for m in marks(page) if m[1]}:
            meta = app_store.indicator(indicator) or {"title_nl": "Prioriteitsindex", "title_en": "Priority index"}
            assert str(meta[title]) in listed, (query, indicator, listed)
    if path.startswith("/regio/"):                                      # the need index: its mark in the heading
        heading = next(n for n in nodes(page) if n["props"].get("id") == "region-need-heading")
        assert [m[:2] for m in marks(heading)] == [(NEED_INDEX, demo_of[NEED_INDEX])]
        section = next(n for n in nodes(page) if n["props"].get("aria-labelledby") == "region-need-heading")
        notes = [n for n in nodes(section) if "composite-note" in classes(n)]
        assert len(notes) == 1 and (not demo_of[NEED_INDEX] or not any(c in texts(notes[0]) for c in CBS_CREDIT))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", ["arbeidsmarktregio", "rmc", "gemeente"])
def test_priority_page_marks_the_need_index(app_client, demo_of, level, lang):
    page = render_page(app_client, "/prioriteit", f"?niveau={level}&lang={lang}")["content"]
    check_page(page, demo_of, f"/prioriteit {level}")
    sections = [n["props"]["aria-labelledby"] for n in nodes(page)
                if n["props"].get("data-indicator") == NEED_INDEX and "figure-mark" not in classes(n)]
    assert sorted(sections) == ["priority-map-heading", "priority-ranking-heading", "priority-sensitivity-heading"]
    for heading in sections:                                        # the mark stands in the heading, in view
        h2 = next(n for n in nodes(page) if n["props"].get("id") == heading)
        assert [m[:2] for m in marks(h2)] == [(NEED_INDEX, demo_of[NEED_INDEX])], heading
    columns = {n["props"]["data-measure"]: marks(n) for n in nodes(page) if n["props"].get("data-measure")}
    assert set(columns) == {"neet_count", "neet_share", "early_school_leavers", "early_school_leaver_rate"}
    assert all([m[:2] for m in found] == [(measure, demo_of[measure])] for measure, found in columns.items())
    notes = [n for n in nodes(page) if "composite-note" in classes(n)]
    assert len(notes) == 1 and marks(notes[0])[0][:2] == (NEED_INDEX, demo_of[NEED_INDEX])
    if demo_of[NEED_INDEX]:
        assert not any(c in texts(notes[0]) for c in CBS_CREDIT)


def explorer_cases(store) -> list[tuple[str, str]]:
    obs = store.observations
    pairs = obs.loc[obs["value"].notna() & obs["region_level"].isin(["arbeidsmarktregio", "rmc", "gemeente"]),
                    ["indicator", "region_level"]].drop_duplicates()
    return sorted(map(tuple, pairs.to_numpy()))


def test_explorer_source_lines_follow_each_layer(app_client, app_store, demo_of):
    """For every indicator and level the explorer draws: the line under its charts and the line an exported image
    carries are demo or a credit, as the store's rows are."""
    cases = explorer_cases(app_store)
    assert len(cases) >= 30
    for lang in LANGS:
        for indicator, level in cases:
            page = render_page(app_client, "/verkennen", f"?indicator={indicator}&niveau={level}&lang={lang}")
            tree = page["content"]
            notes = [n for n in nodes(tree) if "source-note" in classes(n)]
            assert notes, (indicator, level)
            figures = list(explorer_figures(app_client, tree).values())         # once a reader reaches for one
            sources = [f["layout"]["meta"]["source"] for f in figures if f.get("layout", {}).get("meta")]
            assert sources, (indicator, level)
            for text in [texts(n) for n in notes] + sources:
                if demo_of[indicator]:
                    assert "DEMO" in text and not any(c in text for c in CBS_CREDIT), (indicator, level, text)
                else:
                    assert "DEMO" not in text and "Bron:" in text or "Source:" in text, (indicator, level, text)


def test_every_api_answer_credits_only_real_rows(app_client, app_store, demo_of):
    obs = app_store.observations
    for indicator in sorted(set(obs["indicator"])):
        rows = obs[obs["indicator"] == indicator]
        region = "NL01" if (rows["region_code"] == "NL01").any() else str(rows["region_code"].iloc[0])
        answer = app_client.get(f"/api/v1/observations.json?indicator={indicator}&region={region}").get_json()
        data = pd.DataFrame(answer["data"])
        expected = rows[rows["region_code"] == region].set_index("period")["is_demo"]
        assert (data.set_index("period")["is_demo"] == expected.reindex(data["period"]).to_numpy()).all(), indicator
        credit = answer["meta"]["attribution"]
        assert ("DEMO" in credit) == demo_of[indicator], (indicator, credit)
        assert any(c in credit for c in ("Bron: CBS", "Bron: Eurostat")) == (not demo_of[indicator]), (indicator, credit)
        archive = zipfile.ZipFile(io.BytesIO(app_client.get(
            f"/api/v1/observations.zip?indicator={indicator}&region={region}").data))
        meta = json.loads(archive.read("metadata.json"))
        assert meta["is_demo"] == demo_of[indicator] and meta["attribution"] == credit
        assert ("DEMO" in meta["title"]["en"]) == demo_of[indicator], (indicator, meta["title"])
        need = app_client.get("/api/v1/need-index.csv")
        assert need.headers["X-Demo-Data"] == ("true" if demo_of[NEED_INDEX] else "false")


@pytest.mark.parametrize("lang", LANGS)
def test_methode_and_data_pages_say_per_indicator_which_is_which(app_client, app_store, demo_of, lang):
    methode = render_page(app_client, "/methode", f"?lang={lang}")["content"]
    entries = [n for n in nodes(methode) if "indicator-entry" in classes(n)]
    assert len(entries) == len(app_store.indicators)
    by_id = {texts(next(n for n in nodes(e) if n.get("type") == "Code")): e for e in entries}
    for meta in app_store.indicators:
        text = texts(by_id[meta["id"]])
        assert ("DEMO" in text) == demo_of[meta["id"]], meta["id"]
        if not demo_of[meta["id"]]:
            assert ("Eurostat" in text) == (meta.get("publisher") == "Eurostat"), meta["id"]
    for indicator in ("neet_share", "early_school_leaver_rate", "youth_unemployment_rate"):
        page = render_page(app_client, "/data", f"?indicator={indicator}&lang={lang}")["content"]
        credit = texts(next(n for n in nodes(page) if n["props"].get("id") == "data-credit"))
        assert ("DEMO" in credit.upper() and "demonstr" in credit.lower()) == demo_of[indicator], (indicator, credit)
        assert any(c in credit for c in CBS_CREDIT) == (not demo_of[indicator] and indicator != "youth_unemployment_rate")
        assert ("Eurostat" in credit) == (indicator == "youth_unemployment_rate"), credit
