"""Priority ("/prioriteit"): where joint action is most needed — need index, rank intervals, sensitivity, map,
aftercare — per arbeidsmarktregio, RMC region or gemeente.

State lives in the URL: ``/prioriteit?niveau=gemeente&w=neet_share:2,youth_jobseeker_rate:1,...&norm=zscore
&periode=2023&sorteer=neet_share&lang=en`` (``w`` as in the API's ``weights``: components not named weigh 0;
``sorteer``: the aftercare column to sort by).  Controls re-render the sections in place and add the query to the
browser's history (``history.pushState``).  The page draws without Plotly and without Dash's lazily loaded
controls, so its first screen comes at once: the ranking is HTML and CSS, the map an image drawn on the server (the
app's one colour rule: yellow = more need), the weights the browser's range inputs, the year radio buttons; the
ranking and sensitivity tables are built when opened.  Building blocks live in :mod:`dashboard.pages.priority.parts`.
"""

from __future__ import annotations

import json
import math
from typing import Any
from urllib.parse import urlencode

import dash
from dash import ALL, MATCH, Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from analysis.inputs import COMPONENTS
from analysis.need_index import (
    DEFAULT_DRAWS,
    DEFAULT_WEIGHTS,
    NORMALISATIONS,
    WeightsError,
    format_weights,
    parse_weights,
)
from dashboard.data.aftercare import MEASURES
from dashboard.data.domain import REGIONAL_LEVELS
from dashboard.data.need import NEED_INDEX, need_inputs_meta, need_meta, need_periods
from dashboard.data.store import get_view
from dashboard.data.view import StoreView
from dashboard.pages.priority import parts as p
from dashboard.ui.components.demo_banner import method_href
from dashboard.ui.components.explain import explanation
from dashboard.ui.components.source_note import composite_note, figure_mark
from dashboard.ui.components.url_notice import url_notice
from dashboard.ui.i18n import fmt_number, normalise_lang, t
from dashboard.ui.json_data import answers_json_data
from dashboard.ui.urls import last_value
from etl.transform.periods import school_year_ending

LEVEL = "arbeidsmarktregio"               # the default level
SLIDER_MAX, SLIDER_STEP = 3.0, 0.5
TOP_K = p.TOP_K
WEIGHT_ID = "priority-weight"             # the weights: the browser's own range inputs (pattern-matching ids)
WEIGHT_TEXT_ID = "priority-weight-text"   # the weight beside each label, written in the browser
WEIGHT_TICKS_ID = "priority-weight-ticks"
SORT_ID = p.SORT_ID
MORE_ID = p.MORE_ID
LONG_TABLES = ("ranking", "aftercare")    # the tables that show their first rows until "show all" is pressed
DEFAULT_SORT = "neet_count"
render = p.render                         # re-exported: (view, weights, norm, period, lang, level) -> parts


# --- state ----------------------------------------------------------------------------------------------------------

def page_state(view: StoreView, w: Any = None, norm: Any = None, periode: Any = None,
               niveau: Any = None) -> tuple[dict[str, float], str, str | None, str]:
    """URL query -> (slider weights, normalisation, period, level); anything invalid falls back to the default."""
    try:
        weights = parse_weights(last_value(w)) if last_value(w) else dict(DEFAULT_WEIGHTS)
    except WeightsError:
        weights = dict(DEFAULT_WEIGHTS)
    weights = {c: _snap(weights.get(c, 0.0)) for c in COMPONENTS}
    if not any(weights.values()):
        weights = dict(DEFAULT_WEIGHTS)
    norm = last_value(norm) if last_value(norm) in NORMALISATIONS else "zscore"
    level = valid_level(niveau)
    periods = store_periods(view, level)
    period = last_value(periode)
    if period not in periods:
        period = periods[-1] if periods else None
    return weights, norm, period, level


