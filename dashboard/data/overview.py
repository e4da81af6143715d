"""Pure queries behind the overview page: headline figures, trends, regions with the highest need.

Every function takes frames from the store (``observations``, ``regions``, ``indicators``,
``manifest``) and returns new small objects; nothing is cached or mutated here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.data.domain import DEFAULT_LEVEL, HEADLINE_FREQUENCIES, NATIONAL_CODE
from dashboard.data.view import StoreView
from etl.transform.periods import shift_period

KEY_INDICATORS = (
    "neet_share",
    "youth_jobseeker_rate",
    "youth_benefit_share",
    "early_school_leaver_rate",
    "youth_unemployment_rate",
    "unemployment_rate",
)
REGION_LEVEL = DEFAULT_LEVEL          # the overview compares arbeidsmarktregio's
TREND_POINTS = {"month": 37, "quarter": 13, "half_year": 9, "year": 10, "school_year": 10}


@dataclass(frozen=True)
class Reading:
    """One value of one region in one period, with what is needed to show it honestly."""

    region_code: str
    region_name: str
    period: str | None
    frequency: str | None
    value: float | None                 # None when missing: show "–" with ``reason``, never 0
    flag: str | None                    # the store's flag, or "national_only"/"missing" when there is no row
    status: str | None
    is_demo: bool
    previous_period: str | None = None
    previous_value: float | None = None

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous_value is None:
            return None
        return self.value - self.previous_value


@dataclass(frozen=True)
class Headline:
    indicator: Mapping[str, Any]
    frequency: str | None
    national: Reading
    region: Reading | None


ROW_COLUMNS = ["region_code", "region_name", "region_level", "period", "period_start", "frequency", "value",
               "flag", "status", "is_demo"]


def indicator_rows(view: StoreView, indicator_id: str) -> pd.DataFrame:
    """The rows of one indicator, the columns the overview needs, sorted by period start (shared: read only)."""
    return view.cached("indicator_rows", indicator_id, lambda: _indicator_rows(view.observations, indicator_id))


def _indicator_rows(observations: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    rows = observations.loc[observations["indicator"].to_numpy() == indicator_id, ROW_COLUMNS]
    return rows.sort_values("period_start", kind="mergesort").reset_index(drop=True)


def _equals(rows: pd.DataFrame, column: str, value: Any) -> np.ndarray:
    return np.asarray(rows[column].to_numpy() == value, dtype=bool)


def headline_frequency(rows: pd.DataFrame) -> str | None:
    """The most frequent series an indicator has (month before quarter before year)."""
    available = set(rows["frequency"].unique())
    return next((f for f in HEADLINE_FREQUENCIES if f in available), None)


def latest_with_value(rows: pd.DataFrame, mask: np.ndarray | None = None) -> str | None:
    """The latest period (by start date) with at least one value, among ``rows[mask]``."""
    known = rows["value"].notna().to_numpy()
    if mask is not None:
        known = known & mask
    if not known.any():
        return None
    starts = rows["period_start"].to_numpy()[known]
    return str(rows["period"].to_numpy()[known][starts.argmax()])


def year_before(rows: pd.DataFrame, period: str) -> str | None:
    """The period one year before ``period`` (same month, quarter, half year or school year) when ``rows`` have it."""
    periods = set(rows["period"])
    before = shift_period(period, years=1) if period in periods else None
    return before if before in periods else None


def _reading(records: list[dict[str, Any]], code: str, name: str, period: str | None, frequency: str | None,
             previous: str | None, absent_flag: str) -> Reading:
    own = {r["period"]: r for r in records if r["region_code"] == code}
    if not own:
        return Reading(code, name, period, frequency, None, absent_flag, None, False)
    row = own.get(period)
    if row is None:
        return Reading(code, name, period, frequency, None, "missing", None, any(r["is_demo"] for r in own.values()))
    before = own.get(previous) if previous else None
    value = None if pd.isna(row["value"]) else float(row["value"])
    prev_value = None if before is None or pd.isna(before["value"]) else float(before["value"])
    flag = None if value is not None else (row["flag"] if isinstance(row["flag"], str) else "missing")
    return Reading(code, str(row["region_name"]), period, frequency, value, flag, str(row["status"]),
                   bool(row["is_demo"]), previous if before is not None else None, prev_value)


def headline(rows: pd.DataFrame, meta: Mapping[str, Any], region_code: str | None, region_name: str = "") -> Headline:
    """Latest value for Nederland and the region, each with the value a year before.

    ``rows``: :func:`indicator_rows` of the indicator described by ``meta``.  The period is the latest
    national one (the region is shown for the same period, so the two compare).
    """
    frequency = headline_frequency(rows)
    in_series = _equals(rows, "frequency", frequency)
    codes = rows["region_code"].to_numpy()
    period = latest_with_value(rows, in_series & (codes == NATIONAL_CODE)) or latest_with_value(rows, in_series)
    previous = year_before(rows[in_series], period) if period else None
    records = rows[in_series & ((codes == NATIONAL_CODE) | (codes == region_code))].to_dict("records")
    national = _reading(records, NATIONAL_CODE, "Nederland", period, frequency, previous, "missing")
    region = None
    if region_code:
        regional = REGION_LEVEL in set(rows["region_level"].unique())
        region = _reading(records, region_code, region_name or region_code, period, frequency, previous,
                          "missing" if regional else "national_only")
    return Headline(meta, frequency, national, region)


def trend(rows: pd.DataFrame, region_code: str, frequency: str | None, points: int | None = None) -> pd.DataFrame:
    """The last ``points`` periods of one region's series: period, period_start, value, flag."""
    mask = _equals(rows, "region_code", region_code)
    if frequency is not None:
        mask = mask & _equals(rows, "frequency", frequency)
    n = points or TREND_POINTS.get(frequency or "", 10)
    return rows.loc[mask, ["period", "period_start", "value", "flag"]].tail(n).reset_index(drop=True)


