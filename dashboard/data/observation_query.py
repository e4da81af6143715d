"""Query parameters of /api/v1: parse, validate, put in canonical form, and select the rows they ask for.

Everything here is pure: the caller passes the query arguments and what the store knows (indicator ids, the
regions frame). Every bad input raises :class:`ParamError`, which the API turns into a 400 with
``{"error", "parameter", "valid"}``; the /data page shows the same message.

Periods (``period_from``, ``period_to``) may be written as ``2023``, ``2023KW02``, ``2023MM10``, ``2023HJ01``,
``2022/2023`` (school year) or ``2023-10-01``. ``period_from`` keeps rows whose period starts on or after the
start of the given period; ``period_to`` keeps rows whose period starts before the end of the given period.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from flask import current_app

from dashboard.data.exports import DIALECTS, EXPORT_FORMAT, LEVEL_ORDER, file_stem, period_span, sort_observations
from dashboard.data.view import StoreView
from etl.transform.periods import read_label

OBSERVATION_PARAMS = ("indicator", "level", "region", "period_from", "period_to")
CSV_PARAMS = (*OBSERVATION_PARAMS, "format")
REGION_PARAMS = ("level",)
LEVELS = LEVEL_ORDER
SINGLE_VALUED = ("level", "period_from", "period_to", "format")
PERIOD_FORMATS = ("YYYY", "YYYYKWnn", "YYYYMMnn", "YYYYHJnn", "YYYY/YYYY", "YYYY-MM-DD")
MAX_REGIONS = 50
MAX_ROWS = 25_000
MIN_YEAR, MAX_YEAR = 1900, 2100


class ParamError(ValueError):
    """A query parameter the API cannot answer; becomes a 400 with a JSON body."""

    def __init__(self, message: str, parameter: str | None, valid: Iterable[str] = ()):
        super().__init__(message)
        self.message = message
        self.parameter = parameter
        self.valid = list(valid)

    def to_json(self) -> dict[str, Any]:
        return {"error": self.message, "parameter": self.parameter, "valid": self.valid}


@dataclass(frozen=True)
class ObservationQuery:
    """A validated, canonical observations query (lists sorted and de-duplicated)."""

    indicators: tuple[str, ...] = ()
    level: str | None = None
    regions: tuple[str, ...] = ()
    period_from: str | None = None
    period_to: str | None = None
    dialect: str = "standard"

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> ObservationQuery:
        """A query from a page's state (``{"indicator": [...] or "a,b", "level": ...}``), not validated:
        the API validates when the link is followed. Unknown keys are ignored."""
        lists = as_lists({k: v for k, v in params.items() if k in CSV_PARAMS})

        def one(name: str) -> str | None:
            values = [v.strip() for v in lists.get(name, []) if v.strip()]
            return values[-1] if values else None

        return cls(tuple(sorted(set(_multi(lists, "indicator")))), one("level"),
                   tuple(sorted(set(_multi(lists, "region")))), one("period_from"), one("period_to"),
                   one("format") or "standard")

    def pairs(self, with_format: bool = True) -> list[tuple[str, str]]:
        """The query as URL parameters, in a fixed order; empty parts and the default dialect left out."""
        out = []
        if self.indicators:
            out.append(("indicator", ",".join(self.indicators)))
        if self.level:
            out.append(("level", self.level))
        if self.regions:
            out.append(("region", ",".join(self.regions)))
        if self.period_from:
            out.append(("period_from", self.period_from))
        if self.period_to:
            out.append(("period_to", self.period_to))
        if with_format and self.dialect != "standard":
            out.append(("format", self.dialect))
        return out

    def query_string(self, with_format: bool = True) -> str:
        return urlencode(self.pairs(with_format), safe=",/")

    def url(self, path: str, with_format: bool = True) -> str:
        qs = self.query_string(with_format)
        return f"{path}?{qs}" if qs else path

    def as_dict(self) -> dict[str, Any]:
        return {"indicator": list(self.indicators), "level": self.level, "region": list(self.regions),
                "period_from": self.period_from, "period_to": self.period_to, "format": self.dialect}


# --- argument handling ---------------------------------------------------------------------------------------------

# The pages' own (Dutch) parameter names, accepted by the API as aliases: a page's URL can be an API query.
ALIASES = {"niveau": "level", "regio": "region", "periode": "period", "w": "weights", "norm": "normalisation"}


def as_lists(args: Any) -> dict[str, list[str]]:
    """Query arguments (a werkzeug MultiDict, or a mapping of str or list) as ``{name: [values]}``, the pages'
    names (:data:`ALIASES`) under the API's."""
    if hasattr(args, "getlist"):
        pairs = [(str(k), [str(v) for v in args.getlist(k)]) for k in args.keys()]
    else:
        pairs = [(str(k), [str(v) for v in (value if isinstance(value, (list, tuple)) else [value]) if v is not None])
                 for k, value in dict(args or {}).items() if value is not None]
    out: dict[str, list[str]] = {}
    for key, values in pairs:
        out.setdefault(ALIASES.get(key, key), []).extend(values)
    return out


