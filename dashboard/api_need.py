"""GET /api/v1/need-index.csv: the need index with 90% rank intervals, peer groups and contributions.

    /api/v1/need-index.csv?period=2023&weights=neet_share:2,early_school_leaver_rate:1
                          &normalisation=zscore&level=arbeidsmarktregio&seed=20240601&draws=1000

Parameters (all optional):
  period         youth year (default: the latest with data for every weighted indicator)
  weights        ``indicator:number`` pairs, comma-separated; indicators not named get weight 0;
                 default: every indicator weight 1.  Weights are scaled to sum 1.
  normalisation  zscore (default) | minmax | rank
  level          arbeidsmarktregio (default) | gemeente
  seed           integer 0..2^32-1 (default :data:`analysis.need_index.DEFAULT_SEED`)
  draws          integer 10..5000 (default 1000)

Columns: region_code, region_name, index, rank, rank_low, rank_high, peer_group, contribution_<indicator>
for every indicator (in :data:`analysis.inputs.COMPONENTS` order).  ``rank`` is the rank of the published
figures (1 = most need), ``rank_low``-``rank_high`` its 90% interval; ``peer_group`` the KMeans group of the
region's standardised profile in the same youth year (:mod:`analysis.peers`).  Regions without an index (a weighted
indicator missing) come last with empty cells.  Written with :func:`dashboard.exports.frame_to_csv`
(text cells starting with = + - @ neutralised, numbers rounded to 6 decimals).

A bad parameter gives 400 with JSON ``{"error", "parameter", "valid"}``.  Results are cached per
(store, data version, canonical parameters).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from flask import Blueprint, Flask, Response, request

from analysis.inputs import COMPONENTS, LEVELS, youth_periods
from analysis.need_index import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    MAX_DRAWS,
    MIN_DRAWS,
    NORMALISATIONS,
    WeightsError,
    format_weights,
    need_index_layer,
    normalise_weights,
    parse_weights,
    valid_periods,
)
from analysis.peers import find_peers
from dashboard import exports
from dashboard.api import CSV_MIMETYPE, install_json_errors, not_modified, send_bytes
from dashboard.api_params import ParamError, as_lists, check_known, etag
from dashboard.data_access import get_store

PREFIX = "/api/v1"
ENDPOINT = "need-index.csv"
PARAMS = ("period", "weights", "normalisation", "level", "seed", "draws")
MAX_SEED = 2**32 - 1
CSV_COLUMNS = ["region_code", "region_name", "index", "rank", "rank_low", "rank_high", "peer_group",
               *[f"contribution_{c}" for c in COMPONENTS]]

bp = Blueprint("api_need", __name__, url_prefix=PREFIX)


def register(server: Flask) -> None:
    """Add /api/v1/need-index.csv to a Flask server (once)."""
    if bp.name not in server.blueprints:
        server.register_blueprint(bp)


@dataclass(frozen=True)
class NeedQuery:
    """Validated, canonical parameters of one need-index request."""

    level: str = "arbeidsmarktregio"
    period: str | None = None
    weights: tuple[tuple[str, float], ...] = tuple((c, 1.0) for c in COMPONENTS)
    normalisation: str = "zscore"
    seed: int = DEFAULT_SEED
    draws: int = DEFAULT_DRAWS

    @property
    def weights_dict(self) -> dict[str, float]:
        return dict(self.weights)

    def query_string(self) -> str:
        """Canonical query (fixed order; weights scaled to sum 1, so equivalent weightings share it)."""
        norm = dict(zip(COMPONENTS, normalise_weights(self.weights_dict).tolist(), strict=True))
        weights = ",".join(f"{c}:{norm[c]:.10g}" for c in COMPONENTS if norm[c] > 0)
        return (f"level={self.level}&period={self.period}&weights={weights}&normalisation={self.normalisation}"
                f"&seed={self.seed}&draws={self.draws}")

    def url(self) -> str:
        """A link that gives this result again (weights as given)."""
        return (f"{PREFIX}/{ENDPOINT}?period={self.period}&weights={format_weights(self.weights_dict)}"
                f"&normalisation={self.normalisation}&level={self.level}&seed={self.seed}&draws={self.draws}")


def _one(args: dict[str, list[str]], name: str) -> str | None:
    values = [v.strip() for v in args.get(name, []) if v.strip()]
    if len(values) > 1:
        raise ParamError(f"{name} may be given only once (got {len(values)} values)", name)
    return values[0] if values else None


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


def parse_need_query(args: Any, store: Any) -> NeedQuery:
    """Validate request arguments against the store; raises :class:`ParamError` (-> 400)."""
    lists = as_lists(args)
    check_known(lists, PARAMS)
    level = _one(lists, "level") or "arbeidsmarktregio"
    if level not in LEVELS:
        raise ParamError(f"unknown level {level[:40]!r}", "level", list(LEVELS))
    normalisation = _one(lists, "normalisation") or "zscore"
    if normalisation not in NORMALISATIONS:
        raise ParamError(f"unknown normalisation {normalisation[:40]!r}", "normalisation", list(NORMALISATIONS))
    weights_text = _one(lists, "weights")
    try:
        weights = parse_weights(weights_text)
    except WeightsError as exc:
        valid = exc.valid if isinstance(exc.valid, list) else [exc.valid]
        raise ParamError(str(exc), "weights", valid) from None
    seed = _integer(_one(lists, "seed"), "seed", 0, MAX_SEED, DEFAULT_SEED)
    draws = _integer(_one(lists, "draws"), "draws", MIN_DRAWS, MAX_DRAWS, DEFAULT_DRAWS)
    periods = valid_periods(store, level, weights)
    period = _one(lists, "period")
    if period is None:
        if not periods:
            raise ParamError("no period has data for the weighted indicators", "weights", list(COMPONENTS))
        period = periods[-1]
    elif period not in periods:
        known = period in youth_periods(store, level)
        message = (f"period {period} has no data for every weighted indicator at level {level}" if known
                   else f"unknown period {period[:40]!r}")
        raise ParamError(message, "period", periods)
    ordered = tuple((c, float(weights[c])) for c in COMPONENTS if c in weights)
    return NeedQuery(level, period, ordered, normalisation, seed, draws)


# --- cached computation (shared with the /prioriteit page) --------------------------------------------------------

def need_table(store: Any, query: NeedQuery) -> pd.DataFrame:
    """Index, intervals, contributions and peer group per region (cached; do not modify the result)."""
    version = str(store.manifest.get("data_version", ""))
    return _need_table(str(Path(store.path).resolve()), version, query.level, query.period,
                       _weights_key(query), query.normalisation, query.seed, query.draws)


def _weights_key(query: NeedQuery) -> tuple[tuple[str, float], ...]:
    norm = normalise_weights(query.weights_dict)
    return tuple((c, float(w)) for c, w in zip(COMPONENTS, norm, strict=True))


@lru_cache(maxsize=64)
def _need_table(store_path: str, data_version: str, level: str, period: str,
                weights: tuple[tuple[str, float], ...], normalisation: str, seed: int, draws: int) -> pd.DataFrame:
    store = get_store(Path(store_path))
    groups = peer_groups(store_path, data_version, level, period)
    return build_need_table(store, level, period, dict(weights), normalisation, seed, draws, groups)


def build_need_table(store: Any, level: str, period: str, weights: dict[str, float], normalisation: str, seed: int,
                     draws: int, groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """The need layer with each region's peer group (pure; ``groups`` as from :func:`peer_groups`)."""
    layer = need_index_layer(store, period, weights, normalisation, seed, level, draws)
    if groups is None:
        groups = find_peers(store, level, period).groups[["region_code", "peer_group"]]
    table = layer.merge(groups, on="region_code", how="left")
    table.attrs = dict(layer.attrs)
    return table


