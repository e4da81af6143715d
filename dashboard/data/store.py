"""The dashboard's only door to data: :func:`get_view` returns the :class:`StoreView` of the current store.

Views are kept per store folder; a cheap ``stat`` of the manifest tells whether a build has swapped in
a new store since (a build writes a new manifest, which changes its inode and mtime).  Then the store is
read again and, if its data version changed, a new view replaces the old one (whose memos go with it).
Each worker process holds its own views: nothing is shared between workers.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from dashboard.data.view import StoreView
from etl.store import load_store

DEFAULT_STORE = Path(__file__).resolve().parents[2] / "data" / "store"


@dataclass(frozen=True)
class _Loaded:
    stamp: tuple[int, int]
    view: StoreView


_VIEWS: dict[str, _Loaded] = {}       # store folder -> its current view (per process; replaced, never mutated)
_LOCK = threading.Lock()


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


def get_view(path: Path | str | None = None) -> StoreView:
    """The view of the store at ``path`` (default: :func:`store_dir`), loaded once per build of it.

    Raises :class:`etl.store.StoreError` when the store cannot be read.
    """
    folder = str(Path(path or store_dir()).resolve())
    stamp = _stamp(Path(folder))
    loaded = _VIEWS.get(folder)
    if loaded is not None and loaded.stamp == stamp:
        return loaded.view
    with _LOCK:
        loaded = _VIEWS.get(folder)
        if loaded is not None and loaded.stamp == stamp:
            return loaded.view
        view = StoreView(load_store(Path(folder)))
        _VIEWS[folder] = _Loaded(stamp, view)
        return view


def _stamp(folder: Path) -> tuple[int, int]:
    try:
        info = os.stat(folder / "manifest.json")
    except OSError:
        return (0, 0)
    return (info.st_ino, info.st_mtime_ns)
