"""Static files served once and cached for a year, compressed once at brotli's highest level.

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
* **Precompressed Dash component suites and assets**: a GET of ``/_dash-component-suites/...`` or
  ``/assets/...`` from a browser that accepts brotli is answered with the file compressed at quality 11,
  read from a disk cache (``$STATIC_CACHE_DIR``, default ``.cache/static`` in the checkout, else a temp
  folder) keyed by the file's hash.  ``python -m dashboard.web.static`` (``make static``) fills the cache at
  build time; a file not in it yet is compressed once in a background thread while the request is served
  as before (Flask-Compress, see :mod:`dashboard.web.security`).

Responses carry ``Content-Encoding`` and ``Vary: Accept-Encoding`` themselves, so the compression in
:mod:`dashboard.web.security` leaves them alone; its security headers apply as to every response.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
import sys
import tempfile
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import brotli
import flask

from dashboard.ui.figures.map import GEOMETRY_URL

log = logging.getLogger(__name__)

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
    """Add the static routes, the Plotly bundle's ``<script>`` and the precompressed suites to a Dash app.
    Call once, after :func:`dashboard.web.install` (order does not matter for the headers)."""
    server: flask.Flask = app.server
    if _EXT_KEY in server.extensions:
        return
    prefix = app.config.requests_pathname_prefix.rstrip("/")
    state = _State(app=app, prefix=prefix, cache=Precompressed(cache_dir()))
    server.extensions[_EXT_KEY] = state
    server.extensions[GEOMETRY_URL] = geometry_url
    server.add_url_rule(f"{PREFIX}geo/<level>.<fingerprint>.geojson", "static_geometry", _serve_geometry,
                        methods=["GET", "HEAD"])
    server.add_url_rule(f"{PREFIX}<name>", "static_file", _serve_file, methods=["GET", "HEAD"])
    if all(path.exists() for path in BUNDLE_FILES):
        for path in BUNDLE_FILES:
            state.files[fingerprinted_name(path)] = path
            app.config.external_scripts.append(f"{prefix}{PREFIX}{fingerprinted_name(path)}")
    server.before_request(_precompressed_suite)


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


def cache_dir() -> Path:
    """Where precompressed files are kept: ``$STATIC_CACHE_DIR``, else ``.cache/static`` in the checkout
    when writable, else a folder in the temp dir."""
    configured = os.environ.get("STATIC_CACHE_DIR")
    if configured:
        return Path(configured)
    local = ROOT / ".cache" / "static"
    try:
        local.mkdir(parents=True, exist_ok=True)
        if os.access(local, os.W_OK):
            return local
    except OSError:
        pass
    return Path(tempfile.gettempdir()) / "dashboard-static"


def accepts_brotli(header: str | None) -> bool:
    """Whether an ``Accept-Encoding`` header accepts ``br`` (and not with ``q=0``)."""
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() == "br":
            q = params.strip().lower()
            return not (q.startswith("q=") and _float(q[2:]) <= 0)
    return False


# --------------------------------------------------------------------------- precompressed files
class Precompressed:
    """Brotli (quality 11) copies of files, on disk, keyed by the file's content hash; shared by the workers of
    a machine (written to a temp name and renamed into place).  A copy not there yet is made in a background
    thread, one file at a time per process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._hashes: dict[tuple[str, int, int], str] = {}
        self._pending: set[str] = set()
        self._lock = threading.Lock()

    def path_for(self, source: Path) -> Path:
        return self.folder / f"{self.digest(source)}.br"

    def digest(self, source: Path) -> str:
        stat = source.stat()
        key = (str(source), stat.st_mtime_ns, stat.st_size)
        digest = self._hashes.get(key)
        if digest is None:
            digest = self._hashes[key] = _file_hash(source)
        return digest

    def get(self, source: Path) -> Path | None:
        """The compressed copy of ``source`` if it exists; else start making it and return None."""
        target = self.path_for(source)
        if target.exists():
            return target
        with self._lock:
            if str(target) in self._pending:
                return None
            self._pending.add(str(target))
        threading.Thread(target=self._make_then_forget, args=(source, target), daemon=True,
                         name="precompress").start()
        return None

    def make(self, source: Path) -> Path:
        """Compress ``source`` now (if not done before) and return the compressed copy's path."""
        target = self.path_for(source)
        if not target.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            data = brotli.compress(source.read_bytes(), quality=QUALITY)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, target)
        return target

    def _make_then_forget(self, source: Path, target: Path) -> None:
        try:
            self.make(source)
        except OSError:
            log.exception("could not precompress %s", source)
        finally:
            with self._lock:
                self._pending.discard(str(target))


