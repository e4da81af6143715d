"""Pure queries over the store for the explorer and the region pages.

Every function takes the :class:`etl.store.Store` and plain arguments and returns a new frame or
plain values; nothing here reads files or mutates the store.  Results that take work are memoised
with :func:`functools.lru_cache`, keyed by the store's data version (plus its path and identity, so
two stores in one test session never share an entry) and the arguments.

Ranks: 1 is the highest value, over the regions of one level that have a value; ties are broken by
region code, so the ranks of a period are always a permutation of 1..n.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pandas as pd

REGIONAL_LEVELS = ("arbeidsmarktregio", "gemeente")
LEVEL_PREFIX = {"arbeidsmarktregio": "AM", "gemeente": "GM", "land": "NL"}
NATIONAL_CODE = "NL01"
DEFAULT_INDICATOR = "neet_share"
DEFAULT_LEVEL = "arbeidsmarktregio"
FREQUENCY_PREFERENCE = ("year", "school_year", "half_year", "quarter", "month")
VALUE_COLUMNS = ("region_code", "region_name", "period", "value", "flag", "status", "numerator", "denominator")


class StoreKey:
    """A hashable handle on a store: equal when data version, path and object are the same."""

    __slots__ = ("store", "_id")

    def __init__(self, store: Any):
        self.store = store
        self._id = (str(store.manifest.get("data_version", "")), str(store.path), id(store.observations))

    def __hash__(self) -> int:
        return hash(self._id)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StoreKey) and other._id == self._id


def data_version(store: Any) -> str:
    return str(store.manifest.get("data_version", ""))


def clean(value: Any) -> Any:
    """NaN/NA -> None, numpy scalars -> Python scalars."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


# --- indicators ------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _indicator_index(key: StoreKey) -> dict[str, dict[str, Any]]:
    return {ind["id"]: ind for ind in key.store.indicators}


def indicator_meta(store: Any, indicator: str) -> dict[str, Any] | None:
    return _indicator_index(StoreKey(store)).get(indicator)


@lru_cache(maxsize=8)
def _levels_present(key: StoreKey) -> dict[str, tuple[str, ...]]:
    obs = key.store.observations
    pairs = obs.loc[obs["value"].notna(), ["indicator", "region_level"]].drop_duplicates()
    out: dict[str, list[str]] = {}
    for indicator, level in pairs.itertuples(index=False):
        out.setdefault(indicator, []).append(level)
    order = ("land", *REGIONAL_LEVELS)
    return {ind: tuple(lvl for lvl in order if lvl in levels) for ind, levels in out.items()}


def levels_for(store: Any, indicator: str) -> tuple[str, ...]:
    """The levels (land, arbeidsmarktregio, gemeente) at which ``indicator`` has at least one value."""
    return _levels_present(StoreKey(store)).get(indicator, ())


def map_indicators(store: Any) -> tuple[str, ...]:
    """Indicators that can be mapped: with values for arbeidsmarktregio or gemeente, in catalogue order."""
    present = _levels_present(StoreKey(store))
    return tuple(ind["id"] for ind in store.indicators
                 if set(present.get(ind["id"], ())) & set(REGIONAL_LEVELS))


# --- periods ---------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=64)
def _series_frame(key: StoreKey, indicator: str, level: str) -> pd.DataFrame:
    """All rows of one indicator at one level, one frequency (the preferred one), sorted by period start."""
    obs = key.store.observations
    rows = obs[(obs["indicator"] == indicator) & (obs["region_level"] == level)]
    if rows.empty:
        return rows.copy()
    frequencies = set(rows["frequency"])
    frequency = next((f for f in FREQUENCY_PREFERENCE if f in frequencies), sorted(frequencies)[0])
    rows = rows[rows["frequency"] == frequency]
    return rows.sort_values(["period_start", "region_code"], kind="stable").reset_index(drop=True)


def frequency_of(store: Any, indicator: str, level: str) -> str | None:
    rows = _series_frame(StoreKey(store), indicator, level)
    return None if rows.empty else str(rows["frequency"].iloc[0])


@lru_cache(maxsize=64)
def _periods(key: StoreKey, indicator: str, level: str) -> tuple[str, ...]:
    rows = _series_frame(key, indicator, level)
    rows = rows[rows["value"].notna()]
    return tuple(rows.drop_duplicates("period")["period"])


def valid_periods(store: Any, indicator: str, level: str) -> tuple[str, ...]:
    """Periods with at least one value for ``indicator`` at ``level``, oldest first."""
    return _periods(StoreKey(store), indicator, level)


