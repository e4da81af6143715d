"""The parts of a region profile ("/regio/<code>"): indicator cards, the municipalities map and table,
the need-index section and the not-found page. Pure builders over :mod:`dashboard.data.queries`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from dash import html

from dashboard.data import queries as q
from dashboard.data.brief import headline_period
from dashboard.data.domain import NATIONAL_CODE
from dashboard.data.overview import TREND_POINTS
from dashboard.data.view import StoreView
from dashboard.ui.components.brief import drivers_in_words
from dashboard.ui.components.chart import chart_with_table, data_table
from dashboard.ui.components.explain import explanation
from dashboard.ui.components.mini_trend import mini_trend
from dashboard.ui.components.source_note import figure_mark, source_note
from dashboard.ui.components.trend_text import trend_sentence
from dashboard.ui.figures.charts import figure_title, indicator_title, value_text
from dashboard.ui.figures.map_image import map_image
from dashboard.ui.i18n import MISSING, flag_reason, fmt_change, fmt_number, period_label, t
from dashboard.ui.palette import TEXT_MUTED
from dashboard.ui.urls import explorer_view_href, page_href, region_href

MAP_INDICATOR = "neet_share"
MAP_INDICATORS = {"rmc": "early_school_leaver_rate"}


# --- header ----------------------------------------------------------------------------------------------------------

def header(info: Mapping[str, Any], lang: str) -> list[Any]:
    if info.get("parent_code") and info["parent_code"] != NATIONAL_CODE:
        parent: Any = html.A(info["parent_name"] or info["parent_code"], href=region_href(info["parent_code"], lang))
    else:
        parent = t("region.parent_land", lang)
    items = [(t("region.level", lang), t(f"region.level.{info['level']}", lang)),
             (t("region.code", lang), info["code"]), (t("region.parent", lang), parent)]
    if info.get("rmc_code"):
        items.append((t("region.rmc", lang), html.A(info["rmc_name"] or info["rmc_code"],
                                                     href=region_href(info["rmc_code"], lang))))
    return [
        html.H1(info["name"], className="page-title", id="region-title"),
        html.Dl([html.Div([html.Dt(k), html.Dd(v)]) for k, v in items], className="region-meta",
                **{"aria-label": t("region.meta_label", lang)}),
        html.P(html.A(t("region.explore_link", lang), href=explorer_view_href(info["level"], info["code"], lang))),
    ]


# --- indicator cards -------------------------------------------------------------------------------------------------

def _series(view: StoreView, indicator: str, level: str, code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = q.time_series(view, indicator, level, [code])
    return frame[frame["region_code"] == code], frame[frame["region_code"] == NATIONAL_CODE]


def _trend_summary(region: pd.DataFrame, national: pd.DataFrame, name: str, unit: str, frequency: str | None,
                   lang: str) -> str:
    """"Amsterdam: van 8,1% (2017) naar 10,6% (2024). Nederland: ..."; one period says so, not "from x to x"."""
    decimals = 2 if unit == "index" else None
    parts = [trend_sentence(frame, label, unit, frequency, lang, decimals)
             for frame, label in ((region, name), (national, t("common.netherlands", lang)))
             if len(frame) and frame["value"].notna().any()]
    return " ".join(parts) or t("figures.summary_empty", lang)


def _trend(view: StoreView, entry: Mapping[str, Any], info: Mapping[str, Any], lang: str) -> Any:
    meta, indicator = entry["meta"], entry["indicator"]
    unit, frequency = str(meta.get("unit", "")), entry["frequency"]
    region, national = _series(view, indicator, info["level"], info["code"])
    if unit == "persons":                       # a national count is off the scale of one region
        national = national.iloc[0:0]
    if region["period"][region["value"].notna()].nunique() < 2:      # one dot is not a trend: say so in words
        return html.P(_trend_summary(region, national, info["name"], unit, frequency, lang),
                      className="card-line card-muted region-one-period")
    summary = _trend_summary(region, national, info["name"], unit, frequency, lang)
    recent = TREND_POINTS.get(frequency or "", len(region))
    trend = mini_trend(region.tail(recent), national.tail(recent), unit=unit, lang=lang, id=f"region-trend-{indicator}",
                       alt=t("brief.trend_alt", lang, indicator=indicator_title(meta, lang), summary=summary))
    merged = region.tail(recent)[["period", "period_start", "value"]].merge(
        national[["period", "value"]].rename(columns={"value": "nl"}), on="period", how="left")
    rows = [[period_label(p, frequency, lang), value_text(v, unit, lang), value_text(n, unit, lang)]
            for p, v, n in zip(merged["period"], merged["value"], merged["nl"], strict=True)][::-1]
    columns = [t("common.table.period", lang), info["name"], t("common.netherlands", lang)]
    if unit == "persons":
        rows, columns = [r[:2] for r in rows], columns[:2]
    table = html.Details([html.Summary(t("common.show_table", lang)),
                          data_table(columns, rows, caption=indicator_title(meta, lang), caption_hidden=True)],
                         className="chart-table")
    return html.Figure([trend, table], className="chart region-trend")      # the image's alt text says it all


def _definition(view: StoreView, meta: Mapping[str, Any], lang: str) -> html.Details:
    definition = meta.get("definition_en" if lang == "en" else "definition_nl") or ""
    computation = meta.get("computation_en" if lang == "en" else "computation_nl") or ""
    return html.Details([
        html.Summary(t("region.definition_heading", lang)),
        html.P(definition),
        html.P(t("region.computation", lang, text=computation)) if computation else None,
        source_note(meta.get("source_tables") or [], lang, view.manifest, bool(meta.get("is_demo"))),
    ])


def _value_lines(view: StoreView, entry: Mapping[str, Any], info: Mapping[str, Any], lang: str) -> list[Any]:
    unit, frequency = str(entry["meta"].get("unit", "")), entry["frequency"]
    period = t(f"brief.period.{frequency or 'year'}", lang, period=period_label(entry["period"], frequency, lang))
    if entry["value"] is None:
        return [html.P(MISSING, className="card-value"), html.P(period, className="card-line card-muted"),
                html.P(t("region.missing", lang, reason=flag_reason(entry["flag"], lang)), className="card-line")]
    status = t(f"common.status.{entry['status']}", lang) if entry["status"] else ""
    lines = [html.P(value_text(entry["value"], unit, lang), className="card-value"),
             html.P(t("region.period_status", lang, period=period, status=status) if status else period,
                    className="card-line card-muted")]
    if entry["change"] is not None and entry["previous_period"]:
        change = fmt_change(entry["change"], unit, lang)
        before = period_label(entry["previous_period"], frequency, lang)
        text = (t("region.change", lang, change=change, period=before) if change.startswith(("+", "−"))
                else t("region.change_same", lang, period=before))
        lines.append(html.P(text, className="card-line"))
    else:
        lines.append(html.P(t("region.no_change", lang), className="card-line card-muted"))
    if entry["rank"] is not None:
        lines.append(html.P(t("region.position", lang, rank=int(entry["rank"]), of=entry["of"]),
                            className="card-line region-position"))
    if entry["national"] is not None:
        lines.append(html.P(t("region.national", lang, value=value_text(entry["national"], unit, lang)),
                            className="card-line card-muted"))
    return lines


def _unavailable_lines(view: StoreView, entry: Mapping[str, Any], info: Mapping[str, Any], lang: str) -> list[Any]:
    indicator, meta = entry["indicator"], entry["meta"]
    levels = q.levels_for(view, indicator)
    if "arbeidsmarktregio" in levels and info["level"] == "gemeente" and info.get("parent_code"):
        return [html.P(t("region.am_only", lang), className="card-line"),
                html.P(html.A(t("region.am_only_link", lang, name=info["parent_name"]),
                              href=region_href(info["parent_code"], lang)), className="card-line")]
    period, frequency = headline_period(view, indicator)          # the same figure as on the overview
    value = q.national_value(view, indicator, period) if period else None
    if value is None:
        return [html.P(flag_reason(None, lang), className="card-line")]
    return [html.P(t("region.national_only", lang, value=value_text(value, str(meta.get("unit", "")), lang),
                     period=t(f"brief.period.{frequency}", lang, period=period_label(period, frequency, lang))),
                   className="card-line")]


def indicator_card(view: StoreView, entry: Mapping[str, Any], info: Mapping[str, Any], lang: str) -> html.Article:
    meta = entry["meta"]
    heading_id = f"region-card-{entry['indicator']}"
    if entry["available"]:
        body = [*_value_lines(view, entry, info, lang), _trend(view, entry, info, lang)]
    else:
        body = _unavailable_lines(view, entry, info, lang)
    mark = html.P(figure_mark(meta, lang), className="card-line card-mark")     # beside the figure, never folded away
    return html.Article(
        [html.H3(indicator_title(meta, lang), id=heading_id), mark, *body, _definition(view, meta, lang)],
        className="region-card" + ("" if entry["available"] else " is-unavailable"),
        **{"aria-labelledby": heading_id, "data-indicator": entry["indicator"]},
    )


def indicator_cards(view: StoreView, info: Mapping[str, Any], lang: str) -> list[html.Article]:
    entries = q.region_profile(view, info["code"])
    entries = sorted(entries, key=lambda e: not e["available"])      # national-only last, order kept otherwise
    return [indicator_card(view, e, info, lang) for e in entries]


# --- municipalities --------------------------------------------------------------------------------------------------

def municipalities_section(view: StoreView, info: Mapping[str, Any], lang: str) -> html.Section | None:
    """For an AM or RMC region: its municipalities on a map and in a table. For a GM: its AM's municipalities, itself
    outlined.  An RMC region's map shows early school leavers (what its aftercare is about), others NEET."""
    am = info["code"] if info["level"] in ("arbeidsmarktregio", "rmc") else info.get("parent_code")
    if not am or not str(am).startswith(("AM", "MC")):
        return None
    members = q.municipalities(view, am)
    map_indicator = MAP_INDICATORS.get(info["level"], MAP_INDICATOR)
    if members.empty:
        return None
    codes = list(members["region_code"])
    period = q.latest_period(view, map_indicator, "gemeente")
    meta = view.indicator(map_indicator) or {}
    ranking = q.ranking(view, map_indicator, "gemeente", period) if period else q.add_ranks(
        q.values(view, map_indicator, "gemeente", ""))
    ranking = ranking[ranking["region_code"].isin(codes)]
    frequency = q.frequency_of(view, map_indicator, "gemeente")
    selection = [info["code"]] if info["level"] == "gemeente" else []
    ind_title = indicator_title(meta, lang).lower() if lang == "nl" else indicator_title(meta, lang)
    plabel = period_label(period, frequency, lang)
    if info["level"] in ("arbeidsmarktregio", "rmc"):
        heading = t("region.municipalities_heading" + (".rmc" if info["level"] == "rmc" else ""), lang)
        intro = t("region.municipalities_intro", lang, n=len(codes), indicator=ind_title, period=plabel)
    else:
        heading = t("region.neighbours_heading", lang, name=info["name"], parent=info["parent_name"])
        intro = t("region.neighbours_intro", lang, parent=info["parent_name"], name=info["name"],
                  indicator=ind_title, period=plabel)
    table = municipalities_table(view, members, ranking, meta, info, lang)
    title = indicator_title(meta, lang)
    image = map_image(ranking, view.geojson("gemeente"), selection, meta, period, frequency, lang, id="region-map",
                      alt=t("region.map_alt", lang, title=figure_title(meta, period, frequency, lang), intro=intro))
    chart = chart_with_table(None, graph_id="region-map", title=title, summary=intro,
                             columns=[t("region.col.municipality", lang), t("common.table.value", lang)],
                             rows=[[r.region_name, value_text(r.value, str(meta.get("unit", "")), lang)]
                                   for r in ranking.sort_values("region_name").itertuples()],
                             lang=lang, caption_visible=False, kind="map", image=image)
    return html.Section([
        html.H2(heading, id="region-municipalities-heading"),
        html.P(intro, className="section-intro"),
        html.Div([chart, html.Div(table, className="region-municipalities")], className="region-split"),
        *_source_notes(view, [meta, view.indicator("youth_population") or {}], lang),
    ], className="region-municipalities-block", **{"aria-labelledby": "region-municipalities-heading"})


