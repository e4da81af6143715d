"""Read a v4 raw snapshot into one frame of coded observations, checking its shape.

Schema drift (a renamed measure, a missing dimension), unknown codes and
values outside their domain raise :class:`RawShapeError` naming the table.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from etl.catalog import Slice, Source
from etl.snapshot import Snapshot
from etl.transform.periods import PeriodError, parse_period, parse_status
from etl.transform.regions import RegionCodeError, parse_region_code

FLAGS = {"None": None, "Confidential": "confidential", "NotAvailable": "not available",
         "Impossible": "impossible", "ValueUnknown": "not available", "Unknown": "not available"}
OBS_KEYS = ("Measure", "ValueAttribute", "Value")


class RawShapeError(ValueError):
    """The raw response does not have the shape the catalogue declares."""


def _values(payload: Any, table_id: str, name: str) -> list[dict[str, Any]]:
    if not isinstance(payload, dict) or not isinstance(payload.get("value"), list):
        raise RawShapeError(f"{table_id}: {name} is not an OData response with a 'value' list")
    return payload["value"]


def read_code_titles(snapshot: Snapshot, source: Source, dimension: str) -> dict[str, dict[str, Any]]:
    """Code list of one dimension: stripped code -> the CBS record (Title, Status, ...)."""
    rows = _values(snapshot.read_json(f"codes-{dimension}.json"), source.table_id, f"codes-{dimension}")
    return {str(r["Identifier"]).strip(): r for r in rows}


def resolve_code(spec: str, records: dict[str, dict[str, Any]], what: str, table: str) -> str:
    """A catalogue spec (a code, or ``title:<CBS title>``) -> the code in this table's list."""
    if not spec.startswith("title:"):
        if spec not in records:
            raise RawShapeError(f"{table}: {what} code {spec!r} missing (renamed?); "
                                f"table has {', '.join(sorted(records)[:12])}")
        return spec
    title = spec[len("title:"):].strip().lower()
    hits = [code for code, rec in records.items() if str(rec.get("Title", "")).strip().lower() == title]
    if len(hits) != 1:
        titles = "; ".join(sorted({str(r.get("Title", "")).strip() for r in records.values()})[:12])
        raise RawShapeError(f"{table}: {what} titled {spec[6:]!r} found {len(hits)} times; titles: {titles}")
    return hits[0]


def resolve_measures(snapshot: Snapshot, source: Source) -> dict[str, str]:
    """Measure code -> role, for the measures the catalogue declares."""
    rows = _values(snapshot.read_json("measure-codes.json"), source.table_id, "measure-codes")
    records = {str(r["Identifier"]).strip(): r for r in rows}
    return {resolve_code(spec, records, "measure", source.table_id): role for spec, role in source.measures.items()}


def resolve_slice(snapshot: Snapshot, source: Source, slice_: Slice) -> dict[str, tuple[str, ...]]:
    """The slice's dimension specs resolved to codes with the table's own code lists."""
    return {dim: tuple(resolve_code(spec, read_code_titles(snapshot, source, dim), f"{dim}", source.table_id)
                       for spec in specs)
            for dim, specs in slice_.dimensions.items()}


def read_observations(snapshot: Snapshot, source: Source, slice_: Slice) -> pd.DataFrame:
    """All observation pages of a snapshot as one frame, dimension codes stripped and checked.

    Columns: the table's dimensions (codes; the region dimension renamed ``region``),
    ``Measure``, ``role``, ``Value`` (float, NaN when missing), ``flag``, plus
    ``period``/``period_start``/``frequency``/``status``.
    """
    table = source.table_id
    dims = [d["Identifier"] for d in _values(snapshot.read_json("dimensions.json"), table, "dimensions")]
    for needed in list(slice_.dimensions) + ([source.region_dim] if slice_.region_prefixes else []) + ["Perioden"]:
        if needed not in dims:
            raise RawShapeError(f"{table}: dimension {needed!r} missing (table has {', '.join(dims)})")
    measures = resolve_measures(snapshot, source)
    slice_codes = resolve_slice(snapshot, source, slice_)

    records: list[dict[str, Any]] = []
    for page in snapshot.observation_pages():
        records.extend(_values(snapshot.read_json(page), table, page))
    if not records:
        raise RawShapeError(f"{table}: no observations in {snapshot.path.name}")
    missing_keys = [k for k in (*OBS_KEYS, *dims) if k not in records[0]]
    if missing_keys:
        raise RawShapeError(f"{table}: observation field(s) {', '.join(missing_keys)} missing")

    frame = pd.DataFrame.from_records(records, columns=[*dims, *OBS_KEYS])
    for col in [*dims, "Measure"]:
        frame[col] = frame[col].astype(str).str.strip()
    frame = frame[frame["Measure"].isin(measures)].copy()
    frame["role"] = frame["Measure"].map(measures)
    for dim, codes in slice_codes.items():
        frame = frame[frame[dim].isin(codes)] if codes else frame
    frame["Value"] = [_parse_value(v, table) for v in frame["Value"]]
    frame["flag"] = [_parse_flag(a, table) for a in frame["ValueAttribute"]]
    frame = frame.drop(columns=["ValueAttribute"])
    if source.region_dim in frame:
        frame = frame.rename(columns={source.region_dim: "region"})
        if slice_.region_prefixes:
            frame = frame[frame["region"].str.startswith(slice_.region_prefixes)].copy()
        try:
            frame["region"] = [parse_region_code(c) for c in frame["region"]]
        except RegionCodeError as exc:
            raise RawShapeError(f"{table}: {exc}") from None
    return _with_periods(frame, snapshot, source)


def _with_periods(frame: pd.DataFrame, snapshot: Snapshot, source: Source) -> pd.DataFrame:
    codes = read_code_titles(snapshot, source, "Perioden")
    parsed: dict[str, tuple[str, Any, str, str]] = {}
    for code in frame["Perioden"].unique():
        try:
            p = parse_period(code)
            status = parse_status(codes.get(code, {}).get("Status"))
        except PeriodError as exc:
            raise RawShapeError(f"{source.table_id}: {exc}") from None
        parsed[code] = (p.label, p.start, p.frequency, status)
    frame["period"] = frame["Perioden"].map(lambda c: parsed[c][0])
    frame["period_start"] = pd.to_datetime(frame["Perioden"].map(lambda c: parsed[c][1]))
    frame["frequency"] = frame["Perioden"].map(lambda c: parsed[c][2])
    frame["status"] = frame["Perioden"].map(lambda c: parsed[c][3])
    return frame.reset_index(drop=True)


def _parse_value(value: Any, table: str) -> float:
    if value is None:
        return math.nan
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise RawShapeError(f"{table}: value {value!r} is not a number")
    if isinstance(value, str):
        text = value.strip()
        if text in ("", ".", "x", "-"):
            return math.nan
        try:
            return float(text)
        except ValueError:
            raise RawShapeError(f"{table}: value {value!r} is not a number") from None
    number = float(value)
    if math.isinf(number):
        raise RawShapeError(f"{table}: value {value!r} is not finite")
    return number


def _parse_flag(attribute: Any, table: str) -> str | None:
    key = "None" if attribute is None else str(attribute)
    if key not in FLAGS:
        raise RawShapeError(f"{table}: unknown ValueAttribute {attribute!r}")
    return FLAGS[key]
