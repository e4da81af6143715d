"""The explorer's ranking and trend charts as SVG pictures drawn on the server.

/verkennen first shows these pictures and loads Plotly only when the reader reaches for a chart, so the page
paints fast and prints without JavaScript.  Each picture is drawn from the very figure dict that Plotly gets
(:func:`~dashboard.ui.figures.charts.make_bar_figure`, :func:`~dashboard.ui.figures.charts.make_timeseries_figure`),
so it shows the same bars, lines, labels and reference lines.  It fills the box Plotly's chart fills: the page's
width (drawn at about the widths the box takes on a phone, in one column and beside the map) and the figure's
``layout.height``.  The title and subtitle stand in HTML above
the chart and Plotly's own are hidden, so they are left out here too, leaving the same empty top margin.  The
house style is that of :mod:`dashboard.ui.figures.map_image`: escaped text, a ``data:`` URI, the palette's colours.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from html import escape
from typing import Any
from urllib.parse import quote

from dash import html

from dashboard.ui.figures.charts import FONT
from dashboard.ui.figures.plain import array_values
from dashboard.ui.i18n import fmt_number
from dashboard.ui.palette import GRID, MUTED, REGION, TEXT

NARROW, WIDE = 360, 640                     # a phone's drawing (up to 40rem), and the default otherwise
CHAR, BOLD = 7.5, 8.2                       # at most about the width of a 13 px character, regular and bold
LEGEND_ROW, LEGEND_SAMPLE = 20, 40
DASHES = {"dot": (1, 1), "dash": (3, 3), "longdash": (5, 5), "dashdot": (3, 1, 1, 1), "longdashdot": (5, 2, 1, 2)}
HATCH = ('<defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="8" height="8">'
         '<path d="M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6" stroke="#fff" stroke-width="2"/></pattern></defs>')
Figure = Mapping[str, Any]


def _text(text: object) -> str:
    """Plotly's text without its HTML tags."""
    return re.sub(r"<[^>]*>", "", str(text or ""))


def _rich(text: str) -> str:
    """Escaped SVG text, the parts in ``<b>`` bold."""
    return "".join(f'<tspan font-weight="700">{escape(_text(part))}</tspan>' if part.startswith("<b>")
                   else escape(_text(part)) for part in re.split(r"(<b>.*?</b>)", text) if part)


def _cut(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[:max(chars - 1, 1)] + "…"


def _dashes(dash: object, width: float) -> str:
    """Plotly's dash names as SVG dashes, as Plotly draws them: steps of the line's width (at least 3 px)."""
    steps = DASHES.get(str(dash or ""))
    return f' stroke-dasharray="{",".join(f"{s * max(width, 3):g}" for s in steps)}"' if steps else ""


def _line(x1: float, y1: float, x2: float, y2: float, colour: object, width: float = 1.0, dash: object = None,
          extra: str = "") -> str:
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
            f'stroke-width="{width:g}"{_dashes(dash, width)}{extra}/>')


def _label(x: float, y: float, text: str, anchor: str = "middle", fill: object = TEXT, extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}"{extra}>{escape(text)}</text>'


def _ticks(low: float, high: float, target: float) -> tuple[list[float], int]:
    """Round tick values (1, 2 or 5 × 10^k apart, about ``target`` of them) from ``low`` to ``high``; decimals."""
    rough = (high - low) / max(target, 1) or 1.0
    power = 10 ** math.floor(math.log10(rough))
    step = next(s * power for s in (1, 2, 5, 10) if s * power >= rough * 0.999999)
    ticks = [i * step for i in range(math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9) + 1)]
    return ticks, max(0, -math.floor(math.log10(step) + 1e-9))


def _floats(values: object) -> list[float | None]:
    return [float(v) if isinstance(v, (int, float)) and v == v else None for v in array_values(values or [])]


def _each(values: object, n: int, default: str) -> list[str]:
    """A per-bar property as one string per bar (Plotly allows one value for all)."""
    if isinstance(values, (list, tuple)):
        return [default if v is None else str(v) for v in values] + [default] * (n - len(values))
    return [str(default if values is None else values)] * n


