"""GET /api/v1/need-index.csv: the need index with 90% rank intervals, peer groups and contributions.

    /api/v1/need-index.csv?period=2023&weights=neet_share:2,early_school_leaver_rate:1
                          &normalisation=zscore&level=arbeidsmarktregio&seed=20240601&draws=1000

Parameters (all optional):
  period         youth year (default: the latest with data for every weighted indicator)
  weights        ``indicator:number`` pairs, comma-separated; indicators not named get weight 0;
                 default: every indicator weight 1.  Weights are scaled to sum 1.
  normalisation  zscore (default) | minmax | rank
  level          arbeidsmarktregio (default) | rmc | gemeente
  seed           integer 0..2^32-1 (default :data:`analysis.need_index.DEFAULT_SEED`)
  draws          integer 10..5000 (default 1000)

Columns: region_code, region_name, index, rank, rank_low, rank_high, peer_group, contribution_<indicator>
for every indicator (in :data:`analysis.inputs.COMPONENTS` order), is_demo (true when any figure the region's index
reads is demo data; the file name then says ``_demo`` and the header ``X-Demo-Data: true``).
``rank`` is the rank of the published figures (1 = most need), ``rank_low``-``rank_high`` its 90% interval;
``peer_group`` the KMeans group of the region's standardised profile in the same youth year (:mod:`analysis.peers`).
Regions without an index (a weighted indicator missing) come last with empty cells.
Written with :func:`dashboard.data.exports.frame_to_csv` (text cells starting with = + - @ neutralised,
numbers rounded to 6 decimals).

A bad parameter gives 400 with JSON ``{"error", "parameter", "valid"}``.  Results are cached per
(store, data version, canonical parameters).  Any query other than the published one (equal weights, z-scores,
default seed and draws: shared with the pages) runs through :func:`dashboard.api.heavy.heavy_work`, so a stream
of new seeds cannot take every thread and core: at most one computes per worker and ``HEAVY_SLOTS`` per machine,
and a request that cannot get a slot within ``HEAVY_WAIT`` seconds gets 503 with ``Retry-After``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, Response, request

from analysis.inputs import COMPONENTS, LEVELS, youth_periods
from analysis.need_index import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    MAX_DRAWS,
    MIN_DRAWS,
    NORMALISATIONS,
    WeightsError,
    parse_weights,
    valid_periods,
)
from dashboard.api.heavy import heavy_work
from dashboard.api.responses import CSV_MIMETYPE, install_json_errors, not_modified, send_bytes
from dashboard.data.need import NeedQuery, csv_filename, default_query, need_csv, need_table
from dashboard.data.observation_query import ParamError, as_lists, check_known, etag, single
from dashboard.data.store import get_view
from dashboard.data.view import StoreView
from dashboard.ui.urls import API_PREFIX as PREFIX

ENDPOINT = "need-index.csv"
PARAMS = ("period", "weights", "normalisation", "level", "seed", "draws")
MAX_SEED = 2**32 - 1

bp = Blueprint("api_need", __name__, url_prefix=PREFIX)


def register(server: Flask) -> None:
    """Add /api/v1/need-index.csv to a Flask server (once)."""
    if bp.name not in server.blueprints:
        server.register_blueprint(bp)


def _integer(text: str | None, name: str, low: int, high: int, default: int) -> int:
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise ParamError(f"{name} must be a whole number between {low} and {high}, got {text[:40]!r}", name,
                         [f"{low}..{high}"]) from None
    if not low <= value <= high:
        raise ParamError(f"{name} must be between {low} and {high}, got {value}", name, [f"{low}..{high}"])
    return value


def parse_need_query(args: Any, view: StoreView) -> NeedQuery:
    """Validate request arguments against the store; raises :class:`ParamError` (-> 400)."""
    lists = as_lists(args)
    check_known(lists, PARAMS)
    level = single(lists, "level") or "arbeidsmarktregio"
    if level not in LEVELS:
        raise ParamError(f"unknown level {level[:40]!r}", "level", list(LEVELS))
    normalisation = single(lists, "normalisation") or "zscore"
    if normalisation not in NORMALISATIONS:
        raise ParamError(f"unknown normalisation {normalisation[:40]!r}", "normalisation", list(NORMALISATIONS))
    weights_text = single(lists, "weights")
    try:
        weights = parse_weights(weights_text)
    except WeightsError as exc:
        valid = exc.valid if isinstance(exc.valid, list) else [exc.valid]
        raise ParamError(str(exc), "weights", valid) from None
    seed = _integer(single(lists, "seed"), "seed", 0, MAX_SEED, DEFAULT_SEED)
    draws = _integer(single(lists, "draws"), "draws", MIN_DRAWS, MAX_DRAWS, DEFAULT_DRAWS)
    periods = valid_periods(view, level, weights)
    period = single(lists, "period")
    if period is None:
        if not periods:
            raise ParamError("no period has data for the weighted indicators", "weights", list(COMPONENTS))
        period = periods[-1]
    elif period not in periods:
        known = period in youth_periods(view, level)
        message = (f"period {period} has no data for every weighted indicator at level {level}" if known
                   else f"unknown period {period[:40]!r}")
        raise ParamError(message, "period", periods)
    ordered = tuple((c, float(weights[c])) for c in COMPONENTS if c in weights)
    return NeedQuery(level, period, ordered, normalisation, seed, draws)


# --- endpoint -------------------------------------------------------------------------------------------------------

@bp.get(f"/{ENDPOINT}")
def need_index_csv() -> Response:
    view = get_view()
    query = parse_need_query(request.args, view)
    tag = etag(view.data_version, ENDPOINT, query.query_string())
    if (cached := not_modified(tag)) is not None:
        return cached
    if query.key() == default_query(query.level, query.period).key():
        body = need_csv(view, query)            # the published ranking: computed once per data version
    else:
        with heavy_work().slot():               # raises Busy -> 503 Retry-After
            body = need_csv(view, query)
    response = send_bytes(body, CSV_MIMETYPE, csv_filename(view, query), tag)
    response.headers["X-Data-Version"] = view.data_version
    response.headers["X-Demo-Data"] = "true" if bool(need_table(view, query)["is_demo"].any()) else "false"
    return response


install_json_errors(bp, "need index API")
