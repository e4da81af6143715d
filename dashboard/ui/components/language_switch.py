"""The language switch: links that keep the current path and query and flip ``lang=nl|en``.

The links reload the page (not client-side navigation) so the server writes the
right ``<html lang>``; ``assets/shell.js`` refreshes their ``href`` at click time in
case a page rewrote the query with ``history.replaceState``.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from dash import html

from dashboard.ui import ids
from dashboard.ui.i18n import LANGUAGES, normalise_lang, t


def query_params(search: str | None) -> list[tuple[str, str]]:
    """``"?regio=AM15&lang=en"`` -> ``[("regio", "AM15"), ("lang", "en")]`` (order and repeats kept)."""
    return parse_qsl((search or "").lstrip("?"), keep_blank_values=True)


def lang_from_search(search: str | None) -> str:
    """The page language from a query string: ``lang=en`` -> "en", anything else -> "nl"."""
    values = [v for k, v in query_params(search) if k == "lang"]
    return normalise_lang(values[-1] if values else None)


def with_lang(pathname: str | None, search: str | None, lang: str) -> str:
    """The same path and query with ``lang`` set (``nl`` is the default and is left out of the URL)."""
    params = [(k, v) for k, v in query_params(search) if k != "lang"]
    if normalise_lang(lang) != "nl":
        params.append(("lang", "en"))
    query = urlencode(params)
    return f"{pathname or '/'}{'?' + query if query else ''}"


def language_switch(pathname: str | None, search: str | None) -> html.Nav:
    """Two links, Nederlands and English; the current one is marked with ``aria-current``."""
    current = lang_from_search(search)
    items = []
    for lang in LANGUAGES:
        link = html.A(
            t(f"common.lang.{lang}", lang),
            href=with_lang(pathname, search, lang),
            lang=lang,
            hrefLang=lang,
            title=t(f"common.lang_switch_to.{lang}", lang),
            className="lang-link" + (" is-current" if lang == current else ""),
            **{"data-lang-switch": lang, **({"aria-current": "true"} if lang == current else {})},
        )
        items.append(html.Li(link))
    return html.Nav(html.Ul(items, className="lang-list"), id=ids.SHELL_LANG_SWITCH, className="lang-switch",
                    **{"aria-label": t("common.lang_switch_label", current)})