def _annotation(note: Figure, x: float, y: float) -> str:
    """An annotation's box at (x, y) in pixels: a dash in the colour of a ``<span style='color:…'>`` in its text
    (the end labels' "━"), then its text; on a white ground if it has a ``bgcolor``."""
    size = float((note.get("font") or {}).get("size") or 13)
    colour = re.search(r"color:\s*(#[0-9A-Fa-f]{3,8})", str(note.get("text", "")))
    text = re.sub(r"<span[^>]*>.*?</span>", "", str(note.get("text", ""))).strip() if colour else str(note["text"])
    dash = 18.0 if colour else 0.0
    w, h = dash + len(_text(text)) * size * 0.56 + 6, size + 6
    x0 = {"right": x - w, "center": x - w / 2}.get(str(note.get("xanchor")), x)
    y -= float(note.get("yshift") or 0)
    y0 = {"bottom": y - h, "middle": y - h / 2}.get(str(note.get("yanchor")), y)
    out = [f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{w:.1f}" height="{h:.1f}" fill="#fff" fill-opacity="0.85"/>'
           if note.get("bgcolor") else ""]
    if colour:
        out.append(_line(x0 + 3, y0 + h / 2, x0 + 17, y0 + h / 2, colour[1], 3))
    out.append(f'<text x="{x0 + 3 + dash:.1f}" y="{y0 + 3 + size * 0.8:.1f}" font-size="{size:g}" '
               f'fill="{(note.get("font") or {}).get("color") or TEXT}">{_rich(text)}</text>')
    return "".join(out)


