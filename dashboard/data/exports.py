"""Downloads, as pure functions: frame -> CSV bytes, zip, metadata.json, README.txt, file names.

CSV dialects
  ``standard``  UTF-8 without BOM, comma separator, decimal point.
  ``excel-nl``  UTF-8 with BOM, semicolon separator, decimal comma: opens correctly in a Dutch Excel.
Both: header row, CRLF line endings (RFC 4180), quotes only where needed, no thousands separators.

Numbers are written deterministically, with no float noise: rounded to at most ``DECIMALS`` (6) decimal
places, trailing zeros dropped, never an exponent (``12.5``, ``17942942``, ``0.333333``); a missing value is an
empty cell. Dates are ISO (``2023-10-01``), booleans ``true``/``false``.

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
return) get a single quote in front. Only text is neutralised: numbers, negative ones too, stay numbers.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from etl.catalog import ALL_LEVELS, publisher

DECIMALS = 6
EXPORT_FORMAT = "2"          # bump when the bytes of a download change for the same data (it is part of the ETag)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("indicator", "region_code", "region_name", "region_level", "period", "period_start", "frequency",
           "value", "unit", "status", "flag", "numerator", "denominator", "derivation", "source_table", "is_demo")
LEVEL_ORDER = ALL_LEVELS
FILE_PREFIX = "jongeren"


@dataclass(frozen=True)
class Dialect:
    name: str
    separator: str
    decimal: str
    bom: bool

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "encoding": "UTF-8 with BOM" if self.bom else "UTF-8", "separator": self.separator,
                "decimal": self.decimal, "line_terminator": "CRLF", "missing": "empty cell",
                "numbers": f"rounded to at most {DECIMALS} decimals, no exponent, no thousands separator"}


DIALECTS: dict[str, Dialect] = {
    "standard": Dialect("standard", ",", ".", False),
    "excel-nl": Dialect("excel-nl", ";", ",", True),
}


# --- cells -----------------------------------------------------------------------------------------------------

def format_number(value: Any, decimal: str = ".") -> str:
    """A number as text: at most 6 decimals, no trailing zeros, no exponent; '' for missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    return _number_text(float(value), decimal)


def _number_text(number: float, decimal: str) -> str:
    if not math.isfinite(number):
        return ""
    text = f"{number:.{DECIMALS}f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text if decimal == "." else text.replace(".", decimal)


