"""``etl inspect TABLE``: a table's dimensions, code lists and how each catalogue entry resolves.

Live from CBS (or ``--base-url``), or with ``--offline`` (or when CBS cannot be reached) from the
newest raw snapshot, so a user can check or repair a mapping in one command.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from etl.catalog import V4_BASE, Source, source
from etl.extract import ExtractError, V4Client, v3_catalog
from etl.snapshot import DEMO_STAMP, Snapshot, SnapshotError, current_snapshot, list_snapshots, open_snapshot
from etl.transform.regions import drop_reason
from etl.transform.resolve import MEASURES, RawShapeError, resolve_periods, resolve_spec

Lists = Callable[[str], dict[str, dict[str, Any]]]
LONG_DIMENSIONS = 40            # code lists longer than this are summarised unless --full


def inspect_table(table_id: str, raw_dir: Path, *, base_url: str | None = None, offline: bool = False,
                  full: bool = False, timeout: float = 30.0, retries: int = 1) -> tuple[list[str], bool]:
    """Lines to print, and whether every catalogue entry of the table resolves."""
    src = source(table_id)
    if src.kind in ("division", "geometry"):
        snap = newest_snapshot(raw_dir, src)
        return _reference_lines(src, snap), True
    per_slice, origin = _metadata(src, raw_dir, base_url, offline, timeout, retries)
    if src.kind == "cbs_v3":
        return _v3_lines(src, next(iter(per_slice.values())), origin)
    return _v4_lines(src, per_slice, origin, raw_dir, full)


def newest_snapshot(raw_dir: Path, src: Source) -> Snapshot:
    """The newest live snapshot of any of the table's slices, else its demo snapshot."""
    paths = [p for sl in src.slices for p in list_snapshots(raw_dir, src.table_id, sl.name)]
    live = sorted((p for p in paths if p.name != DEMO_STAMP), key=lambda p: p.name)
    demo = [p for p in paths if p.name == DEMO_STAMP]
    chosen = live[-1] if live else (demo[0] if demo else None)
    if chosen is None:
        raise SnapshotError(f"{src.table_id}: no snapshot under {Path(raw_dir) / src.table_id} to inspect offline "
                            "(run `python -m etl refresh` with a connection, or `python -m etl demo`)")
    return open_snapshot(chosen)


def _metadata(src: Source, raw_dir: Path, base_url: str | None, offline: bool, timeout: float,
              retries: int) -> tuple[dict[str, dict[str, bytes]], str]:
    """The table's metadata files per slice: live, one set for every slice; offline, each slice's from the
    snapshot a build uses for it (a snapshot's code lists hold only its own slice's categories)."""
    note = ""
    if not offline:
        try:
            files, origin = _fetch_live(src, base_url, timeout, retries)
            return {sl.name: files for sl in src.slices}, origin
        except ExtractError as exc:
            note = f"live: {exc}; showing the newest snapshot instead\n"
    snaps: dict[str, Snapshot] = {}
    for sl in src.slices:
        if list_snapshots(raw_dir, src.table_id, sl.name):
            snaps[sl.name] = current_snapshot(raw_dir, src.table_id, sl.name)
    if not snaps:
        snaps = {src.slices[0].name: newest_snapshot(raw_dir, src)}
    per_slice = {name: {f: (snap.path / f).read_bytes() for f in snap.manifest.get("files", {})
                        if not f.startswith("observations-")} for name, snap in snaps.items()}
    shown = "\n".join(f"source: {'DEMO snapshot' if s.is_demo else 'snapshot'} {s.path}" for s in snaps.values())
    return per_slice, f"{note}{shown}"