def page_corrections(view: StoreView, w: Any, norm: Any, periode: Any, niveau: Any, state: tuple, lang: str
                     ) -> list[tuple[str, dict[str, str]]]:
    """What :func:`page_state` replaced of the URL's values, in words, for the notice on the page."""
    weights, used_norm, period, level = state
    out: list[tuple[str, dict[str, str]]] = []
    given_w = last_value(w)
    if given_w:
        try:
            parsed = parse_weights(given_w)
        except WeightsError:
            parsed = {}
        if not any(_snap(parsed.get(c, 0.0)) for c in COMPONENTS):
            out.append(("weights", {}))
        else:                                   # a weight off the sliders' grid shows as the nearest step
            out += [("weight_grid", {"component": t(f"priority.component.{c}", lang), "given": given[:20],
                                     "used": weight_text(weights[c], lang)})
                    for c, given in _given_weights(given_w).items()
                    if c in parsed and parsed[c] != weights[c]]
    if last_value(norm) and last_value(norm) != used_norm:
        out.append(("norm", {"given": last_value(norm)[:40], "used": t(f"priority.norm.{used_norm}", lang)}))
    if last_value(niveau) and last_value(niveau) != level:
        out.append(("level", {"given": last_value(niveau)[:40], "used": t(f"priority.level.{level}", lang)}))
    if last_value(periode) and last_value(periode) != period:
        out.append(("period", {"given": last_value(periode)[:40], "used": period or "–"}))
    return out


def _given_weights(text: str) -> dict[str, str]:
    """``'neet_share:1.3,...'`` -> each component's weight as written (for the notice; the text parsed already)."""
    return {name.strip(): value.strip() for name, _, value in (item.partition(":") for item in text.split(","))}


def canonical_search(weights: dict[str, float], norm: str, period: str | None, level: str, sort: str,
                     lang: str) -> str:
    """The query of the state on screen, as the page writes it into the address bar."""
    query = {k: v for k, v in url_query(weights, norm, period, level).items() if v}
    if sort != DEFAULT_SORT:
        query["sorteer"] = sort
    if lang == "en":
        query["lang"] = "en"
    return "?" + urlencode(query, safe=":,")


def valid_level(value: Any) -> str:
    level = last_value(value)
    return level if level in REGIONAL_LEVELS else LEVEL


def valid_sort(value: Any) -> str:
    sort = last_value(value)
    return sort if sort in MEASURES else DEFAULT_SORT


def store_periods(view: StoreView, level: str = LEVEL) -> list[str]:
    """Youth years with data for every component at ``level``."""
    return list(need_periods(view, level))


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


def weight_dom_id(component: str) -> str:
    """The HTML id Dash gives the weight input of ``component`` (its dict id as sorted, compact JSON)."""
    return json.dumps({"component": component, "type": WEIGHT_ID}, separators=(",", ":"))


def settings_text(weights: dict[str, float], norm: str, period: str | None, level: str, lang: str) -> str:
    """The settings on screen in one line, for paper (the controls are not printed): level, year, weights and
    normalisation."""
    shown = ", ".join(f"{t(f'priority.component.{c}', lang)} {weight_text(weights[c], lang)}"
                      for c in COMPONENTS if weights[c] > 0)
    return t("priority.settings_line", lang, level=t(f"priority.level.{level}", lang), period=period or "–",
             weights=shown, norm=t(f"priority.norm.{norm}", lang))


def weight_text(weight: float, lang: str) -> str:
    """A weight as the label beside its slider shows it: "1", "1,5" / "1.5"."""
    return fmt_number(weight, lang, 0 if float(weight).is_integer() else 1)


def url_query(weights: dict[str, float], norm: str, period: str | None, level: str = LEVEL) -> dict[str, str]:
    return {"w": format_weights(weights), "norm": norm, "periode": period or "",
            "niveau": "" if level == LEVEL else level}


# --- layout ---------------------------------------------------------------------------------------------------------

