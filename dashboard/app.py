"""The Dash app: ``create_app(store_dir)`` and a lazily built ``server`` for gunicorn.

Wiring only: the shell, the pages, the API and the production hardening each add themselves to the
app.  ``gunicorn dashboard.app:server`` imports this module; the app is built on first access of
``server`` (module ``__getattr__``) and reads no data then: pages load the store inside a request.
"""

from __future__ import annotations

import functools
import gc
import logging
from functools import lru_cache
from html import escape as html_escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dash
import flask
from dash import State
from dash._pages import _parse_query_string, _path_to_page  # the page router's own lookup of a path
from dash._utils import to_json
from dash.exceptions import PreventUpdate

from dashboard import api, web
from dashboard.data.layers import prepare_layers
from dashboard.data.store import get_view, store_dir
from dashboard.pages import not_found_404
from dashboard.pages.data import page as data_page
from dashboard.pages.explorer import page as explorer_page
from dashboard.pages.explorer import view as explorer_view
from dashboard.pages.methode import page as methode_page
from dashboard.pages.overview import page as overview_page
from dashboard.pages.priority import page as priority_page
from dashboard.pages.region import page as region_page
from dashboard.ui import ids, shell
from dashboard.ui.i18n import normalise_lang, t
from dashboard.web import answers, static
from etl.store import StoreError

HERE = Path(__file__).resolve().parent
LOG = logging.getLogger(__name__)
PAGE_ROUTER_OUTPUT = ".._pages_content.children..._pages_store.data.."     # the callback Dash adds for pages
# Registration order = the order of the pages' inline scripts in every HTML page (kept as it was served before
# the pages became packages); the menu order is each page's own ``order``.
PAGES = (region_page, data_page, not_found_404, methode_page, priority_page, overview_page, explorer_page)

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
    """Dash whose index page carries ``<html lang="nl|en">`` and a title in the requested language, and whose first
    layout holds the page the browser loads (:func:`first_layout`), encoded once per page and data version."""

    def serve_layout(self) -> flask.Response:
        try:
            view = get_view()
        except StoreError:
            return super().serve_layout()
        key = (flask.request.host, asked_location(self))      # the host: a page may print the site's address
        body = view.memo.peek("first_layout", key)
        if body is None:
            body = to_json(self.get_layout()).encode("utf-8")
            view.memo.put("first_layout", key, body)              # bounded by total size (MEMO_BYTES)
        return flask.Response(body, mimetype="application/json")

    def interpolate_index(self, **kwargs: Any) -> str:
        lang = request_lang()
        kwargs["title"] = index_title(self, lang)
        page = super().interpolate_index(**kwargs)
        return page.replace("<html>", f'<html lang="{lang}">', 1)


def create_app(view: str | Path | None = None) -> dash.Dash:
    """Build the app. Reads no data: the store is loaded on the first request that needs it."""
    app = LocalisedDash(
        __package__,
        use_pages=True,
        pages_folder="",                      # pages register themselves below, explicitly
        assets_folder=str(HERE / "assets"),
        serve_locally=True,
        compress=False,                       # dashboard.web installs compression
        external_scripts=[],
        external_stylesheets=[],
        suppress_callback_exceptions=True,
        title=t("common.app_title"),
        update_title=None,
        index_string=INDEX_STRING,
        # the router leaves a page the first layout already holds as it is (see first_layout)
        routing_callback_inputs={"shown": State(ids.PAGES_STORE, "data")},
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": t("common.app_subtitle")},
        ],
    )
    app.server.config["STORE_DIR"] = str(Path(view) if view else store_dir())
    shell.register(app)
    for page in PAGES:
        page.register(app)
    for entry in dash.page_registry.values():
        entry["layout"] = _unless_shown(entry["layout"])
    app.layout = functools.partial(first_layout, app)
    app.server.before_request(functools.partial(quiet_title_callback, app))
    api.register(app.server)
    web.install(app.server, dash_app=app)
    static.install(app)                       # geometry, Plotly bundle, precompressed suites
    # Every callback of the app answers from its request and the data alone, so its answers can be kept; so does
    # the page router Dash adds on the first request (a page's layout from its path and query).
    answers.install(app.server, [*app.callback_map, PAGE_ROUTER_OUTPUT])
    return app


def index_title(app: dash.Dash, lang: str) -> str:
    """The ``<title>`` of the page at the request's path in ``lang`` (what Dash's pages set after loading, which
    the first layout makes unneeded), else the app's name."""
    try:
        page, variables = page_at(app, flask.request.path)
        title = page.get("title")
        title = title(**variables) if callable(title) else title
    except Exception:                     # noqa: BLE001 - a title must never break the page
        title = None
    text = shell.page_title(title, lang) if isinstance(title, str) and title else t("common.app_title", lang)
    return html_escape(text)                                  # a region's name goes into the HTML as it is


