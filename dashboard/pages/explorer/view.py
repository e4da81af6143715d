"""Everything the explorer shows for one :class:`~dashboard.pages.explorer.state.ExplorerState`.

The page module only places these parts and wires callbacks; here the queries are turned into
control options, figures, text alternatives, tables and download links.
"""

from __future__ import annotations

import html as html_text
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import pandas as pd
from dash import html
from dash.dash_table.Format import Format, Group, Scheme, Sign

from dashboard.data import queries as q
from dashboard.data.domain import NATIONAL_CODE, REGIONAL_LEVELS
from dashboard.data.layers import Layer, NeedIndexLayer, layer_of, map_layers
from dashboard.data.rounding import display_round
from dashboard.data.view import StoreView
from dashboard.pages.explorer.state import ExplorerState
from dashboard.ui.components.chart import data_table
from dashboard.ui.components.download import download_links
from dashboard.ui.figures.charts import (
    Lines,
    SeriesPoints,
    bar_rows,
    indicator_title,
    make_bar_figure,
    make_timeseries_figure,
    ranking_summary,
    series_lines,
    series_points,
    timeseries_summary,
    value_text,
)
from dashboard.ui.figures.map import hover_texts, make_map_figure
from dashboard.ui.i18n import LANGUAGES, MISSING, flag_reason, fmt_change, period_label, t
from dashboard.ui.urls import need_index_csv_href, region_href

TABLE_LIMIT_TS = 40          # rows of a time series' table view before older periods are left out


def layer(view: StoreView, state: ExplorerState) -> Layer:
    """The layer the state shows (a parsed state always names one that exists)."""
    found = layer_of(view, state.indicator)
    if found is None:
        raise ValueError(f"no map layer {state.indicator!r}")
    return found


# --- control options -------------------------------------------------------------------------------------------------

def indicator_options(view: StoreView, lang: str) -> list[dict[str, str]]:
    return [{"label": t("explorer.need_option", lang) if isinstance(shown, NeedIndexLayer)
             else indicator_title(shown.meta, lang), "value": shown.id} for shown in map_layers(view)]


def level_options(shown: Layer, lang: str) -> list[dict[str, Any]]:
    return [{"label": t(f"explorer.level.{lvl}", lang), "value": lvl, "disabled": lvl not in shown.levels}
            for lvl in REGIONAL_LEVELS]


def period_options(shown: Layer, level: str, lang: str) -> list[dict[str, str]]:
    frequency = shown.frequency(level)
    return [{"label": period_label(p, frequency, lang), "value": p} for p in reversed(shown.periods(level))]


def region_names(view: StoreView, codes: Sequence[str]) -> list[str]:
    names = q.region_names(view)
    return [names.get(c, c) for c in codes]


def status_text(view: StoreView, state: ExplorerState, lang: str) -> str:
    if not state.regions:
        return t("explorer.status_none", lang)
    return t("explorer.status_selected", lang, n=len(state.regions), names=", ".join(region_names(view,
                                                                                                  state.regions)))


# --- figures ---------------------------------------------------------------------------------------------------------

def map_figure(view: StoreView, shown: Layer, state: ExplorerState, ranking: pd.DataFrame) -> Any:
    return make_map_figure(ranking, state.regions, state.lang, geojson=view.geojson(state.level), meta=shown.meta,
                           period=state.period, frequency=shown.frequency(state.level), is_demo=shown.is_demo,
                           uirevision=state.level, hovers=map_hovers(view, shown, state))


def map_hovers(view: StoreView, shown: Layer, state: ExplorerState) -> list[str] | None:
    """The map's hover text of each row of the state's ranking, cut from those of every period of the layer (made
    once per view, layer, level and language); None for a layer ranked one period at a time."""
    table = shown.ranking_table(state.level)
    if table is None or state.period not in table.rows:
        return None
    texts = layer_hovers(view, shown, state.level, state.lang)
    start, stop = table.rows[state.period]
    return texts[start:stop]