def on_request(box: str, summary: str, **props: Any) -> list[Any]:
    """A table built when a reader opens it (assets/shell.js tells the store ``{box}-open``), and kept current by
    the page's callbacks while open: the first screen does not carry tables nobody opened."""
    return [html.Details([html.Summary(summary), html.Div(id=box, **props)], id=f"{box}-details",
                         className="table-toggle", **{"data-open-store": f"{box}-open"}),
            dcc.Store(id=f"{box}-open", data=False)]


def layout(lang: str = "nl", w: Any = None, norm: Any = None, periode: Any = None, niveau: Any = None,
           sorteer: Any = None, **_query: Any) -> html.Div:
    lang = normalise_lang(lang)
    view = get_view()
    state = page_state(view, w, norm, periode, niveau)
    fixed = page_corrections(view, w, norm, periode, niveau, state, lang)
    weights, norm, period, level = state
    sort = valid_sort(sorteer)
    periods = store_periods(view, level)
    sliders = [html.Div([
        html.Label([t(f"priority.component.{c}", lang), " ",
                    html.Output(weight_text(weights[c], lang), id={"type": WEIGHT_TEXT_ID, "component": c},
                                className="weight-value", htmlFor=weight_dom_id(c))],
                   htmlFor=weight_dom_id(c), id=f"{WEIGHT_ID}-{c}-label"),
        html.Div(dcc.Input(id={"type": WEIGHT_ID, "component": c}, type="range", min=0, max=SLIDER_MAX,
                           step=SLIDER_STEP, value=weights[c], list=WEIGHT_TICKS_ID, className="weight-range"),
                 **{"data-on-release": "true"}),           # a drag is one change (assets/shell.js)
        html.Div([html.Span(str(i)) for i in range(int(SLIDER_MAX) + 1)], className="weight-scale",
                 **{"aria-hidden": "true"}),
    ], className="control slider-control") for c in COMPONENTS]
    controls = html.Section([
        html.H2(t("priority.controls", lang), id="priority-controls-heading"),
        html.Fieldset([html.Legend(t("priority.level", lang), className="control-label"),
                       dcc.RadioItems(id="priority-level", value=level, inline=True,
                                      options=[{"label": t(f"priority.level.{lv}", lang), "value": lv}
                                               for lv in REGIONAL_LEVELS]),
                       html.P(t("priority.level_help", lang), className="help")], className="control control-fieldset"),
        html.Fieldset([html.Legend(t("priority.weights", lang)),
                       html.P(t("priority.weights_help", lang), className="help"), *sliders,
                       html.Datalist([html.Option(value=str(i * SLIDER_STEP))
                                      for i in range(int(SLIDER_MAX / SLIDER_STEP) + 1)], id=WEIGHT_TICKS_ID),
                       html.Button(t("priority.reset", lang), id="priority-reset", type="button", className="button")],
                      id="priority-weights"),
        html.Fieldset([html.Legend(t("priority.normalisation", lang), className="control-label"),
                       dcc.RadioItems(id="priority-norm", value=norm, inline=True,
                                      options=[{"label": t(f"priority.norm.{n}", lang), "value": n}
                                               for n in NORMALISATIONS])],
                      className="control control-fieldset"),
        html.Fieldset([html.Legend(t("priority.period", lang), className="control-label"),
                       dcc.RadioItems(id="priority-period", value=period, inline=True,
                                      options=[{"label": y, "value": y} for y in reversed(periods)]),
                       html.P(t("priority.period_help", lang,
                                school_year=school_year_ending(period) if period else "–"),
                              id="priority-period-help", className="help")], className="control control-fieldset"),
    ], className="priority-controls", **{"aria-labelledby": "priority-controls-heading"})
    parts = render(view, weights, norm, period, lang, level)
    after = p.aftercare_part(view, period, lang, level, sort) if period else None
    meta = need_meta(view)
    mark = figure_mark(meta, lang)                          # beside each figure of the index: demo or its tables
    return html.Div([
        html.H1(t("priority.title", lang), className="page-title"),
        html.P([t("priority.intro", lang), " ",
                html.A(t("priority.method_link", lang), href=method_href(lang, "methode-need-index"))],
               className="lead"),
        explanation("index", lang),
        url_notice(fixed, canonical_search(weights, norm, period, level, sort, lang), lang, "priority-url-notice"),
        html.Div(p.notice(parts["notice"]), id="priority-notice", role="alert"),
        html.P(id="priority-status", role="status", className="visually-hidden"),
        # The ranking first (a phone's first screen shows it), then the controls: on a wide screen right of the
        # results, in a column of their own that stays in view, so reading and Tab order agree (priority.css).
        html.Div([html.Section([
            html.H2([t("priority.ranking", lang), " ", mark], id="priority-ranking-heading"),
            html.P(parts["summary"], id="priority-summary"),
            html.P(settings_text(weights, norm, period, level, lang), id="priority-settings", className="print-only"),
            html.P(parts["ranking_note"], id="priority-ranking-note", className="help"),
            html.Div(html.Div(parts["ranking"], id="priority-ranking", className="rank-chart",
                              style=parts["ranking_style"]), id="priority-ranking-box", hidden=parts["empty"]),
            html.P(t("priority.ranking_help", lang, draws=fmt_number(DEFAULT_DRAWS, lang, 0)), className="help"),
            explanation("interval", lang),
            *on_request("priority-table", t("priority.show_table", lang), className="table-scroll"),
            html.P(parts["missing"], id="priority-missing"),
            html.A(t("priority.download", lang), id="priority-download", href=parts["download"], className="button",
                   hidden=parts["empty"]),
        ], **{"aria-labelledby": "priority-ranking-heading", "data-indicator": NEED_INDEX}, className="priority-ranking-section"),
        controls,
        html.Section([
            html.H2([t("priority.sensitivity", lang), " ", mark], id="priority-sensitivity-heading"),
            explanation("sensitivity", lang),
            html.Div(parts["sensitivity"], id="priority-sensitivity"),
            *on_request("priority-sensitivity-table", t("priority.show_sensitivity", lang)),
        ], **{"aria-labelledby": "priority-sensitivity-heading", "data-indicator": NEED_INDEX}),
        html.Section([
            html.H2([t("priority.map", lang), " ", mark], id="priority-map-heading"),
            html.P(parts["map_help"], id="priority-map-help", className="help"),
            html.P(t("priority.map_legend", lang), className="help map-legend-text"),
            html.Div(parts["map"], id="priority-map-box", className="priority-map", hidden=parts["empty"]),
        ], **{"aria-labelledby": "priority-map-heading", "data-indicator": NEED_INDEX}),
        html.Section([
            html.H2(t("priority.aftercare", lang), id="priority-aftercare-heading"),
            html.Div(after, id="priority-aftercare"),
        ], **{"aria-labelledby": "priority-aftercare-heading"})], className="priority-body"),
        composite_note(meta, need_inputs_meta(view), lang),
        dcc.Store(id="priority-lang", data=lang),
        dcc.Store(id="priority-query", data=url_query(weights, norm, period, level)),
        dcc.Store(id="priority-sort-state", data=sort),
        dcc.Store(id="priority-all", data=[]),            # the long tables the user asked to see whole
        dcc.Store(id="priority-sort-query", data={"sorteer": "" if sort == DEFAULT_SORT else sort}),
        html.Div(id="priority-url-sink", hidden=True),
        html.Div(id="priority-sort-sink", hidden=True),
    ], className="page page-priority")


