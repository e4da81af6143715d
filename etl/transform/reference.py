"""Reference inputs that are not CBS v4 responses: the region division and population."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pandas as pd

from etl.snapshot import Snapshot
from etl.transform.regions import clean_region_title, parse_region_code


class ReferenceShapeError(ValueError):
    """A reference file that does not have the expected shape."""


def parse_regions(snapshot: Snapshot) -> pd.DataFrame:
    """The current division: Nederland, 35 arbeidsmarktregio's, 342 gemeenten with their parent.

    The gemeente -> arbeidsmarktregio assignment is DERIVED from boundaries (largest overlap),
    not a CBS table; titles of arbeidsmarktregio's come from CBS's own code list.
    """
    mapping = _csv_rows(snapshot, "gemeente_arbeidsmarktregio_2025.csv", ("gm_code", "gm_naam", "am_code", "am_naam"))
    cbs_titles = {r["code"]: clean_region_title(r["title"])
                  for r in _csv_rows(snapshot, "arbeidsmarktregio_codes.csv", ("code", "title"))}
    rows: list[dict[str, Any]] = [{"region_code": "NL01", "region_name": "Nederland", "region_level": "land",
                                   "parent_code": None}]
    ams = sorted({parse_region_code(r["am_code"]) for r in mapping})
    for am in ams:
        name = cbs_titles.get(am) or next(r["am_naam"] for r in mapping if r["am_code"] == am)
        rows.append({"region_code": am, "region_name": name, "region_level": "arbeidsmarktregio",
                     "parent_code": "NL01"})
    for r in sorted(mapping, key=lambda r: r["gm_code"]):
        rows.append({"region_code": parse_region_code(r["gm_code"]), "region_name": r["gm_naam"].strip(),
                     "region_level": "gemeente", "parent_code": parse_region_code(r["am_code"])})
    frame = pd.DataFrame(rows)
    if frame["region_code"].duplicated().any():
        dup = frame.loc[frame["region_code"].duplicated(), "region_code"].tolist()
        raise ReferenceShapeError(f"gebieden: duplicate region codes {dup[:5]}")
    return frame


def parse_population(snapshot: Snapshot) -> pd.DataFrame:
    """Gemeente population on 1 January 2024 from 85984NED.

    Two raw shapes: the reduced copy in the shipped snapshot (an object keyed by region
    code) and a live fetch with cbsodata (a list of rows with ``Codering_3``).
    """
    if "cbsodata-rows.json" in snapshot.manifest.get("files", {}):
        rows_in = snapshot.read_json("cbsodata-rows.json")
        if not isinstance(rows_in, list):
            raise ReferenceShapeError("85984NED: cbsodata-rows.json is not a list of rows")
        data = {str(r.get("Codering_3", "")).strip(): r for r in rows_in if isinstance(r, dict)}
    else:
        data = snapshot.read_json("stripped_filtered_data_2024.json")
    if not isinstance(data, dict):
        raise ReferenceShapeError("85984NED: data file is not an object keyed by region code")
    rows = []
    for code, values in data.items():
        if not code.strip().startswith("GM"):
            continue
        value = values.get("AantalInwoners_5") if isinstance(values, dict) else None
        if value is None or not isinstance(value, (int, float)) or value < 0:
            raise ReferenceShapeError(f"85984NED: AantalInwoners_5 of {code} is {value!r}")
        rows.append({"region": parse_region_code(code), "persons": float(value)})
    return pd.DataFrame(rows).sort_values("region").reset_index(drop=True)


def read_geojson(snapshot: Snapshot, name: str) -> dict[str, Any]:
    geo = snapshot.read_json(name)
    if not isinstance(geo, dict) or geo.get("type") != "FeatureCollection":
        raise ReferenceShapeError(f"gebieden: {name} is not a GeoJSON FeatureCollection")
    return geo


def _csv_rows(snapshot: Snapshot, name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    text = (snapshot.path / name).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ReferenceShapeError(f"gebieden: {name} lacks column(s) {', '.join(missing)}")
    return list(reader)


def dumps_geojson(geo: dict[str, Any]) -> bytes:
    return json.dumps(geo, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