def _shown(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")


def check_known(args: Mapping[str, list[str]], allowed: Sequence[str]) -> None:
    unknown = sorted(k for k in args if k not in allowed)
    if unknown:
        names = ", ".join(_shown(k) for k in unknown)
        raise ParamError(f"unknown parameter(s): {names}; this endpoint takes: {', '.join(allowed) or 'none'}",
                         ",".join(unknown), allowed)


def single(args: Mapping[str, list[str]], name: str) -> str | None:
    values = [v.strip() for v in args.get(name, []) if v.strip()]
    if len(values) > 1:
        raise ParamError(f"{name} may be given only once (got {len(values)} values)", name)
    return values[0] if values else None


def _multi(args: Mapping[str, list[str]], name: str) -> list[str]:
    seen: dict[str, None] = {}
    for value in args.get(name, []):
        for part in value.split(","):
            if part.strip():
                seen[part.strip()] = None
    return list(seen)


def parse_level(value: str | None) -> str | None:
    if value is None:
        return None
    level = value.lower()
    if level not in LEVELS:
        raise ParamError(f"unknown level {_shown(value)}", "level", LEVELS)
    return level


def parse_regions_args(args: Any) -> str | None:
    """/api/v1/regions: an optional ``level``."""
    lists = as_lists(args)
    check_known(lists, REGION_PARAMS)
    return parse_level(single(lists, "level"))


def parse_observation_query(args: Any, indicator_ids: Sequence[str], regions: pd.DataFrame,
                            allowed: Sequence[str] = CSV_PARAMS, max_regions: int = MAX_REGIONS) -> ObservationQuery:
    """Validate observation query arguments against the store's indicators and regions."""
    lists = as_lists(args)
    check_known(lists, allowed)
    for name in SINGLE_VALUED:
        single(lists, name)

    known = sorted(indicator_ids)
    indicators = []
    for value in _multi(lists, "indicator"):
        if value.lower() not in known:
            raise ParamError(f"unknown indicator {_shown(value)}; see /api/v1/indicators", "indicator", known)
        indicators.append(value.lower())

    level = parse_level(single(lists, "level"))
    codes = _parse_regions(_multi(lists, "region"), level, regions, max_regions)

    period_from = single(lists, "period_from")
    period_to = single(lists, "period_to")
    start = parse_period(period_from, "period_from") if period_from else None
    end = parse_period(period_to, "period_to") if period_to else None
    if start and end and start[1] >= end[2]:
        raise ParamError(f"period_from {start[0]} is after period_to {end[0]}", "period_from", PERIOD_FORMATS)

    dialect = (single(lists, "format") or "standard").lower()
    if dialect not in DIALECTS:
        raise ParamError(f"unknown format {_shown(dialect)}", "format", list(DIALECTS))

    return ObservationQuery(tuple(sorted(set(indicators))), level, tuple(sorted(set(codes))),
                            start[0] if start else None, end[0] if end else None, dialect)


def _parse_regions(values: list[str], level: str | None, regions: pd.DataFrame, max_regions: int) -> list[str]:
    if len(values) > max_regions:
        raise ParamError(f"at most {max_regions} regions per request (got {len(values)}); leave region out for "
                         "all regions of a level", "region")
    level_of = dict(zip(regions["region_code"], regions["region_level"], strict=True))
    allowed = sorted(c for c, lvl in level_of.items() if level is None or lvl == level)
    codes = []
    for value in values:
        code = value.upper()
        if code not in level_of:
            raise ParamError(f"unknown region {_shown(value)}; see /api/v1/regions", "region", allowed)
        if level and level_of[code] != level:
            raise ParamError(f"region {code} is of level {level_of[code]}, not of the level asked for ({level})",
                             "region", allowed)
        codes.append(code)
    return codes


# --- periods ---------------------------------------------------------------------------------------------------------

MONTHS_PER = {"quarter": 3, "month": 1, "half_year": 6}
LABEL_CODES = {"quarter": "KW", "month": "MM", "half_year": "HJ"}


def parse_period(text: str, parameter: str = "period") -> tuple[str, pd.Timestamp, pd.Timestamp]:
    """A period bound as ``(canonical label, start, end)``, ``end`` exclusive; ParamError if unreadable."""
    label = read_label(text.strip().upper())
    problem = f"cannot read {parameter} {_shown(text)}; write one of {', '.join(PERIOD_FORMATS)}"
    if label is None or not MIN_YEAR <= label.year <= MAX_YEAR:
        raise ParamError(problem, parameter, PERIOD_FORMATS)
    year = label.year
    try:
        if label.kind in MONTHS_PER:
            months, num = MONTHS_PER[label.kind], label.number
            if not 1 <= num <= 12 // months:
                raise ValueError(label.kind)
            start = pd.Timestamp(year, months * (num - 1) + 1, 1)
            return f"{year}{LABEL_CODES[label.kind]}{num:02d}", start, start + pd.DateOffset(months=months)
        if label.kind == "school_year":
            if label.next_year != year + 1:
                raise ValueError("school year")
            return f"{year}/{year + 1}", pd.Timestamp(year, 10, 1), pd.Timestamp(year + 1, 10, 1)
        if label.kind == "day":
            day = pd.Timestamp(year, label.number, label.day)
            return day.strftime("%Y-%m-%d"), day, day + pd.Timedelta(days=1)
    except ValueError:
        raise ParamError(problem, parameter, PERIOD_FORMATS) from None
    return str(year), pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)


