"""A local stand-in for CBS's APIs, served over HTTP in the test process, so ``etl refresh --base-url`` and
``etl inspect`` run end to end without the internet.

OData v4 (``/odata/v1/CBS/<table>/...``): ``Properties``, ``Dimensions``, ``MeasureCodes``, ``<Dim>Codes`` and
``Observations`` with ``$filter`` (``eq ne ge gt le lt``, ``startswith``, ``and or not``, parentheses) and
``$skip`` paging joined by ``@odata.nextLink``.  Metadata files come from ``tests/fixtures/cbs/<table>/``:
genuine recordings for 80590ned (with its observations, and a youth page derived from them in the seasonally
adjusted measures the 15-25 slice asks for) and 85554NED (metadata), hand-made ones in CBS's shape for the other
tables (``make_fixtures.py``).  A table's observations are its full cube over those code lists, as CBS returns
every combination (missing cells with a ``ValueAttribute``: a gemeente in a year it did not exist, a retired region),
with values from simple rules here, rounded as CBS rounds each table: NOT CBS figures.  Only the tables a live
refresh fetches are served (Eurostat's une_rt_m and the discontinued 82859NED come from downloads, not from
here).  OData v3 (``/ODataFeed/odata/85984NED/...``): the bulk-feed fixtures cbsodata reads, with
``odata.nextLink`` pointed at this server.  ``faults`` makes an endpoint answer with a status or other bytes.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
V4_PATH = "/odata/v1/CBS"
V3_TABLE = "85984NED"

Record = dict[str, Any]


# --- $filter ------------------------------------------------------------------------------------------
_TOKEN = re.compile(r"\s*(\(|\)|,|'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_]*)")
_COMPARE = {"eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "ge": lambda a, b: a >= b,
            "gt": lambda a, b: a > b, "le": lambda a, b: a <= b, "lt": lambda a, b: a < b}
_FUNCS = {"startswith": str.startswith, "endswith": str.endswith, "contains": lambda a, b: b in a}


class FilterError(ValueError):
    """A $filter this stand-in (and, we assume, CBS) does not accept."""


def parse_filter(text: str) -> Callable[[Record], bool]:
    """An OData ``$filter`` expression -> a predicate on an observation record."""
    tokens, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            if text[pos:].strip() == "":
                break
            raise FilterError(f"cannot parse $filter at {text[pos:pos + 20]!r}")
        tokens.append(m.group(1))
        pos = m.end()
    stream = iter(tokens + [None])
    current = [next(stream)]

    def peek() -> str | None:
        return current[0]

    def take(expected: str | None = None) -> str:
        tok = current[0]
        if tok is None or (expected is not None and tok != expected):
            raise FilterError(f"expected {expected!r}, got {tok!r} in $filter {text!r}")
        current[0] = next(stream)
        return tok

    def literal() -> str:
        tok = take()
        if not (tok.startswith("'") and tok.endswith("'")):
            raise FilterError(f"expected a string literal, got {tok!r}")
        return tok[1:-1].replace("''", "'")

    def factor() -> Callable[[Record], bool]:
        tok = peek()
        if tok == "not":
            take()
            inner = factor()
            return lambda r: not inner(r)
        if tok == "(":
            take("(")
            inner = expr()
            take(")")
            return inner
        name = take()
        if name in _FUNCS and peek() == "(":
            take("(")
            field = take()
            take(",")
            value = literal()
            take(")")
            func = _FUNCS[name]
            return lambda r: func(str(r.get(field, "")).strip(), value)
        op = take()
        if op not in _COMPARE:
            raise FilterError(f"unknown operator {op!r} in $filter {text!r}")
        value = literal()
        compare = _COMPARE[op]
        return lambda r: compare(str(r.get(name, "")).strip(), value)

    def term() -> Callable[[Record], bool]:
        parts = [factor()]
        while peek() == "and":
            take()
            parts.append(factor())
        return lambda r: all(p(r) for p in parts)

    def expr() -> Callable[[Record], bool]:
        parts = [term()]
        while peek() == "or":
            take()
            parts.append(term())
        return lambda r: any(p(r) for p in parts)

    predicate = expr()
    if peek() is not None:
        raise FilterError(f"unexpected {peek()!r} in $filter {text!r}")
    return predicate


# --- tables -------------------------------------------------------------------------------------------
def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


YOUTH_UNIT, VSV_UNIT, WW_UNIT = 100, 10, 10          # CBS rounds these tables' counts so, at every level


def _round(value: float, unit: int) -> int:
    return int((value / unit + 0.5) // 1 * unit)


def _jitter(*key: str) -> float:
    """A stable number in [0.9, 1.1) for a cell, so values differ between regions and years."""
    digest = hashlib.sha256("|".join(key).encode()).digest()
    return 0.9 + 0.2 * digest[0] / 256


YOUTH_BASE = {"NL01": 2_600_000, "LD01": 270_000, "PV20": 110_000, "CR01": 17_000, "CR03": 86_000, "AM01": 120_000,
              "GM0014": 62_000, "GM0037": 5_100}
YOUTH_SHARE = {"Niet-onderwijsvolgend": 0.3, "Onderwijsvolgend": 0.7, "Arb.pos.: niet-werkzame bevolking": 0.2,
               "Arb.pos.: werkzame beroepsbevolking": 0.8, "Werknemer": 0.7, "Zelfstandige": 0.1,
               "Met uitkering": 0.07, "Zonder uitkering": 0.93, "Geregistreerd werkzoekende bij UWV": 0.033,
               "Niet geregistreerd werkzoekende bij UWV": 0.967}


def youth_value(titles: dict[str, str], cell: Record) -> tuple[int | None, str]:
    """86087NED/86223NED: young people in a category combination, rounded to 100 at every level as CBS does."""
    year = int(cell["Perioden"][:4])
    uwv = titles["GeregistreerdWerkzoekendeBijUWV"]
    if year < 2018 and not uwv.startswith("Totaal"):
        return None, "NotAvailable"                     # GWU registration exists from 2018 on
    value = YOUTH_BASE[cell["RegioS"]] * (1 + 0.004 * (year - 2017)) * _jitter(cell["RegioS"], cell["Perioden"])
    for title in titles.values():
        if not title.startswith("Totaal"):
            value *= YOUTH_SHARE[title]
    return _round(value, YOUTH_UNIT), "None"


# 84780NED: pupils per region, and the years (of the division of the school year's first calendar year) in which a
# gemeente existed; former gemeenten have empty cells after they merged, new ones before they were formed.
VSV_PUPILS = {"NL01": 1_339_130, "GM0003": 700, "GM0009": 450, "GM0010": 1_600, "GM0014": 13_400, "GM0017": 1_100,
              "GM0024": 600, "GM0037": 1_800, "GM0363": 49_000, "GM0457": 1_350, "GM0687": 2_600, "GM0717": 1_200,
              "GM0718": 2_500, "GM1979": 2_900, "PV20": 33_000, "MC02": 6_500, "MC03": 24_000, "MC14": 55_000,
              "MC21": 104_000}
VSV_LIFETIME = {"GM0003": (None, 2020), "GM0010": (None, 2020), "GM0024": (None, 2020), "GM1979": (2021, None),
                "GM0009": (None, 2018), "GM0017": (None, 2018), "GM0457": (None, 2022), "MC14": (None, 2020)}
VSV_MEMBERS = {"MC32": ("GM0687", "GM0717", "GM0718")}     # a region the stand-in gives as CBS does: its gemeenten's sum


def vsv_counts(region: str, period: str, share: float) -> tuple[float, float] | None:
    """(pupils, early leavers) of a region in a school year, rounded to 10; None where it did not exist."""
    year = int(period[:4])
    first, last = VSV_LIFETIME.get(region, (None, None))
    if (first is not None and year < first) or (last is not None and year > last):
        return None
    if region in VSV_MEMBERS:
        parts = [vsv_counts(m, period, share) for m in VSV_MEMBERS[region]]
        return (_round(sum(p[0] for p in parts if p), VSV_UNIT), _round(sum(p[1] for p in parts if p), VSV_UNIT))
    pupils = VSV_PUPILS[region] * _jitter(region, period) * share
    leavers = pupils * 0.024 * _jitter("vsv", region, period)
    return _round(pupils, VSV_UNIT), _round(leavers, VSV_UNIT)


def vsv_value(titles: dict[str, str], cell: Record, measure_title: str) -> tuple[float | None, str]:
    region = cell["Regiokenmerken"]
    share = 1.0 if titles["Geslacht"].startswith("Totaal") else 0.5
    counts = vsv_counts(region, cell["Perioden"], share)
    if counts is None:
        attribute = "NotAvailable" if region.startswith("MC") else "Impossible"
        return None, attribute                          # merged away, not yet formed, or a region split up
    pupils, leavers = counts
    value = {"Leerlingen": pupils, "Voortijdig schoolverlaters": leavers,
             "Niet-voortijdig schoolverlaters": pupils - leavers,
             "Voortijdig schoolverlaters (percentage)": round(100 * leavers / pupils, 1)}[measure_title]
    return value, "None"


def ww_value(titles: dict[str, str], cell: Record) -> tuple[int | None, str]:
    region, period = cell["RegioS"], cell["Perioden"]
    if region.startswith("AM") and period.startswith("2013"):
        return None, "NotAvailable"                     # no arbeidsmarktregio figures for 2013 (table text)
    base = {"NL01": 9_000, "PV20": 300}.get(region, 250)
    if titles["Leeftijd"].startswith("Totaal"):         # all ages: about 18 times those under 27
        base *= 18
    value = base * _jitter(region, period, titles["Leeftijd"], titles["Geslacht"])
    value *= {"Ondergrens 95%-interval": 0.9, "Bovengrens 95%-interval": 1.1}.get(titles["Marges"], 1.0)
    return _round(value, WW_UNIT), "None"


class Table:
    """One v4 table: its metadata responses and its observation cube."""

    def __init__(self, table: str, files: dict[str, bytes], observations: list[Record]):
        self.table = table
        self.files = files
        self.observations = observations

    @classmethod
    def from_fixtures(cls, table: str, subset: dict[str, list[str]] | None = None) -> Table:
        folder = FIXTURES / "cbs" / table
        files = {p.name: p.read_bytes() for p in sorted(folder.glob("*.json")) if not p.name.startswith("observ")
                 and p.name != "index.json"}
        if table == "80590ned":
            from etlsupport import youth_page_from_recording
            records = _json(folder / "observations-page-1.json")["value"] + youth_page_from_recording()["value"]
            return cls(table, files, records)
        return cls(table, files, list(cube(table, files, subset or {})))


def cube(table: str, files: dict[str, bytes], subset: dict[str, list[str]]) -> list[Record]:
    """Every combination of the table's codes (restricted to ``subset`` per dimension), measure fastest."""
    dims = [d["Identifier"] for d in json.loads(files["dimensions.json"])["value"]]
    lists = {d: {r["Identifier"]: r["Title"] for r in json.loads(files[f"codes-{d}.json"])["value"]} for d in dims}
    measures = {r["Identifier"]: r["Title"] for r in json.loads(files["measure-codes.json"])["value"]}
    axes = [[c for c in lists[d] if c in subset.get(d, lists[d])] for d in dims]
    out = []
    for ident, combo in enumerate(itertools.product(*axes, measures)):
        cell = dict(zip(dims, combo[:-1], strict=True))
        titles = {d: lists[d][c] for d, c in cell.items() if d not in ("Perioden",)}
        measure = combo[-1]
        if table in ("86087NED", "86223NED"):
            value, attribute = youth_value({d: t for d, t in titles.items() if d != "RegioS"}, cell)
        elif table == "84780NED":
            value, attribute = vsv_value(titles, cell, measures[measure])
        else:
            value, attribute = ww_value(titles, cell)
        out.append({"Id": ident, "Measure": measure, "ValueAttribute": attribute, "Value": value, "StringValue": None,
                    **cell})
    return out


