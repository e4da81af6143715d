"""The pieces of /prioriteit that depend on its controls: ranking chart and table, sensitivity table, map, aftercare.

Pure builders over :mod:`dashboard.data.need`, :mod:`dashboard.data.sensitivity` and :mod:`dashboard.data.aftercare`;
the page (page.py) lays them out and wires the callbacks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from dash import html

from analysis.inputs import COMPONENTS
from analysis.need_index import DEFAULT_DRAWS, DEFAULT_SEED, format_weights, top_label
from dashboard.data.aftercare import MEASURES, aftercare_table, sort_aftercare
from dashboard.data.need import NEED_INDEX, NeedQuery, need_meta, need_table
from dashboard.data.sensitivity import Sensitivity, sensitivity
from dashboard.data.view import StoreView
from dashboard.ui import palette
from dashboard.ui.components.explain import explanation
from dashboard.ui.components.source_note import figure_mark
from dashboard.ui.figures.map_image import map_image
from dashboard.ui.i18n import fmt_number, fmt_value, t
from dashboard.ui.json_data import converted, element
from dashboard.ui.urls import need_index_csv_href, region_href
from etl.transform.periods import school_year_ending

TOP_K = 5
FIRST_ROWS = 25          # of a long table (more than FIRST_ROWS + 10 rows) the first rows, the rest on request
AFTERCARE_ROWS = 10      # the aftercare table, open on the page: its first rows at every level, the rest on request
SORT_ID = "priority-sort"                  # the aftercare table's column-heading buttons (pattern-matching ids)
MORE_ID = "priority-more"                  # "show all rows" buttons under the long tables (key: ranking|aftercare)
CHART_ROWS = {"arbeidsmarktregio": 35, "rmc": 40, "gemeente": 40}      # rows in the ranking chart (all in the table)
EDGE = 0.04              # of the ranking's axis left free at each end: a whole marker fits on a phone's 220 px track
SENSITIVITY_ROWS = {"arbeidsmarktregio": 35, "rmc": 40, "gemeente": 25}
LABEL_COLOURS = {   # label code -> colour; priority.css gives each its own marker shape too: never colour alone
    "certain": palette.CATEGORICAL[1],        # a filled diamond
    "possible": palette.CATEGORICAL[0],       # a filled circle
    "indistinct": palette.MUTED,              # an open circle
    "outside": palette.TEXT,                  # an open square
}
MEASURE_UNITS = {"neet_count": "persons", "neet_share": "percent", "early_school_leavers": "persons",
                 "early_school_leaver_rate": "percent"}


def level_plural(level: str, lang: str) -> str:
    return t(f"priority.level_plural.{level}", lang)


def notice(text: str | None) -> html.P | None:
    return html.P(text, className="notice") if text else None


def label_text(code: str, lang: str) -> str:
    return t(f"priority.label.{code}", lang, k=TOP_K)


def is_long(rows: int, first: int = FIRST_ROWS) -> bool:
    return rows > first + 10


def more_rows(key: str, shown: int, n: int, level: str, lang: str) -> list[Any]:
    """Under a table showing its first rows: how many of how many, and the button that builds the rest."""
    plural = level_plural(level, lang)
    return [html.P(t("priority.rows_shown", lang, shown=shown, n=n, level_plural=plural), className="help rows-shown"),
            html.Button(t("priority.show_all", lang, n=n, level_plural=plural), id={"type": MORE_ID, "key": key},
                        type="button", className="button more-rows")]


# --- everything that depends on the controls ----------------------------------------------------------------------

def render(view: StoreView, weights: dict[str, float], norm: str, period: str | None, lang: str,
           level: str = "arbeidsmarktregio", all_rows: bool = False) -> dict[str, Any]:
    """Every piece that depends on the weights, normalisation, year and level (the layout and callback share it),
    built once per view and arguments: shared, so read-only (its tables are JSON data already).

    With all weights 0 (or no year with data) there is nothing to rank: ``empty`` is True, the charts and the
    download link are hidden and the notice says why (no empty plot boxes, no link to nothing).  The ranking table
    of a long list has its first rows only, unless ``all_rows``.
    """
    key = (tuple(sorted(weights.items())), norm, period, lang, level, all_rows)
    return view.cached("priority_parts", key, lambda: _render(view, weights, norm, period, lang, level, all_rows))


def _render(view: StoreView, weights: dict[str, float], norm: str, period: str | None, lang: str,
            level: str, all_rows: bool) -> dict[str, Any]:
    empty = {"notice": None, "summary": "", "ranking": None, "ranking_style": {}, "ranking_note": None,
             "table": None, "missing": None, "sensitivity": None, "sensitivity_table": None, "map": None,
             "map_help": "", "download": "", "status": "", "empty": True}
    if period is None:
        return {**empty, "notice": t("priority.no_data", lang)}
    if not any(v > 0 for v in weights.values()):
        return {**empty, "notice": t("priority.all_zero", lang)}
    query = NeedQuery(level, period, tuple((c, float(weights[c])) for c in COMPONENTS if weights[c] > 0), norm,
                      DEFAULT_SEED, DEFAULT_DRAWS)
    table = need_table(view, query)
    ranked = table.dropna(subset=["rank"]).sort_values("rank")
    n = len(ranked)
    codes = [top_label(int(lo), int(hi), n, TOP_K) for lo, hi in zip(ranked["rank_low"], ranked["rank_high"],
                                                                     strict=True)]
    ranked = ranked.assign(label=codes)
    missing = table.loc[table["rank"].isna(), "region_name"].tolist()
    shown = min(n, CHART_ROWS[level])
    result = sensitivity(view, query)
    return {
        "notice": None,
        "summary": summary_text(ranked, n, period, lang, level),
        "ranking": ranking_chart(ranked.head(shown), lang, n),
        "ranking_style": ranking_chart_style(ranked.head(shown), n),
        "ranking_note": t("priority.ranking_top", lang, shown=shown, n=n, level_plural=level_plural(level, lang))
        if shown < n else None,
        "table": converted(ranking_table(ranked, period, lang, level, all_rows, need_meta(view))),
        "missing": t("priority.missing", lang, regions=", ".join(missing)) if missing else None,
        "sensitivity": converted(sensitivity_summary(result, query, lang)),
        "sensitivity_table": converted(sensitivity_table(result, query, lang)),
        "map": map_picture(view, table, period, lang, level),
        "map_help": t("priority.map_help", lang, period=period, level=t(f"priority.level_one.{level}", lang)),
        "download": need_index_csv_href(level, str(period), format_weights({c: v for c, v in weights.items() if v > 0}),
                                        norm, DEFAULT_SEED, DEFAULT_DRAWS),
        "status": t("priority.status", lang, n=n, period=period, level_plural=level_plural(level, lang)),
        "empty": False,
    }


def summary_text(ranked: pd.DataFrame, n: int, period: str, lang: str, level: str = "arbeidsmarktregio") -> str:
    """The text alternative of the ranking chart: who is certainly / possibly in the top 5."""
    def names(code: str) -> str:
        rows = ranked[ranked["label"] == code]
        return ", ".join(rows["region_name"]) or t("priority.summary_none", lang)
    text = t("priority.summary", lang, n=n, period=period, certain=names("certain"), possible=names("possible"),
             level_plural=level_plural(level, lang))
    wide = int((ranked["label"] == "indistinct").sum())      # they reach into the top 5 too: counted, not hidden
    if wide:
        text += " " + t("priority.summary_wide_one" if wide == 1 else "priority.summary_wide", lang, n=wide,
                        level_plural=level_plural(level, lang), level_one=t(f"priority.level_one.{level}", lang))
    return text


# --- charts (drawn by the browser's own HTML and CSS, no Plotly: the page's first screen comes quickly) ----------

def _axis(ranked: pd.DataFrame, n: int | None) -> tuple[float, float, int]:
    """The ranking's axis: from ``low`` to ``high`` (rank 1 to the last rank drawn or reached by an interval, with
    room for a whole marker at both ends), and that last rank."""
    right = int(ranked["rank_high"].max()) if len(ranked) else (n or 0)
    last = max(right, len(ranked), 1)
    pad = max(0.6, EDGE * last)
    return 1 - pad, last + pad, last


def _position(x: float, low: float, high: float) -> str:
    return f"{100.0 * (x - low) / (high - low):.2f}%"


def ranking_chart(ranked: pd.DataFrame, lang: str, n: int | None = None) -> list[Any]:
    """Dots (rank of the published figures) with 90% interval lines, one row per region, rank 1 on top, as HTML:
    a list whose rows name the region (a link to its profile) and draw dot and line with CSS from the row's
    ``--at``/``--lo``/``--hi`` (priority.css).  A row's tooltip (``title``) and its ``aria-label`` say rank,
    interval, index and label; marker shape and colour both say the label (never colour alone)."""
    low, high, last = _axis(ranked, n)
    step = next(s for limit, s in ((40, 5), (100, 10), (250, 25), (10**9, 50)) if last <= limit)
    rows = []
    for r in ranked.itertuples():
        colour = LABEL_COLOURS[r.label]
        words = t("priority.hover", lang, name=r.region_name, rank=int(r.rank), low=int(r.rank_low),
                  high=int(r.rank_high), index=fmt_number(r.index, lang, 2), label=label_text(r.label, lang))
        about = words.split("<br>", 1)[1].replace("<br>", ", ")
        rows.append(element(html.Li, [
            # out of the Tab order: the same links are in the ranking table, and the settings come after the chart
            element(html.A, _breakable(r.region_name), href=region_href(r.region_code, lang), className="rank-name",
                    tabIndex="-1"),
            # a tap (or click) focuses the track and the row shows its figures under it (priority.css): a tooltip
            # needs a pointer that hovers, which a phone has not
            element(html.Span, className=f"rank-track is-{r.label}", title=words.replace("<br>", "\n"),
                    role="img", tabIndex="-1", **{"aria-label": about},
                    style={"--at": _position(r.rank, low, high), "--lo": _position(r.rank_low, low, high),
                           "--hi": _position(r.rank_high, low, high), "--c": colour})],
            className="rank-row", **{"data-detail": about[:1].upper() + about[1:]}))
    present = [code for code in LABEL_COLOURS if (ranked["label"] == code).any()]
    legend = html.Ul([html.Li([html.Span(className=f"rank-mark is-{code}", style={"--c": LABEL_COLOURS[code]}),
                               label_text(code, lang)]) for code in present], className="rank-legend")
    ticks = [1, *range(step, last + 1, step)]
    axis = html.Div([html.Div(className="rank-axis-gap"),
                     html.Div([*[html.Span(str(x), className="rank-tick", style={"left": _position(x, low, high)})
                                 for x in ticks],
                               html.Span(t("priority.axis_rank", lang), className="rank-axis-title")],
                              className="rank-axis-scale")], className="rank-axis", **{"aria-hidden": "true"})
    return converted([legend, html.Ol(rows, className="rank-rows"), axis])


def ranking_chart_style(ranked: pd.DataFrame, n: int | None = None) -> dict[str, str]:
    """Where the chart draws the line between the top :data:`TOP_K` and the rest: ``--top``, a fraction of the
    track's width (priority.css draws it as one dashed border across the rows)."""
    low, high, _ = _axis(ranked, n)
    return {"--top": f"{(TOP_K + 0.5 - low) / (high - low):.4f}"}