def latest_period(store: Any, indicator: str, level: str) -> str | None:
    periods = valid_periods(store, indicator, level)
    return periods[-1] if periods else None


def previous_period(store: Any, indicator: str, level: str, period: str) -> str | None:
    periods = valid_periods(store, indicator, level)
    if period not in periods:
        return None
    i = periods.index(period)
    return periods[i - 1] if i > 0 else None


# --- regions ---------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _regions(key: StoreKey) -> pd.DataFrame:
    return key.store.regions.sort_values("region_code").reset_index(drop=True)


def regions_of_level(store: Any, level: str) -> pd.DataFrame:
    regions = _regions(StoreKey(store))
    return regions[regions["region_level"] == level].reset_index(drop=True)


def region_options(store: Any, level: str) -> list[dict[str, str]]:
    """Dropdown options for every region of ``level``, sorted by name: ``{label: "Name (CODE)", value: CODE}``."""
    frame = regions_of_level(store, level).sort_values("region_name", key=lambda s: s.str.lower())
    return [{"label": f"{name} ({code})", "value": code}
            for code, name in zip(frame["region_code"], frame["region_name"], strict=True)]


def region_info(store: Any, code: Any) -> dict[str, Any] | None:
    """``{code, name, level, parent_code, parent_name}`` for a known region code (any case), else None."""
    if not isinstance(code, str):
        return None
    code = code.strip().upper()
    regions = _regions(StoreKey(store))
    match = regions[regions["region_code"] == code]
    if match.empty:
        return None
    row = match.iloc[0]
    parent = clean(row["parent_code"])
    parent_rows = regions[regions["region_code"] == parent] if parent else regions.iloc[0:0]
    return {"code": code, "name": str(row["region_name"]), "level": str(row["region_level"]),
            "parent_code": parent, "parent_name": str(parent_rows.iloc[0]["region_name"]) if len(parent_rows) else None}


def municipalities(store: Any, am_code: str) -> pd.DataFrame:
    """The municipalities (gemeenten) of a labour-market region, sorted by name."""
    regions = _regions(StoreKey(store))
    rows = regions[(regions["parent_code"] == am_code) & (regions["region_level"] == "gemeente")]
    return rows.sort_values("region_name", key=lambda s: s.str.lower()).reset_index(drop=True)


# --- values and ranking ----------------------------------------------------------------------------------------------

def values(store: Any, indicator: str, level: str, period: str) -> pd.DataFrame:
    """One row per region of ``level`` (sorted by code): value, flag, status, numerator, denominator.

    A region without a row in the store gets value NaN and flag ``not available``.
    """
    return _values(StoreKey(store), indicator, level, period).copy()


@lru_cache(maxsize=128)
def _values(key: StoreKey, indicator: str, level: str, period: str) -> pd.DataFrame:
    rows = _series_frame(key, indicator, level)
    rows = rows[rows["period"] == period]
    regions = regions_of_level(key.store, level)[["region_code", "region_name"]]
    cols = ["region_code", "value", "flag", "status", "numerator", "denominator"]
    out = regions.merge(rows[cols], on="region_code", how="left")
    out.insert(2, "period", period)
    missing_row = ~out["region_code"].isin(rows["region_code"])
    out["flag"] = out["flag"].astype(object).where(out["flag"].notna(), None)
    out.loc[missing_row, "flag"] = "not available"
    out["status"] = out["status"].astype(object).where(out["status"].notna(), None)
    return out[list(VALUE_COLUMNS)].reset_index(drop=True)