def layer_hovers(view: StoreView, shown: Layer, level: str, lang: str) -> list[str]:
    """The map hover texts of every row of ``shown``'s ranking table at ``level`` (see :func:`map_hovers`)."""
    def build() -> list[str]:
        table = shown.ranking_table(level)
        return [] if table is None else hover_texts(table.frame, shown.unit, lang, shown.frequency(level))
    return view.cached("explorer_map_hovers", (shown.id, level, lang), build)


def prepare(view: StoreView) -> None:
    """Make the map hover texts and trend points of every layer, level and language (a worker does this before it
    takes requests)."""
    for shown in map_layers(view):
        for level in shown.levels:
            found = shown.series_rows(level, ())
            for lang in LANGUAGES:
                layer_hovers(view, shown, level, lang)
                if found is not None:
                    layer_points(view, shown, level, lang, found[0])


def bar_figure(view: StoreView, shown: Layer, state: ExplorerState, ranking: pd.DataFrame) -> Any:
    return make_bar_figure(ranking, state.regions, state.lang, meta=shown.meta, level=state.level,
                           period=state.period, frequency=shown.frequency(state.level),
                           national=shown.national(state.period), is_demo=shown.is_demo,
                           group=selection_mean(ranking, state.regions))


def selection_mean(ranking: pd.DataFrame, regions: tuple[str, ...]) -> tuple[int, float] | None:
    """(how many, unweighted mean) of the selected regions' values, when at least two of them have one: the
    group's reference line next to Nederland's (a region with its peers, say)."""
    values = ranking.loc[ranking["region_code"].isin(regions), "value"].dropna()
    return (len(values), float(values.mean())) if len(values) >= 2 else None


def series_note(shown: Layer, state: ExplorerState) -> str | None:
    if not shown.has_series:
        return t("explorer.ts_need_note", state.lang)
    if shown.unit == "persons" and state.regions:
        return t("explorer.ts_counts_note", state.lang)
    return None


def trend_lines(view: StoreView, shown: Layer, state: ExplorerState) -> Lines | pd.DataFrame:
    """The state's trend lines, cut from the points of the layer's whole series (made once per view, layer, level and
    language); a layer without a series gives its (empty) frame."""
    found = shown.series_rows(state.level, state.regions)
    if found is None:
        return shown.series(state.level, state.regions)
    rows, positions = found
    return series_lines(layer_points(view, shown, state.level, state.lang, rows), positions)


def layer_points(view: StoreView, shown: Layer, level: str, lang: str, rows: q.SeriesRows) -> SeriesPoints:
    """The trend points of the layer's whole series at ``level`` (``rows``), made once per view, layer, level and
    language."""
    return view.cached("explorer_series_points", (shown.id, level, lang),
                       lambda: series_points(rows.frame, shown.unit, shown.frequency(level), lang))


def timeseries_figure(view: StoreView, shown: Layer, state: ExplorerState, series: pd.DataFrame | Lines) -> Any:
    return make_timeseries_figure(series, state.regions, state.lang, meta=shown.meta,
                                  frequency=shown.frequency(state.level), is_demo=shown.is_demo)


def figure_titles(figure: Mapping[str, Any]) -> tuple[str, str]:
    """(title, subtitle) of a figure's layout as plain text ("" when it has none): Plotly's ``<br>`` a space, its
    other tags left out."""
    spec = (figure.get("layout") or {}).get("title") or {}
    return _plain(spec.get("text")), _plain((spec.get("subtitle") or {}).get("text"))


def _plain(text: Any) -> str:
    words = re.sub(r"<br\s*/?>", " ", str(text or ""), flags=re.IGNORECASE)
    return html_text.unescape(re.sub(r"<[^>]+>", "", words)).strip()


def map_summary(shown: Layer, state: ExplorerState, ranking: pd.DataFrame) -> str:
    return ranking_summary(ranking, shown.meta, state.lang, shown.national(state.period))


def series_summary(shown: Layer, state: ExplorerState, series: pd.DataFrame | Lines) -> str:
    note = series_note(shown, state)
    text = timeseries_summary(series, state.regions, shown.meta, shown.frequency(state.level), state.lang)
    return f"{text} {note}" if note else text


