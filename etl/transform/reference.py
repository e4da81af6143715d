"""Reference inputs that are not CBS v4 responses: the region division and population."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from etl.snapshot import Snapshot
from etl.transform.divisions import Geography
from etl.transform.regions import clean_region_title, parse_region_code

DIVISION_FILE = "gemeente_arbeidsmarktregio_cbs_2026.csv"
DIVISION_COLUMNS = ("gemeente_code", "gemeente_name", "arbeidsmarktregio_code", "arbeidsmarktregio_name",
                    "corop_code", "corop_name", "province_code", "province_name")
HISTORY_FILE = "gemeente_history_2010_2026_gebieden.csv"
AM_CODES_FILE = "arbeidsmarktregio_codes.csv"
RMC_FILE = "gemeente_rmc_{year}.csv"
RMC_COLUMNS = ("gemeente_code", "gemeente_name", "rmc_code", "rmc_name")
RMC_YEARS = (2022, 2023, 2024, 2025)             # the editions of Gebieden in Nederland with the RMC column
SUCCESSORS_FILE = "gemeente_successors.csv"
SUCCESSOR_COLUMNS = ("former_code", "former_name", "former_since", "last_year", "successor_code", "successor_name",
                     "kind", "successor_since")
RETIRED_RMC = {"MC14": "Arnhem/Nijmegen"}       # split into MC40 Rijk van Nijmegen and MC41 Arnhem (2021 edition)


class ReferenceShapeError(ValueError):
    """A reference file that does not have the expected shape."""


@dataclass(frozen=True)
class Division:
    """CBS's division of the gemeenten (Gebieden in Nederland): one row per gemeente with its arbeidsmarktregio,
    RMC region, COROP and provincie; the codes CBS used before (retired regions, former gemeenten) with their
    names; where each former gemeente went; and the gemeente names of every edition (to read downloads)."""

    year: int
    gemeenten: pd.DataFrame            # DIVISION_COLUMNS + rmc_code, rmc_name; sorted by gemeente_code
    retired: dict[str, str]            # code -> name
    successors: pd.DataFrame = field(default_factory=pd.DataFrame)   # SUCCESSOR_COLUMNS (a split: a row per part)
    names: pd.DataFrame = field(default_factory=pd.DataFrame)        # name, code, year: every edition's gemeente names
    rmc_years: dict[int, dict[str, tuple[str, str]]] = field(default_factory=dict)  # edition -> gemeente -> RMC
    titles: dict[str, str] = field(default_factory=dict)             # code -> CBS's title in 85554NED's code list

    @property
    def codes(self) -> set[str]:
        return {"NL01", *self.gemeenten["arbeidsmarktregio_code"], *self.gemeenten["rmc_code"],
                *self.gemeenten["gemeente_code"]}

    def geography(self) -> Geography:
        """Today's regions and how former gemeenten map onto them (:class:`etl.transform.divisions.Geography`)."""
        parts: dict[str, list[str]] = {}
        lifetimes: dict[str, tuple[int | None, int | None]] = {}
        names: dict[str, str] = {}
        for r in self.successors.itertuples(index=False):
            parts.setdefault(r.former_code, []).append(r.successor_code)
            names[r.former_code] = r.former_name
            lifetimes[r.former_code] = (int(r.former_since) if r.former_since else None, int(r.last_year))
            if r.successor_since:
                lifetimes[r.successor_code] = (int(r.successor_since), None)
        return Geography(division_regions(self), {k: tuple(sorted(v)) for k, v in parts.items()}, names, lifetimes)


def read_division(snapshot: Snapshot) -> Division:
    """The division of a ``division`` snapshot (86247NED): 342 gemeenten, their arbeidsmarktregio, RMC region, COROP
    and provincie; former gemeenten and where they went."""
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
    rmc_years = {y: _rmc_division(snapshot, y) for y in RMC_YEARS}
    latest = max(rmc_years)
    rmc = pd.DataFrame([{"gemeente_code": g, "rmc_code": c, "rmc_name": n}
                        for g, (c, n) in rmc_years[latest].items()])
    frame = frame.merge(rmc, on="gemeente_code", how="left")
    lacking = frame.loc[frame["rmc_code"].isna(), "gemeente_code"].tolist()
    if lacking:
        raise ReferenceShapeError(f"division: gemeente(n) {', '.join(lacking[:5])} have no RMC region in "
                                  f"{RMC_FILE.format(year=latest)}")
    frame = frame.sort_values("gemeente_code").reset_index(drop=True)
    current = {*frame["gemeente_code"], *frame["arbeidsmarktregio_code"], *frame["rmc_code"]}
    retired: dict[str, str] = {}
    titles: dict[str, str] = {}
    for r in _csv_rows(snapshot, AM_CODES_FILE, ("code", "title")):
        code = r["code"].strip()
        titles[code] = r["title"].strip()
        if code.startswith("AM") and code not in current and not code.endswith("99"):
            retired[code] = clean_region_title(r["title"])
    history = _csv_rows(snapshot, HISTORY_FILE, ("name", "code", "year"))
    for r in history:
        code = r["code"].strip()
        if code.startswith("GM") and code not in current and int(r["year"]) < year:
            retired.setdefault(code, r["name"].strip())
    retired.update(RETIRED_RMC)
    successors = _successors(snapshot, set(frame["gemeente_code"]))
    names = [{"name": r["name"].strip(), "code": r["code"].strip(), "year": int(r["year"])} for r in history]
    for edition in rmc_years:
        names += [{"name": name, "code": g, "year": edition} for g, name in _rmc_names(snapshot, edition).items()]
    names += [{"name": r.gemeente_name, "code": r.gemeente_code, "year": year} for r in frame.itertuples()]
    return Division(year, frame, dict(sorted(retired.items())), successors,
                    pd.DataFrame(names).drop_duplicates().reset_index(drop=True), rmc_years, titles)


