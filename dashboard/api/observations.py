"""The read-only data API, /api/v1 (a Flask blueprint; ``register(server)`` adds it to the app).

GET /api/v1/indicators                  indicator definitions (JSON)
GET /api/v1/regions?level=              regions (JSON)
GET /api/v1/observations.csv|.json|.zip indicator, level, region, period_from, period_to[, format=excel-nl]
GET /api/v1/download.zip                the whole store: CSV (both dialects), Parquet, metadata.json, README.txt

Every error is JSON ``{"error", "parameter", "valid"}``: 400 for a bad query, 404/405 for a wrong URL or
method, 503 when the store is missing; never a traceback. Responses carry an ``ETag`` (data version + query
hash; ``If-None-Match`` gives 304) and ``Cache-Control``. Limits come from the Flask config
(``API_MAX_ROWS``, ``API_MAX_REGIONS``), defaulting to :data:`dashboard.data.observation_query.MAX_ROWS` and ``MAX_REGIONS``.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from flask import Blueprint, Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException

from dashboard.api.responses import (
    ALLOW,
    CSV_MIMETYPE,
    JSON_MIMETYPE,
    ZIP_MIMETYPE,
    install_json_errors,
    json_bytes,
    json_error,
    not_modified,
    send_bytes,
)
from dashboard.data import exports
from dashboard.data.observation_query import (
    CSV_PARAMS,
    OBSERVATION_PARAMS,
    ObservationQuery,
    as_lists,
    check_known,
    csv_name,
    download_stem,
    etag,
    limits,
    parse_regions_args,
    query_store,
)
from dashboard.data.store import get_view
from dashboard.data.view import StoreView
from dashboard.ui.urls import API_PREFIX as PREFIX
from etl.store import Store

bp = Blueprint("api_v1", __name__, url_prefix=PREFIX)


def register(server: Flask) -> None:
    """Add the /api/v1 blueprint to a Flask server (once)."""
    if bp.name not in server.blueprints:
        server.register_blueprint(bp)


# --- responses (public: dashboard.api.need_index uses them too) -----------------------------------------------------------


install_json_errors(bp, "API")


# --- helpers -----------------------------------------------------------------------------------------------------


def _tag(view: StoreView, endpoint: str, query_string: str = "") -> str:
    return etag(str(view.manifest.get("data_version", "")), endpoint, query_string)


def _meta(view: StoreView, endpoint: str, url: str, rows: int, observations: pd.DataFrame | None) -> dict[str, Any]:
    """Provenance of an answer; ``observations``: the rows it describes (None: no observations, e.g. regions)."""
    m = view.manifest
    described = observations if observations is not None else view.observations.iloc[0:0]
    return {"data_version": m.get("data_version"), "built_at": m.get("built_at"), "licence": m.get("licence"),
            "licence_url": m.get("licence_url"), "attribution": exports.attribution(described, m),
            "is_demo": bool(described["is_demo"].any()), "endpoint": endpoint, "url": url, "rows": rows}


def _query_record(endpoint: str, query: ObservationQuery) -> dict[str, Any]:
    return {"endpoint": endpoint, "params": query.as_dict(), "url": query.url(endpoint)}


def _observations(allowed: tuple[str, ...]) -> tuple[Store, ObservationQuery, pd.DataFrame]:
    view = get_view()
    max_regions, max_rows = limits()
    query, frame = query_store(view, request.args, allowed, max_regions, max_rows)
    return view, query, frame


# --- endpoints -----------------------------------------------------------------------------------------------------

@bp.get("/indicators")
def indicators() -> Response:
    check_known(as_lists(request.args), ())
    view = get_view()
    tag = _tag(view, "indicators")
    if (cached := not_modified(tag)) is not None:
        return cached
    obs = view.observations
    data = []
    for ind in view.indicators:
        rows = obs[obs["indicator"] == ind["id"]]
        periods = {"first": None, "last": None}
        if len(rows):
            periods = {"first": str(rows["period"].iloc[rows["period_start"].argmin()]),
                       "last": str(rows["period"].iloc[rows["period_start"].argmax()])}
        data.append({**ind, "rows": len(rows), "periods": periods})
    payload = {"meta": _meta(view, f"{PREFIX}/indicators", f"{PREFIX}/indicators", len(data), view.observations),
               "data": data}
    return send_bytes(json_bytes(payload), JSON_MIMETYPE, "indicators.json", tag, "inline")


@bp.get("/regions")
def regions() -> Response:
    level = parse_regions_args(request.args)
    view = get_view()
    query_string = f"level={level}" if level else ""
    tag = _tag(view, "regions", query_string)
    if (cached := not_modified(tag)) is not None:
        return cached
    frame = view.regions if level is None else view.regions[view.regions["region_level"] == level]
    frame = exports.sort_by_level(frame)
    data = [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]
    url = f"{PREFIX}/regions" + (f"?{query_string}" if query_string else "")
    payload = {"meta": _meta(view, f"{PREFIX}/regions", url, len(data), None), "data": data}
    return send_bytes(json_bytes(payload), JSON_MIMETYPE, f"regions_{level or 'alle-niveaus'}.json", tag, "inline")


@bp.get("/observations.csv")
def observations_csv() -> Response:
    view, query, frame = _observations(CSV_PARAMS)
    tag = _tag(view, "observations.csv", query.query_string())
    if (cached := not_modified(tag)) is not None:
        return cached
    name = csv_name(download_stem(query, frame, view.manifest), query.dialect)
    return send_bytes(exports.observations_csv(frame, query.dialect), CSV_MIMETYPE, name, tag)


@bp.get("/observations.json")
def observations_json() -> Response:
    endpoint = f"{PREFIX}/observations.json"
    view, query, frame = _observations(OBSERVATION_PARAMS)
    tag = _tag(view, "observations.json", query.query_string(False))
    if (cached := not_modified(tag)) is not None:
        return cached
    meta = _meta(view, endpoint, query.url(endpoint, False), len(frame), frame)
    meta["query"] = {k: v for k, v in query.as_dict().items() if k != "format"}
    payload = {"meta": meta, "data": exports.observations_records(frame)}
    name = f"{download_stem(query, frame, view.manifest)}.json"
    return send_bytes(json_bytes(payload), JSON_MIMETYPE, name, tag, "inline")


@bp.get("/observations.zip")
def observations_zip() -> Response:
    view, query, frame = _observations(CSV_PARAMS)
    tag = _tag(view, "observations.zip", query.query_string())
    if (cached := not_modified(tag)) is not None:
        return cached
    stem = download_stem(query, frame, view.manifest)
    data = observations_zip_bytes(view, query, frame, stem)
    return send_bytes(data, ZIP_MIMETYPE, f"{stem}.zip", tag)


def observations_zip_bytes(view: StoreView, query: ObservationQuery, frame: pd.DataFrame, stem: str) -> bytes:
    """The zip for an observations query: data CSV, metadata.json, README.txt."""
    data_name = csv_name(stem, query.dialect)
    files = [data_name, "metadata.json", "README.txt"]
    meta = exports.make_metadata(frame, view.manifest, view.indicators,
                                 _query_record(f"{PREFIX}/observations.zip", query), files, query.dialect)
    return exports.zip_bytes({
        data_name: exports.observations_csv(frame, query.dialect),
        "metadata.json": _json_pretty(meta),
        "README.txt": exports.readme_text(meta).encode("utf-8"),
    }, view.manifest)


def _json_pretty(payload: Any) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


@bp.get("/download.zip")
def download_zip() -> Response:
    check_known(as_lists(request.args), ())
    view = get_view()
    tag = _tag(view, "download.zip")
    if (cached := not_modified(tag)) is not None:
        return cached
    data, name = view.cached("download_zip", (), lambda: whole_store_zip(view))
    return send_bytes(data, ZIP_MIMETYPE, name, tag)


def whole_store_zip(view: StoreView) -> tuple[bytes, str]:
    """The whole store as one zip (the download endpoint builds it once per view)."""
    frame = exports.sort_observations(view.observations)
    stem = exports.file_stem((), None, (), exports.period_span(frame), view.manifest)
    files = {
        "observations.csv": exports.observations_csv(frame, "standard"),
        "observations_excel-nl.csv": exports.observations_csv(frame, "excel-nl"),
        "observations.parquet": view.store.file_bytes("observations.parquet"),   # as loaded and verified
        "regions.csv": exports.frame_to_csv(view.regions, "standard"),
        "regions.parquet": view.store.file_bytes("regions.parquet"),
        "manifest.json": view.store.file_bytes("manifest.json"),
    }
    names = [*files, "metadata.json", "README.txt"]
    query = {"endpoint": f"{PREFIX}/download.zip", "params": {}, "url": f"{PREFIX}/download.zip"}
    meta = exports.make_metadata(frame, view.manifest, view.indicators, query, names, "standard")
    files["metadata.json"] = _json_pretty(meta)
    files["README.txt"] = exports.readme_text(meta).encode("utf-8")
    return exports.zip_bytes(files, view.manifest), f"{stem}.zip"


_ANY_METHOD = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


@bp.route("/", defaults={"rest": ""}, methods=_ANY_METHOD)
@bp.route("/<path:rest>", methods=_ANY_METHOD)
def not_found(rest: str) -> Response:
    """JSON for a wrong path (404, listing the endpoints) or a wrong method on a real one (405, ``Allow: GET, HEAD``).
    ``OPTIONS`` is listed here so that Flask does not answer it itself with every method above."""
    adapter = current_app.url_map.bind("localhost")
    endpoints = sorted(rule.rule for rule in current_app.url_map.iter_rules()
                       if rule.rule.startswith(f"{PREFIX}/") and "<" not in rule.rule and rule.rule != f"{PREFIX}/")
    try:
        endpoint, _ = adapter.match(f"{PREFIX}/{rest}", method="GET")
    except HTTPException:
        endpoint = None
    if endpoint and endpoint != request.endpoint:
        response = json_error(f"method {request.method} not allowed; this API is read-only (GET)", status=405)
        response.headers["Allow"] = ALLOW
        return response
    return json_error(f"no such endpoint {PREFIX}/{rest[:80]}", "path", endpoints, 404)
