"""The banner shown on every page while any figure in the store is generated demo data: it names them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import html

from dashboard.ui.components.text import inline_code
from dashboard.ui.i18n import t
from dashboard.ui.urls import page_href


def demo_banner(indicators: Sequence[Mapping[str, Any]], lang: str) -> html.Div | None:
    """A prominent note (``role="note"``) naming exactly which figures are demo and which are real CBS figures,
    with a link to the method page; None when nothing is demo (``indicators``: the store's indicators.json)."""
    title = "title_en" if lang == "en" else "title_nl"
    demo = [str(ind.get(title) or ind.get("id")) for ind in indicators if ind.get("is_demo")]
    if not demo:
        return None
    real = [str(ind.get(title) or ind.get("id")) for ind in indicators if not ind.get("is_demo")]
    parts: list = [html.Span(t("common.demo_banner_print", lang), className="demo-print"),
                   html.Span(t("common.demo_banner", lang, demo="; ".join(demo)), className="demo-list")]
    if real:
        parts += [" ", html.Span(t("common.demo_banner_real", lang, real="; ".join(real)), className="demo-real")]
    parts += [" ", html.Span(inline_code(t("common.demo_banner_refresh", lang)), className="demo-refresh")]
    return html.Div(
        [
            html.Strong(t("common.demo_mark", lang), className="demo-badge", **{"aria-hidden": "true"}),
            html.P([*parts, " ", html.A(t("common.demo_banner_more", lang), href=method_href(lang, "methode-sources"))],
                   className="demo-text"),
        ],
        className="demo-banner",
        role="note",
        **{"aria-label": t("common.demo_banner_title", lang)},
    )


def method_href(lang: str, anchor: str = "") -> str:
    """Link to the method page in ``lang``, optionally to a section."""
    return page_href("/methode", lang, anchor)
