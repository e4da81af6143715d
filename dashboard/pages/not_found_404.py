"""The page Dash shows for any path no page claims (module name ``not_found_404``)."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from dashboard.ui import ids
from dashboard.ui.components.demo_banner import method_href
from dashboard.ui.i18n import normalise_lang, t
from dashboard.ui.urls import page_href


def layout(lang: str = "nl", **_query: Any) -> html.Div:
    lang = normalise_lang(lang)
    home = page_href("/", lang)
    return html.Div(
        [
            html.H1(t("common.notfound.title", lang), className="page-title"),
            html.P(t("common.notfound.text", lang), className="lead"),
            html.Ul([
                html.Li(html.A(t("common.notfound.home", lang), href=home, id=ids.NOT_FOUND_HOME_LINK,
                               **{"data-spa": "true"})),
                html.Li(html.A(t("common.notfound.methode", lang), href=method_href(lang), **{"data-spa": "true"})),
            ], className="link-list"),
        ],
        className="page page-not-found",
    )


def register(app: dash.Dash) -> None:
    """Add this page and its callbacks to ``app`` (called once per app by :func:`dashboard.app.create_app`)."""
    dash.register_page(
        __name__, layout=layout, path="/404", title="Pagina niet gevonden – Jongeren en arbeidsmarkt")
