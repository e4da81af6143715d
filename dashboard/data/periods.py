"""The store's period labels, read and counted in one place: ``2023``, ``2023KW02``, ``2023MM10``, ``2023HJ01``,
``2022/2023`` (school year) and, for API bounds, ``2023-10-01`` (a day).

The ETL writes these labels from CBS's period codes (:mod:`etl.transform.periods`); the dashboard reads
them back here to name them (:func:`dashboard.ui.i18n.period_label`), to filter by them (the API) and to step
back in time (:func:`shift_period`: a year earlier, half a year earlier, the year before the corona crisis).
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


PRE_CORONA_YEAR = 2019                        # the last year (school year 2018/'19) before the corona crisis


def shift_period(period: str | None, years: int = 0, months: int = 0) -> str | None:
    """The label ``years`` years and ``months`` months earlier in the same series: ``2024`` -> ``2023``,
    ``2023/2024`` -> ``2022/2023``, ``2026MM04`` minus 6 months -> ``2025MM10``, ``2025HJ01`` minus 6 months ->
    ``2024HJ02``; None when it has no such label (a school year or a year minus months, a day)."""
    label = read_label(str(period or ""))
    if label is None:
        return None
    if label.kind == "year" and not months:
        return str(label.year - years)
    if label.kind == "school_year" and not months:
        return f"{label.next_year - years - 1}/{label.next_year - years}"
    if label.kind == "month":
        index = label.year * 12 + label.number - 1 - years * 12 - months
        return f"{index // 12}MM{index % 12 + 1:02d}"
    if label.kind == "quarter" and months % 3 == 0:
        index = label.year * 4 + label.number - 1 - years * 4 - months // 3
        return f"{index // 4}KW{index % 4 + 1:02d}"
    if label.kind == "half_year" and months % 6 == 0:
        index = label.year * 2 + label.number - 1 - years * 2 - months // 6
        return f"{index // 2}HJ{index % 2 + 1:02d}"
    return None


def pre_corona_period(period: str | None) -> str | None:
    """The same period of the year before the corona crisis: 2019, school year 2018/2019, 2019MM04."""
    label = read_label(str(period or ""))
    if label is None:
        return None
    end_year = label.next_year if label.kind == "school_year" else label.year
    if end_year <= PRE_CORONA_YEAR:
        return None
    return shift_period(period, years=end_year - PRE_CORONA_YEAR)
