"""Priority ("/prioriteit"): where joint action is most needed — need index, rank intervals, map, aftercare.

State lives in the URL: ``/prioriteit?w=neet_share:2,youth_jobseeker_rate:1,...&norm=zscore&periode=2023&lang=en``
(``w`` as in the API's ``weights``: components not named weigh 0).  Controls re-render the sections in place
and rewrite the query with ``history.replaceState``.  Figures are plain dicts (:mod:`dashboard.ui.figures.plain`).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import dash
import pandas as pd
from dash import ALL, Input, Output, State, dcc, html

from analysis.inputs import COMPONENTS, school_year_for
from analysis.need_index import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    DEFAULT_WEIGHTS,
    NORMALISATIONS,
    WeightsError,
    format_weights,
    parse_weights,
    top_label,
)
from dashboard.data.need import NeedQuery, aftercare, need_periods, need_table
from dashboard.data.store import get_view
from dashboard.data.view import StoreView
from dashboard.ui import palette
from dashboard.ui.components.demo_banner import method_href
from dashboard.ui.components.source_note import source_note
from dashboard.ui.figures.map import geometry_ref
from dashboard.ui.figures.plain import Figure, figure, named_colorscale, trace, typed_array
from dashboard.ui.i18n import fmt_number, normalise_lang, plotly_separators, t
from dashboard.ui.urls import last_value

LEVEL = "arbeidsmarktregio"
SLIDER_MAX, SLIDER_STEP = 3.0, 0.5
TOP_K = 5
WEIGHT_ID = "priority-weight"
LABEL_STYLE = {   # label code -> (colour, marker symbol): never colour alone
    "certain": (palette.CATEGORICAL[1], "diamond"),
    "possible": (palette.CATEGORICAL[0], "circle"),
    "indistinct": (palette.MUTED, "circle-open"),
    "outside": (palette.TEXT, "square-open"),
}


# --- state ----------------------------------------------------------------------------------------------------------

def page_state(view: StoreView, w: Any = None, norm: Any = None,
               periode: Any = None) -> tuple[dict[str, float], str, str | None]:
    """URL query -> (slider weights, normalisation, period); anything invalid falls back to the default."""
    try:
        weights = parse_weights(last_value(w)) if last_value(w) else dict(DEFAULT_WEIGHTS)
    except WeightsError:
        weights = dict(DEFAULT_WEIGHTS)
    weights = {c: _snap(weights.get(c, 0.0)) for c in COMPONENTS}
    if not any(weights.values()):
        weights = dict(DEFAULT_WEIGHTS)
    norm = last_value(norm) if last_value(norm) in NORMALISATIONS else "zscore"
    periods = store_periods(view)
    period = last_value(periode)
    if period not in periods:
        period = periods[-1] if periods else None
    return weights, norm, period


def store_periods(view: StoreView) -> list[str]:
    """Youth years with data for every component at arbeidsmarktregio level."""
    return list(need_periods(view, LEVEL))


def _snap(value: Any) -> float:
    """A weight on the slider's grid (0..3, step 0.5); anything that is not a finite number -> 0."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    if not math.isfinite(number):
        return 0.0
    number = min(max(number, 0.0), SLIDER_MAX)
    return float(round(number / SLIDER_STEP) * SLIDER_STEP)


def url_query(weights: dict[str, float], norm: str, period: str | None) -> dict[str, str]:
    return {"w": format_weights(weights), "norm": norm, "periode": period or ""}


def download_href(weights: dict[str, float], norm: str, period: str | None) -> str:
    live = {c: v for c, v in weights.items() if v > 0}
    return (f"/api/v1/need-index.csv?period={period}&weights={format_weights(live)}&normalisation={norm}"
            f"&level={LEVEL}&seed={DEFAULT_SEED}&draws={DEFAULT_DRAWS}")


# --- layout ---------------------------------------------------------------------------------------------------------

