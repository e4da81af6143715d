"""Overview ("/"): the board brief, for Nederland (the alliance's own board) or one region.

State lives in the URL: ``/`` (Nederland), ``/?regio=AM15`` (an arbeidsmarktregio), ``/?regio=GM0363`` (a
gemeente), ``&lang=en``.  The region is chosen with a native ``<select>`` in a GET form (Dash 4's dropdown gives
its focusable element ``aria-hidden`` and no accessible name), so a choice is a plain, shareable link.  The brief
prints on one A4 page (assets/print.css); the top-5 tables and the data-as-of table below it are for the screen.
"""

from __future__ import annotations

from typing import Any

import dash
import flask
from dash import Input, Output, dcc, html

from dashboard.data.brief import national_brief, region_brief
from dashboard.data.domain import NATIONAL_CODE, REGIONAL_LEVELS
from dashboard.data.overview import KEY_INDICATORS, REGION_LEVEL, data_as_of, indicator_top, need_indicators
from dashboard.data.queries import region_choices, region_info
from dashboard.data.store import get_view
from dashboard.data.view import StoreView
from dashboard.pages.overview.cards import asof_table, top_table
from dashboard.ui import ids
from dashboard.ui.components.brief import national_brief_view, region_brief_view
from dashboard.ui.components.demo_banner import method_href
from dashboard.ui.i18n import normalise_lang, t
from dashboard.ui.json_data import element
from dashboard.ui.urls import last_value

__all__ = ["KEY_INDICATORS", "layout", "register"]


def chosen_region(view: StoreView, regio: Any) -> tuple[dict[str, Any] | None, bool]:
    """(region info or None for Nederland, whether the code was unknown)."""
    code = last_value(regio)
    if not code:
        return None, False
    info = region_info(view, code)
    if info and info["level"] in REGIONAL_LEVELS:
        return info, False
    return None, not (info and info["code"] == NATIONAL_CODE)


def brief_url(code: str | None, lang: str) -> str:
    """The shareable address of a brief (printed at its foot)."""
    params = ([f"regio={code}"] if code else []) + (["lang=en"] if lang == "en" else [])
    path = "/" + ("?" + "&".join(params) if params else "")
    host = flask.request.host_url.rstrip("/") if flask.has_request_context() else ""
    return host + path


def layout(lang: str = "nl", regio: Any = None, **_query: Any) -> html.Div:
    lang = normalise_lang(lang)
    view = get_view()
    info, unknown = chosen_region(view, regio)
    code = info["code"] if info else None
    controls = html.Div(
        [region_form(view, code, lang),
         html.Button(t("overview.print", lang), id=ids.OVERVIEW_PRINT, type="button", className="button print-button")],
        className="overview-controls screen-only",
    )
    notice = None
    if unknown:
        notice = html.P(t("overview.region_unknown", lang, code=last_value(regio)[:20]), className="notice",
                        role="alert")
    return html.Div(
        [
            html.Div(overview_body(view, info, lang, html.Div([controls, notice], className="brief-controls")),
                     id=ids.OVERVIEW_BODY),
            html.Div(id=ids.OVERVIEW_PRINT_SINK, hidden=True),
        ],
        className="page page-overview", **{"data-brief": code or NATIONAL_CODE},
    )


def region_form(view: StoreView, region: str | None, lang: str) -> html.Form:
    """A native ``<select>`` in a GET form: ``/?regio=AM15&lang=en``; works with keyboard, screen reader, no JS.

    Nederland first, then the arbeidsmarktregio's and the gemeenten in two groups.  Choosing is a new page
    (a shareable URL), so it needs the explicit button (WCAG 3.2.2).
    """
    help_id = f"{ids.OVERVIEW_REGION}-help"
    choices: list[Any] = [html.Option(t("overview.region_placeholder", lang), value="", selected=region is None)]
    for level in REGIONAL_LEVELS:
        choices.append(html.Optgroup([element(html.Option, name, value=code, selected=code == region)
                                      for code, name in region_choices(view, level)],
                                     label=t(f"overview.region_group.{level}", lang)))
    return html.Form(
        [
            html.Label(t("overview.region_label", lang), htmlFor=ids.OVERVIEW_REGION),
            html.Div([
                html.Select(choices, id=ids.OVERVIEW_REGION, name="regio", className="select",
                            **{"aria-describedby": help_id}),
                html.Button(t("overview.region_submit", lang), id=ids.OVERVIEW_REGION_SUBMIT, type="submit",
                            className="button"),
            ], className="select-row"),
            html.P(t("overview.region_help", lang), className="help", id=help_id),
            dcc.Input(type="hidden", name="lang", value="en") if lang == "en" else None,
        ],
        action="/", method="get", className="control region-form", id=ids.OVERVIEW_REGION_FORM,
    )


def overview_body(view: StoreView, info: dict[str, Any] | None, lang: str, controls: Any = None) -> list:
    """The brief (what prints), then the top-5 tables and the data-as-of table (screen only)."""
    common = {"url": brief_url(info["code"] if info else None, lang),
              "controls": controls}
    if info:
        brief = region_brief_view(region_brief(view, info["code"]), lang, view.manifest, view.data_version,
                                  **common)
    else:
        brief = national_brief_view(national_brief(view), lang, view.manifest, view.data_version, **common)
    selected = info["code"] if info and info["level"] == REGION_LEVEL else None
    tops = [top_table(indicator_top(view, ind_id), view.indicator(ind_id), lang, selected)
            for ind_id in need_indicators(view)]
    return [
        brief,
        html.Section([
            html.H2(t("overview.top_heading", lang), id="overview-top-heading"),
            html.P(t("overview.top_intro", lang), className="section-intro"),
            html.Div(tops, className="top-grid"),
        ], className="overview-top screen-only", **{"aria-labelledby": "overview-top-heading"}),
        html.Section([
            html.H2(t("overview.asof_heading", lang), id="overview-asof-heading"),
            html.P([t("overview.asof_intro", lang), " ",
                    html.A(t("overview.method_link", lang), href=method_href(lang, "methode-sources"))],
                   className="section-intro"),
            html.Div(asof_table(data_as_of(view.manifest), lang), className="table-scroll", tabIndex="0",
                     role="region", **{"aria-label": t("overview.asof_heading", lang)}),
            html.P(t("overview.asof_dash", lang), className="help"),
        ], className="overview-asof screen-only", **{"aria-labelledby": "overview-asof-heading"}),
    ]


PRINT_JS = """
    function(n) {
        if (n) { window.print(); }
        return window.dash_clientside.no_update;
    }
    """


def register(app: dash.Dash) -> None:
    """Add this page and its callbacks to ``app`` (called once per app by :func:`dashboard.app.create_app`)."""
    dash.register_page(
        __package__, layout=layout, path="/", name="Overzicht", order=0, title="Overzicht – Jongeren en arbeidsmarkt",
        description="Bestuurlijke samenvatting over jongeren en de arbeidsmarkt, voor Nederland en per "
                    "arbeidsmarktregio of gemeente, uit open data van CBS.",
    )
    app.clientside_callback(
        PRINT_JS,
        Output(ids.OVERVIEW_PRINT_SINK, "children"),
        Input(ids.OVERVIEW_PRINT, "n_clicks"),
        prevent_initial_call=True,
    )
