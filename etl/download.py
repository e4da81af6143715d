"""Read a CSV download of a CBS table (or of Eurostat's copy of one) into rows keyed by the table's own keys.

The shapes a researcher brings (``../shared/TESTING.md``):

* **cbsodata / v3 feed**: ``;``, UTF-8 with BOM, an ``ID`` column, dimensions and measures by their v3 keys
  (``RegioS``, ``Jongeren15Tot27Jaar_1``), categories by title with CBS's padding (``"Totaal "``);
* **StatLine**: ``;``, columns by title (``Regio's``, ``Jongeren (15 tot 27 jaar) (aantal)``), provisional
  periods marked ``2023*``;
* **StatLine re-saved by R** (``write.csv``): ``,``, a leading unnamed row-number column, titles mangled by
  ``make.names`` (``Regio.s``, ``Jongeren..15.tot.27.jaar...aantal.``);
* **Eurostat SDMX-CSV** with labels: ``,``, columns ``DATAFLOW, LAST UPDATE, ..., TIME_PERIOD, OBS_VALUE``.

Every physical line is kept as it is in the file (:attr:`Row.text`), so a raw snapshot can hold the exact lines
it was made from.  Anything that is not a whole, well-formed download of the expected table raises
:class:`DownloadError` naming the file and the line.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from etl.catalog import DownloadColumn, DownloadLayout

INDEX_COLUMNS = ("ID", "")          # cbsodata's row id, R's row number: not data
CBS_PAGE = 10_000                   # rows per page of CBS's v3 feed: a file of exactly this many rows was cut there


class DownloadError(ValueError):
    """A download that is not a whole, well-formed CSV of the expected table."""


@dataclass(frozen=True)
class Row:
    line: int                       # 1-based line number in the file
    text: str                       # the line as written, without its line ending
    cells: dict[str, str]           # column key (layout) -> the cell as written


@dataclass(frozen=True)
class Download:
    name: str                       # the file's name (messages, manifest)
    sha256: str                     # of the whole file
    header: str                     # the header line as written (a leading BOM removed)
    bom: bool
    newline: str                    # "\n" or "\r\n", as the file writes its lines
    delimiter: str
    columns: tuple[str | None, ...]  # per column of the file: the layout key, or None for an index column
    rows: tuple[Row, ...]

    @property
    def cut_at_page(self) -> bool:
        """True when the file holds exactly one page of CBS's feed (10,000 rows): what followed is absent."""
        return len(self.rows) == CBS_PAGE

    def lines(self, rows: Iterable[Row]) -> bytes:
        """The header and ``rows`` exactly as in the file (BOM and line ends kept as they were)."""
        text = self.newline.join([self.header, *(r.text for r in rows)]) + self.newline
        return ("\ufeff" if self.bom else "").encode("utf-8") + text.encode("utf-8")


def make_names(text: str) -> str:
    """R's ``make.names``: what ``read.csv`` makes of a column title (``Regio's`` -> ``Regio.s``)."""
    name = re.sub(r"[^0-9A-Za-z._]", ".", text)
    if not name or name[0].isdigit() or name[0] == "_" or (name[0] == "." and name[1:2].isdigit()):
        name = "X" + name
    return name


def header_names(column: DownloadColumn) -> set[str]:
    """Every header under which a download may carry ``column``: its key, its title, ``title (unit)``, and what
    R makes of those."""
    titles = [column.title] + ([f"{column.title} ({column.unit})"] if column.unit else [])
    return {column.key, *titles, *(make_names(t) for t in titles)}


def read_download(path: Path, layout: DownloadLayout, table: str) -> Download:
    """Read ``path`` as a download of ``table``; raise :class:`DownloadError` (file and line named) otherwise."""
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DownloadError(f"{name}: cannot read the file ({exc.strerror or exc})") from None
    return parse_download(data, name, layout, table)


def parse_download(data: bytes, name: str, layout: DownloadLayout, table: str) -> Download:
    """:func:`read_download` on the file's bytes."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DownloadError(f"{name}: not UTF-8 text (byte {exc.start}); save the download as UTF-8") from None
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise DownloadError(f"{name}: the file is empty")
    physical = text.split("\n")
    if physical[-1] != "":
        raise DownloadError(f"{name}: line {len(physical)} does not end with a line end: the file was cut off "
                            "(download it again)")
    physical.pop()
    newline = "\r\n" if physical[0].endswith("\r") else "\n"
    physical = [line.removesuffix("\r") for line in physical]
    header = physical[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    fields = _split(header, delimiter, name, 1)
    columns = _match_header(fields, layout, table, name)
    rows = []
    for number, line in enumerate(physical[1:], start=2):
        if not line.strip():
            if number == len(physical):
                continue
            raise DownloadError(f"{name}: line {number} is empty inside the file")
        cells = _split(line, delimiter, name, number)
        if len(cells) != len(fields):
            raise DownloadError(f"{name}: line {number} has {len(cells)} fields, the header {len(fields)}")
        rows.append(Row(number, line, {key: cell for key, cell in zip(columns, cells) if key is not None}))
    if not rows:
        raise DownloadError(f"{name}: no data rows after the header")
    return Download(name, hashlib.sha256(data).hexdigest(), header, bom, newline, delimiter, columns, tuple(rows))


def _split(line: str, delimiter: str, name: str, number: int) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise DownloadError(f"{name}: line {number} is not valid CSV ({exc}): truncated or damaged?") from None


def _match_header(fields: list[str], layout: DownloadLayout, table: str, name: str) -> tuple[str | None, ...]:
    wanted = {*layout.dimensions, *layout.measures}
    by_header: dict[str, str] = {}
    for column in wanted:
        for header in header_names(column):
            by_header[header] = column.key
    for extra in layout.attributes:
        by_header[extra] = extra
    out: list[str | None] = []
    unknown = []
    for i, field in enumerate(fields):
        cleaned = field.strip()
        if cleaned in by_header:
            out.append(by_header[cleaned])
        elif cleaned in INDEX_COLUMNS and i == 0:
            out.append(None)
        else:
            out.append(None)
            unknown.append(field)
    expected = ", ".join(c.title for c in layout.dimensions)
    missing = [c.title for c in layout.dimensions if c.key not in out]
    if unknown or missing or not any(c.key in out for c in layout.measures):
        found = ", ".join(repr(f) for f in fields[:12])
        why = (f"unknown column(s) {', '.join(repr(u) for u in unknown[:6])}" if unknown
               else f"column(s) {', '.join(missing)} missing" if missing else "none of the table's measures")
        raise DownloadError(f"{name}: not a download of {table}: {why}; the file has {found}; a download of {table} "
                            f"has the dimensions {expected} and measures such as "
                            f"{', '.join(c.title for c in layout.measures[:3])}")
    if len([k for k in out if k is not None]) != len({k for k in out if k is not None}):
        raise DownloadError(f"{name}: a column of {table} appears twice in the header")
    return tuple(out)
