"""``etl refresh``: fetch every table on its own, keep what builds, then build the store.

Per table: fetch into memory (all slices) -> write its new snapshots -> check that the table builds
with them (transform + schema).  A table that fails at any step costs no other table: a failed
fetch writes nothing, and a fetched table that does not build has only its own new snapshots moved
to ``data/raw/_rejected/<stamp>/`` so the previous snapshot of that table stays in use.  The store is
then built from every current snapshot.  One outcome line per table; never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import etl.extract as extract
from etl.build import Received, build_store, load_division, transform_population, transform_source
from etl.catalog import V4_BASE, Source, editions, source
from etl.schema import validate_store
from etl.transform.regions import DroppedRegions


@dataclass
class Outcome:
    table_id: str
    ok: bool = False
    reason: str = ""
    received: Received | None = None
    dropped: DroppedRegions | None = None
    written: list[Path] = field(default_factory=list)

    def line(self) -> str:
        if self.ok:
            text = f"{self.table_id}: fetched {self.received.describe() if self.received else ''}"
            if self.dropped and self.dropped.codes:
                text += f"; {self.dropped.describe()}"
            if self.dropped and self.dropped.unknown:
                text += f"; WARNING: unknown region code(s) {', '.join(self.dropped.unknown[:8])}"
            return text
        return f"{self.table_id}: failed: {self.reason}; its previous snapshot stays in use"


@dataclass
class RefreshResult:
    outcomes: list[Outcome]
    summary: dict[str, Any] | None = None         # the build summary, when a store was built
    build_error: str = ""

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes) and not self.build_error


def refresh(raw_dir: Path, store_dir: Path, table_ids: list[str] | None = None, *, timeout: float = 30.0,
            retries: int = 4, base_url: str | None = None, client: extract.V4Client | None = None,
            v3_fetch: Callable | None = None) -> RefreshResult:
    raw_dir = Path(raw_dir)
    sources = extract.choose(table_ids)
    client = client or extract.V4Client(base_url=base_url or V4_BASE, timeout=timeout, retries=retries)
    stamp, fetched_at = extract.stamps()
    outcomes = []
    for src in sources:
        outcome = Outcome(src.table_id)
        outcomes.append(outcome)
        try:
            slices = extract.fetch_table(src, client, fetched_at, timeout=timeout, retries=retries,
                                         base_url=base_url, v3_fetch=v3_fetch)
            outcome.written = extract.write_table(raw_dir, src.table_id, stamp, slices)
        except Exception as exc:           # noqa: BLE001 - one table's failure of any kind must not stop the others
            outcome.reason = _reason(exc, src.table_id)
    fresh = {path for o in outcomes for path in o.written}
    for outcome in outcomes:
        if outcome.written:        # on its own: other tables' new snapshots (e.g. a newer edition) left out
            _check_builds(raw_dir, source(outcome.table_id), outcome, stamp, fresh - set(outcome.written))
    result = RefreshResult(outcomes)
    kept = [o for o in outcomes if o.ok]
    if not kept:
        return result
    try:
        result.summary = build_store(raw_dir, store_dir)
    except Exception as exc:               # noqa: BLE001 - reported as one line; the previous store stays
        result.build_error = _reason(exc, "")
        for outcome in kept:
            reject(raw_dir, outcome.written, stamp)
            outcome.ok, outcome.reason = False, f"the store does not build with it: {result.build_error}"
    return result


def _check_builds(raw_dir: Path, src: Source, outcome: Outcome, stamp: str, others: set[Path]) -> None:
    """Transform and validate the table with its new snapshots (and the previous snapshots of the other fresh
    tables, so one edition's fault is not blamed on another); reject them if that fails."""
    try:
        division, _ = load_division(raw_dir)
        geo = division.geography()
        regions = geo.regions
        if src.kind == "cbs_v3":
            tidy, _, dropped = transform_population(raw_dir, geo, division)
            rows = tidy.rows
            persons = rows[rows["region_level"] == "gemeente"]
            outcome.received = Received(rows=len(persons) + dropped.rows, periods=sorted(set(rows["period"])),
                                        regions=len(persons) + len(dropped.codes))
            outcome.dropped = dropped
        else:
            root = editions(src.newer_edition_of)[0] if src.newer_edition_of else src
            result = transform_source(raw_dir, root, geo, division, others)
            rows = result.tidy.rows
            outcome.received = result.received.get(src.table_id)
            outcome.dropped = result.dropped.get(src.table_id)
        validate_store(rows, regions)
        outcome.ok = True
    except Exception as exc:               # noqa: BLE001
        where = reject(raw_dir, outcome.written, stamp)
        outcome.reason = f"fetched but does not build: {_reason(exc, src.table_id)} (new snapshot moved to {where})"


def reject(raw_dir: Path, written: list[Path], stamp: str) -> Path:
    """Move freshly fetched snapshots that do not build out of the way, so builds use the last good ones."""
    target = raw_dir / "_rejected" / stamp
    for path in written:
        if path.exists():
            dest = target / path.relative_to(raw_dir)
            dest.parent.mkdir(parents=True, exist_ok=True)
            path.rename(dest)
    return target


def _reason(exc: BaseException, table: str) -> str:
    """One line; the table's own name is dropped from its front (the outcome line starts with it)."""
    text = str(exc).strip().splitlines()
    line = text[0] if text else ""
    known = isinstance(exc, (extract.ExtractError, ValueError, KeyError, OSError, RuntimeError))
    prefix = "" if known else f"{exc.__class__.__name__}: "
    if table and line.startswith(f"{table}: "):
        line = line[len(table) + 2:]
    return prefix + (line or exc.__class__.__name__)
