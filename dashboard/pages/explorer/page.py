"""Explorer ("/verkennen"): a choropleth map, a ranking, the trend of selected regions and a sortable table.

State lives in the URL: ``/verkennen?indicator=neet_share&niveau=gemeente&periode=2023&regio=GM0363,GM0599&lang=en``.
Loading that URL renders exactly that view (the layout builds every figure from the query). One callback
turns any change (a control, a click on the map, back/forward in the browser) into a new state and writes
it back to the address bar through ``dcc.Location(id="explorer-url", refresh=False)`` (history entries,
no reload). When only the selection changes, the map is updated with a ``dash.Patch`` of its outline
trace, so the GeoJSON is not sent again; when indicator or period change at the same level, every trace
but the geometry is replaced.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode

import dash
from dash import Input, Output, Patch, State, ctx, dash_table, dcc, html, no_update
from dash.exceptions import PreventUpdate

from dashboard.data.queries import region_options
from dashboard.data.store import get_view
from dashboard.data.view import StoreView
from dashboard.pages.explorer import view as v
from dashboard.pages.explorer.state import MAX_SELECTED, ExplorerState, parse_explorer_query, toggle_region
from dashboard.ui.components.chart import GRAPH_CONFIG
from dashboard.ui.components.source_note import source_note
from dashboard.ui.figures.charts import FONT
from dashboard.ui.figures.map import SELECTION, selection_patch_values
from dashboard.ui.i18n import normalise_lang, t

PATH = "/verkennen"
URL, LANG, STATUS = "explorer-url", "explorer-lang", "explorer-status"
INDICATOR, LEVEL, PERIOD, REGIONS = "explorer-indicator", "explorer-level", "explorer-period", "explorer-regions"
MAP, BAR, TS, TABLE = "explorer-map", "explorer-bar", "explorer-timeseries", "explorer-table"
DEFINITION, DOWNLOADS = "explorer-definition", "explorer-downloads"
CHARTS = (MAP, BAR, TS)


def search_for(state: ExplorerState) -> str:
    return "?" + urlencode(state.query(), safe=",/")


def layout(lang: str = "nl", **query: Any) -> html.Div:
    view = get_view()
    state = parse_explorer_query(view, {**query, "lang": normalise_lang(lang)}, v.extra_layers())
    lang = state.lang
    parts = _parts(view, state)
    meta = v.layer_meta(view, state.indicator)
    return html.Div([
        dcc.Location(id=URL, refresh=False, search=search_for(state)),
        dcc.Store(id=LANG, data=lang),
        html.H1(t("explorer.title", lang), className="page-title"),
        html.P(t("explorer.intro", lang), className="lead"),
        _controls(view, state),
        html.P(v.status_text(view, state, lang), id=STATUS, role="status", className="explorer-status"),
        html.P(v.definition_text(meta, lang), id=DEFINITION, className="explorer-definition"),
        html.Div([
            _chart(MAP, parts, t("explorer.map_heading", lang), lang, "explorer-map-block"),
            _chart(BAR, parts, t("explorer.bar_heading", lang), lang, "explorer-bar-block"),
        ], className="explorer-grid"),
        _chart(TS, parts, t("explorer.ts_heading", lang), lang, "explorer-ts-block"),
        html.Section([
            html.H2(t("explorer.table_heading", lang), id=f"{TABLE}-heading"),
            html.P(t("explorer.table_intro", lang), className="section-intro"),
            dash_table.DataTable(
                id=TABLE, data=parts["table_data"], columns=parts["table_columns"],
                style_data_conditional=parts["table_styles"], sort_action="native", page_action="native",
                page_size=50, markdown_options={"link_target": "_self"}, style_as_list_view=True,
                style_table={"overflowX": "auto"}, style_cell={"fontFamily": FONT, "padding": "6px 10px",
                                                               "textAlign": "left", "fontSize": "0.95rem"},
                style_header={"fontWeight": "bold", "whiteSpace": "normal", "height": "auto"},
            ),
            html.Div(parts["source"], id=f"{TABLE}-source"),
        ], className="explorer-table-block", **{"aria-labelledby": f"{TABLE}-heading"}),
        html.Section([html.H2(t("explorer.downloads", lang), id=f"{DOWNLOADS}-heading"),
                      html.Div(parts["downloads"], id=DOWNLOADS)],
                     className="explorer-downloads", **{"aria-labelledby": f"{DOWNLOADS}-heading"}),
    ], className="page page-explorer")


def _controls(view: StoreView, state: ExplorerState) -> html.Section:
    lang = state.lang

    def control(label: str, component: Any, cid: str, help_text: str | None = None) -> html.Div:
        children = [html.Label(label, htmlFor=cid, id=f"{cid}-label"), component]
        if help_text:
            children.append(html.P(help_text, className="help", id=f"{cid}-help"))
        return html.Div(children, className="control")

    dropdown_labels = {key: t(f"explorer.dropdown.{key}", lang) for key in (
        "select_all", "deselect_all", "selected_count", "search", "clear_search", "clear_selection",
        "no_options_found")}
    return html.Section([
        html.H2(t("explorer.controls", lang), className="visually-hidden", id="explorer-controls-heading"),
        control(t("explorer.indicator", lang), dcc.Dropdown(
            id=INDICATOR, options=v.indicator_options(view, lang), value=state.indicator, clearable=False,
            labels=dropdown_labels), INDICATOR),
        html.Fieldset([
            html.Legend(t("explorer.level", lang), id=f"{LEVEL}-label", className="control-label"),
            dcc.RadioItems(id=LEVEL, options=v.level_options(view, state.indicator, lang), value=state.level,
                           className="radio-group", labelClassName="radio-label"),
        ], className="control control-fieldset"),
        control(t("explorer.period", lang), dcc.Dropdown(
            id=PERIOD, options=v.period_options(view, state.indicator, state.level, lang), value=state.period,
            clearable=False, labels=dropdown_labels), PERIOD),
        control(t("explorer.regions", lang, n=MAX_SELECTED), dcc.Dropdown(
            id=REGIONS, options=region_options(view, state.level), value=list(state.regions), multi=True,
            placeholder=t("explorer.regions_placeholder", lang), labels=dropdown_labels),
            REGIONS, t("explorer.regions_help", lang)),
    ], className="explorer-controls", **{"aria-labelledby": "explorer-controls-heading"})


def _chart(cid: str, parts: dict[str, Any], heading: str, lang: str, class_name: str) -> html.Section:
    config = {**GRAPH_CONFIG, "scrollZoom": False} if cid == MAP else GRAPH_CONFIG
    return html.Section([
        html.H2(heading, id=f"{cid}-heading"),
        html.Figure([
            html.Figcaption(parts[f"{cid}:summary"], id=f"{cid}-summary", className="chart-summary"),
            dcc.Graph(id=cid, figure=parts[f"{cid}:figure"], config=config, className="chart-graph"),
            html.Div(parts["source"], id=f"{cid}-source"),
            html.Details([html.Summary(t("common.show_table", lang)),
                          html.Div(parts[f"{cid}:table"], id=f"{cid}-table")], className="chart-table"),
        ], className="chart", **{"aria-describedby": f"{cid}-summary"}),
    ], className=class_name, **{"aria-labelledby": f"{cid}-heading"})


def _parts(view: StoreView, state: ExplorerState, selection_only: bool = False) -> dict[str, Any]:
    """Figures, text alternatives, tables and links for ``state`` (the map left out when ``selection_only``)."""
    ranking = v.layer_ranking(view, state)
    series = v.series_frame(view, state)
    out: dict[str, Any] = {
        f"{BAR}:figure": v.bar_figure(view, state, ranking),
        f"{BAR}:summary": v.map_summary(view, state, ranking),
        f"{BAR}:table": v.bar_table(view, state, ranking),
        f"{TS}:figure": v.timeseries_figure(view, state, series),
        f"{TS}:summary": v.series_summary(view, state, series),
        f"{TS}:table": v.series_table(view, state, series),
        "table_styles": v.table_styles(state.regions),
        "downloads": v.downloads(view, state),
        "status": v.status_text(view, state, state.lang),
    }
    if not selection_only:
        meta = v.layer_meta(view, state.indicator)
        out.update({
            f"{MAP}:figure": v.map_figure(view, state, ranking),
            f"{MAP}:summary": v.map_summary(view, state, ranking),
            f"{MAP}:table": v.map_table(view, state, ranking),
            "table_data": v.table_data(ranking, state.lang),
            "table_columns": v.table_columns(view, state, ranking),
            "source": source_note(meta.get("source_tables") or [], state.lang, view.manifest,
                                  bool(meta.get("is_demo", view.is_demo))),
            "definition": v.definition_text(meta, state.lang),
        })
    return out


def _map_patch(figure: Any) -> Patch:
    """Everything of a new map figure except the values trace's GeoJSON (same level, same geometry)."""
    patch = Patch()
    full = figure.to_plotly_json()
    for i, trace in enumerate(full["data"]):
        for key, value in trace.items():
            if not (i == 0 and key == "geojson"):
                patch["data"][i][key] = value
    patch["layout"] = full["layout"]
    return patch


