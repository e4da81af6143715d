"""A small trend line (a scatter figure dict, no plotly.express): Nederland dashed black, the region solid blue."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.ui.figures.plain import Figure, datetime_array, figure, trace, typed_array
from dashboard.ui.i18n import plotly_separators
from dashboard.ui.palette import BACKGROUND, NATIONAL, REGION

SPARKLINE_HEIGHT = 72


def _trace(frame: pd.DataFrame, name: str, color: str, dash: str, width: float) -> dict[str, Any]:
    return trace(
        "scatter", x=datetime_array(frame["period_start"]), y=typed_array(frame["value"]), name=name,
        mode="lines+markers", line={"color": color, "dash": dash, "width": width},
        marker={"size": [0] * (len(frame) - 1) + [6] if len(frame) else [], "color": color},
        connectgaps=False, hoverinfo="skip",
    )


def make_sparkline_figure(national: pd.DataFrame, region: pd.DataFrame | None, lang: str,
                          national_name: str, region_name: str = "") -> Figure:
    """Trend of one indicator: columns ``period_start`` and ``value`` (NaN stays a gap, never 0)."""
    traces = [_trace(national, national_name, NATIONAL, "dot", 1.5)]
    if region is not None and not region.empty and region["value"].notna().any():
        traces.append(_trace(region, region_name, REGION, "solid", 2.5))
    layout = {
        "height": SPARKLINE_HEIGHT, "margin": {"l": 4, "r": 8, "t": 6, "b": 4}, "showlegend": False,
        "paper_bgcolor": BACKGROUND, "plot_bgcolor": BACKGROUND, "separators": plotly_separators(lang),
        "xaxis": {"visible": False, "fixedrange": True},
        "yaxis": {"visible": False, "fixedrange": True, "rangemode": "normal"},
    }
    return figure(traces, layout)
