"""Indicator recipes: coded observations -> tidy store rows.

Rates for arbeidsmarktregio's are always computed from summed counts (numerator
and denominator), never by averaging municipal rates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.catalog import indicator

STORE_COLUMNS = ["indicator", "region_code", "region_name", "region_level", "period", "period_start",
                 "frequency", "value", "unit", "status", "flag", "numerator", "denominator",
                 "source_table", "is_demo"]
PERIOD_COLUMNS = ["period", "period_start", "frequency", "status"]
FLAG_PRIORITY = ["confidential", "not available", "impossible", "incomplete"]
IGNORED_REGIONS = ("AM99", "PV99", "GM9999")


class UnknownRegionError(ValueError):
    """A region code CBS sent that the current division does not have."""


def counts_by_region(obs: pd.DataFrame, role_column: str) -> pd.DataFrame:
    """Pivot coded observations to one row per region x period, one column per role (with flags)."""
    keys = ["region", *PERIOD_COLUMNS]
    indexed = obs.set_index([*keys, role_column])
    if indexed.index.duplicated().any():
        dup = indexed.index[indexed.index.duplicated()][0]
        raise ValueError(f"duplicate observation for {dup}")
    values = indexed["Value"].unstack(role_column)
    flags = indexed["flag"].astype(object).unstack(role_column)
    values.columns = [str(c) for c in values.columns]
    flags.columns = [f"{c}_flag" for c in flags.columns]
    return values.join(flags).reset_index()


def add_missing_parents(counts: pd.DataFrame, regions: pd.DataFrame, roles: list[str],
                        child_level: str, parent_level: str) -> pd.DataFrame:
    """Sum child counts into parents for every (parent, period) the table does not give itself.

    A parent with a missing child count gets no value and the flag ``incomplete``.
    """
    level = regions.set_index("region_code")["region_level"]
    parent = regions.set_index("region_code")["parent_code"]
    children = counts[counts["region"].map(level) == child_level].copy()
    if children.empty:
        return counts
    children["parent"] = children["region"].map(parent)
    agg = children.groupby(["parent", *PERIOD_COLUMNS], dropna=False)
    summed = agg[roles].sum(min_count=1)
    complete = agg[roles].apply(lambda g: g.notna().all())
    summed = summed.where(complete)
    summed = summed.reset_index().rename(columns={"parent": "region"})
    for role in roles:
        summed[f"{role}_flag"] = np.where(summed[role].isna(), "incomplete", None)
    existing = set(zip(counts["region"], counts["period"]))
    new = summed[[(r, p) not in existing for r, p in zip(summed["region"], summed["period"])]]
    new = new[new["region"].map(level) == parent_level]
    return pd.concat([counts, new], ignore_index=True)


def check_regions(counts: pd.DataFrame, regions: pd.DataFrame, table_id: str) -> pd.DataFrame:
    counts = counts[~counts["region"].isin(IGNORED_REGIONS)]
    unknown = sorted(set(counts["region"]) - set(regions["region_code"]))
    if unknown:
        raise UnknownRegionError(f"{table_id}: region code(s) not in the current division: {', '.join(unknown[:8])}"
                                 + (" ..." if len(unknown) > 8 else ""))
    return counts


def make_rows(counts: pd.DataFrame, regions: pd.DataFrame, indicator_id: str, numerator: str,
              denominator: str | None, scale: float, table_id: str, is_demo: bool) -> pd.DataFrame:
    """Tidy rows of one indicator: value = scale * numerator / denominator (or the count itself)."""
    ind = indicator(indicator_id)
    num = counts[numerator].astype(float)
    frame = pd.DataFrame({"region_code": counts["region"]})
    for col in PERIOD_COLUMNS:
        frame[col] = counts[col].to_numpy()
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
    return finish(frame, regions, ind.id, ind.unit, table_id, is_demo)


def finish(frame: pd.DataFrame, regions: pd.DataFrame, indicator_id: str, unit: str, table_id: str,
           is_demo: bool) -> pd.DataFrame:
    """Attach names, levels, unit, source and demo flag; order columns and rows."""
    names = regions.set_index("region_code")
    out = frame.copy()
    out["indicator"] = indicator_id
    out["region_name"] = out["region_code"].map(names["region_name"])
    out["region_level"] = out["region_code"].map(names["region_level"])
    out["unit"] = unit
    out["source_table"] = table_id
    out["is_demo"] = bool(is_demo)
    for col in ("numerator", "denominator"):
        if col not in out:
            out[col] = np.nan
    out = out[STORE_COLUMNS]
    return out.sort_values(["indicator", "region_code", "period_start"]).reset_index(drop=True)


def _first_flag(flags: tuple) -> str | None:
    present = [f for f in flags if isinstance(f, str)]
    for f in FLAG_PRIORITY:
        if f in present:
            return f
    return None