def layout(lang: str = "nl", w: Any = None, norm: Any = None, periode: Any = None, **_query: Any) -> html.Div:
    lang = normalise_lang(lang)
    view = get_view()
    weights, norm, period = page_state(view, w, norm, periode)
    periods = store_periods(view)
    sliders = [html.Div([
        html.Label(t(f"priority.component.{c}", lang), htmlFor=f"{WEIGHT_ID}-{c}", id=f"{WEIGHT_ID}-{c}-label"),
        dcc.Slider(id={"type": WEIGHT_ID, "component": c}, min=0, max=SLIDER_MAX, step=SLIDER_STEP,
                   value=weights[c], marks={i: str(i) for i in range(int(SLIDER_MAX) + 1)},
                   tooltip={"placement": "bottom", "always_visible": False}, allow_direct_input=False),
    ], className="control slider-control") for c in COMPONENTS]
    controls = html.Section([
        html.H2(t("priority.controls", lang), id="priority-controls-heading"),
        html.Fieldset([html.Legend(t("priority.weights", lang)),
                       html.P(t("priority.weights_help", lang), className="help"), *sliders,
                       html.Button(t("priority.reset", lang), id="priority-reset", type="button", className="button")]),
        html.Div([html.Label(t("priority.normalisation", lang), htmlFor="priority-norm"),
                  dcc.RadioItems(id="priority-norm", value=norm, inline=True,
                                 options=[{"label": t(f"priority.norm.{n}", lang), "value": n}
                                          for n in NORMALISATIONS])],
                 className="control"),
        html.Div([html.Label(t("priority.period", lang), htmlFor="priority-period"),
                  dcc.Dropdown(id="priority-period", value=period, clearable=False,
                               options=[{"label": p, "value": p} for p in reversed(periods)]),
                  html.P(t("priority.period_help", lang, school_year=school_year_for(period) if period else "–"),
                         id="priority-period-help", className="help")], className="control"),
    ], className="priority-controls", **{"aria-labelledby": "priority-controls-heading"})
    parts = render(view, weights, norm, period, lang)
    return html.Div([
        html.H1(t("priority.title", lang), className="page-title"),
        html.P([t("priority.intro", lang), " ",
                html.A(t("priority.method_link", lang), href=method_href(lang, "methode-need-index"))],
               className="lead"),
        controls,
        html.Div(_notice(parts["notice"]), id="priority-notice", role="alert"),
        html.P(id="priority-status", role="status", className="visually-hidden"),
        html.Section([
            html.H2(t("priority.ranking", lang), id="priority-ranking-heading"),
            html.P(t("priority.ranking_help", lang, draws=fmt_number(DEFAULT_DRAWS, lang, 0)), className="help"),
            html.P(parts["summary"], id="priority-summary"),
            dcc.Graph(id="priority-ranking", figure=parts["ranking"], config={"displayModeBar": False}),
            html.Details([html.Summary(t("priority.show_table", lang)),
                          html.Div(parts["table"], id="priority-table")]),
            html.P(parts["missing"], id="priority-missing"),
            html.A(t("priority.download", lang), id="priority-download", href=parts["download"], className="button"),
        ], **{"aria-labelledby": "priority-ranking-heading"}),
        html.Section([
            html.H2(t("priority.map", lang), id="priority-map-heading"),
            html.P(parts["map_help"], id="priority-map-help", className="help"),
            dcc.Graph(id="priority-map", figure=parts["map"], config={"displayModeBar": False}),
        ], **{"aria-labelledby": "priority-map-heading"}),
        html.Section([
            html.H2(t("priority.aftercare", lang), id="priority-aftercare-heading"),
            html.Div(parts["aftercare"], id="priority-aftercare"),
        ], **{"aria-labelledby": "priority-aftercare-heading"}),
        source_note(["86087NED", "84780NED"], lang, view.manifest),
        dcc.Store(id="priority-lang", data=lang),
        dcc.Store(id="priority-query", data=url_query(weights, norm, period)),
        html.Div(id="priority-url-sink", hidden=True),
    ], className="page page-priority")


