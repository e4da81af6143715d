"""Screen-only parts of the overview page next to the brief: the top-5 tables and the data-as-of table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from dash import html

from dashboard.ui.components.chart import data_table
from dashboard.ui.components.source_note import figure_mark, is_cbs_table
from dashboard.ui.i18n import fmt_date, fmt_value, has_text, period_label, t
from etl.catalog import publisher


def indicator_title(meta: Mapping[str, Any], lang: str) -> str:
    return str(meta.get(f"title_{lang}") or meta.get("title_nl") or meta.get("id"))


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
    return html.Div([html.H3([title, " ", figure_mark(meta, lang)], id=heading_id),
                     *([body] if not isinstance(body, list) else body)],
                    className="top-block")


def asof_table(entries: Sequence[Mapping[str, Any]], lang: str) -> html.Table:
    """Per source table: id (linked), subject, CBS modified, fetched, real or DEMO."""
    rows = []
    for e in entries:
        link = html.A(e["table_id"], href=e["statline_url"], rel="noopener") if e["statline_url"] else e["table_id"]
        if e["is_demo"]:
            kind: Any = html.Strong(t("overview.asof_demo_slices", lang, n=len(e["demo_slices"]), total=e["slices"]),
                                    className="demo-mark")
        elif publisher(e["table_id"]) == "Eurostat":
            kind = t("common.real_mark_eurostat", lang)
        elif not is_cbs_table(e["table_id"]):
            kind = t("common.derived_mark", lang)
        else:
            kind = t("common.real_mark", lang)
        key = f"methode.table.{str(e['table_id']).lower()}"          # the subject in the page's language
        rows.append([link, t(key, lang) if has_text(key, lang) else e["title"], fmt_date(e["cbs_modified"], lang),
                     fmt_date(e["fetched_at"], lang), kind])
    columns = [t(f"overview.asof_{k}", lang) for k in ("table", "title", "modified", "fetched", "kind")]
    return data_table(columns, rows, caption=t("overview.asof_heading", lang), numeric=[False] * 5,
                      class_name="data-table asof-table", caption_hidden=True)
