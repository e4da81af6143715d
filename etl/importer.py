"""``etl import-csv``: a CSV download of a CBS table (or of Eurostat's copy of one) -> raw snapshots with a manifest.

A download names categories, regions and periods by title.  Here, once, they become codes: periods by CBS's
period grammar (:func:`etl.transform.periods.parse_period_title`), regions through the table's recorded code list
or CBS's division files (:class:`RegionTitles`: gemeenten by the name they had in the row's year), other
categories through the table's code list where it is known and otherwise a code derived from the title (said so in
the manifest; the catalogue names those categories by title).  A title that does not resolve fails the import
with the titles listed.  Landsdelen, COROP areas and groupings of gemeenten are not imported (the store has no
such level): they are counted in the manifest.

Each slice of the catalogue the download holds becomes one snapshot in the shape a live fetch writes (code lists,
``observations-page-1.json``), so the build reads it through the same code and ``etl refresh`` replaces it.  The
snapshot keeps the header and the exact lines of the download its rows came from (``download-<n>.csv``): importing
those lines again gives the same snapshot, byte for byte.  Several files of one table are merged; where they share
a cell they must agree.  Either every slice is written or none.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from etl import demo_shape as shape
from etl.catalog import LICENCE, DownloadLayout, Slice, Source, attribution, source
from etl.download import Download, DownloadError, Row, parse_download, read_download
from etl.snapshot import list_snapshots, open_snapshot, write_snapshot
from etl.transform.periods import PeriodError, parse_period_title
from etl.transform.reference import Division
from etl.transform.regions import clean_region_title
from etl.transform.resolve import MEASURES, RawShapeError, filter_text, resolve_slice

SKIPPED_LEVELS = {"LD": "landsdeel", "CR": "COROP-gebied", "GA": "gemeentegrootte-klasse", "SG": "stedelijkheidsklasse"}
STORE_PREFIXES = ("NL01", "PV", "AM", "MC", "GM")   # what a slice without region prefixes imports
ASSIGNED_NOTE = ("The download names these categories by title; CBS's own codes were not available here, so the "
                 "importer derived a code from each title (the catalogue names them by title): {dims}.")
_SUFFIX = re.compile(r"^(?P<name>.*?)\s*\((?P<kind>AM|PV|LD|CR|MC|GA|SG|gemeente)\)\s*$")


@dataclass(frozen=True)
class Skip:
    """A region title that is deliberately not imported, and why."""

    reason: str


@dataclass
class RegionTitles:
    """Region titles -> codes: Nederland, provinces, arbeidsmarktregio's, RMC regions from the division and the
    retired codes it knows; gemeenten by the name they had in a year (names repeat over time: Groesbeek was
    GM0241 until 2014 and GM1945 in 2015)."""

    fixed: dict[str, str]                                   # "kind|name" -> code
    gemeente_names: dict[str, list[tuple[str, int]]]        # name -> [(code, last year the name was in use)]
    lifetimes: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, division: Division) -> RegionTitles:
        gm = division.gemeenten
        fixed = {"NL|nederland": "NL01", "PV|niet in te delen": "PV99", "AM|niet in te delen": "AM99",
                 "PV|friesland": "PV21"}                 # CBS's title of Fryslân until 2019
        for code, name in zip(gm["province_code"], gm["province_name"], strict=True):
            fixed[f"PV|{_norm(name)}"] = code
        for code, name in zip(gm["arbeidsmarktregio_code"], gm["arbeidsmarktregio_name"], strict=True):
            fixed[f"AM|{_norm(name)}"] = code
        for members in division.rmc_years.values():
            for _gm, (code, name) in members.items():
                fixed[f"MC|{_norm(name)}"] = code
        for code, title in division.titles.items():
            fixed.setdefault(f"{code[:2]}|{_norm(clean_region_title(title))}", code)
        for code, name in division.retired.items():
            if code.startswith(("AM", "MC")):
                fixed.setdefault(f"{code[:2]}|{_norm(name)}", code)
        names: dict[str, list[tuple[str, int]]] = {}
        for r in division.names.itertuples(index=False):
            names.setdefault(_norm(r.name), []).append((r.code, int(r.year)))
        for r in division.successors.drop_duplicates("former_code").itertuples(index=False):
            names.setdefault(_norm(r.former_name), []).append((r.former_code, int(r.last_year)))
        geo = division.geography()
        return cls(fixed, {k: sorted(set(v), key=lambda p: (p[1], p[0])) for k, v in names.items()},
                   dict(geo.lifetimes))

    def add_titles(self, titles: dict[str, str], kind: str) -> None:
        """More names for one kind (a table's own region code list: code -> title)."""
        for code, title in titles.items():
            self.fixed[f"{kind}|{_norm(clean_region_title(title))}"] = code

    def resolve(self, title: str, year: int, wanted: tuple[str, ...]) -> str | Skip | None:
        """The code of ``title`` in ``year``; a :class:`Skip` for a level not imported; None when unknown."""
        text = " ".join(str(title).split())
        m = _SUFFIX.match(text)
        kind, name = (m["kind"], m["name"]) if m else ("", text)
        if kind in SKIPPED_LEVELS:
            return Skip(SKIPPED_LEVELS[kind])
        if kind in ("", "gemeente") and f"NL|{_norm(name)}" in self.fixed:
            return self.fixed[f"NL|{_norm(name)}"]
        if kind in ("AM", "PV", "MC"):
            code = self.fixed.get(f"{kind}|{_norm(name)}")
            if code is None:
                return None
            return code if code.startswith(wanted) or code == "NL01" else Skip(_level_name(code))
        code = self._gemeente(name, year)
        if code is None:
            return None
        return code if code.startswith(wanted) else Skip("gemeente")

    def _gemeente(self, name: str, year: int) -> str | None:
        candidates = self.gemeente_names.get(_norm(name), [])
        alive = [(c, last) for c, last in candidates if self._existed(c, year)]
        later = sorted({(last, c) for c, last in alive if last >= year})
        if later:
            return later[0][1]
        return None

    def _existed(self, code: str, year: int) -> bool:
        first, last = self.lifetimes.get(code, (None, None))
        return (first is None or year >= first) and (last is None or year <= last)


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _level_name(code: str) -> str:
    return {"PV": "provincie", "AM": "arbeidsmarktregio", "MC": "RMC-regio", "GM": "gemeente"}.get(code[:2], code[:2])


@dataclass
class Cell:
    """One observation of the download, coded."""

    dims: dict[str, str]           # dimension -> code (region and Perioden included)
    measure: str
    value: float | None
    download: int                  # which download (index)
    row: Row


@dataclass
class Coded:
    """Everything read from the downloads: cells, code lists, what was not imported."""

    cells: list[Cell] = field(default_factory=list)
    titles: dict[str, dict[str, str]] = field(default_factory=dict)      # dimension -> code -> title
    statuses: dict[str, str] = field(default_factory=dict)               # period code -> status
    assigned: set[str] = field(default_factory=set)                      # dimensions with codes from titles
    skipped: dict[str, int] = field(default_factory=dict)                # reason -> rows
    shared: dict[tuple[str, ...], list[tuple[int, Row]]] = field(default_factory=dict)  # cell -> other files' rows


def import_downloads(table_id: str, paths: Sequence[Path], raw_dir: Path, division: Division | None, *,
                     reference_dir: Path | None = None, origins: Sequence[str] | None = None,
                     downloaded_at: str | None = None) -> list[Path]:
    """Import the downloads ``paths`` of ``table_id`` into ``raw_dir``; returns the snapshot folders written (none
    when the same snapshots exist already).  Raises :class:`DownloadError` naming the file and the line."""
    src = source(table_id)
    layout = src.download
    if layout is None:
        known = ", ".join(s.table_id for s in _importable())
        raise DownloadError(f"{src.table_id} cannot be imported from a download; importable: {known}")
    downloads = [read_download(Path(p), layout, src.table_id) for p in paths]
    return write_imported(src, downloads, raw_dir, division, reference_dir=reference_dir, origins=origins,
                          downloaded_at=downloaded_at or _mtime(paths))


def write_imported(src: Source, downloads: list[Download], raw_dir: Path, division: Division | None, *,
                   reference_dir: Path | None = None, origins: Sequence[str] | None = None,
                   downloaded_at: str) -> list[Path]:
    layout = src.download
    assert layout is not None
    recorded = _recorded_lists(src, reference_dir)
    coded = code_cells(src, layout, downloads, division, recorded)
    stamp = _stamp(downloaded_at)
    planned = []
    for slice_ in src.slices:
        files, meta = slice_files(src, slice_, layout, downloads, coded, recorded, origins, downloaded_at)
        if files is not None:
            planned.append((slice_, files, meta))
    if not planned:
        raise DownloadError(f"{', '.join(d.name for d in downloads)}: no rows of any slice of {src.table_id} "
                            f"({', '.join(s.name for s in src.slices)})")
    return _write_all(raw_dir, src, stamp, planned)


def code_cells(src: Source, layout: DownloadLayout, downloads: list[Download], division: Division | None,
               recorded: dict[str, dict[str, dict[str, Any]]]) -> Coded:
    """Every measure cell of the downloads with its dimensions resolved to codes (errors list what is unknown)."""
    coded = Coded()
    region_dim = layout.region_dim
    wanted = _wanted_prefixes(src)
    floor = min((s.periods_from for s in src.slices if s.periods_from), default=None)
    titles = RegionTitles.of(division) if division is not None else RegionTitles({}, {})
    if region_dim in recorded:
        titles.fixed.update({f"{c[:2]}|{_norm(clean_region_title(r.get('Title', '')))}": c
                             for c, r in recorded[region_dim].items()})
    for dim, mapping in layout.codes.items():
        if dim == region_dim:
            titles.fixed.update({f"NL|{_norm(t)}": c for t, c in mapping.items()})
    measure_codes = _measure_codes(layout, recorded)
    for download in downloads:
        _no_repeated_rows(download, layout)
    unknown: dict[str, list[str]] = {}
    seen: dict[tuple[str, ...], tuple[int, Row, dict[str, float | None]]] = {}
    for index, download in enumerate(downloads):
        for row in download.rows:
            period_title = row.cells["Perioden"]
            try:
                period, status = parse_period_title(period_title)
            except PeriodError as exc:
                raise DownloadError(f"{download.name}: line {row.line}: {exc}: not a period of {src.table_id}") from None
            year = int(period[:4])
            if floor is not None and year < floor:
                _count(coded.skipped, f"periods before {floor}")
                continue
            dims: dict[str, str] = {"Perioden": period}
            names_of = (year if src.gemeente_division == "period" else src.gemeente_division
                        or (division.year if division is not None else year))
            region = titles.resolve(row.cells[region_dim], names_of, wanted)
            if row.cells[region_dim].strip() in layout.groupings:
                region = Skip("groepering van gemeenten")
            if isinstance(region, Skip):
                _count(coded.skipped, region.reason)
                continue
            if region is None and all(not row.cells[m.key].strip() for m in layout.measures if m.key in row.cells):
                _count(coded.skipped, "empty rows of gemeenten in years they did not exist")
                continue
            if region is None:
                unknown.setdefault(f"{region_dim} {row.cells[region_dim].strip()!r} ({names_of})",
                                   []).append(f"{download.name}:{row.line}")
                continue
            dims[region_dim] = region
            coded.titles.setdefault(region_dim, {})[region] = row.cells[region_dim].strip()
            known = True
            for column in layout.dimensions:
                if column.key in (region_dim, "Perioden"):
                    continue
                code = _category(column.key, row.cells[column.key], layout, recorded, coded)
                if code is None:
                    unknown.setdefault(f"{column.key} {row.cells[column.key].strip()!r}",
                                       []).append(f"{download.name}:{row.line}")
                    known = False
                    continue
                dims[column.key] = code
            if not known:
                continue
            coded.titles.setdefault("Perioden", {})[period] = period_title.strip().rstrip("*")
            if status:
                coded.statuses[period] = status
            values = {measure_codes[m.key]: _number(row.cells[m.key], download.name, row.line, m.title)
                      for m in layout.measures if m.key in row.cells}
            key = tuple(dims[d.key] for d in layout.dimensions)
            if key in seen:                          # another file gives the same cell: it must agree
                first_index, first_row, first_values = seen[key]
                shared = set(values) & set(first_values)
                differ = [m for m in shared if values[m] != first_values[m]]
                if differ:
                    raise DownloadError(f"{download.name}: line {row.line} and {downloads[first_index].name}: line "
                                        f"{first_row.line} give different values for the same cell ({differ[0]}: "
                                        f"{values[differ[0]]} vs {first_values[differ[0]]})")
                coded.shared.setdefault(key, []).append((index, row))
                for m in set(values) - set(first_values):
                    coded.cells.append(Cell(dims, m, values[m], index, row))
                continue
            seen[key] = (index, row, values)
            for m, value in values.items():
                coded.cells.append(Cell(dims, m, value, index, row))
    if unknown:
        listed = "; ".join(f"{title} at {', '.join(where[:3])}{' ...' if len(where) > 3 else ''}"
                           for title, where in list(unknown.items())[:8])
        more = f" (and {len(unknown) - 8} more)" if len(unknown) > 8 else ""
        raise DownloadError(f"{src.table_id}: {len(unknown)} title(s) not in the table's code lists or the division "
                            f"of their year: {listed}{more}")
    return coded


def _no_repeated_rows(download: Download, layout: DownloadLayout) -> None:
    """Every row once: the same categories, region and period twice is an error, whatever the row holds."""
    seen: dict[tuple[str, ...], int] = {}
    for row in download.rows:
        key = tuple(" ".join(row.cells[d.key].split()) for d in layout.dimensions)
        if key in seen:
            raise DownloadError(f"{download.name}: line {row.line} repeats line {seen[key]} (the same "
                                f"{', '.join(c.title for c in layout.dimensions)})")
        seen[key] = row.line


def _measure_codes(layout: DownloadLayout, recorded: dict[str, dict[str, dict[str, Any]]]) -> dict[str, str]:
    """Download column -> measure code: the recorded code of the measure with that title, else the v3 key."""
    if MEASURES not in recorded:
        return {m.key: m.key for m in layout.measures}
    by_title = {_norm(r.get("Title", "")): c for c, r in recorded[MEASURES].items()}
    out = {}
    for m in layout.measures:
        if _norm(m.title) not in by_title:
            raise DownloadError(f"measure {m.title!r} is not in the recorded code list "
                                f"({', '.join(r.get('Title', '') for r in recorded[MEASURES].values())})")
        out[m.key] = by_title[_norm(m.title)]
    return out


def _combo(row: Row, layout: DownloadLayout) -> tuple[str, ...]:
    """A row's categories apart from region and period: the block of CBS's row order it belongs to."""
    return tuple(" ".join(row.cells[d.key].split()) for d in layout.dimensions
                 if d.key not in (layout.region_dim, "Perioden"))


def _category(dim: str, title: str, layout: DownloadLayout, recorded: dict[str, dict[str, dict[str, Any]]],
              coded: Coded) -> str | None:
    text = " ".join(title.split())
    if dim in layout.codes:
        code = layout.codes[dim].get(text)
    elif dim in recorded:
        code = next((c for c, r in recorded[dim].items() if _norm(r.get("Title", "")) == _norm(text)), None)
    else:
        code = shape.demo_code(dim, text, total=text.casefold().startswith("totaal"))
        coded.assigned.add(dim)
    if code is not None:
        coded.titles.setdefault(dim, {})[code] = text
    return code


def _number(cell: str, name: str, line: int, measure: str) -> float | None:
    text = cell.strip()
    if text in ("", ".", "x", "-"):
        return None
    try:
        value = float(text)
    except ValueError:
        raise DownloadError(f"{name}: line {line}: {measure} is {cell!r}, not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise DownloadError(f"{name}: line {line}: {measure} is {cell!r}, not a finite number")
    return value


def slice_files(src: Source, slice_: Slice, layout: DownloadLayout, downloads: list[Download], coded: Coded,
                recorded: dict[str, dict[str, dict[str, Any]]], origins: Sequence[str] | None, downloaded_at: str
                ) -> tuple[dict[str, bytes] | None, dict[str, Any]]:
    """The files and manifest of one slice's snapshot, or None when the downloads hold none of its rows."""
    table = src.table_id
    lists = _code_lists(src, layout, coded, recorded)
    try:
        resolved = resolve_slice(src, slice_, lambda dim: _records(lists, dim))
    except RawShapeError:
        return None, {}
    dim_codes = resolved.dimensions
    measures = resolved.measures
    prefixes = slice_.region_prefixes
    cells = [c for c in coded.cells
             if c.measure in measures
             and all(not codes or c.dims[d] in codes for d, codes in dim_codes.items())
             and (not prefixes or c.dims[layout.region_dim].startswith(prefixes))
             and (slice_.periods_from is None or int(c.dims["Perioden"][:4]) >= slice_.periods_from)]
    if not cells:
        return None, {}
    files = _metadata_files(src, layout, lists, cells, coded, recorded)
    cube = shape.Cube({d.key: sorted({c.dims[d.key] for c in cells}) for d in layout.dimensions}, sorted(measures))
    records = [cube.observation(c.measure, c.value, "None" if c.value is not None else "NotAvailable",
                                {d.key: c.dims[d.key] for d in layout.dimensions}) for c in cells]
    files["observations-page-1.json"] = shape.observations(table, records)
    used: dict[int, dict[int, Row]] = {}
    cut: set[int] = set()
    for c in cells:
        used.setdefault(c.download, {})[c.row.line] = c.row
        for index, row in coded.shared.get(tuple(c.dims[d.key] for d in layout.dimensions), []):
            used.setdefault(index, {})[row.line] = row            # the same cell in another file: its line too
        if downloads[c.download].cut_at_page and _combo(c.row, layout) == _combo(downloads[c.download].rows[-1], layout):
            cut.add(c.download)
    sources = []
    for n, (index, rows) in enumerate(sorted(used.items()), start=1):
        download = downloads[index]
        files[f"download-{n}.csv"] = download.lines(rows[k] for k in sorted(rows))
        sources.append({"file": f"download-{n}.csv", "name": download.name, "sha256": download.sha256,
                        "rows_in_file": len(download.rows), "rows_kept": len(rows),
                        "cut_at_page": download.cut_at_page, "slice_cut": index in cut,
                        "origin": (origins[index] if origins and index < len(origins) else None)})
    meta = _manifest(src, slice_, filter_text(src, slice_, resolved), cells, coded, sources, downloaded_at)
    return files, meta


def _code_lists(src: Source, layout: DownloadLayout, coded: Coded,
                recorded: dict[str, dict[str, dict[str, Any]]]) -> dict[str, dict[str, dict[str, Any]]]:
    lists: dict[str, dict[str, dict[str, Any]]] = {}
    for column in layout.dimensions:
        if column.key in recorded:
            lists[column.key] = recorded[column.key]
        else:
            lists[column.key] = {code: {"Identifier": code, "Title": title}
                                 for code, title in sorted(coded.titles.get(column.key, {}).items())}
    if MEASURES in recorded:
        lists[MEASURES] = recorded[MEASURES]
    else:
        lists[MEASURES] = {m.key: {"Identifier": m.key, "Title": m.title, "Unit": m.unit, "Decimals": m.decimals}
                           for m in layout.measures}
    return lists


def _records(lists: dict[str, dict[str, dict[str, Any]]], dim: str) -> dict[str, dict[str, Any]]:
    if dim not in lists:
        raise RawShapeError(f"dimension {dim!r} not in the download")
    return lists[dim]


def _metadata_files(src: Source, layout: DownloadLayout, lists: dict[str, dict[str, dict[str, Any]]],
                    cells: list[Cell], coded: Coded, recorded: dict[str, dict[str, dict[str, Any]]]
                    ) -> dict[str, bytes]:
    """Properties, dimensions, measures and code lists in CBS's v4 shape: recorded lists whole, the others with
    the codes this slice's rows use (so the slice's own lines give the same files again)."""
    table = src.table_id
    geo = {layout.region_dim: ""}
    files = {"properties.json": shape.dump({
        "Identifier": table, "Title": src.title, "Description": "", "Language": "nl", "Modified": None,
        "Catalog": src.publisher, "Status": "Regulier", "DatasetType": "Numeric",
        "Source": f"{src.publisher} (CSV download, imported by etl import-csv)"}),
        "dimensions.json": shape.dimensions(table, [d.key for d in layout.dimensions], geo)}
    if MEASURES in recorded:
        files["measure-codes.json"] = shape.collection(table, "MeasureCodes", list(recorded[MEASURES].values()))
    else:
        files["measure-codes.json"] = shape.measures(table, [(m.key, m.title, m.unit or "aantal", m.decimals)
                                                             for m in layout.measures])
    for column in layout.dimensions:
        dim = column.key
        if dim in recorded:
            files[f"codes-{dim}.json"] = shape.collection(table, f"{dim}Codes", list(recorded[dim].values()))
            continue
        used = sorted({c.dims[dim] for c in cells})
        if dim == "Perioden":
            rows = [(code, lists[dim][code]["Title"], _status_word(coded.statuses.get(code))) for code in used]
            files[f"codes-{dim}.json"] = shape.period_codes(table, rows)
        else:
            files[f"codes-{dim}.json"] = shape.codes(table, dim, [(code, lists[dim][code]["Title"], "")
                                                                  for code in used])
    return files


def _status_word(status: str | None) -> str:
    return {"voorlopig": "Voorlopig", "nader voorlopig": "NaderVoorlopig"}.get(status or "", "Definitief")


def _manifest(src: Source, slice_: Slice, filter_expr: str, cells: list[Cell], coded: Coded,
              sources: list[dict[str, Any]], downloaded_at: str) -> dict[str, Any]:
    region_dim = src.download.region_dim if src.download else "RegioS"
    periods = sorted({c.dims["Perioden"] for c in cells})
    levels: dict[str, set[str]] = {}
    for c in cells:
        levels.setdefault(_level_name(c.dims[region_dim]) if c.dims[region_dim] != "NL01" else "land",
                          set()).add(c.dims[region_dim])
    empty = sum(1 for c in cells if c.value is None)
    cut = [s["name"] for s in sources if s["slice_cut"]]
    notes = []
    if coded.assigned:
        notes.append(ASSIGNED_NOTE.format(dims=", ".join(sorted(coded.assigned))))
    if cut:
        notes.append(f"{', '.join(cut)} holds exactly 10,000 rows, one page of CBS's feed, and ends inside this slice: "
                     "its regions and periods after the last row are absent (see coverage).")
    if not any(c.dims["Perioden"] in coded.statuses for c in cells):
        notes.append("The download marks no period as provisional; periods are taken as CBS's code list gives them, "
                     "or as definitive where no code list is recorded.")
    return {
        "table_id": src.table_id, "title": src.title, "url": src.url, "statline_url": src.statline_url,
        "filter": filter_expr, "cbs_modified": None, "fetched_at": downloaded_at,
        "api": "eurostat-csv" if src.kind == "eurostat" else "statline-csv", "is_demo": False,
        "licence": "see attribution" if src.publisher != "CBS" else LICENCE,
        "attribution": attribution(src.table_id, False),
        "origin": " ".join(s["origin"] for s in sources if s["origin"]) or
                  f"CSV download(s) {', '.join(s['name'] for s in sources)}, imported by etl import-csv.",
        "downloads": sources,
        "coverage": {"periods": f"{periods[0]}–{periods[-1]}" if len(periods) > 1 else periods[0],
                     "period_count": len(periods),
                     "regions": {lvl: len(codes) for lvl, codes in sorted(levels.items())},
                     "cells": len(cells), "empty_cells": empty},
        "complete": not cut,
        "not_imported": dict(sorted(coded.skipped.items())),
        "notes": notes,
    }


def _write_all(raw_dir: Path, src: Source, stamp: str, planned: list[tuple[Slice, dict[str, bytes], dict[str, Any]]]
               ) -> list[Path]:
    """Write every slice's snapshot, or none; an identical snapshot already there is left as it is."""
    written: list[Path] = []
    try:
        for slice_, files, meta in planned:
            existing = [p for p in list_snapshots(raw_dir, src.table_id, slice_.name) if p.name == stamp]
            if existing:
                if _same(existing[0], files, meta):
                    continue
                raise DownloadError(f"{src.table_id}/{slice_.name}/{stamp} exists with other content; raw snapshots "
                                    "are immutable (give another --downloaded-at, or remove it first)")
            written.append(write_snapshot(raw_dir, src.table_id, slice_.name, stamp, files, meta))
    except BaseException:
        for path in written:
            shutil.rmtree(path, ignore_errors=True)
        raise
    return written


def _same(path: Path, files: dict[str, bytes], meta: dict[str, Any]) -> bool:
    snap = open_snapshot(path)
    if set(snap.manifest.get("files", {})) != set(files):
        return False
    return all((path / name).read_bytes() == data for name, data in files.items())


def _recorded_lists(src: Source, reference_dir: Path | None) -> dict[str, dict[str, dict[str, Any]]]:
    """The table's genuine v4 code lists where recorded (``data/reference/cbs-metadata/<table>/``)."""
    if reference_dir is None:
        return {}
    folder = Path(reference_dir) / "cbs-metadata" / src.table_id
    if not folder.is_dir():
        return {}
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for path in sorted(folder.glob("codes-*.json")):
        dim = path.name.removeprefix("codes-").removesuffix(".json")
        out[dim] = {str(r["Identifier"]).strip(): r for r in json.loads(path.read_text(encoding="utf-8"))["value"]}
    measures = folder / "measure-codes.json"
    if measures.exists():
        out[MEASURES] = {str(r["Identifier"]).strip(): r
                         for r in json.loads(measures.read_text(encoding="utf-8"))["value"]}
    return out


def _wanted_prefixes(src: Source) -> tuple[str, ...]:
    prefixes = {p for s in src.slices for p in (s.region_prefixes or STORE_PREFIXES)}
    return tuple(sorted(prefixes))


def _count(counter: dict[str, int], key: str) -> None:
    counter[key] = counter.get(key, 0) + 1


def _stamp(iso: str) -> str:
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _mtime(paths: Iterable[Path]) -> str:
    latest = max(Path(p).stat().st_mtime for p in paths)
    return datetime.fromtimestamp(latest, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _importable() -> list[Source]:
    from etl.catalog import SOURCES
    return [s for s in SOURCES if s.download is not None]


def reimport(snapshot_dir: Path, raw_dir: Path, division: Division | None, reference_dir: Path | None
             ) -> dict[str, bytes]:
    """The files an import of a snapshot's own ``download-<n>.csv`` lines writes for its slice (reproducibility)."""
    snap = open_snapshot(Path(snapshot_dir))
    src = source(snap.manifest["table_id"])
    slice_ = src.slice(snap.path.parent.name)
    layout = src.download
    assert layout is not None
    downloads = []
    for entry in snap.manifest["downloads"]:
        data = (snap.path / entry["file"]).read_bytes()
        downloads.append(parse_download(data, entry["name"], layout, src.table_id))
    recorded = _recorded_lists(src, reference_dir)
    coded = code_cells(src, layout, downloads, division, recorded)
    files, meta = slice_files(src, slice_, layout, downloads, coded, recorded,
                              [e["origin"] for e in snap.manifest["downloads"]], snap.manifest["fetched_at"])
    return files or {}


