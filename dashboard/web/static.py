"""Static files served once and cached for a year: the map geometry and the Plotly bundle, at brotli 11.

What :func:`install` adds to a Dash app:

* **The map geometry** of each level at ``/_static/geo/<level>.<sha256 of the file>.geojson`` (the store's own
  GeoJSON file), ``Cache-Control: public, max-age=31536000, immutable``.  Figures reference it by URL instead
  of carrying it (:func:`dashboard.ui.figures.map.geometry_ref` asks :func:`geometry_url` through
  ``server.extensions``); Plotly fetches it once per page (``connect-src 'self'``) and the browser keeps it.
  A new data version has a new file hash, so a new URL.
* **The Plotly bundle**: ``plotly_bundle/plotly-custom.min.js`` (plotly.js with only the trace types the app
  draws; recipe and check in ``plotly_bundle/build.js``), served at ``/_static/<name>.<hash>.min.js`` from its
  committed brotli copy and loaded by a ``<script>`` tag in every page before Dash's components, so
  ``window.Plotly`` is there when ``dcc.Graph`` looks for it and Dash's 4.8 MB ``plotly.min.js`` is never
  fetched.
* Dash's component suites and assets are served by Dash and compressed by Flask-Compress (brotli 5), their
  compressed bodies kept per worker (:mod:`dashboard.web.compression`).  A disk cache of brotli-11 copies was
  tried and removed: it spared each worker ~75 ms of CPU once and 2 % of the bytes (``make bench``, section
  ``mechanisms``).

Responses carry ``Content-Encoding`` and ``Vary: Accept-Encoding`` themselves, so the compression in
:mod:`dashboard.web.security` leaves them alone; its security headers apply as to every response.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import brotli
import flask

from dashboard.ui.figures.map import GEOMETRY_URL

ROOT = Path(__file__).resolve().parents[2]
BUNDLE_DIR = Path(__file__).resolve().parent / "plotly_bundle"
BUNDLE = BUNDLE_DIR / "plotly-custom.min.js"
BUNDLE_FILES = (BUNDLE,)                   # the scripts of the Plotly bundle, in page order
PREFIX = "/_static/"
IMMUTABLE = "public, max-age=31536000, immutable"
LEVELS = ("arbeidsmarktregio", "rmc", "gemeente")
CODE_PREFIX = {"AM": "arbeidsmarktregio", "MC": "rmc", "GM": "gemeente"}
_EXT_KEY = "dashboard.web.static"
QUALITY = 11


# --------------------------------------------------------------------------- public API
def install(app: Any) -> None:
    """Add the static routes and the Plotly bundle's ``<script>`` to a Dash app.
    Call once, after :func:`dashboard.web.install` (order does not matter for the headers)."""
    server: flask.Flask = app.server
    if _EXT_KEY in server.extensions:
        return
    prefix = app.config.requests_pathname_prefix.rstrip("/")
    state = _State(app=app, prefix=prefix)
    server.extensions[_EXT_KEY] = state
    server.extensions[GEOMETRY_URL] = geometry_url
    server.add_url_rule(f"{PREFIX}geo/<level>.<fingerprint>.geojson", "static_geometry", _serve_geometry,
                        methods=["GET", "HEAD"])
    server.add_url_rule(f"{PREFIX}<name>", "static_file", _serve_file, methods=["GET", "HEAD"])
    if all(path.exists() for path in BUNDLE_FILES):
        for path in BUNDLE_FILES:
            state.files[fingerprinted_name(path)] = path
            app.config.external_scripts.append(f"{prefix}{PREFIX}{fingerprinted_name(path)}")


def geometry_url(geojson: Any) -> str | None:
    """The URL the current app serves ``geojson`` at, if it is the store's GeoJSON of a level, else None."""
    state = _state()
    if state is None or not isinstance(geojson, Mapping):
        return None
    try:
        from dashboard.data.store import get_view
        view = get_view()
    except Exception:                           # noqa: BLE001 - no store: the figure carries the GeoJSON
        return None
    level = _level_of(view, geojson)
    if level is None:
        return None
    return f"{state.prefix}{PREFIX}geo/{level}.{_geometry_file(view, level).fingerprint}.geojson"