# --- tables ----------------------------------------------------------------------------------------------------------

def _status_cell(flag: Any, status: Any, lang: str) -> str:
    if flag:
        return flag_reason(flag, lang)
    if status and status != "definitief":
        return t("common.status." + str(status), lang)
    return t("common.status.definitief", lang) if status else ""


def _decimals(unit: str) -> int:
    return {"persons": 0, "index": 2}.get(unit, 1)


@lru_cache(maxsize=16)
def _number_format(unit: str, lang: str) -> dict[str, Any]:
    """Fixed decimals, grouped; negatives with a minus, no "+" (a change that rounds to zero reads "0,0"). As the
    DataTable's JSON data (made once per unit and language: read-only)."""
    group, decimal = (".", ",") if lang == "nl" else (",", ".")
    return Format(precision=_decimals(unit), scheme=Scheme.fixed, group=Group.yes, group_delimiter=group,
                  decimal_delimiter=decimal, sign=Sign.default).nully(MISSING).to_plotly_json()


def table_columns(shown: Layer, state: ExplorerState, ranking: pd.DataFrame) -> list[dict[str, Any]]:
    meta, unit, lang = shown.meta, shown.unit, state.lang
    unit_label = str((meta.get("unit_label") or {}).get(lang, unit))
    columns: list[dict[str, Any]] = [
        {"id": "region_code", "name": t("explorer.col.code", lang)},
        {"id": "region_name", "name": t("explorer.col.name", lang), "presentation": "markdown"},
        {"id": "value", "name": t("explorer.col.value", lang, unit=unit_label), "type": "numeric",
         "format": _number_format(unit, lang)},
        {"id": "rank", "name": t("explorer.col.rank", lang), "type": "numeric"},
    ]
    if shown.has_interval:
        columns.append({"id": "interval", "name": t("explorer.col.interval", lang)})
    else:
        before = ranking["previous_period"].dropna()
        name = (t("explorer.col.change", lang, period=period_label(before.iloc[0], shown.frequency(state.level), lang))
                if len(before) else t("explorer.col.change_none", lang))
        if unit == "percent":                        # a change of a share is in percentage points, not per cent
            name += f" ({t('common.unit.percent_point', lang)})"
        columns.append({"id": "change", "name": name, "type": "numeric", "format": _number_format(unit, lang)})
    columns.append({"id": "status", "name": t("explorer.col.status", lang)})
    return columns


def _shown_value(value: Any, unit: str) -> float | None:
    """The value as the table shows it: rounded once, by the rule every other part uses (the table's own number
    format would round 6.25 its own way); sorting follows what is shown."""
    value = q.clean(value)
    return None if value is None else display_round(float(value), _decimals(unit))


def _shown_change(change: Any, unit: str) -> float | None:
    """The change as the table shows it: rounded to the column's decimals, so one that rounds to zero is 0
    (not "-0,0")."""
    value = q.clean(change)
    return None if value is None else display_round(float(value), _decimals(unit)) + 0.0


def table_data(ranking: pd.DataFrame, unit: str, lang: str) -> list[dict[str, Any]]:
    """Rows for the DataTable: plain numbers (sorting works), NaN as None (shown as "–")."""
    names = ("region_code", "region_name", "value", "rank", "change", "flag", "status")
    columns = [ranking[c].tolist() for c in names]
    intervals = ([ranking[c].tolist() for c in ("rank_low", "rank_high")] if "rank_low" in ranking
                 else [[None] * len(ranking)] * 2)
    rows = []
    for (code, name, value, rank, change, flag, status), low, high in zip(
            zip(*columns, strict=True), *intervals, strict=True):
        row = {"region_code": code, "region_name": f"[{name}]({region_href(code, lang)})",
               "value": _shown_value(value, unit), "rank": q.clean(rank), "change": _shown_change(change, unit),
               "status": _status_cell(q.clean(flag), q.clean(status), lang)}
        if q.clean(low) is not None:
            row["interval"] = f"{int(low)}–{int(high)}"
        rows.append(row)
    return rows


