"""Import the real CBS material from ``shared/data`` into raw snapshots (a one-off, reproducible).

Copies files byte for byte and writes a manifest saying where each came from.
The snapshot folder is named after the capture time when known.
"""

from __future__ import annotations

import json
from pathlib import Path

from etl.catalog import ATTRIBUTION, GEO_ATTRIBUTION, LICENCE, attribution, division_source, source
from etl.snapshot import current_snapshot, list_snapshots, write_snapshot
from etl.transform.reference import (
    AM_CODES_FILE,
    DIVISION_FILE,
    HISTORY_FILE,
    RMC_FILE,
    RMC_YEARS,
    SUCCESSORS_FILE,
    read_division,
)

DIVISION_STAMP = "20261201T000000Z"      # the division with the RMC regions and the successor list (December 2026)
REPOSITORY_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"
DERTJE = ("The public repository dertje/cbs_datasets downloaded every CBS table through the v3 OData feed "
          "(TypedDataSet, codes replaced by titles) on 2025-04-22 and committed one ';'-separated CSV per table; "
          "these files hold the first 10,000 rows only (one page of the feed). Byte copy from commit {commit}, "
          "output_files/all_datasets/{table}.csv (git blob hash checked; shared/data/README.md).")

# The CBS downloads in shared/data: (table, files under shared/data, downloaded at, origin of each file).
DOWNLOADS = (
    ("84780NED", ("vsv/84780NED.csv",), "2025-04-22", (DERTJE.format(commit="19ce4e16", table="84780NED"),)),
    ("86087NED", ("cbs-youth/86087NED.csv", "youth-jobseekers/86087NED_gem_unemployment.csv"), "2025-06-16T13:58:06Z",
     (DERTJE.format(commit="fda64267", table="86087NED"),
      "A StatLine CSV download of 86087NED (16 June 2025, Arbeidsmarktsituatie_jongeren__regio_16062025_135806.csv) "
      "read and written again by R (read.csv / write.csv): Nederland and the 342 gemeenten, 2020-2023; byte copy of "
      "'standard data/gem_unemployment.csv' in the public repository Collinveenstra/Programming-group2- (commit "
      "f6a8df36; git blob 8e00aaaa).")),
    ("85554NED", ("cbs-youth/85554NED.csv",), "2025-04-22", (DERTJE.format(commit="fda64267", table="85554NED"),)),
    ("82859NED", ("cbs-youth/82859NED.csv",), "2025-04-22", (DERTJE.format(commit="d06c9ccb", table="82859NED"),)),
    ("une_rt_m", ("youth-unemployment/eurostat_une_rt_m_NL_extract.csv",), "2026-03-04T11:00:00Z",
     ("Eurostat SDMX-CSV export of une_rt_m (LAST UPDATE 04/03/26): the header and the 100 Netherlands rows, lines "
      "unchanged, of data/une_rt_m.csv in the public repository LoikoM/EU-Economic-Monitor (commit 09d6b078, blob "
      "3c4a6476). Eurostat's copy of CBS's labour force survey.",)),
)


def import_shared(shared: Path, raw_dir: Path) -> list[Path]:
    """Write the genuine snapshots (80590ned recording, 85984NED, the CBS division 86247NED, boundaries) if not
    there yet."""
    shared = Path(shared)
    written = []
    rec = shared / "cbs" / "80590ned"
    index = json.loads((rec / "index.json").read_text(encoding="utf-8"))
    props = json.loads((rec / "properties.json").read_text(encoding="utf-8"))
    files = {p.name: p.read_bytes() for p in sorted(rec.glob("*.json")) if p.name != "index.json"}
    files["recording-index.json"] = (rec / "index.json").read_bytes()
    stamp = _stamp(index["capturedAt"])
    written += _write_once(raw_dir, "80590ned", "totaal-15-75", stamp, files, {
        "table_id": "80590ned", "title": props["Title"].strip(), "url": index["source"],
        "statline_url": source("80590ned").statline_url, "filter": index["sliceFilter"],
        "cbs_modified": props.get("Modified"), "fetched_at": index["capturedAt"], "api": "odata-v4",
        "is_demo": False, "licence": LICENCE, "attribution": ATTRIBUTION,
        "origin": "Genuine CBS v4 recording, published as test fixtures in the public repository "
                  "Stefan7168/checkdecijfers (commit 1a16eed9, tests/fixtures/cbs/80590ned/), copied unchanged.",
    })

    pop = shared / "cbs" / "85984NED"
    infos = json.loads((pop / "TableInfos.json").read_text(encoding="utf-8"))
    info = infos[0] if isinstance(infos, list) and infos else {}
    written += _write_once(raw_dir, "85984NED", "gemeenten", "20240101T000000Z",
                           {p.name: p.read_bytes() for p in sorted(pop.glob("*.json"))}, {
        "table_id": "85984NED", "title": (info.get("Title") or "Kerncijfers wijken en buurten 2024").strip(),
        "url": "https://opendata.cbs.nl/ODataApi/odata/85984NED", "statline_url": source("85984NED").statline_url,
        "filter": "gemeenten en wijken; AantalInwoners_5 en enkele andere kolommen",
        "cbs_modified": info.get("Modified"), "fetched_at": None, "api": "odata-v3 (reduced copy)",
        "is_demo": False, "licence": LICENCE, "attribution": ATTRIBUTION,
        "origin": "Reduced copy of the CBS v3 data set from the public repository "
                  "niquedegraaff/Wikipedia-Generator-CBS-Kerncijfers-Wijken-en-Buurten (commit 55981982, 2024/cbs_data/); "
                  "the 342 gemeenten sum to 17,942,942 = CBS population on 1 January 2024.",
    })

    written += import_division(shared, raw_dir)
    written += import_cbs_downloads(shared, raw_dir)

    geo = shared / "geo"
    written += _write_once(raw_dir, "gebieden-2025", "afgeleid", "20250101T000000Z", {
        "gemeente_arbeidsmarktregio_2025.csv": (geo / "gemeente_arbeidsmarktregio_2025.csv").read_bytes(),
        "arbeidsmarktregio_codes.csv": (shared / "regions" / "arbeidsmarktregio_codes.csv").read_bytes(),
        "gemeente_2025.geojson": (geo / "gemeente_2025.geojson").read_bytes(),
        "arbeidsmarktregio_2025.geojson": (geo / "arbeidsmarktregio_2025.geojson").read_bytes(),
    }, {
        "table_id": "gebieden-2025", "title": source("gebieden-2025").title, "url": None, "statline_url": None,
        "filter": None, "cbs_modified": None, "fetched_at": None, "api": "files", "is_demo": False,
        "derived": True, "licence": LICENCE, "attribution": GEO_ATTRIBUTION,
        "origin": "DERIVED, not a CBS table. Boundaries: PDOK 'CBS Gebiedsindelingen' generalised layers as "
                  "published by cartomap/nl; each gemeente is assigned to the arbeidsmarktregio polygon it overlaps "
                  "most (smallest overlap 0.84, Druten). Region titles from the CBS code list of 85554NED.",
    })
    return written


