"""The page Dash shows for any path no page claims (module name ``not_found_404``), and its HTTP status.

Dash answers every path with its index page (status 200) and decides in the browser which page to show.
:func:`not_found_status` gives the answer the status it deserves on the server: 404 for a path no registered
page claims, and for a page with a path template whose ``exists(**variables)`` (a ``register_page`` keyword,
e.g. the region page's) says there is nothing there (``/regio/XX99``).  :func:`register` installs it, so no
other wiring is needed.
"""

from __future__ import annotations

import re
from typing import Any

import dash
import flask
from dash import html

from dashboard.ui import ids
from dashboard.ui.components.demo_banner import method_href
from dashboard.ui.i18n import normalise_lang, t
from dashboard.ui.urls import page_href


def layout(lang: str = "nl", **_query: Any) -> html.Div:
    lang = normalise_lang(lang)
    home = page_href("/", lang)
    return html.Div(
        [
            html.H1(t("common.notfound.title", lang), className="page-title"),
            html.P(t("common.notfound.text", lang), className="lead"),
            html.Ul([
                html.Li(html.A(t("common.notfound.home", lang), href=home, id=ids.NOT_FOUND_HOME_LINK,
                               **{"data-spa": "true"})),
                html.Li(html.A(t("common.notfound.methode", lang), href=method_href(lang), **{"data-spa": "true"})),
            ], className="link-list"),
        ],
        className="page page-not-found",
    )


def _template_pattern(template: str) -> re.Pattern[str]:
    """``/regio/<code>`` -> a pattern matching ``regio/AM15`` with the group ``code`` (as Dash reads it)."""
    parts = re.split(r"<([^>]+)>", template.strip("/"))
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}$")


def page_exists(path: str) -> bool:
    """Whether a registered page (other than this one) shows something at ``path``."""
    path_id = path.strip("/")
    for page in dash.page_registry.values():
        if page.get("module") == __name__:
            continue
        template = page.get("path_template")
        if template:
            match = _template_pattern(template).match(path_id)
            if match:
                check = page.get("exists")
                try:
                    return bool(check(**match.groupdict())) if callable(check) else True
                except Exception:               # noqa: BLE001 - no store, say: the status stays as Dash set it
                    return True
        elif path_id == str(page.get("path", "")).strip("/"):
            return True
    return False


def not_found_status(response: flask.Response) -> flask.Response:
    """404 for the index page Dash serves at a path no page claims (HTML page requests only)."""
    request = flask.request
    if (request.method in ("GET", "HEAD") and response.status_code == 200 and response.mimetype == "text/html"
            and str(request.endpoint or "").endswith("<path:path>") and not page_exists(request.path)):
        response.status_code = 404
    return response


def register(app: dash.Dash) -> None:
    """Add this page and its callbacks to ``app`` (called once per app by :func:`dashboard.app.create_app`),
    and the 404 status for unknown paths on ``app.server``."""
    dash.register_page(
        __name__, layout=layout, path="/404", title="Pagina niet gevonden – Jongeren en arbeidsmarkt")
    app.server.after_request(not_found_status)
