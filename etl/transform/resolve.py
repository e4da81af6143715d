"""Resolve the catalogue's specs against a table's own code lists, in one place for fetch and build.

A spec is a code (``T001038``), the dimension's total (:data:`etl.catalog.TOTAL`: the one key starting
with ``T`` whose title starts with "Totaal", as CBS codes totals) or ``title:A|B`` (the one category
titled A or B; case and spacing ignored).  Anything that does not resolve to exactly one code fails
with the candidates listed, so a wrong mapping is repaired from the message (or ``etl inspect``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from etl.catalog import TOTAL, Slice, Source
from etl.transform.periods import PeriodError, parse_period

Records = Mapping[str, Mapping[str, Any]]      # code -> the CBS record (Title, DimensionGroupId, ...)
MEASURES = "measures"                           # the loader's name for the MeasureCodes list


class RawShapeError(ValueError):
    """The raw response does not have the shape the catalogue declares."""


@dataclass(frozen=True)
class ResolvedSlice:
    dimensions: dict[str, tuple[str, ...]]      # dimension -> codes
    measures: dict[str, str]                    # measure code -> role
    periods: tuple[str, ...]                    # Perioden codes kept (empty: all)


def normalise_title(title: Any) -> str:
    return re.sub(r"\s+", " ", str(title or "")).strip().lower()


def total_candidates(records: Records) -> list[str]:
    """Codes CBS marks as a total: key starting with "T" and title starting with "Totaal"."""
    return [code for code, rec in records.items()
            if code.upper().startswith("T") and normalise_title(rec.get("Title")).startswith("totaal")]


def resolve_spec(spec: str, records: Records, what: str, table: str) -> str:
    """A catalogue spec -> the one code of this table's list it names."""
    if spec == TOTAL:
        hits = total_candidates(records)
        if len(hits) != 1:
            near = [f"{c} {records[c].get('Title', '')!r}" for c in records
                    if c.upper().startswith("T") or normalise_title(records[c].get("Title")).startswith("totaal")]
            raise RawShapeError(f"{table}: {what} total (key T..., title Totaal...) found {len(hits)} times; "
                                f"candidates: {', '.join(near) or 'none'}")
        return hits[0]
    if spec.startswith("title:"):
        wanted = {normalise_title(t) for t in spec[len("title:"):].split("|")}
        hits = [code for code, rec in records.items() if normalise_title(rec.get("Title")) in wanted]
        if len(hits) != 1:
            titles = "; ".join(f"{c} {str(r.get('Title', '')).strip()!r}" for c, r in list(records.items())[:25])
            raise RawShapeError(f"{table}: {what} titled {spec[6:]!r} found {len(hits)} times; the table has: "
                                f"{titles}")
        return hits[0]
    if spec not in records:
        raise RawShapeError(f"{table}: {what} code {spec!r} missing (renamed?); "
                            f"table has {', '.join(sorted(records)[:12])}")
    return spec


def resolve_periods(records: Records, periods_from: int | None, table: str) -> tuple[str, ...]:
    """Perioden codes starting in ``periods_from`` or later, in the table's order (empty: no floor)."""
    if periods_from is None:
        return ()
    kept = []
    for code in records:
        try:
            if parse_period(code).start.year >= periods_from:
                kept.append(code)
        except PeriodError as exc:
            raise RawShapeError(f"{table}: {exc}") from None
    if not kept:
        raise RawShapeError(f"{table}: no period from {periods_from} on; the table has "
                            f"{', '.join(list(records)[:3])} ... {', '.join(list(records)[-3:])}")
    return tuple(kept)


def resolve_slice(source: Source, slice_: Slice, lists: Callable[[str], Records]) -> ResolvedSlice:
    """Every spec of a slice resolved; ``lists(name)`` gives a dimension's code list, or the measures."""
    table = source.table_id
    dims = {dim: tuple(resolve_spec(spec, lists(dim), dim, table) for spec in specs)
            for dim, specs in slice_.dimensions.items()}
    measure_records = lists(MEASURES)
    measures = {resolve_spec(spec, measure_records, "measure", table): role
                for spec, role in source.slice_measures(slice_).items()}
    periods = resolve_periods(lists("Perioden"), slice_.periods_from, table) if slice_.periods_from else ()
    return ResolvedSlice(dims, measures, periods)


def filter_text(source: Source, slice_: Slice, resolved: ResolvedSlice) -> str:
    """The v4 ``$filter`` a live fetch sends and a build re-applies: dimensions, regions, periods, measures."""
    expr = slice_.odata_filter(resolved.dimensions, source.region_dim, resolved.periods)
    measure_expr = "(" + " or ".join(f"Measure eq '{m}'" for m in resolved.measures) + ")"
    return f"{expr} and {measure_expr}" if expr else measure_expr
