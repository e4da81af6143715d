"""Figures of the explorer and the region pages: pure ``(frame, selection, lang) -> figure dict``.

Plain data (:mod:`dashboard.ui.figures.plain`): no ``go.Figure``, no plotly.express, no IO. Numbers in hover
texts are formatted in Python (``fmt_value``) so Dutch and English read right; axis ticks follow
``layout.separators`` and are written out ("18.000", never "18k"). Every figure carries a title naming indicator
and period; its source line is the HTML note under the chart, and ``layout.meta.source`` holds the same words for
an image export (``assets/shell.js`` adds them under a downloaded PNG), so the page says it once.
Colours come from the colour-blind-safe palette and are never the only cue: lines also differ in dash
style and marker, selected bars carry a pattern, and every trace is named.  A selected region has one colour
everywhere: vermillion (``HIGHLIGHT``) in the map outline, its bar and its trend line.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.ui.figures.plain import Figure, figure, floats, number, trace
from dashboard.ui.i18n import fmt_value, period_label, plotly_separators, t
from dashboard.ui.palette import BACKGROUND, CATEGORICAL, CATEGORICAL_MORE, GRID, HIGHLIGHT, MUTED, NATIONAL, REGION, TEXT

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
DASHES = ("solid", "dash", "dashdot", "longdash", "longdashdot", "dot")
# One colour per selected region (at most 10): the map's and the bar's vermillion first, then the Okabe-Ito order
# without black (Nederland's) and yellow (too light for a line), then four of Tol's muted colours.
LINE_COLOURS = (HIGHLIGHT, *(c for c in CATEGORICAL if c not in (HIGHLIGHT, NATIONAL)), *CATEGORICAL_MORE)
END_LABEL_CHARS = 28
# Names at the lines' ends for up to 4 regions; with more, the legend names them: ten names stacked at the right
# would cover half the plot of a phone (checked at 390 px: they overlapped each other and the lines' last years).
END_LABELS_MAX = 4
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "x", "star", "hexagon", "cross", "pentagon")
BAR_EACH_END = 10          # gemeenten: the 10 highest and 10 lowest (plus the selected ones)


# --- shared ----------------------------------------------------------------------------------------------------------

def value_text(value: Any, unit: str, lang: str) -> str:
    """A value with its unit ("12,3%"); the need index (unit ``index``) with two decimals."""
    return fmt_value(value, unit, lang, 2 if unit == "index" else None)


def indicator_title(meta: Mapping[str, Any] | None, lang: str) -> str:
    if not meta:
        return ""
    return str(meta.get("title_en" if lang == "en" else "title_nl") or meta.get("title_nl") or meta.get("id", ""))


def source_line(meta: Mapping[str, Any] | None, lang: str, is_demo: bool | None = None) -> str:
    """"Bron: CBS, tabel 85984NED" for real figures; demo figures are never credited to CBS:
    "DEMO, in de vorm van CBS-tabel 86087NED; geen CBS-cijfers"."""
    tables = list((meta or {}).get("source_tables") or [])
    demo = bool((meta or {}).get("is_demo")) if is_demo is None else is_demo
    if not demo and (meta or {}).get("publisher") == "Eurostat":
        return t("figures.source_eurostat", lang, tables=", ".join(tables))
    key = "figures.source_many" if len(tables) > 1 else "figures.source"
    return t(key + ("_demo" if demo else ""), lang, tables=", ".join(tables) or "CBS")


def figure_title(meta: Mapping[str, Any] | None, period: str | None, frequency: str | None, lang: str) -> str:
    title = indicator_title(meta, lang)
    return f"{title}, {period_label(period, frequency, lang)}" if period else title


def unit_axis_title(meta: Mapping[str, Any] | None, lang: str) -> str:
    labels = (meta or {}).get("unit_label") or {}
    return str(labels.get(lang) or labels.get("nl") or "")


def build_figure(traces: Sequence[dict[str, Any]], layout: Mapping[str, Any], title: str, source: str, lang: str,
                 height: int, margin: Mapping[str, int] | None = None, subtitle: str | None = None) -> Figure:
    """One figure dict from trace dicts and a layout dict, with the title, separators, fonts and colours shared
    by every figure.  ``source`` is not drawn (the page shows it under the chart): it rides in ``layout.meta``
    for the image export."""
    margin = {"l": 10, "r": 10, "t": 70 if subtitle else 50, "b": 36, **(margin or {})}
    title_spec: dict[str, Any] = {"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}}
    if subtitle:
        title_spec["subtitle"] = {"text": subtitle, "font": {"size": 13, "color": MUTED}}
    full = {
        **layout, "title": title_spec, "height": height, "margin": margin, "separators": plotly_separators(lang),
        "font": {"family": FONT, "color": TEXT, "size": 13}, "paper_bgcolor": BACKGROUND, "plot_bgcolor": BACKGROUND,
        "hoverlabel": {"font": {"family": FONT, "size": 13}, "bgcolor": "white", "bordercolor": MUTED},
        "meta": {"source": source},
    }
    return figure(list(traces), full)


def tick_label(period: str, frequency: str | None, lang: str) -> str:
    """Short axis labels: 2023, 2022/23, K2 2023 / Q2 2023, 2023 (January of a monthly series)."""
    if frequency == "school_year" and "/" in period:
        start, end = period.split("/", 1)
        return f"{start}/{end[2:]}"
    if frequency == "quarter" and "KW" in period:
        year, num = period.split("KW")
        return f"{'Q' if lang == 'en' else 'K'}{int(num)} {year}"
    return period[:4]


def _ticks(periods: Sequence[tuple[str, str]], frequency: str | None, lang: str, max_ticks: int = 10) -> dict[str, Any]:
    """Explicit ticks (so month and period names follow the language, not Plotly's English dates) for
    ``periods``: (ISO date of the period's start, period) pairs, each period once."""
    shown = sorted(periods, key=lambda iso_period: iso_period[0])
    if frequency == "month":
        shown = [(iso, period) for iso, period in shown if period.endswith("MM01")]
    shown = shown[::max(1, -(-len(shown) // max_ticks))]
    return {"tickmode": "array", "tickvals": [iso for iso, _ in shown],
            "ticktext": [tick_label(period, frequency, lang) for _, period in shown]}


# --- time series -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Point:
    """One row of a series: when (ISO date of its start), its value and status, the region's name, and its hover text
    after the line's name ("oktober 2023: 12,3%")."""

    iso: str
    period: str
    value: Any
    status: Any
    name: str
    text: str


@dataclass(frozen=True)
class SeriesPoints:
    """The rows of a series frame (:func:`dashboard.data.queries.time_series`, or the whole table it is cut from) as
    columns of plain values, in the frame's order; repeated strings are one object (a layer's points are kept)."""

    codes: list[str]
    levels: list[str]
    isos: list[str]
    periods: list[str]
    values: list[Any]
    statuses: list[Any]
    names: list[str]
    texts: list[str]


def series_points(series: pd.DataFrame, unit: str, frequency: str | None, lang: str) -> SeriesPoints:
    columns = ("region_code", "region_level", "period_start", "period", "value", "status", "region_name")
    codes, levels, starts, periods, values, statuses, names = (series[c].tolist() for c in columns)
    shared: dict[Any, Any] = {}

    def one(items: list[Any]) -> list[Any]:
        return [shared.setdefault(item, item) for item in items]

    iso = {start: start.isoformat() for start in set(starts)}
    texts = [f"{period_label(period, frequency, lang)}: {value_text(value, unit, lang)}"
             + (f" ({t('common.status.' + status, lang)})" if status and status != "definitief" else "")
             for period, value, status in zip(periods, values, statuses, strict=True)]
    return SeriesPoints(one(codes), one(levels), one([iso[start] for start in starts]), one(periods), values,
                        one(statuses), one(names), texts)


@dataclass(frozen=True)
class Lines:
    """Series points as lines: per region code its points (oldest first) and its name on its first row, Nederland's
    points (the rows of level ``land``) and codes, and every period once with its start."""

    by_code: dict[str, list[Point]]
    names: dict[str, str]
    national: list[Point]
    national_codes: list[str]
    periods: list[tuple[str, str]]


def series_lines(points: SeriesPoints, rows: Iterable[int] | None = None) -> Lines:
    """The lines of ``points``: all of them, or those at the positions ``rows`` (in that order)."""
    by_code: dict[str, list[Point]] = {}
    national: list[Point] = []
    national_codes: dict[str, None] = {}
    periods: dict[str, str] = {}
    for i in range(len(points.codes)) if rows is None else rows:
        point = Point(points.isos[i], points.periods[i], points.values[i], points.statuses[i], points.names[i],
                      points.texts[i])
        code = points.codes[i]
        by_code.setdefault(code, []).append(point)
        if points.levels[i] == "land":
            national.append(point)
            national_codes.setdefault(code)
        periods.setdefault(point.period, point.iso)
    return Lines({code: sorted(found, key=_start) for code, found in by_code.items()},
                 {code: found[0].name for code, found in by_code.items()}, sorted(national, key=_start),
                 list(national_codes), [(iso, period) for period, iso in periods.items()])


def _as_lines(series: pd.DataFrame | Lines, unit: str, frequency: str | None, lang: str) -> Lines:
    return series if isinstance(series, Lines) else series_lines(series_points(series, unit, frequency, lang))


def _start(point: Point) -> str:
    return point.iso                    # ISO dates sort as the dates do


def _has_value(point: Point) -> bool:
    return point.value is not None and point.value == point.value


def make_timeseries_figure(series: pd.DataFrame | Lines, selection: Sequence[str], lang: str, *,
                           meta: Mapping[str, Any] | None, frequency: str | None, height: int = 420,
                           is_demo: bool | None = None) -> Figure:
    """Selected regions over time, each in its own colour (the first in the map's vermillion, then the Okabe-Ito
    order) with its own dash and marker and its name at the line's end, against Nederland (black, dotted), on an
    axis from zero so that a small change looks small.

    ``series``: the long frame of :func:`dashboard.data.queries.time_series` (or its :class:`Lines`, made in
    ``lang``). Missing values stay gaps.
    """
    unit = str((meta or {}).get("unit", ""))
    traces = []
    lines = _as_lines(series, unit, frequency, lang)
    order = [c for c in selection if c in lines.by_code]
    ends: list[tuple[str, str, float, str]] = []            # (x, label, y, colour) of each line's last value
    for i, code in enumerate(order):
        points = lines.by_code[code]
        name = str(lines.names[code])
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        last = next((p for p in reversed(points) if _has_value(p)), None)
        if last is None:
            name = t("figures.no_values", lang, name=name)
        else:
            ends.append((last.iso, name, float(last.value), colour))     # type: ignore[arg-type]
        dash = DASHES[(i + i // len(LINE_COLOURS)) % len(DASHES)]     # a repeated colour comes with another dash
        traces.append(_line(points, name, colour, dash, SYMBOLS[i % len(SYMBOLS)], 2.5))
    if any(_has_value(p) for p in lines.national):
        traces.append(_line(lines.national, t("common.netherlands", lang), NATIONAL, "dot", "circle-open", 3))
    labels = _end_labels(ends, [p.value for ps in [*lines.by_code.values(), lines.national] for p in ps
                                if _has_value(p)])
    title = t("figures.timeseries_title", lang, indicator=indicator_title(meta, lang))
    subtitle = None if order else t("figures.timeseries_hint", lang)
    layout = {
        "showlegend": True, "legend": {"orientation": "h", "x": 0, "y": -0.14, "xanchor": "left", "yanchor": "top"},
        "xaxis": {**_ticks(lines.periods, frequency, lang),
                  "showgrid": False, "linecolor": MUTED, "ticks": "outside", "automargin": True},
        "yaxis": {"title": {"text": unit_axis_title(meta, lang)}, "gridcolor": GRID, "zeroline": False,
                  "rangemode": "tozero", "separatethousands": True, "exponentformat": "none"},
        "hovermode": "closest",
        "annotations": labels,
    }
    return build_figure(traces, layout, title, source_line(meta, lang, is_demo), lang, height,
                        margin={"l": 60, "r": 20, "b": 90}, subtitle=subtitle)


def _end_labels(ends: Sequence[tuple[str, str, float, str]], values: Sequence[float]) -> list[dict[str, Any]]:
    """A region's name at its line's last value, ending there (inside the plot, so a phone loses no width to a
    margin), in text colour after a dash of the line's colour (light colours are too faint for text).  Names whose
    values lie close are moved apart (bottom up, at least 7 % of the axis between two) and kept below the axis' top
    (moved down together when the highest would pass it); a name moved off its value points to its line's end with
    a thin grey line."""
    if not ends or len(ends) > END_LABELS_MAX:
        return []
    top = max([0.0, *values]) or 1.0
    gap = 0.07 * top
    order = sorted(ends, key=lambda e: e[2])
    placed: list[float] = []
    for _, _, y, _ in order:
        placed.append(max(y, placed[-1] + gap) if placed else y)
    over = placed[-1] - top
    if over > 0:
        placed = [at - max(0.0, min(over, placed[0])) for at in placed]   # down together, not below zero
    out = []
    for (x, name, y, colour), at in zip(order, placed, strict=True):
        text = name if len(name) <= END_LABEL_CHARS else name[:END_LABEL_CHARS - 1] + "…"
        note: dict[str, Any] = {
            "x": x, "y": at, "xref": "x", "yref": "y", "text": f"<span style='color:{colour}'>━</span> {text}",
            "showarrow": False, "xanchor": "right", "yanchor": "bottom", "yshift": 4,
            "bgcolor": "rgba(255,255,255,0.85)", "font": {"color": TEXT, "size": 12}, "hovertext": name, "name": name}
        if abs(at - y) > gap / 2:                 # moved: the name stands at ``ay``, its line points to the value
            note.update(y=y, showarrow=True, arrowhead=0, arrowwidth=1, arrowcolor=MUTED, axref="pixel", ax=-8,
                        ayref="y", ay=at, yanchor="middle", yshift=0)
        out.append(note)
    return out


def _line(points: Sequence[Point], name: str, color: str, dash: str, symbol: str, width: float) -> dict[str, Any]:
    many = len(points) > 40
    return trace(
        "scatter", x=[p.iso for p in points], y=floats([p.value for p in points]), name=name,
        mode="lines" if many else "lines+markers", line={"color": color, "dash": dash, "width": width},
        marker={"symbol": symbol, "size": 7, "color": color}, text=[f"<b>{name}</b><br>{p.text}" for p in points],
        hovertemplate="%{text}<extra></extra>", connectgaps=False,
    )


# --- ranking bar chart -----------------------------------------------------------------------------------------------

def bar_rows(ranking: pd.DataFrame, selection: Sequence[str], level: str, each_end: int = BAR_EACH_END) -> pd.DataFrame:
    """The rows a bar chart shows: every arbeidsmarktregio; for gemeenten the top and bottom ``each_end`` and
    the selected ones. Highest first; regions without a value are left out."""
    return ranking.iloc[_bar_positions(ranking, selection, level, each_end)]


def _bar_positions(ranking: pd.DataFrame, selection: Sequence[str], level: str,
                   each_end: int = BAR_EACH_END) -> list[int]:
    """The positions in ``ranking`` of :func:`bar_rows`, in the order shown."""
    ranks = ranking["rank"].tolist()
    ranked = sorted((i for i, r in enumerate(ranks) if r is not None and r is not pd.NA and r == r),
                    key=lambda i: ranks[i])
    if level != "gemeente" or len(ranked) <= 2 * each_end:
        return ranked
    chosen, codes, n = set(selection), ranking["region_code"].tolist(), len(ranked)
    return [i for i in ranked if ranks[i] <= each_end or ranks[i] > n - each_end or codes[i] in chosen]


def make_bar_figure(ranking: pd.DataFrame, selection: Sequence[str], lang: str, *, meta: Mapping[str, Any] | None,
                    level: str, period: str | None, frequency: str | None, national: float | None = None,
                    is_demo: bool | None = None, group: tuple[int, float] | None = None) -> Figure:
    """Horizontal bars, highest at the top; selected regions in vermillion with a hatch pattern and bold label.

    Value labels sit inside the bars' ends (white on blue, black on vermillion: both ≥ 4.5:1), so the dotted
    Nederland line, drawn below the bars, never runs through a label and no label can be cut at the chart's edge;
    a bar too short to hold its label gets it just outside its end."""
    unit = str((meta or {}).get("unit", ""))
    shown = _bar_positions(ranking, selection, level)
    codes, names, values, ranks = ([column[i] for i in shown] for column in (
        ranking[c].tolist() for c in ("region_code", "region_name", "value", "rank")))
    chosen = set(selection)
    selected = [c in chosen for c in codes]
    of = int(ranking["ranked"].iloc[0]) if len(ranking) else 0
    texts = [value_text(v, unit, lang) for v in values]
    rank_of = t("figures.rank_of", lang)                  # a template without a count
    hover = [f"<b>{n}</b> ({c})<br>{text}<br>{rank_of.format(rank=int(r), of=of)}"
             for c, n, text, r in zip(codes, names, texts, ranks, strict=True)]
    labels = [f"<b>{n}</b>" if s else n for n, s in zip(names, selected, strict=True)]
    positions = label_positions(values)
    bar = trace(
        "bar", x=floats(values), y=codes, orientation="h", name=indicator_title(meta, lang),
        marker={"color": [HIGHLIGHT if s else REGION for s in selected],
                "pattern": {"shape": ["/" if s else "" for s in selected], "fgcolor": "white", "solidity": 0.3}},
        text=texts, textposition=positions,
        insidetextanchor="end", constraintext="none", cliponaxis=False,
        insidetextfont={"color": [SELECTED_LABEL if s else "white" for s in selected]},
        outsidetextfont={"color": TEXT},
        customdata=list(codes), hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
    )
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    x_range = _bar_range(values, national if unit != "persons" else None)
    group = group if unit != "persons" else None          # counts get no reference line, as Nederland gets none
    if national is not None and unit != "persons":
        x = number(national)
        shapes.append({"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "paper",
                       "layer": "below", "line": {"color": NATIONAL, "dash": "dot", "width": 2}})
        notes.append({"x": x, "y": 1, "xref": "x", "yref": "paper", "yanchor": "bottom",
                      "xanchor": national_label_anchor(float(national), x_range.get("range")),
                      "showarrow": False, "font": {"size": 12},
                      "text": t("figures.national_ref", lang, value=value_text(national, unit, lang))})
    if group is not None:                                 # (regions, mean): the selection's own reference line
        n, mean = group
        x = number(mean)
        shapes.append({"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "paper",
                       "layer": "below", "line": {"color": HIGHLIGHT, "dash": "dash", "width": 2}})
        notes.append({"x": x, "y": 1, "xref": "x", "yref": "paper", "yanchor": "bottom", "yshift": 18,
                      "xanchor": national_label_anchor(float(mean), x_range.get("range")), "showarrow": False,
                      "font": {"size": 12, "color": TEXT},
                      "text": t("figures.group_ref", lang, n=n, value=value_text(mean, unit, lang))})
    height = max(320, 22 * len(shown) + 110)
    subtitle = t("figures.bar_subtitle_gm", lang, n=BAR_EACH_END) if level == "gemeente" and len(shown) < of else None
    layout = {
        "showlegend": False, "bargap": 0.25, "shapes": shapes, "annotations": notes,
        "yaxis": {"tickmode": "array", "tickvals": list(codes), "ticktext": labels,
                  "autorange": "reversed", "type": "category", "automargin": True},
        "xaxis": {"title": {"text": unit_axis_title(meta, lang)}, "gridcolor": GRID, "zeroline": True,
                  "zerolinecolor": MUTED, "automargin": True, "separatethousands": True, "exponentformat": "none",
                  **x_range},
    }
    title = t("figures.bar_title", lang, indicator=indicator_title(meta, lang),
              period=period_label(period, frequency, lang))
    top = (90 if subtitle else 70) + (18 if group is not None else 0)
    return build_figure([bar], layout, title, source_line(meta, lang, is_demo), lang, height,
                        margin={"l": 10, "r": 40, "t": top, "b": 50}, subtitle=subtitle)


SELECTED_LABEL = "#000000"     # on vermillion 5.4:1 (white would be 3.9:1)
INSIDE_SHARE = 0.3             # a bar at least this share of the longest one holds its label inside


def label_positions(values: Sequence[Any]) -> list[str]:
    """"inside" for bars long enough to hold their value label, "outside" for the short ones."""
    lengths = [abs(float(v)) if v is not None else math.nan for v in values]
    longest = max((x for x in lengths if x == x), default=0.0)
    return ["inside" if longest and x >= INSIDE_SHARE * longest else "outside" for x in lengths]


def national_label_anchor(national: float, x_range: list[float] | None) -> str:
    """The Nederland label starts at its line, or ends there when the line is in the right half of the axis (a
    label starting there would run past the chart's edge: "Netherlands 34.6 per 1,000")."""
    if not x_range or x_range[1] <= x_range[0]:
        return "left"
    return "right" if (national - x_range[0]) / (x_range[1] - x_range[0]) > 0.5 else "left"


def _bar_range(values: Sequence[Any], national: float | None) -> dict[str, Any]:
    """The x range from zero (or below, for negative bars) with a little room beyond the longest bars; the
    labels outside the short bars fit inside it by construction."""
    known = [float(v) for v in values if v is not None and v == v] + ([national] if national is not None else [])
    if not known:
        return {}
    low, high = min(0.0, *known), max(0.0, *known)
    pad = 0.05 * ((high - low) or 1.0)
    return {"range": [low - pad if low < 0 else 0, high + pad]}


# --- text alternatives -----------------------------------------------------------------------------------------------

def ranking_summary(ranking: pd.DataFrame, meta: Mapping[str, Any] | None, lang: str,
                    national: float | None = None) -> str:
    """One or two sentences for screen readers: highest and lowest region, national value, how many missing."""
    unit = str((meta or {}).get("unit", ""))
    ranked = _bar_positions(ranking, (), "")
    if not ranked:
        return t("figures.summary_empty", lang)
    names, values = ranking["region_name"].tolist(), ranking["value"].tolist()
    top, bottom = ranked[0], ranked[-1]
    text = t("figures.summary_range", lang, top=names[top], top_value=value_text(values[top], unit, lang),
             bottom=names[bottom], bottom_value=value_text(values[bottom], unit, lang))
    if national is not None:
        text += " " + t("figures.summary_national", lang, value=value_text(national, unit, lang))
    missing = len(ranking) - len(ranked)
    if missing:
        text += " " + t("figures.summary_missing", lang, n=missing)
    return text


def timeseries_summary(series: pd.DataFrame | Lines, selection: Sequence[str], meta: Mapping[str, Any] | None,
                       frequency: str | None, lang: str) -> str:
    """For each line: its first and last value ("Amsterdam: van 8,1% (2017) naar 10,6% (2024).")."""
    unit = str((meta or {}).get("unit", ""))
    lines = _as_lines(series, unit, frequency, lang)
    codes = [c for c in selection if c in lines.by_code] + lines.national_codes
    parts = []
    for code in codes:
        points = [p for p in lines.by_code[code] if _has_value(p)]
        if not points:
            continue
        first, last = points[0], points[-1]
        name = t("common.netherlands", lang) if code == "NL01" else first.name
        parts.append(t("figures.summary_line", lang, name=name,
                       first=value_text(first.value, unit, lang), first_period=period_label(first.period,
                                                                                            frequency, lang),
                       last=value_text(last.value, unit, lang), last_period=period_label(last.period,
                                                                                         frequency, lang)))
    return " ".join(parts) if parts else t("figures.summary_empty", lang)