def map_picture(view: StoreView, table: pd.DataFrame, period: str, lang: str,
                level: str = "arbeidsmarktregio") -> Any:
    """The map of the index as an image drawn on the server (:mod:`dashboard.ui.figures.map_image`): yellow = more
    need, grey = no index, the legend below the map; its figures stand in the ranking and its table."""
    path = view.geojson_path(level)
    if not Path(path).exists():
        return None
    values = pd.DataFrame({"region_code": table["region_code"].astype(str), "value": table["index"].astype(float)})
    alt = t("priority.map_alt", lang, level=t(f"priority.level_one.{level}", lang), period=period)
    return converted(map_image(values, view.geojson(level), (), need_meta(view), period, None, lang, alt=alt,
                               id="priority-map", missing=t("priority.map_no_index", lang)))


# --- tables ---------------------------------------------------------------------------------------------------------

def ranking_table(ranked: pd.DataFrame, period: str, lang: str, level: str = "arbeidsmarktregio",
                  all_rows: bool = False, meta: dict[str, Any] | None = None) -> list[Any]:
    """Rank, interval, index (with its mark: ``meta``, the index's description), label and profile group per
    region, what a profile group is one click away; of a long list the first rows and a button."""
    head = ["rank", "interval", "region", "index", "label", "peer_group"]
    n = len(ranked)
    if is_long(n) and not all_rows:
        ranked = ranked.head(FIRST_ROWS)
    body = [element(html.Tr, [element(html.Td, int(r.rank)), element(html.Td, f"{int(r.rank_low)}–{int(r.rank_high)}"),
                              element(html.Th, element(html.A, r.region_name, href=region_href(r.region_code, lang)),
                                      scope="row"),
                              element(html.Td, fmt_number(r.index, lang, 2)), element(html.Td, label_text(r.label, lang)),
                              element(html.Td, "–" if pd.isna(r.peer_group) else int(r.peer_group))])
            for r in ranked.itertuples()]
    table = html.Table([html.Caption(t("priority.table_caption", lang, period=period,
                                       level=t(f"priority.level_one.{level}", lang))),
                        html.Thead(html.Tr([html.Th([t(f"priority.col.{h}", lang), " ", figure_mark(meta, lang)]
                                                    if h == "index" and meta else t(f"priority.col.{h}", lang),
                                                    scope="col", **({"data-indicator": NEED_INDEX}
                                                                    if h == "index" and meta else {}))
                                            for h in head])),
                        html.Tbody(body)], className="data-table")
    return [table, *(more_rows("ranking", len(ranked), n, level, lang) if len(ranked) < n else []),
            explanation("profile_group", lang)]