def _bar(data: Figure, layout: Figure, width: int, height: float, lang: str) -> list[str]:
    """Horizontal bars on a category axis, first row on top, with value labels and reference lines."""
    codes, values = [str(c) for c in array_values(data.get("y") or [])], _floats(data.get("x"))
    if not codes:
        return []
    n, yaxis, xaxis, margin = len(codes), layout.get("yaxis") or {}, layout.get("xaxis") or {}, layout.get("margin") or {}
    names = dict(zip((str(v) for v in yaxis.get("tickvals") or []), yaxis.get("ticktext") or [], strict=False))
    labels = [str(names.get(c, c)) for c in codes]
    longest = max(len(_text(label)) * (BOLD if "<b>" in label else CHAR) for label in labels)
    left = min(max(float(margin.get("l", 10)), longest + 12), 0.45 * width)         # the labels' room, as automargin
    top, right, bottom = float(margin.get("t", 50)), width - float(margin.get("r", 40)), height - margin.get("b", 50)
    known = [0.0, *(v for v in values if v is not None)]
    lo, hi = (xaxis.get("range") or [min(known), max(known)])[:2]
    if not xaxis.get("range"):
        pad = 0.05 * ((hi - lo) or 1.0)
        lo, hi = (lo - pad if lo < 0 else 0.0), hi + pad

    def px(v: float) -> float:
        return left + (v - lo) / ((hi - lo) or 1.0) * (right - left)

    ticks, decimals = _ticks(lo, hi, min(max((right - left) / 80, 4), 9))       # as many as Plotly draws
    room = max(len(fmt_number(t, lang, decimals)) for t in ticks) * CHAR + 12
    if len(ticks) > 1 and px(ticks[1]) - px(ticks[0]) < room:                      # fewer, where they would touch
        ticks, decimals = _ticks(lo, hi, (right - left) / room)
    out = [HATCH]
    for tick in ticks:
        out += [_line(px(tick), top, px(tick), bottom, xaxis.get("gridcolor", GRID)),
                _label(px(tick), bottom + 17, fmt_number(tick, lang, decimals))]
    if xaxis.get("zeroline", True) and lo <= 0 <= hi:
        out.append(_line(px(0), top, px(0), bottom, xaxis.get("zerolinecolor", MUTED)))
    out.append(_label((left + right) / 2, min(bottom + 40, height - 4), _text((xaxis.get("title") or {}).get("text"))))
    shapes = [(s, _reference(s, px(float(s.get("x0") or 0)), top, bottom)) for s in layout.get("shapes") or []]
    out += [line for s, line in shapes if s.get("layer") == "below"]
    band = (bottom - top) / n
    thick = band * (1 - float(layout.get("bargap", 0.2)))
    marker = data.get("marker") or {}
    colours, hatched = _each(marker.get("color"), n, REGION), _each((marker.get("pattern") or {}).get("shape"), n, "")
    texts, places = _each(data.get("text"), n, ""), _each(data.get("textposition"), n, "outside")
    inside = _each((data.get("insidetextfont") or {}).get("color"), n, "#fff")
    outside = _each((data.get("outsidetextfont") or {}).get("color"), n, TEXT)
    words = []                                          # drawn after the bars and the lines above them
    for i, (code, label, value) in enumerate(zip(codes, labels, values, strict=True)):
        middle, bold = top + (i + 0.5) * band, "<b>" in label
        words.append(_label(left - 6, middle + 4.5, _cut(_text(label), int((left - 12) / (BOLD if bold else CHAR))),
                            "end", extra=' font-weight="700"' if bold else ""))
        if value is None:
            continue
        x0, x1 = sorted((px(max(lo, 0.0)), px(value)))
        rect = f'x="{x0:.2f}" y="{middle - thick / 2:.2f}" width="{x1 - x0:.2f}" height="{thick:.2f}"'
        out.append(f'<rect {rect} fill="{colours[i]}" data-code="{escape(code)}"/>')
        if hatched[i]:
            out.append(f'<rect {rect} fill="url(#hatch)" data-hatch="{escape(code)}"/>')
        end, sign = px(value), (1 if value >= 0 else -1)
        at, anchor, fill = ((end - 4 * sign, "end" if sign > 0 else "start", inside[i]) if places[i] == "inside"
                            else (end + 4 * sign, "start" if sign > 0 else "end", outside[i]))
        words.append(_label(at, middle + 4.5, _text(texts[i]), anchor, fill))
    out += [line for s, line in shapes if s.get("layer") != "below"] + words
    for note in layout.get("annotations") or []:
        x = px(float(note["x"])) if note.get("xref") == "x" else left + float(note.get("x", 0)) * (right - left)
        out.append(_annotation(note, x, bottom - float(note.get("y", 1)) * (bottom - top)))
    return out


def _reference(shape: Figure, x: float, top: float, bottom: float) -> str:
    """A vertical reference line (Nederland's, the selection's) from the plot's top to its bottom."""
    line = shape.get("line") or {}
    return _line(x, top, x, bottom, line.get("color", TEXT), float(line.get("width") or 2), line.get("dash"))


def _days(iso: object) -> float:
    when = datetime.fromisoformat(str(iso))
    return when.toordinal() + (when.hour * 60 + when.minute) / 1440


def _style(trace: Figure) -> tuple[str, float, object]:
    line = trace.get("line") or {}
    return str(line.get("color") or TEXT), float(line.get("width") or 2), line.get("dash")


def _marker(trace: Figure, x: float, y: float) -> str:
    """A trace's marker at (x, y): circle, square, diamond or triangle ("-open": white inside); any other a circle."""
    marker = trace.get("marker") or {}
    symbol, r, colour = str(marker.get("symbol") or "circle"), float(marker.get("size") or 6) / 2, marker.get("color")
    colour = colour or _style(trace)[0]
    paint = f'fill="{"#fff" if symbol.endswith("-open") else colour}" stroke="{colour}" stroke-width="1.5"'
    corners = {"square": ((-1, -1), (1, -1), (1, 1), (-1, 1)), "diamond": ((0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)),
               "triangle-up": ((0, -1.2), (1.1, 0.9), (-1.1, 0.9)),
               "triangle-down": ((0, 1.2), (1.1, -0.9), (-1.1, -0.9))}.get(symbol.removesuffix("-open"))
    if corners:
        return f'<polygon points="{" ".join(f"{x + a * r:.1f},{y + b * r:.1f}" for a, b in corners)}" {paint}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}" {paint}/>'


