"""Overview ("/"): the key figures for Nederland and one arbeidsmarktregio, for board members.

State lives in the URL: ``/?regio=AM15&lang=en``.  The region is chosen with a native
``<select>`` in a GET form (Dash 4's dropdown gives its focusable element ``aria-hidden``
and no accessible name), so a choice is a plain, shareable link.  Prints on one A4 page
(assets/print.css).
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, dcc, html

from dashboard.data.domain import NATIONAL_CODE
from dashboard.data.overview import (
    KEY_INDICATORS,
    REGION_LEVEL,
    data_as_of,
    headline,
    indicator_rows,
    need_indicators,
    top_regions,
    trend,
)
from dashboard.data.queries import region_choices, region_info
from dashboard.data.store import get_view
from dashboard.data.view import StoreView
from dashboard.pages.overview.cards import asof_table, headline_card, top_table
from dashboard.ui import ids
from dashboard.ui.components.demo_banner import method_href
from dashboard.ui.i18n import normalise_lang, t


def layout(lang: str = "nl", regio: str | None = None, **_query: Any) -> html.Div:
    lang = normalise_lang(lang)
    view = get_view()
    info = region_info(view, regio)
    region = info["code"] if info and info["level"] == REGION_LEVEL else None
    options = list(region_choices(view, REGION_LEVEL))
    unknown = None
    if regio and region is None:
        unknown = html.P(t("overview.region_unknown", lang, code=str(regio)[:20]), className="notice", role="alert")
    controls = html.Div(
        [region_form(region, options, lang),
         html.Button(t("overview.print", lang), id=ids.OVERVIEW_PRINT, type="button", className="button print-button")],
        className="overview-controls",
    )
    return html.Div(
        [
            html.H1(t("overview.title", lang), className="page-title"),
            html.P(t("overview.intro", lang), className="lead"),
            controls,
            unknown,
            html.Div(overview_body(view, region, lang), id=ids.OVERVIEW_BODY),
            html.Div(id=ids.OVERVIEW_PRINT_SINK, hidden=True),
        ],
        className="page page-overview",
    )


def region_form(region: str | None, options: list[tuple[str, str]], lang: str) -> html.Form:
    """A native ``<select>`` in a GET form: ``/?regio=AM15&lang=en``, works with keyboard, screen reader, no JS.

    Choosing a region is a new page (a shareable URL), so it needs the explicit button (WCAG 3.2.2).
    """
    help_id = f"{ids.OVERVIEW_REGION}-help"
    choices = [html.Option(t("overview.region_placeholder", lang), value="", selected=region is None)]
    choices += [html.Option(name, value=code, selected=code == region) for code, name in options]
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


def overview_body(view: StoreView, region: str | None, lang: str) -> list:
    """Cards for every key indicator, the top-5 tables, and the data-as-of table."""
    info = region_info(view, region) if region else None
    region_name = info["name"] if info else ""
    rows = {ind_id: indicator_rows(view, ind_id) for ind_id in KEY_INDICATORS}
    cards = []
    for ind_id in KEY_INDICATORS:
        item = headline(rows[ind_id], view.indicator(ind_id), region, region_name)
        nl_trend = trend(rows[ind_id], NATIONAL_CODE, item.frequency)
        reg_trend = trend(rows[ind_id], region, item.frequency) if region else None
        cards.append(headline_card(item, nl_trend, reg_trend, lang, view.manifest))
    heading = (t("overview.heading_region", lang, region=region_name) if region
               else t("overview.heading_national", lang))
    tops = [top_table(top_regions(rows[ind_id]), view.indicator(ind_id), lang, region)
            for ind_id in need_indicators(view)]
    return [
        html.Section([
            html.H2(heading, id=ids.OVERVIEW_HEADING),
            None if region else html.P(t("overview.no_region", lang), className="notice"),
            html.Div(cards, className="cards"),
        ], className="overview-cards", **{"aria-labelledby": ids.OVERVIEW_HEADING}),
        html.Section([
            html.H2(t("overview.top_heading", lang), id="overview-top-heading"),
            html.P(t("overview.top_intro", lang), className="section-intro"),
            html.Div(tops, className="top-grid"),
        ], className="overview-top", **{"aria-labelledby": "overview-top-heading"}),
        html.Section([
            html.H2(t("overview.asof_heading", lang), id="overview-asof-heading"),
            html.P([t("overview.asof_intro", lang), " ",
                    html.A(t("overview.method_link", lang), href=method_href(lang, "methode-sources"))],
                   className="section-intro"),
            asof_table(data_as_of(view.manifest), lang),
        ], className="overview-asof", **{"aria-labelledby": "overview-asof-heading"}),
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
        description="Kerncijfers over jongeren en de arbeidsmarkt per arbeidsmarktregio, uit open data van CBS.",
    )
    app.clientside_callback(
        PRINT_JS,
        Output(ids.OVERVIEW_PRINT_SINK, "children"),
        Input(ids.OVERVIEW_PRINT, "n_clicks"),
        prevent_initial_call=True,
    )
