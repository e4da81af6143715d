"""Periods in one place: CBS's period codes parsed into the store's labels, and those labels read back and counted.

CBS writes periods as ``YYYY`` + a two-letter kind + a two-digit number:
``2023JJ00`` (year), ``2023KW02`` (quarter), ``2023MM10`` (month),
``2023HJ01`` (half year) and, in education tables, school years such as
``2022SJ23`` (school year 2022/'23; v4 writes the end year's last two digits).

The store's labels (:func:`parse_period`) are ``2023``, ``2023KW02``, ``2023MM10``, ``2023HJ01``, ``2022/2023``
(school year) and, for API bounds, ``2023-10-01`` (a day).  :func:`read_label` reads them back (the dashboard names
them with it, :func:`dashboard.ui.i18n.period_label`, and filters by them); :func:`shift_period` steps back in time (a
year earlier, half a year earlier; :func:`pre_corona_period`: the year before the corona crisis) and
:func:`school_year_ending` aligns a youth year with the school year that ends in it (the need index, aftercare).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_CODE = re.compile(r"^(?P<year>\d{4})(?P<kind>JJ|KW|MM|HJ|SJ|X0)(?P<num>\d{2})$")


class PeriodError(ValueError):
    """A period code CBS would not write."""


@dataclass(frozen=True)
class Period:
    code: str          # as CBS gives it, stripped: 2023KW02
    label: str         # how the store shows it: 2023, 2023KW02, 2023MM10, 2022/2023
    start: date
    frequency: str     # year | half_year | quarter | month | school_year


def parse_period(code: str) -> Period:
    """Parse one CBS period code (padded or not) into label, start date and frequency."""
    raw = (code or "").strip()
    m = _CODE.match(raw)
    if not m:
        raise PeriodError(f"unknown period code {code!r}")
    year, kind, num = int(m["year"]), m["kind"], int(m["num"])
    if kind == "JJ":
        if num != 0:
            raise PeriodError(f"year code must end in 00: {code!r}")
        return Period(raw, str(year), date(year, 1, 1), "year")
    if kind == "KW":
        if not 1 <= num <= 4:
            raise PeriodError(f"quarter out of range in {code!r}")
        return Period(raw, f"{year}KW{num:02d}", date(year, 3 * num - 2, 1), "quarter")
    if kind == "MM":
        if not 1 <= num <= 12:
            raise PeriodError(f"month out of range in {code!r}")
        return Period(raw, f"{year}MM{num:02d}", date(year, num, 1), "month")
    if kind == "HJ":
        if num not in (1, 2):
            raise PeriodError(f"half year out of range in {code!r}")
        return Period(raw, f"{year}HJ{num:02d}", date(year, 1 if num == 1 else 7, 1), "half_year")
    if kind == "SJ":
        if num != (year + 1) % 100:
            raise PeriodError(f"school year {code!r} must end with the next year's two digits")
        return Period(raw, f"{year}/{year + 1}", date(year, 10, 1), "school_year")
    raise PeriodError(f"unsupported period kind in {code!r}")


_STATUS = {
    "definitief": "definitief",
    "voorlopig": "voorlopig",
    "nadervoorlopig": "nader voorlopig",
    "nader voorlopig": "nader voorlopig",
}


def parse_status(status: str | None) -> str:
    """Map CBS's period status (v4 ``Definitief``/``Voorlopig``/``NaderVoorlopig``) to the store's words."""
    key = (status or "definitief").strip().lower()
    if key not in _STATUS:
        raise PeriodError(f"unknown period status {status!r}")
    return _STATUS[key]


# --- period titles, as a CBS (StatLine or cbsodata) or Eurostat download writes them ---------------------------------
MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december")
_TITLE_YEAR = re.compile(r"^(?P<year>\d{4})(?P<mark>\*{0,2})$")
_TITLE_SCHOOL_YEAR = re.compile(r"^(?P<year>\d{4})/'?(?P<next>\d{2}|\d{4})(?P<mark>\*{0,2})$")
_TITLE_MONTH = re.compile(r"^(?P<year>\d{4}) (?P<month>[a-z]+)(?P<mark>\*{0,2})$")
_TITLE_QUARTER = re.compile(r"^(?P<year>\d{4}) (?P<num>[1-4])e kwartaal(?P<mark>\*{0,2})$")
_TITLE_ISO_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")
_MARKS = {"": None, "*": "voorlopig", "**": "nader voorlopig"}


def parse_period_title(title: str) -> tuple[str, str | None]:
    """A period as a download titles it -> (CBS period code, status from its mark or None).

    ``"2005 "`` -> ``2005JJ00``; ``"2023*"`` -> ``2023JJ00``, voorlopig (StatLine marks provisional periods with ``*``
    and ``**``); ``"2012/'13"`` -> ``2012SJ13``; ``"2013 januari"`` and ``"2024  november"`` -> months;
    ``"2023 1e kwartaal"`` -> ``2023KW01``; ``"2021-12"`` (Eurostat) -> ``2021MM12``.  The code is checked by
    :func:`parse_period`, so a title is never turned into a period CBS would not write.
    """
    text = " ".join(str(title or "").split()).lower()
    code, mark = None, ""
    if m := _TITLE_YEAR.match(text):
        code, mark = f"{m['year']}JJ00", m["mark"]
    elif m := _TITLE_SCHOOL_YEAR.match(text):
        code, mark = f"{m['year']}SJ{m['next'][-2:]}", m["mark"]
    elif (m := _TITLE_MONTH.match(text)) and m["month"] in MONTHS_NL:
        code, mark = f"{m['year']}MM{MONTHS_NL.index(m['month']) + 1:02d}", m["mark"]
    elif m := _TITLE_QUARTER.match(text):
        code, mark = f"{m['year']}KW0{m['num']}", m["mark"]
    elif m := _TITLE_ISO_MONTH.match(text):
        code = f"{m['year']}MM{m['month']}"
    if code is None:
        raise PeriodError(f"unknown period title {title!r}")
    try:
        parse_period(code)
    except PeriodError as exc:
        raise PeriodError(f"unknown period title {title!r} ({exc})") from None
    return code, _MARKS[mark]


# --- the store's labels, read back and counted ------------------------------------------------------------------------
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


def shift_period(period: str | int | None, years: int = 0, months: int = 0) -> str | None:
    """The label ``years`` years and ``months`` months earlier in the same series: ``2024`` -> ``2023``,
    ``2023/2024`` -> ``2022/2023``, ``2026MM04`` minus 6 months -> ``2025MM10``, ``2025HJ01`` minus 6 months ->
    ``2024HJ02``; None when it has no such label (a school year or a year minus months, a day).  A year may be
    given as a number: ``shift_period(2017, years=1)`` -> ``"2016"``."""
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


def school_year_ending(period: str | int) -> str:
    """The school year that ends in the year of ``period``: ``"2023"`` (or 2023) -> ``"2022/2023"``.

    A youth year (October of year Y) is aligned with school year Y-1/Y (:mod:`analysis.inputs` says why).  Only the
    first four characters, the year, are read.
    """
    year = int(str(period)[:4])
    return f"{year - 1}/{year}"
