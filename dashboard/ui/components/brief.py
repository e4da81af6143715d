"""The board brief as components: one A4 page per arbeidsmarktregio, gemeente or for the country.

Built from :mod:`dashboard.data.brief`; shown on "/" (``?regio=AM15``, ``?regio=GM0363``, none for Nederland)
and printed from "/regio/<code>".  Everything that prints is text, tables and SVG images (no canvas, no
JavaScript), so the page prints the same from any browser; assets/print.css fits it on one A4.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import html

from dashboard.data.brief import BriefFigure
from dashboard.ui.components.chart import data_table
from dashboard.ui.components.explain import explanation
from dashboard.ui.components.mini_trend import mini_trend
from dashboard.ui.components.source_note import figure_mark
from dashboard.ui.components.trend_text import trend_sentence
from dashboard.ui.i18n import (
    MISSING,
    flag_reason,
    fmt_change,
    fmt_date,
    fmt_number,
    fmt_value,
    has_text,
    period_label,
    period_label_short,
    t,
    unit_decimals,
)
from dashboard.ui.urls import page_href, region_href

# --- words for numbers ----------------------------------------------------------------------------------------------

def title_of(meta: Mapping[str, Any], lang: str) -> str:
    return str(meta.get(f"title_{lang}") or meta.get("title_nl") or meta.get("id", ""))


def change_words(change: float | None, unit: str, lang: str) -> str:
    """"0,1 procentpunt hoger" / "0.1 pp higher", "1,8 per 1.000 lager", "gelijk" (rounds to zero)."""
    if change is None:
        return t("brief.no_comparison", lang)
    signed = fmt_change(change, unit, lang)
    if not signed.startswith(("+", "−")):
        return t("brief.same", lang)
    amount = fmt_number(abs(change), lang, unit_decimals(unit))
    suffix = t(f"brief.change_suffix.{unit}", lang) if has_text(f"brief.change_suffix.{unit}") else ""
    return t("brief.higher" if change > 0 else "brief.lower", lang, amount=f"{amount}{suffix}")


def signed_number(value: float, lang: str, decimals: int) -> str:
    """"+0,71", "−0,16", "0,00" (no sign when it rounds to zero)."""
    text = fmt_number(abs(value), lang, decimals)
    if text.strip("0,.") == "":
        return text
    return ("+" if value > 0 else "−") + text


def period_text(figure: BriefFigure, lang: str) -> str:
    if not figure.period:
        return t("brief.period.none", lang)
    text = t(f"brief.period.{figure.frequency or 'year'}", lang,
             period=period_label(figure.period, figure.frequency, lang))
    if figure.status and figure.status != "definitief":
        text += f" · {t('common.status.' + figure.status, lang)}"
    return text


# --- cards ----------------------------------------------------------------------------------------------------------

def figure_card(figure: BriefFigure, name: str, lang: str, regional: bool = True) -> html.Article:
    """Value, period (and why), position, Nederland, change since a year earlier and since 2019, a trend."""
    unit = str(figure.meta.get("unit", ""))
    title = title_of(figure.meta, lang)
    heading = f"brief-card-{figure.indicator}"
    if figure.value is None:
        value: list[Any] = [html.P(MISSING, className="brief-value is-missing"),
                            html.P(flag_reason(figure.flag, lang), className="brief-line")]
    else:
        value = [html.P(fmt_value(figure.value, unit, lang), className="brief-value")]
    value.append(html.P(figure_mark(figure.meta, lang), className="brief-line brief-mark"))
    lines: list[Any] = [html.P(period_text(figure, lang), className="brief-line brief-period")]
    if regional and figure.rank is not None:
        lines.append(html.P(t("brief.position", lang, rank=figure.rank, of=figure.of),
                            className="brief-line brief-position"))
    if regional and figure.national is not None:
        lines.append(html.P(t("brief.national", lang, value=fmt_value(figure.national, unit, lang)),
                            className="brief-line"))
    comparisons = []
    for key, comparison in (("brief.vs_year", figure.year_before), ("brief.vs_pre_corona", figure.pre_corona)):
        if comparison.period:
            when = period_label(comparison.period, figure.frequency, lang)
            words = (change_words(comparison.change, unit, lang) if comparison.change is not None
                     else t("brief.no_comparison_for", lang, period=when))       # which figure is missing, in words
            comparisons.append(html.Div([html.Dt(t(key, lang, period=when)), html.Dd(words)]))
    nl = t("common.netherlands", lang)
    summary = trend_sentence(figure.trend, name, unit, figure.frequency, lang)
    if regional and len(figure.national_trend):
        summary += " " + trend_sentence(figure.national_trend, nl, unit, figure.frequency, lang)
    trend = mini_trend(figure.trend, figure.national_trend if regional else None, unit=unit, lang=lang,
                       alt=t("brief.trend_alt", lang, indicator=title, summary=summary))
    return html.Article([html.H3(title, id=heading, className="brief-card-title"), *value, *lines,
                         html.Dl(comparisons, className="brief-compare"), trend],
                        className="brief-card", **{"aria-labelledby": heading, "data-brief-indicator": figure.indicator})


def trend_key(name: str | None, lang: str) -> html.P:
    """What the lines in the trends mean (also in words in each image's alt text)."""
    return html.P([html.Span(name, className="key key-region") if name else None,
                   html.Span(t("common.netherlands", lang), className="key key-national")],
                  className="sparkline-key brief-key", **{"aria-hidden": "true"})


def national_only_lines(figures: Sequence[BriefFigure], lang: str) -> html.P:
    items: list[Any] = []
    for i, figure in enumerate(figures):
        unit = str(figure.meta.get("unit", ""))
        items += ["; " if i else "", t("brief.national_only_short", lang, indicator=title_of(figure.meta, lang),
                                       value=fmt_value(figure.value, unit, lang),
                                       period=period_label(figure.period or "", figure.frequency, lang)),
                  " ", figure_mark(figure.meta, lang)]
    return html.P([html.Strong(t("brief.national_only", lang) + ": "), *items, "."], className="brief-national-only")


# --- the headline ---------------------------------------------------------------------------------------------------

HEADLINE_INDICATOR = "early_school_leaver_rate"       # a real figure every level has: the headline's anchor


def headline(brief: Mapping[str, Any], name: str, lang: str) -> html.P | None:
    """One plain sentence a board can repeat: the share of early school leavers against the country and before
    corona, and (for a region) its place in the need index — each part with its real/demo mark."""
    figure = next((f for f in brief["figures"] if f.indicator == HEADLINE_INDICATOR), None)
    if figure is None or figure.value is None:
        return None
    unit = str(figure.meta.get("unit", ""))
    parts: list[Any] = [t("brief.headline_vsv", lang, name=name, value=fmt_value(figure.value, unit, lang),
                          period=period_label(figure.period or "", figure.frequency, lang))]
    comparisons = []
    if figure.national is not None and figure.indicator and name != t("common.netherlands", lang):
        comparisons.append(t("brief.headline_vs_nl", lang, words=compare_words(figure.value, figure.national, unit,
                                                                                  lang),
                             value=fmt_value(figure.national, unit, lang)))
    if figure.pre_corona.period and figure.pre_corona.change is not None:
        before = figure.value - figure.pre_corona.change
        comparisons.append(t("brief.headline_vs_before", lang, words=compare_words(figure.value, before, unit, lang),
                             period=period_label(figure.pre_corona.period, figure.frequency, lang),
                             value=fmt_value(before, unit, lang)))
    if comparisons:
        parts.append(": " + t("brief.headline_and", lang).join(comparisons))
    parts += [" ", figure_mark(figure.meta, lang)]
    need = brief.get("need")
    if need and need.get("rank") is not None:
        parts += [t("brief.headline_need", lang, rank=need["rank"], n=need["n"],
                    label=t(f"priority.label.{need['label_code']}", lang, k=5)), " ",
                  figure_mark(brief["need_meta"], lang)]
    parts.append(".")
    return html.P(parts, className="brief-headline", id="brief-headline")


def compare_words(value: float, other: float, unit: str, lang: str) -> str:
    """"hoger dan" / "lager dan" / "gelijk aan" as the shown numbers read (one rounding)."""
    shown, then = fmt_value(value, unit, lang), fmt_value(other, unit, lang)
    if shown == then:
        return t("brief.headline_same", lang)
    return t("brief.headline_higher" if value > other else "brief.headline_lower", lang)


def drivers_in_words(drivers: Sequence[tuple[str, float]], lang: str) -> html.Div:
    """What puts a region where it is in the index, in words ("vooral: meer voortijdig schoolverlaters dan
    gemiddeld"), the contributions themselves one click away."""
    words = [t("brief.driver_more" if v > 0 else "brief.driver_less", lang,
               what=t(f"brief.driver.{c}", lang)) for c, v in drivers if round(v, 2) != 0]
    numbers = "; ".join(f"{t(f'priority.component.{c}', lang)}: {signed_number(v, lang, 2)}" for c, v in drivers)
    return html.Div([
        html.P(t("brief.need_drivers_words", lang, drivers=_listed(words, lang))
               if words else t("brief.need_drivers_none", lang)),
        html.Details([html.Summary(t("brief.need_drivers_numbers", lang)), html.P(numbers)], className="brief-numbers"),
    ])


def _listed(words: Sequence[str], lang: str) -> str:
    """"a", "a en b", "a, b en c"."""
    return ", ".join(words[:-1]) + t("brief.headline_and", lang) + words[-1] if len(words) > 1 else "".join(words)


# --- need index, aftercare, municipalities ---------------------------------------------------------------------------

def need_block(need: Mapping[str, Any] | None, level: str, lang: str, am_need: Mapping[str, Any] | None = None,
               am_name: str = "", meta: Mapping[str, Any] | None = None) -> html.Section:
    parts: list[Any] = [html.H3([t("brief.need", lang), " ", figure_mark(meta, lang)], id="brief-need-heading")]
    if not need:
        parts.append(html.P(t("brief.need_none", lang)))
    else:
        parts.append(html.P(t("brief.need_rank", lang, rank=need["rank"], n=need["n"], low=need["rank_low"],
                              high=need["rank_high"], year=need["period"],
                              level_plural=t(f"brief.level_plural.{level}", lang),
                              label=t(f"priority.label.{need['label_code']}", lang, k=5)), className="brief-need-rank"))
        parts.append(drivers_in_words(need["drivers"][:3], lang))
        parts.append(html.P(t("brief.need_note", lang), className="brief-note"))
        parts.append(html.P(t("brief.interval_note", lang), className="brief-note print-only"))
    if am_need:
        parts.append(html.P(t("brief.need_am", lang, name=am_name, rank=am_need["rank"], n=am_need["n"],
                              low=am_need["rank_low"], high=am_need["rank_high"])))
    parts += [explanation("index", lang), explanation("interval", lang), explanation("contribution", lang)]
    return html.Section(parts, className="brief-block brief-need", **{"aria-labelledby": "brief-need-heading"})


def aftercare_block(after: Mapping[str, Any] | None, lang: str,
                    metas: Mapping[str, Mapping[str, Any]] | None = None) -> html.Section:
    metas = metas or {}
    parts: list[Any] = [html.H3(t("brief.aftercare", lang), id="brief-aftercare-heading")]
    if not after:
        parts.append(html.P(t("brief.aftercare_none", lang)))
    else:
        n = after["n"]
        for key, count, rate, extra in (
                ("brief.aftercare_neet", "neet_count", "neet_share", {"period": after["period"]}),
                ("brief.aftercare_esl", "early_school_leavers", "early_school_leaver_rate",
                 {"school_year": period_label(after["school_year"], "school_year", lang)})):
            rank = t("brief.aftercare_rank", lang, count_rank=after.get(f"rank_{count}") or MISSING,
                     rate_rank=after.get(f"rank_{rate}") or MISSING, n=after.get(f"n_{count}", n),
                     m=after.get(f"n_{rate}", n))
            parts.append(html.P([html.Strong(t(key, lang, count=fmt_number(after.get(count), lang, 0),
                                               rate=fmt_value(after.get(rate), "percent", lang), **extra)),
                                 " ", figure_mark(metas.get(count), lang), f" – {rank}."],
                                className="brief-aftercare-line", **{"data-measure": count}))
        parts.append(html.P(t("brief.aftercare_note", lang), className="brief-note"))
    return html.Section(parts, className="brief-block brief-aftercare",
                        **{"aria-labelledby": "brief-aftercare-heading"})


def municipalities_block(hood: Mapping[str, Any] | None, info: Mapping[str, Any], lang: str,
                         meta: Mapping[str, Any] | None = None) -> html.Section | None:
    if not hood or not hood["members"]:
        return None
    if info["level"] == "gemeente":
        heading = t("brief.fellow", lang, name=info["name"], parent=hood["am_name"])
    else:
        heading = t("brief.municipalities", lang, name=info["name"])
    items = []
    for m in hood["members"]:
        share = fmt_value(m["neet_share"], "percent", lang)
        text = (t("brief.municipality_item", lang, share=share, rank=m["need_rank"]) if m["need_rank"] is not None
                else t("brief.municipality_item_no_rank", lang, share=share))
        this = m["code"] == info["code"]
        name: Any = html.Strong([m["name"], " ", t("brief.this", lang)]) if this else html.A(
            m["name"], href=region_href(m["code"], lang))
        items.append(html.Li([name, ": ", text], className="is-selected" if this else None))
    return html.Section([
        html.H3([heading, " ", figure_mark(meta, lang)], id="brief-municipalities-heading"),
        html.P(t("brief.municipalities_note", lang, period=hood["period"], n=hood["need_n"]), className="brief-note"),
        html.Ul(items, className="brief-municipalities"),
    ], className="brief-block brief-members", **{"aria-labelledby": "brief-municipalities-heading"})


def sources_line(manifest: Mapping[str, Any], version: str, url: str | None, lang: str,
                 shown: Sequence[Mapping[str, Any]]) -> html.Footer:
    """Where the figures on the brief come from, by what they are: CBS's tables, Eurostat's, and which figures are
    demo (named, never under "Bron: CBS"); the data build and version; the brief's own address."""
    real: dict[str, list[str]] = {}
    demo: list[str] = []
    for meta in shown:
        if meta.get("is_demo"):
            demo.append(title_of(meta, lang))
            continue
        for table in meta.get("source_tables") or []:
            real.setdefault(str(meta.get("publisher") or "CBS"), [])
            if table not in real[str(meta.get("publisher") or "CBS")]:
                real[str(meta.get("publisher") or "CBS")].append(table)
    credits = []
    if real.get("CBS"):
        credits.append(t("brief.sources_cbs", lang, tables=", ".join(sorted(real["CBS"], key=str.lower))))
    if real.get("Eurostat"):
        credits.append(t("brief.sources_eurostat", lang, tables=", ".join(real["Eurostat"])))
    credits.append(t("brief.sources_built", lang, built=fmt_date(manifest.get("built_at"), lang),
                     version=version or MISSING))
    parts: list[Any] = [html.P(" · ".join(credits))]
    if demo:
        parts.append(html.P([html.Strong(t("common.demo_mark", lang), className="demo-mark"), " ",
                             t("brief.demo_named", lang, names="; ".join(dict.fromkeys(demo)))], className="brief-demo"))
    if url:
        parts.append(html.P(t("brief.link", lang, url=url), className="brief-url"))
    return html.Footer(parts, className="brief-sources")


# --- the two briefs ---------------------------------------------------------------------------------------------------

def shown_metas(brief: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The indicators whose figures a brief shows (cards, national lines, need index, aftercare, movers)."""
    metas = [f.meta for f in [*brief["figures"], *brief.get("national_only", [])]]
    metas += [brief["indicators"][i] for i in ("neet_count", "early_school_leavers") if i in brief["indicators"]]
    metas += [m["meta"] for m in brief.get("movers") or []]
    return list({str(m.get("id")): m for m in [*metas, brief["need_meta"]]}.values())


def region_brief_view(brief: Mapping[str, Any], lang: str, manifest: Mapping[str, Any], version: str, *,
                      url: str | None = None, heading_level: int = 1,
                      controls: Any = None) -> html.Article:
    """The brief of one arbeidsmarktregio or gemeente."""
    info = brief["info"]
    heading = (html.H1 if heading_level == 1 else html.H2)(t("brief.title_region", lang, name=info["name"]),
                                                           className="page-title brief-title", id="brief-title")
    kind = t(f"brief.kind.{info['level']}", lang, code=info["code"], parent=info.get("parent_name") or "")
    meta = [kind]
    hood = brief.get("neighbourhood")
    if info["level"] in ("arbeidsmarktregio", "rmc") and hood:
        meta.append(t("brief.members", lang, n=len(hood["members"])))
    if brief.get("youth_population") is not None:
        meta.append(t("brief.youth", lang, value=fmt_number(brief["youth_population"], lang, 0),
                      period=brief["youth_population_period"]))
    meta.append(t("brief.built", lang, date=fmt_date(manifest.get("built_at"), lang)))
    cards = [figure_card(f, info["name"], lang) for f in brief["figures"]]
    links = html.P([html.A(t("brief.more_link", lang), href=region_href(info["code"], lang)), " · ",
                    html.A(t("brief.priority_link", lang),
                           href=page_href("/prioriteit", lang) + ("&" if lang == "en" else "?")
                           + f"niveau={info['level']}")], className="brief-links screen-only")
    am_need = hood.get("am_need") if hood else None
    return html.Article([
        heading,
        headline(brief, info["name"], lang),
        html.P(" · ".join(meta), className="brief-meta"),
        controls,
        html.P(t("brief.periods_note", lang), className="brief-note brief-periods-note"),
        html.Section([html.H2(t("brief.figures", lang), id="brief-figures-heading"),
                      trend_key(info["name"], lang),
                      html.Div(cards, className="brief-cards"),
                      national_only_lines(brief["national_only"], lang)],
                     className="brief-figures", **{"aria-labelledby": "brief-figures-heading"}),
        html.Div([need_block(brief.get("need"), info["level"], lang, am_need, hood["am_name"] if hood else "",
                             brief["need_meta"]),
                  aftercare_block(brief.get("aftercare"), lang, brief["indicators"])], className="brief-pair"),
        municipalities_block(hood, info, lang, brief["indicators"].get("neet_share")),
        links,
        sources_line(manifest, version, url, lang, shown_metas(brief)),
    ], className="brief brief-region", id="brief", **{"data-region": info["code"], "data-level": info["level"]})


def national_brief_view(brief: Mapping[str, Any], lang: str, manifest: Mapping[str, Any], version: str, *,
                        url: str | None = None, controls: Any = None) -> html.Article:
    """The alliance's own brief: Nederland, movers, certain top 5, the national aftercare picture."""
    nl = t("common.netherlands", lang)
    counts = brief["n_regions"]
    cards = [figure_card(f, nl, lang, regional=False) for f in brief["figures"]]
    return html.Article([
        html.H1(t("brief.title_national", lang), className="page-title brief-title", id="brief-title"),
        headline(brief, nl, lang),
        html.P(" · ".join([t("brief.kind.national", lang, am=counts.get("arbeidsmarktregio", 0),
                             gm=counts.get("gemeente", 0)),
                           t("brief.built", lang, date=fmt_date(manifest.get("built_at"), lang))]),
               className="brief-meta"),
        controls,
        html.P(t("brief.periods_note", lang), className="brief-note brief-periods-note"),
        html.Section([html.H2(t("brief.figures", lang), id="brief-figures-heading"),
                      html.Div(cards, className="brief-cards brief-cards-national")],
                     className="brief-figures", **{"aria-labelledby": "brief-figures-heading"}),
        movers_block(brief["movers"], lang),
        html.Div([top_block(brief, lang), national_aftercare_block(brief.get("aftercare"), lang, brief["indicators"])],
                 className="brief-pair"),
        sources_line(manifest, version, url, lang, shown_metas(brief)),
    ], className="brief brief-national", id="brief", **{"data-region": "NL01", "data-level": "land"})


def _mover_names(rows: Sequence[Mapping[str, Any]], decimals: int, lang: str, none_key: str) -> str:
    if not rows:
        return t(none_key, lang)
    names = ", ".join(f"{r['name']} ({signed_number(r['change'], lang, decimals)})" for r in rows)
    return names + (" " + t("brief.movers_fewer", lang, n=len(rows)) if len(rows) < 3 else "")


def movers_block(movers: Sequence[Mapping[str, Any]], lang: str) -> html.Section:
    rows = []
    for m in movers:
        meta = m["meta"]
        unit = "relative" if m["relative"] else str(meta.get("unit") or "percent")
        decimals = 1
        title = title_of(meta, lang)
        periods = t("brief.span_periods", lang, before=period_label_short(m["before"], m["frequency"], lang),
                    after=period_label_short(m["after"], m["frequency"], lang))
        national = signed_number(m["national"], lang, decimals) if m["national"] is not None else MISSING
        rows.append([html.Span([title, " ", html.Small(f"({t(f'brief.change_unit.{unit}', lang)})"), " ",
                                figure_mark(meta, lang)]), periods,
                     national,
                     _mover_names(m["improved"], decimals, lang, "brief.movers_none_improved"),
                     _mover_names(m["worsened"], decimals, lang, "brief.movers_none_worsened")])
    columns = [t(f"brief.movers_col.{c}", lang) for c in ("indicator", "periods", "national", "improved", "worsened")]
    table = data_table(columns, rows, caption=t("brief.movers_caption", lang),
                       numeric=[False, False, True, False, False], class_name="data-table brief-movers",
                       caption_hidden=True, stacked_on_phone=True)
    return html.Section([
        html.H2(t("brief.movers", lang), id="brief-movers-heading"),
        html.P(t("brief.movers_note", lang), className="brief-note"),
        html.Div(table, className="table-scroll", tabIndex="0", role="region",
                 **{"aria-label": t("brief.movers_caption", lang)}),
        html.P(t("brief.ww_note", lang), className="brief-note"),
    ], className="brief-block brief-movers-block", **{"aria-labelledby": "brief-movers-heading"})


def top_block(brief: Mapping[str, Any], lang: str) -> html.Section:
    def names(rows: Sequence[Mapping[str, Any]]) -> str:
        return ", ".join(f"{r['name']} ({r['low']}–{r['high']})" for r in rows) or t("brief.top_none", lang)

    year = brief.get("need_period") or MISSING
    return html.Section([
        html.H3([t("brief.top", lang), " ", figure_mark(brief["need_meta"], lang)], id="brief-top-heading"),
        html.P(t("brief.top_certain", lang, year=year, names=names(brief["top"]["certain"])), id="brief-top-certain"),
        html.P(t("brief.top_possible", lang, names=names(brief["top"]["possible"]))),
        html.P(t("brief.need_note", lang), className="brief-note"),
        explanation("index", lang), explanation("interval", lang),
    ], className="brief-block brief-top", **{"aria-labelledby": "brief-top-heading"})


def national_aftercare_block(after: Mapping[str, Any] | None, lang: str,
                             metas: Mapping[str, Mapping[str, Any]] | None = None) -> html.Section:
    metas = metas or {}
    parts: list[Any] = [html.H3(t("brief.national_aftercare", lang), id="brief-aftercare-heading")]
    if not after:
        parts.append(html.P(t("brief.aftercare_none", lang)))
        return html.Section(parts, className="brief-block brief-aftercare")

    def people(now: float | None, before: float | None) -> str:
        if now is None or before is None:
            return MISSING
        diff = now - before
        key = "brief.more_people" if diff > 0 else "brief.fewer_people"
        return t(key, lang, amount=fmt_number(abs(diff), lang, 0)) if round(diff) else t("brief.same", lang)

    def names(rows: Sequence[Mapping[str, Any]], unit: str) -> str:
        return ", ".join(f"{r['name']} ({fmt_value(r['value'], unit, lang)})" for r in rows)

    parts += [
        html.P([t("brief.national_neet", lang, count=fmt_number(after["neet_count"], lang, 0),
                  rate=fmt_value(after["neet_share"], "percent", lang), period=after["period"],
                  change=people(after["neet_count"], after["neet_count_before"])), " ",
                figure_mark(metas.get("neet_count"), lang)], **{"data-measure": "neet_count"}),
        html.P([t("brief.national_esl", lang, count=fmt_number(after["early_school_leavers"], lang, 0),
                  rate=fmt_value(after["early_school_leaver_rate"], "percent", lang),
                  school_year=period_label(after["school_year"] or "", "school_year", lang),
                  change=people(after["early_school_leavers"], after["early_school_leavers_before"])), " ",
                figure_mark(metas.get("early_school_leavers"), lang)], **{"data-measure": "early_school_leavers"}),
        html.P([t("brief.top_count", lang, names=names(after["top_neet_count"], "persons")), " ",
                figure_mark(metas.get("neet_count"), lang)]),
        html.P([t("brief.top_rate", lang, names=names(after["top_neet_share"], "percent")), " ",
                figure_mark(metas.get("neet_share"), lang)]),
        html.P(t("brief.aftercare_note", lang), className="brief-note"),
    ]
    return html.Section(parts, className="brief-block brief-aftercare", **{"aria-labelledby": "brief-aftercare-heading"})
