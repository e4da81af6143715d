"""Error answers: generic, without tracebacks; client mistakes are 4xx, never 500.

* JSON ``{"error", "status", "message"}`` under ``/api/``, for the ``/_dash-*`` endpoints and ``/healthz``; a small
  HTML page elsewhere.  The /api/v1 blueprints answer their own errors (dashboard.api.responses) first.
* A missing file under ``/_dash-component-suites/`` or ``/assets/`` (a source map Dash does not ship ...) is 404.
* The store being unavailable is 503 (``Retry-After``), not 500.
* Anything else unexpected is 500 and one error line in the log; a failing callback's line names the callback
  (its ``output``) and the inputs that changed.
"""

from __future__ import annotations

import logging
from html import escape

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException, InternalServerError

from etl.store import StoreError

log = logging.getLogger(__name__)

CALLBACK_PATH_SUFFIX = "_dash-update-component"
TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 408: "Request timeout",
          413: "Request too large", 414: "URI too long", 431: "Request header fields too large",
          503: "Service unavailable"}
INTERNAL = "An internal error occurred. / Er is een interne fout opgetreden."


def install(server: Flask) -> None:
    from dash import exceptions as dash_errors  # client mistakes Dash raises as exceptions:
    server.register_error_handler(dash_errors.DependencyException, _not_found)      # bad asset path
    server.register_error_handler(dash_errors.UnsupportedRelativePath, _bad_path)   # pathname w/o '/'
    server.register_error_handler(StoreError, _store_unavailable)
    server.register_error_handler(HTTPException, http_error)
    server.register_error_handler(Exception, unhandled_error)


def wants_json() -> bool:
    path = request.path
    return path.startswith("/api/") or "/_dash-" in path or path == "/healthz"


def error_response(status: int, code: str, message: str) -> Response:
    if wants_json():
        response = jsonify({"error": code, "status": status, "message": message})
        response.status_code = status
        return response
    title = "Something went wrong / Er ging iets mis" if status >= 500 else TITLES.get(status, "Error")
    page = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        f"<title>{status} – {escape(title)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        f'<body><main><h1>{escape(title)}</h1><p>{escape(message)}</p><p><a href="/">Home</a></p></main></body></html>'
    )
    return Response(page, status=status, mimetype="text/html")


def unhandled_error(error: Exception) -> Response:
    if isinstance(error, HTTPException):        # only when no more specific handler matched
        return http_error(error)
    if isinstance(error, FileNotFoundError) and _is_static_path():
        return _not_found(error)
    if isinstance(error, StoreError):
        return _store_unavailable(error)
    _log_failure(error)
    return error_response(500, "internal_error", INTERNAL)


def http_error(error: HTTPException) -> Response:
    status = error.code or 500
    if status >= 500:
        if isinstance(error, InternalServerError) and error.original_exception is not None:
            original = error.original_exception
            if isinstance(original, StoreError):
                return _store_unavailable(original)
            if isinstance(original, FileNotFoundError) and _is_static_path():
                return _not_found(original)
            _log_failure(original)
        return error_response(status, "internal_error" if status == 500 else "unavailable", INTERNAL)
    if wants_json():
        return error_response(status, (error.name or "error").lower().replace(" ", "_"), error.description or "")
    response = error.get_response()             # Werkzeug's own small 4xx page (escaped text)
    return response


def _is_static_path() -> bool:
    return "/_dash-component-suites/" in request.path or "/assets/" in request.path


def _not_found(error: Exception) -> Response:
    return error_response(404, "not_found", "No such resource.")


def _bad_path(error: Exception) -> Response:
    return error_response(400, "bad_request", "Unsupported path.")


def _store_unavailable(error: Exception) -> Response:
    log.error("data store unavailable on %s %s: %s", request.method, request.path, error)
    response = error_response(503, "unavailable", "The data are not available right now; try again later. / "
                                                   "De gegevens zijn nu niet beschikbaar; probeer het later opnieuw.")
    response.headers["Retry-After"] = "30"
    return response


def _log_failure(error: BaseException) -> None:
    if request.path.endswith(CALLBACK_PATH_SUFFIX):
        body = request.get_json(silent=True, cache=True)
        body = body if isinstance(body, dict) else {}
        changed = body.get("changedPropIds")
        log.error("callback failed", exc_info=error, extra={"fields": {
            "callback": str(body.get("output", "?"))[:300],
            "changed": ",".join(str(c) for c in changed)[:300] if isinstance(changed, list) else "-"}})
    else:
        log.error("request failed", exc_info=error, extra={"fields": {
            "method": request.method, "path": request.path[:300]}})
