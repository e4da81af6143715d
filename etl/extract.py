"""The only module that talks to CBS: fetch live, then write new immutable raw snapshots.

CBS OData v4 (``datasets.cbs.nl``) is read with a small client of our own: it keeps
dimension codes (cbsodata's ``get_data`` replaces them with titles), sets a timeout on
every request and retries with exponential backoff.  The v3 table 85984NED
(population) is read with ``cbsodata`` (see :mod:`etl.extract_v3`).  A table is fetched
into memory and checked first; its snapshots (one per slice) are written together or not
at all.  :func:`fetch_sources` fetches several tables all-or-nothing; ``etl refresh``
(:mod:`etl.refresh`) fetches each table on its own, so one table's failure costs no other.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import requests
from tqdm import tqdm

from etl.catalog import LICENCE, SOURCES, V4_BASE, Slice, Source, attribution
from etl.extract_error import ExtractError
from etl.snapshot import Snapshot, sha256_bytes, write_snapshot
from etl.transform.raw import RawShapeError, read_observations
from etl.transform.resolve import MEASURES, filter_text, resolve_slice

RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_PAGES = 500

Fetched = list[tuple[str, dict[str, bytes], dict[str, Any]]]     # per slice: (name, files, manifest fields)


@dataclass
class V4Client:
    base_url: str = V4_BASE
    timeout: float = 30.0
    retries: int = 4
    backoff: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    session: requests.Session = field(default_factory=requests.Session)

    def get(self, url: str, table: str) -> bytes:
        """GET with timeout and retries; returns the body after checking it is JSON."""
        last = ""
        for attempt in range(self.retries + 1):
            try:
                response = self.session.get(url, timeout=self.timeout, headers={"Accept": "application/json"})
            except requests.Timeout:
                last = f"timeout after {self.timeout:g} s"
            except requests.ConnectionError as exc:
                last = f"no connection ({_reason(exc)})"
            else:
                if response.status_code in RETRY_STATUS:
                    last = f"HTTP {response.status_code}"
                elif response.status_code >= 400:
                    raise ExtractError(f"{table}: HTTP {response.status_code} for {url}")
                else:
                    body = response.content
                    try:
                        payload = json.loads(body)
                    except ValueError:
                        raise ExtractError(f"{table}: invalid JSON from {url} ({len(body)} bytes, truncated?)") from None
                    if not isinstance(payload, dict):
                        raise ExtractError(f"{table}: {url} did not return a JSON object (an OData response)")
                    return body
            if attempt < self.retries:
                self.sleep(self.backoff * 2 ** attempt)
        raise ExtractError(f"{table}: {last} for {url} (after {self.retries + 1} attempts)")

    def table_url(self, table: str) -> str:
        return f"{self.base_url.rstrip('/')}/{table}"

    def fetch_metadata(self, table: str, progress: Any = None) -> dict[str, bytes]:
        """Properties, Dimensions, MeasureCodes and every dimension's code list of one table."""
        root = self.table_url(table)
        files = {"properties.json": self.get(f"{root}/Properties", table),
                 "dimensions.json": self.get(f"{root}/Dimensions", table),
                 "measure-codes.json": self.get(f"{root}/MeasureCodes", table)}
        for dim in [d["Identifier"] for d in _value(files["dimensions.json"], table, "Dimensions")]:
            files[f"codes-{dim}.json"] = self.get(f"{root}/{dim}Codes", table)
            _tick(progress)
        return files

    def fetch_slice(self, source: Source, slice_: Slice, progress: Any = None,
                    metadata: dict[str, bytes] | None = None) -> dict[str, bytes]:
        """All files of one slice: metadata (fetched unless given), observation pages (``@odata.nextLink``)."""
        table = source.table_id
        files = dict(metadata) if metadata is not None else self.fetch_metadata(table, progress)
        url: str | None = f"{self.table_url(table)}/Observations?$filter={quote(self.observation_filter(source, slice_, files))}"
        page = 0
        while url:
            page += 1
            if page > MAX_PAGES:
                raise ExtractError(f"{table}: more than {MAX_PAGES} pages; narrow the slice")
            body = self.get(url, table)
            files[f"observations-page-{page}.json"] = body
            url = json.loads(body).get("@odata.nextLink")
            _tick(progress)
        return files

    @staticmethod
    def observation_filter(source: Source, slice_: Slice, files: dict[str, bytes]) -> str:
        """The slice's filter with its specs resolved against the code lists just fetched."""
        table = source.table_id

        def lists(dim: str) -> dict[str, dict[str, Any]]:
            name = "measure-codes.json" if dim == MEASURES else f"codes-{dim}.json"
            if name not in files:
                raise ExtractError(f"{table}: dimension {dim!r} missing from the table")
            return {str(r["Identifier"]).strip(): r for r in _value(files[name], table, name)}
        try:
            return filter_text(source, slice_, resolve_slice(source, slice_, lists))
        except RawShapeError as exc:
            raise ExtractError(str(exc)) from None


