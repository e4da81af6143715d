"""Region profile ("/regio/<code>"): every indicator for one arbeidsmarktregio (AM15) or gemeente (GM0363).

Header with name, level and parent (linked); a card per indicator with its latest value, change, position
among the regions of its level, a small trend against Nederland, definition and source; the municipalities
of the labour-market region on a map and in a table (for a municipality: its region's municipalities, itself
outlined); the need-index section ("Prioriteit en vergelijkbare regio's": rank, interval, contributions, peers,
read from the index and peers the ETL build stores); the one-A4 brief, built when the print button is pressed.
Unknown or malformed codes render a friendly "niet gevonden" page with links back, never an error. ``?lang=en``
for English.
"""

from __future__ import annotations

from typing import Any

import dash
import flask
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from dashboard.data.brief import region_brief
from dashboard.data.domain import REGIONAL_LEVELS
from dashboard.data.need import NEED_INDEX, need_inputs_meta, need_meta, need_region_summary
from dashboard.data.queries import region_info
from dashboard.data.store import get_view
from dashboard.pages.region import view as rv
from dashboard.ui.components.brief import region_brief_view
from dashboard.ui.components.source_note import composite_note, figure_mark
from dashboard.ui.i18n import normalise_lang, t
from dashboard.ui.json_data import answers_json_data

NEED, CODE, LANG = "region-need", "region-code", "region-lang"
PRINT, PRINT_BRIEF, PRINT_SINK = "region-print", "region-print-brief", "region-print-sink"


def _title(code: Any = None, **_: Any) -> str:
    """The browser title: the region's name, or "Regio niet gevonden"."""
    try:
        info = region_info(get_view(), code)
    except Exception:                       # noqa: BLE001 - a title must never break the page
        info = None
    if not info or info["level"] not in REGIONAL_LEVELS:
        return f"{t('region.not_found_title')} – {t('common.app_title')}"
    return t("region.page_title", name=info["name"])



def exists(code: Any = None, **_: Any) -> bool:
    """Whether ``/regio/<code>`` names a region with a profile (the server answers 404 otherwise)."""
    info = region_info(get_view(), code)
    return bool(info and info["level"] in REGIONAL_LEVELS)


def layout(code: Any = None, lang: str = "nl", **_query: Any) -> html.Div:
    lang = normalise_lang(lang)
    view = get_view()
    info = region_info(view, code)
    if not info or info["level"] not in REGIONAL_LEVELS:
        return rv.not_found(code, lang)
    n = int((view.regions["region_level"] == info["level"]).sum())
    meta = need_meta(view)
    need = html.Section([                       # the index's mark in the heading, its parts in the source line
        html.H2([t("region.need_heading", lang), " ", figure_mark(meta, lang)], id="region-need-heading"),
        html.Div(rv.need_section(need_region_summary(view, info["code"], info["level"]), info, lang), id=NEED),
        composite_note(meta, need_inputs_meta(view), lang),
    ], className="need-summary", **{"aria-labelledby": "region-need-heading", "data-indicator": NEED_INDEX})
    return html.Div([
        dcc.Store(id=CODE, data=info["code"]),
        dcc.Store(id=LANG, data=lang),
        *rv.header(info, lang),
        html.P(html.Button(t("region.print", lang), id=PRINT, type="button", className="button print-button"),
               className="region-print"),
        html.P(t("region.intro", lang, name=info["name"], n=n,
                 level_plural=t(f"region.level_plural.{info['level']}", lang)), className="lead"),
        html.Section([
            html.H2(t("region.indicators_heading", lang), id="region-indicators-heading"),
            html.Div(rv.indicator_cards(view, info, lang), className="region-cards"),
        ], **{"aria-labelledby": "region-indicators-heading"}),
        rv.municipalities_section(view, info, lang),
        need,
        html.Div(id=PRINT_BRIEF, className="print-only region-print-brief"),
        html.Div(id=PRINT_SINK, hidden=True),
    ], className="page page-region", **{"data-region": info["code"]})


def fill_print_brief(_clicks: Any, code: Any, lang: Any) -> Any:
    """The region's board brief, hidden on screen, what the page prints (one A4; same as ``/?regio=<code>``): built
    when the print button is pressed, not for every visit (printing with the browser's own command before that
    prints the profile itself)."""
    lang = normalise_lang(lang)
    view = get_view()
    info = region_info(view, code)
    if not info or info["level"] not in REGIONAL_LEVELS:
        raise PreventUpdate
    return region_brief_view(region_brief(view, info["code"]), lang, view.manifest, view.data_version,
                             url=brief_url(info["code"], lang), heading_level=2)


def brief_url(code: str, lang: str) -> str:
    """The shareable address of the region's brief on the overview page (printed at its foot)."""
    host = flask.request.host_url.rstrip("/") if flask.has_request_context() else ""
    return f"{host}/?regio={code}" + ("&lang=en" if lang == "en" else "")


# Print once the brief is in the page (the button also asks the server for it: fill_print_brief).
PRINT_JS = """
    function(n) {
        if (!n) { return window.dash_clientside.no_update; }
        var tries = 0;
        (function go() {
            var ready = document.querySelector('#region-print-brief .brief');
            if (ready || tries++ > 100) { window.print(); } else { window.setTimeout(go, 100); }
        })();
        return window.dash_clientside.no_update;
    }
    """


def register(app: dash.Dash) -> None:
    """Add this page and its callbacks to ``app`` (called once per app by :func:`dashboard.app.create_app`)."""
    dash.register_page(
        __package__, layout=layout, path_template="/regio/<code>", name="Regio", title=_title,
                       description="Profiel van een arbeidsmarktregio of gemeente: alle jongerenindicatoren, positie en "
                                   "ontwikkeling, uit open data van CBS.", exists=exists)
    app.callback(Output(PRINT_BRIEF, "children"), Input(PRINT, "n_clicks"), State(CODE, "data"), State(LANG, "data"),
                 prevent_initial_call=True)(answers_json_data(fill_print_brief))
    app.clientside_callback(PRINT_JS, Output(PRINT_SINK, "children"), Input(PRINT, "n_clicks"),
                            prevent_initial_call=True)