# --- callbacks ------------------------------------------------------------------------------------------------------

def reset_weights(_clicks: int | None) -> tuple[list[float], str]:
    """The documented defaults: every weight 1 and z-scores."""
    return [DEFAULT_WEIGHTS[c] for c in COMPONENTS], "zscore"


def whole(shown: Any, key: str) -> bool:
    """Whether the user asked to see the table ``key`` whole (the ``priority-all`` store)."""
    return isinstance(shown, list) and key in shown


def controls_state(view: StoreView, values: Any, norm: Any, period: Any, level: Any
                   ) -> tuple[dict[str, float], str, str | None, str, list[str]]:
    """The controls' values as sent by the browser -> (weights, normalisation, period, level, the level's years);
    anything invalid falls back to the default."""
    values = list(values) if isinstance(values, (list, tuple)) else []
    weights = {c: _snap(values[i] if i < len(values) else 0.0) for i, c in enumerate(COMPONENTS)}
    norm = norm if isinstance(norm, str) and norm in NORMALISATIONS else "zscore"
    level = valid_level(level if isinstance(level, str) else None)
    periods = store_periods(view, level)
    period = period if isinstance(period, str) and period in periods else (periods[-1] if periods else None)
    return weights, norm, period, level, periods


def update(values: Any, norm: Any, period: Any, level: Any = LEVEL, lang: Any = "nl",
           sort: Any = DEFAULT_SORT, shown: Any = None) -> dict[str, Any]:
    """Re-render every section that depends on the weights, normalisation, year or level (the aftercare table too:
    one response, so the address bar follows every change); a table the user asked to see whole stays whole.  The
    tables built on request follow the same controls in callbacks of their own (:func:`fill_on_request`)."""
    lang = normalise_lang(lang)
    view = get_view()
    weights, norm, period, level, periods = controls_state(view, values, norm, period, level)
    parts = render(view, weights, norm, period, lang, level, whole(shown, "ranking"))
    return {
        "settings": settings_text(weights, norm, period, level, lang),
        "notice": p.notice(parts["notice"]), "summary": parts["summary"], "ranking": parts["ranking"],
        "ranking_style": parts["ranking_style"], "ranking_note": parts["ranking_note"],
        "ranking_hidden": parts["empty"], "missing": parts["missing"], "sensitivity": parts["sensitivity"],
        "map": parts["map"],
        "map_help": parts["map_help"], "map_hidden": parts["empty"], "download": parts["download"],
        "download_hidden": parts["empty"], "status": parts["status"],
        "help": t("priority.period_help", lang, school_year=school_year_ending(period) if period else "–"),
        "period_options": [{"label": y, "value": y} for y in reversed(periods)],
        "query": url_query(weights, norm, period, level),
        "aftercare": p.aftercare_part(view, period, lang, level, valid_sort(sort if isinstance(sort, str) else None),
                                      whole(shown, "aftercare")) if period else None,
    }


