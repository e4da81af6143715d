"""``GET /healthz``: is this worker able to serve data?

200 ``{"status": "ok", "data_version", "is_demo", "built_at", "version"}`` when the store
loads; 503 ``{"status": "unavailable", "reason": ...}`` when it does not (details go to the
log, not to the client).  Registered by :func:`dashboard.web.security.install`.
"""

from __future__ import annotations

import logging
from importlib import metadata

from flask import Flask, jsonify

log = logging.getLogger(__name__)


def register(server: Flask) -> None:
    if "healthz" in server.view_functions:
        return
    server.add_url_rule("/healthz", "healthz", healthz, methods=["GET", "HEAD"])


def app_version() -> str:
    try:
        import dashboard
        version = getattr(dashboard, "__version__", None)
        if version:
            return str(version)
    except Exception:                           # noqa: BLE001
        pass
    try:
        return metadata.version("cbs-youth-dashboard")
    except metadata.PackageNotFoundError:
        return "unknown"


def _version(manifest: dict) -> str:
    version = app_version()
    if version == "unknown":
        version = str((manifest.get("software") or {}).get("version", "unknown"))
    return version


def healthz():
    from dashboard.data.store import get_view
    try:
        view = get_view()
        manifest = view.manifest or {}
        body = {
            "status": "ok",
            "data_version": manifest.get("data_version"),
            "is_demo": bool(view.is_demo),
            "built_at": manifest.get("built_at"),
            "version": _version(manifest),
        }
        response = jsonify(body)
    except Exception as exc:                    # noqa: BLE001 - any failure means "not ready"
        log.error("health check: store cannot be loaded: %s", exc)
        response = jsonify({"status": "unavailable",
                            "reason": f"data store cannot be loaded ({type(exc).__name__})"})
        response.status_code = 503
    response.headers["Cache-Control"] = "no-store"
    return response
