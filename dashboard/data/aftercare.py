"""Aftercare (nazorg) at both levels, count and rate side by side.

Aftercare is organised by municipalities and schools, so a ranking by counts alone mostly ranks regions by their
population (Groot Amsterdam first).  :func:`aftercare_table` gives, per arbeidsmarktregio or gemeente, both the
size of the task (how many young people) and its intensity (what share of the young people), each with a rank,
so a page can sort by either.  Built on :func:`dashboard.data.need.aftercare` (the analysis' aftercare frame),
memoised in the view.
"""

from __future__ import annotations

import pandas as pd

from dashboard.data import queries as q
from dashboard.data.need import aftercare
from dashboard.data.view import StoreView, memoised

# (count, rate) pairs: the same group of young people as a number and as a share.
PAIRS = (("neet_count", "neet_share"), ("early_school_leavers", "early_school_leaver_rate"))
MEASURES = tuple(m for pair in PAIRS for m in pair)
COLUMNS = ["region_code", "region_name", "period", "school_year", *MEASURES, "youth_population",
           "share_of_national_neet", *[f"rank_{m}" for m in MEASURES]]


def aftercare_period(view: StoreView, level: str) -> str | None:
    """The latest youth year with aftercare counts at ``level``."""
    return q.latest_period(view, "neet_count", level)


def aftercare_table(view: StoreView, level: str, period: str) -> pd.DataFrame:
    """One row per region of ``level``: counts, rates and their ranks (1 = most), sorted by the NEET count.

    Early school leavers are those of the school year ending in youth year ``period`` (as in the need index).
    A missing count or rate stays missing and gets no rank.  Shared: do not modify the result.
    """
    return _aftercare_table(view, level, str(period))


@memoised("aftercare_table")
def _aftercare_table(view: StoreView, level: str, period: str) -> pd.DataFrame:
    frame = aftercare(view, level, period).copy()
    school_year = str(frame["school_year"].iloc[0]) if len(frame) else ""
    rates = q.values(view, "early_school_leaver_rate", level, school_year)[["region_code", "value"]]
    frame = frame.merge(rates.rename(columns={"value": "early_school_leaver_rate"}), on="region_code", how="left")
    for measure in MEASURES:
        ranked = frame[measure].rank(method="first", ascending=False)
        frame[f"rank_{measure}"] = ranked.where(frame[measure].notna()).astype("Int64")
    return frame[COLUMNS].reset_index(drop=True)


def sort_aftercare(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """``table`` sorted by measure ``by`` (largest first, missing last; ties by name)."""
    if by not in MEASURES:
        by = MEASURES[0]
    return table.sort_values([by, "region_name"], ascending=[False, True], na_position="last",
                             kind="stable").reset_index(drop=True)
