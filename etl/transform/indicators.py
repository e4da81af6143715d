"""Indicator recipes: coded observations -> tidy store rows.

Rates for arbeidsmarktregio's are always computed from summed counts (numerator
and denominator), never by averaging municipal rates.  Every row carries the table
it came from and whether it is demo (``source_table``, ``is_demo``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from etl.catalog import Rounding, indicator

STORE_COLUMNS = ["indicator", "region_code", "region_name", "region_level", "period", "period_start",
                 "frequency", "value", "unit", "status", "flag", "numerator", "denominator",
                 "source_table", "is_demo"]
PERIOD_COLUMNS = ["period", "period_start", "frequency", "status"]
ORIGIN_COLUMNS = ["source_table", "is_demo"]
FLAG_PRIORITY = ["confidential", "not available", "impossible", "incomplete"]
ROUNDED_ZERO = "rounded_zero"      # a value present, built from a count CBS rounded to 0 (true count unknown)


def counts_by_region(obs: pd.DataFrame, role_column: str) -> pd.DataFrame:
    """Pivot coded observations to one row per region x period, one column per role (with flags).

    ``source_table`` must be one table per region and period; ``is_demo`` is true if any role is demo.
    """
    keys = ["region", *PERIOD_COLUMNS]
    indexed = obs.set_index([*keys, role_column])
    if indexed.index.duplicated().any():
        dup = indexed.index[indexed.index.duplicated()][0]
        raise ValueError(f"duplicate observation for {dup}")
    values = indexed["Value"].unstack(role_column)
    flags = indexed["flag"].astype(object).unstack(role_column)
    values.columns = [str(c) for c in values.columns]
    flags.columns = [f"{c}_flag" for c in flags.columns]
    origin = obs.groupby(keys, sort=False).agg(source_table=("source_table", "first"),
                                               tables=("source_table", "nunique"), is_demo=("is_demo", "any"))
    mixed = origin[origin["tables"] > 1]
    if len(mixed):
        raise ValueError(f"observations of one region and period from several tables: {mixed.index[0]}")
    return values.join(flags).join(origin.drop(columns="tables")).reset_index()


def add_missing_parents(counts: pd.DataFrame, regions: pd.DataFrame, roles: list[str],
                        child_level: str, parent_level: str) -> pd.DataFrame:
    """Sum child counts into parents for every (parent, period) the table does not give itself.

    A parent with a missing child count, or a child without a row at all (e.g. a code the table
    did not send), gets no value and the flag ``incomplete``: a sum is never silently short.
    """
    level = regions.set_index("region_code")["region_level"]
    parent = regions.set_index("region_code")["parent_code"]
    children = counts[counts["region"].map(level) == child_level].copy()
    if children.empty:
        return counts
    children["parent"] = children["region"].map(parent)
    expected = regions[regions["region_level"] == child_level]["parent_code"].value_counts()
    keys = ["parent", *PERIOD_COLUMNS]
    agg = children.groupby(keys, dropna=False)
    summed = agg[roles].sum(min_count=1)
    complete = children[roles].notna().groupby([children[k] for k in keys], dropna=False).all()
    present = agg["region"].nunique()
    all_there = present.to_numpy() == expected.reindex(present.index.get_level_values("parent")).to_numpy()
    complete = complete & all_there[:, None]
    summed = summed.where(complete)
    summed = summed.join(agg.agg(source_table=("source_table", "first"), is_demo=("is_demo", "any")))
    summed = summed.reset_index().rename(columns={"parent": "region"})
    for role in roles:
        summed[f"{role}_flag"] = np.where(summed[role].isna(), "incomplete", None)
    existing = set(zip(counts["region"], counts["period"], strict=True))
    new = summed[[(r, p) not in existing for r, p in zip(summed["region"], summed["period"], strict=True)]]
    new = new[new["region"].map(level) == parent_level]
    return pd.concat([counts, new], ignore_index=True)


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


def _first_flag(flags: tuple) -> str | None:
    present = [f for f in flags if isinstance(f, str)]
    for f in FLAG_PRIORITY:
        if f in present:
            return f
    return None
