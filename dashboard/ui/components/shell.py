"""The app shell around every page: skip link, header with navigation and language switch, footer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import html

from dashboard.ui import ids
from dashboard.ui.components.language_switch import lang_from_search, language_switch
from dashboard.ui.components.text import inline_code
from dashboard.ui.i18n import MISSING, fmt_date, t
from dashboard.ui.urls import page_href
from etl.catalog import LICENCE_URL

# (i18n key, path, paths that count as "this section")
NAV_ITEMS = (
    ("overview", "/", ("/",)),
    ("explorer", "/verkennen", ("/verkennen", "/regio")),
    ("priority", "/prioriteit", ("/prioriteit",)),
    ("methode", "/methode", ("/methode",)),
    ("data", "/data", ("/data",)),
)


def _is_current(pathname: str, prefixes: tuple[str, ...]) -> bool:
    path = "/" + (pathname or "/").strip("/")
    return any(path == p or (p != "/" and path.startswith(p + "/")) for p in prefixes)


def navigation(pathname: str | None, lang: str) -> html.Nav:
    """Main navigation; the current section carries ``aria-current="page"``.

    Links have ``data-spa``: assets/shell.js turns a plain click into client-side navigation.
    """
    items = []
    for key, path, prefixes in NAV_ITEMS:
        current = _is_current(pathname or "/", prefixes)
        items.append(html.Li(html.A(
            t(f"common.nav.{key}", lang), href=page_href(path, lang),
            className="nav-link" + (" is-current" if current else ""),
            **{"data-spa": "true", **({"aria-current": "page"} if current else {})},
        )))
    return html.Nav(html.Ul(items, className="nav-list"), id=ids.SHELL_NAV, className="site-nav",
                    **{"aria-label": t("common.nav_label", lang)})


def header(pathname: str | None, search: str | None) -> list:
    """Header content: the app name (a link home), navigation and language switch."""
    lang = lang_from_search(search)
    brand = html.A([html.Span(t("common.app_title", lang), className="brand-title"),
                    html.Span(t("common.app_subtitle", lang), className="brand-subtitle")],
                   href=page_href("/", lang), className="brand", **{"data-spa": "true"})
    return [html.Div([brand, language_switch(pathname, search)], className="header-top"),
            navigation(pathname, lang)]


def footer(lang: str, manifest: Mapping[str, Any] | None,
           indicators: Sequence[Mapping[str, Any]] = ()) -> list:
    """Attribution, licence, data version and software version; a hint to build the store when there is none.
    The attribution follows ``indicators`` (the store's): while any figure is demo it credits CBS with the real
    figures only and says that DEMO figures are not CBS's; Eurostat is credited when a real figure is its."""
    demo = any(ind.get("is_demo") for ind in indicators)
    title = "title_en" if lang == "en" else "title_nl"
    eurostat = [str(ind.get(title) or ind.get("id")) for ind in indicators
                if not ind.get("is_demo") and ind.get("publisher") == "Eurostat"]
    credit: list[Any] = [html.Strong(t("common.footer_source_real" if demo else "common.footer_source", lang))]
    if eurostat:
        credit += [" · ", t("common.footer_eurostat", lang, names="; ".join(eurostat))]
    if demo:
        credit += [" · ", html.Strong(t("common.demo_mark", lang), className="demo-mark"), " ",
                   t("common.footer_demo", lang)]
    parts: list[Any] = [html.P([
        *credit, " · ",
        html.A(t("common.footer_licence", lang), href=LICENCE_URL, rel="license noopener"), " · ",
        t("common.footer_boundaries", lang),
    ])]
    if manifest is None:
        parts.append(html.P(inline_code(t("common.footer_nostore", lang))))
        return parts
    software = manifest.get("software") or {}
    version = t("common.footer_version", lang, version=manifest.get("data_version") or MISSING)
    built = fmt_date(manifest.get("built_at"), lang)
    if built != MISSING:
        version += ", " + t("common.footer_built", lang, built=built)
    parts.append(html.P([
        version,
        " · ",
        t("common.footer_software", lang, name=software.get("name", ""), version=software.get("version", "")),
    ], className="footer-version"))
    return parts