WW_SUBSET = {"Geslacht": ["T001038", "3000"], "Leeftijd": ["10000", "41600"],
             "RegioS": ["NL01", "PV20", "AM01", "AM04", "AM16", "AM31", "AM36", "AM99"],
             "Perioden": [f"2013MM{m:02d}" for m in range(1, 13)] + ["2016MM12", "2017MM01"]
             + [f"2025MM{m:02d}" for m in range(1, 13)] + [f"2026MM{m:02d}" for m in range(1, 5)]}


def default_tables() -> dict[str, Table]:
    return {"80590ned": Table.from_fixtures("80590ned"), "86087NED": Table.from_fixtures("86087NED"),
            "86223NED": Table.from_fixtures("86223NED"), "84780NED": Table.from_fixtures("84780NED"),
            "85554NED": Table.from_fixtures("85554NED", WW_SUBSET)}


# --- the server ------------------------------------------------------------------------------------------
class CbsStandIn:
    """``with CbsStandIn() as cbs:`` -> ``cbs.base_url`` (v4, for ``--base-url``), ``cbs.requests`` (paths asked)."""

    def __init__(self, tables: dict[str, Table] | None = None, page_size: int = 1000):
        self.tables = tables if tables is not None else default_tables()
        self.page_size = page_size
        self.faults: dict[tuple[str, str], int | bytes] = {}      # (table, endpoint) -> HTTP status or body
        self.requests: list[str] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def root(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_port}"

    @property
    def base_url(self) -> str:
        return self.root + V4_PATH

    def __enter__(self) -> CbsStandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            disable_nagle_algorithm = True     # headers and body in separate writes: no 40 ms delayed-ACK stalls

            def do_GET(self) -> None:          # noqa: N802 (http.server's name)
                standin.requests.append(self.path)
                status, body = standin.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def answer(self, raw_path: str) -> tuple[int, bytes]:
        parts = urlsplit(raw_path)
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        if parts.path.startswith("/ODataFeed/odata/"):
            return self._v3(parts.path, query)
        if not parts.path.startswith(V4_PATH + "/"):
            return 404, b'{"error": "not found"}'
        table, _, endpoint = parts.path[len(V4_PATH) + 1:].partition("/")
        fault = self.faults.get((table, endpoint))
        if isinstance(fault, int):
            return fault, f'{{"error": "HTTP {fault}"}}'.encode()
        if isinstance(fault, bytes):
            return 200, fault
        if table not in self.tables:
            return 404, b'{"error": "unknown table"}'
        t = self.tables[table]
        if endpoint == "Observations":
            return self._observations(t, query)
        name = {"Properties": "properties.json", "Dimensions": "dimensions.json",
                "MeasureCodes": "measure-codes.json"}.get(endpoint)
        if name is None and endpoint.endswith("Codes"):
            name = f"codes-{endpoint[:-len('Codes')]}.json"
        if name is None or name not in t.files:
            return 404, b'{"error": "unknown endpoint"}'
        return 200, t.files[name]

    def _observations(self, t: Table, query: dict[str, str]) -> tuple[int, bytes]:
        try:
            keep = parse_filter(query["$filter"]) if query.get("$filter") else (lambda r: True)
        except FilterError as exc:
            return 400, json.dumps({"error": str(exc)}).encode()
        rows = [r for r in t.observations if keep(r)]
        skip = int(query.get("$skip", "0"))
        page = rows[skip:skip + self.page_size]
        context = f"https://datasets.cbs.nl/odata/v1/CBS/{t.table}/$metadata#Observations"
        doc: dict[str, Any] = {"@odata.context": context, "value": page}
        if skip + self.page_size < len(rows):
            doc["@odata.nextLink"] = (f"{self.base_url}/{t.table}/Observations?$filter={quote(query.get('$filter', ''))}"
                                      f"&$skip={skip + self.page_size}")
        return 200, json.dumps(doc).encode()

    def _v3(self, path: str, query: dict[str, str]) -> tuple[int, bytes]:
        table, _, name = path[len("/ODataFeed/odata/"):].partition("/")
        fault = self.faults.get((table, name or "service"))
        if isinstance(fault, int):
            return fault, b'{"error": "HTTP error"}'
        folder = FIXTURES / "cbs-v3" / V3_TABLE
        if table != V3_TABLE:
            return 404, b'{"error": "unknown table"}'
        if not name:
            file = "service.json"
        elif name == "TypedDataSet":
            file = "TypedDataSet-page-2.json" if query.get("$skiptoken") else "TypedDataSet-page-1.json"
        else:
            file = f"{name}.json"
        if not (folder / file).exists():
            return 404, b'{"error": "unknown collection"}'
        return 200, (folder / file).read_bytes().replace(b"https://opendata.cbs.nl", self.root.encode())
