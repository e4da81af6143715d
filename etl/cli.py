"""What each command does; every expected failure becomes one line on stderr and exit code 1."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.catalog import INDICATORS, SOURCES
from etl.snapshot import SnapshotError, clean_temp, current_snapshot
from etl.store import StoreError, recover

EXPECTED = (SnapshotError, StoreError, ValueError, KeyError, OSError, RuntimeError)


def run(args: argparse.Namespace) -> int:
    try:
        if args.command == "list":
            return list_catalogue(args.raw)
        for repaired in recover(args.store):
            print(f"etl: {repaired}", file=sys.stderr)
        if args.raw.exists():
            clean_temp(args.raw)
        if args.command == "build":
            return build(args.raw, args.store)
        if args.command == "demo":
            from etl.demo import generate_demo
            for path in generate_demo(args.raw, args.reference):
                print(f"demo snapshot {path.relative_to(args.raw)}")
            return 0
        if args.command == "import-reference":
            from etl.reference import import_shared
            for path in import_shared(args.shared, args.raw):
                print(f"imported {path.relative_to(args.raw)}")
            return 0
        if args.command == "refresh":
            return refresh(args)
    except KeyboardInterrupt:
        print("etl: interrupted; the store and raw snapshot are unchanged", file=sys.stderr)
        return 130
    except EXPECTED as exc:
        print(f"etl {args.command}: {_one_line(exc)}", file=sys.stderr)
        return 1
    return 2


def build(raw: Path, store: Path) -> int:
    from etl.build import build_store
    summary = build_store(raw, store)
    kind = "DEMO + real" if summary["is_demo"] else "real"
    print(f"store {store} ({kind}), data version {summary['data_version']}, {summary['rows']} rows")
    print(f"regions: {summary['regions']}")
    print(f"{'indicator':28} {'rows':>6} {'regions':>7} {'missing':>7}  periods            data")
    for row in summary["indicators"]:
        print(f"{row['indicator']:28} {row['rows']:>6} {row['regions']:>7} {row['missing']:>7}  "
              f"{row['periods']:18} {'demo' if row['demo'] else 'real'}")
    return 0


def refresh(args: argparse.Namespace) -> int:
    from etl.extract import ExtractError, fetch_sources
    try:
        written = fetch_sources(args.raw, args.tables, timeout=args.timeout, retries=args.retries,
                                base_url=args.base_url)
    except (ExtractError, *EXPECTED) as exc:
        print(f"etl refresh: {_one_line(exc)}; raw snapshot and store unchanged", file=sys.stderr)
        return 1
    for path in written:
        print(f"fetched {path.relative_to(args.raw)}")
    try:
        return build(args.raw, args.store)
    except EXPECTED as exc:
        rejected = reject_snapshots(args.raw, written)
        print(f"etl refresh: build failed after fetching: {_one_line(exc)}; the previous store and raw snapshot are "
              f"in use again (the new files are kept for inspection in {rejected})", file=sys.stderr)
        return 1


def reject_snapshots(raw: Path, written: list[Path]) -> Path:
    """Move freshly fetched snapshots that do not build out of the way, so later builds use the last good ones."""
    target = raw / "_rejected" / (written[0].name if written else "unknown")
    for path in written:
        dest = target / path.relative_to(raw)
        dest.parent.mkdir(parents=True, exist_ok=True)
        path.rename(dest)
    return target


def list_catalogue(raw: Path) -> int:
    print(f"{'table':12} {'slice':16} {'snapshot':18} {'data':5} title -> feeds")
    for src in SOURCES:
        for sl in src.slices:
            try:
                snap = current_snapshot(raw, src.table_id, sl.name)
                stamp, kind = snap.path.name, ("demo" if snap.is_demo else "real")
            except SnapshotError:
                stamp, kind = "(none)", "-"
            print(f"{src.table_id:12} {sl.name:16} {stamp:18} {kind:5} {src.title} -> {', '.join(src.feeds) or 'regions'}")
    print()
    print(f"{'indicator':26} {'unit':9} {'source':9} title")
    for ind in INDICATORS:
        print(f"{ind.id:26} {ind.unit:9} {','.join(ind.source_tables):9} {ind.title_nl}")
    return 0


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__
