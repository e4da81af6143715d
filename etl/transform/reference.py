"""Reference inputs that are not CBS v4 responses: the region division and population."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from etl.snapshot import Snapshot
from etl.transform.regions import clean_region_title, parse_region_code

DIVISION_FILE = "gemeente_arbeidsmarktregio_cbs_2026.csv"
DIVISION_COLUMNS = ("gemeente_code", "gemeente_name", "arbeidsmarktregio_code", "arbeidsmarktregio_name",
                    "corop_code", "corop_name", "province_code", "province_name")
HISTORY_FILE = "gemeente_history_2010_2026_gebieden.csv"
AM_CODES_FILE = "arbeidsmarktregio_codes.csv"


class ReferenceShapeError(ValueError):
    """A reference file that does not have the expected shape."""


@dataclass(frozen=True)
class Division:
    """CBS's division of the gemeenten (Gebieden in Nederland): one row per gemeente, and the codes CBS
    used before it (retired arbeidsmarktregio's and former gemeenten) with their names."""

    year: int
    gemeenten: pd.DataFrame            # DIVISION_COLUMNS, sorted by gemeente_code
    retired: dict[str, str]            # code -> name

    @property
    def codes(self) -> set[str]:
        return {"NL01", *self.gemeenten["arbeidsmarktregio_code"], *self.gemeenten["gemeente_code"]}


def read_division(snapshot: Snapshot) -> Division:
    """The division of a ``division`` snapshot (86247NED): 342 gemeenten, their arbeidsmarktregio, COROP, provincie."""
    year = snapshot.manifest.get("division_year")
    if not isinstance(year, int):
        raise ReferenceShapeError(f"{snapshot.manifest.get('table_id')}: manifest lacks division_year")
    rows = _csv_rows(snapshot, DIVISION_FILE, DIVISION_COLUMNS)
    frame = pd.DataFrame([{c: r[c].strip() for c in DIVISION_COLUMNS} for r in rows])
    for col in ("gemeente_code", "arbeidsmarktregio_code", "corop_code", "province_code"):
        frame[col] = [parse_region_code(c) for c in frame[col]]
    if frame["gemeente_code"].duplicated().any():
        dup = frame.loc[frame["gemeente_code"].duplicated(), "gemeente_code"].tolist()
        raise ReferenceShapeError(f"division: duplicate gemeente codes {dup[:5]}")
    frame = frame.sort_values("gemeente_code").reset_index(drop=True)
    current = {*frame["gemeente_code"], *frame["arbeidsmarktregio_code"]}
    retired: dict[str, str] = {}
    for r in _csv_rows(snapshot, AM_CODES_FILE, ("code", "title")):
        code = r["code"].strip()
        if code.startswith("AM") and code not in current and not code.endswith("99"):
            retired[code] = clean_region_title(r["title"])
    for r in _csv_rows(snapshot, HISTORY_FILE, ("name", "code", "year")):
        code = r["code"].strip()
        if code.startswith("GM") and code not in current and int(r["year"]) < year:
            retired.setdefault(code, r["name"].strip())
    return Division(year, frame, dict(sorted(retired.items())))


def division_regions(division: Division) -> pd.DataFrame:
    """The store's regions: Nederland, the arbeidsmarktregio's and gemeenten of the division, names from it."""
    gm = division.gemeenten
    rows: list[dict[str, Any]] = [{"region_code": "NL01", "region_name": "Nederland", "region_level": "land",
                                   "parent_code": None}]
    ams = gm.drop_duplicates("arbeidsmarktregio_code").sort_values("arbeidsmarktregio_code")
    for am in ams.itertuples():
        names = set(gm.loc[gm["arbeidsmarktregio_code"] == am.arbeidsmarktregio_code, "arbeidsmarktregio_name"])
        if len(names) != 1:
            raise ReferenceShapeError(f"division: {am.arbeidsmarktregio_code} has several names {sorted(names)}")
        rows.append({"region_code": am.arbeidsmarktregio_code, "region_name": am.arbeidsmarktregio_name,
                     "region_level": "arbeidsmarktregio", "parent_code": "NL01"})
    for g in gm.itertuples():
        rows.append({"region_code": g.gemeente_code, "region_name": g.gemeente_name, "region_level": "gemeente",
                     "parent_code": g.arbeidsmarktregio_code})
    return pd.DataFrame(rows)


def parse_regions(snapshot: Snapshot) -> pd.DataFrame:
    """The boundary-DERIVED division of the geometry snapshot (gebieden-2025): each gemeente assigned to the
    arbeidsmarktregio polygon it overlaps most.  Not a CBS table: used only to cross-check the CBS division.
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
    table = snapshot.manifest.get("table_id", "gebieden")
    if name not in snapshot.manifest.get("files", {}):
        raise ReferenceShapeError(f"{table}: {name} missing from the snapshot")
    text = (snapshot.path / name).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ReferenceShapeError(f"{table}: {name} lacks column(s) {', '.join(missing)}")
    return list(reader)


def dumps_geojson(geo: dict[str, Any]) -> bytes:
    return json.dumps(geo, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