def _legend(traces: Sequence[Figure], left: float, width: int) -> list[tuple[float, int, str]]:
    """Where each trace's legend entry goes: (x, row, name), wrapping onto a new row at the picture's edge."""
    out: list[tuple[float, int, str]] = []
    x, row = left, 0
    for trace in traces:
        name = _text(trace.get("name"))
        item = LEGEND_SAMPLE + len(name) * CHAR + 16
        if out and x + item > width - 4:
            x, row = left, row + 1
        out.append((x, row, name))
        x += item
    return out


def _trend(data: Sequence[Figure], layout: Figure, width: int, height: float, lang: str) -> list[str]:
    """Lines over time on an axis from zero, with gaps, markers, end labels and a legend below."""
    try:
        lines = [([_days(x) for x in array_values(tr.get("x") or [])], _floats(tr.get("y"))) for tr in data]
    except ValueError:                                  # not ISO dates: no time axis to draw
        return []
    days, known = [d for xs, _ in lines for d in xs], [v for _, ys in lines for v in ys if v is not None]
    if not days:
        return []
    margin, xaxis, yaxis = layout.get("margin") or {}, layout.get("xaxis") or {}, layout.get("yaxis") or {}
    # from zero to the first round tick above the highest value (as Plotly's autorange, within a step)
    peak, floor = max([0.0, *known]) * 1.05, min([0.0, *known]) * 1.05
    step = _ticks(floor, peak or 1.0, 5)[0]
    step = step[1] - step[0] if len(step) > 1 else 1.0
    high = math.ceil(peak / step - 1e-9) * step or step
    low = math.floor(floor / step + 1e-9) * step
    ticks, decimals = _ticks(low, high, 5)
    numbers = [fmt_number(tick, lang, decimals) for tick in ticks]
    left = max(float(margin.get("l", 60)), max(len(n) for n in numbers) * CHAR + 28)   # room for "50.000" and the title
    top, right = float(margin.get("t", 50)), width - float(margin.get("r", 20))
    legend = _legend(data, left, width) if layout.get("showlegend", True) else []
    rows = max((row for _, row, _ in legend), default=-1) + 1
    bottom = min(height - float(margin.get("b", 90)), height - 46 - LEGEND_ROW * rows)    # a long legend pushes up
    pad = 6 if any("markers" in str(tr.get("mode", "")) for tr in data) else 0
    first, last = min(days), max(days)

    def px(day: float) -> float:
        return (left + right) / 2 if last == first else left + pad + (day - first) / (last - first) * (right - left - 2 * pad)

    def py(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    out = [_line(left, py(tick), right, py(tick), yaxis.get("gridcolor", GRID)) for tick in ticks]
    out += [_label(left - 6, py(tick) + 4.5, number, "end", extra=f' data-tick="{tick:g}"')
            for tick, number in zip(ticks, numbers, strict=True)]
    middle = (top + bottom) / 2
    out.append(_label(14, middle, _text((yaxis.get("title") or {}).get("text")),
                      extra=f' transform="rotate(-90 14 {middle:.1f})"'))
    out.append(_line(left, bottom, right, bottom, xaxis.get("linecolor", MUTED)))
    at = [(px(_days(v)), _text(s)) for v, s in zip(xaxis.get("tickvals") or [], xaxis.get("ticktext") or [], strict=False)]
    gaps = [b[0] - a[0] for a, b in zip(at, at[1:], strict=False)]
    room = max((len(s) for _, s in at), default=0) * CHAR + 12
    every = max(1, math.ceil(room / min(gaps))) if gaps and min(gaps) > 0 else 1            # labels never touch
    for i, (x, label) in enumerate(at):
        out += [_line(x, bottom, x, bottom + 5, MUTED), _label(x, bottom + 19, label) if i % every == 0 else ""]
    for trace, (xs, ys) in zip(data, lines, strict=True):
        colour, lw, dash = _style(trace)
        runs: list[list[str]] = [[]]                    # a None ends a run: the line has a gap there
        for x, y in zip(xs, ys, strict=False):
            if y is None and runs[-1]:
                runs.append([])
            elif y is not None:
                runs[-1].append(f"{px(x):.1f},{py(y):.1f}")
        path = " ".join("M" + " L".join(run) for run in runs if run)
        if path:
            out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{lw:g}" stroke-linejoin="round"'
                       f'{_dashes(dash, lw)} data-name="{escape(_text(trace.get("name")))}"/>')
        if "markers" in str(trace.get("mode", "")):
            out += [_marker(trace, px(x), py(y)) for x, y in zip(xs, ys, strict=False) if y is not None]
    for note in layout.get("annotations") or []:
        if note.get("xref") == "x" and note.get("yref") == "y":
            x, y = px(_days(note["x"])), py(float(note["y"]))
            if note.get("showarrow") and note.get("ayref") == "y":      # a name moved off its value: a line to it
                tail_x, tail_y = x + float(note.get("ax") or 0), py(float(note["ay"]))
                out.append(_line(tail_x, tail_y, x, y, note.get("arrowcolor") or MUTED, float(note.get("arrowwidth") or 1)))
                x, y = tail_x, tail_y
            out.append(_annotation(note, x, y))
    for trace, (x, row, name) in zip(data, legend, strict=True):
        y = bottom + 50 + LEGEND_ROW * row
        out.append(_line(x + 5, y, x + 35, y, *_style(trace)))
        out.append(_marker(trace, x + 20, y) if "markers" in str(trace.get("mode", "")) else "")
        out.append(_label(x + LEGEND_SAMPLE, y + 4.5, name, "start", extra=' data-legend="1"'))
    return out


