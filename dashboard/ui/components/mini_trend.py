"""A small trend with axes and years, as an SVG image: for the printable brief.

Drawn in Python into a ``data:`` URI (the CSP allows ``img-src data:``), so it needs no JavaScript, prints
as vector graphics at any size, renders inside hidden print-only sections, and is the same on screen and
paper.  The y axis starts at zero (a board member reads the height of a line as its size) and is labelled
at zero and at its top; the x axis names the first, middle and last period.  The region is a solid blue
line, Nederland a dotted black one; a gap in a series stays a gap.  ``alt`` carries the same in words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import pandas as pd
from dash import html

from dashboard.ui.i18n import fmt_number, period_tick, unit_decimals
from dashboard.ui.palette import GRID, MUTED, NATIONAL, REGION, TEXT

WIDTH, HEIGHT = 240, 92
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 8, 18
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k at or above ``value`` (1 for nothing to show)."""
    if not value > 0 or not math.isfinite(value):
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value * 0.999999:
            return step * power
    return 10 * power


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _segments(points: Sequence[tuple[float, float | None]]) -> list[list[tuple[float, float]]]:
    out: list[list[tuple[float, float]]] = [[]]
    for x, y in points:
        if y is None:
            if out[-1]:
                out.append([])
        else:
            out[-1].append((x, y))
    return [s for s in out if s]


def trend_svg(region: pd.DataFrame | None, national: pd.DataFrame | None, unit: str, lang: str) -> str:
    """The SVG text: ``region``/``national`` frames with ``period`` and ``value`` (NaN = gap), oldest first."""
    frames = [f for f in (region, national) if f is not None and len(f)]
    periods = sorted({p for f in frames for p in f["period"].astype(str)})     # one frequency: text order is time
    order = {p: i for i, p in enumerate(periods)}
    values = [float(v) for f in frames for v in f["value"] if pd.notna(v)]
    top = nice_ceiling(max(values) if values else 1.0)
    span_x = max(len(periods) - 1, 1)
    decimals = 0 if top >= 10 or unit == "persons" else min(1, unit_decimals(unit))
    suffix = "%" if unit == "percent" else ""
    top_label = fmt_number(top, lang, decimals) + suffix
    left = max(LEFT, 8 + 6 * len(top_label))             # room for the longest y label ("200.000")
    plot_w, plot_h = WIDTH - left - RIGHT, HEIGHT - TOP - BOTTOM

    def xy(period: str, value: float) -> tuple[float, float]:
        x = left + plot_w * (order[period] / span_x if len(periods) > 1 else 0.5)
        return round(x, 1), round(TOP + plot_h * (1 - value / top), 1)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
             f'height="{HEIGHT}" font-family="{FONT}" font-size="10">']
    for value, y in ((top, TOP), (0.0, TOP + plot_h)):
        parts.append(f'<line x1="{left}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="{GRID if value else MUTED}" '
                     'stroke-width="1"/>')
        label = _escape(fmt_number(value, lang, decimals) + suffix)
        parts.append(f'<text x="{left - 4}" y="{y + 3.5}" text-anchor="end" fill="{TEXT}">{label}</text>')
    if periods:
        shown = sorted({0, len(periods) - 1, (len(periods) - 1) // 2}) if len(periods) > 2 else range(len(periods))
        for i in shown:
            x, _ = xy(periods[i], 0.0)
            anchor = "start" if i == 0 and len(periods) > 1 else ("end" if i == len(periods) - 1 and i else "middle")
            parts.append(f'<line x1="{x}" x2="{x}" y1="{TOP + plot_h}" y2="{TOP + plot_h + 3}" stroke="{MUTED}"/>')
            parts.append(f'<text x="{x}" y="{HEIGHT - 3}" text-anchor="{anchor}" fill="{TEXT}">'
                         f'{_escape(period_tick(periods[i], lang))}</text>')
    for frame, colour, width, dash in ((national, NATIONAL, 1.6, "2 2.5"), (region, REGION, 2.4, "")):
        if frame is None or not len(frame):
            continue
        points = [(p, float(v) if pd.notna(v) else None) for p, v in zip(frame["period"].astype(str), frame["value"],
                                                                           strict=True)]
        for segment in _segments([(order[p], v) for p, v in points]):
            coords = " ".join(f"{xy(periods[int(i)], v)[0]},{xy(periods[int(i)], v)[1]}" for i, v in segment)
            if len(segment) == 1:
                cx, cy = xy(periods[int(segment[0][0])], segment[0][1])
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{colour}"/>')
            else:
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="{width}" '
                             f'stroke-linejoin="round"{dash_attr}/>')
        last = [(i, v) for i, v in [(order[p], v) for p, v in points] if v is not None]
        if last:
            cx, cy = xy(periods[int(last[-1][0])], last[-1][1])
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{colour}"/>')
    parts.append("</svg>")
    return "".join(parts)


def mini_trend(region: pd.DataFrame | None, national: pd.DataFrame | None, *, unit: str, lang: str, alt: str,
               class_name: str = "mini-trend", **props: Any) -> html.Img:
    """The trend as an ``<img>`` with ``alt`` text (see :func:`trend_svg`)."""
    svg = trend_svg(region, national, unit, lang)
    return html.Img(src="data:image/svg+xml;charset=utf-8," + quote(svg, safe=" =:/,.'-"), alt=alt,
                    className=class_name, width=WIDTH, height=HEIGHT, **props)
