"""Command line: python -m etl {list,build,refresh,inspect,demo,import-csv,import-reference}."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from etl import cli

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="CBS youth indicators: ETL")
    paths = argparse.ArgumentParser(add_help=False)
    paths.add_argument("--raw", type=Path, default=ROOT / "data" / "raw", help="raw snapshot folder")
    paths.add_argument("--store", type=Path, default=ROOT / "data" / "store", help="store folder")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", parents=[paths], help="the catalogue of CBS sources and indicators")
    sub.add_parser("build", parents=[paths], help="build the store from the raw snapshot (offline)")
    refresh = sub.add_parser("refresh", parents=[paths],
                             help="fetch live from CBS, write a new raw snapshot, then build")
    refresh.add_argument("tables", nargs="*", help="table ids (default: all CBS tables in the catalogue)")
    refresh.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default 30)")
    refresh.add_argument("--retries", type=int, default=4, help="retries per request (default 4)")
    refresh.add_argument("--base-url", default=None,
                         help="OData v4 base URL (default CBS's); its host also serves the v3 table 85984NED")
    inspect = sub.add_parser("inspect", parents=[paths],
                             help="a table's dimensions, code lists and how the catalogue resolves against them")
    inspect.add_argument("table", help="table id, e.g. 86087NED")
    inspect.add_argument("--offline", action="store_true", help="read the newest raw snapshot, not CBS")
    inspect.add_argument("--full", action="store_true", help="list every region and period code")
    inspect.add_argument("--base-url", default=None, help="OData v4 base URL (default CBS's)")
    inspect.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default 30)")
    inspect.add_argument("--retries", type=int, default=1, help="retries per request (default 1)")
    demo = sub.add_parser("demo", parents=[paths], help="regenerate the demo part of the snapshot (deterministic)")
    demo.add_argument("--reference", type=Path, default=ROOT / "data" / "reference")
    csv_ = sub.add_parser("import-csv", parents=[paths],
                          help="a CSV download of a CBS table (StatLine, cbsodata, Eurostat) -> raw snapshots")
    csv_.add_argument("table", help="table id, e.g. 84780NED")
    csv_.add_argument("files", nargs="+", type=Path, help="the download(s); several files of one table are merged")
    csv_.add_argument("--downloaded-at", default=None,
                      help="when the file was downloaded (ISO, e.g. 2025-04-22); names the snapshot (default: the "
                           "file's modification time)")
    csv_.add_argument("--origin", default=None, help="where the file came from (kept in the manifest)")
    csv_.add_argument("--reference", type=Path, default=ROOT / "data" / "reference",
                      help="recorded CBS code lists (cbs-metadata/<table>/)")
    imp = sub.add_parser("import-reference", parents=[paths], help="copy the genuine CBS files from shared/data into data/raw")
    imp.add_argument("shared", type=Path, help="path to shared/data")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    code = cli.run(args)
    if args.command in ("build", "refresh", "demo") and code == 0:
        print(f"done in {time.perf_counter() - started:.1f} s")
    return code


if __name__ == "__main__":
    sys.exit(main())