def _column(frame: pd.DataFrame, name: str) -> list[int | None]:
    """A nullable integer column as Python ints, None where missing (a row loop over ``iterrows`` took longer than
    computing the sensitivity)."""
    return [None if x != x else int(x) for x in frame[name].to_numpy(dtype=float, na_value=np.nan).tolist()]


def _move(shift: int | None) -> Any:
    """"↑ 3" (up: more need), "↓ 2", "0"; empty without a rank in the variant (a table cell as JSON data)."""
    if shift is None:
        return element(html.Td, "–", className="num")
    text = "0" if shift == 0 else (f"↑ {-shift}" if shift < 0 else f"↓ {shift}")
    return element(html.Td, text, className="num" + (" is-large" if abs(shift) >= 5 else ""))


def sensitivity_summary(result: Sensitivity, query: NeedQuery, lang: str) -> list[Any]:
    """In words: how often the top 5 stays the same, and the largest move (the table is built on request)."""
    if not result.variants:
        return [html.P(t("priority.sensitivity_none", lang))]
    move = result.largest_move()
    if not move:
        return []
    if sum(w > 0 for _, w in query.weights) == 1 and move["shift"] == 0:     # its only variant: counted double
        return [html.P(t("priority.sensitivity_one", lang), id="priority-sensitivity-summary")]
    if move["shift"] == 0:
        return [html.P(t("priority.sensitivity_still", lang, level_plural=level_plural(query.level, lang),
                         same=result.top_unchanged(TOP_K), variants=len(result.variants)),
                       id="priority-sensitivity-summary")]
    key = "priority.move_up" if move["shift"] < 0 else "priority.move_down"
    return [html.P(t("priority.sensitivity_summary", lang, level_plural=level_plural(query.level, lang),
                     same=result.top_unchanged(TOP_K), variants=len(result.variants), region=move["region_name"],
                     move=t(key, lang, n=abs(move["shift"])),
                     component=t(f"priority.component.{move['component']}", lang),
                     kind=t(f"priority.sensitivity_kind.{move['kind']}", lang)), id="priority-sensitivity-summary")]


