"""The store's period labels, read in one place: ``2023``, ``2023KW02``, ``2023MM10``, ``2023HJ01``,
``2022/2023`` (school year) and, for API bounds, ``2023-10-01`` (a day).

The ETL writes these labels from CBS's period codes (:mod:`etl.transform.periods`); the dashboard reads
them back here to name them (:func:`dashboard.ui.i18n.period_label`) and to filter by them (the API).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LABEL = re.compile(r"^(?P<year>\d{4})"
                   r"(?:(?P<kind>KW|MM|HJ)(?P<num>\d{2})|/(?P<next>\d{4})|-(?P<month>\d{2})-(?P<day>\d{2}))?$")
KINDS = {"KW": "quarter", "MM": "month", "HJ": "half_year"}


@dataclass(frozen=True)
class PeriodLabel:
    """The parts of a label; ``number`` is the quarter, month or half year (or the day's month)."""

    year: int
    kind: str                 # year | quarter | month | half_year | school_year | day
    number: int = 0
    next_year: int = 0        # school years: the year it ends in
    day: int = 0


def read_label(text: str) -> PeriodLabel | None:
    """``"2023KW02"`` -> ``PeriodLabel(2023, "quarter", 2)``; None when the text is not a label.

    Only the shape is checked here (a quarter 7 or a school year 2020/2025 still parses); callers that need
    a valid period check the numbers.
    """
    m = LABEL.match(text)
    if not m:
        return None
    year = int(m["year"])
    if m["kind"]:
        return PeriodLabel(year, KINDS[m["kind"]], int(m["num"]))
    if m["next"]:
        return PeriodLabel(year, "school_year", next_year=int(m["next"]))
    if m["month"]:
        return PeriodLabel(year, "day", int(m["month"]), day=int(m["day"]))
    return PeriodLabel(year, "year")