# --- selection ------------------------------------------------------------------------------------------------------

def select_observations(observations: pd.DataFrame, query: ObservationQuery) -> pd.DataFrame:
    """The rows a query asks for, in download order (never mutates ``observations``)."""
    mask = pd.Series(True, index=observations.index)
    if query.indicators:
        mask &= observations["indicator"].isin(query.indicators)
    if query.level:
        mask &= observations["region_level"] == query.level
    if query.regions:
        mask &= observations["region_code"].isin(query.regions)
    if query.period_from:
        mask &= observations["period_start"] >= parse_period(query.period_from)[1]
    if query.period_to:
        mask &= observations["period_start"] < parse_period(query.period_to)[2]
    return sort_observations(observations[mask])


def check_row_count(rows: int, max_rows: int = MAX_ROWS) -> None:
    if rows > max_rows:
        raise ParamError(f"this query matches {rows} rows, more than the limit of {max_rows}; narrow it with "
                         "indicator, level, region, period_from or period_to, or download everything at "
                         "/api/v1/download.zip", None)


def etag(data_version: str, endpoint: str, query_string: str = "") -> str:
    """``<data_version>-<hash of export format, endpoint and canonical query>``: equal data and query, equal tag."""
    digest = hashlib.sha256(f"{EXPORT_FORMAT}:{endpoint}?{query_string}".encode()).hexdigest()[:16]
    return f"{data_version or 'unknown'}-{digest}"


def query_store(view: StoreView, args: Any, allowed: Sequence[str] = CSV_PARAMS, max_regions: int = MAX_REGIONS,
                max_rows: int = MAX_ROWS) -> tuple[ObservationQuery, pd.DataFrame]:
    """Parse ``args`` against a store, select its rows and enforce the row cap: what the API and /data share."""
    query = parse_observation_query(args, [i["id"] for i in view.indicators], view.regions, allowed, max_regions)
    frame = select_observations(view.observations, query)
    check_row_count(len(frame), max_rows)
    return query, frame


def download_stem(query: ObservationQuery, frame: pd.DataFrame, manifest: Mapping[str, Any]) -> str:
    """The download file name (no extension) for a query and its rows.

    The name says what the file holds: indicators asked for but without a row in ``frame`` (WW benefits at
    gemeente level, say) are left out of it, so four indicators asked and three delivered is named for three.
    """
    return file_stem(delivered_indicators(query, frame), query.level, query.regions, period_span(frame), manifest)


def delivered_indicators(query: ObservationQuery, frame: pd.DataFrame) -> tuple[str, ...]:
    """The indicators of ``query`` that have rows in ``frame`` (all of them when the query names none)."""
    if not query.indicators or frame.empty:
        return tuple(query.indicators)
    present = set(frame["indicator"].astype(str))
    return tuple(i for i in query.indicators if i in present)


def absent_indicators(query: ObservationQuery, frame: pd.DataFrame) -> tuple[str, ...]:
    """The indicators of ``query`` without a single row in ``frame`` (none when the frame is empty)."""
    if frame.empty:
        return ()
    delivered = set(delivered_indicators(query, frame))
    return tuple(i for i in query.indicators if i not in delivered)


def csv_name(stem: str, dialect: str) -> str:
    return f"{stem}.csv" if dialect == "standard" else f"{stem}_{dialect}.csv"


def limits() -> tuple[int, int]:
    """(max regions, max rows) per request, from the Flask config (the /data page uses the same)."""
    cfg = current_app.config
    return int(cfg.get("API_MAX_REGIONS", MAX_REGIONS)), int(cfg.get("API_MAX_ROWS", MAX_ROWS))