def chart_svg(figure: Figure, width: int, lang: str) -> str:
    """The SVG text of a bar figure (its first trace of type "bar") or a trend (scatter traces), ``width`` px wide
    and as tall as ``layout.height``; "" for a figure it cannot draw."""
    data, layout = list(figure.get("data") or []), figure.get("layout") or {}
    height = float(layout.get("height") or 450)
    if data and data[0].get("type") == "bar":
        body = _bar(data[0], layout, width, height, lang)
    elif data and all(tr.get("type") == "scatter" for tr in data):
        body = _trend(data, layout, width, height, lang)
    else:
        body = []
    if not body:
        return ""
    return "".join([f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:g}" width="{width}" '
                    f'height="{height:g}" font-family="{FONT}" font-size="13">',
                    *body, "</svg>"])


def _uri(svg: str, safe: str = " =:/,.'-") -> str:
    return "data:image/svg+xml;charset=utf-8," + quote(svg, safe=safe)


# The drawing for a screen of at most that width: a phone's, and one column up to 62rem (720 px: about an A4 page's
# width, so a printed picture keeps its size, and the heading above it its place in the picture's top band); wider,
# the width the page gives.  A srcset splits its candidates at commas and spaces, so its URIs quote those too.
PHONE, ONE_COLUMN = ("(max-width: 40rem)", NARROW), ("(max-width: 62rem)", 720)


def chart_picture(figure: Figure, lang: str, *, alt: str, id: str,
                  widths: Sequence[tuple[str, int]] = (PHONE,), width: int = WIDE) -> html.Picture:
    """The chart as a ``<picture>``: a drawing per (media query, width) of ``widths``, the first that matches the
    screen, else the one ``width`` px wide; drawn at about the width it is shown at, so its text keeps its size."""
    sources = [html.Source(media=media, srcSet=_uri(chart_svg(figure, size, lang), safe="=:/.'-"))
               for media, size in widths]
    return html.Picture([*sources, html.Img(src=_uri(chart_svg(figure, width, lang)), alt=alt, id=id,
                                            className="chart-picture")])