def fill_on_request(part: str) -> Any:
    """The callback that builds the table ``part`` (``table`` or ``sensitivity_table``) of :func:`render` when a
    reader opens it, and again at every change of the controls while it is open (and empties it when closed).

    One callback per table, the only one that fills it but for "show all": when a change comes while an answer is
    on its way, Dash drops the older answer of the same callback, so an opened table always shows the controls'
    latest state (two callbacks writing it could land in either order)."""
    def fill(is_open: Any, values: Any, norm: Any, period: Any, level: Any, lang: Any, shown: Any) -> Any:
        if is_open is not True:
            return None
        lang = normalise_lang(lang)
        view = get_view()
        weights, norm, period, level, _ = controls_state(view, values, norm, period, level)
        return render(view, weights, norm, period, lang, level, whole(shown, "ranking"))[part]
    return answers_json_data(fill)


def choose_sort(_clicks: Any, current: Any) -> str:
    """A click on a column heading of the aftercare table sorts by that column.

    Re-rendering the table brings new buttons, which Dash reports as a change of this pattern-matching input:
    anything but a click on another column is no update (else table and sort would re-render each other forever).
    """
    triggered = ctx.triggered_id
    clicked = [c for c in (_clicks if isinstance(_clicks, list) else []) if c]
    if not (isinstance(triggered, dict) and triggered.get("key") in MEASURES and clicked):
        raise PreventUpdate
    if triggered["key"] == valid_sort(current):
        raise PreventUpdate
    return str(triggered["key"])


