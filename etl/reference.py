"""Import the real CBS material from ``shared/data`` into raw snapshots (a one-off, reproducible).

Copies files byte for byte and writes a manifest saying where each came from.
The snapshot folder is named after the capture time when known.
"""

from __future__ import annotations

import json
from pathlib import Path

from etl.catalog import ATTRIBUTION, LICENCE, source
from etl.snapshot import list_snapshots, write_snapshot

GEO_ATTRIBUTION = "Grenzen: CBS/PDOK, CBS Gebiedsindelingen (gegeneraliseerd), via cartomap/nl"


def import_shared(shared: Path, raw_dir: Path) -> list[Path]:
    """Write the genuine snapshots (80590ned recording, 85984NED, derived gebieden) if not there yet."""
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


def _stamp(iso: str) -> str:
    return iso.replace("-", "").replace(":", "").split(".")[0].rstrip("Z") + "Z"


def _write_once(raw_dir: Path, table: str, slice_name: str, stamp: str, files: dict[str, bytes],
                meta: dict) -> list[Path]:
    if any(p.name == stamp for p in list_snapshots(raw_dir, table, slice_name)):
        return []
    return [write_snapshot(raw_dir, table, slice_name, stamp, files, meta)]
