"""The frame around every page: skip link, header, demo banner, footer, and the callbacks that fill them.

The shell's texts follow the language in the URL; its data parts (banner, footer) read the store's
manifest.  :func:`register` adds the shell's callbacks to an app.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, dcc, html

from dashboard.data.store import get_view
from dashboard.ui import ids
from dashboard.ui.components.demo_banner import demo_banner
from dashboard.ui.components.language_switch import lang_from_search
from dashboard.ui.components.shell import footer, header
from dashboard.ui.i18n import has_text, t
from dashboard.ui.json_data import answers_json_data
from etl.store import StoreError


def shell_layout() -> html.Div:
    """The frame around every page; its texts and data parts are filled by :func:`update_shell`."""
    return html.Div(
        [
            html.A(t("common.skip_link"), href=f"#{ids.SHELL_MAIN}", id=ids.SHELL_SKIP_LINK, className="skip-link"),
            html.Header(header("/", ""), id=ids.SHELL_HEADER, className="site-header"),
            html.Main([html.Div(id=ids.SHELL_BANNER, className="banner-slot"), dash.page_container],
                      id=ids.SHELL_MAIN, className="site-main", tabIndex="-1"),
            html.Footer(id=ids.SHELL_FOOTER, className="site-footer"),
            html.Div(id=ids.SHELL_LANG_SINK, hidden=True),
            dcc.Store(id=ids.SHELL_TITLES, data=english_titles()),
        ],
        className="shell",
    )


def english_titles() -> dict[str, str]:
    """Registered (Dutch) page title -> English title, for client-side navigation in English.

    A page's English title comes from the first of ``<page>.page_title``, ``common.title.<page>`` or
    ``<page>.title`` whose Dutch text the registered title starts with (the latter two get the app name).
    """
    suffix = f" – {t('common.app_title', 'en')}"
    out = {SUFFIX_KEY: [f" – {t('common.app_title', 'nl')}", suffix],
           f"{t('region.not_found_title', 'nl')} – {t('common.app_title', 'nl')}":
               f"{t('region.not_found_title', 'en')}{suffix}"}
    for module, page in dash.page_registry.items():
        name = "not_found" if module.endswith("not_found_404") else module.rsplit(".", 1)[-1]
        title = page.get("title")
        if not isinstance(title, str):
            continue
        for key, add_suffix in ((f"{name}.page_title", False), (f"common.title.{name}", True), (f"{name}.title", True)):
            if has_text(key, "en") and title.startswith(t(key, "nl")):
                out[title] = t(key, "en") + (suffix if add_suffix else "")
                break
    return out


SUFFIX_KEY = "__suffix__"          # [Dutch, English] suffix of computed titles ("Amsterdam – Jongeren en ...")


def update_shell(pathname: str | None, search: str | None) -> tuple:
    """Skip link, header, demo banner and footer for the current path and language."""
    lang = lang_from_search(search)
    try:
        view = get_view()
        banner, manifest = demo_banner(view.indicators, lang), view.manifest
    except StoreError:
        banner, manifest = None, None
    return t("common.skip_link", lang), header(pathname, search), banner, footer(lang, manifest)


# Sets <html lang> and the page title on client-side navigation (the server sets both on a full load).
SET_LANG_JS = """
function(search, pageData, titles) {
    var lang = new URLSearchParams(search || '').get('lang') === 'en' ? 'en' : 'nl';
    document.documentElement.lang = lang;
    if (lang === 'en' && pageData && titles && typeof pageData.title === 'string') {
        var english = titles[pageData.title];
        var suffix = titles['__suffix__'];
        if (!english && suffix && pageData.title.endsWith(suffix[0])) {
            english = pageData.title.slice(0, -suffix[0].length) + suffix[1];   /* "Amsterdam – ..." */
        }
        if (english) { window.setTimeout(function() { document.title = english; }, 0); }
    }
    return window.dash_clientside.no_update;
}
"""


def register(app: Any) -> None:
    """The shell's layout and callbacks on ``app``."""
    app.layout = shell_layout
    app.callback(
        Output(ids.SHELL_SKIP_LINK, "children"),
        Output(ids.SHELL_HEADER, "children"),
        Output(ids.SHELL_BANNER, "children"),
        Output(ids.SHELL_FOOTER, "children"),
        Input(ids.PAGES_LOCATION, "pathname"),
        Input(ids.PAGES_LOCATION, "search"),
    )(answers_json_data(update_shell))
    app.clientside_callback(
        SET_LANG_JS,
        Output(ids.SHELL_LANG_SINK, "children"),
        Input(ids.PAGES_LOCATION, "search"),
        Input(ids.PAGES_STORE, "data"),
        State(ids.SHELL_TITLES, "data"),
    )
