"""The plainest Dash app showing what the explorer shows for an indicator: a map and a bar chart.

The browser benchmark's peer: one ``dcc.Dropdown`` of indicators drives a ``plotly.express`` ``choropleth_map``
(the arbeidsmarktregio GeoJSON embedded, white background, as the explorer draws it) and a horizontal
``px.bar``, full figures every time, Dash's own ``plotly.min.js``, no caching.  Served by the same gunicorn
configuration as the app: ``gunicorn -c gunicorn.conf.py bench.peer_app:server`` (``STORE_DIR`` as for the app).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

LEVEL = "arbeidsmarktregio"
DROPDOWN, MAP, BAR = "peer-indicator", "peer-map", "peer-bar"


def build() -> Any:
    import dash
    import plotly.express as px
    from dash import Input, Output, dcc, html

    from dashboard.data import queries as q
    from dashboard.data.store import get_view

    view = get_view()
    indicators = [i for i in q.map_indicators(view) if LEVEL in q.levels_for(view, i)]
    app = dash.Dash(__name__, serve_locally=True, title="peer")
    app.layout = html.Div([
        dcc.Dropdown(id=DROPDOWN, options=indicators, value=indicators[0], clearable=False),
        dcc.Graph(id=MAP), dcc.Graph(id=BAR),
    ])

    @app.callback(Output(MAP, "figure"), Output(BAR, "figure"), Input(DROPDOWN, "value"))
    def update(indicator: str):
        view = get_view()
        periods = q.valid_periods(view, indicator, LEVEL)
        frame = q.ranking(view, indicator, LEVEL, periods[-1]).dropna(subset=["value"])
        figure_map = px.choropleth_map(frame, geojson=view.geojson(LEVEL), locations="region_code",
                                       featureidkey="id", color="value", hover_name="region_name",
                                       map_style="white-bg", center={"lat": 52.15, "lon": 5.3}, zoom=6,
                                       color_continuous_scale="Cividis", height=560)
        figure_bar = px.bar(frame.sort_values("value"), x="value", y="region_name", orientation="h", height=900)
        return figure_map, figure_bar

    return app


@lru_cache(maxsize=1)
def _app() -> Any:
    return build()


def __getattr__(name: str) -> Any:
    if name == "server":
        return _app().server
    if name == "app":
        return _app()
    raise AttributeError(name)
