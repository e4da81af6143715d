"""Callback answers served from memory as encoded bytes, for callbacks whose answer depends only on the request.

A callback's answer to a request is a pure function of what the browser sends (inputs, state, what changed) and
of the data (a rule for every callback of the app: no clock, no randomness, no request headers).  The first time a
request is seen, Dash computes the answer; its bytes (and their brotli encoding, made once) are kept in the
:class:`~dashboard.data.view.StoreView`'s memo, so they are keyed on the data version and go with the view when a
build swaps in new data.  The next identical request is answered from there without running the callback.  Bounded
by total size (``MEMO_BYTES`` in :mod:`dashboard.data.view`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import brotli
from flask import Flask, Response, g, has_request_context, request

from dashboard.data.store import get_view
from etl.store import StoreError

CALLBACK_SUFFIX = "_dash-update-component"
BROTLI_QUALITY = 5


def install(server: Flask, outputs: Iterable[str]) -> None:
    """Serve repeated requests of the callbacks whose ``output`` key is in ``outputs`` from memory."""
    server.config["CACHED_CALLBACK_OUTPUTS"] = frozenset(outputs)
    server.before_request(_serve_known_answer)
    server.after_request(_remember_answer)


def answer_key(body: Any) -> str | None:
    """A digest of everything a callback answer depends on in the request, or None when the body is not one."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return None
    # the host too: a few answers print the site's own address (a brief's foot), never another host's
    host = request.host if has_request_context() else ""
    parts = [body.get("output"), body.get("inputs"), body.get("state"), body.get("changedPropIds"), host]
    try:
        text = json.dumps(parts, sort_keys=True, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        return None
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _serve_known_answer() -> Response | None:
    if request.method != "POST" or not request.path.endswith(CALLBACK_SUFFIX):
        return None
    from flask import current_app
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or body.get("output") not in current_app.config["CACHED_CALLBACK_OUTPUTS"]:
        return None
    key = answer_key(body)
    if key is None:
        return None
    try:
        view = get_view()
    except StoreError:
        return None
    g.answer_key = key
    held = view.memo.peek("answer", key)
    if held is None:
        return None
    g.answer_key = None                                   # nothing to remember: it came from memory
    return _response(view, key, held)


def _response(view: Any, key: str, raw: bytes) -> Response:
    if "br" in request.headers.get("Accept-Encoding", ""):
        encoded = view.memo.peek("answer", ("br", key))
        if encoded is None:
            encoded = brotli.compress(raw, quality=BROTLI_QUALITY)
            view.memo.put("answer", ("br", key), encoded)
        response = Response(encoded, mimetype="application/json")
        response.headers["Content-Encoding"] = "br"
        response.headers["Vary"] = "Accept-Encoding"
        return response
    return Response(raw, mimetype="application/json")


def _remember_answer(response: Response) -> Response:
    key = g.pop("answer_key", None)
    if key is None or response.status_code != 200 or response.direct_passthrough \
            or "Content-Encoding" in response.headers or response.mimetype != "application/json":
        return response
    try:
        view = get_view()
    except StoreError:
        return response
    view.memo.put("answer", key, response.get_data())
    return response
