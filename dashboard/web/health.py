"""``GET /healthz``: can this worker serve data, and which?

* 200 ``{"status": "ok", "data_version", "is_demo", "built_at", "version"}``: the store is served as built.
* 200 ``{"status": "degraded", "reason", ...the same fields...}``: the store folder is missing, unreadable or
  corrupt (a file that does not match its checksum), and this worker serves the last good copy it has (in
  memory, or ``.old-store`` / ``.previous-store`` beside the folder).  Still 200: the instance answers every
  request; the reason says what an operator must repair (usually: run ``python -m etl build``).
* 503 ``{"status": "unavailable", "reason"}``: there is no good store anywhere.

Every health check ``stat``-s every store file, so a file changed in place is noticed on the next probe.
``version`` is the software version (``etl.__version__``, the one version of the product, also written into
each manifest as ``software.version``).  Registered by :func:`dashboard.web.security.install`.
"""

from __future__ import annotations

import logging

from flask import Flask, jsonify

from etl import __version__

log = logging.getLogger(__name__)


def register(server: Flask) -> None:
    if "healthz" in server.view_functions:
        return
    server.add_url_rule("/healthz", "healthz", healthz, methods=["GET", "HEAD"])


def healthz():
    from dashboard.data.store import store_status
    try:
        status = store_status(check=True)
    except Exception as exc:                    # noqa: BLE001 - any failure means "not ready"
        log.error("health check failed: %s: %s", type(exc).__name__, exc)
        status = None
    if status is None or status.view is None:
        reason = status.problem if status is not None else "the data store cannot be checked"
        response = jsonify({"status": "unavailable", "reason": reason, "version": __version__})
        response.status_code = 503
        response.headers["Retry-After"] = "30"
    else:
        view = status.view
        manifest = view.manifest or {}
        body = {"status": status.state, "data_version": view.data_version, "is_demo": bool(view.is_demo),
                "built_at": manifest.get("built_at"), "version": __version__}
        if status.problem:
            body["reason"] = status.problem
        response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response