def _merged(per_slice: dict[str, dict[str, bytes]]) -> dict[str, bytes]:
    """The slices' metadata as one table: each code list the union of the slices' (first slice's order first)."""
    files: dict[str, bytes] = {}
    for slice_files in per_slice.values():
        for name, body in slice_files.items():
            if name not in files or not (name.startswith("codes-") or name == "measure-codes.json"):
                files.setdefault(name, body)
                continue
            have = json.loads(files[name])
            seen = {str(r.get("Identifier")).strip() for r in have["value"]}
            extra = [r for r in json.loads(body)["value"] if str(r.get("Identifier")).strip() not in seen]
            if extra:
                have["value"] = [*have["value"], *extra]
                files[name] = json.dumps(have).encode()
    return files


def _fetch_live(src: Source, base_url: str | None, timeout: float, retries: int) -> tuple[dict[str, bytes], str]:
    if src.kind == "cbs_v3":
        import cbsodata
        import requests
        catalog_url, https = v3_catalog(base_url)
        kwargs: dict[str, Any] = {"timeout": timeout, **({"catalog_url": catalog_url} if catalog_url else {})}
        previous = cbsodata.options.use_https
        cbsodata.options.use_https = https
        try:
            props = cbsodata.get_meta(src.table_id, "DataProperties", **kwargs)
        except (requests.RequestException, ValueError, KeyError, TypeError) as exc:
            raise ExtractError(f"{src.table_id}: {str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__}"
                               ) from None
        finally:
            cbsodata.options.use_https = previous
        body = json.dumps({"value": props}).encode()
        return {"DataProperties.json": body}, f"source: live {catalog_url or 'opendata.cbs.nl'} (OData v3)"
    client = V4Client(base_url=base_url or V4_BASE, timeout=timeout, retries=retries)
    try:
        return client.fetch_metadata(src.table_id), f"source: live {client.table_url(src.table_id)}"
    except KeyError as exc:
        raise ExtractError(f"{src.table_id}: field {exc} missing in a CBS response") from None


def _loader(files: dict[str, bytes]) -> Lists:
    def load(dim: str) -> dict[str, dict[str, Any]]:
        name = "measure-codes.json" if dim == MEASURES else f"codes-{dim}.json"
        if name not in files:
            raise RawShapeError(f"dimension {dim!r} missing from the table")
        return {str(r["Identifier"]).strip(): r for r in json.loads(files[name])["value"]}
    return load


