"""``StoreView``: the one typed view of the store that pages and the API read, and the one cache.

A view wraps one loaded :class:`etl.store.Store` (read-only frames) and owns every memo computed from
it.  Views are made by :func:`dashboard.data.store.get_view`, one per store folder and data version;
when a build swaps in a new store, the next request gets a new view and the old one (with all its memos)
is released.  Nothing else in the dashboard caches data.

Memos are grouped in named *kinds* ("ranking", "need_table", ...), each a small LRU with its own size, so
a burst of one kind (many need-index weightings) cannot push out another (the map's rankings).  A value
is computed once per key even when several threads ask at the same time: the others wait for it.
"""

from __future__ import annotations

import functools
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from etl.store import Store

T = TypeVar("T")
DEFAULT_MEMO_SIZE = 128


class _Pending:
    """A value being computed by one thread while others wait for it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None


class Memo:
    """Named LRU memos, thread-safe, with one computation per key at a time."""

    def __init__(self, sizes: Mapping[str, int] | None = None, byte_limits: Mapping[str, int] | None = None) -> None:
        self._sizes = dict(sizes or {})
        self._byte_limits = dict(byte_limits or {})
        self._kinds: dict[str, OrderedDict[Any, Any]] = {}
        self._pending: dict[tuple[str, Any], _Pending] = {}
        self._lock = threading.Lock()

    def get(self, kind: str, key: Any, build: Callable[[], T]) -> T:
        with self._lock:
            entries = self._kinds.setdefault(kind, OrderedDict())
            if key in entries:
                entries.move_to_end(key)
                return entries[key]
            pending = self._pending.get((kind, key))
            owner = pending is None
            if owner:
                pending = self._pending[(kind, key)] = _Pending()
        assert pending is not None
        if not owner:
            pending.done.wait()
            if pending.error is not None:
                raise pending.error
            return pending.value
        try:
            pending.value = build()
        except BaseException as exc:
            pending.error = exc
            raise
        else:
            with self._lock:
                entries[key] = pending.value
                while len(entries) > self._sizes.get(kind, DEFAULT_MEMO_SIZE):
                    entries.popitem(last=False)
        finally:
            with self._lock:
                self._pending.pop((kind, key), None)
            pending.done.set()
        return pending.value

    def peek(self, kind: str, key: Any) -> Any:
        """The value held for ``key``, or None (never computes)."""
        with self._lock:
            entries = self._kinds.get(kind)
            if entries is None or key not in entries:
                return None
            entries.move_to_end(key)
            return entries[key]

    def put(self, kind: str, key: Any, value: Any) -> None:
        """Hold ``value`` for ``key``, evicting the least recently used entries beyond the kind's size."""
        with self._lock:
            entries = self._kinds.setdefault(kind, OrderedDict())
            entries[key] = value
            entries.move_to_end(key)
            limit = self._byte_limits.get(kind)
            if limit is not None:
                while len(entries) > 1 and sum(len(v) for v in entries.values()) > limit:
                    entries.popitem(last=False)
            while len(entries) > self._sizes.get(kind, DEFAULT_MEMO_SIZE):
                entries.popitem(last=False)

    def keys(self, kind: str) -> list[Any]:
        """The keys ``kind`` holds, least recently used first (for tests)."""
        with self._lock:
            return list(self._kinds.get(kind, ()))

    def sizes(self) -> dict[str, int]:
        """How many entries each kind holds (for tests and the benchmark)."""
        with self._lock:
            return {kind: len(entries) for kind, entries in self._kinds.items()}


# Entries per kind: rankings and series are small frames; need tables and encoded answers bigger.  The explorer's
# per-layer parts (hover texts, trend points: 100-150 kB each), its selections and the encoded answers are held
# to what keeps a worker under 280 MB while 8 clients ask 60,000 random explorer states (`make bench`,
# steady_memory: 283 MB with 128 of each and 24 MB of answers, 266 MB with these; 6 December 2026).  A state's chart
# pictures are 40-140 kB (the SVG map of 342 gemeenten).
MEMO_SIZES = {"series": 64, "ranking": 256, "values": 256, "profile": 512, "need_table": 64, "need_csv": 64,
              "geojson": 4, "answer": 2048, "explorer_layer_parts": 64, "explorer_selection_parts": 64,
              "explorer_map_hovers": 48, "explorer_series_points": 48, "explorer_pictures": 32,
              "priority_parts": 16, "priority_aftercare": 16, "region_values": 128, "first_layout": 512,
              "compressed_file": 64}
# Encoded callback answers, first layouts and compressed static files (bytes) are bounded by their total size rather
# than their number (a first load's scripts are ~0.6 MB in brotli, ~0.7 MB in gzip).
MEMO_BYTES = {"answer": 16 * 1024 * 1024, "first_layout": 8 * 1024 * 1024, "compressed_file": 8 * 1024 * 1024}


@dataclass(frozen=True, eq=False)
class StoreView:
    """The store as the dashboard sees it: typed accessors and the memos of everything derived from it."""

    store: Store
    memo: Memo = field(default_factory=lambda: Memo(MEMO_SIZES, MEMO_BYTES), repr=False)

    @property
    def observations(self) -> pd.DataFrame:
        return self.store.observations

    @property
    def regions(self) -> pd.DataFrame:
        return self.store.regions

    @property
    def indicators(self) -> list[dict[str, Any]]:
        return self.store.indicators

    @property
    def manifest(self) -> dict[str, Any]:
        return self.store.manifest

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def data_version(self) -> str:
        return str(self.store.manifest.get("data_version", ""))

    @property
    def is_demo(self) -> bool:
        return self.cached("is_demo", (), lambda: bool(self.store.observations["is_demo"].any()))

    def indicator(self, indicator_id: str) -> dict[str, Any] | None:
        """The description of one indicator (indicators.json), or None for an unknown id."""
        index = self.cached("indicator_index", (), lambda: {ind["id"]: ind for ind in self.store.indicators})
        return index.get(indicator_id)

    def geojson_path(self, level: str) -> Path:
        return self.store.geojson_path(level)

    def geojson(self, level: str) -> dict[str, Any]:
        """The boundaries of ``level`` (``arbeidsmarktregio`` or ``gemeente``), read once per view."""
        return self.cached("geojson", level,
                           lambda: json.loads(self.geojson_path(level).read_text(encoding="utf-8")))

    def cached(self, kind: str, key: Any, build: Callable[[], T]) -> T:
        """``build()`` once per view and key; later calls return the same object (treat it as read-only)."""
        return self.memo.get(kind, key, build)


def memoised(kind: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorate ``fn(view, *args)`` (hashable args) so that it runs once per view and args, in memo ``kind``."""
    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(fn)
        def memo(view: StoreView, *args: Any) -> T:
            return view.cached(kind, args, lambda: fn(view, *args))
        return memo
    return wrap
