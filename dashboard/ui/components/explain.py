"""Plain-language explanations of the need index's terms, where the terms appear (texts: ``explain.*``)."""

from __future__ import annotations

from dash import html

from dashboard.ui.i18n import t


def explanation(term: str, lang: str, open_: bool = False) -> html.Details:
    """A small ``<details>``: "Wat betekent het 90%-interval?" and two or three sentences."""
    return html.Details([
        html.Summary(t("explain.summary", lang, term=t(f"explain.term.{term}", lang))),
        html.P(t(f"explain.{term}", lang)),
    ], className="explain", open=open_, **{"data-term": term})
