"""Build the store from the current raw snapshots (offline, deterministic)."""

from __future__ import annotations

import hashlib
import os
import platform
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.need_index import published_layers
from analysis.peers import all_peers
from etl import __version__
from etl.catalog import (
    ALL_LEVELS,
    ATTRIBUTION,
    EUROSTAT_LICENCE,
    GEO_ATTRIBUTION,
    INDICATORS,
    LICENCE,
    LICENCE_URL,
    SOURCES,
    UNIT_LABELS,
    Source,
    attribution,
    division_source,
    editions,
    publisher,
    source,
)
from etl.snapshot import Snapshot, current_snapshot, list_snapshots
from etl.store import NEED_INDEX, PEER_GROUPS, PEER_NEIGHBOURS, Store
from etl.store_write import save_store
from etl.transform.divisions import Geography
from etl.transform.geometry import dissolve
from etl.transform.raw import read_observations
from etl.transform.reference import Division, dumps_geojson, parse_population, read_division, read_geojson
from etl.transform.regions import DroppedRegions, split_by_division
from etl.transform.tables import TABLE_TRANSFORMS, Tidy, population, prefer_newest_edition

GEOMETRY = ("gebieden-2025", "afgeleid")
LEVEL_ORDER = list(ALL_LEVELS)


class BuildError(RuntimeError):
    """The build failed; the previous store is untouched."""


@dataclass
class Received:
    """What one table's current snapshots hold (before regions outside the division are dropped)."""

    rows: int = 0
    periods: list[str] = field(default_factory=list)
    regions: int = 0

    def describe(self) -> str:
        span = f"{self.periods[0]}–{self.periods[-1]}" if self.periods else "-"
        regions = f", {self.regions} regions" if self.regions else ""
        return f"{self.rows:,} rows, {len(self.periods)} periods {span}{regions}"


@dataclass
class Transformed:
    tidy: Tidy
    snapshots: list[tuple[str, Snapshot]]
    dropped: dict[str, DroppedRegions]
    received: dict[str, Received]


def load_division(raw_dir: Path) -> tuple[Division, Snapshot]:
    div = division_source()
    snap = current_snapshot(Path(raw_dir), div.table_id, div.slices[0].name)
    return read_division(snap), snap


def build_store(raw_dir: Path, store_dir: Path) -> dict[str, Any]:
    """Transform the current raw snapshots into a validated store; returns the summary."""
    raw_dir, store_dir = Path(raw_dir), Path(store_dir)
    division, division_snap = load_division(raw_dir)
    geo = division.geography()
    regions = geo.regions
    geometry = current_snapshot(raw_dir, *GEOMETRY)
    used: list[tuple[str, Snapshot]] = [(division_source().table_id, division_snap), (GEOMETRY[0], geometry)]
    parts, dropped, received, made = [], {}, {}, {}
    for src in SOURCES:
        if src.table_id in TABLE_TRANSFORMS and not src.newer_edition_of:
            result = transform_source(raw_dir, src, geo, division)
            parts.append(result.tidy.rows)
            used.extend(result.snapshots)
            dropped.update(result.dropped)
            received.update(result.received)
            made[src.table_id] = result.tidy.as_manifest()
    pop, pop_snap, pop_dropped = transform_population(raw_dir, geo, division)
    parts.append(pop.rows)
    used.append(("85984NED", pop_snap))
    dropped["85984NED"] = pop_dropped

    observations, set_aside = choose_series(pd.concat(parts, ignore_index=True))
    observations = observations.sort_values(["indicator", "region_code", "period_start"], kind="mergesort")
    observations = observations.reset_index(drop=True)
    observations["period_start"] = observations["period_start"].astype("datetime64[ns]")
    gemeenten = read_geojson(geometry, "gemeente_2025.geojson")
    geo_files = {
        "arbeidsmarktregio.geojson": dumps_geojson(read_geojson(geometry, "arbeidsmarktregio_2025.geojson")),
        "rmc.geojson": dumps_geojson(dissolve(gemeenten, geo.parent_of("rmc"), geo.name)),
        "gemeente.geojson": dumps_geojson(gemeenten),
    }
    indicators = indicator_metadata(observations)
    computed = Store(observations, regions, indicators, {}, store_dir)   # as the dashboard will read it
    groups, neighbours = all_peers(computed)
    manifest = make_manifest(used, observations, dropped, division, made, set_aside)
    manifest = save_store(store_dir, observations, regions, indicators, manifest, geo_files,
                          {PEER_GROUPS: groups, PEER_NEIGHBOURS: neighbours, NEED_INDEX: published_layers(computed)})
    return summarise(observations, regions, manifest, dropped, received)