def fetch_table(source: Source, client: V4Client, fetched_at: str, *, timeout: float = 30.0, retries: int = 4,
                base_url: str | None = None, v3_fetch: Callable | None = None) -> Fetched:
    """Every slice of one table, fetched into memory and parsed as a build would; nothing is written."""
    if source.kind == "cbs_v3":
        from etl.extract_v3 import fetch_population
        catalog_url, https = v3_catalog(base_url)
        files, meta = (v3_fetch or fetch_population)(timeout=timeout, retries=retries, catalog_url=catalog_url,
                                                     use_https=https)
        return [(source.slices[0].name, files, {**meta, "fetched_at": fetched_at})]
    out: Fetched = []
    with tqdm(desc=source.table_id, unit="req", file=sys.stderr, disable=not sys.stderr.isatty()) as bar:
        try:
            metadata = client.fetch_metadata(source.table_id, bar)
            for sl in source.slices:
                files = client.fetch_slice(source, sl, bar, metadata)
                meta = _manifest(source, sl, files, client, fetched_at)
                _check(source, sl, files, meta)
                out.append((sl.name, files, meta))
        except KeyError as exc:                # a record without a field we index, e.g. "Identifier"
            raise ExtractError(f"{source.table_id}: field {exc} missing in a CBS response (schema drift?)") from None
    return out


def v3_catalog(base_url: str | None) -> tuple[str | None, bool]:
    """cbsodata's ``catalog_url`` (host[:port]) and https flag for ``--base-url`` (None: CBS's own)."""
    if not base_url:
        return None, True
    parts = urlsplit(base_url)
    if not parts.netloc:
        raise ExtractError(f"--base-url {base_url!r} is not an http(s) URL")
    return parts.netloc, parts.scheme == "https"


def fetch_sources(raw_dir: Path, table_ids: list[str] | None = None, *, timeout: float = 30.0, retries: int = 4,
                  base_url: str | None = None, client: V4Client | None = None, v3_fetch: Callable | None = None
                  ) -> list[Path]:
    """Fetch the chosen tables (default: all), check them, then write one new snapshot per slice (all or none)."""
    sources = choose(table_ids)
    client = client or V4Client(base_url=base_url or V4_BASE, timeout=timeout, retries=retries)
    stamp, fetched_at = stamps()
    pending = [(src.table_id, fetch_table(src, client, fetched_at, timeout=timeout, retries=retries,
                                          base_url=base_url, v3_fetch=v3_fetch)) for src in sources]
    written: list[Path] = []
    try:
        for table, slices in pending:
            written += write_table(raw_dir, table, stamp, slices)
    except BaseException:
        for path in written:
            shutil.rmtree(path, ignore_errors=True)
        raise
    return written


def write_table(raw_dir: Path, table: str, stamp: str, slices: Fetched) -> list[Path]:
    """Write the snapshots of one table's slices together, or none of them."""
    written: list[Path] = []
    try:
        for slice_name, files, meta in slices:
            written.append(write_snapshot(raw_dir, table, slice_name, stamp, files, meta))
    except BaseException:
        for path in written:
            shutil.rmtree(path, ignore_errors=True)
        raise
    return written


def stamps() -> tuple[str, str]:
    """The snapshot folder name and the manifest's fetched_at of one refresh."""
    now = datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y-%m-%dT%H:%M:%SZ")


def choose(table_ids: list[str] | None) -> list[Source]:
    fetchable = [s for s in SOURCES if s.fetchable]
    if not table_ids:
        return fetchable
    known = {s.table_id.lower(): s for s in fetchable}
    unknown = [t for t in table_ids if t.lower() not in known]
    if unknown:
        raise ExtractError(f"unknown table(s) {', '.join(unknown)}; known: {', '.join(s.table_id for s in fetchable)}")
    return [known[t.lower()] for t in table_ids]


def _manifest(src: Source, sl: Slice, files: dict[str, bytes], client: V4Client, fetched_at: str) -> dict[str, Any]:
    props = json.loads(files["properties.json"])
    return {"table_id": src.table_id, "title": str(props.get("Title", src.title)).strip(),
            "url": client.table_url(src.table_id), "statline_url": src.statline_url,
            "filter": client.observation_filter(src, sl, files), "cbs_modified": props.get("Modified"),
            "fetched_at": fetched_at, "api": "odata-v4", "is_demo": False, "licence": LICENCE,
            "attribution": attribution(src.table_id, False), "origin": "Fetched live from CBS OData v4 by etl.extract."}


def _check(src: Source, sl: Slice, files: dict[str, bytes], meta: dict[str, Any]) -> None:
    """Parse the fetched slice exactly as a build would, before anything is written."""
    with tempfile.TemporaryDirectory(prefix="etl-check-") as folder:
        tmp = Path(folder)
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        manifest = {**meta, "files": {n: {"sha256": sha256_bytes(d), "bytes": len(d)} for n, d in files.items()}}
        try:
            read_observations(Snapshot(tmp, manifest), src, sl)
        except RawShapeError as exc:
            raise ExtractError(str(exc)) from None


def _value(body: bytes, table: str, what: str) -> list[dict[str, Any]]:
    try:
        payload = json.loads(body)
    except ValueError:
        raise ExtractError(f"{table}: invalid JSON in {what}") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("value"), list):
        raise ExtractError(f"{table}: {what} is not an OData response with a 'value' list")
    return payload["value"]


def _reason(exc: Exception) -> str:
    text = str(exc)
    for marker in ("Failed to resolve", "Connection refused", "Network is unreachable", "Name or service not known"):
        if marker in text:
            return marker.lower()
    return exc.__class__.__name__


def _tick(bar: Any) -> None:
    if bar is not None:
        bar.update(1)