OUTPUTS = [
    Output(INDICATOR, "value"), Output(LEVEL, "value"), Output(LEVEL, "options"), Output(PERIOD, "options"),
    Output(PERIOD, "value"), Output(REGIONS, "options"), Output(REGIONS, "value"), Output(MAP, "clickData"),
    Output(URL, "search"), Output(STATUS, "children"), Output(DEFINITION, "children"),
    Output(TABLE, "data"), Output(TABLE, "columns"), Output(TABLE, "style_data_conditional"),
    Output(f"{TABLE}-source", "children"), Output(DOWNLOADS, "children"),
    *[Output(cid, "figure") for cid in CHARTS], *[Output(f"{cid}-summary", "children") for cid in CHARTS],
    *[Output(f"{cid}-table", "children") for cid in CHARTS], *[Output(f"{cid}-source", "children") for cid in CHARTS],
]


def update(indicator: Any, level: Any, period: Any, regions: Any, click: Any, search: Any, pathname: Any,
           lang: Any) -> tuple:
    """Any change -> the new state -> every part that depends on it (only what changed)."""
    if pathname and pathname.rstrip("/") != PATH:
        raise PreventUpdate
    view = get_view()
    trigger = ctx.triggered_id
    lang = normalise_lang(lang)
    if trigger == URL:                                   # back/forward in the browser
        query = {k: vals[-1] for k, vals in parse_qs(str(search or "").lstrip("?")).items()}
        query["lang"] = lang
    else:
        query = {"indicator": indicator, "niveau": level, "periode": period, "regio": regions or [], "lang": lang}
        if trigger == MAP:
            code = _clicked_code(click)
            if code is None:
                raise PreventUpdate
            query["regio"] = list(toggle_region(regions or [], code))
    state = parse_explorer_query(view, query, v.extra_layers())
    selection_only = trigger in (REGIONS, MAP)
    parts = _parts(view, state, selection_only)
    new_search = no_update if trigger == URL else search_for(state)

    if selection_only:
        patch = Patch()
        values = selection_patch_values(view.geojson(state.level), state.regions, lang)
        for key, value in values.items():
            patch["data"][SELECTION][key] = value
        head = (no_update, no_update, no_update, no_update, no_update, no_update, list(state.regions), None,
                new_search, parts["status"], no_update, no_update, no_update, parts["table_styles"], no_update,
                parts["downloads"])
        return (*head, patch, parts[f"{BAR}:figure"], parts[f"{TS}:figure"],
                no_update, parts[f"{BAR}:summary"], parts[f"{TS}:summary"],
                no_update, parts[f"{BAR}:table"], parts[f"{TS}:table"], no_update, no_update, no_update)

    same_geometry = trigger in (INDICATOR, PERIOD) and state.level == level
    map_figure = _map_patch(parts[f"{MAP}:figure"]) if same_geometry else parts[f"{MAP}:figure"]
    head = (state.indicator, state.level, v.level_options(view, state.indicator, lang),
            v.period_options(view, state.indicator, state.level, lang), state.period,
            region_options(view, state.level), list(state.regions), None, new_search, parts["status"],
            parts["definition"], parts["table_data"], parts["table_columns"], parts["table_styles"], parts["source"],
            parts["downloads"])
    return (*head, map_figure, *[parts[f"{cid}:figure"] for cid in CHARTS[1:]],
            *[parts[f"{cid}:summary"] for cid in CHARTS], *[parts[f"{cid}:table"] for cid in CHARTS],
            parts["source"], parts["source"], parts["source"])


def _clicked_code(click: Any) -> str | None:
    """The region code of a map click (``points[0].location``), or None."""
    try:
        code = click["points"][0]["location"]
    except (TypeError, KeyError, IndexError):
        return None
    return code.strip().upper() if isinstance(code, str) and 0 < len(code) <= 12 else None


def register(app: dash.Dash) -> None:
    """Add this page and its callbacks to ``app`` (called once per app by :func:`dashboard.app.create_app`)."""
    dash.register_page(
        __package__, layout=layout, path=PATH, name="Verkennen", order=1,
                       title="Verkennen – Jongeren en arbeidsmarkt",
                       description="Kaart, ontwikkeling en vergelijking van jongerencijfers per arbeidsmarktregio en "
                                   "gemeente, uit open data van CBS.")
    app.callback(
        *OUTPUTS,
        Input(INDICATOR, "value"), Input(LEVEL, "value"), Input(PERIOD, "value"), Input(REGIONS, "value"),
        Input(MAP, "clickData"), Input(URL, "search"),
        State(URL, "pathname"), State(LANG, "data"),
        prevent_initial_call=True,
    )(update)