def transform_source(raw_dir: Path, source: Source, geo: Geography, division: Division,
                     skip: Collection[Path] = ()) -> Transformed:
    """Tidy rows of one table (with its newer editions) from the current snapshots (never one of ``skip``).

    Region codes outside the division are dropped and counted per table (former gemeenten are kept when the
    table's gemeenten are of their own period: they are carried onto today's); for a period that several
    editions give, the newest edition's rows are kept.  A slice that is ``optional`` and has no snapshot yet (an
    edition or slice nothing of which is shipped) is left out.
    """
    family = editions(source.table_id)
    frames: dict[str, list[pd.DataFrame]] = {}
    snapshots: list[tuple[str, Snapshot]] = []
    dropped: dict[str, DroppedRegions] = {}
    received: dict[str, Received] = {}
    for src in family:
        got, lost = Received(), DroppedRegions()
        periods: set[tuple[Any, str]] = set()
        regions_seen: set[str] = set()
        known = division.codes | (set(geo.successors) if src.gemeente_division else set())
        for slice_ in src.slices:
            if slice_.optional and not [p for p in list_snapshots(raw_dir, src.table_id, slice_.name) if p not in skip]:
                continue
            snap = current_snapshot(raw_dir, src.table_id, slice_.name, skip)
            snapshots.append((src.table_id, snap))
            frame = read_observations(snap, src, slice_)
            got.rows += len(frame)
            pairs = frame[["period_start", "period"]].drop_duplicates()
            periods |= set(zip(pairs["period_start"], pairs["period"], strict=True))
            if "region" in frame:
                regions_seen |= set(frame["region"].unique())
                frame, out = split_by_division(frame, known, division.retired)
                lost = lost.merged(out)
            frames.setdefault(slice_.name, []).append(frame)
        if not got.rows and src.newer_edition_of:
            continue
        got.periods = [label for _, label in sorted(periods)]
        got.regions = len(regions_seen)
        received[src.table_id] = got
        if regions_seen:
            dropped[src.table_id] = lost
    combined = {name: pd.concat(parts, ignore_index=True) for name, parts in frames.items()}
    if len(family) > 1:
        combined = prefer_newest_edition(combined, tuple(s.table_id for s in family))
    return Transformed(TABLE_TRANSFORMS[source.table_id](combined, geo), snapshots, dropped, received)


def transform_population(raw_dir: Path, geo: Geography, division: Division) -> tuple[Tidy, Snapshot, DroppedRegions]:
    snap = current_snapshot(raw_dir, "85984NED", "gemeenten")
    persons, dropped = split_by_division(parse_population(snap), division.codes, division.retired)
    return population(persons, geo), snap, dropped


