"""The board brief: its queries (dashboard.data.brief, dashboard.data.aftercare) on the built store and its parts
(dashboard.ui.components.brief, mini_trend, trend_text). Printing on one A4 is tested in tests/browser/test_brief_printed.py."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pandas as pd
import pytest
from pagesupport import components, find_ids, texts, to_plain

from dashboard.data import queries as q
from dashboard.data.aftercare import aftercare_table, sort_aftercare
from dashboard.data.brief import headline_period, national_brief, region_brief
from dashboard.data.need import need_region_summary
from dashboard.ui.components.brief import national_brief_view, region_brief_view
from dashboard.ui.components.mini_trend import nice_ceiling, trend_svg
from dashboard.ui.components.trend_text import trend_sentence
from dashboard.ui.i18n import period_label_short
from etl.transform.periods import shift_period


def test_one_national_figure_everywhere(app_store):
    """The overview, the briefs and the region pages show youth unemployment of the same (latest) month."""
    period, frequency = headline_period(app_store, "youth_unemployment_rate")
    obs = app_store.observations
    months = obs[(obs.indicator == "youth_unemployment_rate") & (obs.frequency == "month") & obs.value.notna()]
    assert frequency == "month" and period == months.sort_values("period_start")["period"].iloc[-1]
    for code in ("AM15", "GM0363"):
        lines = {f.indicator: f for f in region_brief(app_store, code)["national_only"]}
        assert lines["youth_unemployment_rate"].period == period
    national = {f.indicator: f for f in national_brief(app_store)["figures"]}
    assert national["youth_unemployment_rate"].period == period


def test_region_brief_agrees_with_the_queries_and_the_need_index(app_store):
    brief = region_brief(app_store, "AM15")
    neet = {f.indicator: f for f in brief["figures"]}["neet_share"]
    latest = q.latest_period(app_store, "neet_share", "arbeidsmarktregio")
    first = q.valid_periods(app_store, "neet_share", "arbeidsmarktregio")[0]
    position = q.position(app_store, "neet_share", "AM15")
    assert (neet.rank, neet.of, neet.value, neet.period) == (position["rank"], 35, position["value"],
                                                              position["period"])
    assert neet.period == latest and neet.year_before.period == shift_period(latest, years=1)
    assert neet.pre_corona.period == "2019"                                # by definition, not by the data
    obs = app_store.observations
    then = obs[(obs.indicator == "neet_share") & (obs.region_code == "AM15") & (obs.period == "2019")]["value"].item()
    assert neet.pre_corona.change == pytest.approx(neet.value - then)
    assert neet.national == q.national_value(app_store, "neet_share", latest)
    assert list(neet.trend["period"]) == [str(y) for y in range(int(first), int(latest) + 1)]
    need = need_region_summary(app_store, "AM15", "arbeidsmarktregio")
    assert (brief["need"]["rank"], brief["need"]["rank_low"], brief["need"]["rank_high"]) == \
        (need["rank"], need["rank_low"], need["rank_high"])
    assert [v for _, v in brief["need"]["drivers"]] == sorted(need["contributions"].values(), reverse=True)
    members = brief["neighbourhood"]["members"]
    assert [m["code"] for m in members] == list(q.municipalities(app_store, "AM15")["region_code"])
    assert brief["aftercare"]["neet_count"] == q.values(app_store, "neet_count", "arbeidsmarktregio", latest) \
        .set_index("region_code").loc["AM15", "value"]


def test_gemeente_brief_has_its_region_and_fellow_municipalities(app_store):
    brief = region_brief(app_store, "gm0363")
    assert brief["info"]["code"] == "GM0363" and brief["info"]["parent_code"] == "AM18"
    hood = brief["neighbourhood"]
    assert hood["am_code"] == "AM18" and "GM0363" in {m["code"] for m in hood["members"]}
    assert hood["am_need"]["rank"] is not None                       # the arbeidsmarktregio's own place
    assert brief["need"]["n"] > 300 and brief["aftercare"]["n"] == 342
    assert region_brief(app_store, "NL01") is None and region_brief(app_store, "XX99") is None


def test_national_brief_compares_the_most_recent_periods_the_data_allow(app_store):
    brief = national_brief(app_store)
    spans = {(m["indicator"], m["span"]): m for m in brief["movers"]}
    # a half year only where the series is monthly (WW benefits), a year for every indicator
    assert {s for (_, s) in spans} == {"half_year", "year"}
    assert [i for (i, s) in spans if s == "half_year"] == ["youth_ww_benefits"]
    ww = spans[("youth_ww_benefits", "half_year")]
    ww_latest = q.latest_period(app_store, "youth_ww_benefits", "arbeidsmarktregio")
    assert (ww["before"], ww["after"]) == (shift_period(ww_latest, months=6), ww_latest) and ww["relative"]
    neet = spans[("neet_share", "year")]
    latest = q.latest_period(app_store, "neet_share", "arbeidsmarktregio")
    assert (neet["before"], neet["after"]) == (shift_period(latest, years=1), latest)
    ranking = q.ranking(app_store, "neet_share", "arbeidsmarktregio", latest).dropna(subset=["change"])
    worst = ranking.sort_values("change", ascending=False).iloc[0]
    assert neet["worsened"][0]["code"] == worst["region_code"]
    assert neet["worsened"][0]["change"] == pytest.approx(worst["change"])
    assert neet["improved"] and neet["worsened"]
    assert all(r["change"] < 0 for r in neet["improved"]) and all(r["change"] > 0 for r in neet["worsened"])
    vsv = spans[("early_school_leaver_rate", "year")]
    school = q.latest_period(app_store, "early_school_leaver_rate", "arbeidsmarktregio")
    assert (vsv["before"], vsv["after"]) == (shift_period(school, years=1), school)
    assert [r["code"] for r in brief["top"]["certain"]] and all(r["high"] <= 5 for r in brief["top"]["certain"])
    possible = brief["top"]["possible"]
    assert possible and all(r["low"] <= 5 < r["high"] for r in possible)


def test_aftercare_table_has_count_and_rate_with_ranks_at_both_levels(app_store):
    year = q.latest_period(app_store, "neet_count", "gemeente")
    school = f"{int(year) - 1}/{year}"
    for level, n in (("arbeidsmarktregio", 35), ("rmc", 40), ("gemeente", 342)):
        table = aftercare_table(app_store, level, year)
        assert len(table) == n
        for measure in ("neet_count", "neet_share", "early_school_leavers", "early_school_leaver_rate"):
            known = table.dropna(subset=[measure])
            assert sorted(known[f"rank_{measure}"]) == list(range(1, len(known) + 1))
            top = known.sort_values(measure, ascending=False).iloc[0]
            assert top[f"rank_{measure}"] == 1
        by_rate = sort_aftercare(table, "neet_share")
        assert by_rate["neet_share"].dropna().is_monotonic_decreasing
    amsterdam = aftercare_table(app_store, "arbeidsmarktregio", year).set_index("region_code").loc["AM18"]
    rate = q.values(app_store, "early_school_leaver_rate", "arbeidsmarktregio", school) \
        .set_index("region_code").loc["AM18", "value"]
    assert amsterdam["early_school_leaver_rate"] == rate


def test_mini_trend_has_axes_with_zero_top_and_years():
    region = pd.DataFrame({"period": [str(y) for y in range(2017, 2025)],
                           "value": [5.8, 5.6, 5.3, None, 5.5, 5.1, 5.1, 5.2]})
    national = region.assign(value=[7.3, 6.8, 6.5, 7.1, 6.6, 6.0, 6.1, 6.4])
    svg = trend_svg(region, national, "percent", "nl")
    labels = re.findall(r">([^<]+)</text>", svg)
    assert "0%" in labels and "10%" in labels and {"2017", "2020", "2024"} <= set(labels)
    assert svg.count("<polyline") == 3                     # Nederland, and the region in two parts around the gap
    assert nice_ceiling(7.3) == 10 and nice_ceiling(44.1) == 50 and nice_ceiling(2.2) == 2.5


def test_a_single_period_is_not_called_a_trend():
    one = pd.DataFrame({"period": ["2024"], "value": [17942942.0]})
    nl = trend_sentence(one, "Nederland", "persons", "year", "nl")
    assert nl == "Nederland: alleen 2024 (17.942.942); één periode, dus geen verloop."
    assert "from" not in trend_sentence(one, "Netherlands", "persons", "year", "en")
    two = pd.DataFrame({"period": ["2023", "2024"], "value": [1.0, 2.0]})
    assert trend_sentence(two, "X", "percent", "year", "en") == "X: from 1.0% (2023) to 2.0% (2024)."


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_brief_views_render(app_store, lang):
    brief = region_brief(app_store, "GM0363")
    region = to_plain(region_brief_view(brief, lang, app_store.manifest, app_store.data_version,
                                        url="http://x/?regio=GM0363"))
    text = texts(region)
    assert {"brief", "brief-need-heading", "brief-aftercare-heading", "brief-municipalities-heading"} <= \
        find_ids(region)
    need = brief["need"]                                               # the need rank as the store has it
    assert (f"Positie {need['rank']} van {need['n']} gemeenten" if lang == "nl"
            else f"Position {need['rank']} of {need['n']} municipalities") in text
    assert "http://x/?regio=GM0363" in text and "86087NED" in text
    images = [n for n in components(region) if n.get("type") == "Img"]
    assert len(images) == 4 and all(i["props"]["alt"] for i in images)
    year = q.latest_period(app_store, "neet_share", "gemeente")                 # each trend ends at its latest period
    school = period_label_short(q.latest_period(app_store, "early_school_leaver_rate", "gemeente"), None, "nl")
    assert all(f">{year}<" in unquote(i["props"]["src"]) or f">{school}<" in unquote(i["props"]["src"])
               for i in images)
    national = texts(to_plain(national_brief_view(national_brief(app_store), lang, app_store.manifest,
                                                  app_store.data_version)))
    assert ("Zeker in de top 5" if lang == "nl" else "Certainly in the top 5") in national
    months = sorted(app_store.observations.loc[(app_store.observations["indicator"] == "youth_ww_benefits")
                                               & (app_store.observations["region_code"] == "NL01"), "period"])
    last = int(months[-1][:4]) * 12 + int(months[-1][6:]) - 1            # a half year back from the latest month
    half_year_before = f"{(last - 6) // 12}MM{(last - 6) % 12 + 1:02d}"
    assert f"{period_label_short(half_year_before, 'month', lang)} → {period_label_short(months[-1], 'month', lang)}" in national


def test_a_trend_that_starts_later_than_the_national_line_keeps_the_years_in_order():
    """Registered jobseekers of a gemeente start in 2020, Nederland's in 2018: the axis runs 2018 ... 2023."""
    region = pd.DataFrame({"period": ["2020", "2021", "2022", "2023"], "value": [30.0, 28.0, 27.0, 29.0]})
    national = pd.DataFrame({"period": ["2018", "2019", "2020", "2021", "2022", "2023"],
                             "value": [47.0, 43.0, 52.0, 38.0, 32.0, 32.0]})
    svg = trend_svg(region, national, "per_1000", "nl")
    labels = [x for x in re.findall(r">([^<]+)</text>", svg) if x.isdigit() and len(x) == 4]
    assert labels == sorted(labels) and labels[0] == "2018" and labels[-1] == "2023"
    first_region_x = float(re.findall(r'<polyline points="([\d.]+),', svg)[-1])      # the region's line, drawn last
    first_national_x = float(re.findall(r'<polyline points="([\d.]+),', svg)[0])
    assert first_region_x > first_national_x                      # the region's line starts two years in
