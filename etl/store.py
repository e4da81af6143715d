"""The store: written atomically after validation, verified when read, repaired after a killed build.

Next to each other in one parent folder (``data/``)::

    store/              the store: observations.parquet, regions.parquet, indicators.json, geo/*.geojson,
                        manifest.json (written last)
    .previous-store/    the store before the last build: the rollback copy, and what a server falls back to
                        when ``store/`` is missing or corrupt
    .old-store/         only during the swap (two renames), or after a build killed between them
    .tmp-store-*/       a build being written, or left behind by a killed one
    .store.lock         a build holds it (``flock``) while it writes and swaps; :func:`recover` takes it too

``manifest.json`` lists the sha256 and size of every other file (``store_files``) and ``data_version``: the first
12 hex digits of the sha256 over those (``name:sha256`` lines, sorted).  Equal data give an equal version; any
change of a value, a region or an indicator text gives a new one.  :func:`load_store` reads every file once and
checks it against ``store_files`` (stores written before checksums existed load unchecked).

Web workers import this module (reading and repair); writing, with validation, is :mod:`etl.store_write`.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import io
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

OBSERVATIONS = "observations.parquet"
REGIONS = "regions.parquet"
INDICATORS = "indicators.json"
MANIFEST = "manifest.json"
PEER_GROUPS = "peer_groups.parquet"          # computed by the build (analysis.peers): see analysis.peer_table
PEER_NEIGHBOURS = "peer_neighbours.parquet"
NEED_INDEX = "need_index.parquet"             # the published need index of every level and year (analysis.need_index)
CHECKSUMS = "store_files"                 # manifest key: {relative path: {"sha256", "bytes"}}


class StoreError(RuntimeError):
    """The store is missing or unreadable."""


class StoreCorrupt(StoreError):
    """A store file does not match the checksum in the manifest (or is missing from the folder)."""


@dataclass(frozen=True)
class Store:
    observations: pd.DataFrame
    regions: pd.DataFrame
    indicators: list[dict[str, Any]]
    manifest: dict[str, Any]
    path: Path
    files: Mapping[str, bytes] = field(default_factory=dict, repr=False)   # verified bytes, read once
    verified: bool = False                                                # checked against store_files

    @property
    def is_demo(self) -> bool:
        return bool(self.observations["is_demo"].any())

    def geojson_path(self, level: str) -> Path:
        return self.path / "geo" / f"{level}.geojson"

    def file_bytes(self, name: str) -> bytes:
        """A store file (``observations.parquet``, ``geo/gemeente.geojson`` ...) as it was when loaded and
        verified; later changes on disk do not show.  Falls back to the disk for stores loaded without bytes."""
        data = self.files.get(name)
        return data if data is not None else (self.path / name).read_bytes()


# --------------------------------------------------------------------------------------------- folders and lock
def aside(store_dir: Path, kind: str) -> Path:
    """``.old-store`` / ``.previous-store`` next to ``store_dir``."""
    store_dir = Path(store_dir)
    return store_dir.with_name(f".{kind}-{store_dir.name}")


def candidates(store_dir: Path) -> list[Path]:
    """Where a good store may be, best first: the store, the one a killed build moved aside, the previous one."""
    return [Path(store_dir), aside(store_dir, "old"), aside(store_dir, "previous")]


@contextlib.contextmanager
def store_lock(store_dir: Path, blocking: bool = True) -> Iterator[bool]:
    """Hold the store's lock file (``.store.lock`` beside it).  Yields whether it is held: with
    ``blocking=False`` False when a build holds it or the folder is not writable (nothing may be repaired then)."""
    store_dir = Path(store_dir)
    path = store_dir.with_name(f".{store_dir.name}.lock")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        if blocking:
            raise
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except OSError as exc:
            if blocking or exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            yield False
            return
        yield True
    finally:
        os.close(fd)                                  # closing releases the lock


def file_checksums(folder: Path) -> dict[str, dict[str, Any]]:
    """``{relative path: {"sha256", "bytes"}}`` of every file in a store folder except the manifest."""
    folder = Path(folder)
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if name != MANIFEST:
            data = path.read_bytes()
            out[name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    return out


def data_version_of(files: Mapping[str, Mapping[str, Any]]) -> str:
    """The data version of a store with these files: 12 hex digits of sha256 over ``name:sha256`` lines."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(f"{name}:{files[name]['sha256']}\n".encode())
    return h.hexdigest()[:12]