def update_aftercare(sort: Any, level: Any, period: Any, lang: Any, shown: Any = None) -> tuple[Any, dict[str, str]]:
    """The aftercare table sorted by another column (level, year and length as they are)."""
    lang = normalise_lang(lang)
    view = get_view()
    _, _, period, level, _ = controls_state(view, None, None, period, level)
    sort = valid_sort(sort if isinstance(sort, str) else None)
    section = p.aftercare_part(view, period, lang, level, sort, whole(shown, "aftercare")) if period else None
    return section, {"sorteer": "" if sort == DEFAULT_SORT else sort}


def show_all(_clicks: Any, shown: Any, values: Any, norm: Any, period: Any, level: Any, lang: Any,
             sort: Any) -> dict[str, Any]:
    """A "show all" button pressed: its table built whole (every row) and remembered as such, so that a change of
    weights, year or sort keeps it whole.  A button that appears because a table was re-rendered, which Dash
    reports as a change of this pattern-matching input, is no update."""
    triggered = ctx.triggered_id
    clicked = [c for c in (_clicks if isinstance(_clicks, list) else []) if c]
    if not (isinstance(triggered, dict) and triggered.get("key") in LONG_TABLES and clicked):
        raise PreventUpdate
    key = triggered["key"]
    shown = [k for k in (shown if isinstance(shown, list) else []) if k in LONG_TABLES]
    lang = normalise_lang(lang)
    view = get_view()
    weights, norm, period, level, _ = controls_state(view, values, norm, period, level)
    if period is None or key in shown:
        raise PreventUpdate
    out: dict[str, Any] = {"table": dash.no_update, "aftercare": dash.no_update, "shown": sorted({*shown, key})}
    if key == "ranking":
        out["table"] = render(view, weights, norm, period, lang, level, True)["table"]
    else:
        out["aftercare"] = p.aftercare_part(view, period, lang, level,
                                            valid_sort(sort if isinstance(sort, str) else None), True)
    return out


# The weight beside a slider's label follows the slider at once, in the browser (the page's language's decimal mark).
WEIGHT_TEXT_JS = """
    function(value, lang) {
        var number = Number(value);
        if (!isFinite(number)) { return window.dash_clientside.no_update; }
        var text = String(number);
        return lang === 'en' ? text : text.replace('.', ',');
    }
    """


# Keep the state in the address bar (a shareable link) without reloading the page, each change a step of the
# browser's history as on /verkennen (Back shows the previous weighting; the page router re-renders it from the
# URL).  One callback per store: the weights/level store and the sort store are written by different callbacks.
KEEP_QUERY_IN_ADDRESS_BAR_JS = """
    function(query) {
        if (!query) { return window.dash_clientside.no_update; }
        var url = new URL(window.location.href);
        Object.keys(query).forEach(function (key) {
            if (query[key]) { url.searchParams.set(key, query[key]); } else { url.searchParams.delete(key); }
        });
        var search = url.search.replace(/%3A/gi, ':').replace(/%2C/gi, ',');
        if (search !== window.location.search) {
            window.history.pushState(window.history.state, '', url.pathname + search + url.hash);
        }
        return window.dash_clientside.no_update;
    }
    """


UPDATE_OUTPUTS = {
    "settings": Output("priority-settings", "children"),
    "notice": Output("priority-notice", "children"), "summary": Output("priority-summary", "children"),
    "ranking": Output("priority-ranking", "children"), "ranking_style": Output("priority-ranking", "style"),
    "ranking_note": Output("priority-ranking-note", "children"),
    "ranking_hidden": Output("priority-ranking-box", "hidden"),
    "missing": Output("priority-missing", "children"), "sensitivity": Output("priority-sensitivity", "children"),
    "map": Output("priority-map-box", "children"), "map_help": Output("priority-map-help", "children"),
    "map_hidden": Output("priority-map-box", "hidden"), "download": Output("priority-download", "href"),
    "download_hidden": Output("priority-download", "hidden"), "status": Output("priority-status", "children"),
    "help": Output("priority-period-help", "children"), "period_options": Output("priority-period", "options"),
    "query": Output("priority-query", "data"), "aftercare": Output("priority-aftercare", "children"),
}


