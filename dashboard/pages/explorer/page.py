"""Explorer ("/verkennen"): a choropleth map, a ranking, the trend of selected regions and a sortable table.

State lives in the URL: ``/verkennen?indicator=neet_share&niveau=gemeente&periode=2023&regio=GM0363,GM0599&lang=en``.
Loading that URL renders exactly that view. The charts come first as pictures drawn on the server (SVG: the map
of :mod:`dashboard.ui.figures.map_image`, the bars and trend of :mod:`dashboard.ui.figures.picture`, drawn from
the figures Plotly would get); Plotly's charts take their place when the reader reaches for one (the pointer over
a chart, a tap, focus inside it: ``assets/shell.js`` sets the ``explorer-live`` store), so a first view waits
for no Plotly drawing (the bundle's script is on every page, cached). One callback turns any change (a control, a
click on the map, back/forward in the browser, the charts made live) into a new state and writes it back to the
address bar through
``dcc.Location(id="explorer-url", refresh=False)`` (history entries, no reload). Live, when only the selection
changes, the map is updated with a ``dash.Patch`` of its outline trace, so the GeoJSON is not sent again; when
indicator or period change at the same level, every trace but the geometry is replaced.  A click on the map
or on its picture (where it fell, found on the server) toggles the region, in the same callback.  An
answer leaves out what the page already shows (judged by a store written with those parts, :func:`parts_key`).
The table of every region is built when a reader opens it, and then follows the
URL in a callback of its own, after the charts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode

import dash
import flask
from dash import Input, Output, Patch, State, ctx, dash_table, dcc, html, no_update, set_props
from dash.exceptions import PreventUpdate

from dashboard.data.layers import Layer
from dashboard.data.need import need_inputs, need_periods, peers
from dashboard.data.queries import region_choices, region_names
from dashboard.data.store import get_view
from dashboard.data.view import StoreView
from dashboard.pages.explorer import view as v
from dashboard.pages.explorer.state import (
    MAX_SELECTED,
    ExplorerState,
    corrections,
    known_codes,
    parse_codes,
    parse_explorer_query,
    toggle_region,
)
from dashboard.ui.components.chart import graph_config
from dashboard.ui.components.dropdown import dropdown_labels
from dashboard.ui.components.options import region_dropdown_options
from dashboard.ui.components.source_note import source_note
from dashboard.ui.components.url_notice import url_notice
from dashboard.ui.figures.charts import FONT, indicator_title
from dashboard.ui.figures.map import SELECTION, selection_patch_values, selection_trace
from dashboard.ui.figures.map_image import map_image, region_at
from dashboard.ui.figures.picture import ONE_COLUMN, PHONE, chart_picture
from dashboard.ui.figures.plain import Figure
from dashboard.ui.i18n import normalise_lang, period_label, t
from dashboard.ui.json_data import answers_json_data, json_data
from etl.store import StoreError

if TYPE_CHECKING:
    import pandas as pd

PATH = "/verkennen"
URL, LANG, STATUS = "explorer-url", "explorer-lang", "explorer-status"
INDICATOR, LEVEL, PERIOD, REGIONS = "explorer-indicator", "explorer-level", "explorer-period", "explorer-regions"
PEERS, PEERS_STATUS = "explorer-add-peers", "explorer-peers-status"
URL_NOTICE = "explorer-url-notice"
PEER_LEVELS = ("arbeidsmarktregio", "rmc", "gemeente")
MAP, BAR, TS, TABLE = "explorer-map", "explorer-bar", "explorer-timeseries", "explorer-table"
LIVE = "explorer-live"                  # True once the reader reached for a chart: Plotly's charts, not pictures
PICK = "explorer-map-pick"              # where a click on the map's picture fell (assets/shell.js)
BAR_WIDTH, TREND_WIDTH = 520, 1160      # the bar chart's column and the trend's width in the page's 1200 px, in px
DEFINITION, DOWNLOADS = "explorer-definition", "explorer-downloads"
OPTIONS = "explorer-options"
TABLE_KEY, TABLE_OPEN, TABLE_BOX, PARTS_KEY = f"{TABLE}-key", f"{TABLE}-open", f"{TABLE}-box", "explorer-parts-key"
CHARTS = (MAP, BAR, TS)


def _used_words(view: StoreView, kind: str, used: str, state: ExplorerState) -> str:
    """What the page shows instead, in words (an indicator's title, a level's name, a period's label)."""
    if kind == "indicator":
        shown = v.layer(view, state)
        return indicator_title(shown.meta, state.lang) if shown else used
    if kind == "level":
        return t(f"explorer.level.{used}", state.lang)
    if kind == "regions_other_level":                     # the level's name without its count: "(Gemeenten)"
        return re.sub(r"\s*\(\d+\)$", "", t(f"explorer.level.{used}", state.lang)).lower()
    if kind == "period" and used:
        shown = v.layer(view, state)
        return period_label(used, shown.frequency(state.level), state.lang)
    return used


def search_for(state: ExplorerState) -> str:
    return "?" + urlencode(state.query(), safe=",/")


def canonical_redirect() -> flask.Response | None:
    """A browser's request of this page whose query only lacks values (``/verkennen``, ``?niveau=gemeente``) goes to
    the address of the state it shows, with every value, before the page loads: the page then starts at the URL
    it shows instead of rewriting it (which drew the page twice).  A query with a value the page replaces is
    served as it is: the page says what it replaced (its notice) and rewrites the address itself."""
    request = flask.request
    if request.method != "GET" or request.path != PATH or "text/html" not in request.headers.get("Accept", ""):
        return None
    raw = request.query_string.decode("utf-8", "replace")
    query = {k: vals if len(vals) > 1 else vals[0] for k, vals in parse_qs(raw, keep_blank_values=True).items()}
    try:
        view = get_view()
    except StoreError:
        return None
    state = parse_explorer_query(view, {**query, "lang": normalise_lang(query.get("lang"))})
    search = search_for(state)
    if corrections(view, query, state) or search == f"?{raw}" or set(query) - KNOWN_PARAMS:
        return None
    return flask.redirect(PATH + search, code=302)


KNOWN_PARAMS = {"indicator", "niveau", "periode", "regio", "lang"}


def layout(lang: str = "nl", **query: Any) -> html.Div:
    view = get_view()
    state = parse_explorer_query(view, {**query, "lang": normalise_lang(lang)})
    shown = v.layer(view, state)
    lang = state.lang
    parts = _parts(view, shown, state)
    pictures = chart_pictures(view, shown, state)
    fixed = [(kind, {**words, "used": _used_words(view, kind, words.get("used", ""), state)})
             for kind, words in corrections(view, query, state)]
    return html.Div([
        dcc.Location(id=URL, refresh=False, search=search_for(state)),
        url_notice(fixed, search_for(state), lang, URL_NOTICE, location=URL),
        dcc.Store(id=LANG, data=lang),
        dcc.Store(id=PARTS_KEY, data=parts_key(view, state)),
        dcc.Store(id=LIVE, data=False),
        dcc.Store(id=PICK),
        html.H1(t("explorer.title", lang), className="page-title"),
        html.Details([
            html.Summary(t("explorer.controls_toggle", lang), className="explorer-options-toggle"),
            html.P(t("explorer.intro", lang), className="lead"),
            _controls(view, shown, state),
        ], id=OPTIONS, open=True, className="explorer-options"),
        html.P(parts["status"], id=STATUS, role="status", className="explorer-status"),
        html.P(parts["definition"], id=DEFINITION, className="explorer-definition"),
        html.Div([
            _chart(MAP, parts, pictures, t("explorer.map_heading", lang), lang, "explorer-map-block"),
            _chart(BAR, parts, pictures, t("explorer.bar_heading", lang), lang, "explorer-bar-block"),
        ], className="explorer-grid"),
        _chart(TS, parts, pictures, t("explorer.ts_heading", lang), lang, "explorer-ts-block"),
        html.Section([
            html.H2(t("explorer.table_heading", lang), id=f"{TABLE}-heading"),
            html.P(t("explorer.table_intro", lang), className="section-intro"),
            # built when opened (its script and rows cost a first load more than the rest of the page below the fold)
            html.Details([html.Summary(t("explorer.table_show", lang)), html.Div(id=TABLE_BOX)],
                         id=f"{TABLE}-details", className="table-toggle", **{"data-open-store": TABLE_OPEN}),
            dcc.Store(id=TABLE_OPEN, data=False),
            dcc.Store(id=TABLE_KEY, data=None),
        ], className="explorer-table-block", **{"aria-labelledby": f"{TABLE}-heading"}),
        html.Section([html.H2(t("explorer.downloads", lang), id=f"{DOWNLOADS}-heading"),
                      html.Div(parts["downloads"], id=DOWNLOADS)],
                     className="explorer-downloads", **{"aria-labelledby": f"{DOWNLOADS}-heading"}),
    ], className="page page-explorer")


def _controls(view: StoreView, shown: Layer, state: ExplorerState) -> html.Section:
    lang = state.lang

    def control(label: str, component: Any, cid: str, help_text: str | None = None) -> html.Div:
        children = [html.Label(label, htmlFor=cid, id=f"{cid}-label"), component]
        if help_text:
            children.append(html.P(help_text, className="help", id=f"{cid}-help"))
        return html.Div(children, className="control")

    labels = dropdown_labels(lang)
    return html.Section([
        html.H2(t("explorer.controls", lang), className="visually-hidden", id="explorer-controls-heading"),
        control(t("explorer.indicator", lang), dcc.Dropdown(
            id=INDICATOR, options=v.indicator_options(view, lang), value=state.indicator, clearable=False,
            labels=labels), INDICATOR),
        html.Fieldset([
            html.Legend(t("explorer.level", lang), id=f"{LEVEL}-label", className="control-label"),
            dcc.RadioItems(id=LEVEL, options=v.level_options(shown, lang), value=state.level,
                           className="radio-group", labelClassName="radio-label"),
        ], className="control control-fieldset"),
        control(t("explorer.period", lang), dcc.Dropdown(
            id=PERIOD, options=v.period_options(shown, state.level, lang), value=state.period,
            clearable=False, labels=labels), PERIOD),
        control(t("explorer.regions", lang, n=MAX_SELECTED), dcc.Dropdown(
            id=REGIONS, options=_region_options(view, state.level), value=list(state.regions), multi=True,
            placeholder=t("explorer.regions_placeholder", lang), labels=labels),
            REGIONS, t("explorer.regions_help", lang)),
        _peers_control(view, state),
    ], className="explorer-controls", **{"aria-labelledby": "explorer-controls-heading"})


def _peers_control(view: StoreView, state: ExplorerState) -> html.Div:
    """One action that adds the first chosen region's most similar regions (the peers of /prioriteit)."""
    periods = need_periods(view, state.level)
    help_text = t("explorer.add_peers_help", state.lang, period=periods[-1] if periods else "–")
    if periods and need_inputs(view, state.level, periods[-1]).demo:
        help_text += " " + t("explorer.peers_demo", state.lang)
    return html.Div([
        html.Button(t("explorer.add_peers", state.lang), id=PEERS, type="button", className="button",
                    **{"aria-describedby": f"{PEERS}-help"}),
        html.P(help_text, className="help", id=f"{PEERS}-help"),
        html.P(id=PEERS_STATUS, role="status", className="explorer-peers-status"),
    ], className="control explorer-peers")


def add_peers(clicks: Any, regions: Any, level: Any, lang: Any) -> tuple[Any, str]:
    """The selection with the first chosen region's nearest regions in profile added (up to the maximum), and a
    line saying which; the main callback then follows the new selection as it follows the dropdown."""
    view = get_view()
    lang = normalise_lang(lang)
    level = level if isinstance(level, str) else ""
    chosen = list(known_codes(view, level, regions)) if level in PEER_LEVELS else []
    if not chosen:
        return no_update, t("explorer.peers_first", lang)
    periods = need_periods(view, level)
    if not periods:
        return no_update, t("explorer.peers_none", lang, level=t(f"explorer.level.{level}", lang))
    if len(chosen) >= MAX_SELECTED:
        return no_update, t("explorer.peers_full", lang, n=MAX_SELECTED)
    found = peers(view, level, periods[-1]).neighbours_of(chosen[0])
    added = [n for n in found if n["region_code"] not in chosen][:MAX_SELECTED - len(chosen)]
    name = f"{region_names(view).get(chosen[0], chosen[0])} ({chosen[0]})"
    if not found:
        return no_update, t("explorer.peers_no_profile", lang, name=name)
    if not added:
        return no_update, t("explorer.peers_already", lang, name=name)
    names = ", ".join(str(n["region_name"]) for n in added)
    return ([*chosen, *(str(n["region_code"]) for n in added)],
            t("explorer.peers_added", lang, name=name, period=periods[-1], names=names))


def _region_options(view: StoreView, level: str) -> list[dict[str, str]]:
    """The region dropdown's options at ``level`` (made once per view; read-only)."""
    return view.cached("explorer_region_options", level, lambda: region_dropdown_options(region_choices(view, level)))


def _chart(cid: str, parts: dict[str, Any], pictures: dict[str, Any], heading: str, lang: str,
           class_name: str) -> html.Section:
    """A chart with its text summary, its title (and subtitle) as HTML above the plot, source, and a table of its
    figures that is built when a reader opens it.  The plot starts as its picture (``{cid}-box``; Plotly's chart
    takes its place when the page goes live).

    The title is the figure's own (``layout.title``, kept there for a downloaded PNG); the page shows it as a heading
    that wraps on a phone, where Plotly would cut a long title at the chart's right edge, and hides Plotly's copy
    (explorer.css)."""
    return html.Section([
        html.H2(heading, id=f"{cid}-heading"),
        html.Figure([
            html.Figcaption(parts[f"{cid}:summary"], id=f"{cid}-summary", className="chart-summary"),
            html.Div([html.H3(parts[f"{cid}:title"], id=f"{cid}-title", className="chart-title"),
                      html.P(parts[f"{cid}:subtitle"], id=f"{cid}-subtitle", className="chart-subtitle")],
                     className="chart-heading"),
            html.Div(pictures[cid], id=f"{cid}-box", className="chart-box", **{"data-live-store": LIVE}),
            html.Div(parts["source"], id=f"{cid}-source"),
            html.Details([html.Summary(t("common.show_table", lang)), html.Div(id=f"{cid}-table")],
                         id=f"{cid}-details", className="chart-table", **{"data-open-store": f"{cid}-table-open"}),
            dcc.Store(id=f"{cid}-table-open", data=False),
        ], className="chart", **{"aria-describedby": f"{cid}-summary"}),
    ], className=class_name, **{"aria-labelledby": f"{cid}-heading"})


def graph(cid: str, figure: Any, lang: str) -> dcc.Graph:
    """Chart ``cid`` as Plotly draws it (hover, zoom, click, PNG), in its box in the place of its picture."""
    return dcc.Graph(id=cid, figure=figure, config=graph_config(lang, "map" if cid == MAP else "chart"),
                     className="chart-graph")


def chart_pictures(view: StoreView, shown: Layer, state: ExplorerState) -> dict[str, Any]:
    """The pictures of the state's charts (built once per view and state; shared, never modified)."""
    def build() -> dict[str, Any]:
        parts = _selection_parts(view, shown, state)
        summary = _region_free_parts(view, shown, state)[f"{MAP}:summary"]
        lang = state.lang
        return {
            MAP: map_image(_ranking(view, shown, state), view.geojson(state.level), state.regions, shown.meta,
                           state.period, shown.frequency(state.level), lang, alt=summary, id=f"{MAP}-picture",
                           titled=False, pick_store=PICK),
            BAR: chart_picture(parts[f"{BAR}:figure"], lang, alt=parts[f"{BAR}:summary"], id=f"{BAR}-picture",
                               widths=(PHONE, ONE_COLUMN), width=BAR_WIDTH),
            TS: chart_picture(parts[f"{TS}:figure"], lang, alt=parts[f"{TS}:summary"], id=f"{TS}-picture",
                              widths=(PHONE, ONE_COLUMN), width=TREND_WIDTH),
        }
    return view.cached("explorer_pictures", state, build)


def _parts(view: StoreView, shown: Layer, state: ExplorerState) -> dict[str, Any]:
    """Every part of the page that depends on the state: figures, text alternatives, tables, links."""
    return {**_selection_parts(view, shown, state), **_layer_parts(view, shown, state)}


def _selection_parts(view: StoreView, shown: Layer, state: ExplorerState) -> dict[str, Any]:
    """The parts that change with the selected regions (the map only gets its outline: see :func:`update`);
    built once per view and state (shared: never modified)."""
    return view.cached("explorer_selection_parts", state, lambda: _build_selection_parts(view, shown, state))


def _build_selection_parts(view: StoreView, shown: Layer, state: ExplorerState) -> dict[str, Any]:
    ranking = _ranking(view, shown, state)
    series = v.trend_lines(view, shown, state)
    bar = v.bar_figure(view, shown, state, ranking)
    timeseries = v.timeseries_figure(view, shown, state, series)
    return {
        f"{BAR}:figure": bar,
        **_titles(BAR, bar),
        f"{BAR}:summary": _region_free_parts(view, shown, state)[f"{MAP}:summary"],     # the same words
        f"{TS}:figure": timeseries,
        **_titles(TS, timeseries),
        f"{TS}:summary": v.series_summary(shown, state, series),
        "downloads": v.downloads(shown, state),
        "status": v.status_text(view, state, state.lang),
    }


def _layer_parts(view: StoreView, shown: Layer, state: ExplorerState) -> dict[str, Any]:
    """The parts that change with the layer, level or period; built once per view without a selection, then given
    this state's selection outline (the map's third trace)."""
    parts = _region_free_parts(view, shown, state)
    if not state.regions:
        return parts
    figure = parts[f"{MAP}:figure"]
    outline = selection_trace(view.geojson(state.level), state.regions, state.lang)
    return {**parts, f"{MAP}:figure": Figure(figure, data=[*figure["data"][:SELECTION], outline])}


def _region_free_parts(view: StoreView, shown: Layer, state: ExplorerState) -> dict[str, Any]:
    """The parts of :func:`_layer_parts` for no selection, built once per view, layer, level, period and language."""
    key = (state.indicator, state.level, state.period, state.lang)
    return view.cached("explorer_layer_parts", key, lambda: _build_layer_parts(view, shown, replace(state, regions=())))


def _build_layer_parts(view: StoreView, shown: Layer, state: ExplorerState) -> dict[str, Any]:
    ranking = _ranking(view, shown, state)
    meta = shown.meta
    figure = v.map_figure(view, shown, state, ranking)
    return {
        f"{MAP}:figure": figure,
        **_titles(MAP, figure),
        f"{MAP}:summary": v.map_summary(shown, state, ranking),
        "source": source_note(meta.get("source_tables") or [], state.lang, view.manifest, shown.is_demo),
        "definition": v.definition_text(meta, state.lang),
    }


def _titles(cid: str, figure: Any) -> dict[str, str]:
    """Chart ``cid``'s title and subtitle as the page shows them above the plot: the figure's own words."""
    title, subtitle = v.figure_titles(figure)
    return {f"{cid}:title": title, f"{cid}:subtitle": subtitle}


def _ranking(view: StoreView, shown: Layer, state: ExplorerState) -> pd.DataFrame:
    """The layer's ranking of the state's level and period as the view holds it, shared by every part built from it
    (read-only; :meth:`Layer.ranking` would hand each caller a copy)."""
    return shown.shared_ranking(state.level, state.period)


def chart_table(view: StoreView, cid: str, state: ExplorerState) -> Any:
    """The table of the figures chart ``cid`` shows (its text alternative), for ``state``."""
    shown = v.layer(view, state)
    if cid == TS:
        return v.series_table(shown, state, shown.series(state.level, state.regions))
    ranking = _ranking(view, shown, state)
    return v.map_table(shown, state, ranking) if cid == MAP else v.bar_table(shown, state, ranking)


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


# The callback's outputs by name; an answer sets the ones that changed and leaves the rest as they are.
OUTPUTS = {
    "indicator": Output(INDICATOR, "value"), "level": Output(LEVEL, "value"), "levels": Output(LEVEL, "options"),
    "periods": Output(PERIOD, "options"), "period": Output(PERIOD, "value"), "region_choices": Output(REGIONS, "options"),
    "regions": Output(REGIONS, "value"), "search": Output(URL, "search"),
    "status": Output(STATUS, "children"), "definition": Output(DEFINITION, "children"),
    "downloads": Output(DOWNLOADS, "children"), "parts_key": Output(PARTS_KEY, "data"),
    "notice_hidden": Output(URL_NOTICE, "hidden"),
    **{f"{cid}:box": Output(f"{cid}-box", "children") for cid in CHARTS},
    **{f"{cid}:summary": Output(f"{cid}-summary", "children") for cid in CHARTS},
    **{f"{cid}:title": Output(f"{cid}-title", "children") for cid in CHARTS},
    **{f"{cid}:subtitle": Output(f"{cid}-subtitle", "children") for cid in CHARTS},
    **{f"{cid}:table": Output(f"{cid}-table", "children") for cid in CHARTS},
    **{f"{cid}:source": Output(f"{cid}-source", "children") for cid in CHARTS},
}
INPUTS = {"indicator": Input(INDICATOR, "value"), "level": Input(LEVEL, "value"), "period": Input(PERIOD, "value"),
          "regions": Input(REGIONS, "value"), "search": Input(URL, "search"), "live": Input(LIVE, "data"),
          # a click on the map: on Plotly's, which is there only once live, or on its picture before
          "click": Input(MAP, "clickData", allow_optional=True), "pick": Input(PICK, "data")}
STATES = {"pathname": State(URL, "pathname"), "lang": State(LANG, "data"),
          "tables_open": [State(f"{cid}-table-open", "data") for cid in CHARTS],
          "parts_shown": State(PARTS_KEY, "data")}
SELECTION_TRIGGERS = (REGIONS, MAP, PICK)
READER_CHANGES = (INDICATOR, LEVEL, PERIOD, *SELECTION_TRIGGERS)  # the reader's changes (not the URL, not going live)
SELECTION_TABLES = (BAR, TS)                  # the map's table does not change with the selection


def update(indicator: Any, level: Any, period: Any, regions: Any, search: Any, live: Any, click: Any, pick: Any,
           pathname: Any, lang: Any, tables_open: Any, parts_shown: Any) -> dict[str, Any]:
    """Any change -> the new state -> the parts that depend on what changed."""
    _on_this_page(pathname)
    view = get_view()
    # what changed: the browser asks once for changes that come together (a tap makes the charts live and clicks)
    kinds = {str(key).rsplit(".", 1)[0] for key in ctx.triggered_prop_ids}
    lang = normalise_lang(lang)
    if URL in kinds:                                     # back/forward in the browser
        query = _query_of(search, lang)
    else:
        query = {"indicator": indicator, "niveau": level, "periode": period, "regio": regions or [], "lang": lang}
    code = None
    if MAP in kinds:
        code = _clicked_code(click)
        set_props(MAP, {"clickData": None})     # a second click on the same region is a change again (it toggles)
    elif PICK in kinds:
        code = _picked_code(view, parse_explorer_query(view, query), pick)
    if code is not None and URL not in kinds:
        query["regio"] = list(toggle_region(regions or [], code))
    state = parse_explorer_query(view, query)
    graphs = live is True
    asked = Asked(indicator, level, period, regions,
                  dict(zip(CHARTS, tables_open if isinstance(tables_open, list) else [], strict=False)))
    new_key = parts_key(view, state, graphs)
    same = Same.of(parts_shown, new_key)
    shows = same.indicator and same.level and same.period and same.graphs == graphs and asked.shows(state)
    if shows and (kinds == {URL} or (code is None and kinds <= {MAP, PICK} and search == search_for(state))):
        # the address the page was loaded at (or went back to) is what it shows; a click beside every region (or the
        # echo of the click's reset) changes nothing -- unless a call it replaced was to change something
        raise PreventUpdate
    shown = v.layer(view, state)
    answer: dict[str, Any] = {name: no_update for name in OUTPUTS}
    answer.update(regions=list(state.regions), parts_key=no_update if parts_shown == new_key else new_key,
                  search=no_update if URL in kinds or search == search_for(state) else search_for(state),
                  notice_hidden=True if kinds & set(READER_CHANGES) else no_update)   # the link's notice is past
    answer.update(_selection_parts(view, shown, state))
    codes = parse_codes(query.get("regio"))            # "Alles kiezen", or a long link: say what was kept
    if len(codes) > MAX_SELECTED and len(known_codes(view, state.level, codes)) > MAX_SELECTED:
        answer["status"] = f"{answer['status']} {t('explorer.status_limit', lang, n=MAX_SELECTED)}"
    selection_only = (bool(kinds & set(SELECTION_TRIGGERS)) and kinds <= {*SELECTION_TRIGGERS, LIVE}
                      and same.indicator and same.level and same.period)    # the map shows this layer: its outline
    for cid in SELECTION_TABLES if selection_only else CHARTS:  # an open table follows its chart; a closed one is empty
        answer[f"{cid}:table"] = chart_table(view, cid, state) if asked.open_tables.get(cid) is True else None
    if not selection_only:
        parts = _layer_parts(view, shown, state)
        answer.update(parts)
        answer.update(
            indicator=state.indicator, level=state.level, levels=v.level_options(shown, lang),
            periods=v.period_options(shown, state.level, lang), period=state.period,
            region_choices=_region_options(view, state.level),
            **{f"{cid}:source": parts["source"] for cid in CHARTS},
        )
    # going live always brings Plotly's charts whole: a late answer of a page Back replaced may have left its key
    answer.update(_boxes(view, shown, state, answer, graphs=graphs, shown_graphs=same.graphs and LIVE not in kinds,
                         map_geometry=same.level and kinds <= {*SELECTION_TRIGGERS, INDICATOR, PERIOD}))
    return _as_data(_left_as_shown(answer, state, asked, same))


def _boxes(view: StoreView, shown: Layer, state: ExplorerState, answer: dict[str, Any], *, graphs: bool,
           shown_graphs: bool, map_geometry: bool) -> dict[str, Any]:
    """What each chart's box gets: the state's pictures; Plotly's charts when the page goes live.  Once live, the
    box keeps its chart, which gets the new figure, the map's as a patch (it keeps its GeoJSON when the page has
    it: ``map_geometry``; only its outline when only the selection changed)."""
    figures = {MAP: answer.get(f"{MAP}:figure"), BAR: answer[f"{BAR}:figure"], TS: answer[f"{TS}:figure"]}
    if not graphs:
        return {f"{cid}:box": picture for cid, picture in chart_pictures(view, shown, state).items()}
    if not shown_graphs:
        figures[MAP] = _layer_parts(view, shown, state)[f"{MAP}:figure"]
        return {f"{cid}:box": graph(cid, figure, state.lang) for cid, figure in figures.items()}
    if figures[MAP] is None:                           # only the selection changed
        patch = Patch()
        for key, value in selection_patch_values(view.geojson(state.level), state.regions, state.lang).items():
            patch["data"][SELECTION][key] = value
        figures[MAP] = patch
    elif map_geometry:
        figures[MAP] = _map_patch(figures[MAP])
    for cid, figure in figures.items():
        # not an output: a chart is on the page only once live (its picture holds its place before), and Dash calls
        # no callback with an output that is not on the page; a chart Back took away lets this pass unused
        set_props(cid, {"figure": json_data(figure)})
    return {}


def _clicked_code(click: Any) -> str | None:
    """The region code of a click on Plotly's map (``points[0].location``), or None."""
    try:
        code = click["points"][0]["location"]
    except (TypeError, KeyError, IndexError):
        return None
    return code.strip().upper() if isinstance(code, str) and 0 < len(code) <= 12 else None


def _picked_code(view: StoreView, state: ExplorerState, pick: Any) -> str | None:
    """The region drawn where a click on the map's picture of ``state`` fell (``{"x", "y"}`` in the SVG's units),
    or None (beside the regions, or not a point)."""
    try:
        x, y = float(pick["x"]), float(pick["y"])
    except (TypeError, KeyError, ValueError):
        return None
    if not (math.isfinite(x) and math.isfinite(y)):
        return None
    shown = v.layer(view, state)
    return region_at(_ranking(view, shown, state), view.geojson(state.level), x, y, shown.meta, state.period,
                     shown.frequency(state.level), state.lang, titled=False)


def _on_this_page(pathname: Any) -> None:
    """Stop a callback of this page asked while the browser shows another (the pages share one Dash app)."""
    if pathname and str(pathname).rstrip("/") != PATH:
        raise PreventUpdate


def parts_key(view: StoreView, state: ExplorerState, graphs: bool = False) -> list[str]:
    """What the parts that follow the controls are of: data version, indicator, level, period, and (last) whether the
    charts are Plotly's or pictures.  The page keeps the key of what it shows in a store written with those parts,
    so an answer the browser dropped for a newer one (it keeps only the last of a callback's overlapping calls)
    leaves the store as it leaves the parts."""
    return [view.data_version, state.indicator, state.level, state.period or "", "graphs" if graphs else "pictures"]


@dataclass(frozen=True)
class Same:
    """Whether the page's parts that follow the indicator, the level and the period are already the new state's, and
    whether its charts are Plotly's (from the key of what the page shows, see :func:`parts_key`)."""

    indicator: bool
    level: bool
    period: bool
    graphs: bool

    @classmethod
    def of(cls, shown_key: Any, new_key: list[str]) -> Same:
        if not isinstance(shown_key, list) or len(shown_key) != len(new_key) or shown_key[0] != new_key[0]:
            return cls(indicator=False, level=False, period=False, graphs=False)
        return cls(indicator=shown_key[1] == new_key[1], level=shown_key[2] == new_key[2],
                   period=shown_key[3] == new_key[3], graphs=shown_key[-1] == "graphs")


@dataclass(frozen=True)
class Asked:
    """What the callback was asked with: the controls' values (the one the reader just changed already holds its
    new value) and which chart tables are open."""

    indicator: Any
    level: Any
    period: Any
    regions: Any
    open_tables: Mapping[str, Any]

    def shows(self, state: ExplorerState) -> bool:
        """Whether the controls hold ``state`` already (indicator, level, period and regions)."""
        return (self.indicator, self.level, self.period) == (state.indicator, state.level, state.period) and \
            isinstance(self.regions, list | None) and list(self.regions or []) == list(state.regions)


def _left_as_shown(answer: dict[str, Any], state: ExplorerState, asked: Asked, same: Same) -> dict[str, Any]:
    """``answer`` without the parts the page already shows for ``state`` (left as ``no_update``), so the browser
    re-renders only what changed: another indicator redraws the charts, not the region list.

    A control keeps a value it already holds.  The parts that follow a control (the level's region choices; the
    indicator's level options, definition and source notes; the period options of indicator and level) stay
    when the page shows them for the new state already (``same``).  A closed chart table is empty already (its
    own callback empties it when closed)."""
    out = dict(answer)
    unchanged = {
        "indicator": state.indicator == asked.indicator, "level": state.level == asked.level,
        "period": state.period == asked.period,
        "regions": isinstance(asked.regions, list | None) and list(asked.regions or []) == list(state.regions),
        "region_choices": same.level, "periods": same.indicator and same.level,
        "levels": same.indicator, "definition": same.indicator,
        **{f"{cid}:source": same.indicator for cid in CHARTS},
        **{f"{cid}:table": asked.open_tables.get(cid) is not True for cid in CHARTS},
    }
    for name, same_part in unchanged.items():
        if same_part:
            out[name] = no_update
    return out


# The outputs that can hold Dash components, a Patch or DataTable formats; the others are plain data already.
OBJECT_OUTPUTS = frozenset({"downloads",
                            *(f"{cid}:{part}" for cid in CHARTS for part in ("box", "table", "source"))})


def _as_data(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer in the order of :data:`OUTPUTS`, its objects as JSON data (see :mod:`dashboard.ui.json_data`)."""
    converted: dict[int, Any] = {}              # one source note fills four outputs: convert it once
    out = {}
    for name in OUTPUTS:
        value = answer[name]
        if name in OBJECT_OUTPUTS:
            if id(value) not in converted:
                converted[id(value)] = json_data(value)
            value = converted[id(value)]
        out[name] = value
    return out


def fill_table(cid: str) -> Any:
    """The callback that builds chart ``cid``'s table when a reader opens it (and empties it when closed)."""
    def fill(is_open: Any, search: Any, lang: Any) -> Any:
        if is_open is not True:
            return None
        view = get_view()
        return chart_table(view, cid, parse_explorer_query(view, _query_of(search, normalise_lang(lang))))
    return answers_json_data(fill)


def _query_of(search: Any, lang: str) -> dict[str, Any]:
    """The explorer query of a URL's ``?…`` part (the last value of a repeated key), in ``lang``."""
    return {**{k: vals[-1] for k, vals in parse_qs(str(search or "").lstrip("?")).items()}, "lang": lang}


# The table of every region is built when a reader opens it; then it follows the URL in a callback of its own,
# answered after the main one: a change redraws the charts first and then this table below them (a DataTable of 35
# or 342 rows with links).  ``{TABLE}-key`` holds which rows it shows (layer, level, period, language) and which
# regions it marks as selected: another selection restyles the rows it has (``set_props`` on the table, as the
# charts get theirs: an answer that arrives after Back had the page drawn again finds no table there and passes,
# where a patch of the table's box filled the new, empty box).
TABLE_OUTPUTS = {"box": Output(TABLE_BOX, "children"), "key": Output(TABLE_KEY, "data")}
TABLE_INPUTS = {"search": Input(URL, "search"), "is_open": Input(TABLE_OPEN, "data")}
TABLE_STATES = {"pathname": State(URL, "pathname"), "lang": State(LANG, "data"), "shown": State(TABLE_KEY, "data")}


def table_key(view: StoreView, state: ExplorerState) -> list[str]:
    """What the rows of the table of every region depend on (all but the selection)."""
    return [view.data_version, state.indicator, state.level, state.period, state.lang]


def table_parts(view: StoreView, shown: Layer, state: ExplorerState) -> dict[str, Any]:
    """The table of every region's rows and columns (DataTable data; built once per view and key, read-only)."""
    def build() -> dict[str, Any]:
        ranking = _ranking(view, shown, state)
        return {"data": v.table_data(ranking, shown.unit, state.lang),
                "columns": json_data(v.table_columns(shown, state, ranking))}
    return view.cached("explorer_table_parts", tuple(table_key(view, state)), build)


def region_table(view: StoreView, shown: Layer, state: ExplorerState) -> list[Any]:
    """The table of every region (selected rows marked) and the source of its figures, as JSON data."""
    table = table_parts(view, shown, state)
    return json_data([
        dash_table.DataTable(
            id=TABLE, data=table["data"], columns=table["columns"],
            style_data_conditional=v.table_styles(state.regions), sort_action="native", page_action="native",
            page_size=50, markdown_options={"link_target": "_self"}, style_as_list_view=True,
            style_table={"overflowX": "auto"}, style_cell={"fontFamily": FONT, "padding": "6px 10px",
                                                           "textAlign": "left", "fontSize": "0.95rem"},
            style_header={"fontWeight": "bold", "whiteSpace": "normal", "height": "auto"}),
        html.Div(_region_free_parts(view, shown, state)["source"], id=f"{TABLE}-source"),
    ])


def update_table(search: Any, is_open: Any, pathname: Any, lang: Any, shown: Any) -> dict[str, Any]:
    """Opened, or the URL changed while open -> the table of every region for the URL's state: built whole unless
    it shows that state's rows already, then only its selected rows' styles sent (nothing at all when those are the
    state's too).  Closed, it stays as it is (and is not built before a reader opens it)."""
    _on_this_page(pathname)
    if is_open is not True:
        raise PreventUpdate
    view = get_view()
    state = parse_explorer_query(view, _query_of(search, normalise_lang(lang)))
    key = {"rows": table_key(view, state), "selected": list(state.regions)}
    if not isinstance(shown, dict) or shown.get("rows") != key["rows"]:
        return {"box": region_table(view, v.layer(view, state), state), "key": key}
    if shown.get("selected") == key["selected"]:
        raise PreventUpdate
    set_props(TABLE, {"style_data_conditional": v.table_styles(state.regions)})
    return {"box": no_update, "key": key}


# Narrow screens (a phone, a laptop at 200 % zoom) open the page on its first figure: the choices start folded
# under their summary line, which says what they are (the width is explorer.css's one-column breakpoint).
FOLD_OPTIONS_JS = """
    function(lang) {
        if (window.matchMedia && window.matchMedia("(max-width: 62rem)").matches) { return false; }
        return window.dash_clientside.no_update;
    }
    """


def register(app: dash.Dash) -> None:
    """Add this page and its callbacks to ``app`` (called once per app by :func:`dashboard.app.create_app`)."""
    dash.register_page(
        __package__, layout=layout, path=PATH, name="Verkennen", order=1,
        title="Verkennen – Jongeren en arbeidsmarkt",
        description="Kaart, ontwikkeling en vergelijking van jongerencijfers per arbeidsmarktregio en "
                    "gemeente, uit open data van CBS.")
    app.server.before_request(canonical_redirect)
    app.callback(output=OUTPUTS, inputs=INPUTS, state=STATES, prevent_initial_call=True)(update)
    app.clientside_callback(FOLD_OPTIONS_JS, Output(OPTIONS, "open"), Input(LANG, "data"))
    app.callback(output=TABLE_OUTPUTS, inputs=TABLE_INPUTS, state=TABLE_STATES, prevent_initial_call=True)(update_table)
    app.callback(Output(REGIONS, "value", allow_duplicate=True), Output(PEERS_STATUS, "children"),
                 Input(PEERS, "n_clicks"), State(REGIONS, "value"), State(LEVEL, "value"), State(LANG, "data"),
                 prevent_initial_call=True)(add_peers)
    for cid in CHARTS:
        app.callback(Output(f"{cid}-table", "children", allow_duplicate=True), Input(f"{cid}-table-open", "data"),
                     State(URL, "search"), State(LANG, "data"), prevent_initial_call=True)(fill_table(cid))