def sensitivity_table(result: Sensitivity, query: NeedQuery, lang: str) -> list[Any]:
    """The rank and its move in each one-at-a-time variant, for the top rows."""
    if not result.variants:
        return []
    plural = level_plural(query.level, lang)
    parts: list[Any] = []
    components = list(dict.fromkeys(comp for _, comp in result.variants))
    rows = result.frame.dropna(subset=["rank"]).head(SENSITIVITY_ROWS[query.level])
    # the largest move right after the region: on a phone it is in view beside them, the variants scroll after it
    top = html.Tr([html.Th(t("priority.sensitivity_col.rank", lang), scope="col", rowSpan=2),
                   html.Th(t("priority.sensitivity_col.region", lang), scope="col", rowSpan=2),
                   html.Th(t("priority.sensitivity_col.max", lang), scope="col", rowSpan=2),
                   *[html.Th(html.Abbr(t(f"priority.short.{c}", lang), title=t(f"priority.component.{c}", lang)),
                             scope="colgroup", colSpan=sum(1 for _, cc in result.variants if cc == c))
                     for c in components]])
    second = html.Tr([html.Th(t(f"priority.sensitivity_col.{kind}", lang), scope="col", className="num")
                      for kind, _ in result.variants])
    shifts = [_column(rows, f"shift_{kind}_{comp}") for kind, comp in result.variants]
    body = [element(html.Tr, [element(html.Td, rank, className="num"), element(html.Th, _breakable(name), scope="row"),
                              element(html.Td, "–" if largest is None else largest, className="num max-move"),
                              *[_move(column[i]) for column in shifts]])
            for i, (rank, name, largest) in enumerate(zip(_column(rows, "rank"), rows["region_name"].tolist(),
                                                           _column(rows, "max_shift"), strict=True))]
    caption = t("priority.sensitivity_caption", lang, level_plural=plural, period=query.period)
    parts.append(html.P(t("priority.sensitivity_legend", lang), className="help"))
    parts.append(html.Div(html.Table([html.Caption(caption, className="visually-hidden"), html.Thead([top, second]),
                                      html.Tbody(body)], className="data-table sensitivity-table"),
                          className="table-scroll", tabIndex="0", role="region", **{"aria-label": caption}))
    if len(rows) < result.n:
        parts.append(html.P(t("priority.sensitivity_shown", lang, shown=len(rows), n=result.n, level_plural=plural),
                            className="help"))
    return parts


