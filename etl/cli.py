"""What each command does; every expected failure becomes one line on stderr and a non-zero exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from etl.catalog import INDICATORS, SOURCES
from etl.snapshot import SnapshotError, clean_temp, current_snapshot
from etl.store import StoreError, recover

EXPECTED = (SnapshotError, StoreError, ValueError, KeyError, OSError, RuntimeError)


def run(args: argparse.Namespace) -> int:
    try:
        if args.command == "list":
            return list_catalogue(args.raw)
        if args.command == "inspect":
            return inspect(args)
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
        if args.command == "import-csv":
            return import_csv(args)
        if args.command == "import-reference":
            from etl.reference import import_shared
            for path in import_shared(args.shared, args.raw):
                print(f"imported {path.relative_to(args.raw)}")
            return 0
        if args.command == "refresh":
            return refresh(args)
    except KeyboardInterrupt:
        print("etl: interrupted; the store is unchanged and every raw snapshot on disk is complete", file=sys.stderr)
        return 130
    except EXPECTED as exc:
        print(f"etl {args.command}: {_one_line(exc)}", file=sys.stderr)
        return 1
    return 2


def import_csv(args: argparse.Namespace) -> int:
    """One line per snapshot written (or that it was there already); a bad file is one line naming file and row."""
    from etl.build import load_division
    from etl.catalog import source
    from etl.importer import import_downloads
    src = source(args.table)
    division = None if src.kind == "eurostat" else load_division(args.raw)[0]
    origins = [args.origin] * len(args.files) if args.origin else None
    written = import_downloads(src.table_id, args.files, args.raw, division, reference_dir=args.reference,
                               origins=origins, downloaded_at=args.downloaded_at)
    for path in written:
        print(f"imported {path.relative_to(args.raw)}")
    if not written:
        print(f"{src.table_id}: the same snapshots are there already; nothing written")
    return 0


def build(raw: Path, store: Path) -> int:
    from etl.build import build_store
    print_summary(build_store(raw, store), store)
    return 0


def print_summary(summary: dict[str, Any], store: Path) -> None:
    kind = "DEMO + real" if summary["is_demo"] else "real"
    print(f"store {store} ({kind}), data version {summary['data_version']}, {summary['rows']} rows")
    print(f"regions: {summary['regions']} (division {summary['division_year']})")
    for table, dropped in summary["dropped"].items():
        if dropped.codes:
            print(f"{table}: {dropped.describe()}")
        if dropped.unknown:
            print(f"WARNING {table}: region code(s) {', '.join(dropped.unknown[:8])} look like current codes but are "
                  "not in the division (dropped; check the division or the table)", file=sys.stderr)
    print(f"{'indicator':28} {'rows':>6} {'regions':>7} {'missing':>7}  periods            data")
    for row in summary["indicators"]:
        print(f"{row['indicator']:28} {row['rows']:>6} {row['regions']:>7} {row['missing']:>7}  "
              f"{row['periods']:18} {'demo' if row['demo'] else 'real'}")


def refresh(args: argparse.Namespace) -> int:
    """One line per table (fetched, or failed with the reason), then the store; exit 0 only if all succeeded."""
    from etl.refresh import refresh as run_refresh
    result = run_refresh(args.raw, args.store, args.tables, timeout=args.timeout, retries=args.retries,
                         base_url=args.base_url)
    for outcome in result.outcomes:
        stream = sys.stdout if outcome.ok else sys.stderr
        prefix = "" if outcome.ok else "etl refresh: "
        print(prefix + outcome.line(), file=stream, flush=True)
    if result.build_error:
        print(f"etl refresh: the store does not build with the new snapshots: {result.build_error}; they were moved "
              "to _rejected and the previous store stays in use", file=sys.stderr)
    elif result.summary is not None:
        print_summary(result.summary, args.store)
    return 0 if result.ok else 1


def inspect(args: argparse.Namespace) -> int:
    from etl.inspect_table import inspect_table
    lines, ok = inspect_table(args.table, args.raw, base_url=args.base_url, offline=args.offline, full=args.full,
                              timeout=args.timeout, retries=args.retries)
    print("\n".join(lines))
    return 0 if ok else 1


def list_catalogue(raw: Path) -> int:
    print(f"{'table':12} {'slice':16} {'snapshot':18} {'data':5} title -> feeds")
    for src in SOURCES:
        for sl in src.slices:
            try:
                snap = current_snapshot(raw, src.table_id, sl.name)
                stamp, kind = snap.path.name, ("demo" if snap.is_demo else "real")
            except SnapshotError:
                stamp, kind = "(none)", "-"
            print(f"{src.table_id:12} {sl.name:16} {stamp:18} {kind:5} {src.title} -> "
                  f"{', '.join(src.feeds) or src.used_for}")
    print()
    print(f"{'indicator':26} {'unit':9} {'source':18} title")
    for ind in INDICATORS:
        print(f"{ind.id:26} {ind.unit:9} {','.join(ind.source_tables):18} {ind.title_nl}")
    return 0


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, KeyError) and exc.args:
        exc = ValueError(str(exc.args[0]))        # str(KeyError) adds quotes around the message
    text = str(exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__
