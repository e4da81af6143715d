"""Building blocks of the overview page: headline cards, the top-5 tables, the data-as-of table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from dash import html

from dashboard.data.overview import Headline, Reading
from dashboard.ui.components.chart import chart_with_table, data_table
from dashboard.ui.components.source_note import is_cbs_table, source_note
from dashboard.ui.figures.sparkline import SPARKLINE_HEIGHT, make_sparkline_figure
from dashboard.ui.i18n import MISSING, flag_reason, fmt_change, fmt_date, fmt_value, period_label, t


def indicator_title(meta: Mapping[str, Any], lang: str) -> str:
    return str(meta.get(f"title_{lang}") or meta.get("title_nl") or meta.get("id"))


def change_text(reading: Reading, unit: str, lang: str, higher_is_more_need: bool | None) -> str:
    """"↑ +0,4 procentpunt hoger dan oktober 2022 (meer behoefte)": arrow and words, never colour alone."""
    change = reading.change
    if change is None or reading.previous_period is None:
        return t("overview.change_none", lang)
    before = period_label(reading.previous_period, reading.frequency, lang)
    amount = fmt_change(change, unit, lang)
    if not amount.startswith(("+", "−")):                 # rounds to zero at the shown precision
        return t("overview.change_same", lang, period=before)
    rising = change > 0
    text = t("overview.change_up" if rising else "overview.change_down", lang, change=amount.lstrip("+−"),
             period=before)
    if higher_is_more_need is not None:
        text += " " + t("overview.change_worse" if rising == higher_is_more_need else "overview.change_better", lang)
    return text


def value_block(reading: Reading, label: str, unit: str, lang: str, higher_is_more_need: bool | None,
                role: str) -> html.Div:
    """One term/definition pair: the place, its value (or "–" with the reason) and the change."""
    if reading.value is None:
        details = [html.Dd(MISSING, className="card-value is-missing"),
                   html.Dd(t("overview.missing_reason", lang, reason=flag_reason(reading.flag, lang)),
                           className="card-reason")]
    else:
        details = [html.Dd(fmt_value(reading.value, unit, lang), className="card-value"),
                   html.Dd(change_text(reading, unit, lang, higher_is_more_need), className="card-change")]
    return html.Div([html.Dt(label, className="card-place"), *details], className=f"card-row card-row-{role}")


def _trend_summary(national: pd.DataFrame, region: pd.DataFrame | None, unit: str, lang: str,
                   frequency: str | None, national_name: str, region_name: str) -> str:
    def ends(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series] | None:
        known = frame[frame["value"].notna()]
        return (known.iloc[0], known.iloc[-1]) if len(known) else None

    nl = ends(national)
    reg = ends(region) if region is not None else None
    if nl is None and reg is None:
        return t("overview.trend_empty", lang)
    main, name = (reg, region_name) if reg is not None else (nl, national_name)
    first, last = main
    fmt = {"region": name,
           "first": fmt_value(first["value"], unit, lang),
           "first_period": period_label(first["period"], frequency, lang),
           "last": fmt_value(last["value"], unit, lang),
           "last_period": period_label(last["period"], frequency, lang)}
    if reg is not None and nl is not None:
        return t("overview.trend_summary_pair", lang, nl_first=fmt_value(nl[0]["value"], unit, lang),
                 nl_last=fmt_value(nl[1]["value"], unit, lang), **fmt)
    return t("overview.trend_summary", lang, **fmt)


def trend_table_rows(national: pd.DataFrame, region: pd.DataFrame | None, unit: str, lang: str,
                     frequency: str | None) -> list[list[str]]:
    """One row per period: period, Nederland, region (when chosen); missing values as "–" with the reason."""
    def cell(row: pd.Series | None) -> str:
        if row is None:
            return MISSING
        if pd.isna(row["value"]):
            return f"{MISSING} ({flag_reason(row['flag'] if isinstance(row['flag'], str) else None, lang)})"
        return fmt_value(row["value"], unit, lang)

    periods = list(dict.fromkeys(list(national["period"]) + (list(region["period"]) if region is not None else [])))
    nl_by = {r["period"]: r for _, r in national.iterrows()}
    reg_by = {r["period"]: r for _, r in region.iterrows()} if region is not None else {}
    rows = []
    for period in periods:
        row = [period_label(period, frequency, lang), cell(nl_by.get(period))]
        if region is not None:
            row.append(cell(reg_by.get(period)))
        rows.append(row)
    return rows


def headline_card(item: Headline, national_trend: pd.DataFrame, region_trend: pd.DataFrame | None,
                  lang: str, manifest: Mapping[str, Any]) -> html.Article:
    """A card: title, period, values for the region and Nederland with change, a sparkline, the source."""
    meta = item.indicator
    ind_id, unit = str(meta["id"]), str(meta.get("unit", ""))
    need = meta.get("higher_is_more_need")
    title = indicator_title(meta, lang)
    nl_name = t("common.netherlands", lang)
    period = item.national.period or (item.region.period if item.region else None)
    status = item.national.status
    period_text = t("overview.period", lang, period=period_label(period, item.frequency, lang) if period else MISSING)
    if status and status != "definitief":
        period_text += f" ({t('overview.status_note', lang, status=t('common.status.' + status, lang))})"
    rows = []
    if item.region is not None:
        rows.append(value_block(item.region, item.region.region_name, unit, lang, need, "region"))
    rows.append(value_block(item.national, nl_name, unit, lang, need, "national"))

    region_name = item.region.region_name if item.region is not None else ""
    has_region_trend = region_trend is not None and region_trend["value"].notna().any()
    fig = make_sparkline_figure(national_trend, region_trend if has_region_trend else None, lang, nl_name, region_name)
    columns = [t("common.table.period", lang), nl_name] + ([region_name] if item.region is not None else [])
    legend = html.P([html.Span(region_name, className="key key-region") if has_region_trend else None,
                     html.Span(nl_name, className="key key-national")], className="sparkline-key",
                    **{"aria-hidden": "true"})
    chart = chart_with_table(
        fig, graph_id=f"overview-spark-{ind_id}", title=t("overview.trend_title", lang, indicator=title),
        summary=_trend_summary(national_trend, region_trend if has_region_trend else None, unit, lang,
                               item.frequency, nl_name, region_name),
        columns=columns, rows=trend_table_rows(national_trend, region_trend, unit, lang, item.frequency),
        lang=lang, static=True, height=SPARKLINE_HEIGHT, class_name="sparkline", caption_visible=False,
        legend=legend,
    )
    heading_id = f"overview-card-{ind_id}"
    return html.Article(
        [html.H3(title, id=heading_id, className="card-title"),
         html.P(period_text, className="card-period"),
         html.Dl(rows, className="card-values"),
         chart,
         source_note(meta.get("source_tables", []), lang, manifest, is_demo=bool(meta.get("is_demo")))],
        className="card", **{"aria-labelledby": heading_id},
    )


def top_table(frame: pd.DataFrame, meta: Mapping[str, Any], lang: str, selected: str | None) -> html.Div:
    """A small table: rank, region, value; the chosen region is marked in words, not only in colour."""
    title = indicator_title(meta, lang)
    unit = str(meta.get("unit", ""))
    heading_id = f"overview-top-{meta['id']}"
    if frame.empty:
        body: Any = html.P(t("overview.top_empty", lang))
    else:
        period = period_label(str(frame["period"].iloc[0]), str(frame["frequency"].iloc[0]), lang)
        rows, classes = [], []
        for _, r in frame.iterrows():
            name = r["region_name"] + (f" {t('overview.selected_mark', lang)}" if r["region_code"] == selected else "")
            rows.append([str(r["rank"]), name, fmt_value(r["value"], unit, lang)])
            classes.append("is-selected" if r["region_code"] == selected else "")
        columns = [t("overview.top_rank", lang), t("common.table.region", lang), t("common.table.value", lang)]
        body = [html.P(period, className="top-period"),
                data_table(columns, rows, caption=t("overview.top_caption", lang, indicator=title, period=period),
                           numeric=[True, False, True], class_name="data-table top-table", row_classes=classes,
                           caption_hidden=True)]
    return html.Div([html.H3(title, id=heading_id), *([body] if not isinstance(body, list) else body)],
                    className="top-block")


def asof_table(entries: Sequence[Mapping[str, Any]], lang: str) -> html.Table:
    """Per source table: id (linked), subject, CBS modified, fetched, real or DEMO."""
    rows = []
    for e in entries:
        link = html.A(e["table_id"], href=e["statline_url"], rel="noopener") if e["statline_url"] else e["table_id"]
        if e["is_demo"]:
            kind: Any = html.Strong(t("overview.asof_demo_slices", lang, n=len(e["demo_slices"]), total=e["slices"]),
                                    className="demo-mark")
        elif not is_cbs_table(e["table_id"]):
            kind = t("common.derived_mark", lang)
        else:
            kind = t("common.real_mark", lang)
        rows.append([link, e["title"], fmt_date(e["cbs_modified"], lang), fmt_date(e["fetched_at"], lang), kind])
    columns = [t(f"overview.asof_{k}", lang) for k in ("table", "title", "modified", "fetched", "kind")]
    return data_table(columns, rows, caption=t("overview.asof_heading", lang), numeric=[False] * 5,
                      class_name="data-table asof-table", caption_hidden=True)
