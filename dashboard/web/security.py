"""Production hardening for the Flask server behind the Dash app.

What :func:`install` adds (once per server; calling it twice is harmless):

* **Compression** (Flask-Compress: br, gzip, zstd) for text responses.  Static files (Dash's
  component suites -- Plotly's 4.8 MB plotly.min.js takes ~1 s of CPU to compress -- and
  /assets/) are compressed once per worker and kept in a small in-memory cache.
* **Caching**: fingerprinted Dash assets (``/_dash-component-suites/...v4_4_1m123...js``) and
  ``/assets/...?m=<mtime>`` get ``public, max-age=31536000, immutable``; un-fingerprinted
  assets ``no-cache`` (revalidate); HTML, callbacks and health ``no-store``; API GET
  responses ``public, max-age=300`` unless the view set its own ``Cache-Control``.
* **Security headers on every response**: a Content-Security-Policy, ``X-Content-Type-Options:
  nosniff``, ``Referrer-Policy``, ``Permissions-Policy``, ``X-Frame-Options: DENY``,
  ``Cross-Origin-Opener-Policy`` and, over HTTPS, ``Strict-Transport-Security``.
* **Errors**: any unhandled exception becomes a generic 500 (JSON under ``/api/`` and the
  ``/_dash-*`` endpoints, a small HTML page elsewhere) with no traceback; the details go to
  the log.  4xx under ``/api/`` are JSON too.
* **Hostile callback requests**: a POST to ``/_dash-update-component`` whose body is not the
  shape the registered callback expects (wrong output id, missing inputs, not JSON ...) or whose
  values have the wrong type for their component property is answered 400 before Dash touches
  it (:mod:`dashboard.web.guard`).  Uses the Dash app: see :func:`install_dash`.
* ``/healthz`` (see :mod:`dashboard.web.health`).
* A request body limit (``MAX_CONTENT_LENGTH``, default 2 MB, env ``MAX_CONTENT_LENGTH``).

The Content-Security-Policy
---------------------------
``script-src 'self'`` plus the sha256 hashes of the inline scripts Dash writes into the page
(the ``var renderer = new DashRenderer();`` script and any clientside-callback scripts).  The
hashes of an HTML response are computed from *that response's own body*, so they are exact
whatever was registered after start-up; :func:`install_dash` also adds ``app.csp_hashes()``.
No ``'unsafe-inline'`` and no ``'unsafe-eval'`` for scripts.  The ``_dash-config`` script is
``type="application/json"``: data, not executed, so it needs no hash.

``style-src 'self' 'unsafe-inline'``: Plotly.js injects ``<style>`` elements at run time (its
modebar, hover labels and MapLibre's CSS) and React sets inline ``style`` attributes, so
styles must allow inline.  Inline *styles* cannot run code; the script policy stays strict.
``img-src 'self' data: blob:`` (Plotly's SVG/PNG download and MapLibre sprites),
``worker-src 'self' blob:`` (MapLibre starts its web workers from a blob URL),
``connect-src 'self'`` (callbacks, GeoJSON), ``frame-ancestors 'none'``, ``object-src 'none'``,
``base-uri 'self'``, ``form-action 'self'``.  To allow embedding in an iframe set
``CSP_FRAME_ANCESTORS`` (e.g. ``'self' https://www.example.nl``); X-Frame-Options is then left out.

How to use it (in ``dashboard.app.create_app``, after all pages/callbacks are registered)::

    from dashboard.web import security
    app = dash.Dash(...)
    ...                                  # pages, callbacks, blueprints
    security.install(app.server, dash_app=app)      # or: security.install_dash(app)

``install(server)`` alone gives everything except the callback-envelope check and the
start-up hashes (the per-response hashes still make the CSP work).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
import threading
from collections import OrderedDict
from typing import Any, Iterable

from flask import Flask, Response, current_app, jsonify, request
from flask_compress import Compress
from werkzeug.exceptions import HTTPException, InternalServerError

from dashboard.web.guard import Guard, find_dash_app

log = logging.getLogger(__name__)

ONE_YEAR = 31536000
IMMUTABLE = f"public, max-age={ONE_YEAR}, immutable"
DEFAULT_MAX_BODY = 2 * 1024 * 1024
CALLBACK_PATH_SUFFIX = "_dash-update-component"
_EXT_KEY = "dashboard.web.security"

PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
    "payment", "usb", "browsing-topics"))

BASE_CSP: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "child-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE_ATTR = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript",
             "application/ecmascript"}
_FINGERPRINT = re.compile(r"^v[\w-]+m[0-9a-f]+$")


# --------------------------------------------------------------------------- public API
def install(server: Flask, dash_app: Any = None) -> Flask:
    """Harden ``server`` (a Flask app, e.g. ``dash_app.server``); see the module docstring.

    Pass ``dash_app`` (or call :func:`install_dash` later) to add the callback-envelope
    check and the start-up CSP hashes.  Returns ``server``.
    """
    state = server.extensions.get(_EXT_KEY)
    if state is None:
        state = _State()
        server.extensions[_EXT_KEY] = state
        _install_once(server, state)
    if dash_app is not None:
        install_dash(dash_app)
    return server


def install_dash(app: Any) -> None:
    """Dash-aware parts: start-up CSP hashes (``app.csp_hashes()``) and the 400 for malformed
    callback requests.  Calls :func:`install` on ``app.server`` first if needed.  Call it after
    every callback (clientside ones included) is registered; pages registered with
    ``use_pages`` are imported by ``dash.Dash()`` itself, so right after creating the app is
    fine when all callbacks live in page modules."""
    server = app.server
    if _EXT_KEY not in server.extensions:
        install(server)
    state: _State = server.extensions[_EXT_KEY]
    state.dash_app = app
    state.guard = Guard(app)
    try:
        state.static_hashes = tuple(app.csp_hashes())
    except Exception:                           # noqa: BLE001 - hashes are a bonus here
        log.exception("could not compute Dash CSP hashes at start-up")
    state.csp_cache.clear()


def frame_ancestors() -> str:
    """Who may frame the pages: ``$CSP_FRAME_ANCESTORS`` (e.g. ``'self' https://example.nl``), default 'none'."""
    return os.environ.get("CSP_FRAME_ANCESTORS", "").strip() or "'none'"


def content_security_policy(script_hashes: Iterable[str] = ()) -> str:
    """The CSP header value, with ``script_hashes`` (``'sha256-...'`` tokens) added to script-src."""
    directives = {k: list(v) for k, v in BASE_CSP.items()}
    directives["script-src"] += sorted(set(script_hashes))
    directives["frame-ancestors"] = [frame_ancestors()]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def inline_script_hashes(html: str) -> list[str]:
    """``'sha256-...'`` CSP tokens for each executable inline ``<script>`` in ``html``
    (scripts with ``src``, JSON data blocks and scripts inside HTML comments are skipped)."""
    tokens = []
    for attrs, body in _SCRIPT.findall(_COMMENT.sub("", html)):
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        match = _TYPE_ATTR.search(attrs)
        if match and match.group(1).lower() not in _JS_TYPES:
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        tokens.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return tokens


# --------------------------------------------------------------------------- internals
class _State:
    def __init__(self) -> None:
        self.compress: Compress | None = None
        self.dash_app: Any = None
        self.guard: Guard | None = None
        self.static_hashes: tuple[str, ...] = ()
        self.csp_cache: dict[tuple[str, ...], str] = {}
        self.asset_cache = _BytesLRU(limit=int(os.environ.get("ASSET_CACHE_BYTES", 48 * 1024 * 1024)))


class _BytesLRU:
    """Compressed bodies of immutable assets, bounded by total size; thread-safe."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.items: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def set(self, key: str, value: bytes) -> None:
        if len(value) > self.limit:
            return
        with self.lock:
            old = self.items.pop(key, None)
            if old is not None:
                self.size -= len(old)
            self.items[key] = value
            self.size += len(value)
            while self.size > self.limit and self.items:
                _, dropped = self.items.popitem(last=False)
                self.size -= len(dropped)


def _install_once(server: Flask, state: _State) -> None:
    server.debug = False if not os.environ.get("DASH_DEBUG") else server.debug
    server.config.setdefault("MAX_CONTENT_LENGTH",
                             int(os.environ.get("MAX_CONTENT_LENGTH", DEFAULT_MAX_BODY)))
    # Our own Compress instance, called from _after_request (after the headers are set).  If Dash
    # was created with compress=True its Compress also runs, later, and skips what we encoded.
    server.config["COMPRESS_REGISTER"] = False
    server.config["COMPRESS_ALGORITHM"] = ["br", "gzip", "zstd", "deflate"]   # br first: smallest
    server.config["COMPRESS_BR_LEVEL"] = 5
    server.config["COMPRESS_LEVEL"] = 6
    server.config["COMPRESS_MIN_SIZE"] = 500
    state.compress = Compress()
    state.compress.init_app(server)

    from dashboard.web import health
    health.register(server)

    server.before_request(_check_callback_request)
    server.after_request(_after_request)
    from dash import exceptions as dash_errors  # client mistakes Dash raises as exceptions:
    server.register_error_handler(dash_errors.DependencyException, _unknown_resource)   # bad asset path
    server.register_error_handler(dash_errors.UnsupportedRelativePath, _bad_path)      # pathname w/o '/'

    server.register_error_handler(HTTPException, _http_error)
    server.register_error_handler(Exception, _unhandled_error)


def _state() -> _State:
    return current_app.extensions[_EXT_KEY]


def _wants_json() -> bool:
    path = request.path
    return path.startswith("/api/") or "/_dash-" in path or path == "/healthz"


def _error_response(status: int, code: str, message: str) -> Response:
    if _wants_json():
        response = jsonify({"error": code, "status": status, "message": message})
        response.status_code = status
        return response
    title = {400: "Bad request", 404: "Not found", 405: "Method not allowed",
             413: "Request too large"}.get(status, "Error")
    if status >= 500:
        title = "Something went wrong / Er ging iets mis"
    page = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        f"<title>{status} – {title}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        f'<body><main><h1>{title}</h1><p>{message}</p><p><a href="/">Home</a></p></main></body></html>'
    )
    return Response(page, status=status, mimetype="text/html")


def _unhandled_error(error: Exception):
    if isinstance(error, HTTPException):        # only when no more specific handler matched
        return _http_error(error)
    log.exception("unhandled error on %s %s", request.method, request.path)
    return _error_response(500, "internal_error",
                           "An internal error occurred. / Er is een interne fout opgetreden.")


def _unknown_resource(error: Exception):
    return _error_response(404, "not_found", "No such resource.")


def _bad_path(error: Exception):
    return _error_response(400, "bad_request", "Unsupported path.")


def _http_error(error: HTTPException):
    status = error.code or 500
    if status >= 500:
        if isinstance(error, InternalServerError) and error.original_exception is not None:
            log.error("internal error on %s %s", request.method, request.path,
                      exc_info=error.original_exception)
        return _error_response(status, "internal_error" if status == 500 else "unavailable",
                               "An internal error occurred. / Er is een interne fout opgetreden.")
    if _wants_json():
        return _error_response(status, (error.name or "error").lower().replace(" ", "_"),
                               error.description or "")
    return error                                # Werkzeug's own small 4xx page


# ---- callback envelope -----------------------------------------------------------------
def _check_callback_request() -> Response | None:
    if request.method != "POST" or not request.path.endswith(CALLBACK_PATH_SUFFIX):
        return None
    body = request.get_json(silent=True)
    state = _state()
    if state.guard is None:                     # install_dash() not called: find the app ourselves
        state.dash_app = state.dash_app or find_dash_app(current_app)
        state.guard = Guard(state.dash_app)
    problem = state.guard.problem(body)
    if problem:
        return _error_response(400, "bad_callback_request", problem)
    return None


# ---- headers, caching, compression ----------------------------------------------------
def _after_request(response: Response) -> Response:
    state = _state()
    _set_cache_control(response)
    _set_security_headers(response, state)
    return _compress(response, state)


def _is_fingerprinted_asset() -> bool:
    path = request.path
    if "/_dash-component-suites/" in path:
        name = path.rsplit("/", 1)[-1].split(".")
        return len(name) > 2 and bool(_FINGERPRINT.match(name[1]))
    if "/assets/" in path:
        return "m" in request.args
    return False


def _set_cache_control(response: Response) -> None:
    path = request.path
    if response.status_code >= 400 or request.method not in ("GET", "HEAD"):
        response.headers["Cache-Control"] = "no-store"
        return
    if _is_fingerprinted_asset():
        response.headers["Cache-Control"] = IMMUTABLE
        return
    if "Cache-Control" in response.headers:     # a view that chose its own policy
        return
    if "/_dash-component-suites/" in path or "/assets/" in path or path.endswith("_favicon.ico"):
        response.headers["Cache-Control"] = "no-cache"
    elif path.startswith("/api/"):
        response.headers["Cache-Control"] = "public, max-age=300"
    else:                                       # HTML pages, Dash JSON, health
        response.headers["Cache-Control"] = "no-store"


def _set_security_headers(response: Response, state: _State) -> None:
    hashes: tuple[str, ...] = state.static_hashes
    if response.mimetype == "text/html" and not response.is_streamed and not response.direct_passthrough:
        hashes = hashes + tuple(inline_script_hashes(response.get_data(as_text=True)))
    key = tuple(sorted(set(hashes)))
    csp = state.csp_cache.get(key)
    if csp is None:
        csp = content_security_policy(key)
        if len(state.csp_cache) < 64:
            state.csp_cache[key] = csp
    headers = response.headers
    headers["Content-Security-Policy"] = csp
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    if frame_ancestors() == "'none'":          # X-Frame-Options cannot express an allow-list
        headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"


def _compress(response: Response, state: _State) -> Response:
    compress = state.compress
    assert compress is not None
    static = (response.headers.get("Cache-Control") == IMMUTABLE
              or "/_dash-component-suites/" in request.path or "/assets/" in request.path)
    cacheable = (static and response.status_code == 200 and request.method == "GET"
                 and not response.is_streamed and "Content-Encoding" not in response.headers)
    if not cacheable:
        return compress.after_request(response)
    from flask_compress.flask_compress import _choose_algorithm
    algo = _choose_algorithm(compress.enabled_algorithms, request.headers.get("Accept-Encoding", ""))
    if algo is None or response.mimetype not in compress.compress_mimetypes_set:
        return compress.after_request(response)
    # Package files and assets do not change while a worker runs (the ETag, when there is one,
    # guards against a changed asset file); plotly.min.js alone takes ~1 s of CPU to compress.
    key = f"{algo};{request.full_path};{response.headers.get('ETag', '')}"
    body = state.asset_cache.get(key)
    if body is None:
        response.direct_passthrough = False
        raw = response.get_data()
        if len(raw) < current_app.config["COMPRESS_MIN_SIZE"]:
            return compress.after_request(response)
        from flask_compress.flask_compress import _compress_data
        body = _compress_data(current_app, raw, algo)
        state.asset_cache.set(key, body)
    response.direct_passthrough = False
    response.set_data(body)
    response.headers["Content-Encoding"] = algo
    response.headers["Content-Length"] = str(len(body))
    vary = response.headers.get("Vary")
    if not vary:
        response.headers["Vary"] = "Accept-Encoding"
    elif "accept-encoding" not in vary.lower():
        response.headers["Vary"] = f"{vary}, Accept-Encoding"
    return response


__all__ = ["install", "install_dash", "content_security_policy", "inline_script_hashes", "BASE_CSP"]
