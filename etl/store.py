"""The store: write atomically after validation, read once per process.

``data/store/`` holds ``observations.parquet``, ``regions.parquet``,
``indicators.json``, ``manifest.json`` and ``geo/*.geojson``.  A build writes a
complete new store into a temporary sibling folder, validates it, then swaps it
into place with renames, so a failed or killed build leaves the last good store.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl.schema import validate_store
from etl.snapshot import dump_json

OBSERVATIONS = "observations.parquet"
REGIONS = "regions.parquet"
INDICATORS = "indicators.json"
MANIFEST = "manifest.json"


class StoreError(RuntimeError):
    """The store is missing or unreadable."""


@dataclass(frozen=True)
class Store:
    observations: pd.DataFrame
    regions: pd.DataFrame
    indicators: list[dict[str, Any]]
    manifest: dict[str, Any]
    path: Path

    @property
    def is_demo(self) -> bool:
        return bool(self.observations["is_demo"].any())

    def geojson_path(self, level: str) -> Path:
        return self.path / "geo" / f"{level}.geojson"


def save_store(store_dir: Path, observations: pd.DataFrame, regions: pd.DataFrame,
               indicators: list[dict[str, Any]], manifest: dict[str, Any], geo: dict[str, bytes]) -> None:
    """Validate, write everything to a temp folder next to ``store_dir``, then swap it in."""
    validate_store(observations, regions)
    store_dir = Path(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-store-", dir=store_dir.parent))
    os.chmod(tmp, 0o755)
    try:
        _write_parquet(observations, tmp / OBSERVATIONS)
        _write_parquet(regions, tmp / REGIONS)
        _write_bytes(tmp / INDICATORS, dump_json(indicators))
        (tmp / "geo").mkdir()
        for name, data in sorted(geo.items()):
            _write_bytes(tmp / "geo" / name, data)
        _write_bytes(tmp / MANIFEST, dump_json(manifest))
        _swap_into_place(tmp, store_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def load_store(store_dir: Path) -> Store:
    """Read the whole store (a few MB) into memory."""
    store_dir = Path(store_dir)
    try:
        observations = pd.read_parquet(store_dir / OBSERVATIONS)
        regions = pd.read_parquet(store_dir / REGIONS)
        indicators = json.loads((store_dir / INDICATORS).read_text(encoding="utf-8"))
        manifest = json.loads((store_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read the store in {store_dir}: {exc} (run `python -m etl build`)") from None
    return Store(observations, regions, indicators, manifest, store_dir)


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({})      # no pandas/pyarrow version stamps: identical bytes per build
    pq.write_table(table, path, compression="zstd", write_statistics=True)
    _fsync(path)


def _write_bytes(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap_into_place(tmp: Path, store_dir: Path) -> None:
    """Two renames: old store aside, new one in; the old one is removed only after success."""
    old = store_dir.with_name(f".old-{store_dir.name}")
    shutil.rmtree(old, ignore_errors=True)
    if store_dir.exists():
        os.rename(store_dir, old)
    try:
        os.rename(tmp, store_dir)
    except BaseException:
        if old.exists() and not store_dir.exists():
            os.rename(old, store_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def recover(store_dir: Path) -> None:
    """After a kill between the two renames, put the previous store back; drop temp folders."""
    store_dir = Path(store_dir)
    old = store_dir.with_name(f".old-{store_dir.name}")
    if not store_dir.exists() and old.exists():
        os.rename(old, store_dir)
    for tmp in store_dir.parent.glob(".tmp-store-*"):
        shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