def render(view: StoreView, weights: dict[str, float], norm: str, period: str | None, lang: str) -> dict[str, Any]:
    """Every piece of the page that depends on the controls (the layout and the callback share it)."""
    empty = {"notice": None, "summary": "", "ranking": _blank(), "table": None, "missing": None, "map": _blank(),
             "map_help": "", "aftercare": None, "download": "", "status": ""}
    if period is None:
        return {**empty, "notice": t("priority.no_data", lang)}
    if not any(v > 0 for v in weights.values()):
        return {**empty, "notice": t("priority.all_zero", lang)}
    query = NeedQuery(LEVEL, period, tuple((c, float(weights[c])) for c in COMPONENTS if weights[c] > 0), norm,
                      DEFAULT_SEED, DEFAULT_DRAWS)
    table = need_table(view, query)
    ranked = table.dropna(subset=["rank"]).sort_values("rank")
    n = len(ranked)
    codes = [top_label(int(lo), int(hi), n, TOP_K)
             for lo, hi in zip(ranked["rank_low"], ranked["rank_high"], strict=True)]
    ranked = ranked.assign(label=codes)
    missing = table.loc[table["rank"].isna(), "region_name"].tolist()
    return {
        "notice": None,
        "summary": summary_text(ranked, n, period, lang),
        "ranking": ranking_figure(ranked, lang),
        "table": ranking_table(ranked, period, lang),
        "missing": t("priority.missing", lang, regions=", ".join(missing)) if missing else None,
        "map": map_figure(view, table, lang),
        "map_help": t("priority.map_help", lang, period=period),
        "aftercare": aftercare_section(view, period, lang),
        "download": download_href(weights, norm, period),
        "status": t("priority.status", lang, n=n, period=period),
    }


def _notice(text: str | None) -> html.P | None:
    return html.P(text, className="notice") if text else None


def label_text(code: str, lang: str) -> str:
    return t(f"priority.label.{code}", lang, k=TOP_K)


def summary_text(ranked: pd.DataFrame, n: int, period: str, lang: str) -> str:
    """The text alternative of the ranking chart: who is certainly / possibly in the top 5."""
    def names(code: str) -> str:
        rows = ranked[ranked["label"] == code]
        return ", ".join(rows["region_name"]) or t("priority.summary_none", lang)
    return t("priority.summary", lang, n=n, period=period, certain=names("certain"), possible=names("possible"))


# --- figures --------------------------------------------------------------------------------------------------------

def _blank() -> Figure:
    return figure([], {"xaxis": {"visible": False}, "yaxis": {"visible": False}, "height": 120,
                       "margin": {"l": 0, "r": 0, "t": 0, "b": 0}})


def ranking_figure(ranked: pd.DataFrame, lang: str) -> Figure:
    """Dots (rank of the published figures) with 90% interval bars, one row per region, rank 1 on top."""
    n = len(ranked)
    traces = []
    for code, (colour, symbol) in LABEL_STYLE.items():
        rows = ranked[ranked["label"] == code]
        if rows.empty:
            continue
        rank, low, high = (rows[c].astype(int).to_numpy() for c in ("rank", "rank_low", "rank_high"))
        hover = [t("priority.hover", lang, name=name, rank=r, low=lo, high=hi, index=fmt_number(ix, lang, 2),
                   label=label_text(code, lang))
                 for name, r, lo, hi, ix in zip(rows["region_name"], rank, low, high, rows["index"], strict=True)]
        traces.append(trace(
            "scatter", x=typed_array(rank), y=rows["region_name"].tolist(), mode="markers",
            name=label_text(code, lang),
            marker={"color": colour, "symbol": symbol, "size": 10, "line": {"width": 1.5, "color": colour}},
            error_x={"type": "data", "symmetric": False, "array": typed_array(high - rank),
                     "arrayminus": typed_array(rank - low), "color": colour, "thickness": 2, "width": 0},
            hovertext=hover, hoverinfo="text"))
    layout = {
        "height": max(320, 24 * n + 130), "margin": {"l": 10, "r": 20, "t": 40, "b": 50},
        "plot_bgcolor": palette.BACKGROUND, "paper_bgcolor": palette.BACKGROUND, "font": {"color": palette.TEXT},
        "separators": plotly_separators(lang), "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        "yaxis": {"categoryorder": "array", "categoryarray": list(ranked["region_name"])[::-1], "showgrid": False,
                  "tickfont": {"size": 12}},
        "xaxis": {"range": [0.5, max(n, 1) + 0.5], "title": {"text": t("priority.axis_rank", lang)},
                  "tickvals": [1, *range(5, n + 1, 5)], "gridcolor": palette.GRID, "zeroline": False},
        "shapes": [{"type": "line", "xref": "x", "yref": "paper", "x0": TOP_K + 0.5, "x1": TOP_K + 0.5, "y0": 0,
                    "y1": 1, "line": {"dash": "dot", "color": palette.MUTED}}]}
    return figure(traces, layout)


