"""Aftercare (nazorg): where municipalities and colleges must follow young people up together.

Per region of one level and youth year Y: the young people neither working nor learning
(``neet_count``, October Y), the early school leavers of school year Y-1/Y (``early_school_leavers``,
same alignment as the need index), the rate of young people registered with UWV as jobseekers
(``youth_jobseeker_rate``, per 1000) and the share on benefits (``youth_benefit_share``, %).
Counts show the size of the follow-up task; rates show its intensity.  NEET young people and early
school leavers overlap (many early leavers are NEET), so the two counts must not be added.
"""

from __future__ import annotations

import pandas as pd

from analysis.inputs import level_regions
from etl.transform.periods import school_year_ending

AFTERCARE_MEASURES = ("neet_count", "early_school_leavers", "youth_jobseeker_rate", "youth_benefit_share",
                      "neet_share", "youth_population")
AFTERCARE_COLUMNS = ["region_code", "region_name", "period", "school_year", *AFTERCARE_MEASURES,
                     "share_of_national_neet"]


def aftercare_frame(store, level: str = "arbeidsmarktregio", period: str | int | None = None) -> pd.DataFrame:
    """One row per region: the aftercare measures for youth year ``period`` (default: latest with
    neet_count), sorted by ``neet_count`` (largest first; missing last).

    ``share_of_national_neet`` is the region's neet_count as a percentage of the level's total.
    """
    obs = store.observations
    rows = obs[(obs["region_level"] == level) & obs["indicator"].isin(AFTERCARE_MEASURES)]
    if period is None:
        years = sorted(set(rows.loc[rows["indicator"] == "neet_count", "period"].astype(str)))
        period = years[-1] if years else ""
    period = str(period)
    school_year = school_year_ending(period) if period else ""
    wanted = rows[((rows["period"] == period) & ~rows["indicator"].isin(["early_school_leavers"]))
                  | ((rows["period"] == school_year) & (rows["indicator"] == "early_school_leavers"))]
    wide = wanted.pivot_table(index="region_code", columns="indicator", values="value", aggfunc="first",
                              dropna=False)
    regions = level_regions(store, level).set_index("region_code")
    out = regions.join(wide.reindex(columns=list(AFTERCARE_MEASURES)), how="left").reset_index()
    out.insert(2, "period", period)
    out.insert(3, "school_year", school_year)
    total = out["neet_count"].sum(min_count=1)
    out["share_of_national_neet"] = 100.0 * out["neet_count"] / total if total and total > 0 else float("nan")
    out = out.sort_values(["neet_count", "region_code"], ascending=[False, True], na_position="last", kind="stable")
    return out[AFTERCARE_COLUMNS].reset_index(drop=True)


def aftercare_tidy(store, level: str = "arbeidsmarktregio", period: str | int | None = None) -> pd.DataFrame:
    """The same, long: region_code, region_name, period, measure, value (one row per region x measure)."""
    wide = aftercare_frame(store, level, period)
    return wide.melt(id_vars=["region_code", "region_name", "period", "school_year"],
                     value_vars=[*AFTERCARE_MEASURES, "share_of_national_neet"], var_name="measure",
                     value_name="value")