def _rmc_division(snapshot: Snapshot, edition: int) -> dict[str, tuple[str, str]]:
    """Gemeente -> (RMC code, RMC name) of one edition of Gebieden in Nederland."""
    out = {}
    for r in _csv_rows(snapshot, RMC_FILE.format(year=edition), RMC_COLUMNS):
        code, rmc = parse_region_code(r["gemeente_code"]), r["rmc_code"].strip()
        if not (rmc.startswith("MC") and len(rmc) == 4 and rmc[2:].isdigit()):
            raise ReferenceShapeError(f"division: {RMC_FILE.format(year=edition)}: {code} has RMC code {rmc!r}")
        if code in out:
            raise ReferenceShapeError(f"division: {RMC_FILE.format(year=edition)}: {code} appears twice")
        out[code] = (rmc, r["rmc_name"].strip())
    return out


def _rmc_names(snapshot: Snapshot, edition: int) -> dict[str, str]:
    return {parse_region_code(r["gemeente_code"]): r["gemeente_name"].strip()
            for r in _csv_rows(snapshot, RMC_FILE.format(year=edition), RMC_COLUMNS)}


def _successors(snapshot: Snapshot, today: set[str]) -> pd.DataFrame:
    rows = _csv_rows(snapshot, SUCCESSORS_FILE, SUCCESSOR_COLUMNS)
    frame = pd.DataFrame([{c: r[c].strip() for c in SUCCESSOR_COLUMNS} for r in rows], columns=list(SUCCESSOR_COLUMNS))
    frame["last_year"] = frame["last_year"].astype(int)
    wrong = sorted(set(frame["successor_code"]) - today)
    if wrong:
        raise ReferenceShapeError(f"division: {SUCCESSORS_FILE} names successor(s) {', '.join(wrong[:5])} that are not "
                                  "gemeenten of today")
    still = sorted(set(frame["former_code"]) & today)
    if still:
        raise ReferenceShapeError(f"division: {SUCCESSORS_FILE} lists gemeenten of today as former: {', '.join(still[:5])}")
    kinds = frame.groupby("former_code")["kind"].agg(lambda k: (set(k), len(k)))
    for code, (kind, n) in kinds.items():
        if kind == {"merged"} and n != 1 or kind == {"split"} and n < 2 or kind - {"merged", "split"} or len(kind) > 1:
            raise ReferenceShapeError(f"division: {SUCCESSORS_FILE}: {code} must be merged into one gemeente or split "
                                      "over several")
    return frame.sort_values(["former_code", "successor_code"]).reset_index(drop=True)


def division_regions(division: Division) -> pd.DataFrame:
    """The store's regions: Nederland, the arbeidsmarktregio's, RMC regions and gemeenten of the division, names from
    it; a gemeente's ``parent_code`` is its arbeidsmarktregio and ``rmc_code`` its RMC region."""
    gm = division.gemeenten
    rows: list[dict[str, Any]] = [{"region_code": "NL01", "region_name": "Nederland", "region_level": "land",
                                   "parent_code": None, "rmc_code": None}]
    for level, code_col, name_col in (("arbeidsmarktregio", "arbeidsmarktregio_code", "arbeidsmarktregio_name"),
                                      ("rmc", "rmc_code", "rmc_name")):
        for code, part in gm.groupby(code_col, sort=True):
            names = set(part[name_col])
            if len(names) != 1:
                raise ReferenceShapeError(f"division: {code} has several names {sorted(names)}")
            rows.append({"region_code": code, "region_name": names.pop(), "region_level": level,
                         "parent_code": "NL01", "rmc_code": None})
    for g in gm.itertuples():
        rows.append({"region_code": g.gemeente_code, "region_name": g.gemeente_name, "region_level": "gemeente",
                     "parent_code": g.arbeidsmarktregio_code, "rmc_code": g.rmc_code})
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