def map_figure(view: StoreView, table: pd.DataFrame, lang: str) -> Figure:
    """Choropleth (canvas, white background, no tiles) of the index per arbeidsmarktregio."""
    path = view.geojson_path(LEVEL)
    if not Path(path).exists():
        return _blank()
    rows = table.dropna(subset=["index"])
    hover = [f"{name}<br>{t('priority.col.index', lang)} {fmt_number(ix, lang, 2)}<br>"
             f"{t('priority.col.rank', lang)} {int(r)} ({int(lo)}–{int(hi)})"
             for name, ix, r, lo, hi in zip(rows["region_name"], rows["index"], rows["rank"], rows["rank_low"],
                                            rows["rank_high"], strict=True)]
    choropleth = trace(
        "choroplethmap", featureidkey="id", locations=rows["region_code"].tolist(),
        z=typed_array(rows["index"].to_numpy(float)), colorscale=named_colorscale(palette.SEQUENTIAL),
        marker={"line": {"width": 0.6, "color": palette.BACKGROUND}},
        colorbar={"title": {"text": t("priority.map_colorbar", lang)}}, hovertext=hover, hoverinfo="text",
        geojson=geometry_ref(view.geojson(LEVEL)))
    return figure([choropleth], {"map": {"style": "white-bg", "center": {"lat": 52.15, "lon": 5.3}, "zoom": 6.0},
                            "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "height": 560,
                            "separators": plotly_separators(lang)})


def ranking_table(ranked: pd.DataFrame, period: str, lang: str) -> html.Table:
    head = ["rank", "interval", "region", "index", "label", "peer_group"]
    body = [html.Tr([html.Td(int(r.rank)), html.Td(f"{int(r.rank_low)}–{int(r.rank_high)}"),
                     html.Th(r.region_name, scope="row"),
                     html.Td(fmt_number(r.index, lang, 2)), html.Td(label_text(r.label, lang)),
                     html.Td("–" if pd.isna(r.peer_group) else int(r.peer_group))])
            for r in ranked.itertuples()]
    return html.Table([html.Caption(t("priority.table_caption", lang, period=period)),
                       html.Thead(html.Tr([html.Th(t(f"priority.col.{h}", lang), scope="col") for h in head])),
                       html.Tbody(body)], className="data-table")


AFTERCARE_COLUMNS = ("neet_count", "early_school_leavers", "youth_jobseeker_rate", "youth_benefit_share",
                     "share_of_national_neet")


def aftercare_section(view: StoreView, period: str, lang: str) -> list:
    """Bar chart (counts) and table (counts and rates) of the aftercare groups per region."""
    frame = aftercare(view, LEVEL, period)
    school_year = school_year_for(period)
    bars = [trace("bar", y=frame["region_name"].tolist(), x=typed_array(frame[measure].to_numpy(float)),
                  orientation="h", marker={"color": colour}, name=t(f"priority.aftercare.{measure}", lang),
                  hovertemplate="%{y}: %{x:,.0f}<extra>" + t(f"priority.aftercare.{measure}", lang) + "</extra>")
            for measure, colour in (("neet_count", palette.CATEGORICAL[0]),
                                    ("early_school_leavers", palette.CATEGORICAL[1]))]
    fig = figure(bars, {
        "barmode": "group", "height": max(320, 26 * len(frame) + 120), "margin": {"l": 10, "r": 20, "t": 40, "b": 50},
        "plot_bgcolor": palette.BACKGROUND, "separators": plotly_separators(lang),
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        "yaxis": {"categoryorder": "array", "categoryarray": list(frame["region_name"])[::-1]},
        "xaxis": {"title": {"text": t("priority.aftercare_axis", lang)}, "gridcolor": palette.GRID}})
    decimals = {"neet_count": 0, "early_school_leavers": 0}
    rows = [html.Tr([html.Th(r["region_name"], scope="row"),
                     *[html.Td(fmt_number(r[c], lang, decimals.get(c, 1))) for c in AFTERCARE_COLUMNS]])
            for _, r in frame.iterrows()]
    table = html.Table([
        html.Caption(t("priority.aftercare_caption", lang, period=period)),
        html.Thead(html.Tr([html.Th(t("priority.col.region", lang), scope="col"),
                            *[html.Th(t(f"priority.aftercare.{c}", lang), scope="col") for c in AFTERCARE_COLUMNS]])),
        html.Tbody(rows)], className="data-table")
    return [html.P(t("priority.aftercare_help", lang, period=period, school_year=school_year), className="help"),
            dcc.Graph(id="priority-aftercare-chart", figure=fig, config={"displayModeBar": False}),
            html.Details([html.Summary(t("priority.show_aftercare_table", lang)), table], open=False)]


