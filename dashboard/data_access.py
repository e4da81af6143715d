"""The dashboard's only door to data: the store, loaded once per process and cached.

The cache is keyed by the store's path and its manifest's data version, and holds
read-only frames: workers never share or mutate state.
"""

from __future__ import annotations

import json
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


def _version(folder: Path) -> str:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("data_version", "")
    except (OSError, ValueError):
        return ""


@lru_cache(maxsize=4)
def _cached(folder: str, version: str) -> Store:
    return load_store(Path(folder))
