"""Everything the explorer shows for one :class:`~dashboard.pages.explorer.state.ExplorerState`.

The page module only places these parts and wires callbacks; here the queries are turned into
control options, figures, text alternatives, tables and download links.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from dash import html
from dash.dash_table.Format import Format, Group, Scheme, Sign

from dashboard.data import queries as q
from dashboard.data.domain import NATIONAL_CODE, REGIONAL_LEVELS
from dashboard.data.need import NEED_INDEX, need_meta, need_periods, need_ranking
from dashboard.data.view import StoreView
from dashboard.pages.explorer.state import MAX_SELECTED, ExplorerState
from dashboard.ui.components.chart import data_table
from dashboard.ui.figures.charts import (
    bar_rows,
    indicator_title,
    make_bar_figure,
    make_timeseries_figure,
    ranking_summary,
    timeseries_summary,
    value_text,
)
from dashboard.ui.figures.map import make_map_figure
from dashboard.ui.i18n import MISSING, flag_reason, fmt_change, period_label, t

TABLE_LIMIT_TS = 40          # rows of a time series' table view before older periods are left out


# --- layers: a store indicator or the need index --------------------------------------------------------------------

def extra_layers() -> dict[str, Callable[[Any, str], Sequence[str]]]:
    """Map layers that are not store indicators, with their periods: the need index."""
    return {NEED_INDEX: need_periods}


def layer_meta(view: StoreView, indicator: str) -> dict[str, Any]:
    if indicator == NEED_INDEX:
        return need_meta(view)
    return dict(q.indicator_meta(view, indicator) or {})


def layer_periods(view: StoreView, indicator: str, level: str) -> tuple[str, ...]:
    if indicator == NEED_INDEX:
        return need_periods(view, level)
    return q.valid_periods(view, indicator, level)


def layer_frequency(view: StoreView, indicator: str, level: str) -> str | None:
    return "year" if indicator == NEED_INDEX else q.frequency_of(view, indicator, level)


def layer_ranking(view: StoreView, state: ExplorerState) -> pd.DataFrame:
    if not state.period:
        return q.add_ranks(q.values(view, state.indicator, state.level, "")).assign(
            previous_value=float("nan"), previous_period=None, change=float("nan"))
    if state.indicator == NEED_INDEX:
        return need_ranking(view, state.level, state.period)
    return q.ranking(view, state.indicator, state.level, state.period)


def layer_national(view: StoreView, state: ExplorerState) -> float | None:
    if state.indicator == NEED_INDEX or not state.period:
        return None
    return q.national_value(view, state.indicator, state.period)


# --- control options -------------------------------------------------------------------------------------------------

def indicator_options(view: StoreView, lang: str) -> list[dict[str, str]]:
    options = [{"label": indicator_title(q.indicator_meta(view, ind), lang), "value": ind}
               for ind in q.map_indicators(view)]
    options += [{"label": t("explorer.need_option", lang), "value": ind} for ind in extra_layers()]
    return options


def level_options(view: StoreView, indicator: str, lang: str) -> list[dict[str, Any]]:
    available = REGIONAL_LEVELS if indicator == NEED_INDEX else q.levels_for(view, indicator)
    return [{"label": t(f"explorer.level.{lvl}", lang), "value": lvl, "disabled": lvl not in available}
            for lvl in REGIONAL_LEVELS]


def period_options(view: StoreView, indicator: str, level: str, lang: str) -> list[dict[str, str]]:
    frequency = layer_frequency(view, indicator, level)
    return [{"label": period_label(p, frequency, lang), "value": p}
            for p in reversed(layer_periods(view, indicator, level))]


def region_names(view: StoreView, codes: Sequence[str]) -> list[str]:
    names = dict(zip(q.regions_of_level(view, "arbeidsmarktregio")["region_code"],
                     q.regions_of_level(view, "arbeidsmarktregio")["region_name"], strict=True))
    gm = q.regions_of_level(view, "gemeente")
    names.update(zip(gm["region_code"], gm["region_name"], strict=True))
    return [names.get(c, c) for c in codes]


def status_text(view: StoreView, state: ExplorerState, lang: str) -> str:
    if not state.regions:
        return t("explorer.status_none", lang)
    return t("explorer.status_selected", lang, n=len(state.regions), names=", ".join(region_names(view,
                                                                                                  state.regions)))


# --- figures ---------------------------------------------------------------------------------------------------------

def map_figure(view: StoreView, state: ExplorerState, ranking: pd.DataFrame) -> Any:
    return make_map_figure(ranking, state.regions, state.lang, geojson=view.geojson(state.level),
                           meta=layer_meta(view, state.indicator), period=state.period,
                           frequency=layer_frequency(view, state.indicator, state.level),
                           is_demo=view.is_demo, uirevision=state.level)


def bar_figure(view: StoreView, state: ExplorerState, ranking: pd.DataFrame) -> Any:
    return make_bar_figure(ranking, state.regions, state.lang, meta=layer_meta(view, state.indicator),
                           level=state.level, period=state.period,
                           frequency=layer_frequency(view, state.indicator, state.level),
                           national=layer_national(view, state), is_demo=view.is_demo)


def series_frame(view: StoreView, state: ExplorerState) -> pd.DataFrame:
    if state.indicator == NEED_INDEX:
        return q.time_series(view, "neet_share", state.level, [], national=False).iloc[0:0]
    unit = layer_meta(view, state.indicator).get("unit")
    national = unit != "persons" or not state.regions
    return q.time_series(view, state.indicator, state.level, state.regions, national=national)


def series_note(view: StoreView, state: ExplorerState) -> str | None:
    if state.indicator == NEED_INDEX:
        return t("explorer.ts_need_note", state.lang)
    if layer_meta(view, state.indicator).get("unit") == "persons" and state.regions:
        return t("explorer.ts_counts_note", state.lang)
    return None


def timeseries_figure(view: StoreView, state: ExplorerState, series: pd.DataFrame) -> Any:
    return make_timeseries_figure(series, state.regions, state.lang, meta=layer_meta(view, state.indicator),
                                  frequency=layer_frequency(view, state.indicator, state.level),
                                  is_demo=view.is_demo)


def map_summary(view: StoreView, state: ExplorerState, ranking: pd.DataFrame) -> str:
    return ranking_summary(ranking, layer_meta(view, state.indicator), state.lang, layer_national(view, state))


def series_summary(view: StoreView, state: ExplorerState, series: pd.DataFrame) -> str:
    note = series_note(view, state)
    text = timeseries_summary(series, state.regions, layer_meta(view, state.indicator),
                              layer_frequency(view, state.indicator, state.level), state.lang)
    return f"{text} {note}" if note else text


# --- tables ----------------------------------------------------------------------------------------------------------

def _status_cell(flag: Any, status: Any, lang: str) -> str:
    if flag:
        return flag_reason(flag, lang)
    if status and status != "definitief":
        return t("common.status." + str(status), lang)
    return t("common.status.definitief", lang) if status else ""


def _number_format(unit: str, lang: str, signed: bool = False) -> Format:
    decimals = {"persons": 0, "index": 2}.get(unit, 1)
    group, decimal = (".", ",") if lang == "nl" else (",", ".")
    return Format(precision=decimals, scheme=Scheme.fixed, group=Group.yes, group_delimiter=group,
                  decimal_delimiter=decimal, sign=Sign.positive if signed else Sign.default).nully(MISSING)


def table_columns(view: StoreView, state: ExplorerState, ranking: pd.DataFrame) -> list[dict[str, Any]]:
    meta = layer_meta(view, state.indicator)
    unit, lang = str(meta.get("unit", "")), state.lang
    unit_label = str((meta.get("unit_label") or {}).get(lang, unit))
    columns: list[dict[str, Any]] = [
        {"id": "region_code", "name": t("explorer.col.code", lang)},
        {"id": "region_name", "name": t("explorer.col.name", lang), "presentation": "markdown"},
        {"id": "value", "name": t("explorer.col.value", lang, unit=unit_label), "type": "numeric",
         "format": _number_format(unit, lang)},
        {"id": "rank", "name": t("explorer.col.rank", lang), "type": "numeric"},
    ]
    if state.indicator == NEED_INDEX:
        columns.append({"id": "interval", "name": t("explorer.col.interval", lang)})
    else:
        before = ranking["previous_period"].dropna()
        name = (t("explorer.col.change", lang, period=period_label(before.iloc[0], layer_frequency(
            view, state.indicator, state.level), lang)) if len(before) else t("explorer.col.change_none", lang))
        columns.append({"id": "change", "name": name, "type": "numeric", "format": _number_format(unit, lang, True)})
    columns.append({"id": "status", "name": t("explorer.col.status", lang)})
    return columns


def profile_href(code: str, lang: str) -> str:
    return f"/regio/{code}" + ("?lang=en" if lang == "en" else "")


def table_data(ranking: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """Rows for the DataTable: plain numbers (sorting works), NaN as None (shown as "–")."""
    rows = []
    for r in ranking.itertuples(index=False):
        row = {"region_code": r.region_code, "region_name": f"[{r.region_name}]({profile_href(r.region_code, lang)})",
               "value": q.clean(r.value), "rank": q.clean(r.rank), "change": q.clean(r.change),
               "status": _status_cell(q.clean(r.flag), q.clean(r.status), lang)}
        if hasattr(r, "rank_low") and q.clean(r.rank_low) is not None:
            row["interval"] = f"{int(r.rank_low)}–{int(r.rank_high)}"
        rows.append(row)
    return rows


def table_styles(selection: Sequence[str]) -> list[dict[str, Any]]:
    styles: list[dict[str, Any]] = [{"if": {"column_type": "numeric"}, "textAlign": "right"}]
    for code in selection:
        styles.append({"if": {"filter_query": f'{{region_code}} = "{code}"'}, "backgroundColor": "#FBE3D6",
                       "fontWeight": "bold"})
    return styles


def map_table(view: StoreView, state: ExplorerState, ranking: pd.DataFrame) -> html.Table:
    meta = layer_meta(view, state.indicator)
    unit, lang = str(meta.get("unit", "")), state.lang
    rows = ranking.sort_values("region_name", key=lambda s: s.str.lower())
    body = [[r.region_name, value_text(r.value, unit, lang) if pd.notna(r.value)
             else f"{MISSING} ({flag_reason(q.clean(r.flag), lang)})"] for r in rows.itertuples(index=False)]
    return data_table([t("common.table.region", lang), t("common.table.value", lang)], body,
                      caption=indicator_title(meta, lang), caption_hidden=True)


def series_table(view: StoreView, state: ExplorerState, series: pd.DataFrame) -> html.Table | html.P:
    """Periods down, regions across (newest first), as many as :data:`TABLE_LIMIT_TS` periods."""
    meta = layer_meta(view, state.indicator)
    unit, lang = str(meta.get("unit", "")), state.lang
    if series.empty:
        return html.P(t("figures.summary_empty", lang))
    frequency = layer_frequency(view, state.indicator, state.level)
    names = {c: (t("common.netherlands", lang) if c == NATIONAL_CODE else n)
             for c, n in zip(series["region_code"], series["region_name"], strict=True)}
    codes = list(dict.fromkeys(series["region_code"]))
    wide = series.pivot_table(index=["period_start", "period"], columns="region_code", values="value",
                              aggfunc="first", dropna=False)
    wide = wide.sort_index(ascending=False).head(TABLE_LIMIT_TS)
    body = [[period_label(period, frequency, lang), *[value_text(wide.loc[(start, period)].get(c), unit, lang)
                                                        for c in codes]] for start, period in wide.index]
    return data_table([t("common.table.period", lang), *[names[c] for c in codes]], body,
                      caption=indicator_title(meta, lang), caption_hidden=True)


def bar_table(view: StoreView, state: ExplorerState, ranking: pd.DataFrame) -> html.Table:
    meta = layer_meta(view, state.indicator)
    unit, lang = str(meta.get("unit", "")), state.lang
    ranked = bar_rows(ranking, state.regions, state.level)
    body = [[int(r.rank), r.region_name, value_text(r.value, unit, lang),
             fmt_change(r.change, unit, lang) if pd.notna(r.change) else MISSING] for r in ranked.itertuples()]
    return data_table([t("explorer.col.rank", lang), t("common.table.region", lang), t("common.table.value", lang),
                       t("explorer.col.change_none", lang)], body, caption=indicator_title(meta, lang),
                      numeric=[False, False, True, True], caption_hidden=True)


# --- downloads -------------------------------------------------------------------------------------------------------

def download_params(state: ExplorerState) -> list[dict[str, Any]]:
    """API queries for the view: the map's level and period, and the selected regions' series with Nederland."""
    if state.indicator == NEED_INDEX or not state.period:
        return []
    out = [{"indicator": state.indicator, "level": state.level, "period_from": state.period,
            "period_to": state.period}]
    if state.regions:
        out.append({"indicator": state.indicator, "region": [*state.regions, NATIONAL_CODE]})
    return out


def downloads(view: StoreView, state: ExplorerState) -> Any:
    """Helper C's download links for each query; the need index links to its own CSV endpoint."""
    if state.indicator == NEED_INDEX:
        query = urlencode({"level": state.level, "period": state.period or ""})
        return html.P(html.A("CSV", href=f"/api/v1/need-index.csv?{query}", rel="nofollow"),
                      className="download-links")
    try:
        from dashboard.ui.components.download import download_links
    except ImportError:
        return None
    frequency = layer_frequency(view, state.indicator, state.level)
    captions = [t("explorer.download_map", state.lang, period=period_label(state.period, frequency, state.lang)),
                t("explorer.download_series", state.lang)]
    return [html.Div([html.P(caption, className="download-caption"), download_links(params, state.lang)],
                     className="download-group")
            for caption, params in zip(captions, download_params(state), strict=False)]


def selection_limit_text(lang: str) -> str:
    return t("explorer.regions", lang, n=MAX_SELECTED)


def definition_text(meta: Mapping[str, Any], lang: str) -> str:
    return str(meta.get("definition_en" if lang == "en" else "definition_nl") or "")
