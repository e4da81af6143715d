"""Indicator recipes: coded observations -> tidy store rows.

Rates for regions are always computed from summed counts (numerator and denominator),
never by averaging municipal rates.  Every row carries the table it came from, whether it
is demo and how it was made (``source_table``, ``is_demo``, ``derivation``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from etl.catalog import Rounding, indicator
from etl.transform.divisions import DERIVATIONS, PUBLISHED

STORE_COLUMNS = ["indicator", "region_code", "region_name", "region_level", "period", "period_start",
                 "frequency", "value", "unit", "status", "flag", "numerator", "denominator", "derivation",
                 "source_table", "is_demo"]
PERIOD_COLUMNS = ["period", "period_start", "frequency", "status"]
ORIGIN_COLUMNS = ["source_table", "is_demo"]
FLAG_PRIORITY = ["confidential", "not available", "impossible", "incomplete"]
ROUNDED_ZERO = "rounded_zero"      # a value present, built from a count CBS rounded to 0 (true count unknown)


def counts_by_region(obs: pd.DataFrame, role_column: str) -> pd.DataFrame:
    """Pivot coded observations to one row per region x period, one column per role (with flags).

    ``source_table`` must be one table per region and period; ``<role>_demo`` says whether that role is demo (a demo
    count may stand beside a real total) and ``is_demo`` whether any role is.  Every row is
    ``derivation`` published: as the table gives it (:mod:`etl.transform.divisions` carries and sums afterwards).
    """
    keys = ["region", *PERIOD_COLUMNS]
    indexed = obs.set_index([*keys, role_column])
    if indexed.index.duplicated().any():
        dup = indexed.index[indexed.index.duplicated()][0]
        raise ValueError(f"duplicate observation for {dup}")
    values = indexed["Value"].unstack(role_column)
    flags = indexed["flag"].astype(object).unstack(role_column)
    demo = indexed["is_demo"].astype(object).unstack(role_column)
    values.columns = [str(c) for c in values.columns]
    flags.columns = [f"{c}_flag" for c in flags.columns]
    demo.columns = [f"{c}_demo" for c in demo.columns]
    origin = obs.groupby(keys, sort=False).agg(source_table=("source_table", "first"),
                                               tables=("source_table", "nunique"), is_demo=("is_demo", "any"))
    mixed = origin[origin["tables"] > 1]
    if len(mixed):
        raise ValueError(f"observations of one region and period from several tables: {mixed.index[0]}")
    out = values.join(flags).join(demo.fillna(False).astype(bool)).join(origin.drop(columns="tables")).reset_index()
    out["derivation"] = PUBLISHED
    return out


def make_rows(counts: pd.DataFrame, regions: pd.DataFrame, indicator_id: str, numerator: str,
              denominator: str | None, scale: float, rounding: Mapping[str, Rounding] | None = None
              ) -> pd.DataFrame:
    """Tidy rows of one indicator: value = scale * numerator / denominator (or the count itself).

    A present value whose count CBS rounded to 0 (rounding unit > 1 at the row's level) is flagged
    ``rounded_zero``: the true count lies between 0 and half the unit, so the 0 is not a true 0.
    """
    ind = indicator(indicator_id)
    num = counts[numerator].astype(float)
    frame = pd.DataFrame({"region_code": counts["region"]})
    for col in [*PERIOD_COLUMNS, *ORIGIN_COLUMNS]:
        frame[col] = counts[col].to_numpy()
    used = [r for r in (numerator, denominator) if r]
    if all(f"{r}_demo" in counts for r in used):       # demo when a count the value reads is demo
        frame["is_demo"] = counts[[f"{r}_demo" for r in used]].fillna(False).astype(bool).any(axis=1).to_numpy()
    frame["derivation"] = _derivation(counts, used)
    if denominator is None:
        frame["value"] = num
        frame["numerator"] = np.nan
        frame["denominator"] = np.nan
        flags = counts[[f"{numerator}_flag"]]
    else:
        den = counts[denominator].astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(den > 0, scale * num / den, np.nan)
        frame["value"] = value
        frame["numerator"] = num
        frame["denominator"] = den
        flags = counts[[f"{numerator}_flag", f"{denominator}_flag"]]
    frame["flag"] = [_first_flag(row) for row in flags.itertuples(index=False)]
    frame.loc[frame["value"].isna() & frame["flag"].isna(), "flag"] = "not available"
    frame.loc[frame["value"].notna(), "flag"] = None
    units = frame["region_code"].map(regions.set_index("region_code")["region_level"]).map(
        {lvl: r.unit for lvl, r in (rounding or {}).items()}).fillna(1)
    frame.loc[frame["value"].notna() & (num.to_numpy() == 0) & (units.to_numpy() > 1), "flag"] = ROUNDED_ZERO
    return finish(frame, regions, ind.id, ind.unit)


def finish(frame: pd.DataFrame, regions: pd.DataFrame, indicator_id: str, unit: str) -> pd.DataFrame:
    """Attach names, levels, unit; order columns and rows (``source_table``/``is_demo`` come with the frame)."""
    names = regions.set_index("region_code")
    out = frame.copy()
    out["indicator"] = indicator_id
    out["region_name"] = out["region_code"].map(names["region_name"])
    out["region_level"] = out["region_code"].map(names["region_level"])
    out["unit"] = unit
    out["is_demo"] = out["is_demo"].astype(bool)
    for col in ("numerator", "denominator"):
        if col not in out:
            out[col] = np.nan
    out = out[STORE_COLUMNS]
    return out.sort_values(["indicator", "region_code", "period_start"]).reset_index(drop=True)


def _derivation(counts: pd.DataFrame, roles: list[str]) -> np.ndarray:
    """How a value was made from the derivation of the counts it reads: summed over carried over published."""
    rank = {d: i for i, d in enumerate(DERIVATIONS)}
    row = counts["derivation"] if "derivation" in counts else pd.Series(PUBLISHED, index=counts.index)
    best = np.zeros(len(counts), dtype=int)
    for r in roles:
        own = counts[f"{r}_derivation"].fillna(row) if f"{r}_derivation" in counts else row
        best = np.maximum(best, own.fillna(PUBLISHED).map(rank).to_numpy(dtype=int))
    return np.array(DERIVATIONS, dtype=object)[best]


def _first_flag(flags: tuple) -> str | None:
    present = [f for f in flags if isinstance(f, str)]
    for f in FLAG_PRIORITY:
        if f in present:
            return f
    return None