def _source_notes(view: StoreView, metas: Sequence[Mapping[str, Any]], lang: str) -> list[html.P]:
    """One source line per kind of figure shown (demo or real, and from which tables): a real column is never put
    under a demo line, nor a demo one under "Bron: CBS"."""
    kinds = dict.fromkeys((bool(m.get("is_demo")), tuple(m.get("source_tables") or [])) for m in metas if m)
    return [source_note(list(tables), lang, view.manifest, demo) for demo, tables in kinds]


def municipalities_table(view: StoreView, members: pd.DataFrame, ranking: pd.DataFrame, meta: Mapping[str, Any],
                         info: Mapping[str, Any], lang: str) -> html.Table:
    unit = str(meta.get("unit", ""))
    values = dict(zip(ranking["region_code"], ranking["value"], strict=True))
    pop_period = q.latest_period(view, "youth_population", "gemeente")
    pop = q.values(view, "youth_population", "gemeente", pop_period) if pop_period else None
    pops = dict(zip(pop["region_code"], pop["value"], strict=True)) if pop is not None else {}
    pop_meta = view.indicator("youth_population") or {"id": "youth_population"}
    pop_title = _marked(indicator_title(pop_meta, lang), pop_meta, lang)
    rows, classes = [], []
    for code, name in zip(members["region_code"], members["region_name"], strict=True):
        link = name if code == info["code"] else html.A(name, href=region_href(code, lang))
        rows.append([link, code, fmt_number(pops.get(code), lang, 0), value_text(values.get(code), unit, lang)])
        classes.append("is-selected" if code == info["code"] else "")
    return data_table([t("region.col.municipality", lang), t("region.col.code", lang), pop_title,
                       _marked(indicator_title(meta, lang), meta, lang)], rows,
                      caption=t("region.municipalities_heading", lang),
                      numeric=[False, False, True, True], row_classes=classes, caption_hidden=True)


