"""Response headers: security headers, Cache-Control by kind of response, and no version disclosure.

Security headers on every response the app writes (the proxy adds the same defaults to responses it writes
itself, and to gunicorn's own error pages: deploy/nginx.conf):

* ``Content-Security-Policy``: on HTML, ``script-src 'self'`` plus the sha256 hashes of the inline scripts in
  *that* response's HTML (and of ``app.csp_hashes()``); no ``'unsafe-inline'``/``'unsafe-eval'`` for scripts.
  Styles need ``'unsafe-inline'`` (Plotly injects ``<style>``; inline styles cannot run code).  On everything
  else (scripts, styles, JSON, CSV, GeoJSON) the policy for resources, ``default-src 'none'``: a policy only
  governs a document (or a worker, which the app has none of: its maps are SVG), so the page policy there
  protected nothing and cost ~600 bytes a response.  No worker or frame may start from a ``blob:``.
  ``frame-ancestors`` from ``$CSP_FRAME_ANCESTORS`` (default ``'none'``, then also ``X-Frame-Options: DENY``).
* ``X-Content-Type-Options: nosniff``, ``Referrer-Policy``, ``Permissions-Policy``,
  ``Cross-Origin-Opener-Policy: same-origin``, ``Cross-Origin-Resource-Policy`` (``cross-origin`` for the open
  data under /api/, which also allows CORS; ``same-origin`` elsewhere), and ``Strict-Transport-Security`` when
  the request came over HTTPS (directly, or from a proxy trusted by ``FORWARDED_ALLOW_IPS``).

Cache-Control: fingerprinted assets ``immutable`` for a year, other assets ``no-cache``, API GETs
``public, max-age=300`` unless the view chose, HTML/callbacks/health and every error ``no-store``.

Versions: the ``<script id="_dash-config">`` of each page loses ``dash_version``, ``python_version``,
``plotly_version``, ``ddk_version`` and ``dash_version_url`` (only Dash's dev tools read them) unless
``DASH_DEBUG`` is set.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections.abc import Iterable

from flask import Response, request

ONE_YEAR = 31536000
IMMUTABLE = f"public, max-age={ONE_YEAR}, immutable"

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
    "worker-src": ["'self'"],
    "child-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
HSTS = "max-age=31536000; includeSubDomains"
VERSION_KEYS = ("dash_version", "python_version", "plotly_version", "ddk_version", "dash_version_url")

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE_ATTR = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript",
             "application/ecmascript"}
_FINGERPRINT = re.compile(r"^v[\w-]+m[0-9a-f]+$")
_DASH_CONFIG = re.compile(r'(<script id="_dash-config" type="application/json">)(.*?)(</script>)', re.S)


def frame_ancestors() -> str:
    """Who may frame the pages: ``$CSP_FRAME_ANCESTORS`` (e.g. ``'self' https://example.nl``), default 'none'."""
    return os.environ.get("CSP_FRAME_ANCESTORS", "").strip() or "'none'"


def content_security_policy(script_hashes: Iterable[str] = ()) -> str:
    """The CSP header value, with ``script_hashes`` (``'sha256-...'`` tokens) added to script-src."""
    directives = {k: list(v) for k, v in BASE_CSP.items()}
    directives["script-src"] += sorted(set(script_hashes))
    directives["frame-ancestors"] = [frame_ancestors()]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def resource_policy() -> str:
    """The CSP of a response that is not a page: nothing may load or run in it, nobody may frame it."""
    return f"default-src 'none'; frame-ancestors {frame_ancestors()}"


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


def is_fingerprinted_asset() -> bool:
    path = request.path
    if "/_dash-component-suites/" in path:
        name = path.rsplit("/", 1)[-1].split(".")
        return len(name) > 2 and bool(_FINGERPRINT.match(name[1]))
    if "/assets/" in path:
        return "m" in request.args
    return False


def set_cache_control(response: Response) -> None:
    path = request.path
    if response.status_code >= 400 or request.method not in ("GET", "HEAD"):
        response.headers["Cache-Control"] = "no-store"
        return
    if is_fingerprinted_asset():
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


def scrub_dash_config(response: Response) -> None:
    """Drop Python, Dash and Plotly versions from the page's ``_dash-config`` (kept with ``DASH_DEBUG``)."""
    if os.environ.get("DASH_DEBUG") or response.mimetype != "text/html" or response.is_streamed \
            or response.direct_passthrough or response.status_code != 200:
        return
    page = response.get_data(as_text=True)
    match = _DASH_CONFIG.search(page)
    if match is None:
        return
    try:
        config = json.loads(match.group(2))
    except ValueError:
        return
    if not isinstance(config, dict) or not any(key in config for key in VERSION_KEYS):
        return
    for key in VERSION_KEYS:
        config.pop(key, None)
    text = (json.dumps(config, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    response.set_data(page[:match.start(2)] + text + page[match.end(2):])


def set_security_headers(response: Response, csp: str) -> None:
    headers = response.headers
    headers["Content-Security-Policy"] = csp
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    if frame_ancestors() == "'none'":          # X-Frame-Options cannot express an allow-list
        headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "cross-origin" if request.path.startswith("/api/") else "same-origin"
    if request.is_secure:
        headers["Strict-Transport-Security"] = HSTS
