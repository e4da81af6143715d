"""The dashboard's only door to data: the store, loaded once per process and cached.

The cache is keyed by the store's path and the identity of its manifest file, and holds
read-only frames: workers never share or mutate state.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from etl.store import Store, load_store

DEFAULT_STORE = Path(__file__).resolve().parent.parent / "data" / "store"


def store_dir() -> Path:
    """The store folder: Flask config ``STORE_DIR`` inside a request, else ``$STORE_DIR``, else data/store."""
    try:
        from flask import current_app
        configured = current_app.config.get("STORE_DIR")
        if configured:
            return Path(configured)
    except RuntimeError:          # outside an app context
        pass
    return Path(os.environ.get("STORE_DIR") or DEFAULT_STORE)


def get_store(path: Path | None = None) -> Store:
    """The store at ``path`` (default: :func:`store_dir`), read from disk once per process and version."""
    folder = Path(path) if path else store_dir()
    return _cached(str(folder.resolve()), _version(folder))


def _version(folder: Path) -> tuple[int, int]:
    """A cheap stamp of the store on disk: a build swaps in a new manifest, which changes its inode and mtime.

    A ``stat`` per call, not a read and JSON parse, because every callback asks for the store.
    """
    try:
        info = os.stat(folder / "manifest.json")
    except OSError:
        return (0, 0)
    return (info.st_ino, info.st_mtime_ns)


@lru_cache(maxsize=4)
def _cached(folder: str, version: tuple[int, int]) -> Store:
    return load_store(Path(folder))
