"""The banner shown on every page while any figure in the store is generated demo data: it names them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import html

from dashboard.ui.i18n import t
from dashboard.ui.urls import page_href


def demo_banner(indicators: Sequence[Mapping[str, Any]], lang: str) -> html.Div | None:
    """One line (``role="note"``) saying how many figures are demo, with the list of which figures are demo, which
    real from CBS and which real from Eurostat one click away; None when nothing is demo (``indicators``: the
    store's indicators.json).  Each figure carries its own mark besides."""
    title = "title_en" if lang == "en" else "title_nl"
    demo = [str(ind.get(title) or ind.get("id")) for ind in indicators if ind.get("is_demo")]
    if not demo:
        return None
    real = {who: [str(ind.get(title) or ind.get("id")) for ind in indicators
                  if not ind.get("is_demo") and (ind.get("publisher") or "CBS") == who] for who in ("CBS", "Eurostat")}
    lists = [html.Li(t("common.demo_banner", lang, demo="; ".join(demo)), className="demo-list")]
    if real["CBS"]:
        lists.append(html.Li(t("common.demo_banner_real", lang, real="; ".join(real["CBS"])), className="demo-real"))
    if real["Eurostat"]:
        lists.append(html.Li(t("common.demo_banner_eurostat", lang, real="; ".join(real["Eurostat"])),
                             className="demo-real"))
    summary = t("common.demo_banner_line", lang, n=len(demo), of=len(indicators))
    short = t("common.demo_banner_short", lang, n=len(demo), of=len(indicators))     # a phone's one line
    return html.Div(
        [
            html.Strong(t("common.demo_mark", lang), className="demo-badge", **{"aria-hidden": "true"}),
            html.Details([
                html.Summary([html.Span(summary, className="demo-line"),
                              html.Span(short, className="demo-line-short"), " ",
                              html.Span(t("common.demo_banner_which", lang), className="demo-which")]),
                html.Ul(lists, className="demo-lists"),
                html.P(html.A(t("common.demo_banner_more", lang), href=method_href(lang, "methode-sources"))),
            ], className="demo-text"),
        ],
        className="demo-banner",
        role="note",
        **{"aria-label": t("common.demo_banner_title", lang)},
    )


def method_href(lang: str, anchor: str = "") -> str:
    """Link to the method page in ``lang``, optionally to a section."""
    return page_href("/methode", lang, anchor)
