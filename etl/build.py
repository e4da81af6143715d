"""Build the store from the current raw snapshots (offline, deterministic)."""

from __future__ import annotations

import os
import platform
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from etl import __version__
from etl.catalog import ATTRIBUTION, INDICATORS, LICENCE, LICENCE_URL, SOURCES, UNIT_LABELS, Source
from etl.snapshot import Snapshot, current_snapshot
from etl.store import save_store
from etl.transform.raw import read_observations
from etl.transform.reference import dumps_geojson, parse_population, parse_regions, read_geojson
from etl.transform.tables import TABLE_TRANSFORMS, population


class BuildError(RuntimeError):
    """The build failed; the previous store is untouched."""


def build_store(raw_dir: Path, store_dir: Path) -> dict[str, Any]:
    """Transform the current raw snapshots into a validated store; returns the summary."""
    raw_dir, store_dir = Path(raw_dir), Path(store_dir)
    gebieden = current_snapshot(raw_dir, "gebieden-2025", "afgeleid")
    regions = parse_regions(gebieden)
    used: list[tuple[str, Snapshot]] = [("gebieden-2025", gebieden)]
    parts = []
    for source in SOURCES:
        if source.table_id in TABLE_TRANSFORMS:
            tidy, snapshots = transform_source(raw_dir, source, regions)
            parts.append(tidy)
            used.extend((source.table_id, snap) for snap in snapshots)
    pop_snap = current_snapshot(raw_dir, "85984NED", "gemeenten")
    used.append(("85984NED", pop_snap))
    parts.append(population(parse_population(pop_snap), regions))

    observations = pd.concat(parts, ignore_index=True)
    observations = observations.sort_values(["indicator", "region_code", "period_start"], kind="mergesort")
    observations = observations.reset_index(drop=True)
    observations["period_start"] = observations["period_start"].astype("datetime64[ns]")
    geo = {
        "arbeidsmarktregio.geojson": dumps_geojson(read_geojson(gebieden, "arbeidsmarktregio_2025.geojson")),
        "gemeente.geojson": dumps_geojson(read_geojson(gebieden, "gemeente_2025.geojson")),
    }
    manifest = make_manifest(used, observations)
    manifest = save_store(store_dir, observations, regions, indicator_metadata(observations), manifest, geo)
    return summarise(observations, regions, manifest)


def transform_source(raw_dir: Path, source: Source, regions: pd.DataFrame) -> tuple[pd.DataFrame, list[Snapshot]]:
    """Tidy rows of one CBS table from its current snapshots, and the snapshots used."""
    frames, demo, snapshots = {}, {}, []
    for slice_ in source.slices:
        snap = current_snapshot(raw_dir, source.table_id, slice_.name)
        snapshots.append(snap)
        frames[slice_.name] = read_observations(snap, source, slice_)
        demo[slice_.name] = snap.is_demo
    return TABLE_TRANSFORMS[source.table_id](frames, regions, demo), snapshots


def indicator_metadata(observations: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for ind in INDICATORS:
        rows = observations[observations["indicator"] == ind.id]
        meta = asdict(ind)
        meta["source_tables"] = list(ind.source_tables)
        meta["levels"] = sorted(set(rows["region_level"]), key=["land", "arbeidsmarktregio", "gemeente"].index)
        meta["unit_label"] = UNIT_LABELS[ind.unit]
        meta["frequencies"] = sorted(set(rows["frequency"]))
        meta["is_demo"] = bool(rows["is_demo"].any())
        meta["licence"] = LICENCE
        out.append(meta)
    return out


def make_manifest(used: list[tuple[str, Snapshot]], observations: pd.DataFrame) -> dict[str, Any]:
    tables: dict[str, dict[str, Any]] = {}
    for table_id, snap in used:
        m = snap.manifest
        entry = tables.setdefault(table_id, {
            "table_id": table_id, "title": m.get("title"), "url": m.get("url"),
            "statline_url": m.get("statline_url"), "cbs_modified": m.get("cbs_modified"),
            "licence": m.get("licence", LICENCE), "slices": [],
        })
        entry["slices"].append({
            "slice": snap.path.parent.name, "snapshot": snap.path.name, "filter": m.get("filter"),
            "fetched_at": m.get("fetched_at"), "is_demo": snap.is_demo, "origin": m.get("origin"),
            "files": m.get("files", {}),
        })
        entry["is_demo"] = any(s["is_demo"] for s in entry["slices"])
    return {
        "software": {"name": "jongeren-arbeidsmarkt", "version": __version__, "python": platform.python_version(),
                     "pandas": pd.__version__},
        "built_at": os.environ.get("ETL_BUILT_AT") or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licence": LICENCE, "licence_url": LICENCE_URL, "attribution": ATTRIBUTION,
        "is_demo": bool(observations["is_demo"].any()),
        "inputs_version": inputs_version(used),   # save_store adds data_version and store_files (checksums)
        "sources": [tables[k] for k in sorted(tables, key=str.lower)],
    }


def inputs_version(used: list[tuple[str, Snapshot]]) -> str:
    """A short hash of every raw file used: equal inputs give an equal version.  Provenance only: the transforms
    can change the values from the same inputs, so the served ``data_version`` is a hash of the store's files."""
    import hashlib
    h = hashlib.sha256()
    for table_id, snap in sorted(used, key=lambda u: str(u[1].path)):
        for name, info in sorted(snap.manifest.get("files", {}).items()):
            h.update(f"{table_id}/{snap.path.parent.name}/{snap.path.name}/{name}:{info['sha256']}\n".encode())
    return h.hexdigest()[:12]


def summarise(observations: pd.DataFrame, regions: pd.DataFrame, manifest: dict[str, Any]) -> dict[str, Any]:
    per = []
    for ind, rows in observations.groupby("indicator", sort=True):
        per.append({"indicator": ind, "rows": len(rows), "regions": rows["region_code"].nunique(),
                    "periods": f"{rows['period'].iloc[rows['period_start'].argmin()]}–"
                               f"{rows['period'].iloc[rows['period_start'].argmax()]}",
                    "missing": int(rows["value"].isna().sum()), "demo": bool(rows["is_demo"].any())})
    return {"rows": len(observations), "indicators": per,
            "regions": regions["region_level"].value_counts().to_dict(), "data_version": manifest["data_version"],
            "is_demo": manifest["is_demo"]}
