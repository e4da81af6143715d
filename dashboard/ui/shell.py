"""The frame around every page: skip link, header, demo banner, footer, and the callbacks that fill them.

The shell's texts follow the language in the URL; its data parts (banner, footer) read the store's
manifest.  :func:`register` adds the shell's callbacks to an app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from dashboard.data.store import get_view
from dashboard.ui import ids
from dashboard.ui.components.demo_banner import demo_banner
from dashboard.ui.components.language_switch import lang_from_search
from dashboard.ui.components.shell import footer, header
from dashboard.ui.i18n import has_text, t
from dashboard.ui.json_data import answers_json_data
from etl.store import StoreError


def shell_layout(page: FirstPage | None = None) -> html.Div:
    """The frame around every page; its texts and data parts are filled by :func:`update_shell`, or, given the
    ``page`` the browser loads, already here with that page in it (see :class:`FirstPage`)."""
    if page is None:
        skip, head, banner, foot = t("common.skip_link"), header("/", ""), None, None
        container = dash.page_container
    else:
        skip, head, banner, foot = update_shell(page.pathname, page.search)
        container = html.Div([
            # dash.page_container's parts; the location as the browser has it, so that nothing changes on mount
            dcc.Location(id=ids.PAGES_LOCATION, refresh="callback-nav", pathname=page.pathname, search=page.search,
                         href=page.href, hash=""),
            html.Div(page.content, id=ids.PAGES_CONTENT, disable_n_clicks=True, **{"data-shown": page.location}),
            dcc.Store(id=ids.PAGES_STORE, data={"title": page.title, SHOWN: page.location}),
            html.Div(id=ids.PAGES_DUMMY, disable_n_clicks=True),
        ])
    return html.Div(
        [
            html.A(skip, href=f"#{ids.SHELL_MAIN}", id=ids.SHELL_SKIP_LINK, className="skip-link"),
            html.Header(head, id=ids.SHELL_HEADER, className="site-header"),
            html.Main([html.Div(banner, id=ids.SHELL_BANNER, className="banner-slot"), container],
                      id=ids.SHELL_MAIN, className="site-main", tabIndex="-1"),
            html.Footer(foot, id=ids.SHELL_FOOTER, className="site-footer"),
            html.Div(id=ids.SHELL_LANG_SINK, hidden=True),
            dcc.Store(id=ids.SHELL_TITLES, data=english_titles()),
        ],
        className="shell",
    )


SHOWN = "shown"      # in the pages' store: the location whose page the first layout already holds


@dataclass(frozen=True)
class FirstPage:
    """The page the browser is loading, put in the app's first layout so that it draws without waiting for the
    page router's round trip; the router and the shell's callback then leave it as it is (:func:`already_shown`)."""
    pathname: str
    search: str
    content: Any
    title: str
    href: str

    @property
    def location(self) -> str:
        return self.pathname + self.search


def already_shown(shown: Any, pathname: Any, search: Any) -> bool:
    """Whether the pages' store says the first layout already holds the page of ``pathname`` + ``search``."""
    return isinstance(shown, dict) and isinstance(pathname, str) and \
        shown.get(SHOWN) == pathname + (search if isinstance(search, str) else "")


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


def page_title(title: str, lang: str) -> str:
    """A page's (Dutch) title in ``lang``: what :data:`SET_LANG_JS` shows on client-side navigation, for the
    server's own ``<title>`` of a full load."""
    if lang != "en":
        return title
    titles = english_titles()
    dutch_suffix, english_suffix = titles[SUFFIX_KEY]
    if title in titles:
        return titles[title]
    return title[:-len(dutch_suffix)] + english_suffix if title.endswith(dutch_suffix) else title


def update_shell(pathname: str | None, search: str | None, shown: Any = None) -> tuple:
    """Skip link, header, demo banner and footer for the current path and language (left as they are when the first
    layout brought them for this location)."""
    if already_shown(shown, pathname, search):
        raise PreventUpdate
    lang = lang_from_search(search)
    try:
        view = get_view()
        banner, manifest, indicators = demo_banner(view.indicators, lang), view.manifest, view.indicators
    except StoreError:
        banner, manifest, indicators = None, None, []
    return t("common.skip_link", lang), header(pathname, search), banner, footer(lang, manifest, indicators)


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
        State(ids.PAGES_STORE, "data"),
        prevent_initial_call=True,            # the location's first values come from its mount (or the first layout)
    )(answers_json_data(update_shell))
    app.clientside_callback(
        SET_LANG_JS,
        Output(ids.SHELL_LANG_SINK, "children"),
        Input(ids.PAGES_LOCATION, "search"),
        Input(ids.PAGES_STORE, "data"),
        State(ids.SHELL_TITLES, "data"),
        prevent_initial_call=True,            # a full load has both from the server
    )
