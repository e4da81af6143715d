"""Writing the store: validate, write into a temp folder next to it, then swap it in (see :mod:`etl.store`).

Only the ETL writes a store, so only it imports this module and the validation (pandera) it needs.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl.schema import validate_store
from etl.snapshot import dump_json
from etl.store import (
    CHECKSUMS,
    INDICATORS,
    MANIFEST,
    OBSERVATIONS,
    REGIONS,
    data_version_of,
    file_checksums,
    fsync,
    fsync_dir,
    repair,
    store_lock,
    swap_into_place,
)


def save_store(store_dir: Path, observations: pd.DataFrame, regions: pd.DataFrame,
               indicators: list[dict[str, Any]], manifest: dict[str, Any], geo: dict[str, bytes],
               tables: Mapping[str, pd.DataFrame] | None = None) -> dict[str, Any]:
    """Validate, write everything to a temp folder next to ``store_dir``, then swap it in.

    ``tables``: more Parquet files computed by the build (``peer_groups.parquet`` ...).
    Returns the manifest as written: ``manifest`` plus ``store_files`` (checksums) and ``data_version``."""
    validate_store(observations, regions)
    store_dir = Path(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    with store_lock(store_dir):
        repair(store_dir)
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{store_dir.name}-", dir=store_dir.parent))
        os.chmod(tmp, 0o755)
        try:
            _write_parquet(observations, tmp / OBSERVATIONS)
            _write_parquet(regions, tmp / REGIONS)
            _write_bytes(tmp / INDICATORS, dump_json(indicators))
            for name, frame in sorted((tables or {}).items()):
                _write_parquet(frame, tmp / name)
            (tmp / "geo").mkdir()
            for name, data in sorted(geo.items()):
                _write_bytes(tmp / "geo" / name, data)
            files = file_checksums(tmp)
            manifest = {**manifest, CHECKSUMS: files, "data_version": data_version_of(files)}
            _write_bytes(tmp / MANIFEST, dump_json(manifest))
            fsync_dir(tmp)
            swap_into_place(tmp, store_dir)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return manifest



def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({})      # no pandas/pyarrow version stamps: identical bytes per build
    pq.write_table(table, path, compression="zstd", write_statistics=True)
    fsync(path)


def _write_bytes(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