def register(app: dash.Dash) -> None:
    """Add this page and its callbacks to ``app`` (called once per app by :func:`dashboard.app.create_app`)."""
    dash.register_page(
        __package__, layout=layout, path="/prioriteit", name="Prioriteit", order=3,
        title="Prioriteit – Jongeren en arbeidsmarkt",
        description="Behoefte-index per arbeidsmarktregio en gemeente met onzekerheid, gevoeligheid, vergelijkbare "
                    "regio's en nazorg.")
    app.callback(
        Output({"type": WEIGHT_ID, "component": ALL}, "value"), Output("priority-norm", "value"),
        Input("priority-reset", "n_clicks"),
        prevent_initial_call=True,
    )(reset_weights)
    app.callback(
        output=UPDATE_OUTPUTS,
        inputs=[Input({"type": WEIGHT_ID, "component": ALL}, "value"), Input("priority-norm", "value"),
                Input("priority-period", "value"), Input("priority-level", "value")],
        state=[State("priority-lang", "data"), State("priority-sort-state", "data"), State("priority-all", "data")],
        prevent_initial_call=True,
    )(answers_json_data(update))
    for box, part in (("priority-table", "table"), ("priority-sensitivity-table", "sensitivity_table")):
        app.callback(
            Output(box, "children", allow_duplicate=True),
            Input(f"{box}-open", "data"),
            Input({"type": WEIGHT_ID, "component": ALL}, "value"), Input("priority-norm", "value"),
            Input("priority-period", "value"), Input("priority-level", "value"), State("priority-lang", "data"),
            State("priority-all", "data"),
            prevent_initial_call=True,
        )(fill_on_request(part))
    app.callback(
        Output("priority-sort-state", "data"),
        Input({"type": SORT_ID, "key": ALL}, "n_clicks"), State("priority-sort-state", "data"),
        prevent_initial_call=True,
    )(choose_sort)
    app.callback(
        Output("priority-aftercare", "children", allow_duplicate=True), Output("priority-sort-query", "data"),
        Input("priority-sort-state", "data"),
        State("priority-level", "value"), State("priority-period", "value"), State("priority-lang", "data"),
        State("priority-all", "data"),
        prevent_initial_call=True,
    )(answers_json_data(update_aftercare))
    app.callback(
        output={"table": Output("priority-table", "children", allow_duplicate=True),
                "aftercare": Output("priority-aftercare", "children", allow_duplicate=True),
                "shown": Output("priority-all", "data")},
        inputs=[Input({"type": MORE_ID, "key": ALL}, "n_clicks")],
        state=[State("priority-all", "data"), State({"type": WEIGHT_ID, "component": ALL}, "value"),
               State("priority-norm", "value"), State("priority-period", "value"), State("priority-level", "value"),
               State("priority-lang", "data"), State("priority-sort-state", "data")],
        prevent_initial_call=True,
    )(answers_json_data(show_all))
    app.clientside_callback(
        WEIGHT_TEXT_JS,
        Output({"type": WEIGHT_TEXT_ID, "component": MATCH}, "children"),
        Input({"type": WEIGHT_ID, "component": MATCH}, "value"), State("priority-lang", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        KEEP_QUERY_IN_ADDRESS_BAR_JS,
        Output("priority-url-sink", "children"),
        Input("priority-query", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        KEEP_QUERY_IN_ADDRESS_BAR_JS,
        Output("priority-sort-sink", "children"),
        Input("priority-sort-query", "data"),
        prevent_initial_call=True,
    )
