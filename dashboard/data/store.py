"""The dashboard's only door to data: :func:`get_view` returns the :class:`StoreView` of the last good store.

Per store folder and process, a small state machine decides what is served:

* **ok**: the folder's store, loaded once per build and checked against the manifest's sha256 checksums.  A
  ``stat`` of the manifest on every call tells whether a build swapped in a new store (new inode and mtime); then
  it is loaded again and a new view (with new memos) replaces the old one.  At most every
  :data:`FILE_CHECK_INTERVAL` seconds, and on every health check, the other files are ``stat``-ed too: a file
  changed in place is read and checked again.
* **degraded**: the folder's store is missing, unreadable or corrupt.  A view already in memory keeps being served;
  a process without one loads the best good copy beside the folder (``.old-store``, left by a build killed between
  its renames, then ``.previous-store``).  A build killed half-way is repaired first when no build holds the lock
  (:func:`etl.store.recover`).  The store is tried again whenever its files change, and every
  :data:`RETRY_INTERVAL` seconds.
* **unavailable**: nothing good anywhere: :func:`get_view` raises :class:`etl.store.StoreError`.

:func:`store_status` says which (for ``/healthz``).  Each worker process holds its own views; nothing is shared.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from dashboard.data.view import StoreView
from etl.store import MANIFEST, Store, StoreError, aside, candidates, load_store, recover

DEFAULT_STORE = Path(__file__).resolve().parents[2] / "data" / "store"
FILE_CHECK_INTERVAL = 1.0        # seconds between stat checks of every store file (the manifest: every call)
RETRY_INTERVAL = 5.0             # while degraded, how often the store is tried again when nothing changed
LOAD_ATTEMPTS = 3                # a load that races a build's swap sees mixed files: try again

log = logging.getLogger(__name__)

Stamp = tuple[int, int, int]


@dataclass(frozen=True)
class StoreStatus:
    """What this process serves from one store folder."""

    view: StoreView | None       # None: nothing good to serve (unavailable)
    source: Path | None          # the folder ``view`` was loaded from (the store, .old-store or .previous-store)
    problem: str | None          # why it is degraded or unavailable; None when the store itself is served

    @property
    def state(self) -> str:
        if self.view is None:
            return "unavailable"
        return "degraded" if self.problem else "ok"


class _Folder:
    """Mutable state of one store folder in this process (guarded by ``lock``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lock = threading.Lock()
        self.status = StoreStatus(None, None, "not loaded yet")
        self.manifest_stamp: Stamp | None = None      # the manifest as of the last load attempt
        self.file_stamps: dict[str, Stamp] = {}        # the store's files as last verified (or found bad)
        self.checked_at = 0.0
        self.retry_at = 0.0


_FOLDERS: dict[str, _Folder] = {}
_FOLDERS_LOCK = threading.Lock()
_VIEWS = _FOLDERS                # the old name (tests/dashboard checks that the index page reads no store)


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
    """The view of the last good store at ``path`` (default: :func:`store_dir`; inside a request, the view the
    request started with); see the module docstring.

    Raises :class:`etl.store.StoreError` when there is no good store to serve at all.
    """
    from flask import g, has_request_context
    in_request = path is None and has_request_context()
    if in_request and "store_view" in g:
        return g.store_view                            # one view per request: one data version throughout
    status = store_status(path)
    if status.view is None:
        raise StoreError(status.problem or "the data store is not available")
    if in_request:
        g.store_view = status.view
    return status.view


def store_status(path: Path | str | None = None, check: bool = False) -> StoreStatus:
    """What is served from ``path`` and why; ``check=True`` checks every store file now (the health check)."""
    folder = Path(path or store_dir()).resolve()
    state = _FOLDERS.get(str(folder))
    if state is None:
        with _FOLDERS_LOCK:
            state = _FOLDERS.setdefault(str(folder), _Folder(folder))
    status = state.status
    if (not check and status.view is not None and status.problem is None
            and time.monotonic() - state.checked_at < FILE_CHECK_INTERVAL
            and _stamp(folder / MANIFEST) == state.manifest_stamp):
        return status                                  # the fast path: one stat
    with state.lock:
        _refresh(state, check)
        return state.status


# ------------------------------------------------------------------------------------------------ the state machine
def _refresh(state: _Folder, check: bool) -> None:
    now = time.monotonic()
    folder, status = state.folder, state.status
    manifest_stamp = _stamp(folder / MANIFEST)
    if status.view is not None and status.problem is None and manifest_stamp == state.manifest_stamp:
        if check or now - state.checked_at >= FILE_CHECK_INTERVAL:
            _check_files(state, now)
            _clean_leftovers(folder)
        return
    if status.view is not None and status.problem is not None and manifest_stamp == state.manifest_stamp \
            and now < state.retry_at and _file_stamps(folder, state.file_stamps) == state.file_stamps:
        return                                         # degraded, nothing changed since the last attempt
    _load(state, now)


def _check_files(state: _Folder, now: float) -> None:
    """Same manifest as loaded: are the files still the ones that were verified?"""
    state.checked_at = now
    stamps = _file_stamps(state.folder, state.file_stamps)
    if stamps == state.file_stamps:
        return
    try:
        store = _load_store(state.folder)
    except StoreError as exc:
        _degrade(state, _reason(exc, state.folder), now)
        state.file_stamps = stamps                     # try again when they change again, or after RETRY_INTERVAL
        return
    state.file_stamps = _file_stamps(state.folder, _names(store))
    current = state.status.view
    if current is None or store.manifest.get("data_version") != current.data_version:
        _serve(state, store, None)


def _load(state: _Folder, now: float) -> None:
    """Load the store (a new build, a first request, or another try while degraded)."""
    folder = state.folder
    if state.status.view is None or not folder.exists():
        for done in recover(folder, blocking=False):   # a killed build: put the store back, drop temp folders
            log.warning("store repaired: %s", done)
    state.manifest_stamp = _stamp(folder / MANIFEST)
    state.checked_at = now
    try:
        store = _load_store(folder)
    except StoreError as exc:
        reason = _reason(exc, folder)
        state.file_stamps = _file_stamps(folder, state.file_stamps or dict.fromkeys(_default_names()))
        if state.status.view is not None:
            _degrade(state, reason, now)               # keep serving what is in memory
            return
        for other in candidates(folder)[1:]:
            try:
                fallback = _load_store(other)
            except StoreError:
                continue
            problem = f"{reason}; serving the good copy in {other.name}, data version {fallback.manifest.get('data_version')}"
            _serve(state, fallback, problem)
            state.retry_at = now + RETRY_INTERVAL
            log.warning("store degraded: %s", problem)
            return
        state.status = StoreStatus(None, None, reason)
        state.retry_at = now
        log.error("store unavailable: %s; no good copy beside it either", reason)
        return
    was = state.status
    _serve(state, store, None)
    state.file_stamps = _file_stamps(folder, _names(store))
    _clean_leftovers(folder)            # a build killed after its swap: its store aside goes now, not a second later
    if was.problem is not None and was.view is not None:
        log.warning("store ok again: serving %s (data version %s)", folder.name, store.manifest.get("data_version"))


def _clean_leftovers(folder: Path) -> None:
    """Temp folders of a killed build (or a store it left aside) go as soon as no build holds the lock."""
    if aside(folder, "old").exists() or any(folder.parent.glob(f".tmp-{folder.name}-*")):
        for done in recover(folder, blocking=False):
            log.warning("store repaired: %s", done)


def _serve(state: _Folder, store: Store, problem: str | None) -> None:
    view = StoreView(store)
    for name in store.files:                           # read the boundaries now, while they are the verified ones
        if name.startswith("geo/") and name.endswith(".geojson"):
            try:
                view.geojson(name[len("geo/"):-len(".geojson")])
            except (OSError, ValueError):
                pass
    state.status = StoreStatus(view, store.path, problem)


def _degrade(state: _Folder, reason: str, now: float) -> None:
    status = state.status
    assert status.view is not None
    source = status.source.name if status.source else "?"
    served = "the copy loaded before (in memory)" if status.source == state.folder else f"the copy in {source}"
    problem = f"{reason}; serving {served}, data version {status.view.data_version}"
    if problem != status.problem:
        log.warning("store degraded: %s", problem)
    state.status = StoreStatus(status.view, status.source, problem)
    state.retry_at = now + RETRY_INTERVAL


def _load_store(folder: Path) -> Store:
    """:func:`etl.store.load_store`, tried again when a build's swap happened while the files were read."""
    for attempt in range(LOAD_ATTEMPTS):
        before = _stamp(folder / MANIFEST)
        try:
            return load_store(folder)
        except StoreError:
            if attempt + 1 == LOAD_ATTEMPTS or _stamp(folder / MANIFEST) == before:
                raise
            time.sleep(0.05)
    raise AssertionError("unreachable")


def _reason(exc: StoreError, folder: Path) -> str:
    """One line about the store for the health check and the log (folder names, not full paths)."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text.replace(" (run `python -m etl build`)", "").replace(f"{folder.parent}{os.sep}", "")


def _names(store: Store) -> dict[str, None]:
    return dict.fromkeys(store.files or _default_names())


def _default_names() -> list[str]:
    return [MANIFEST, "observations.parquet", "regions.parquet", "indicators.json"]


def _file_stamps(folder: Path, names) -> dict[str, Stamp]:
    return {name: _stamp(folder / name) for name in names}


def _stamp(path: Path) -> Stamp:
    try:
        info = os.stat(path)
    except OSError:
        return (0, 0, 0)
    return (info.st_ino, info.st_size, info.st_mtime_ns)
