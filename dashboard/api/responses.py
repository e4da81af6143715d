"""Responses shared by the /api/v1 blueprints: JSON errors, downloads with ETag, 304 Not Modified, and the
read-only method contract (``OPTIONS`` answers ``Allow: GET, HEAD``)."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import HTTPException

from dashboard.api.heavy import Busy
from dashboard.data.observation_query import ParamError
from etl.store import StoreError

CACHE_CONTROL = "public, max-age=3600"


ALLOW = "GET, HEAD"                            # the API is read-only

CSV_MIMETYPE = "text/csv"                      # Flask adds "; charset=utf-8"


JSON_MIMETYPE = "application/json"


ZIP_MIMETYPE = "application/zip"


def json_error(message: str, parameter: str | None = None, valid: list[str] | None = None,
               status: int = 400) -> Response:
    body = json.dumps({"error": message, "parameter": parameter, "valid": valid or []}, ensure_ascii=False)
    response = Response(body, status=status, mimetype=JSON_MIMETYPE)
    response.headers["Cache-Control"] = "no-store"
    return response


def not_modified(tag: str) -> Response | None:
    """A 304 when the client already holds ``tag``, else None (check before doing the work).

    Flask-Compress appends ``:gzip`` (``:br`` ...) to the ETag of a compressed response, so those count too."""
    held = request.if_none_match
    matched = [t for t in held.as_set(include_weak=True) if t == tag or t.startswith(f"{tag}:")]
    if held.star_tag or matched:
        response = Response(status=304)
        response.set_etag(matched[0] if matched else tag)
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response
    return None


def send_bytes(data: bytes, mimetype: str, filename: str, tag: str, disposition: str = "attachment") -> Response:
    """A download with Content-Disposition, ETag and Cache-Control."""
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.set_etag(tag)
    return response


def json_bytes(payload: Any) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


def install_json_errors(blueprint: Blueprint, label: str) -> None:
    """JSON answers for every error of an API blueprint: 400 for bad parameters, 503 without a store or when
    the server is too busy for a heavy computation (``Retry-After``), never a trace; and ``OPTIONS`` on an
    endpoint answers 204 with ``Allow: GET, HEAD``."""

    def options() -> Response | None:
        if request.method != "OPTIONS" or request.url_rule is None or "<" in request.url_rule.rule:
            return None                         # the catch-all answers unknown paths (404)
        response = Response(status=204)
        response.headers["Allow"] = ALLOW
        response.headers["Cache-Control"] = "no-store"
        return response

    def bad_param(exc: ParamError) -> Response:
        return json_error(exc.message, exc.parameter, exc.valid)

    def no_store(exc: StoreError) -> Response:
        current_app.logger.error("%s: %s", label, exc)
        response = json_error("the data store is not available; try again later", status=503)
        response.headers["Retry-After"] = "30"
        return response

    def busy(exc: Busy) -> Response:
        current_app.logger.warning("%s: too busy for another heavy computation (%s)", label, exc)
        response = json_error("the server is busy with other heavy computations; try again in a few seconds",
                              status=503)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response

    def http_error(exc: HTTPException) -> Response:
        return json_error(exc.description or exc.name, status=exc.code or 500)

    def unexpected(exc: Exception) -> Response:
        current_app.logger.exception("%s: unexpected error", label)
        return json_error("internal error", status=500)

    blueprint.before_request(options)
    blueprint.register_error_handler(ParamError, bad_param)
    blueprint.register_error_handler(StoreError, no_store)
    blueprint.register_error_handler(Busy, busy)
    blueprint.register_error_handler(HTTPException, http_error)
    blueprint.register_error_handler(Exception, unexpected)