def import_division(shared: Path, raw_dir: Path, reference_dir: Path = REPOSITORY_DIR) -> list[Path]:
    """CBS's "Gebieden in Nederland 2026" (86247NED) as compiled in shared/data/regions, with the codes CBS used
    before it (the 85554NED arbeidsmarktregio code list and the 2010-2026 gemeente history), the RMC regions of
    the editions 2022-2025 and where each former gemeente went (our compiled list, data/reference)."""
    regions = Path(shared) / "regions"
    div = division_source()
    files = {name: (regions / name).read_bytes() for name in (DIVISION_FILE, HISTORY_FILE, AM_CODES_FILE)}
    files.update({RMC_FILE.format(year=y): (regions / RMC_FILE.format(year=y)).read_bytes() for y in RMC_YEARS})
    files[SUCCESSORS_FILE] = (Path(reference_dir) / SUCCESSORS_FILE).read_bytes()
    return _write_once(raw_dir, div.table_id, div.slices[0].name, DIVISION_STAMP, files, {
        "table_id": div.table_id, "title": div.title, "url": f"https://datasets.cbs.nl/odata/v1/CBS/{div.table_id}",
        "statline_url": div.statline_url, "filter": None, "cbs_modified": None, "fetched_at": None,
        "api": "files (compiled from CBS TypedDataSets)", "is_demo": False, "division_year": div.division_year,
        "licence": LICENCE, "attribution": attribution(div.table_id, False),
        "origin": f"CBS 'Gebieden in Nederland {div.division_year}' ({div.table_id}): the division of the 342 "
                  "gemeenten into arbeidsmarktregio's, COROP-gebieden and provincies, as compiled from CBS's "
                  "TypedDataSets by the public repository ahrnuld/jobmarket (data/reference/municipalities.csv, "
                  "commit a0b3183); cross-checked against an independent extraction (cedanl/onderwijsdata-chat, "
                  "data/arbeidsmarktregio_gemeente.json, fetched from CBS 2026-10-09): same region for all 342. "
                  f"{HISTORY_FILE}: the same compilation for every gemeente name in the Gebieden in Nederland tables "
                  f"2010-2026 (former gemeenten). {AM_CODES_FILE}: the arbeidsmarktregio code list of 85554NED "
                  "(genuine v4 metadata, July 2026), incl. the retired codes AM04, AM16 and AM31. "
                  f"{RMC_FILE.format(year='<year>')}: the RMC regions (Regionale Meld- en Coordinatiefunctie) of "
                  "Gebieden in Nederland 2022-2025 (85067NED, 85385NED, 85755NED, 86059NED) from the public repository "
                  "dertje/cbs_datasets; the 2026 edition's RMC column was not found, so today's RMC regions are those "
                  f"of 2025 (the gemeenten did not change from 2025 to 2026). {SUCCESSORS_FILE}: where each former "
                  "gemeente of 2010-2025 went, compiled from CBS's list of municipal reorganisations "
                  "(gemeentelijke herindelingen) and checked against CBS's own figures (docs/sources.md).",
    })


def import_cbs_downloads(shared: Path, raw_dir: Path, reference_dir: Path = REPOSITORY_DIR) -> list[Path]:
    """The CBS (and Eurostat) CSV downloads of shared/data, through ``etl import-csv``'s own code."""
    from etl.importer import import_downloads
    division = read_division(current_snapshot(raw_dir, division_source().table_id, division_source().slices[0].name))
    written: list[Path] = []
    for table, names, downloaded_at, origins in DOWNLOADS:
        written += import_downloads(table, [Path(shared) / n for n in names], raw_dir, division,
                                    reference_dir=reference_dir, origins=origins, downloaded_at=downloaded_at)
    return written


def _stamp(iso: str) -> str:
    return iso.replace("-", "").replace(":", "").split(".")[0].rstrip("Z") + "Z"


def _write_once(raw_dir: Path, table: str, slice_name: str, stamp: str, files: dict[str, bytes],
                meta: dict) -> list[Path]:
    if any(p.name == stamp for p in list_snapshots(raw_dir, table, slice_name)):
        return []
    return [write_snapshot(raw_dir, table, slice_name, stamp, files, meta)]