def choose_series(observations: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """A series is real or demo, never a mix, and CBS's own wins over a stand-in: per indicator, rows of a stand-in
    table (Eurostat's youth unemployment) go when the table it stands in for has rows, and demo rows go when real
    ones exist.  Returns the rows kept and what was set aside (for the manifest)."""
    aside: list[dict[str, Any]] = []
    keep = pd.Series(True, index=observations.index)
    for indicator_id, rows in observations.groupby("indicator", sort=True):
        tables = set(rows["source_table"])
        for table in sorted(tables):
            src = source(table)
            if src.stands_in_for and src.stands_in_for in tables:
                drop = rows.index[rows["source_table"] == table]
                keep[drop] = False
                aside.append({"indicator": indicator_id, "rows": len(drop),
                              "reason": f"{table} stands in for {src.stands_in_for}, which gives this indicator now"})
        live = rows[keep[rows.index]]
        if live["is_demo"].any() and not live["is_demo"].all():
            drop = live.index[live["is_demo"]]
            keep[drop] = False
            aside.append({"indicator": indicator_id, "rows": len(drop),
                          "reason": "demo rows of a series with real figures: a series is real or demo, never a mix"})
    return observations[keep].reset_index(drop=True), aside


def indicator_metadata(observations: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for ind in INDICATORS:
        rows = observations[observations["indicator"] == ind.id]
        meta = asdict(ind)
        # the tables the rows come from (Eurostat's une_rt_m until CBS's own youth slice is fetched)
        meta["source_tables"] = sorted(set(rows["source_table"]), key=list(ind.source_tables).index) \
            if len(rows) else list(ind.source_tables)
        meta["levels"] = sorted(set(rows["region_level"]), key=LEVEL_ORDER.index)
        meta["unit_label"] = UNIT_LABELS[ind.unit]
        meta["frequencies"] = sorted(set(rows["frequency"]))
        meta["is_demo"] = bool(rows["is_demo"].any())
        publishers = sorted({publisher(t) for t in rows["source_table"]}) or ["CBS"]
        meta["publisher"] = publishers[0] if len(publishers) == 1 else "CBS"
        meta["licence"] = EUROSTAT_LICENCE if publishers == ["Eurostat"] else LICENCE
        meta["sources"] = _indicator_sources(rows)
        meta["attribution"] = "; ".join(s["attribution"] for s in meta["sources"])
        meta["series"] = series_by_level(rows)
        meta["rounding"] = _rounding(rows, meta["levels"])
        meta["rounding_note_nl"], meta["rounding_note_en"] = _rounding_notes(meta["rounding"])
        out.append(meta)
    return out


def series_by_level(rows: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Per level: real or demo, from which table(s), which periods have values, and how the values were made."""
    out = {}
    for level in LEVEL_ORDER:
        part = rows[rows["region_level"] == level]
        if part.empty:
            continue
        valued = part[part["value"].notna()]
        span = valued if len(valued) else part
        first = span["period"].iloc[span["period_start"].argmin()]
        last = span["period"].iloc[span["period_start"].argmax()]
        out[level] = {"is_demo": bool(part["is_demo"].any()), "tables": sorted(set(part["source_table"])),
                      "periods": first if first == last else f"{first}–{last}",
                      "derivation": sorted(set(valued["derivation"])) if len(valued) else []}
    return out


def _indicator_sources(rows: pd.DataFrame) -> list[dict[str, Any]]:
    """Per table and demo status behind an indicator: the periods it gives and its credit line."""
    out = []
    for (table, demo), part in rows.groupby(["source_table", "is_demo"], sort=True):
        first = part["period"].iloc[part["period_start"].argmin()]
        last = part["period"].iloc[part["period_start"].argmax()]
        out.append({"table_id": str(table), "is_demo": bool(demo), "periods": f"{first}–{last}",
                    "publisher": publisher(str(table)), "attribution": attribution(str(table), bool(demo))})
    return out


def _rounding(rows: pd.DataFrame, levels: list[str]) -> dict[str, dict[str, Any]]:
    """Per level: the unit CBS rounds the counts to, and ``summed_from`` when the values are sums of gemeenten."""
    out = {}
    for lvl in levels:
        part = rows[(rows["region_level"] == lvl) & rows["value"].notna()]
        tables = sorted(set(part["source_table"])) or sorted(set(rows["source_table"]))
        rounding = source(tables[0]).rounding
        summed = len(part) > 0 and bool((part["derivation"] == "summed").all())
        unit_level = "gemeente" if summed else lvl
        if unit_level in rounding:
            out[lvl] = {"unit": rounding[unit_level].unit, "summed_from": "gemeente" if summed else None}
    return out


LEVEL_NAMES_NL = {"land": "Nederland", "arbeidsmarktregio": "arbeidsmarktregio's", "rmc": "RMC-regio's",
                  "gemeente": "gemeenten"}
LEVEL_NAMES_EN = {"land": "the Netherlands", "arbeidsmarktregio": "labour-market regions", "rmc": "RMC regions",
                  "gemeente": "municipalities"}


def _rounding_notes(rounding: dict[str, dict[str, Any]]) -> tuple[str, str]:
    names_nl, names_en = LEVEL_NAMES_NL, LEVEL_NAMES_EN
    nl, en = [], []
    for lvl, r in rounding.items():
        if r["unit"] <= 1:
            continue
        if r["summed_from"]:
            nl.append(f"{names_nl[lvl]}: som van {names_nl[r['summed_from']]} (elk afgerond op {r['unit']})")
            en.append(f"{names_en[lvl]}: sum of {names_en[r['summed_from']]} (each rounded to {r['unit']})")
        else:
            nl.append(f"{names_nl[lvl]}: afgerond op {r['unit']}")
            en.append(f"{names_en[lvl]}: rounded to {r['unit']}")
    if not nl:
        return "", ""
    return ("Aantallen afgerond door CBS (" + "; ".join(nl) + "). Een gepubliceerde 0 is niet zeker 0 "
            "(markering rounded_zero).",
            "Counts rounded by CBS (" + "; ".join(en) + "). A published 0 is not necessarily 0 "
            "(flag rounded_zero).")


def make_manifest(used: list[tuple[str, Snapshot]], observations: pd.DataFrame,
                  dropped: dict[str, DroppedRegions], division: Division,
                  made: dict[str, dict[str, Any]] | None = None,
                  set_aside: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    tables: dict[str, dict[str, Any]] = {}
    for table_id, snap in used:
        m = snap.manifest
        src = source(table_id)
        entry = tables.setdefault(table_id, {      # CBS's own title for CBS tables; ours for the boundaries
            "table_id": table_id, "title": src.title if src.kind == "geometry" else m.get("title"), "url": m.get("url"),
            "statline_url": m.get("statline_url"), "cbs_modified": m.get("cbs_modified"),
            "licence": m.get("licence", LICENCE), "kind": src.kind, "used_for": src.used_for, "slices": [],
        })
        entry["slices"].append({
            "slice": snap.path.parent.name, "snapshot": snap.path.name, "filter": m.get("filter"),
            "fetched_at": m.get("fetched_at"), "is_demo": snap.is_demo, "origin": m.get("origin"),
            "attribution": _slice_attribution(src, snap), "files": m.get("files", {}),
        })
    for table_id, entry in tables.items():
        src = source(table_id)
        slices = entry["slices"]
        entry["is_demo"] = any(s["is_demo"] for s in slices)
        entry["demo_slices"] = [s["slice"] for s in slices if s["is_demo"]]
        credits = {s["attribution"] for s in slices}
        entry["attribution"] = (credits.pop() if len(credits) == 1
                                else "; ".join(f"{s['slice']}: {s['attribution']}" for s in slices))
        if src.rounding:
            entry["rounding"] = {lvl: {"unit": r.unit, "summed_from": r.summed_from} for lvl, r in src.rounding.items()}
        if src.reference_month:
            entry["reference_month"] = src.reference_month
        if src.newer_edition_of:
            entry["newer_edition_of"] = src.newer_edition_of
        if src.division_year:
            entry["division_year"] = src.division_year
        if table_id in dropped:
            entry["dropped_regions"] = dropped[table_id].as_manifest()
        entry.update((made or {}).get(table_id, {}))
    demo_slices = [f"{t}/{s['slice']}" for t in sorted(tables, key=str.lower) for s in tables[t]["slices"]
                   if s["is_demo"]]
    is_demo = bool(observations["is_demo"].any())
    div = division_source()
    return {
        "software": {"name": "jongeren-arbeidsmarkt", "version": __version__, "python": platform.python_version(),
                     "pandas": pd.__version__},
        "built_at": os.environ.get("ETL_BUILT_AT") or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licence": LICENCE, "licence_url": LICENCE_URL, "attribution": ATTRIBUTION,
        "is_demo": is_demo,
        "demo_slices": demo_slices,
        "demo_notice": (DEMO_NOTICE + " " + ", ".join(demo_slices)) if demo_slices else None,
        "division": {"table_id": div.table_id, "title": div.title, "year": division.year,
                     "regions": "names and parents of the arbeidsmarktregio's, RMC regions and gemeenten",
                     "rmc_edition": max(division.rmc_years) if division.rmc_years else None},
        "inputs_version": inputs_version(used),   # save_store adds data_version and store_files (checksums)
        "series": {ind: series_by_level(rows) for ind, rows in observations.groupby("indicator", sort=True)},
        "set_aside": set_aside or [],
        "sources": [tables[k] for k in sorted(tables, key=str.lower)],
    }


DEMO_NOTICE = ("Demo — geen CBS-cijfers: de volgende delen zijn gegenereerd in de vorm van een CBS-tabel / "
               "demo — not CBS figures: these parts are generated in the shape of a CBS table:")


def _slice_attribution(src: Source, snap: Snapshot) -> str:
    if src.kind == "geometry":
        return GEO_ATTRIBUTION
    return attribution(src.table_id, snap.is_demo)


def inputs_version(used: list[tuple[str, Snapshot]]) -> str:
    """A short hash of every raw file used: equal inputs give an equal version.  Provenance only: the transforms
    can change the values from the same inputs, so the served ``data_version`` is a hash of the store's files."""
    h = hashlib.sha256()
    for table_id, snap in sorted(used, key=lambda u: str(u[1].path)):
        for name, info in sorted(snap.manifest.get("files", {}).items()):
            h.update(f"{table_id}/{snap.path.parent.name}/{snap.path.name}/{name}:{info['sha256']}\n".encode())
    return h.hexdigest()[:12]


def summarise(observations: pd.DataFrame, regions: pd.DataFrame, manifest: dict[str, Any],
              dropped: dict[str, DroppedRegions] | None = None,
              received: dict[str, Received] | None = None) -> dict[str, Any]:
    per = []
    for ind, rows in observations.groupby("indicator", sort=True):
        per.append({"indicator": ind, "rows": len(rows), "regions": rows["region_code"].nunique(),
                    "periods": f"{rows['period'].iloc[rows['period_start'].argmin()]}–"
                               f"{rows['period'].iloc[rows['period_start'].argmax()]}",
                    "missing": int(rows["value"].isna().sum()), "demo": bool(rows["is_demo"].any())})
    return {"rows": len(observations), "indicators": per,
            "regions": regions["region_level"].value_counts().to_dict(), "data_version": manifest["data_version"],
            "is_demo": manifest["is_demo"], "division_year": manifest["division"]["year"],
            "dropped": dropped or {}, "received": received or {}}