def quiet_title_callback(app: dash.Dash) -> None:
    """Dash's pages set ``document.title`` in a client-side callback, also on the first load (two renders of the
    whole page for a title the server's ``<title>`` already has); from now on only when the page changes.  Dash adds
    the callback on its first request: run after it (a ``before_request`` registered after Dash's)."""
    if app.server.config.get("TITLE_CALLBACK_QUIET"):
        return
    for spec in app._callback_list:
        if spec.get("output") == f"{ids.PAGES_DUMMY}.children" and spec.get("clientside_function"):
            spec["prevent_initial_call"] = True
            app.server.config["TITLE_CALLBACK_QUIET"] = True


def first_layout(app: dash.Dash) -> Any:
    """The app's layout for the page the browser is loading: the shell with that page in it, so the page draws
    from its first layout instead of after the page router's round trip.  The layout request names the page in
    its Referer (same host); without one, or should the page fail to build here, the shell comes empty and the
    router fills it as Dash does."""
    page = None
    where = asked_location(app)
    try:
        page = first_page(app, *where) if where else None
    except Exception:                     # noqa: BLE001 - the router builds (and reports) the page then
        LOG.exception("first layout: the page is left to the router")
    return shell.shell_layout(page)


def asked_location(app: dash.Dash) -> tuple[str, str] | None:
    """(pathname, search) of the page that asks for its layout: the request's Referer when it is of this host."""
    if not flask.has_request_context() or not flask.request.referrer:
        return None
    address = urlsplit(flask.request.referrer)
    host = urlsplit(f"//{flask.request.host}").hostname          # a proxy may pass the host without its port
    if not address.hostname or address.hostname != host or \
            not address.path.startswith(app.config.requests_pathname_prefix):
        return None
    return address.path, f"?{address.query}" if address.query else ""


def page_at(app: dash.Dash, pathname: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The registered page of ``pathname`` and its path variables, the 404 page where none is: Dash's router's
    lookup."""
    page, variables = _path_to_page(app.strip_relative_path(pathname))
    if not page:
        page = next(p for module, p in dash.page_registry.items() if module.endswith("not_found_404"))
    return page, variables or {}


def first_page(app: dash.Dash, pathname: str, search: str) -> shell.FirstPage:
    """The page at ``pathname`` + ``search``, built as Dash's page router builds it."""
    page, variables = page_at(app, pathname)
    layout, title = getattr(page["layout"], "__wrapped__", page["layout"]), page["title"]     # not the router's
    content = layout(**{**variables, **_parse_query_string(search)}) if callable(layout) else layout
    return shell.FirstPage(pathname, search, content, title(**variables) if callable(title) else title,
                           flask.request.referrer or "")


def _unless_shown(layout: Any) -> Any:
    """A page's layout for the page router, which answers "no update" when the first layout already holds the page
    at this location (the ``shown`` routing input: the pages' store)."""
    if not callable(layout):
        return layout

    @functools.wraps(layout)
    def for_router(*args: Any, shown: Any = None, **kwargs: Any) -> Any:
        if shown is not None:                         # asked by the router, in its callback
            where = dash.ctx.inputs
            if shell.already_shown(shown, where.get(f"{ids.PAGES_LOCATION}.pathname"),
                                   where.get(f"{ids.PAGES_LOCATION}.search")):
                raise PreventUpdate
        return layout(*args, **kwargs)
    return for_router


def finish_setup(server: flask.Flask) -> None:
    """One request through the app, in this thread, before it serves others. Dash finishes setting itself up on its
    first request (the pages' router callbacks are added, then every callback is validated); two threads' first
    requests at once race there ("dictionary changed size during iteration", a 500). Called by gunicorn's
    ``post_worker_init`` and by ``python -m dashboard``.

    Then the store's view gets every map layer's rankings, series index, map hover texts and trend points
    (:func:`prepare_layers`, :func:`dashboard.pages.explorer.view.prepare`) and the callback guard its index of the
    pages' components (:func:`dashboard.web.prepare`), so that no user waits for them; a store that cannot be read
    now is left to the requests. Last, what the worker holds is frozen out of the garbage collector's walks."""
    server.test_client().get("/healthz", headers={"X-Request-Id": "worker-start"})
    with server.test_request_context("/"):
        try:
            view = get_view()
        except StoreError:
            return
        prepare_layers(view)
        explorer_view.prepare(view)
        web.prepare(server)
    gc.collect()
    gc.freeze()        # what the worker holds from now on is never walked by the collector: no long pauses


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