def add_ranks(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``rank`` (1 = highest value; NA without a value) and ``ranked`` (how many have a rank)."""
    out = frame.copy()
    ranked = out[out["value"].notna()].sort_values(["value", "region_code"], ascending=[False, True], kind="stable")
    out["rank"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out.loc[ranked.index, "rank"] = range(1, len(ranked) + 1)
    out["ranked"] = len(ranked)
    return out


def ranking(store: Any, indicator: str, level: str, period: str) -> pd.DataFrame:
    """Every region of ``level``: value, rank, the previous period's value and the change, flag and status.

    Sorted by rank (regions without a value last, by name).
    """
    return _ranking(StoreKey(store), indicator, level, period).copy()


@lru_cache(maxsize=128)
def _ranking(key: StoreKey, indicator: str, level: str, period: str) -> pd.DataFrame:
    current = add_ranks(_values(key, indicator, level, period))
    before = previous_period(key.store, indicator, level, period)
    if before:
        prev = _values(key, indicator, level, before)[["region_code", "value"]]
        current = current.merge(prev.rename(columns={"value": "previous_value"}), on="region_code", how="left")
    else:
        current["previous_value"] = float("nan")
    current["previous_period"] = before
    current["change"] = current["value"] - current["previous_value"]
    order = current.assign(_missing=current["rank"].isna(), _name=current["region_name"].str.lower())
    order = order.sort_values(["_missing", "rank", "_name"], kind="stable")
    return order.drop(columns=["_missing", "_name"]).reset_index(drop=True)


def national_value(store: Any, indicator: str, period: str) -> float | None:
    """The national (NL01) value for ``period``, or None."""
    return _national_values(StoreKey(store), indicator).get(period)


@lru_cache(maxsize=64)
def _national_values(key: StoreKey, indicator: str) -> dict[str, float]:
    obs = key.store.observations
    rows = obs[(obs["indicator"] == indicator) & (obs["region_code"] == NATIONAL_CODE) & obs["value"].notna()]
    return {str(p): float(v) for p, v in zip(rows["period"], rows["value"], strict=True)}


def position(store: Any, indicator: str, code: str, period: str | None = None) -> dict[str, Any] | None:
    """Where a region stands among the regions of its level: ``{rank, of, value, period}`` (rank None without value)."""
    info = region_info(store, code)
    if not info or info["level"] not in REGIONAL_LEVELS:
        return None
    period = period or latest_period(store, indicator, info["level"])
    if not period:
        return None
    table = _ranking(StoreKey(store), indicator, info["level"], period)
    row = table[table["region_code"] == info["code"]]
    if row.empty:
        return None
    r = row.iloc[0]
    return {"rank": clean(r["rank"]), "of": int(r["ranked"]), "value": clean(r["value"]), "period": period}


# --- time series ---------------------------------------------------------------------------------------------------

def time_series(store: Any, indicator: str, level: str, codes: Iterable[str], national: bool = True) -> pd.DataFrame:
    """Long frame of the regions ``codes`` (of ``level``) over time, plus Nederland at the same frequency.

    Columns: region_code, region_name, region_level, period, period_start, value, flag, status.
    Regions appear in the order of ``codes``, Nederland last.
    """
    key = StoreKey(store)
    codes = [c for c in dict.fromkeys(codes)]
    cols = ["region_code", "region_name", "region_level", "period", "period_start", "value", "flag", "status"]
    rows = _series_frame(key, indicator, level)
    parts = [rows[rows["region_code"] == c][cols] for c in codes]
    frequency = frequency_of(store, indicator, level)
    if national and level != "land" and frequency:
        parts.append(_national_series(key, indicator, frequency)[cols])
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=cols)
    out["flag"] = out["flag"].astype(object).where(out["flag"].notna(), None)
    return out


@lru_cache(maxsize=64)
def _national_series(key: StoreKey, indicator: str, frequency: str) -> pd.DataFrame:
    obs = key.store.observations
    rows = obs[(obs["indicator"] == indicator) & (obs["region_code"] == NATIONAL_CODE)
               & (obs["frequency"] == frequency)]
    return rows.sort_values("period_start", kind="stable").reset_index(drop=True)


# --- region profile --------------------------------------------------------------------------------------------------

def region_profile(store: Any, code: str) -> list[dict[str, Any]]:
    """For every indicator: the region's latest value, change, rank among its level, and the national value.

    Indicators without values at the region's level come back with ``available=False`` (national-only ones).
    """
    info = region_info(store, code)
    if not info:
        return []
    return list(_profile(StoreKey(store), info["code"], info["level"]))


@lru_cache(maxsize=256)
def _profile(key: StoreKey, code: str, level: str) -> tuple[dict[str, Any], ...]:
    store = key.store
    out = []
    for meta in store.indicators:
        indicator = meta["id"]
        entry: dict[str, Any] = {"indicator": indicator, "meta": meta, "available": False, "period": None,
                                 "value": None, "flag": None, "status": None, "previous_period": None,
                                 "previous_value": None, "change": None, "rank": None, "of": None,
                                 "national": None, "frequency": frequency_of(store, indicator, level)}
        period = latest_period(store, indicator, level)
        if period is not None:
            table = _ranking(key, indicator, level, period)
            row = table[table["region_code"] == code]
            if len(row):
                r = row.iloc[0]
                entry.update(available=True, period=period, value=clean(r["value"]), flag=clean(r["flag"]),
                             status=clean(r["status"]), previous_period=clean(r["previous_period"]),
                             previous_value=clean(r["previous_value"]), change=clean(r["change"]),
                             rank=clean(r["rank"]), of=int(r["ranked"]))
            entry["national"] = national_value(store, indicator, period)
        out.append(entry)
    return tuple(out)