def fingerprinted_name(path: Path) -> str:
    """``plotly-custom.min.js`` -> ``plotly-custom.<first 12 hex of the file's sha256>.min.js``."""
    stem, _, rest = path.name.partition(".")
    return f"{stem}.{_file_hash(path)[:12]}.{rest}"


def accepts_brotli(header: str | None) -> bool:
    """Whether an ``Accept-Encoding`` header accepts ``br`` (and not with ``q=0``)."""
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() == "br":
            q = params.strip().lower()
            return not (q.startswith("q=") and _float(q[2:]) <= 0)
    return False


# --------------------------------------------------------------------------- internals
@dataclass
class _State:
    app: Any
    prefix: str
    files: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class _GeoFile:
    data: bytes
    fingerprint: str


def _state() -> _State | None:
    if not flask.has_app_context():
        return None
    return flask.current_app.extensions.get(_EXT_KEY)


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 1.0


def _level_of(view: Any, geojson: Mapping[str, Any]) -> str | None:
    """The level whose store GeoJSON *is* ``geojson`` (identity: the view's own object, not a subset)."""
    features = geojson.get("features") or []
    first = str(features[0].get("id", ""))[:2] if features else ""
    guess = CODE_PREFIX.get(first)
    for level in ([guess] if guess else []) + [lvl for lvl in LEVELS if lvl != guess]:
        try:
            if view.geojson_path(level).exists() and view.geojson(level) is geojson:
                return level
        except Exception:                       # noqa: BLE001 - a level without geometry
            continue
    return None


def _geometry_file(view: Any, level: str) -> _GeoFile:
    def load() -> _GeoFile:
        data = view.geojson_path(level).read_bytes()
        return _GeoFile(data, hashlib.sha256(data).hexdigest()[:16])
    return view.cached("static_geometry", level, load)


def _encoded(body: bytes, encoding: str | None, mimetype: str, cache_control: str, etag: str) -> flask.Response:
    response = flask.Response(body, mimetype=mimetype)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Cache-Control"] = cache_control
    response.set_etag(etag + ("-" + encoding if encoding else ""))
    return response


def _serve_geometry(level: str, fingerprint: str) -> flask.Response:
    if level not in LEVELS:
        flask.abort(404)
    from dashboard.data.store import get_view
    view = get_view()
    if not view.geojson_path(level).exists():
        flask.abort(404)
    geo = _geometry_file(view, level)
    # An old page may still ask for the geometry of a data version replaced since: it gets today's file,
    # not cached under the old name.
    cache_control = IMMUTABLE if fingerprint == geo.fingerprint else "no-cache"
    if accepts_brotli(flask.request.headers.get("Accept-Encoding")):
        body = view.cached("static_geometry_br", level, lambda: brotli.compress(geo.data, quality=QUALITY))
        response = _encoded(body, "br", "application/geo+json", cache_control, geo.fingerprint)
    else:
        response = _encoded(geo.data, None, "application/geo+json", cache_control, geo.fingerprint)
    return response.make_conditional(flask.request)


def _serve_file(name: str) -> flask.Response:
    state = _state()
    path = state.files.get(name) if state else None
    if path is None:
        flask.abort(404)
    mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    compressed = path.with_name(path.name + ".br")
    if accepts_brotli(flask.request.headers.get("Accept-Encoding")) and compressed.exists():
        response = _encoded(compressed.read_bytes(), "br", mimetype, IMMUTABLE, name)
    else:
        response = _encoded(path.read_bytes(), None, mimetype, IMMUTABLE, name)
    return response.make_conditional(flask.request)