def _breakable(name: str) -> Any:
    """A region's name that may wrap after a slash ("Haaglanden/<wbr>Westland"), so a narrow column is enough."""
    if "/" not in name:
        return name
    parts = name.split("/")
    out: list[Any] = []
    for i, part in enumerate(parts):
        out.append(part + ("/" if i < len(parts) - 1 else ""))
        if i < len(parts) - 1:
            out.append(html.Wbr())
    return converted(out)


def aftercare_part(view: StoreView, period: str, lang: str, level: str, sort: str, all_rows: bool = False) -> Any:
    """:func:`aftercare_section` as JSON data, built once per view, year, language, level, sort and length (it does
    not depend on the weights: a weight change sends it again without building it; shared, read-only)."""
    return view.cached("priority_aftercare", (period, lang, level, sort, all_rows),
                       lambda: converted(aftercare_section(view, period, lang, level, sort, all_rows)))


def aftercare_section(view: StoreView, period: str, lang: str, level: str = "arbeidsmarktregio",
                      sort: str = "neet_count", all_rows: bool = False) -> list:
    """Count and rate of both aftercare groups side by side, per region, sortable by any of the four columns.

    Each cell carries a bar (the value relative to the column's highest) beside its number, never under it, so the
    table is also the chart.  The whole table is on the page, no inner scroll box: of a long list (342
    gemeenten, but also 35 arbeidsmarktregio's) the first :data:`AFTERCARE_ROWS` rows (in the sort order), and a
    button that builds the rest.
    """
    frame = sort_aftercare(aftercare_table(view, level, period), sort)
    n = len(frame)
    school_year = school_year_ending(period)
    tops = {m: float(frame[m].max()) if frame[m].notna().any() else 0.0 for m in MEASURES}

    def header(measure: str) -> html.Th:
        label = t(f"priority.aftercare.{measure}", lang)
        is_sorted = measure == sort
        return html.Th([html.Button([label, html.Span(" ▼" if is_sorted else "", **{"aria-hidden": "true"})],
                                    id={"type": SORT_ID, "key": measure}, type="button", className="sort-button",
                                    title=t("priority.aftercare_sort", lang, column=label)),
                        " ", figure_mark(view.indicator(measure) or {"id": measure}, lang)],
                       scope="col", className="num", **{"aria-sort": "descending" if is_sorted else "none",
                                                         "data-measure": measure})

    def cell(value: Any, measure: str) -> Any:
        """The number, and beside it its bar: drawn by CSS from ``--bar`` (priority.css), no element of its own."""
        unit = MEASURE_UNITS[measure]
        width = 0.0 if pd.isna(value) or not tops[measure] else 100.0 * float(value) / tops[measure]
        return element(html.Td, element(html.Span, element(html.Span, fmt_value(value, unit, lang),
                                                           className="bar-value"),
                                        className="bar-line", style={"--bar": f"{width:.1f}%"}),
                       className="num bar-cell" + (" is-sorted" if measure == sort else ""))

    if is_long(n, AFTERCARE_ROWS) and not all_rows:
        frame = frame.head(AFTERCARE_ROWS)
    columns = {m: frame[m].tolist() for m in MEASURES}
    rows = [element(html.Tr, [element(html.Th, element(html.A, name, href=region_href(code, lang)), scope="row"),
                              *[cell(columns[m][i], m) for m in MEASURES]])
            for i, (code, name) in enumerate(zip(frame["region_code"].tolist(), frame["region_name"].tolist(),
                                                 strict=True))]
    caption = t("priority.aftercare_caption", lang, period=period, level=t(f"priority.level_one.{level}", lang))
    table = html.Table([
        html.Caption(caption, className="visually-hidden"),
        html.Thead(html.Tr([html.Th(t("priority.col.region", lang), scope="col"), *[header(m) for m in MEASURES]])),
        html.Tbody(rows)], className="data-table aftercare-table")
    return [html.P(t("priority.aftercare_help", lang, period=period, school_year=school_year), className="help"),
            html.P(t("priority.aftercare_sort_help", lang), className="help"),
            html.P(t("priority.aftercare_shown", lang, column=t(f"priority.aftercare.{sort}", lang)),
                   id="priority-aftercare-sorted", role="status"),
            html.Div(table, className="table-scroll aftercare-scroll", tabIndex="0", role="region",
                     **{"aria-label": caption}),
            *(more_rows("aftercare", len(frame), n, level, lang) if len(frame) < n else [])]