def neutralise(text: str) -> str:
    """Prefix a single quote to text a spreadsheet would read as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def format_cell(value: Any, decimal: str = ".") -> str:
    """One cell of any type, as :func:`frame_to_csv` writes it."""
    if _is_missing(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, decimal)
    if hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iufb":   # numpy scalars
        return format_cell(value.item(), decimal)
    if isinstance(value, pd.Timestamp):
        return _format_timestamp(value)
    return neutralise(str(value))


def _format_timestamp(value: pd.Timestamp) -> str:
    if value is pd.NaT:
        return ""
    if value == value.normalize():
        return value.strftime("%Y-%m-%d")
    return value.isoformat()


def _format_column(column: pd.Series, decimal: str) -> list[str]:
    kind = column.dtype.kind
    if kind == "b":
        return ["true" if v else "false" for v in column.tolist()]
    if kind in "iuf":
        return [_number_text(v, decimal) for v in column.astype(float).tolist()]
    if kind == "M":
        return [v or "" for v in _date_texts(column)]
    if pd.api.types.infer_dtype(column, skipna=True) in ("string", "empty"):
        text = column.astype("string").fillna("")
        risky = text.str.startswith(FORMULA_STARTS)
        return text.where(~risky, "'" + text).tolist()
    return [format_cell(v, decimal) for v in column.tolist()]


def _date_texts(column: pd.Series) -> list[str | None]:
    """ISO dates (``2023-10-01``), or ISO timestamps when any value has a time of day; None for missing."""
    present = column.dropna()
    if (present == present.dt.normalize()).all():
        texts = column.dt.strftime("%Y-%m-%d")
    else:
        texts = column.map(lambda v: None if pd.isna(v) else v.isoformat())
    return texts.astype(object).where(column.notna(), None).tolist()


# --- CSV ---------------------------------------------------------------------------------------------------------

def frame_to_csv(frame: pd.DataFrame, dialect: str = "standard", columns: Sequence[str] | None = None) -> bytes:
    """Any frame as CSV bytes in one of :data:`DIALECTS` (header row; text cells neutralised)."""
    spec = DIALECTS[dialect]
    cols = list(columns) if columns is not None else [str(c) for c in frame.columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=spec.separator, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(c) for c in cols])
    writer.writerows(format_rows(frame, dialect, cols))
    return ("\ufeff" if spec.bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


def format_rows(frame: pd.DataFrame, dialect: str = "standard", columns: Sequence[str] | None = None) -> list[tuple]:
    """The cells of ``frame`` as text, exactly as :func:`frame_to_csv` writes them (for previews)."""
    cols = list(columns) if columns is not None else [str(c) for c in frame.columns]
    decimal = DIALECTS[dialect].decimal
    return list(zip(*[_format_column(frame[c], decimal) for c in cols], strict=True))


def observations_csv(frame: pd.DataFrame, dialect: str = "standard") -> bytes:
    """Store observations as CSV with the fixed column order :data:`COLUMNS`."""
    return frame_to_csv(frame, dialect, COLUMNS)


def sort_by_level(frame: pd.DataFrame, before: Sequence[str] = (),
                  after: Sequence[str] = ("region_code",)) -> pd.DataFrame:
    """Sort by ``before``, then level (land, arbeidsmarktregio, gemeente), then ``after``; a new frame."""
    rank = frame["region_level"].map({lvl: i for i, lvl in enumerate(LEVEL_ORDER)}).fillna(len(LEVEL_ORDER))
    order = frame.assign(_rank=rank).sort_values([*before, "_rank", *after], kind="mergesort")
    return order.drop(columns="_rank").reset_index(drop=True)


def sort_observations(frame: pd.DataFrame) -> pd.DataFrame:
    """The order of every download: indicator, level (land, AM, gemeente), region code, period start."""
    return sort_by_level(frame, ("indicator",), ("region_code", "period_start"))


def observations_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows for JSON: the same rounding as the CSV, null for missing, ISO dates, in :data:`COLUMNS` order."""
    columns = [c for c in COLUMNS if c in frame.columns]
    values = [_json_column(frame[c]) for c in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def _json_column(column: pd.Series) -> list[Any]:
    kind = column.dtype.kind
    if kind == "b":
        return column.tolist()
    if kind in "iuf":
        return [v if math.isfinite(v) else None for v in column.astype(float).round(DECIMALS).tolist()]
    if kind == "M":
        return _date_texts(column)
    return column.astype(object).where(column.notna(), None).tolist()


# --- file names and zips ---------------------------------------------------------------------------------------------

def build_date(manifest: Mapping[str, Any]) -> str:
    """The data build date as YYYYMMDD (from ``built_at``), so equal data gives equal file names."""
    digits = re.sub(r"\D", "", str(manifest.get("built_at") or ""))[:8]
    return digits if len(digits) == 8 else "00000000"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "x"


def period_span(frame: pd.DataFrame) -> str:
    """First and last year of the rows' period starts: '2017-2024', '2024', or 'geen-rijen' when empty."""
    if frame.empty or frame["period_start"].isna().all():
        return "geen-rijen"
    first, last = frame["period_start"].min().year, frame["period_start"].max().year
    return str(first) if first == last else f"{first}-{last}"


def file_stem(indicators: Sequence[str], level: str | None, regions: Sequence[str], span: str,
              manifest: Mapping[str, Any]) -> str:
    """``jongeren_<indicator(s)>_<level>[_<region>]_<first-last year>_<build date>``."""
    if not indicators:
        what = "alle-indicatoren"
    elif len(indicators) <= 3:
        what = "_".join(indicators)
    else:
        what = f"{len(indicators)}-indicatoren"
    parts = [FILE_PREFIX, what, level or "alle-niveaus"]
    if len(regions) == 1:
        parts.append(regions[0])
    elif len(regions) > 1:
        parts.append(f"{len(regions)}-regios")
    parts += [span, build_date(manifest)]
    return "_".join(_slug(p) for p in parts)


def zip_bytes(files: Mapping[str, bytes], manifest: Mapping[str, Any]) -> bytes:
    """A zip of ``files`` in the given order; entry times are the build date, so equal input gives equal bytes."""
    date = build_date(manifest)
    stamp = (max(1980, int(date[:4])), max(1, int(date[4:6])), max(1, int(date[6:8])), 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


# --- metadata ---------------------------------------------------------------------------------------------------------

DEMO_STATEMENT = {
    "nl": "Let op: dit bestand bevat DEMONSTRATIEGEGEVENS. Rijen met is_demo = true zijn geen echte CBS-cijfers, "
          "maar nagemaakte waarden in de vorm van de CBS-tabel. Gebruik ze niet voor beleid of onderzoek.",
    "en": "Note: this file contains DEMO DATA. Rows with is_demo = true are not real CBS figures but made-up values "
          "in the shape of the CBS table. Do not use them for policy or research.",
}

DEMO_ATTRIBUTION = ("DEMO, geen CBS-cijfers: gegenereerd in de vorm van CBS-tabel(len) {tables} / "
                    "DEMO, not CBS figures: generated in the shape of CBS table(s) {tables}")
CBS_ATTRIBUTION = "Bron: CBS, tabel(len) {tables}, CC BY 4.0 / Source: CBS, table(s) {tables}, CC BY 4.0"
EUROSTAT_ATTRIBUTION = ("Bron: Eurostat, dataset {tables} (op basis van CBS-gegevens), hergebruik met bronvermelding / "
                        "Source: Eurostat, dataset {tables} (based on CBS data), reuse with acknowledgement")
ROWS_REAL = " (rijen met is_demo = false / rows with is_demo = false)"
ROWS_DEMO = " (rijen met is_demo = true / rows with is_demo = true)"


def attribution(frame: pd.DataFrame, manifest: Mapping[str, Any] | None = None) -> str:
    """How to credit exactly these rows, named by table: CBS (or Eurostat) for real rows, never for demo rows (those
    say they are demo); a selection of both says which rows each credit is for."""
    if not len(frame):
        return str((manifest or {}).get("attribution") or "")
    sources = selection_sources(frame)
    mixed = bool(sources["demo"]) and bool(sources["CBS"] or sources["Eurostat"])
    parts = []
    for who, template in (("CBS", CBS_ATTRIBUTION), ("Eurostat", EUROSTAT_ATTRIBUTION)):
        if sources[who]:
            parts.append(template.format(tables=", ".join(sources[who])) + (ROWS_REAL if mixed else ""))
    if sources["demo"]:
        parts.append(DEMO_ATTRIBUTION.format(tables=", ".join(sources["demo"])) + (ROWS_DEMO if mixed else ""))
    return "; ".join(parts)


def selection_sources(frame: pd.DataFrame) -> dict[str, list[str]]:
    """The tables behind a selection of rows: real ones by publisher ("CBS", "Eurostat") and the demo ones."""
    real = frame.loc[~frame["is_demo"].astype(bool), "source_table"].astype(str)
    demo = frame.loc[frame["is_demo"].astype(bool), "source_table"].astype(str)
    out = {who: sorted({t for t in real if publisher(t) == who}, key=str.lower) for who in ("CBS", "Eurostat")}
    out["demo"] = sorted(set(demo), key=str.lower)
    return out


def selection_kind(frame: pd.DataFrame) -> str:
    """"real", "demo" or "mixed": what a selection of rows holds."""
    if not len(frame) or not frame["is_demo"].any():
        return "real"
    return "demo" if frame["is_demo"].all() else "mixed"


TITLES = {
    "real": {"nl": "Jongeren op de arbeidsmarkt: indicatoren per regio (open data van CBS)",
             "en": "Young people in the labour market: indicators per region (open data of CBS)"},
    "demo": {"nl": "Jongeren op de arbeidsmarkt: DEMONSTRATIEGEGEVENS, geen CBS-cijfers",
             "en": "Young people in the labour market: DEMO DATA, not CBS figures"},
    "mixed": {"nl": "Jongeren op de arbeidsmarkt: open data van CBS en demonstratiegegevens (zie is_demo)",
              "en": "Young people in the labour market: open data of CBS and demo data (see is_demo)"},
}


COLUMN_DOCS = {
    "indicator": ("Indicator-id (zie indicators in metadata.json)", "Indicator id (see indicators in metadata.json)"),
    "region_code": ("CBS-regiocode: NL01, AMnn, MCnn (RMC-regio) of GMnnnn",
                    "CBS region code: NL01, AMnn, MCnn (RMC region) or GMnnnn"),
    "region_name": ("Naam van de regio", "Region name"),
    "region_level": ("land, arbeidsmarktregio, rmc (RMC-regio) of gemeente",
                     "land (country), arbeidsmarktregio, rmc (RMC region) or gemeente"),
    "period": ("Periode: 2023, 2023KW02, 2023MM10 of schooljaar 2022/2023",
               "Period: 2023, 2023KW02 (quarter), 2023MM10 (month) or school year 2022/2023"),
    "period_start": ("Eerste dag van de periode (ISO-datum)", "First day of the period (ISO date)"),
    "frequency": ("year, half_year, quarter, month of school_year", "year, half_year, quarter, month or school_year"),
    "value": ("Waarde; leeg als CBS geen waarde geeft (zie flag)", "Value; empty where CBS gives none (see flag)"),
    "unit": ("percent, per_1000 of persons", "percent, per_1000 or persons"),
    "status": ("CBS-status: definitief, voorlopig, nader voorlopig",
               "CBS status: final, provisional, revised provisional"),
    "flag": ("Waarom een waarde ontbreekt: confidential, not available, impossible, incomplete",
             "Why a value is missing: confidential, not available, impossible, incomplete"),
    "numerator": ("Teller achter een percentage of rate (aantal personen)", "Numerator behind a rate (persons)"),
    "denominator": ("Noemer achter een percentage of rate (aantal personen)", "Denominator behind a rate (persons)"),
    "derivation": ("Hoe de waarde is gemaakt: published (zoals CBS hem geeft), carried (gemeente van nu met de aantallen "
                   "van gemeenten die erin opgingen), summed (som van de gemeenten van de regio)",
                   "How the value was made: published (as CBS gives it), carried (today's municipality with the counts "
                   "of those merged into it), summed (the sum of the region's municipalities)"),
    "source_table": ("CBS-tabel (StatLine-id)", "CBS table (StatLine id)"),
    "is_demo": ("true als de rij demonstratiegegevens bevat", "true if the row holds demo data"),
}

INDICATOR_KEYS = ("id", "title_nl", "title_en", "definition_nl", "definition_en", "unit", "unit_label",
                  "computation_nl", "computation_en", "source_tables", "higher_is_more_need", "is_demo")


def _used_tables(frame: pd.DataFrame, indicators: Iterable[Mapping[str, Any]]) -> set[str]:
    tables = {str(t).lower() for t in frame["source_table"].unique()} if "source_table" in frame else set()
    for ind in indicators:
        tables |= {str(t).lower() for t in ind.get("source_tables", [])}
    return tables


def _source_entry(src: Mapping[str, Any]) -> dict[str, Any]:
    slices = src.get("slices", [])
    fetched = sorted(s.get("fetched_at") for s in slices if s.get("fetched_at"))
    return {
        "table_id": src.get("table_id"), "title": src.get("title"), "url": src.get("url"),
        "statline_url": src.get("statline_url"), "cbs_modified": src.get("cbs_modified"),
        "fetched_at": fetched[-1] if fetched else None, "licence": src.get("licence"),
        "is_demo": bool(src.get("is_demo")),
        "slices": [{k: s.get(k) for k in ("slice", "snapshot", "filter", "fetched_at", "is_demo", "origin")}
                   for s in slices],
    }


def make_metadata(frame: pd.DataFrame, manifest: Mapping[str, Any], indicators: Sequence[Mapping[str, Any]],
                  query: Mapping[str, Any], files: Sequence[str], dialect: str | None = "standard") -> dict[str, Any]:
    """metadata.json for a download: what is in it, where it comes from, and the exact query that made it."""
    wanted = set(frame["indicator"].unique()) if len(frame) else set(query.get("params", {}).get("indicator", []))
    used_indicators = [ind for ind in indicators if not wanted or ind.get("id") in wanted]
    tables = _used_tables(frame, used_indicators)
    sources = [_source_entry(s) for s in manifest.get("sources", [])
               if str(s.get("table_id", "")).lower() in tables]
    is_demo = bool(frame["is_demo"].any()) if len(frame) else False
    software = manifest.get("software", {})
    return {
        "title": TITLES[selection_kind(frame)],
        "query": dict(query),
        "data_version": manifest.get("data_version"),
        "built_at": manifest.get("built_at"),
        "software": {"name": software.get("name"), "version": software.get("version")},
        "licence": manifest.get("licence"),
        "licence_url": manifest.get("licence_url"),
        "attribution": attribution(frame, manifest),
        "is_demo": is_demo,
        "demo_statement": DEMO_STATEMENT if is_demo else None,
        "rows": len(frame),
        "periods": {"first": _period_at(frame, "min"), "last": _period_at(frame, "max")},
        "files": list(files),
        "csv": DIALECTS[dialect].describe() if dialect else None,
        "columns": {c: {"nl": nl, "en": en} for c, (nl, en) in COLUMN_DOCS.items()},
        "indicators": [{k: ind.get(k) for k in INDICATOR_KEYS} for ind in used_indicators],
        "sources": sources,
    }


def _period_at(frame: pd.DataFrame, which: str) -> str | None:
    if frame.empty:
        return None
    idx = frame["period_start"].idxmin() if which == "min" else frame["period_start"].idxmax()
    return str(frame.loc[idx, "period"])


def readme_text(meta: Mapping[str, Any]) -> str:
    """README.txt: plain Dutch, then English, about the files, columns, licence and the query."""
    query = meta.get("query", {})
    url = query.get("url", "")
    csv_info = meta.get("csv") or {}
    demo = meta.get("demo_statement")
    lines = [
        "JONGEREN OP DE ARBEIDSMARKT - DOWNLOAD", "=" * 38, "",
        "--- Nederlands ---", "",
        "Dit pakket bevat indicatoren over jongeren op de arbeidsmarkt per regio, berekend uit open data van het",
        "CBS (Centraal Bureau voor de Statistiek).", "",
    ]
    if demo:
        lines += [demo["nl"], ""]
    lines += [
        f"Bestanden: {', '.join(meta.get('files', []))}",
        "metadata.json beschrijft de indicatoren, de CBS-tabellen (met links), de datum waarop CBS de tabel",
        "wijzigde, het moment van ophalen, de softwareversie en de precieze vraag (query) van deze download.", "",
    ]
    if csv_info:
        lines += ["CSV: bestanden met 'excel-nl' in de naam hebben UTF-8 met BOM, puntkomma en decimale komma (openen",
                  "goed in een Nederlandse Excel); de andere UTF-8, komma en decimale punt. Lege cel = geen waarde.",
                  "Getallen zijn afgerond op hoogstens 6 decimalen. Tekst die met =, +, - of @ begint, krijgt een",
                  "apostrof ervoor, zodat een spreadsheet het niet als formule uitvoert.", ""]
    lines += [
        f"Aantal rijen: {meta.get('rows')}   Dataversie: {meta.get('data_version')}   Gebouwd: {meta.get('built_at')}",
        f"Vraag: {url}", "",
        f"Licentie: {meta.get('licence')} ({meta.get('licence_url')})",
        f"Vermeld bij gebruik: {meta.get('attribution')}", "",
        "Kolommen:",
        *[f"  {c}: {d['nl']}" for c, d in meta.get("columns", {}).items()], "",
        "--- English ---", "",
        "This package holds indicators about young people in the labour market per region, computed from open data",
        "published by Statistics Netherlands (CBS).", "",
    ]
    if demo:
        lines += [demo["en"], ""]
    lines += [
        f"Files: {', '.join(meta.get('files', []))}",
        "metadata.json describes the indicators, the CBS tables (with links), when CBS last modified each table,",
        "when it was fetched, the software version and the exact query behind this download.", "",
    ]
    if csv_info:
        lines += ["CSV: files with 'excel-nl' in their name are UTF-8 with BOM, semicolon and decimal comma (they open",
                  "correctly in a Dutch Excel); the others UTF-8, comma and decimal point. Empty cell = no value.",
                  "Numbers are rounded to at most 6 decimals. Text starting with =, +, - or @ gets a leading",
                  "apostrophe so that a spreadsheet does not run it as a formula.", ""]
    lines += [
        f"Rows: {meta.get('rows')}   Data version: {meta.get('data_version')}   Built: {meta.get('built_at')}",
        f"Query: {url}", "",
        f"Licence: {meta.get('licence')} ({meta.get('licence_url')})",
        f"Please credit: {meta.get('attribution')}", "",
        "Columns:",
        *[f"  {c}: {d['en']}" for c, d in meta.get("columns", {}).items()], "",
    ]
    return "\r\n".join(lines)
