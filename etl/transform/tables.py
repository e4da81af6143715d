"""One transform per source table: its raw observations -> tidy indicator rows."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from etl.transform.indicators import add_missing_parents, check_regions, counts_by_region, make_rows

Frames = dict[str, pd.DataFrame]       # slice name -> coded observations (etl.transform.raw)


def national_labour(frames: Frames, regions: pd.DataFrame, demo: dict[str, bool]) -> pd.DataFrame:
    """80590ned: unemployment rate as published, with unemployed and labour force as counts."""
    out = []
    for slice_name, indicator_id in (("totaal-15-75", "unemployment_rate"), ("totaal-15-25", "youth_unemployment_rate")):
        obs = frames[slice_name].assign(region="NL01")
        counts = counts_by_region(obs, "role")
        for role in ("unemployed_x1000", "labour_force_x1000"):
            counts[role] = counts[role] * 1000
        rows = make_rows(counts, regions, indicator_id, "rate", None, 1.0, "80590ned", demo[slice_name])
        rows["numerator"] = counts.set_index("period").loc[rows["period"], "unemployed_x1000"].to_numpy()
        rows["denominator"] = counts.set_index("period").loc[rows["period"], "labour_force_x1000"].to_numpy()
        out.append(rows)
    return pd.concat(out, ignore_index=True)


def youth_register(frames: Frames, regions: pd.DataFrame, demo: dict[str, bool]) -> pd.DataFrame:
    """86087NED: four slices (total, neet, benefit, jobseeker) -> shares and counts per region."""
    obs = pd.concat([f.assign(combo=name) for name, f in frames.items()], ignore_index=True)
    counts = check_regions(counts_by_region(obs, "combo"), regions, "86087NED")
    roles = ["total", "neet", "benefit", "jobseeker"]
    counts = add_missing_parents(counts, regions, roles, "gemeente", "arbeidsmarktregio")
    is_demo = any(demo.values())
    parts = [
        make_rows(counts, regions, "youth_population", "total", None, 1.0, "86087NED", is_demo),
        make_rows(counts, regions, "neet_count", "neet", None, 1.0, "86087NED", is_demo),
        make_rows(counts, regions, "neet_share", "neet", "total", 100.0, "86087NED", is_demo),
        make_rows(counts, regions, "youth_benefit_share", "benefit", "total", 100.0, "86087NED", is_demo),
        make_rows(counts, regions, "youth_jobseeker_rate", "jobseeker", "total", 1000.0, "86087NED", is_demo),
    ]
    return pd.concat(parts, ignore_index=True)


def early_school_leavers(frames: Frames, regions: pd.DataFrame, demo: dict[str, bool]) -> pd.DataFrame:
    """84780NED: vsv rate from counts; arbeidsmarktregio's from summed gemeente counts."""
    counts = check_regions(counts_by_region(frames["totaal"], "role"), regions, "84780NED")
    counts = add_missing_parents(counts, regions, ["leavers", "participants"], "gemeente", "arbeidsmarktregio")
    is_demo = demo["totaal"]
    return pd.concat([
        make_rows(counts, regions, "early_school_leaver_rate", "leavers", "participants", 100.0, "84780NED", is_demo),
        make_rows(counts, regions, "early_school_leavers", "leavers", None, 1.0, "84780NED", is_demo),
    ], ignore_index=True)


def ww_benefits(frames: Frames, regions: pd.DataFrame, demo: dict[str, bool]) -> pd.DataFrame:
    """85554NED: people under 27 with WW, per month, Nederland and arbeidsmarktregio's."""
    counts = check_regions(counts_by_region(frames["jonger-dan-27"], "role"), regions, "85554NED")
    return make_rows(counts, regions, "youth_ww_benefits", "persons", None, 1.0, "85554NED", demo["jonger-dan-27"])


def population(persons: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """85984NED: gemeente population 1 Jan 2024, summed to arbeidsmarktregio's and Nederland."""
    counts = persons.assign(period="2024", period_start=pd.Timestamp("2024-01-01"), frequency="year",
                            status="definitief", persons_flag=None)
    counts = check_regions(counts, regions, "85984NED")
    counts = add_missing_parents(counts, regions, ["persons"], "gemeente", "arbeidsmarktregio")
    counts = add_missing_parents(counts, regions, ["persons"], "arbeidsmarktregio", "land")
    return make_rows(counts, regions, "population", "persons", None, 1.0, "85984NED", False)


TABLE_TRANSFORMS: dict[str, Callable[[Frames, pd.DataFrame, dict[str, bool]], pd.DataFrame]] = {
    "80590ned": national_labour,
    "86087NED": youth_register,
    "84780NED": early_school_leavers,
    "85554NED": ww_benefits,
}