# --- callbacks ------------------------------------------------------------------------------------------------------

def reset_weights(_clicks: int | None) -> list[float]:
    return [DEFAULT_WEIGHTS[c] for c in COMPONENTS]


def update(values: list[float | None], norm: str | None, period: str | None, lang: str | None) -> tuple:
    """Re-render every section for the new weights, normalisation or year."""
    lang = normalise_lang(lang)
    view = get_view()
    values = list(values) if isinstance(values, (list, tuple)) else []
    weights = {c: _snap(values[i] if i < len(values) else 0.0) for i, c in enumerate(COMPONENTS)}
    norm = norm if isinstance(norm, str) and norm in NORMALISATIONS else "zscore"
    periods = store_periods(view)
    period = period if isinstance(period, str) and period in periods else (periods[-1] if periods else None)
    parts = render(view, weights, norm, period, lang)
    help_text = t("priority.period_help", lang, school_year=school_year_for(period) if period else "–")
    return (_notice(parts["notice"]), parts["summary"], parts["ranking"], parts["table"], parts["missing"],
            parts["map"], parts["map_help"], parts["aftercare"], parts["download"], parts["status"], help_text,
            url_query(weights, norm, period))


# Keep the state in the address bar (a shareable link) without reloading the page.


KEEP_QUERY_IN_ADDRESS_BAR_JS = """
    function(query) {
        if (!query) { return window.dash_clientside.no_update; }
        var url = new URL(window.location.href);
        Object.keys(query).forEach(function (key) {
            if (query[key]) { url.searchParams.set(key, query[key]); } else { url.searchParams.delete(key); }
        });
        var search = url.search.replace(/%3A/gi, ':').replace(/%2C/gi, ',');
        window.history.replaceState(window.history.state, '', url.pathname + search + url.hash);
        return window.dash_clientside.no_update;
    }
    """


def register(app: dash.Dash) -> None:
    """Add this page and its callbacks to ``app`` (called once per app by :func:`dashboard.app.create_app`)."""
    dash.register_page(
        __package__, layout=layout, path="/prioriteit", name="Prioriteit", order=3,
                       title="Prioriteit – Jongeren en arbeidsmarkt",
                       description="Behoefte-index per arbeidsmarktregio met onzekerheid, vergelijkbare regio's en nazorg.")
    app.callback(
        Output({"type": WEIGHT_ID, "component": ALL}, "value"),
        Input("priority-reset", "n_clicks"),
        prevent_initial_call=True,
    )(reset_weights)
    app.callback(
        Output("priority-notice", "children"), Output("priority-summary", "children"),
        Output("priority-ranking", "figure"), Output("priority-table", "children"),
        Output("priority-missing", "children"), Output("priority-map", "figure"),
        Output("priority-map-help", "children"), Output("priority-aftercare", "children"),
        Output("priority-download", "href"), Output("priority-status", "children"),
        Output("priority-period-help", "children"), Output("priority-query", "data"),
        Input({"type": WEIGHT_ID, "component": ALL}, "value"),
        Input("priority-norm", "value"), Input("priority-period", "value"),
        State("priority-lang", "data"),
        prevent_initial_call=True,
    )(update)
    app.clientside_callback(
        KEEP_QUERY_IN_ADDRESS_BAR_JS,
        Output("priority-url-sink", "children"),
        Input("priority-query", "data"),
        prevent_initial_call=True,
    )
