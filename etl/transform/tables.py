"""One transform per source table (or family of editions): its raw observations -> tidy indicator rows.

Inputs are coded observations (:func:`etl.transform.raw.read_observations`), one frame per slice, reduced to the
codes of the current division and the former gemeenten a table on earlier divisions sends; every frame carries
``source_table`` and ``is_demo`` per row.  A slice without a snapshot (nothing shipped, not yet fetched) is absent
from ``frames``.  Each transform returns the tidy rows and, for the manifest, what it checked and carried
(:class:`Tidy`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from etl.catalog import Rounding, Source, source
from etl.transform.divisions import Check, Geography, reconcile, regroup, same_basis
from etl.transform.indicators import counts_by_region, make_rows

Frames = dict[str, pd.DataFrame]       # slice name -> coded observations (etl.transform.raw)
PARENT_LEVELS = ("land", "arbeidsmarktregio", "rmc")
AM_DIVISION_FROM = pd.Timestamp("2017-01-01")   # 85554NED's arbeidsmarktregio's are today's from January 2017


@dataclass
class Tidy:
    """A table's tidy rows and what the manifest says of how they were made."""

    rows: pd.DataFrame
    checks: list[Check] = field(default_factory=list)
    carried: dict[str, dict[str, Any]] = field(default_factory=dict)
    incomplete: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_manifest(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.checks:
            out["region_checks"] = [c.as_manifest() for c in self.checks]
        if self.carried:
            out["carried_onto_today"] = self.carried
        if self.incomplete:
            out["incomplete"] = self.incomplete
        if self.notes:
            out["notes"] = self.notes
        return out


def prefer_newest_edition(frames: Frames, order: tuple[str, ...]) -> Frames:
    """For every period, keep the rows of the newest table (last in ``order``) that gives that period.

    The choice is made once per period across all slices, so a share never mixes two editions.
    """
    rank = {table: i for i, table in enumerate(order)}
    if not frames:
        return frames
    both = pd.concat(list(frames.values()), ignore_index=True)
    if both.empty:
        return frames
    newest = both.assign(rank=both["source_table"].map(rank)).groupby("period")["rank"].max()
    chosen = {period: order[int(r)] for period, r in newest.items()}
    return {name: f[f["source_table"] == f["period"].map(chosen)].reset_index(drop=True) for name, f in frames.items()}


def onto_today(counts: pd.DataFrame, roles: list[str], geo: Geography, src: Source, tidy: Tidy) -> pd.DataFrame:
    """Counts of every level on today's division: gemeenten carried (when the table's gemeenten are of their own
    period), regions summed from them, and the regions the table gives itself checked against those sums."""
    table, division = src.table_id, src.gemeente_division
    levels = dict(zip(geo.regions["region_code"], geo.regions["region_level"], strict=True))
    gemeenten = regroup(counts, roles, geo, "gemeente", division, table)
    tidy.carried.update(gemeenten.carried)
    tidy.incomplete.extend(gemeenten.incomplete)
    parts = [gemeenten.counts.drop(columns="terms", errors="ignore")]
    given = counts[~counts["region"].str.startswith("GM")]
    for level in PARENT_LEVELS:
        own = given[given["region"].map(levels) == level]
        sums = regroup(counts, roles, geo, level, division, table).counts
        if own.empty and sums.empty:
            continue
        rows, check = reconcile(own, sums, roles, src.rounding.get(level, Rounding(1)).unit, level)
        if not own.empty and not sums.empty:
            tidy.checks.append(check)
        parts.append(rows)
    kept = [p for p in parts if not p.empty]
    return pd.concat(kept, ignore_index=True) if kept else counts.iloc[0:0]


def national_labour(frames: Frames, geo: Geography) -> Tidy:
    """80590ned: unemployment rate as published, with unemployed and labour force as counts."""
    out = []
    for slice_name, indicator_id in (("totaal-15-75", "unemployment_rate"), ("totaal-15-25", "youth_unemployment_rate")):
        if slice_name not in frames:
            continue
        obs = frames[slice_name].assign(region="NL01")
        counts = counts_by_region(obs, "role")
        for role in ("unemployed_x1000", "labour_force_x1000"):
            counts[role] = counts[role] * 1000
        rows = make_rows(counts, geo.regions, indicator_id, "rate", None, 1.0)
        by_period = counts.set_index("period")
        rows["numerator"] = by_period.loc[rows["period"], "unemployed_x1000"].to_numpy()
        rows["denominator"] = by_period.loc[rows["period"], "labour_force_x1000"].to_numpy()
        out.append(rows)
    return Tidy(pd.concat(out, ignore_index=True))


def eurostat_unemployment(frames: Frames, geo: Geography) -> Tidy:
    """une_rt_m: Eurostat's youth unemployment rate of the Netherlands (a rate only: no counts)."""
    counts = counts_by_region(frames["nl-jonger-dan-25"], "role")
    return Tidy(make_rows(counts, geo.regions, "youth_unemployment_rate", "rate", None, 1.0))


def youth_register(frames: Frames, geo: Geography) -> Tidy:
    """86087NED (and its newer edition 86223NED): the slices -> shares and counts per region.

    A slice that is not there (nothing shipped) gives no indicator; a share needs its count and the total."""
    src = source("86087NED")
    obs = pd.concat([f.assign(combo=name) for name, f in frames.items()], ignore_index=True)
    counts = counts_by_region(obs, "combo")
    roles = [r for r in ("total", "neet", "benefit", "jobseeker") if r in counts]
    tidy = Tidy(counts.iloc[0:0])
    counts = onto_today(counts, roles, geo, src, tidy)
    recipes = [("youth_population", "total", None, 1.0), ("neet_count", "neet", None, 1.0),
               ("neet_share", "neet", "total", 100.0), ("youth_benefit_share", "benefit", "total", 100.0),
               ("youth_jobseekers", "jobseeker", None, 1.0), ("youth_jobseeker_rate", "jobseeker", "total", 1000.0)]
    parts = []
    for indicator_id, numerator, denominator, scale in recipes:
        if numerator not in counts or (denominator and denominator not in counts):
            continue
        rows = _with_values(counts, numerator)
        if denominator:
            rows = same_basis(rows, numerator, denominator)
        parts.append(make_rows(rows, geo.regions, indicator_id, numerator, denominator, scale, src.rounding))
    tidy.rows = pd.concat(parts, ignore_index=True)
    return tidy


def _with_values(counts: pd.DataFrame, role: str) -> pd.DataFrame:
    """The rows where the table gives ``role``, a value or a reason for none (a slice may cover fewer periods than
    another: NEET 2017-2023 beside young people 2005-2023)."""
    return counts[counts[role].notna() | counts[f"{role}_flag"].notna()].reset_index(drop=True)


def early_school_leavers(frames: Frames, geo: Geography) -> Tidy:
    """84780NED: vsv counts carried onto today's gemeenten, rates from counts at every level."""
    src = source("84780NED")
    tidy = Tidy(pd.DataFrame())
    counts = onto_today(counts_by_region(frames["totaal"], "role"), ["leavers", "participants"], geo, src, tidy)
    tidy.rows = pd.concat([
        make_rows(counts, geo.regions, "early_school_leaver_rate", "leavers", "participants", 100.0, src.rounding),
        make_rows(counts, geo.regions, "early_school_leavers", "leavers", None, 1.0, src.rounding),
    ], ignore_index=True)
    return tidy


def ww_benefits(frames: Frames, geo: Geography) -> Tidy:
    """85554NED: people with WW per month, all ages and under 27, Nederland and arbeidsmarktregio's.

    CBS's arbeidsmarktregio rows before January 2017 are on the division of their year (the retired AM04, AM16 and
    AM31 still have figures then), so they are left out rather than shown under today's regions."""
    src = source("85554NED")
    tidy = Tidy(pd.DataFrame())
    parts = []
    for slice_name, indicator_id in (("totaal", "ww_benefits"), ("jonger-dan-27", "youth_ww_benefits")):
        if slice_name not in frames:
            continue
        counts = counts_by_region(frames[slice_name], "role")
        old = counts["region"].str.startswith("AM") & (counts["period_start"] < AM_DIVISION_FROM)
        if old.any():
            tidy.notes.append(f"{slice_name}: {int(old.sum())} arbeidsmarktregio rows before January 2017 left out "
                              "(another division)")
        parts.append(make_rows(counts[~old], geo.regions, indicator_id, "persons", None, 1.0, src.rounding))
    tidy.rows = pd.concat(parts, ignore_index=True)
    return tidy


def youth_benefits_2005_2013(frames: Frames, geo: Geography) -> Tidy:
    """82859NED: young people with a social-security benefit as a share of all, gemeenten carried onto today's."""
    src = source("82859NED")
    obs = pd.concat([f.assign(combo=name) for name, f in frames.items()], ignore_index=True)
    tidy = Tidy(pd.DataFrame())
    counts = onto_today(counts_by_region(obs, "combo"), ["totaal", "met-uitkering"], geo, src, tidy)
    tidy.rows = make_rows(counts, geo.regions, "youth_benefit_share_2005_2013", "met-uitkering", "totaal", 100.0,
                          src.rounding)
    return tidy


def population(persons: pd.DataFrame, geo: Geography) -> Tidy:
    """85984NED: gemeente population 1 Jan 2024, summed to every region and Nederland."""
    counts = persons.assign(period="2024", period_start=pd.Timestamp("2024-01-01"), frequency="year",
                            status="definitief", persons_flag=None, source_table="85984NED", is_demo=False,
                            derivation="published")
    tidy = Tidy(pd.DataFrame())
    counts = onto_today(counts, ["persons"], geo, source("85984NED"), tidy)
    tidy.rows = make_rows(counts, geo.regions, "population", "persons", None, 1.0, source("85984NED").rounding)
    return tidy


TABLE_TRANSFORMS: dict[str, Callable[[Frames, Geography], Tidy]] = {
    "80590ned": national_labour,
    "une_rt_m": eurostat_unemployment,
    "86087NED": youth_register,
    "84780NED": early_school_leavers,
    "85554NED": ww_benefits,
    "82859NED": youth_benefits_2005_2013,
}