# --------------------------------------------------------------------------- internals
@dataclass
class _State:
    app: Any
    prefix: str
    cache: Precompressed
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
    use_br = accepts_brotli(flask.request.headers.get("Accept-Encoding"))
    if use_br and not compressed.exists():
        compressed = state.cache.get(path)
    if use_br and compressed is not None and compressed.exists():
        response = _encoded(compressed.read_bytes(), "br", mimetype, IMMUTABLE, name)
    else:
        response = _encoded(path.read_bytes(), None, mimetype, IMMUTABLE, name)
    return response.make_conditional(flask.request)


def _suite_file(app: Any, path: str) -> tuple[Path, bool] | None:
    """(file, fingerprinted) of a ``/_dash-component-suites/<package>/<file>`` or ``/assets/<file>`` path."""
    from dash.fingerprint import check_fingerprint
    prefix = app.config.requests_pathname_prefix
    if path.startswith(prefix + "_dash-component-suites/"):
        package, _, fingerprinted = path[len(prefix + "_dash-component-suites/"):].partition("/")
        file_path, fingerprinted_ok = check_fingerprint(fingerprinted)
        if file_path not in app.registered_paths.get(package, ()) or package not in sys.modules:
            return None
        base = Path(sys.modules[package].__file__ or "").resolve().parent
        source = (base / file_path).resolve()
        return (source, fingerprinted_ok) if source.is_relative_to(base) and source.is_file() else None
    assets_prefix = prefix + app.config.assets_url_path.strip("/") + "/"
    if path.startswith(assets_prefix) and app.config.assets_folder:
        base = Path(app.config.assets_folder).resolve()
        source = (base / path[len(assets_prefix):]).resolve()
        if source.is_relative_to(base) and source.is_file():
            return source, "m" in flask.request.args
    return None


COMPRESSIBLE = {".js", ".css", ".map", ".json", ".svg", ".txt", ".html", ".ico"}


def _precompressed_suite() -> flask.Response | None:
    """Answer a suite or asset GET from the brotli cache, when the browser takes brotli and the copy is there."""
    request = flask.request
    if request.method not in ("GET", "HEAD") or not accepts_brotli(request.headers.get("Accept-Encoding")):
        return None
    state = _state()
    if state is None:
        return None
    found = _suite_file(state.app, request.path)
    if found is None or found[0].suffix not in COMPRESSIBLE:
        return None
    source, fingerprinted = found
    compressed = state.cache.get(source)
    if compressed is None:
        return None
    mimetype = mimetypes.types_map.get(source.suffix, "application/octet-stream")
    cache_control = IMMUTABLE if fingerprinted else "no-cache"
    response = _encoded(compressed.read_bytes(), "br", mimetype, cache_control, state.cache.digest(source)[:20])
    return response.make_conditional(request)


def suite_files(app: Any) -> Iterable[Path]:
    """The files a browser loads from Dash's component suites and the assets folder (for :func:`precompress`):
    no source maps, and not Dash's own plotly.min.js while the app serves its Plotly bundle."""
    seen: set[Path] = set()
    for package, paths in app.registered_paths.items():
        if package == "plotly" and BUNDLE.exists():
            continue
        module = sys.modules.get(package)
        if module is None or not module.__file__:
            continue
        base = Path(module.__file__).resolve().parent
        for rel in paths:
            path = (base / rel).resolve()
            if path.is_file() and path.suffix in COMPRESSIBLE - {".map"} and path not in seen:
                seen.add(path)
                yield path
    if app.config.assets_folder and Path(app.config.assets_folder).is_dir():
        for path in sorted(Path(app.config.assets_folder).rglob("*")):
            if path.is_file() and path.suffix in COMPRESSIBLE:
                yield path


def precompress(app: Any, cache: Precompressed | None = None) -> list[Path]:
    """Compress every component-suite and asset file (and the Plotly bundle) into the cache, now."""
    cache = cache or Precompressed(cache_dir())
    with app.server.test_request_context("/"):
        app.index()                              # Dash registers its resource paths while rendering a page
    files = list(suite_files(app))
    files += [path for path in BUNDLE_FILES if path.exists() and not path.with_name(path.name + ".br").exists()]
    return [cache.make(path) for path in files]
