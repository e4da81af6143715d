"""The plainest Dash app showing what the explorer shows for an indicator: a map and a bar chart.

The browser benchmark's peer: one ``dcc.Dropdown`` of indicators drives a ``plotly.express`` ``choropleth``
(the arbeidsmarktregio GeoJSON embedded, no base map, as the explorer draws it: SVG in Plotly's geo subplot)
and a horizontal ``px.bar``, full figures every time, Dash's own ``plotly.min.js``, no caching.  Plotly's geo
subplot fetches a base-map topology before it draws; a plain app online gets it from cdn.plot.ly once, this
one (offline) from its own route, empty, so both apps draw the same regions and nothing else.  Served by the
same gunicorn configuration as the app: ``gunicorn -c gunicorn.conf.py bench.peer_app:server`` (``STORE_DIR``
as for the app).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

LEVEL = "arbeidsmarktregio"
DROPDOWN, MAP, BAR = "peer-indicator", "peer-map", "peer-bar"
TOPOJSON = "/topojson/"
EMPTY_TOPOLOGY = {"type": "Topology", "objects": {}, "arcs": []}


def build() -> Any:
    import dash
    import plotly.express as px
    from dash import Input, Output, dcc, html

    from dashboard.data import queries as q
    from dashboard.data.store import get_view

    view = get_view()
    indicators = [i for i in q.map_indicators(view) if LEVEL in q.levels_for(view, i)]
    app = dash.Dash(__name__, serve_locally=True, title="peer")
    app.server.add_url_rule(f"{TOPOJSON}world_110m.json", "topojson", lambda: EMPTY_TOPOLOGY)
    app.layout = html.Div([
        dcc.Dropdown(id=DROPDOWN, options=indicators, value=indicators[0], clearable=False),
        dcc.Graph(id=MAP, config={"topojsonURL": TOPOJSON}), dcc.Graph(id=BAR),
    ])

    @app.callback(Output(MAP, "figure"), Output(BAR, "figure"), Input(DROPDOWN, "value"))
    def update(indicator: str):
        view = get_view()
        periods = q.valid_periods(view, indicator, LEVEL)
        frame = q.ranking(view, indicator, LEVEL, periods[-1]).dropna(subset=["value"])
        figure_map = px.choropleth(frame, geojson=view.geojson(LEVEL), locations="region_code",
                                   featureidkey="id", color="value", hover_name="region_name",
                                   color_continuous_scale="Cividis", height=560)
        figure_map.update_geos(fitbounds="locations", visible=False)
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