def _v4_lines(src: Source, per_slice: dict[str, dict[str, bytes]], origin: str, raw_dir: Path,
              full: bool) -> tuple[list[str], bool]:
    files = _merged(per_slice)
    props = json.loads(files["properties.json"])
    dims = json.loads(files["dimensions.json"])["value"]
    lists = _loader(files)
    lines = [f"{src.table_id}  {str(props.get('Title', src.title)).strip()}", *origin.splitlines(), "",
             "dimensions: " + ", ".join(f"{d['Identifier']} ({d.get('Kind')}, {len(lists(d['Identifier']))} codes)"
                                        for d in dims), "", "measures (code, title, unit):"]
    lines += [f"  {c:12} {str(r.get('Title', '')).strip()}  [{r.get('Unit', '')}]" for c, r in lists(MEASURES).items()]
    known, retired, carried = _division(raw_dir)
    if src.gemeente_division:
        known = known | carried           # former gemeenten the build carries onto today's
    for d in dims:
        dim = d["Identifier"]
        records = lists(dim)
        lines += ["", f"{dim} ({len(records)} codes; code, title, [group], status):"]
        if d.get("Kind") == "GeoDimension" and known:
            groups = Counter(str(r.get("DimensionGroupId") or c[:2]) for c, r in records.items())
            outside = {c: drop_reason(c, retired) for c in records if c not in known}
            lines.append("  groups: " + ", ".join(f"{g} {n}" for g, n in groups.items())
                         + f"; in the current division: {len(records) - len(outside)}; outside: {len(outside)}")
            for reason in sorted(set(outside.values())):
                codes = [c for c, r in outside.items() if r == reason]
                lines.append(f"  outside ({reason}): {', '.join(codes[:12])}{' ...' if len(codes) > 12 else ''}")
        if full or len(records) <= LONG_DIMENSIONS:
            lines += [f"  {c:12} {str(r.get('Title', '')).strip()}"
                      + (f"  [{r['DimensionGroupId']}]" if r.get("DimensionGroupId") else "")
                      + (f"  {r['Status']}" if r.get("Status") else "") for c, r in records.items()]
        else:
            codes = list(records)
            lines.append(f"  {codes[0]} ... {codes[-1]}  (--full lists all {len(codes)})")
    ok = True
    lines += ["", "catalogue:"]
    slice_lists = {name: _loader(f) for name, f in per_slice.items()}
    for spec, role in src.measures.items():
        tried = [_resolution(spec, one, MEASURES, src.table_id) for one in slice_lists.values()]
        text, good = next(((t, g) for t, g in tried if g), tried[0])   # a measure of one slice is enough
        lines.append(f"  measure {role:20} {spec}  -> {text}")
        ok &= good
    for sl in src.slices:
        lines.append(f"  slice {sl.name}:" + ("" if sl.name in slice_lists else "  (no snapshot)"))
        own = slice_lists.get(sl.name, lists)
        for dim, specs in sl.dimensions.items():
            for spec in specs:
                text, good = _resolution(spec, own, dim, src.table_id)
                lines.append(f"    {dim:32} {spec}  -> {text}")
                ok &= good
        if sl.periods_from:
            try:
                periods = resolve_periods(own("Perioden"), sl.periods_from, src.table_id)
                lines.append(f"    periods from {sl.periods_from}: {periods[0]} ... {periods[-1]} ({len(periods)})")
            except RawShapeError as exc:
                lines.append(f"    periods from {sl.periods_from}: FAILS: {exc}")
                ok = False
        if sl.region_prefixes:
            lines.append(f"    regions: {', '.join(sl.region_prefixes)} ({src.region_dim})")
    return lines, ok


def _resolution(spec: str, lists: Lists, dim: str, table: str) -> tuple[str, bool]:
    try:
        records = lists(dim)
        code = resolve_spec(spec, records, dim, table)
    except RawShapeError as exc:
        return f"FAILS: {exc}", False
    return f"{code} {str(records[code].get('Title', '')).strip()!r}", True


def _division(raw_dir: Path) -> tuple[set[str], dict[str, str], set[str]]:
    """Today's codes, the retired ones with their reason, and the former gemeenten with a known successor."""
    try:
        from etl.build import load_division
        division, _ = load_division(raw_dir)
    except (SnapshotError, ValueError, OSError):
        return set(), {}, set()
    return division.codes, division.retired, set(division.geography().successors)


def _v3_lines(src: Source, files: dict[str, bytes], origin: str) -> tuple[list[str], bool]:
    props = json.loads(files["DataProperties.json"])
    props = props["value"] if isinstance(props, dict) else props
    keys = {str(p.get("Key")): p for p in props}
    lines = [f"{src.table_id}  {src.title}", *origin.splitlines(), "", "columns (key, title, type):"]
    lines += [f"  {k:28} {str(p.get('Title', '')).strip()}  [{p.get('Type', '')}]" for k, p in keys.items()]
    lines += ["", "catalogue:"]
    ok = True
    for key in ("Codering_3", *src.measures):
        found = key in keys
        ok &= found
        lines.append(f"  {key:28} -> {'present' if found else 'FAILS: not among the columns'}")
    return lines, ok


def _reference_lines(src: Source, snap: Snapshot) -> list[str]:
    m = snap.manifest
    lines = [f"{src.table_id}  {src.title}", f"source: snapshot {snap.path}", f"kind: {src.kind}; used for: "
             f"{src.used_for}"]
    if m.get("division_year"):
        lines.append(f"division year: {m['division_year']}")
    lines += ["files:"] + [f"  {n}  ({info['bytes']:,} bytes)" for n, info in m.get("files", {}).items()]
    return lines
