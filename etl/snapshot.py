"""Raw snapshots: immutable folders of CBS responses with a manifest.

Layout: ``data/raw/<table_id>/<slice>/<stamp>/`` holding the responses exactly as
CBS sent them (OData v4 shape: ``properties.json``, ``dimensions.json``,
``measure-codes.json``, ``codes-<Dim>.json``, ``observations-page-N.json``) and a
``manifest.json`` (table id, URL, filter, CBS modified date, fetched at, sha256 of
each file, demo or real).  ``<stamp>`` is ``YYYYMMDDTHHMMSSZ`` for a live fetch and
``demo`` for the demo generator's output.  A build reads, per slice, the newest
live snapshot, and the demo one only when no live snapshot exists.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEMO_STAMP = "demo"
MANIFEST = "manifest.json"


class SnapshotError(RuntimeError):
    """A raw snapshot that is missing, incomplete or altered."""


@dataclass(frozen=True)
class Snapshot:
    path: Path
    manifest: dict[str, Any]

    @property
    def is_demo(self) -> bool:
        return bool(self.manifest.get("is_demo"))

    def read_json(self, name: str) -> Any:
        file = self.path / name
        label = f"{self.manifest.get('table_id', '?')}/{self.path.parent.name}/{self.path.name}/{name}"
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SnapshotError(f"{label}: file missing") from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise SnapshotError(f"{label}: invalid JSON ({exc.msg} at line {exc.lineno})") from None

    def observation_pages(self) -> list[str]:
        return sorted((n for n in self.manifest["files"] if n.startswith("observations-page-")),
                      key=lambda n: int(n.rsplit("-", 1)[1].split(".")[0]))


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def slice_dir(raw_dir: Path, table_id: str, slice_name: str) -> Path:
    return raw_dir / table_id / slice_name


def list_snapshots(raw_dir: Path, table_id: str, slice_name: str) -> list[Path]:
    folder = slice_dir(raw_dir, table_id, slice_name)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).exists())


def current_snapshot(raw_dir: Path, table_id: str, slice_name: str, skip: Collection[Path] = ()) -> Snapshot:
    """The snapshot a build uses: the newest live one, else the demo one (never one of ``skip``)."""
    paths = [p for p in list_snapshots(raw_dir, table_id, slice_name) if p not in skip]
    live = [p for p in paths if p.name != DEMO_STAMP]
    chosen = live[-1] if live else next((p for p in paths if p.name == DEMO_STAMP), None)
    if chosen is None:
        raise SnapshotError(f"{table_id}/{slice_name}: no raw snapshot under {slice_dir(raw_dir, table_id, slice_name)}"
                            " (run `python -m etl demo` or `python -m etl refresh`)")
    return open_snapshot(chosen)


def open_snapshot(path: Path) -> Snapshot:
    """Open a snapshot and check every file against the sha256 in its manifest."""
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError) as exc:
        raise SnapshotError(f"{path}: unreadable manifest ({exc})") from None
    for name, info in manifest.get("files", {}).items():
        file = path / name
        if not file.exists():
            raise SnapshotError(f"{manifest.get('table_id')}: {path.name}/{name} listed in manifest but missing")
        if sha256_bytes(file.read_bytes()) != info["sha256"]:
            raise SnapshotError(f"{manifest.get('table_id')}: {path.name}/{name} does not match its sha256 "
                                "(raw snapshots are immutable; refetch instead of editing)")
    return Snapshot(path, manifest)


def write_snapshot(raw_dir: Path, table_id: str, slice_name: str, stamp: str,
                   files: dict[str, bytes], meta: dict[str, Any], *, replace: bool = False) -> Path:
    """Write a snapshot atomically: all files into a hidden temp folder, then one rename.

    Live snapshots are never replaced; only the demo folder may be (``replace=True``).
    """
    target = slice_dir(raw_dir, table_id, slice_name) / stamp
    if target.exists() and not replace:
        raise SnapshotError(f"{table_id}/{slice_name}/{stamp} exists; raw snapshots are immutable")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{stamp}-", dir=target.parent))
    os.chmod(tmp, 0o755)
    try:
        manifest = dict(meta)
        manifest["files"] = {}
        for name in sorted(files):
            data = files[name]
            _write_synced(tmp / name, data)
            manifest["files"][name] = {"sha256": sha256_bytes(data), "bytes": len(data)}
        _write_synced(tmp / MANIFEST, dump_json(manifest))
        if target.exists():
            old = target.with_name(f".old-{stamp}")
            shutil.rmtree(old, ignore_errors=True)
            os.rename(target, old)
            os.rename(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def dump_json(obj: Any) -> bytes:
    """Stable JSON bytes (sorted keys, UTF-8, trailing newline) so equal content gives equal files."""
    return (json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def clean_temp(raw_dir: Path) -> int:
    """Remove temp folders a killed run left behind; returns how many."""
    removed = 0
    for tmp in list(raw_dir.glob("*/*/.tmp-*")) + list(raw_dir.glob("*/*/.old-*")):
        shutil.rmtree(tmp, ignore_errors=True)
        removed += 1
    return removed
