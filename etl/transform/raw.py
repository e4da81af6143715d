"""Read a v4 raw snapshot into one frame of coded observations, checking its shape.

Schema drift (a renamed measure, a missing dimension), unknown codes and
values outside their domain raise :class:`RawShapeError` naming the table.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd

from etl.catalog import Slice, Source
from etl.snapshot import Snapshot
from etl.transform.periods import PeriodError, parse_period, parse_status
from etl.transform.regions import RegionCodeError, parse_region_code
from etl.transform.resolve import MEASURES, RawShapeError, ResolvedSlice, resolve_slice, resolve_spec

__all__ = ["RawShapeError", "read_code_titles", "read_observations", "resolve_code", "resolve_snapshot_slice"]

FLAGS = {"None": None, "Confidential": "confidential", "NotAvailable": "not available",
         "Impossible": "impossible", "ValueUnknown": "not available", "Unknown": "not available"}
OBS_KEYS = ("Measure", "ValueAttribute", "Value")


def _values(payload: Any, table_id: str, name: str) -> list[dict[str, Any]]:
    if not isinstance(payload, dict) or not isinstance(payload.get("value"), list):
        raise RawShapeError(f"{table_id}: {name} is not an OData response with a 'value' list")
    return payload["value"]


def read_code_titles(snapshot: Snapshot, source: Source, dimension: str) -> dict[str, dict[str, Any]]:
    """Code list of one dimension (or ``"measures"``): stripped code -> the CBS record (Title, Status, ...)."""
    name = "measure-codes.json" if dimension == MEASURES else f"codes-{dimension}.json"
    rows = _values(snapshot.read_json(name), source.table_id, name.removesuffix(".json"))
    return {str(r["Identifier"]).strip(): r for r in rows}


def resolve_code(spec: str, records: dict[str, dict[str, Any]], what: str, table: str) -> str:
    """A catalogue spec -> the code in this table's list (see :mod:`etl.transform.resolve`)."""
    return resolve_spec(spec, records, what, table)


def resolve_snapshot_slice(snapshot: Snapshot, source: Source, slice_: Slice) -> ResolvedSlice:
    """The slice's specs resolved with the snapshot's own code lists."""
    return resolve_slice(source, slice_, lambda dim: read_code_titles(snapshot, source, dim))


def read_observations(snapshot: Snapshot, source: Source, slice_: Slice) -> pd.DataFrame:
    """All observation pages of a snapshot as one frame, dimension codes stripped and checked.

    The slice's filter (dimension codes, periods, measures) is applied again exactly as a live fetch sent
    it, and a margin dimension is reduced to its point estimate.  Columns: the table's dimensions (codes;
    the region dimension renamed ``region``), ``Measure``, ``role``, ``Value`` (float, NaN when missing),
    ``flag``, ``period``/``period_start``/``frequency``/``status``, ``source_table`` and ``is_demo``.
    """
    table = source.table_id
    dims = [d["Identifier"] for d in _values(snapshot.read_json("dimensions.json"), table, "dimensions")]
    for needed in list(slice_.dimensions) + ([source.region_dim] if slice_.region_prefixes else []) + ["Perioden"]:
        if needed not in dims:
            raise RawShapeError(f"{table}: dimension {needed!r} missing (table has {', '.join(dims)})")
    resolved = resolve_snapshot_slice(snapshot, source, slice_)

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
    frame = frame[frame["Measure"].isin(resolved.measures)].copy()
    frame["role"] = frame["Measure"].map(resolved.measures)
    for dim, codes in resolved.dimensions.items():
        frame = frame[frame[dim].isin(codes)] if codes else frame
    if resolved.periods:
        frame = frame[frame["Perioden"].isin(resolved.periods)]
    if source.point_estimate:
        dim, code = source.point_estimate
        frame = frame[frame[dim] == code]
    if frame.empty:
        raise RawShapeError(f"{table}: no observation matches the slice {slice_.name!r} in {snapshot.path.name} "
                            "(codes, periods or measures not in the response)")
    frame = frame.copy()
    frame["Value"] = [_parse_value(v, table) for v in frame["Value"]]
    attributes = {a: _parse_flag(a, table) for a in frame["ValueAttribute"].astype(object).unique()}
    frame["flag"] = frame["ValueAttribute"].astype(object).map(attributes)
    frame = frame.drop(columns=["ValueAttribute"])
    if source.region_dim in frame:
        frame = frame.rename(columns={source.region_dim: "region"})
        if slice_.region_prefixes:
            frame = frame[frame["region"].str.startswith(slice_.region_prefixes)].copy()
        try:
            frame["region"] = [parse_region_code(c) for c in frame["region"]]
        except RegionCodeError as exc:
            raise RawShapeError(f"{table}: {exc}") from None
    frame["source_table"] = table
    frame["is_demo"] = snapshot.is_demo
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
        start = p.start
        if p.frequency == "year" and source.reference_month:
            start = date(start.year, source.reference_month, 1)     # the figures describe that month
        parsed[code] = (p.label, start, p.frequency, status)
    for i, column in enumerate(("period", "period_start", "frequency", "status")):
        frame[column] = frame["Perioden"].map({code: values[i] for code, values in parsed.items()})
    frame["period_start"] = pd.to_datetime(frame["period_start"])
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