# --------------------------------------------------------------------------------------------- read
def load_store(store_dir: Path, verify: bool = True) -> Store:
    """Read the whole store (well under a MB) into memory, checking every file against the manifest's checksums.

    Raises :class:`StoreCorrupt` when a file differs from its checksum or is missing, :class:`StoreError` when
    the store cannot be read at all."""
    store_dir = Path(store_dir)
    try:
        manifest_bytes = (store_dir / MANIFEST).read_bytes()
        manifest = json.loads(manifest_bytes)
        if not isinstance(manifest, dict):
            raise ValueError("manifest.json is not a JSON object")
        listed = manifest.get(CHECKSUMS) if verify else None
        names = sorted(listed) if isinstance(listed, dict) else [OBSERVATIONS, REGIONS, INDICATORS]
        files = {name: _read_listed(store_dir, name) for name in names}
        if isinstance(listed, dict):
            for name in names:
                expected = listed[name].get("sha256") if isinstance(listed[name], dict) else None
                if hashlib.sha256(files[name]).hexdigest() != expected:
                    raise StoreCorrupt(f"store file {name} in {store_dir} does not match its checksum in the manifest")
        observations = pd.read_parquet(io.BytesIO(files[OBSERVATIONS]))
        regions = pd.read_parquet(io.BytesIO(files[REGIONS]))
        indicators = json.loads(files[INDICATORS])
    except StoreError:
        raise
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException) as exc:
        raise StoreError(f"cannot read the store in {store_dir}: {exc} (run `python -m etl build`)") from None
    files[MANIFEST] = manifest_bytes
    return Store(observations, regions, indicators, manifest, store_dir, files, isinstance(listed, dict))


def _read_listed(store_dir: Path, name: str) -> bytes:
    path = (store_dir / name)
    if ".." in Path(name).parts or Path(name).is_absolute():
        raise StoreCorrupt(f"the manifest in {store_dir} lists a file outside the store: {name[:80]!r}")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreCorrupt(f"store file {name} is missing from {store_dir}") from None


# --------------------------------------------------------------------------------------------- swap and repair
def swap_into_place(tmp: Path, store_dir: Path) -> None:
    """Two renames (store aside to .old-store, new one in), then .old-store becomes .previous-store."""
    old, previous = aside(store_dir, "old"), aside(store_dir, "previous")
    if store_dir.exists():
        os.rename(store_dir, old)
    try:
        os.rename(tmp, store_dir)
    except BaseException:
        if old.exists() and not store_dir.exists():
            os.rename(old, store_dir)
        raise
    fsync_dir(store_dir.parent)
    if old.exists():
        shutil.rmtree(previous, ignore_errors=True)
        os.rename(old, previous)
        fsync_dir(store_dir.parent)


def recover(store_dir: Path, blocking: bool = True) -> list[str]:
    """Repair what a killed build left: put the store moved aside back (or keep it as the previous store when the
    new one did get in) and remove temp folders.  Returns what it did, one line each (empty when nothing was
    needed).  With ``blocking=False`` it does nothing while a build holds the lock or the folder is read-only."""
    store_dir = Path(store_dir)
    if not store_dir.parent.exists():
        return []
    try:
        with store_lock(store_dir, blocking=blocking) as held:
            return repair(store_dir) if held else []
    except OSError:
        if blocking:
            raise
        return []


def repair(store_dir: Path) -> list[str]:
    """:func:`recover` with the lock held."""
    done = []
    old, previous = aside(store_dir, "old"), aside(store_dir, "previous")
    if old.exists() and not store_dir.exists():
        os.rename(old, store_dir)
        done.append(f"restored {store_dir.name} from {old.name} (a build was killed between its renames)")
    elif old.exists():
        shutil.rmtree(previous, ignore_errors=True)
        os.rename(old, previous)
        done.append(f"kept {old.name} as {previous.name} (a build was killed after its swap)")
    stale = sorted(store_dir.parent.glob(f".tmp-{store_dir.name}-*"))
    for tmp in stale:
        shutil.rmtree(tmp, ignore_errors=True)
    if stale:
        done.append(f"removed {len(stale)} temporary folder(s) of killed builds")
    return done


# --------------------------------------------------------------------------------------------- low level
def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fsync(path)