def table_styles(selection: Sequence[str]) -> list[dict[str, Any]]:
    styles: list[dict[str, Any]] = [{"if": {"column_type": "numeric"}, "textAlign": "right"}]
    for code in selection:
        styles.append({"if": {"filter_query": f'{{region_code}} = "{code}"'}, "backgroundColor": "#FBE3D6",
                       "fontWeight": "bold"})
    return styles


def map_table(shown: Layer, state: ExplorerState, ranking: pd.DataFrame) -> html.Table:
    meta, unit, lang = shown.meta, shown.unit, state.lang
    rows = ranking.sort_values("region_name", key=lambda s: s.str.lower())
    body = [[r.region_name, value_text(r.value, unit, lang) if pd.notna(r.value)
             else f"{MISSING} ({flag_reason(q.clean(r.flag), lang)})"] for r in rows.itertuples(index=False)]
    return data_table([t("common.table.region", lang), t("common.table.value", lang)], body,
                      caption=indicator_title(meta, lang), caption_hidden=True)


def series_table(shown: Layer, state: ExplorerState, series: pd.DataFrame) -> html.Table | html.P:
    """Periods down, regions across (newest first), as many as :data:`TABLE_LIMIT_TS` periods."""
    meta, unit, lang = shown.meta, shown.unit, state.lang
    if series.empty:
        return html.P(t("figures.summary_empty", lang))
    frequency = shown.frequency(state.level)
    names = {c: (t("common.netherlands", lang) if c == NATIONAL_CODE else n)
             for c, n in zip(series["region_code"], series["region_name"], strict=True)}
    codes = list(dict.fromkeys(series["region_code"]))
    wide = series.drop_duplicates(["period_start", "period", "region_code"]).pivot(
        index=["period_start", "period"], columns="region_code", values="value")    # the periods there are, once
    wide = wide.sort_index(ascending=False).head(TABLE_LIMIT_TS)
    body = [[period_label(period, frequency, lang), *[value_text(wide.loc[(start, period)].get(c), unit, lang)
                                                        for c in codes]] for start, period in wide.index]
    return data_table([t("common.table.period", lang), *[names[c] for c in codes]], body,
                      caption=indicator_title(meta, lang), caption_hidden=True)


def bar_table(shown: Layer, state: ExplorerState, ranking: pd.DataFrame) -> html.Table:
    meta, unit, lang = shown.meta, shown.unit, state.lang
    ranked = bar_rows(ranking, state.regions, state.level)
    body = [[int(r.rank), r.region_name, value_text(r.value, unit, lang),
             fmt_change(r.change, unit, lang) if pd.notna(r.change) else MISSING] for r in ranked.itertuples()]
    return data_table([t("explorer.col.rank", lang), t("common.table.region", lang), t("common.table.value", lang),
                       t("explorer.col.change_none", lang)], body, caption=indicator_title(meta, lang),
                      numeric=[False, False, True, True], caption_hidden=True)


# --- downloads -------------------------------------------------------------------------------------------------------

def downloads(shown: Layer, state: ExplorerState) -> Any:
    """Links to exactly the figures shown: per observation query CSV, Excel and zip; the need index as CSV."""
    files = shown.downloads(state.level, state.period, state.regions)
    if files.need_index is not None:
        return html.P(html.A("CSV", href=need_index_csv_href(files.need_index.level, state.period or ""),
                             rel="nofollow"), className="download-links")
    period = period_label(state.period, shown.frequency(state.level), state.lang)
    captions = {"map": t("explorer.download_map", state.lang, period=period),
                "series": t("explorer.download_series", state.lang)}
    return [html.Div([html.P(captions[what], className="download-caption"), download_links(params, state.lang)],
                     className="download-group")
            for what, params in files.observations]


def definition_text(meta: Mapping[str, Any], lang: str) -> str:
    return str(meta.get("definition_en" if lang == "en" else "definition_nl") or "")
