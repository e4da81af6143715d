"""Production hardening for the Flask server behind the Dash app: :func:`install` wires the parts.

* :mod:`dashboard.web.logs`: a request id per request (``X-Request-Id``), logfmt log lines.
* :mod:`dashboard.web.limits`: ``MAX_CONTENT_LENGTH`` (413 before parsing, chunked bodies too).  The gate for
  heavy computations is :mod:`dashboard.api.heavy` (used by the API).
* :mod:`dashboard.web.guard`: a POST to ``/_dash-update-component`` that is unreadable, not JSON, nested too deep,
  or not the shape the registered callback expects, or whose values have the wrong type for their component
  property, is answered 400 before Dash touches it.
* :mod:`dashboard.web.headers`: security headers on every response (CSP with per-page script hashes,
  nosniff, Referrer-Policy, Permissions-Policy, X-Frame-Options, COOP, CORP, HSTS over HTTPS), Cache-Control by
  kind, and no versions in ``_dash-config``.
* :mod:`dashboard.web.compression`: br/gzip/zstd; fingerprinted static files compressed once per worker.
* :mod:`dashboard.web.errors`: generic error answers (JSON or a small page), 404 for missing static files, 503
  without a store, one log line per failure naming the failing callback.
* :mod:`dashboard.web.health`: ``/healthz`` (ok / degraded / unavailable).

``install(server, dash_app=app)`` is called by ``create_app``; a bare Flask app may call ``install(server)``
(no callback guard then: it has no callbacks).  Debug mode stays off unless ``DASH_DEBUG`` is set.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from flask import Flask, Response, current_app, request
from flask_compress import Compress
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from dashboard.web import compression, errors, headers, health, limits, logs
from dashboard.web.guard import Guard, parse_body
from dashboard.web.headers import BASE_CSP, IMMUTABLE, content_security_policy, inline_script_hashes
from dashboard.web.limits import DEFAULT_MAX_BODY

log = logging.getLogger(__name__)

_EXT_KEY = "dashboard.web.security"
CALLBACK_PATH_SUFFIX = errors.CALLBACK_PATH_SUFFIX


class _State:
    def __init__(self) -> None:
        self.compress: Compress | None = None
        self.dash_app: Any = None
        self.guard: Guard = Guard(None)
        self.static_hashes: tuple[str, ...] = ()
        self.csp_cache: dict[tuple[str, ...], str] = {}


def install(server: Flask, dash_app: Any = None) -> Flask:
    """Harden ``server`` (a Flask app, e.g. ``dash_app.server``); see the module docstring.  Idempotent.

    Pass ``dash_app`` to add the callback-envelope check and the start-up CSP hashes; call it after every
    callback (clientside ones included) is registered.  Returns ``server``."""
    state = server.extensions.get(_EXT_KEY)
    if state is None:
        state = _State()
        server.extensions[_EXT_KEY] = state
        _install_once(server, state)
    if dash_app is not None:
        if dash_app.server is not server:
            raise ValueError("dash_app.server is not the server being hardened")
        state.dash_app = dash_app
        state.guard = Guard(dash_app)
        try:
            state.static_hashes = tuple(dash_app.csp_hashes())
        except Exception:                       # noqa: BLE001 - hashes are a bonus here
            log.exception("could not compute Dash CSP hashes at start-up")
        state.csp_cache.clear()
    return server


def prepare(server: Flask) -> None:
    """Index the component types of every page for the callback guard now (it renders each page's layout once), so
    that no request waits for it. Call inside a request context, after the store is readable."""
    state = server.extensions.get(_EXT_KEY)
    if state is not None:
        state.guard.component_types()


def _install_once(server: Flask, state: _State) -> None:
    server.debug = False if not os.environ.get("DASH_DEBUG") else server.debug
    server.config["MAX_CONTENT_LENGTH"] = limits.max_body()     # Flask defines the key (None): set, not setdefault
    logs.install(server)
    state.compress = compression.make_compress(server)
    health.register(server)
    server.before_request(_check_request)
    server.after_request(_after_request)
    errors.install(server)


def _state() -> _State:
    return current_app.extensions[_EXT_KEY]


# ---- request bodies and callback requests ------------------------------------------------
def _check_request() -> Response | None:
    if request.content_length is not None and request.content_length > (current_app.config["MAX_CONTENT_LENGTH"] or 0):
        raise RequestEntityTooLarge()            # announced too large: 413 whatever the path, nothing read
    if request.method != "POST" or not request.path.endswith(CALLBACK_PATH_SUFFIX):
        return None
    try:
        data = request.get_data(cache=True)
        if request.content_length is None and len(data) >= (current_app.config["MAX_CONTENT_LENGTH"] or 0) \
                and request.environ["wsgi.input"].read(1):
            raise RequestEntityTooLarge()       # chunked: Werkzeug stops at the limit without saying so
    except HTTPException:
        raise
    except Exception:                           # noqa: BLE001 - the server could not read it (a broken chunk ...)
        return errors.error_response(400, "bad_request", "the request body could not be read")
    if not request.is_json:
        return errors.error_response(400, "bad_callback_request", "the body must be JSON (application/json)")
    body, problem = parse_body(data)
    if problem is None:
        problem = _state().guard.problem(body)
    if problem:
        return errors.error_response(400, "bad_callback_request", problem)
    return None


# ---- headers, caching, compression ----------------------------------------------------
def _after_request(response: Response) -> Response:
    state = _state()
    headers.set_cache_control(response)
    headers.scrub_dash_config(response)
    headers.set_security_headers(response, _csp(response, state))
    assert state.compress is not None
    return compression.compress(response, state.compress)


def _csp(response: Response, state: _State) -> str:
    if response.mimetype != "text/html":
        return headers.resource_policy()
    hashes: tuple[str, ...] = state.static_hashes
    if not response.is_streamed and not response.direct_passthrough:
        hashes = hashes + tuple(inline_script_hashes(response.get_data(as_text=True)))
    key = tuple(sorted(set(hashes)))
    csp = state.csp_cache.get(key)
    if csp is None:
        csp = content_security_policy(key)
        if len(state.csp_cache) < 64:
            state.csp_cache[key] = csp
    return csp


__all__ = ["install", "content_security_policy", "inline_script_hashes", "BASE_CSP", "IMMUTABLE",
           "DEFAULT_MAX_BODY"]
