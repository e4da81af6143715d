"""One transform per source table (or family of editions): its raw observations -> tidy indicator rows.

Inputs are coded observations (:func:`etl.transform.raw.read_observations`) already reduced to the
regions of the current division; every frame carries ``source_table`` and ``is_demo`` per row.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from etl.catalog import source
from etl.transform.indicators import add_missing_parents, counts_by_region, make_rows

Frames = dict[str, pd.DataFrame]       # slice name -> coded observations (etl.transform.raw)


def prefer_newest_edition(frames: Frames, order: tuple[str, ...]) -> Frames:
    """For every period, keep the rows of the newest table (last in ``order``) that gives that period.

    The choice is made once per period across all slices, so a share never mixes two editions.
    """
    rank = {table: i for i, table in enumerate(order)}
    both = pd.concat(list(frames.values()), ignore_index=True)
    if both.empty:
        return frames
    newest = both.assign(rank=both["source_table"].map(rank)).groupby("period")["rank"].max()
    chosen = {period: order[int(r)] for period, r in newest.items()}
    return {name: f[f["source_table"] == f["period"].map(chosen)].reset_index(drop=True) for name, f in frames.items()}


def national_labour(frames: Frames, regions: pd.DataFrame) -> pd.DataFrame:
    """80590ned: unemployment rate as published, with unemployed and labour force as counts."""
    out = []
    for slice_name, indicator_id in (("totaal-15-75", "unemployment_rate"), ("totaal-15-25", "youth_unemployment_rate")):
        obs = frames[slice_name].assign(region="NL01")
        counts = counts_by_region(obs, "role")
        for role in ("unemployed_x1000", "labour_force_x1000"):
            counts[role] = counts[role] * 1000
        rows = make_rows(counts, regions, indicator_id, "rate", None, 1.0)
        by_period = counts.set_index("period")
        rows["numerator"] = by_period.loc[rows["period"], "unemployed_x1000"].to_numpy()
        rows["denominator"] = by_period.loc[rows["period"], "labour_force_x1000"].to_numpy()
        out.append(rows)
    return pd.concat(out, ignore_index=True)


def youth_register(frames: Frames, regions: pd.DataFrame) -> pd.DataFrame:
    """86087NED (and its newer edition 86223NED): four slices -> shares and counts per region."""
    obs = pd.concat([f.assign(combo=name) for name, f in frames.items()], ignore_index=True)
    counts = counts_by_region(obs, "combo")
    roles = ["total", "neet", "benefit", "jobseeker"]
    counts = add_missing_parents(counts, regions, roles, "gemeente", "arbeidsmarktregio")
    rounding = source("86087NED").rounding
    parts = [
        make_rows(counts, regions, "youth_population", "total", None, 1.0, rounding),
        make_rows(counts, regions, "neet_count", "neet", None, 1.0, rounding),
        make_rows(counts, regions, "neet_share", "neet", "total", 100.0, rounding),
        make_rows(counts, regions, "youth_benefit_share", "benefit", "total", 100.0, rounding),
        make_rows(counts, regions, "youth_jobseeker_rate", "jobseeker", "total", 1000.0, rounding),
    ]
    return pd.concat(parts, ignore_index=True)


def early_school_leavers(frames: Frames, regions: pd.DataFrame) -> pd.DataFrame:
    """84780NED: vsv rate from counts; arbeidsmarktregio's from summed gemeente counts."""
    counts = counts_by_region(frames["totaal"], "role")
    counts = add_missing_parents(counts, regions, ["leavers", "participants"], "gemeente", "arbeidsmarktregio")
    rounding = source("84780NED").rounding
    return pd.concat([
        make_rows(counts, regions, "early_school_leaver_rate", "leavers", "participants", 100.0, rounding),
        make_rows(counts, regions, "early_school_leavers", "leavers", None, 1.0, rounding),
    ], ignore_index=True)


def ww_benefits(frames: Frames, regions: pd.DataFrame) -> pd.DataFrame:
    """85554NED: people under 27 with WW, per month, Nederland and arbeidsmarktregio's."""
    counts = counts_by_region(frames["jonger-dan-27"], "role")
    return make_rows(counts, regions, "youth_ww_benefits", "persons", None, 1.0, source("85554NED").rounding)


def population(persons: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """85984NED: gemeente population 1 Jan 2024, summed to arbeidsmarktregio's and Nederland."""
    counts = persons.assign(period="2024", period_start=pd.Timestamp("2024-01-01"), frequency="year",
                            status="definitief", persons_flag=None, source_table="85984NED", is_demo=False)
    counts = add_missing_parents(counts, regions, ["persons"], "gemeente", "arbeidsmarktregio")
    counts = add_missing_parents(counts, regions, ["persons"], "arbeidsmarktregio", "land")
    return make_rows(counts, regions, "population", "persons", None, 1.0, source("85984NED").rounding)


TABLE_TRANSFORMS: dict[str, Callable[[Frames, pd.DataFrame], pd.DataFrame]] = {
    "80590ned": national_labour,
    "86087NED": youth_register,
    "84780NED": early_school_leavers,
    "85554NED": ww_benefits,
}
