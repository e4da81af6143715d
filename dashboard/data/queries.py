"""Queries over the store for the explorer and the region pages.

Every function takes the :class:`~dashboard.data.view.StoreView` and plain arguments and returns a
frame or plain values; nothing here reads files or mutates the store.  Results that take work are
memoised in the view (:meth:`StoreView.cached`), so they live exactly as long as that data version.
Frames that come back from a memo are shared: public functions return copies where callers may
modify them.

Ranks: 1 is the highest value, over the regions of one level that have a value; ties are broken by
region code, so the ranks of a period are always a permutation of 1..n.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.data.domain import COMPARISON_FREQUENCIES, LEVELS, NATIONAL_CODE, REGIONAL_LEVELS
from dashboard.data.view import StoreView, memoised

VALUE_COLUMNS = ("region_code", "region_name", "period", "value", "flag", "status", "numerator", "denominator")


def clean(value: Any) -> Any:
    """NaN/NA -> None, numpy scalars -> Python scalars."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


# --- indicators ------------------------------------------------------------------------------------------------------

@memoised("levels_present")
def _levels_present(view: StoreView) -> dict[str, tuple[str, ...]]:
    obs = view.observations
    pairs = obs.loc[obs["value"].notna(), ["indicator", "region_level"]].drop_duplicates()
    out: dict[str, list[str]] = {}
    for indicator, level in pairs.itertuples(index=False):
        out.setdefault(indicator, []).append(level)
    order = LEVELS
    return {ind: tuple(lvl for lvl in order if lvl in levels) for ind, levels in out.items()}


def levels_for(view: StoreView, indicator: str) -> tuple[str, ...]:
    """The levels (land, arbeidsmarktregio, gemeente) at which ``indicator`` has at least one value."""
    return _levels_present(view).get(indicator, ())


def map_indicators(view: StoreView) -> tuple[str, ...]:
    """Indicators that can be mapped: with values for arbeidsmarktregio or gemeente, in catalogue order."""
    present = _levels_present(view)
    return tuple(ind["id"] for ind in view.indicators
                 if set(present.get(ind["id"], ())) & set(REGIONAL_LEVELS))


# --- periods ---------------------------------------------------------------------------------------------------------

@memoised("series_frame")
def _series_frame(view: StoreView, indicator: str, level: str) -> pd.DataFrame:
    """All rows of one indicator at one level, one frequency (the preferred one), sorted by period start."""
    obs = view.observations
    rows = obs[(obs["indicator"] == indicator) & (obs["region_level"] == level)]
    if rows.empty:
        return rows.copy()
    frequencies = set(rows["frequency"])
    frequency = next((f for f in COMPARISON_FREQUENCIES if f in frequencies), sorted(frequencies)[0])
    rows = rows[rows["frequency"] == frequency]
    return rows.sort_values(["period_start", "region_code"], kind="stable").reset_index(drop=True)


@memoised("frequency")
def frequency_of(view: StoreView, indicator: str, level: str) -> str | None:
    rows = _series_frame(view, indicator, level)
    return None if rows.empty else str(rows["frequency"].iloc[0])


@memoised("periods")
def _periods(view: StoreView, indicator: str, level: str) -> tuple[str, ...]:
    rows = _series_frame(view, indicator, level)
    rows = rows[rows["value"].notna()]
    return tuple(rows.drop_duplicates("period")["period"])


def valid_periods(view: StoreView, indicator: str, level: str) -> tuple[str, ...]:
    """Periods with at least one value for ``indicator`` at ``level``, oldest first."""
    return _periods(view, indicator, level)


def latest_period(view: StoreView, indicator: str, level: str) -> str | None:
    periods = valid_periods(view, indicator, level)
    return periods[-1] if periods else None


def previous_period(view: StoreView, indicator: str, level: str, period: str) -> str | None:
    periods = valid_periods(view, indicator, level)
    if period not in periods:
        return None
    i = periods.index(period)
    return periods[i - 1] if i > 0 else None


# --- regions ---------------------------------------------------------------------------------------------------------

@memoised("regions")
def _regions(view: StoreView) -> pd.DataFrame:
    return view.regions.sort_values("region_code").reset_index(drop=True)


