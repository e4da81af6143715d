"""The need index (``analysis.need_index``) as a map layer and a region summary, memoised per data version.

Only the public functions of :mod:`analysis.need_index` and :mod:`analysis.peers` are used. When the
analysis package is absent, :func:`need_available` is False and the dashboard simply leaves the layer out.
The layer uses the default weights, normalisation and seed, so the map shows the published ranking.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

import pandas as pd

from dashboard.queries import StoreKey, clean

NEED_INDEX = "need_index"
NEED_SOURCES = ("86087NED", "84780NED")


@lru_cache(maxsize=1)
def _module() -> Any | None:
    try:
        module = importlib.import_module("analysis.need_index")
    except ImportError:
        return None
    wanted = ("need_index_layer", "valid_periods", "top_label")
    return module if all(hasattr(module, name) for name in wanted) else None


def need_available() -> bool:
    return _module() is not None


def need_meta(store: Any) -> dict[str, Any]:
    """An indicator-like description of the need index (for titles, source lines and units)."""
    return {"id": NEED_INDEX, "title_nl": "Prioriteitsindex", "title_en": "Priority index",
            "unit": "index", "unit_label": {"nl": "index", "en": "index"}, "source_tables": list(NEED_SOURCES),
            "is_demo": bool(store.is_demo), "higher_is_more_need": True,
            "definition_nl": "Gewogen som van vijf genormaliseerde onderdelen (z-scores); hoger = meer behoefte. "
                             "Rang 1 = meeste behoefte, met een 90%-interval.",
            "definition_en": "Weighted sum of five normalised components (z-scores); higher = more need. "
                             "Rank 1 = most need, with a 90% interval."}


def need_periods(store: Any, level: str) -> tuple[str, ...]:
    if not need_available():
        return ()
    return _periods(StoreKey(store), level)


@lru_cache(maxsize=8)
def _periods(key: StoreKey, level: str) -> tuple[str, ...]:
    try:
        return tuple(str(p) for p in _module().valid_periods(key.store, level))
    except (ValueError, KeyError):
        return ()


@lru_cache(maxsize=16)
def _layer(key: StoreKey, level: str, period: str) -> pd.DataFrame:
    return _module().need_index_layer(key.store, period, level=level)


def need_ranking(store: Any, level: str, period: str) -> pd.DataFrame:
    """The need index in the shape of :func:`dashboard.queries.ranking` (value = index), plus rank_low/high."""
    if period not in need_periods(store, level):
        return pd.DataFrame(columns=["region_code", "region_name", "period", "value", "flag", "status", "rank",
                                     "ranked", "previous_value", "previous_period", "change", "rank_low",
                                     "rank_high"])
    layer = _layer(StoreKey(store), level, period)
    out = pd.DataFrame({
        "region_code": layer["region_code"].astype(str), "region_name": layer["region_name"].astype(str),
        "period": period, "value": layer["index"].astype(float),
        "flag": [None if pd.notna(v) else "not available" for v in layer["index"]],
        "status": None, "rank": layer["rank"].astype("Int64"),
        "ranked": int(layer["index"].notna().sum()), "previous_value": float("nan"), "previous_period": None,
        "change": float("nan"), "rank_low": layer["rank_low"].astype("Int64"),
        "rank_high": layer["rank_high"].astype("Int64"),
    })
    order = out.assign(_missing=out["rank"].isna()).sort_values(["_missing", "rank", "region_name"], kind="stable")
    return order.drop(columns="_missing").reset_index(drop=True)


@lru_cache(maxsize=8)
def _peers(key: StoreKey, level: str, period: str) -> Any:
    from analysis.peers import find_peers
    return find_peers(key.store, level, period)


def need_region_summary(store: Any, code: str, level: str) -> dict[str, Any] | None:
    """Rank, 90% interval, label, contributions and peers of one region (latest period), or None."""
    periods = need_periods(store, level)
    if not periods:
        return None
    period = periods[-1]
    key = StoreKey(store)
    layer = _layer(key, level, period)
    rows = layer[layer["region_code"] == code]
    if rows.empty:
        return None
    row = rows.iloc[0]
    out: dict[str, Any] = {"period": period, "level": level, "index": clean(row["index"]), "n": int(row["n"]),
                           "rank": clean(row["rank"]), "rank_low": clean(row["rank_low"]),
                           "rank_high": clean(row["rank_high"]), "label": None, "contributions": {},
                           "peers": [], "peer_group": None}
    if out["rank"] is not None:
        out["label"] = _module().top_label(int(out["rank_low"]), int(out["rank_high"]), out["n"], lang="nl")
        out["label_en"] = _module().top_label(int(out["rank_low"]), int(out["rank_high"]), out["n"], lang="en")
        out["contributions"] = {c[len("contribution_"):]: clean(row[c]) for c in layer.columns
                                if c.startswith("contribution_")}
    try:
        peers = _peers(key, level, period)
        out["peers"] = peers.neighbours_of(code)
        out["peer_group"] = peers.group_of(code)
    except (ImportError, ValueError):
        pass
    return out