def top_regions(rows: pd.DataFrame, n: int = 5, level: str = REGION_LEVEL) -> pd.DataFrame:
    """The ``n`` regions of ``level`` with the highest value in the latest period that has regional figures.

    ``rows``: :func:`indicator_rows` of one indicator.
    Missing (suppressed) values are left out, never ranked as 0.  Ties keep alphabetical order.
    Columns: rank, region_code, region_name, value, period, frequency.
    """
    at_level = _equals(rows, "region_level", level)
    frequency = headline_frequency(rows[at_level]) if at_level.any() else None
    mask = at_level & _equals(rows, "frequency", frequency)
    period = latest_with_value(rows, mask)
    columns = ["rank", "region_code", "region_name", "value", "period", "frequency"]
    if period is None:
        return pd.DataFrame(columns=columns)
    now = rows[mask & _equals(rows, "period", period) & rows["value"].notna().to_numpy()]
    now = now.sort_values(["value", "region_name"], ascending=[False, True], kind="mergesort").head(n)
    out = now[["region_code", "region_name", "value", "period", "frequency"]].reset_index(drop=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    return out


def indicator_top(view: StoreView, indicator_id: str) -> pd.DataFrame:
    """:func:`top_regions` of one indicator, once per view (shared: read only)."""
    return view.cached("indicator_top", indicator_id, lambda: top_regions(indicator_rows(view, indicator_id)))


def need_indicators(view: StoreView, level: str = REGION_LEVEL) -> list[str]:
    """Key indicators where a higher value means more need and that have figures at ``level`` (found once per
    view)."""
    return list(view.cached("need_indicators", level, lambda: _need_indicators(view, level)))


def _need_indicators(view: StoreView, level: str) -> tuple[str, ...]:
    levels = view.observations.groupby("indicator")["region_level"].unique().to_dict()
    return tuple(i for i in KEY_INDICATORS
                 if (view.indicator(i) or {}).get("higher_is_more_need") is True and level in set(levels.get(i, ())))


def data_as_of(manifest: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per source table: title, CBS modified date, latest fetch, and which slices are demo."""
    out = []
    for entry in manifest.get("sources", []):
        slices = entry.get("slices", [])
        fetched = sorted(str(s["fetched_at"]) for s in slices if s.get("fetched_at"))
        out.append({
            "table_id": entry.get("table_id", ""),
            "title": entry.get("title") or "",
            "statline_url": entry.get("statline_url") or "",
            "cbs_modified": entry.get("cbs_modified"),
            "fetched_at": fetched[-1] if fetched else None,
            "is_demo": bool(entry.get("is_demo")),
            "demo_slices": [s.get("slice", "") for s in slices if s.get("is_demo")],
            "slices": len(slices),
        })
    return out
