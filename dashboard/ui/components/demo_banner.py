"""The banner shown on every page while any figure in the store is generated demo data."""

from __future__ import annotations

from dash import html

from dashboard.ui.components.text import inline_code
from dashboard.ui.i18n import t
from dashboard.ui.urls import page_href


def demo_banner(is_demo: bool, lang: str) -> html.Div | None:
    """A prominent note (``role="note"``) that the figures are demo data, with a link to the method page."""
    if not is_demo:
        return None
    return html.Div(
        [
            html.Strong(t("common.demo_mark", lang), className="demo-badge", **{"aria-hidden": "true"}),
            html.P([
                *inline_code(t("common.demo_banner", lang)), " ",
                html.A(t("common.demo_banner_more", lang), href=method_href(lang, "methode-sources")),
            ], className="demo-text"),
        ],
        className="demo-banner",
        role="note",
        **{"aria-label": t("common.demo_banner_title", lang)},
    )


def method_href(lang: str, anchor: str = "") -> str:
    """Link to the method page in ``lang``, optionally to a section."""
    return page_href("/methode", lang, anchor)
