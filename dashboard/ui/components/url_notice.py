"""What a page did with a URL it could not show as asked: a visible notice per value it replaced, and the address bar
rewritten to what is on screen (assets/shell.js reads ``data-canonical-search`` and calls history.replaceState)."""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from dashboard.ui.i18n import t

Correction = tuple[str, dict[str, str]]       # (what was replaced: indicator, level, period, regions, ...; its words)


def url_notice(corrections: Sequence[Correction], search: str, lang: str, id: str,
               location: str | None = None) -> html.Div:
    """An empty status region when nothing was replaced; otherwise one line per replaced value.  ``location``: the
    id of the page's own ``dcc.Location``, told the rewritten address so that it does not push the old one back."""
    lines = [html.Li(t(f"common.url_fixed.{kind}", lang, **words)) for kind, words in corrections]
    children = [html.P(t("common.url_fixed", lang)), html.Ul(lines)] if lines else None
    return html.Div(children, id=id, role="status", className="notice url-notice" if lines else None,
                    **{"data-canonical-search": search}, **({"data-location-id": location} if location else {}))
