"""The read-only data API, /api/v1 (a Flask blueprint; ``register(server)`` adds it to the app).

GET /api/v1/indicators                  indicator definitions (JSON)
GET /api/v1/regions?level=              regions (JSON)
GET /api/v1/observations.csv|.json|.zip indicator, level, region, period_from, period_to[, format=excel-nl]
GET /api/v1/download.zip                the whole store: CSV (both dialects), Parquet, metadata.json, README.txt

Every error is JSON ``{"error", "parameter", "valid"}``: 400 for a bad query, 404/405 for a wrong URL or
method, 503 when the store is missing; never a traceback. Responses carry an ``ETag`` (data version + query
hash; ``If-None-Match`` gives 304) and ``Cache-Control``. Limits come from the Flask config
(``API_MAX_ROWS``, ``API_MAX_REGIONS``), defaulting to :data:`dashboard.api_params.MAX_ROWS` and ``MAX_REGIONS``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from flask import Blueprint, Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException

from dashboard import exports
from dashboard.api_params import (
    CSV_PARAMS,
    MAX_REGIONS,
    MAX_ROWS,
    OBSERVATION_PARAMS,
    ObservationQuery,
    ParamError,
    as_lists,
    check_known,
    csv_name,
    download_stem,
    etag,
    parse_regions_args,
    query_store,
)
from dashboard.data_access import get_store
from etl.store import Store, StoreError

PREFIX = "/api/v1"
CACHE_CONTROL = "public, max-age=3600"
CSV_MIMETYPE = "text/csv"                      # Flask adds "; charset=utf-8"
JSON_MIMETYPE = "application/json"
ZIP_MIMETYPE = "application/zip"

bp = Blueprint("api_v1", __name__, url_prefix=PREFIX)


def register(server: Flask) -> None:
    """Add the /api/v1 blueprint to a Flask server (once)."""
    if bp.name not in server.blueprints:
        server.register_blueprint(bp)


# --- responses (public: dashboard.api_need uses them too) -----------------------------------------------------------

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


def _json_bytes(payload: Any) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


def install_json_errors(blueprint: Blueprint, label: str) -> None:
    """JSON answers for every error of an API blueprint: 400 for bad parameters, 503 without a store, never a trace."""

    def bad_param(exc: ParamError) -> Response:
        return json_error(exc.message, exc.parameter, exc.valid)

    def no_store(exc: StoreError) -> Response:
        current_app.logger.error("%s: %s", label, exc)
        return json_error("the data store is not available; try again later", status=503)

    def http_error(exc: HTTPException) -> Response:
        return json_error(exc.description or exc.name, status=exc.code or 500)

    def unexpected(exc: Exception) -> Response:
        current_app.logger.exception("%s: unexpected error", label)
        return json_error("internal error", status=500)

    blueprint.register_error_handler(ParamError, bad_param)
    blueprint.register_error_handler(StoreError, no_store)
    blueprint.register_error_handler(HTTPException, http_error)
    blueprint.register_error_handler(Exception, unexpected)


install_json_errors(bp, "API")


# --- helpers -----------------------------------------------------------------------------------------------------

def limits() -> tuple[int, int]:
    """(max regions, max rows) per request, from the Flask config (the /data page uses the same)."""
    cfg = current_app.config
    return int(cfg.get("API_MAX_REGIONS", MAX_REGIONS)), int(cfg.get("API_MAX_ROWS", MAX_ROWS))


def _tag(store: Store, endpoint: str, query_string: str = "") -> str:
    return etag(str(store.manifest.get("data_version", "")), endpoint, query_string)


def _meta(store: Store, endpoint: str, url: str, rows: int, is_demo: bool) -> dict[str, Any]:
    m = store.manifest
    return {"data_version": m.get("data_version"), "built_at": m.get("built_at"), "licence": m.get("licence"),
            "licence_url": m.get("licence_url"), "attribution": m.get("attribution"), "is_demo": is_demo,
            "endpoint": endpoint, "url": url, "rows": rows}


def _query_record(endpoint: str, query: ObservationQuery) -> dict[str, Any]:
    return {"endpoint": endpoint, "params": query.as_dict(), "url": query.url(endpoint)}


def _observations(allowed: tuple[str, ...]) -> tuple[Store, ObservationQuery, pd.DataFrame]:
    store = get_store()
    max_regions, max_rows = limits()
    query, frame = query_store(store, request.args, allowed, max_regions, max_rows)
    return store, query, frame


# --- endpoints -----------------------------------------------------------------------------------------------------

@bp.get("/indicators")
def indicators() -> Response:
    check_known(as_lists(request.args), ())
    store = get_store()
    tag = _tag(store, "indicators")
    if (cached := not_modified(tag)) is not None:
        return cached
    obs = store.observations
    data = []
    for ind in store.indicators:
        rows = obs[obs["indicator"] == ind["id"]]
        periods = {"first": None, "last": None}
        if len(rows):
            periods = {"first": str(rows["period"].iloc[rows["period_start"].argmin()]),
                       "last": str(rows["period"].iloc[rows["period_start"].argmax()])}
        data.append({**ind, "rows": len(rows), "periods": periods})
    payload = {"meta": _meta(store, f"{PREFIX}/indicators", f"{PREFIX}/indicators", len(data), store.is_demo),
               "data": data}
    return send_bytes(_json_bytes(payload), JSON_MIMETYPE, "indicators.json", tag, "inline")


@bp.get("/regions")
def regions() -> Response:
    level = parse_regions_args(request.args)
    store = get_store()
    query_string = f"level={level}" if level else ""
    tag = _tag(store, "regions", query_string)
    if (cached := not_modified(tag)) is not None:
        return cached
    frame = store.regions if level is None else store.regions[store.regions["region_level"] == level]
    frame = exports.sort_by_level(frame)
    data = [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]
    url = f"{PREFIX}/regions" + (f"?{query_string}" if query_string else "")
    payload = {"meta": _meta(store, f"{PREFIX}/regions", url, len(data), False), "data": data}
    return send_bytes(_json_bytes(payload), JSON_MIMETYPE, f"regions_{level or 'alle-niveaus'}.json", tag, "inline")


@bp.get("/observations.csv")
def observations_csv() -> Response:
    store, query, frame = _observations(CSV_PARAMS)
    tag = _tag(store, "observations.csv", query.query_string())
    if (cached := not_modified(tag)) is not None:
        return cached
    name = csv_name(download_stem(query, frame, store.manifest), query.dialect)
    return send_bytes(exports.observations_csv(frame, query.dialect), CSV_MIMETYPE, name, tag)


@bp.get("/observations.json")
def observations_json() -> Response:
    endpoint = f"{PREFIX}/observations.json"
    store, query, frame = _observations(OBSERVATION_PARAMS)
    tag = _tag(store, "observations.json", query.query_string(False))
    if (cached := not_modified(tag)) is not None:
        return cached
    meta = _meta(store, endpoint, query.url(endpoint, False), len(frame), bool(frame["is_demo"].any()))
    meta["query"] = {k: v for k, v in query.as_dict().items() if k != "format"}
    payload = {"meta": meta, "data": exports.observations_records(frame)}
    name = f"{download_stem(query, frame, store.manifest)}.json"
    return send_bytes(_json_bytes(payload), JSON_MIMETYPE, name, tag, "inline")


@bp.get("/observations.zip")
def observations_zip() -> Response:
    store, query, frame = _observations(CSV_PARAMS)
    tag = _tag(store, "observations.zip", query.query_string())
    if (cached := not_modified(tag)) is not None:
        return cached
    stem = download_stem(query, frame, store.manifest)
    data = observations_zip_bytes(store, query, frame, stem)
    return send_bytes(data, ZIP_MIMETYPE, f"{stem}.zip", tag)


def observations_zip_bytes(store: Store, query: ObservationQuery, frame: pd.DataFrame, stem: str) -> bytes:
    """The zip for an observations query: data CSV, metadata.json, README.txt."""
    data_name = csv_name(stem, query.dialect)
    files = [data_name, "metadata.json", "README.txt"]
    meta = exports.make_metadata(frame, store.manifest, store.indicators,
                                 _query_record(f"{PREFIX}/observations.zip", query), files, query.dialect)
    return exports.zip_bytes({
        data_name: exports.observations_csv(frame, query.dialect),
        "metadata.json": _json_pretty(meta),
        "README.txt": exports.readme_text(meta).encode("utf-8"),
    }, store.manifest)


def _json_pretty(payload: Any) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


@bp.get("/download.zip")
def download_zip() -> Response:
    check_known(as_lists(request.args), ())
    store = get_store()
    version = str(store.manifest.get("data_version", ""))
    tag = _tag(store, "download.zip")
    if (cached := not_modified(tag)) is not None:
        return cached
    data, name = whole_store_zip(str(Path(store.path).resolve()), version)
    return send_bytes(data, ZIP_MIMETYPE, name, tag)


@lru_cache(maxsize=2)
def whole_store_zip(store_path: str, data_version: str) -> tuple[bytes, str]:
    """The whole store as one zip, built once per store path and data version."""
    store = get_store(Path(store_path))
    frame = exports.sort_observations(store.observations)
    stem = exports.file_stem((), None, (), exports.period_span(frame), store.manifest)
    files = {
        "observations.csv": exports.observations_csv(frame, "standard"),
        "observations_excel-nl.csv": exports.observations_csv(frame, "excel-nl"),
        "observations.parquet": (store.path / "observations.parquet").read_bytes(),
        "regions.csv": exports.frame_to_csv(store.regions, "standard"),
        "regions.parquet": (store.path / "regions.parquet").read_bytes(),
        "manifest.json": (store.path / "manifest.json").read_bytes(),
    }
    names = [*files, "metadata.json", "README.txt"]
    query = {"endpoint": f"{PREFIX}/download.zip", "params": {}, "url": f"{PREFIX}/download.zip"}
    meta = exports.make_metadata(frame, store.manifest, store.indicators, query, names, "standard")
    files["metadata.json"] = _json_pretty(meta)
    files["README.txt"] = exports.readme_text(meta).encode("utf-8")
    return exports.zip_bytes(files, store.manifest), f"{stem}.zip"


@bp.route("/", defaults={"rest": ""}, methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
@bp.route("/<path:rest>", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
def not_found(rest: str) -> Response:
    """JSON for a wrong path (404, listing the endpoints) or a wrong method on a real one (405)."""
    adapter = current_app.url_map.bind("localhost")
    endpoints = sorted(rule.rule for rule in current_app.url_map.iter_rules()
                       if rule.rule.startswith(f"{PREFIX}/") and "<" not in rule.rule and rule.rule != f"{PREFIX}/")
    try:
        endpoint, _ = adapter.match(f"{PREFIX}/{rest}", method="GET")
    except HTTPException:
        endpoint = None
    if endpoint and endpoint != request.endpoint:
        response = json_error(f"method {request.method} not allowed; this API is read-only (GET)", status=405)
        response.headers["Allow"] = "GET, HEAD, OPTIONS"
        return response
    return json_error(f"no such endpoint {PREFIX}/{rest[:80]}", "path", endpoints, 404)
