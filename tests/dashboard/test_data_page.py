"""/data: the page says when chosen indicators have no rows at the chosen level, and the download's file name
names what the file holds (the API uses the same name); counts in proper singular and plural; dropdowns in the
page's language; the API is described on the page itself."""

from __future__ import annotations

import pandas as pd
from pagesupport import components, render_page, texts, to_plain

from dashboard.data.observation_query import ObservationQuery, absent_indicators, delivered_indicators, download_stem

FOUR = ("neet_share", "youth_jobseeker_rate", "youth_ww_benefits", "early_school_leaver_rate")
MANIFEST = {"built_at": "2026-11-26T10:00:00Z"}


def test_file_name_names_only_the_indicators_the_file_holds():
    query = ObservationQuery(FOUR, "gemeente")
    frame = pd.DataFrame({"indicator": ["neet_share", "youth_jobseeker_rate", "early_school_leaver_rate"],
                          "period_start": pd.to_datetime(["2020-01-01", "2021-01-01", "2022-01-01"])})
    assert delivered_indicators(query, frame) == ("neet_share", "youth_jobseeker_rate", "early_school_leaver_rate")
    assert absent_indicators(query, frame) == ("youth_ww_benefits",)
    stem = download_stem(query, frame, MANIFEST)
    assert "4-indicatoren" not in stem and "youth_ww_benefits" not in stem
    assert stem.startswith("jongeren_neet_share_youth_jobseeker_rate_early_school_leaver_rate_gemeente_")
    # nothing missing: the name is as before; no rows at all: nothing to say either
    full = ObservationQuery(FOUR[:2], "gemeente")
    assert absent_indicators(full, frame) == () and "neet_share_youth_jobseeker_rate_gemeente" in \
        download_stem(full, frame, MANIFEST)
    assert absent_indicators(query, frame.iloc[0:0]) == ()


def test_api_download_name_matches_the_page(app_client):
    url = "/api/v1/observations.csv?indicator=" + ",".join(FOUR) + "&level=gemeente&period_from=2022"
    response = app_client.get(url)
    disposition = response.headers["Content-Disposition"]
    assert "youth_ww_benefits" not in disposition and "4-indicatoren" not in disposition
    assert "early_school_leaver_rate_neet_share_youth_jobseeker_rate_gemeente_2022-2023" in disposition
    page = texts(render_page(app_client, "/data", "?indicator=" + ",".join(FOUR) + "&level=gemeente"
                             "&period_from=2022")["content"])
    name = disposition.split('filename="', 1)[1].rstrip('"')
    assert f"Bestandsnaam: {name}" in page
    assert "Let op: voor Jongeren met WW-uitkering (youth_ww_benefits) zijn er bij deze keuze (gemeenten) geen " \
           "cijfers" in page and "3 van de 4 gekozen indicatoren" in page


def test_counts_are_singular_or_plural(app_client, app_store):
    one = texts(render_page(app_client, "/data", "?indicator=population&region=GM0363")["content"])
    assert "1 rij · 1 indicator · 1 regio · 2024 t/m 2024" in one
    many = texts(render_page(app_client, "/data", "?indicator=neet_share,population&level=arbeidsmarktregio&lang=en")
                 ["content"])
    obs = app_store.observations
    shown = obs[obs["indicator"].isin(["neet_share", "population"]) & (obs["region_level"] == "arbeidsmarktregio")]
    assert f"{len(shown):,} rows · 2 indicators · {shown['region_code'].nunique()} regions" in many
    assert "(s)" not in many and "('s)" not in one and "(en)" not in one


def test_dropdowns_speak_the_page_language_and_the_api_is_explained_here(app_client):
    page = render_page(app_client, "/data", "")["content"]
    plain = to_plain(page) if not isinstance(page, dict) else page
    labels = [node["props"]["labels"] for node in components(plain) if node.get("type") == "Dropdown"]
    assert len(labels) == 6
    assert all(lab["search"] == "Zoeken" and lab["select_all"] == "Alles kiezen"
               and lab["no_options_found"] == "Niets gevonden" and lab["selected_count"] == "{num_selected} gekozen"
               for lab in labels)
    text = texts(page)
    assert "docs/api.md" not in text and "/api/v1/regions?level=gemeente" in text and "pd.read_csv" in text