def _marked(title: str, meta: Mapping[str, Any], lang: str) -> html.Span:
    """A column's name with the mark of its figures (demo, or the table they are from) beside it."""
    return html.Span([title, " ", figure_mark(meta, lang)], **{"data-indicator": str(meta.get("id") or "")})


# --- need index ------------------------------------------------------------------------------------------------------

def need_section(summary: Mapping[str, Any] | None, info: Mapping[str, Any], lang: str) -> list[Any]:
    if not summary or summary.get("rank") is None:
        return [html.P(t("region.need_unavailable", lang))]
    label = summary.get("label_en" if lang == "en" else "label")
    parts: list[Any] = [
        html.P(t("region.need_rank", lang, period=summary["period"], rank=summary["rank"], n=summary["n"],
                 low=summary["rank_low"], high=summary["rank_high"]), className="need-rank"),
    ]
    if label:
        parts.append(html.P(t("region.need_label", lang, label=label)))
    parts += [explanation("index", lang), explanation("interval", lang)]
    contributions = [(c, v) for c, v in summary.get("contributions", {}).items() if v is not None]
    if contributions:
        largest = sorted(contributions, key=lambda cv: -abs(cv[1]))[:3]
        parts.append(drivers_in_words(largest, lang))               # the words; the table of every number below
        rows = [[t(f"priority.component.{c}", lang), fmt_number(v, lang, 2)] for c, v in contributions]
        parts.append(html.Details([
            html.Summary(t("region.need_contrib_caption", lang)),
            data_table([t("region.need_component", lang), t("region.need_contribution", lang)], rows,
                       caption=t("region.need_contrib_caption", lang), class_name="data-table need-contributions"),
            explanation("contribution", lang)], className="need-numbers"))
    parts.append(html.H3(t("region.need_peers", lang)))
    peers = summary.get("peers") or []
    if peers:
        parts.append(html.P(t("region.need_peers_words", lang)))
        parts.append(html.Ul([html.Li(html.A(p["region_name"], href=region_href(p["region_code"], lang)))
                              for p in peers], className="need-peers"))
        numbers = [t("region.need_peer_group", lang, group=summary["peer_group"])] \
            if summary.get("peer_group") is not None else []
        numbers += [f"{p['region_name']}: " + t("region.distance", lang, value=fmt_number(p.get("distance"), lang, 2))
                    for p in peers]
        parts.append(html.Details([html.Summary(t("region.need_peers_numbers", lang)),
                                   html.P("; ".join(numbers), style={"color": TEXT_MUTED}),
                                   explanation("profile_group", lang), explanation("distance", lang)],
                                  className="need-numbers"))
    else:
        parts.append(html.P(t("region.need_no_peers", lang)))
    method = page_href("/methode", lang, "methode-need-index")
    parts.append(html.P(html.A(t("region.need_method", lang), href=method)))
    return parts


# --- not found -------------------------------------------------------------------------------------------------------

def not_found(code: Any, lang: str) -> html.Div:
    shown = str(code or "").strip()[:24]
    text = t("region.not_found_text", lang, code=shown) if shown else t("region.not_found_empty", lang)
    return html.Div([
        html.H1(t("region.not_found_title", lang), className="page-title", id="region-not-found"),
        html.P(text, className="lead"),
        html.Ul([
            html.Li(html.A(t("region.not_found_explorer", lang), href=page_href("/verkennen", lang),
                           id="region-not-found-explorer")),
            html.Li(html.A(t("region.not_found_home", lang), href=page_href("/", lang))),
        ], className="link-list"),
    ], className="page page-region region-not-found")
