"""The Dash app: ``create_app(store_dir)`` and a lazily built ``server`` for gunicorn.

``gunicorn dashboard.app:server`` imports this module; the app is built on first access
of ``server`` (module ``__getattr__``) and reads no data then: pages and shell callbacks
load the store inside a request, through :func:`dashboard.data_access.get_store`.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import dash
import flask
from dash import Input, Output, State, dcc, html

from dashboard import data_access, ids, security
from dashboard.components.demo_banner import demo_banner
from dashboard.components.language_switch import lang_from_search
from dashboard.components.shell import footer, header
from dashboard.i18n import has_text, normalise_lang, t
from etl.store import StoreError

HERE = Path(__file__).resolve().parent
PACKAGE = "dashboard"
# Flask blueprints from the other parts of the dashboard: (module, function called with the Flask server).
BLUEPRINTS: tuple[tuple[str, str], ...] = (("dashboard.api", "register"), ("dashboard.api_need", "register"))

# Dash's default index minus its <footer> wrapper (a second "contentinfo" landmark) and the IE warning.
INDEX_STRING = """<!DOCTYPE html>
<html>
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <div class="dash-scripts">
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


def request_lang() -> str:
    """The language asked for in the current request's query (``?lang=en``), else Dutch."""
    if not flask.has_request_context():
        return "nl"
    return normalise_lang(flask.request.args.getlist("lang") or None)


class LocalisedDash(dash.Dash):
    """Dash whose index page carries ``<html lang="nl|en">`` and a title in the requested language."""

    def interpolate_index(self, **kwargs: Any) -> str:
        lang = request_lang()
        kwargs["title"] = t("common.app_title", lang)
        page = super().interpolate_index(**kwargs)
        return page.replace("<html>", f'<html lang="{lang}">', 1)


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
    out = {}
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


def update_shell(pathname: str | None, search: str | None) -> tuple:
    """Skip link, header, demo banner and footer for the current path and language."""
    lang = lang_from_search(search)
    try:
        store = data_access.get_store()
        banner, manifest = demo_banner(store.is_demo, lang), store.manifest
    except StoreError:
        banner, manifest = None, None
    return t("common.skip_link", lang), header(pathname, search), banner, footer(lang, manifest)


# Sets <html lang> and the page title on client-side navigation (the server sets both on a full load).
SET_LANG_JS = """
function(search, pageData, titles) {
    var lang = new URLSearchParams(search || '').get('lang') === 'en' ? 'en' : 'nl';
    document.documentElement.lang = lang;
    if (lang === 'en' && pageData && titles && titles[pageData.title]) {
        var english = titles[pageData.title];
        window.setTimeout(function() { document.title = english; }, 0);
    }
    return window.dash_clientside.no_update;
}
"""


def register_shell_callbacks(app: dash.Dash) -> None:
    app.callback(
        Output(ids.SHELL_SKIP_LINK, "children"),
        Output(ids.SHELL_HEADER, "children"),
        Output(ids.SHELL_BANNER, "children"),
        Output(ids.SHELL_FOOTER, "children"),
        Input(ids.PAGES_LOCATION, "pathname"),
        Input(ids.PAGES_LOCATION, "search"),
    )(update_shell)
    app.clientside_callback(
        SET_LANG_JS,
        Output(ids.SHELL_LANG_SINK, "children"),
        Input(ids.PAGES_LOCATION, "search"),
        Input(ids.PAGES_STORE, "data"),
        State(ids.SHELL_TITLES, "data"),
    )


def register_blueprints(server: flask.Flask) -> None:
    """The API and need-index API from their own modules (each must exist)."""
    for module_name, function in BLUEPRINTS:
        getattr(importlib.import_module(module_name), function)(server)


@contextmanager
def page_modules_reserved() -> Iterator[None]:
    """Put a stand-in module in ``sys.modules`` for each page while Dash executes the page files.

    Dash runs a page file before it registers the module, so a ``@dataclass`` in a page module
    (with ``from __future__ import annotations``) fails to find its module. Stand-ins that Dash
    did not replace are removed again.
    """
    placeholders = {}
    for path in sorted((HERE / "pages").glob("*.py")):
        name = f"{PACKAGE}.pages.{path.stem}"
        if name not in sys.modules:
            placeholders[name] = sys.modules[name] = types.ModuleType(name)
    try:
        yield
    finally:
        for name, placeholder in placeholders.items():
            if sys.modules.get(name) is placeholder:
                del sys.modules[name]


def create_app(store_dir: str | Path | None = None) -> dash.Dash:
    """Build the app. Reads no data: the store is loaded on the first request that needs it."""
    with page_modules_reserved():
        app = LocalisedDash(
            PACKAGE,
            use_pages=True,
            pages_folder="pages",
            assets_folder=str(HERE / "assets"),
            serve_locally=True,
            compress=False,                       # dashboard.security installs Flask-Compress
            external_scripts=[],
            external_stylesheets=[],
            suppress_callback_exceptions=True,
            title=t("common.app_title"),
            update_title=None,
            index_string=INDEX_STRING,
            meta_tags=[
                {"name": "viewport", "content": "width=device-width, initial-scale=1"},
                {"name": "description", "content": t("common.app_subtitle")},
            ],
        )
    app.server.config["STORE_DIR"] = str(Path(store_dir) if store_dir else data_access.store_dir())
    app.layout = shell_layout
    register_shell_callbacks(app)
    register_blueprints(app.server)
    # Take over the callbacks the page modules just registered with ``dash.callback`` now, so that a
    # second app built in the same process (tests) gets its own set instead of sharing the first one's.
    app._setup_server()
    security.install(app.server, dash_app=app)
    return app


@lru_cache(maxsize=1)
def _default_app() -> dash.Dash:
    return create_app()


def __getattr__(name: str) -> Any:
    """``dashboard.app.server`` / ``dashboard.app.app``: the default app, built on first access."""
    if name == "server":
        return _default_app().server
    if name == "app":
        return _default_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