def regions_of_level(view: StoreView, level: str) -> pd.DataFrame:
    """The regions of ``level`` (code, name, level, parent ...), sorted by code."""
    return _regions_of_level(view, level).copy()


@memoised("regions_of_level")
def _regions_of_level(view: StoreView, level: str) -> pd.DataFrame:
    regions = _regions(view)
    return regions[regions["region_level"] == level].reset_index(drop=True)


@memoised("region_codes")
def region_codes(view: StoreView, level: str) -> frozenset[str]:
    """The codes of the regions of ``level``."""
    return frozenset(_regions_of_level(view, level)["region_code"].tolist())


@memoised("region_names")
def region_names(view: StoreView) -> dict[str, str]:
    """Code -> name of every region (treat as read-only)."""
    regions = _regions(view)
    return dict(zip(regions["region_code"].tolist(), regions["region_name"].tolist(), strict=True))


@memoised("region_choices")
def region_choices(view: StoreView, level: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of every region of ``level``, sorted by name ignoring case (then by code)."""
    frame = regions_of_level(view, level)
    pairs = zip(frame["region_code"].astype(str), frame["region_name"].astype(str), strict=True)
    return tuple(sorted(pairs, key=lambda pair: (pair[1].casefold(), pair[0])))


def region_info(view: StoreView, code: Any) -> dict[str, Any] | None:
    """``{code, name, level, parent_code, parent_name, rmc_code, rmc_name}`` for a known region code (any case),
    else None (a gemeente's parent is its arbeidsmarktregio; ``rmc_code`` its RMC region)."""
    if not isinstance(code, str):
        return None
    found = _region_index(view).get(code.strip().upper())
    return dict(found) if found is not None else None


@memoised("region_index")
def _region_index(view: StoreView) -> dict[str, dict[str, Any]]:
    """:func:`region_info` of every region by code, made once per view (a page about one region asks it often)."""
    regions = _regions(view)
    rmcs = regions["rmc_code"].tolist() if "rmc_code" in regions else [None] * len(regions)
    codes, names, levels, parents = (regions[c].tolist() for c in ("region_code", "region_name", "region_level",
                                                                    "parent_code"))
    name_of: dict[str, str] = {}
    for code, name in zip(codes, names, strict=True):
        name_of.setdefault(code, str(name))
    index: dict[str, dict[str, Any]] = {}
    for code, name, level, parent, rmc in zip(codes, names, levels, parents, rmcs, strict=True):
        parent, rmc = clean(parent), clean(rmc)
        index.setdefault(code, {"code": code, "name": str(name), "level": str(level), "parent_code": parent,
                                "parent_name": name_of.get(parent) if parent else None,
                                "rmc_code": rmc, "rmc_name": name_of.get(rmc) if rmc else None})
    return index


def municipalities(view: StoreView, code: str) -> pd.DataFrame:
    """The municipalities (gemeenten) of a labour-market region or an RMC region, sorted by name."""
    regions = _regions(view)
    column = "rmc_code" if str(code).startswith("MC") else "parent_code"
    rows = regions[(regions[column] == code) & (regions["region_level"] == "gemeente")]
    return rows.sort_values("region_name", key=lambda s: s.str.lower()).reset_index(drop=True)


# --- values and ranking ----------------------------------------------------------------------------------------------

def values(view: StoreView, indicator: str, level: str, period: str) -> pd.DataFrame:
    """One row per region of ``level`` (sorted by code): value, flag, status, numerator, denominator.

    A region without a row in the store gets value NaN and flag ``not available``.
    """
    return _values(view, indicator, level, period).copy()


@memoised("values")
def _values(view: StoreView, indicator: str, level: str, period: str) -> pd.DataFrame:
    ranked = _ranking(view, indicator, level, period)            # every region, its row or "not available"
    return ranked.sort_values("region_code", kind="stable")[list(VALUE_COLUMNS)].reset_index(drop=True)


def add_ranks(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``rank`` (1 = highest value; NA without a value) and ``ranked`` (how many have a rank)."""
    out = frame.copy()
    ranked = out[out["value"].notna()].sort_values(["value", "region_code"], ascending=[False, True], kind="stable")
    out["rank"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out.loc[ranked.index, "rank"] = range(1, len(ranked) + 1)
    out["ranked"] = len(ranked)
    return out


def ranking(view: StoreView, indicator: str, level: str, period: str) -> pd.DataFrame:
    """Every region of ``level``: value, rank, the previous period's value and the change, flag and status.

    Sorted by rank (regions without a value last, by name).
    """
    return _ranking(view, indicator, level, period).copy()


def shared_ranking(view: StoreView, indicator: str, level: str, period: str) -> pd.DataFrame:
    """:func:`ranking` without the copy: the frame the view holds, for callers that keep one per view and only read
    it (the explorer's parts)."""
    return _ranking(view, indicator, level, period)


@memoised("ranking")
def _ranking(view: StoreView, indicator: str, level: str, period: str) -> pd.DataFrame:
    table = _ranking_table(view, indicator, level)
    if period in table.rows:
        start, stop = table.rows[period]
        out = table.frame.iloc[start:stop].reset_index(drop=True)
    else:                                           # a period without rows: every region "not available"
        out = _rank_periods(_series_frame(view, indicator, level), regions_of_level(view, level), (period,))
    out["previous_period"] = previous_period(view, indicator, level, period)     # typed as ranking one period gave it
    return out


@dataclass(frozen=True)
class RegionValue:
    """One region's figure in :func:`ranking`: value, rank and of how many ranked, flag and status (clean values)."""

    value: Any
    rank: int | None
    ranked: int
    flag: str | None
    status: str | None


def region_values(view: StoreView, indicator: str, level: str, period: str) -> dict[str, RegionValue]:
    """Every region of ``level`` by code, as :func:`ranking` has it: a lookup for pages about one region, which
    would otherwise filter a frame per figure (shared: read-only)."""
    return _region_values(view, indicator, level, period)


@memoised("region_values")
def _region_values(view: StoreView, indicator: str, level: str, period: str) -> dict[str, RegionValue]:
    frame = _ranking(view, indicator, level, period)
    columns = [frame[c].tolist() for c in ("region_code", "value", "rank", "ranked", "flag", "status")]
    return {code: RegionValue(clean(value), clean(rank), int(ranked), clean(flag), clean(status))
            for code, value, rank, ranked, flag, status in zip(*columns, strict=True)}


@dataclass(frozen=True)
class RankingTable:
    """The rankings of every period of one indicator at one level, one block of rows per period (``rows``: period ->
    (start, stop)), each block as :func:`ranking` gives it. Shared: treat as read-only."""

    frame: pd.DataFrame
    rows: dict[str, tuple[int, int]]


def ranking_table(view: StoreView, indicator: str, level: str) -> RankingTable:
    """Every period's ranking at once, for work done once per layer rather than per period."""
    return _ranking_table(view, indicator, level)


@memoised("ranking_table")
def _ranking_table(view: StoreView, indicator: str, level: str) -> RankingTable:
    """All periods' rankings in one pass (a first look at any period of the layer is then a slice)."""
    series = _series_frame(view, indicator, level)
    periods = tuple(dict.fromkeys(series["period"]))
    frame = _rank_periods(series, regions_of_level(view, level), periods, valid_periods(view, indicator, level))
    size = len(regions_of_level(view, level))
    return RankingTable(frame, {p: (i * size, (i + 1) * size) for i, p in enumerate(periods)})


def _rank_periods(series: pd.DataFrame, regions: pd.DataFrame, periods: tuple[str, ...],
                  valid: tuple[str, ...] = ()) -> pd.DataFrame:
    """For each of ``periods`` (in that order): every region of ``regions`` with its value, flag and status
    (a region without a row: NaN, "not available"), its rank among the regions with a value (ties by code),
    and the period before it in ``valid`` with the value then and the change; within a period sorted by rank,
    then regions without a value by name."""
    m, n = len(periods), len(regions)
    codes, names = regions["region_code"], regions["region_name"]
    block = np.repeat(np.arange(m), n)
    row_period = pd.Index(periods).get_indexer(series["period"])
    row_region = pd.Index(codes).get_indexer(series["region_code"])
    found = (row_period >= 0) & (row_region >= 0)
    slot = (row_period * n + row_region)[found]

    def spread(column: str, missing: Any) -> Any:
        """``column`` of the series in the grid's slots; ``missing`` where a region has no row."""
        out = np.full(m * n, missing, dtype=float if missing is np.nan else object)
        values = series[column]
        if missing is np.nan:
            out[slot] = values.to_numpy(dtype=float)[found]
            return out
        out[slot] = values.astype(object).where(values.notna(), None).to_numpy()[found]
        return pd.Series(out, dtype=object)

    values = spread("value", np.nan)
    has_value = ~np.isnan(values)
    ranked = np.lexsort((np.arange(m * n), -values, block))        # per period: highest first, ties by code
    ranked = ranked[has_value[ranked]]
    ranks = np.zeros(m * n, dtype="int64")
    ranks[ranked] = np.arange(len(ranked)) - np.searchsorted(block[ranked], block[ranked], side="left") + 1
    index_of = {p: i for i, p in enumerate(periods)}
    prior = {p: valid[i - 1] for i, p in enumerate(valid) if i > 0}
    before = np.array([index_of.get(prior.get(p, ""), -1) for p in periods], dtype="int64")
    by_period = values.reshape(m, n)
    previous = np.where((before >= 0)[:, None], by_period[np.maximum(before, 0)], np.nan).reshape(-1)
    frame = pd.DataFrame({
        "region_code": pd.array(np.tile(codes.to_numpy(), m), dtype=codes.dtype),
        "region_name": pd.array(np.tile(names.to_numpy(), m), dtype=names.dtype),
        "period": pd.array(np.repeat(np.array(periods, dtype=object), n), dtype=codes.dtype),
        "value": values, "flag": spread("flag", "not available"), "status": spread("status", None),
        "numerator": spread("numerator", np.nan), "denominator": spread("denominator", np.nan),
        "rank": pd.arrays.IntegerArray(ranks, ~has_value),
        "ranked": np.bincount(block[has_value], minlength=m).astype("int64")[block],
        "previous_value": previous,
        "previous_period": pd.Series(np.repeat(np.array([prior.get(p) for p in periods], dtype=object), n),
                                     dtype=object),
        "change": values - previous,
    })
    lowered = [str(name).lower() for name in names]
    name_order = {name: i for i, name in enumerate(sorted(set(lowered)))}
    by_name = np.tile(np.array([name_order[name] for name in lowered], dtype="int64"), m)
    order = np.lexsort((np.arange(m * n), by_name, ranks, ~has_value, block))
    return frame.take(order).reset_index(drop=True)


def national_value(view: StoreView, indicator: str, period: str) -> float | None:
    """The national (NL01) value for ``period``, or None."""
    return _national_values(view, indicator).get(period)


@memoised("national_values")
def _national_values(view: StoreView, indicator: str) -> dict[str, float]:
    obs = view.observations
    rows = obs[(obs["indicator"] == indicator) & (obs["region_code"] == NATIONAL_CODE) & obs["value"].notna()]
    return {str(p): float(v) for p, v in zip(rows["period"], rows["value"], strict=True)}


def position(view: StoreView, indicator: str, code: str, period: str | None = None) -> dict[str, Any] | None:
    """Where a region stands among the regions of its level: ``{rank, of, value, period}`` (rank None without value)."""
    info = region_info(view, code)
    if not info or info["level"] not in REGIONAL_LEVELS:
        return None
    period = period or latest_period(view, indicator, info["level"])
    if not period:
        return None
    table = _ranking(view, indicator, info["level"], period)
    row = table[table["region_code"] == info["code"]]
    if row.empty:
        return None
    r = row.iloc[0]
    return {"rank": clean(r["rank"]), "of": int(r["ranked"]), "value": clean(r["value"]), "period": period}


# --- time series ---------------------------------------------------------------------------------------------------

SERIES_COLUMNS = ["region_code", "region_name", "region_level", "period", "period_start", "value", "flag", "status"]


def time_series(view: StoreView, indicator: str, level: str, codes: Iterable[str], national: bool = True) -> pd.DataFrame:
    """Long frame of the regions ``codes`` (of ``level``) over time, plus Nederland at the same frequency.

    Columns: region_code, region_name, region_level, period, period_start, value, flag, status.
    Regions appear in the order of ``codes``, Nederland last.
    """
    positions = series_positions(view, indicator, level, codes, national)
    if positions is None:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    return series_rows(view, indicator, level).frame.take(positions).reset_index(drop=True)


def series_positions(view: StoreView, indicator: str, level: str, codes: Iterable[str],
                     national: bool = True) -> np.ndarray | None:
    """Where the rows of :func:`time_series` are in :func:`series_rows`' frame, in order (None: no rows asked)."""
    codes = [c for c in dict.fromkeys(codes)]
    if national and level != "land":
        codes.append(NATIONAL_CODE)
    elif not codes:
        return None
    positions = series_rows(view, indicator, level).positions
    taken = [positions[c] for c in codes if c in positions]
    return np.concatenate(taken) if taken else np.zeros(0, dtype="int64")


@dataclass(frozen=True)
class SeriesRows:
    """One layer's series at one level followed by Nederland's (same frequency), and where each region's rows are
    (oldest first). Shared: treat as read-only."""

    frame: pd.DataFrame
    positions: dict[str, np.ndarray]


def series_rows(view: StoreView, indicator: str, level: str) -> SeriesRows:
    """The rows every :func:`time_series` of ``indicator`` at ``level`` is cut from (for work done once per layer)."""
    return _series_rows(view, indicator, level)


def prepare_layer(view: StoreView, indicator: str, level: str) -> None:
    """Build the rankings of every period of ``indicator`` at ``level`` and the index of its series by region."""
    _ranking_table(view, indicator, level)
    _series_rows(view, indicator, level)


@memoised("series_rows")
def _series_rows(view: StoreView, indicator: str, level: str) -> SeriesRows:
    rows = _series_frame(view, indicator, level)[SERIES_COLUMNS]
    frequency = frequency_of(view, indicator, level)
    if frequency and level != "land":
        rows = pd.concat([rows, _national_series(view, indicator, frequency)[SERIES_COLUMNS]], ignore_index=True)
    rows = rows.assign(flag=rows["flag"].astype(object).where(rows["flag"].notna(), None))
    return SeriesRows(rows, dict(rows.groupby("region_code", sort=False).indices))


@memoised("national_series")
def _national_series(view: StoreView, indicator: str, frequency: str) -> pd.DataFrame:
    obs = view.observations
    rows = obs[(obs["indicator"] == indicator) & (obs["region_code"] == NATIONAL_CODE)
               & (obs["frequency"] == frequency)]
    return rows.sort_values("period_start", kind="stable").reset_index(drop=True)


# --- region profile --------------------------------------------------------------------------------------------------

def region_profile(view: StoreView, code: str) -> list[dict[str, Any]]:
    """For every indicator: the region's latest value, change, rank among its level, and the national value.

    Indicators without values at the region's level come back with ``available=False`` (national-only ones).
    """
    info = region_info(view, code)
    if not info:
        return []
    return list(_profile(view, info["code"], info["level"]))


@memoised("profile")
def _profile(view: StoreView, code: str, level: str) -> tuple[dict[str, Any], ...]:
    view = view
    out = []
    for meta in view.indicators:
        indicator = meta["id"]
        entry: dict[str, Any] = {"indicator": indicator, "meta": meta, "available": False, "period": None,
                                 "value": None, "flag": None, "status": None, "previous_period": None,
                                 "previous_value": None, "change": None, "rank": None, "of": None,
                                 "national": None, "frequency": frequency_of(view, indicator, level)}
        period = latest_period(view, indicator, level)
        if period is not None:
            table = _ranking(view, indicator, level, period)
            row = table[table["region_code"] == code]
            if len(row):
                r = row.iloc[0]
                entry.update(available=True, period=period, value=clean(r["value"]), flag=clean(r["flag"]),
                             status=clean(r["status"]), previous_period=clean(r["previous_period"]),
                             previous_value=clean(r["previous_value"]), change=clean(r["change"]),
                             rank=clean(r["rank"]), of=int(r["ranked"]))
            entry["national"] = national_value(view, indicator, period)
        out.append(entry)
    return tuple(out)