@lru_cache(maxsize=16)
def peer_groups(store_path: str, data_version: str, level: str, period: str) -> pd.DataFrame:
    """region_code, peer_group for one level and youth year (cached)."""
    peers = find_peers(get_store(Path(store_path)), level, period)
    return peers.groups[["region_code", "peer_group"]]


def need_csv(store: Any, query: NeedQuery) -> bytes:
    """The CSV body for ``query`` (cached with the table)."""
    version = str(store.manifest.get("data_version", ""))
    return _need_csv(str(Path(store.path).resolve()), version, query.level, query.period, _weights_key(query),
                     query.normalisation, query.seed, query.draws)


@lru_cache(maxsize=64)
def _need_csv(store_path: str, data_version: str, level: str, period: str,
              weights: tuple[tuple[str, float], ...], normalisation: str, seed: int, draws: int) -> bytes:
    table = _need_table(store_path, data_version, level, period, weights, normalisation, seed, draws)
    return table_csv(table)


def table_csv(table: pd.DataFrame) -> bytes:
    """A need table as CSV with :data:`CSV_COLUMNS` (the golden files are written with this too)."""
    return exports.frame_to_csv(table, "standard", CSV_COLUMNS)


def csv_filename(store: Any, query: NeedQuery) -> str:
    return (f"jongeren_behoefte-index_{query.level}_{query.period}_{query.normalisation}_"
            f"{exports.build_date(store.manifest)}.csv")


# --- endpoint -------------------------------------------------------------------------------------------------------

@bp.get(f"/{ENDPOINT}")
def need_index_csv() -> Response:
    store = get_store()
    query = parse_need_query(request.args, store)
    tag = etag(str(store.manifest.get("data_version", "")), ENDPOINT, query.query_string())
    if (cached := not_modified(tag)) is not None:
        return cached
    response = send_bytes(need_csv(store, query), CSV_MIMETYPE, csv_filename(store, query), tag)
    response.headers["X-Data-Version"] = str(store.manifest.get("data_version", ""))
    return response


install_json_errors(bp, "need index API")
