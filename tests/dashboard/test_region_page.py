"""/regio/<code> through Dash's page router (Flask test client): profiles, links, not-found, language."""

from __future__ import annotations

import json

import pytest
from pagesupport import find_ids, render_page, texts, to_plain

from dashboard.data.need import need_region_summary
from dashboard.data.queries import region_info
from dashboard.pages.region import view as rv


def _links(node) -> list[str]:
    found, stack = [], [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            props = item.get("props", {})
            if item.get("type") == "A" and props.get("href"):
                found.append(props["href"])
            stack.extend(v for v in props.values() if isinstance(v, (list, dict)))
    return found


def _position(app_store, indicator: str, code: str) -> dict:
    from dashboard.data import queries as q
    return q.position(app_store, indicator, code)


def test_labour_market_region_profile(app_client, app_store):
    page = render_page(app_client, "/regio/AM15")
    content, text = page["content"], texts(page["content"])
    assert page["title"].startswith("Noord-Holland Noord")
    assert "Noord-Holland Noord" in text and "Arbeidsmarktregio" in text
    pos = _position(app_store, "neet_share", "AM15")
    assert f"Positie {pos['rank']} van 35 met een cijfer (1 = hoogste)" in text          # ranks come from the queries
    assert "Alleen landelijk beschikbaar" in text                          # youth unemployment
    ids = find_ids(content)
    assert "region-map" in ids and "region-trend-neet_share" in ids
    assert sum(1 for i in ids if i.startswith("region-card-")) == len(app_store.indicators)
    links = _links(content)
    members = [h for h in links if h.startswith("/regio/GM")]
    assert len(members) == 17 and "/regio/GM0361" in members              # Alkmaar
    assert "/verkennen?niveau=arbeidsmarktregio&regio=AM15" in links
    assert "Definitie en bron" in text and "86087NED" in json.dumps(content)


def test_municipality_profile_links_its_region(app_client, app_store):
    page = render_page(app_client, "/regio/GM0363", "?lang=en")
    content, text = page["content"], texts(page["content"])
    assert "Amsterdam" in text and "Municipality" in text and "Part of" in text
    assert "/regio/AM18?lang=en" in _links(content)
    pos = _position(app_store, "neet_share", "GM0363")
    assert f"Position {pos['rank']} of {pos['of']} with a figure (1 = highest)" in text
    assert "Available per labour-market region only." in text            # youth_ww_benefits
    assert "Amsterdam in the labour-market region Groot Amsterdam" in text


def test_lower_case_code_works(app_client):
    assert "Noord-Holland Noord" in texts(render_page(app_client, "/regio/am15")["content"])


@pytest.mark.parametrize("path", ["/regio/XX99", "/regio/%3Cscript%3E", "/regio/NL01", "/regio/GM9999",
                                  "/regio/AM15%27--", "/regio/" + "A" * 300])
def test_unknown_codes_render_not_found(app_client, path):
    page = render_page(app_client, path)
    text = texts(page["content"])
    assert "Regio niet gevonden" in text
    assert "region-not-found-explorer" in find_ids(page["content"])
    assert "Kies een regio in Verkennen" in text
    assert "<script>" not in json.dumps(page["content"]).replace("\\u201c", "")
    assert page["title"].startswith("Regio niet gevonden")


def test_not_found_in_english_and_escaped(app_client):
    page = render_page(app_client, "/regio/%3Cscript%3Ealert(1)%3C/script%3E", "?lang=en")
    assert "Region not found" in texts(page["content"]) or "Page not found" in texts(page["content"])


def test_not_found_view_shows_the_code_as_text():
    view = to_plain(rv.not_found("<b>x</b>", "nl"))
    assert "“<b>x</b>”" in texts(view)                                    # text, never markup
    assert "Er is geen regiocode opgegeven." in texts(to_plain(rv.not_found("", "nl")))


def test_need_section(app_store):
    info = region_info(app_store, "AM15")
    summary = need_region_summary(app_store, "AM15", "arbeidsmarktregio")
    text = texts(to_plain(rv.need_section(summary, info, "nl")))
    assert f"positie {summary['rank']} van 35" in text
    assert f"{summary['rank_low']}–{summary['rank_high']}" in text
    assert "Regio's met een vergelijkbaar profiel" in text
    links = _links(to_plain(rv.need_section(summary, info, "nl")))
    assert {f"/regio/{p['region_code']}" for p in summary["peers"]} <= set(links)
    assert "niet beschikbaar" in texts(to_plain(rv.need_section(None, info, "nl")))
