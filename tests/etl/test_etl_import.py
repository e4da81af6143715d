"""``python -m etl import-csv`` as a user meets it: CBS's CSV downloads (and Eurostat's) become raw snapshots.

The inputs are excerpts of the genuine downloads (``tests/fixtures/csv/``, lines unchanged; see its README) and
broken files made from them here. Every expectation is computed in this file from the excerpt lines with plain
``csv`` and CBS's published codes, never through the importer: which rows a slice takes, the codes of their
titles, the values (an empty cell is no value, never 0), the lines the snapshot keeps and what its manifest says.
The imports run in a subprocess on private copies of ``data/raw``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from etl.build import load_division
from etl.importer import reimport

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
REFERENCE = ROOT / "data" / "reference"
CSV_DIR = ROOT / "tests" / "fixtures" / "csv"
ORIGIN = "excerpt of a genuine CBS download (tests/fixtures/csv)"

# CBS's codes of the titles in the excerpts (CBS "Gebieden in Nederland"; the vsv table's RMC regions; the
# arbeidsmarktregio code list of 85554NED): the importer must find the same.
REGION_CODES = {
    "Nederland": "NL01", "Groningen (PV)": "PV20", "Groningen (AM)": "AM01", "Groningen (gemeente)": "GM0014",
    "Ameland": "GM0060", "Utrecht (gemeente)": "GM0344", "Amsterdam": "GM0363", "Weesp": "GM0457",
    "Brielle": "GM0501", "Hellevoetsluis": "GM0530", "Westvoorne": "GM0614", "Haaren": "GM0788", "Vught": "GM0865",
    "Beek (L.)": "GM0888", "Alphen-Chaam": "GM1723", "Voorne aan Zee": "GM1992",
    "Agglomeratie Amsterdam (MC)": "MC21", "Arnhem/Nijmegen (MC)": "MC14",
    "IJsselvechtstreek (AM)": "AM04", "Groot Amsterdam (AM)": "AM18", "Food Valley (AM)": "AM31",
    "FoodValley (AM)": "AM38", "Netherlands": "NL01",
}
LEVELS = {"NL": "land", "PV": "provincie", "AM": "arbeidsmarktregio", "MC": "RMC-regio", "GM": "gemeente"}
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
GONE = {("Aalburg", "2022/'23"), ("Haaren", "2022/'23")}     # empty lines of gemeenten that no longer existed
TOTAL_SEX = "Totaal mannen en vrouwen"


# --- plain helpers ----------------------------------------------------------------------------------------------------
def norm(text: str) -> str:
    return " ".join(str(text).split())


def period_code(title: str) -> str:
    """A download's period title -> CBS's period code, as CBS's period codes are documented."""
    text = norm(title).rstrip("*")
    if m := re.fullmatch(r"(\d{4})/'(\d{2})", text):
        return f"{m[1]}SJ{m[2]}"
    if re.fullmatch(r"\d{4}", text):
        return f"{text}JJ00"
    if m := re.fullmatch(r"(\d{4}) ([a-z]+)", text):
        return f"{m[1]}MM{MONTHS.index(m[2]) + 1:02d}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        return f"{m[1]}MM{m[2]}"
    raise AssertionError(f"no period title: {title!r}")


def number(cell: str) -> float | None:
    return None if cell.strip() == "" else float(cell)


def digest(path: Path) -> dict[str, str]:
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def run_etl(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


def import_csv(raw: Path, table: str, files: list[Path], stamp: str) -> subprocess.CompletedProcess:
    return run_etl("import-csv", table, *files, "--downloaded-at", stamp, "--origin", ORIGIN, "--raw", raw)


def json_file(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def code_titles(path: Path) -> dict[str, str]:
    """Identifier -> Title of a v4 code list."""
    return {r["Identifier"]: r["Title"] for r in json_file(path)["value"]}


def title_codes(path: Path) -> dict[str, str]:
    return {norm(title): code for code, title in code_titles(path).items()}


@dataclass
class Line:
    number: int                 # 1-based line number in the file
    text: str                   # as written, without its line ending
    cells: dict[str, str]


def read_lines(path: Path) -> tuple[str, list[Line]]:
    """The header line and the data lines of a download, read plainly."""
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    physical = [line.removesuffix("\r") for line in text.split("\n")]
    if physical[-1] == "":
        physical.pop()
    delimiter = ";" if physical[0].count(";") > physical[0].count(",") else ","
    header = next(csv.reader([physical[0]], delimiter=delimiter))
    out = []
    for number_, line in enumerate(physical[1:], start=2):
        cells = next(csv.reader([line], delimiter=delimiter))
        out.append(Line(number_, line, dict(zip(header, cells))))
    return physical[0], out


# --- what each slice must hold, computed from the lines ---------------------------------------------------------------
@dataclass
class Expected:
    """One slice's snapshot as the excerpt lines say it must be."""

    cells: dict[tuple[tuple[tuple[str, str], ...], str], float | None] = field(default_factory=dict)
    lines: dict[int, list[Line]] = field(default_factory=dict)          # file index -> the lines kept
    statuses: dict[str, str] = field(default_factory=dict)              # period code -> v4 status
    region_titles: dict[str, str] = field(default_factory=dict)         # region code -> title


@dataclass
class Case:
    table: str
    files: tuple[str, ...]
    stamp: str
    region_dim: str
    recorded: bool = False       # the table's code lists are recorded in data/reference/cbs-metadata


CASES = {
    "84780NED": Case("84780NED", ("84780NED_cbsodata_excerpt.csv",), "2030-01-01T00:00:00Z", "Regiokenmerken"),
    "86087NED-R": Case("86087NED", ("86087NED_R_excerpt.csv",), "2030-01-02T00:00:00Z", "RegioS"),
    "86087NED-both": Case("86087NED", ("86087NED_cbsodata_excerpt.csv", "86087NED_R_excerpt.csv"),
                          "2030-01-03T00:00:00Z", "RegioS"),
    "85554NED": Case("85554NED", ("85554NED_cbsodata_excerpt.csv",), "2030-01-04T00:00:00Z", "RegioS", recorded=True),
    "une_rt_m": Case("une_rt_m", ("eurostat_une_rt_m_excerpt.csv",), "2030-01-05T00:00:00Z", "geo"),
}
YOUTH_SNAPSHOT = {"total": RAW / "86087NED" / "total" / "20250616T135806Z",
                  "jobseeker": RAW / "86087NED" / "jobseeker" / "20250616T135806Z"}
EUROSTAT_CODES = {"freq": {"Monthly": "M"}, "s_adj": {"Seasonally adjusted data, not calendar adjusted data": "SA"},
                  "age": {"Less than 25 years": "Y_LT25", "From 25 to 74 years": "Y25-74"},
                  "unit": {"Percentage of population in the labour force": "PC_ACT"}, "sex": {"Total": "T"}}


def classify(case: Case, line: Line) -> tuple[str | None, str | None, dict[str, str], dict[str, float | None]]:
    """(slice or None, reason it is not imported or None, dimension codes, measure code -> value) of one line."""
    c = {k.strip(): v for k, v in line.cells.items()}
    if case.table == "84780NED":
        title, period = norm(c["Regiokenmerken"]), norm(c["Perioden"])
        values = {"Leerlingen_1": number(c["Leerlingen_1"]),
                  "VoortijdigSchoolverlaters_2": number(c["VoortijdigSchoolverlaters_2"])}
        if title in ("Vier grote gemeenten (4)",):
            return None, "groepering van gemeenten", {}, {}
        if title.endswith("(LD)"):
            return None, "landsdeel", {}, {}
        if (title, period) in GONE:
            assert all(v is None for v in values.values())
            return None, "empty rows of gemeenten in years they did not exist", {}, {}
        if c["Geslacht"] != TOTAL_SEX:
            return None, None, {}, {}                  # another sex: no slice of the catalogue
        return "totaal", None, {"Geslacht": "T001038", "Regiokenmerken": REGION_CODES[title],
                                "Perioden": period_code(period)}, values
    if case.table == "86087NED":
        region = norm(c.get("RegioS", c.get("Regio.s", "")))
        if region.endswith("(LD)"):
            return None, "landsdeel", {}, {}
        if region.endswith("(CR)"):
            return None, "COROP-gebied", {}, {}
        combo = tuple(norm(c[k]) for k in ("Onderwijsvolgend", "Arbeidskenmerken", "Uitkering",
                                           "GeregistreerdWerkzoekendeBijUWV" if "GeregistreerdWerkzoekendeBijUWV" in c
                                           else "Geregistreerd.werkzoekende.bij.UWV"))
        slices = {("Totaal", "Totaal", "Totaal met of zonder uitkering", "Totaal"): "total",
                  ("Totaal", "Totaal", "Totaal met of zonder uitkering", "Geregistreerd werkzoekende bij UWV"): "jobseeker"}
        if combo not in slices:
            return None, None, {}, {}
        name = slices[combo]
        dims = {dim: title_codes(YOUTH_SNAPSHOT[name] / f"codes-{dim}.json")[title]
                for dim, title in zip(("Onderwijsvolgend", "Arbeidskenmerken", "Uitkering",
                                       "GeregistreerdWerkzoekendeBijUWV"), combo)}
        measure = c.get("Jongeren15Tot27Jaar_1", c.get("Jongeren..15.tot.27.jaar...aantal."))
        return name, None, {**dims, "RegioS": REGION_CODES[region], "Perioden": period_code(c["Perioden"])}, {
            "Jongeren15Tot27Jaar_1": number(measure)}
    if case.table == "85554NED":
        recorded = REFERENCE / "cbs-metadata" / "85554NED"
        region = norm(c["RegioS"])
        if region.endswith("(PV)"):
            return None, "provincie", {}, {}
        dims = {d: title_codes(recorded / f"codes-{d}.json")[norm(c[d])] for d in ("Geslacht", "Leeftijd", "Marges")}
        if (dims["Geslacht"], dims["Leeftijd"], dims["Marges"]) != ("T001038", "10000", "MW00000"):
            return None, None, {}, {}
        return "totaal", None, {**dims, "RegioS": REGION_CODES[region], "Perioden": period_code(c["Perioden"])}, {
            "D001908": number(c["PersonenMetEenWerkloosheidsuitkering_1"])}
    assert case.table == "une_rt_m"
    dims = {d: EUROSTAT_CODES[d][c[d]] for d in EUROSTAT_CODES}
    if dims["age"] != "Y_LT25":
        return None, None, {}, {}
    return "nl-jonger-dan-25", None, {**dims, "geo": REGION_CODES[c["geo"]], "Perioden": period_code(c["TIME_PERIOD"])}, {
        "OBS_VALUE": number(c["OBS_VALUE"])}


def expected_of(case: Case) -> tuple[dict[str, Expected], Counter]:
    """Per slice what its snapshot must hold, and how many lines each reason leaves out."""
    out: dict[str, Expected] = {}
    skipped: Counter = Counter()
    statuses: dict[str, str] = {}
    for index, name in enumerate(case.files):
        _, lines = read_lines(CSV_DIR / name)
        for line in lines:
            period_title = line.cells.get("Perioden", line.cells.get("TIME_PERIOD", ""))
            code = period_code(period_title) if period_title else None
            slice_, reason, dims, values = classify(case, line)
            if reason:
                skipped[reason] += 1
                continue
            if code and norm(period_title).endswith("*"):
                statuses[code] = "Voorlopig"
            if slice_ is None:
                continue
            exp = out.setdefault(slice_, Expected())
            key = tuple(sorted(dims.items()))
            for measure, value in values.items():
                if (key, measure) in exp.cells:      # a cell another file gave already: it must agree
                    assert exp.cells[(key, measure)] == value, (name, line.number)
                    continue
                exp.cells[(key, measure)] = value
            exp.lines.setdefault(index, []).append(line)    # every file's line of a cell is kept (provenance)
            region_title = line.cells.get("Regiokenmerken") or line.cells.get("RegioS") or line.cells.get("Regio.s")
            exp.region_titles[dims[case.region_dim]] = (region_title or line.cells.get("geo", "")).strip()
    for exp in out.values():
        exp.statuses = {p: statuses.get(p, "Definitief") for p in {dict(k)["Perioden"] for k, _ in exp.cells}}
    return out, skipped


# --- the imports, once per module -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    """Every case imported with the CLI into one private copy of data/raw: case -> (raw dir, the finished process)."""
    raw = tmp_path_factory.mktemp("import") / "raw"
    shutil.copytree(RAW, raw)
    return {name: (raw, import_csv(raw, case.table, [CSV_DIR / f for f in case.files], case.stamp))
            for name, case in CASES.items()}


def snapshot_dir(raw: Path, case: Case, slice_: str) -> Path:
    stamp = case.stamp.replace("-", "").replace(":", "")
    return raw / case.table / slice_ / stamp


def observations(path: Path) -> dict[tuple[tuple[tuple[str, str], ...], str], float | None]:
    out = {}
    for rec in json_file(path / "observations-page-1.json")["value"]:
        dims = tuple(sorted((k, v) for k, v in rec.items()
                            if k not in ("Id", "Measure", "ValueAttribute", "Value", "StringValue")))
        assert (dims, rec["Measure"]) not in out
        assert (rec["ValueAttribute"] == "None") == (rec["Value"] is not None), rec   # a missing value says why
        out[(dims, rec["Measure"])] = rec["Value"]
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_an_excerpt_imports_as_its_lines_say(name: str, imported: dict) -> None:
    case = CASES[name]
    raw, proc = imported[name]
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    expected, skipped = expected_of(case)
    stamp = snapshot_dir(raw, case, "x").name
    assert sorted(proc.stdout.splitlines()) == sorted(f"imported {case.table}/{s}/{stamp}" for s in expected)
    for slice_, exp in expected.items():
        snap = snapshot_dir(raw, case, slice_)
        # the observations: every cell of the slice's lines, the empty ones null (never 0)
        got = observations(snap)
        assert got == exp.cells, (slice_, set(got.items()) ^ set(exp.cells.items()))
        # the lines the snapshot keeps: the header and exactly the lines its cells came from, in the file's order
        man = json_file(snap / "manifest.json")
        assert [d["name"] for d in man["downloads"]] == [case.files[i] for i in sorted(exp.lines)]
        for n, index in enumerate(sorted(exp.lines), start=1):
            source = CSV_DIR / case.files[index]
            header, lines = read_lines(source)
            kept = (snap / f"download-{n}.csv").read_bytes().decode("utf-8")
            assert kept.startswith("\ufeff") == source.read_bytes().startswith(b"\xef\xbb\xbf")
            assert kept.removeprefix("\ufeff").splitlines() == [header, *(line.text for line in exp.lines[index])]
            entry = man["downloads"][n - 1]
            assert entry == {"file": f"download-{n}.csv", "name": source.name,
                             "sha256": hashlib.sha256(source.read_bytes()).hexdigest(), "rows_in_file": len(lines),
                             "rows_kept": len(exp.lines[index]), "cut_at_page": False, "slice_cut": False,
                             "origin": ORIGIN}
        # the manifest
        codes = [dict(k) for k, _ in exp.cells]
        periods = sorted({d["Perioden"] for d in codes})
        levels = Counter(LEVELS[code[:2]] for code in {d[case.region_dim] for d in codes})
        assert man["table_id"] == case.table and man["is_demo"] is False and man["complete"] is True
        assert man["fetched_at"] == case.stamp and man["origin"] == " ".join([ORIGIN] * len(exp.lines))
        assert man["coverage"] == {"periods": f"{periods[0]}–{periods[-1]}" if len(periods) > 1 else periods[0],
                                   "period_count": len(periods), "regions": dict(sorted(levels.items())),
                                   "cells": len(exp.cells), "empty_cells": sum(v is None for v in exp.cells.values())}
        assert man["not_imported"] == dict(sorted(skipped.items()))
        on_disk = {p.name for p in snap.iterdir()} - {"manifest.json"}
        assert set(man["files"]) == on_disk
        for file, info in man["files"].items():
            assert hashlib.sha256((snap / file).read_bytes()).hexdigest() == info["sha256"], file
        # the code lists: the table's recorded ones whole; otherwise the codes the slice uses, with their titles
        regions = code_titles(snap / f"codes-{case.region_dim}.json")
        if case.recorded:
            assert regions == code_titles(REFERENCE / "cbs-metadata" / case.table / f"codes-{case.region_dim}.json")
        else:
            assert regions == exp.region_titles
            statuses = {r["Identifier"]: r["Status"] for r in json_file(snap / "codes-Perioden.json")["value"]}
            assert statuses == exp.statuses


def test_an_import_adds_its_snapshots_and_changes_nothing_else(imported: dict) -> None:
    raw = next(iter(imported.values()))[0]
    new = {snapshot_dir(Path(), case, s).parts for case in CASES.values() for s in expected_of(case)[0]}
    after = digest(raw)
    added = {k for k in after if tuple(Path(k).parts[:3]) in new}
    assert {tuple(Path(k).parts[:3]) for k in added} == new
    assert {k: v for k, v in after.items() if k not in added} == digest(RAW)
    assert not [k for k in after if "/.tmp-" in f"/{k}" or "/.old-" in f"/{k}"]


def test_titles_resolve_by_the_division_of_their_own_year(tmp_path: Path) -> None:
    """Voorne aan Zee exists from 2023: a line of 2023/'24 is GM1992, Brielle's line of 2022/'23 stays Brielle."""
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    source = (CSV_DIR / "84780NED_cbsodata_excerpt.csv").read_bytes()
    brielle = next(line for line in source.split(b"\n") if b";Brielle;" in line)
    made = tmp_path / "voorne.csv"
    made.write_bytes(source + brielle.replace(b"Brielle;2022/'23", b"Voorne aan Zee;2023/'24") + b"\n")
    proc = import_csv(raw, "84780NED", [made], "2030-02-01T00:00:00Z")
    assert proc.returncode == 0, proc.stderr
    got = observations(raw / "84780NED" / "totaal" / "20300201T000000Z")
    by_region = {(dict(k)["Regiokenmerken"], dict(k)["Perioden"], m): v for (k, m), v in got.items()}
    assert by_region[("GM1992", "2023SJ24", "VoortijdigSchoolverlaters_2")] == 30.0
    assert by_region[("GM0501", "2022SJ23", "VoortijdigSchoolverlaters_2")] == 30.0


def test_kept_lines_keep_their_line_endings(imported: dict) -> None:
    """``download-<n>.csv`` holds the download's own lines: BOM and line endings as the file had them (etl.download
    promises "BOM and CRLF kept as they were"), so a kept line is byte for byte a line of the original."""
    wrong = []
    for name, case in CASES.items():
        raw, _ = imported[name]
        for slice_ in expected_of(case)[0]:
            snap = snapshot_dir(raw, case, slice_)
            for entry in json_file(snap / "manifest.json")["downloads"]:
                original = (CSV_DIR / entry["name"]).read_bytes().removeprefix(b"\xef\xbb\xbf")
                originals = set(original.splitlines(keepends=True))
                kept = (snap / entry["file"]).read_bytes().removeprefix(b"\xef\xbb\xbf").splitlines(keepends=True)
                strangers = [line for line in kept if line not in originals]
                if strangers:
                    wrong.append(f"{name}/{slice_}/{entry['file']}: {len(strangers)} of {len(kept)} lines differ "
                                 f"from {entry['name']}'s, e.g. {strangers[0][-12:]!r}")
    assert not wrong, wrong


# --- broken inputs: one clear line, nothing written -------------------------------------------------------------------
def _excerpt(name: str) -> bytes:
    return (CSV_DIR / name).read_bytes()


def _replace(name: str, old: bytes, new: bytes) -> bytes:
    data = _excerpt(name)
    assert data.count(old) == 1, old
    return data.replace(old, new)


def _line_of(data: bytes, marker: bytes) -> int:
    return next(i for i, line in enumerate(data.split(b"\n"), start=1) if marker in line)


def _truncated_mid_row() -> tuple[bytes, int]:
    data = _excerpt("84780NED_cbsodata_excerpt.csv")
    return data[:-30], data.count(b"\n")              # the last line, cut before its last fields


def _truncated_in_last_value() -> tuple[bytes, int]:
    data = _excerpt("85554NED_cbsodata_excerpt.csv")
    end = data.index(b"15830.0")
    return data[:end + 3], _line_of(data, b"15830.0")  # "...;158": as many fields as the header, the number cut


def _duplicate(marker: bytes) -> tuple[bytes, int]:
    data = _excerpt("84780NED_cbsodata_excerpt.csv")
    line = next(line for line in data.split(b"\n") if marker in line)
    return data + line + b"\n", data.count(b"\n") + 1


BROKEN = {
    # id: (table, made file's bytes and the line the message must name, the message must mention)
    "truncated-mid-row": ("84780NED", _truncated_mid_row, "truncated"),
    "truncated-in-last-value": ("85554NED", _truncated_in_last_value, "truncated"),
    "duplicate-row": ("84780NED", lambda: _duplicate(b";Amsterdam;2022/'23;"), "repeats"),
    "duplicate-row-of-a-level-not-imported": ("84780NED", lambda: _duplicate(b";Noord-Nederland (LD);"), "repeats"),
    "period-not-in-the-grammar": ("84780NED", lambda: (
        _replace("84780NED_cbsodata_excerpt.csv", b"Amsterdam;2021/'22", b"Amsterdam;schooljaar 2021-2022"),
        _line_of(_excerpt("84780NED_cbsodata_excerpt.csv"), b"Amsterdam;2021/'22")), "schooljaar 2021-2022"),
    "gemeente-not-in-that-years-division": ("84780NED", lambda: (
        _replace("84780NED_cbsodata_excerpt.csv", b"Brielle;2022/'23", b"Voorne aan Zee;2015/'16"),
        _line_of(_excerpt("84780NED_cbsodata_excerpt.csv"), b"Brielle;2022/'23")), "Voorne aan Zee"),
    "unknown-gemeente": ("84780NED", lambda: (
        _replace("84780NED_cbsodata_excerpt.csv", b"Beek (L.)", b"Atlantis"),
        _line_of(_excerpt("84780NED_cbsodata_excerpt.csv"), b"Beek (L.)")), "Atlantis"),
    "count-not-a-number": ("84780NED", lambda: (
        _replace("84780NED_cbsodata_excerpt.csv", b";1210.0;30.0;", b";1.210,0;30.0;"),
        _line_of(_excerpt("84780NED_cbsodata_excerpt.csv"), b";1210.0;30.0;")), "1.210,0"),
}


def _assert_one_clear_line(proc: subprocess.CompletedProcess, names: list[str], lines: list[int], mention: str) -> None:
    assert proc.returncode != 0, f"accepted: {proc.stdout!r}"
    assert "Traceback" not in proc.stderr, proc.stderr
    message = proc.stderr.rstrip("\n")
    assert message and "\n" not in message, f"not one line: {proc.stderr!r}"
    assert message.startswith("etl import-csv: "), message
    assert proc.stdout == "", proc.stdout
    for name in names:
        assert name in message, (name, message)
    for line in lines:
        assert re.search(rf"(line |:){line}\b", message), (f"line {line} not named", message)
    assert mention in message, (mention, message)


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_file_fails_with_one_line_naming_file_and_row(case: str, tmp_path: Path) -> None:
    table, make, mention = BROKEN[case]
    data, line = make()
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    before = digest(raw)
    bad = tmp_path / f"{case}.csv"
    bad.write_bytes(data)
    proc = import_csv(raw, table, [bad], "2030-03-01T00:00:00Z")
    _assert_one_clear_line(proc, [bad.name], [line], mention)
    assert digest(raw) == before


def test_a_file_of_another_table_is_refused(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    before = digest(raw)
    other = CSV_DIR / "85554NED_cbsodata_excerpt.csv"
    proc = import_csv(raw, "84780NED", [other], "2030-03-01T00:00:00Z")
    # the header is what is wrong: the message names the file and the columns of its header (line 1)
    _assert_one_clear_line(proc, [other.name, "84780NED", "RegioS", "Regiokenmerken"], [], "not a download of 84780NED")
    assert digest(raw) == before


def test_two_files_that_disagree_on_a_shared_cell_are_refused(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    before = digest(raw)
    cbs = CSV_DIR / "86087NED_cbsodata_excerpt.csv"
    changed = tmp_path / "86087NED_R_changed.csv"
    old, new = b'"2023*","Nederland",2668600', b'"2023*","Nederland",2668700'
    changed.write_bytes(_replace("86087NED_R_excerpt.csv", old, new))
    proc = import_csv(raw, "86087NED", [cbs, changed], "2030-03-01T00:00:00Z")
    lines = [_line_of(_excerpt(cbs.name), b";Nederland;2023;2668600"), _line_of(changed.read_bytes(), new)]
    _assert_one_clear_line(proc, [cbs.name, changed.name], lines, "2668700")
    assert digest(raw) == before


# --- reproducibility --------------------------------------------------------------------------------------------------
SHIPPED = sorted(p.parent for p in RAW.glob("*/*/*/manifest.json") if "downloads" in json_file(p))


@pytest.fixture(scope="module")
def division():
    return load_division(RAW)[0]


def test_the_shipped_imports_are_the_ones_expected() -> None:
    names = {str(p.relative_to(RAW)) for p in SHIPPED}
    assert names == {"84780NED/totaal/20250422T000000Z", "86087NED/total/20250616T135806Z",
                     "86087NED/jobseeker/20250616T135806Z", "85554NED/totaal/20250422T000000Z",
                     "82859NED/totaal/20250422T000000Z", "82859NED/met-uitkering/20250422T000000Z",
                     "une_rt_m/nl-jonger-dan-25/20260304T110000Z"}


@pytest.mark.parametrize("snapshot", SHIPPED, ids=[str(p.relative_to(RAW)) for p in SHIPPED])
def test_a_shipped_snapshot_is_what_its_own_lines_import_to(snapshot: Path, division) -> None:
    files = reimport(snapshot, RAW, division, REFERENCE)
    listed = set(json_file(snapshot / "manifest.json")["files"])
    assert set(files) == listed
    differ = [name for name, data in sorted(files.items()) if (snapshot / name).read_bytes() != data]
    assert not differ, f"{snapshot.relative_to(RAW)}: re-importing its download lines changes {differ}"


@pytest.mark.parametrize("name", ["84780NED", "86087NED-both"])
def test_an_imported_excerpt_is_what_its_own_lines_import_to(name: str, imported: dict, division) -> None:
    case = CASES[name]
    raw, _ = imported[name]
    for slice_ in expected_of(case)[0]:
        snap = snapshot_dir(raw, case, slice_)
        files = reimport(snap, raw, division, REFERENCE)
        differ = [n for n, data in sorted(files.items()) if (snap / n).read_bytes() != data]
        assert not differ, f"{case.table}/{slice_}: re-importing its own lines changes {differ}"


@pytest.mark.parametrize("name", ["84780NED", "86087NED-both"])
def test_importing_the_same_files_twice_gives_the_same_bytes(name: str, imported: dict, tmp_path: Path) -> None:
    case = CASES[name]
    first_raw, _ = imported[name]
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    proc = import_csv(raw, case.table, [CSV_DIR / f for f in case.files], case.stamp)
    assert proc.returncode == 0, proc.stderr
    for slice_ in expected_of(case)[0]:
        assert digest(snapshot_dir(raw, case, slice_)) == digest(snapshot_dir(first_raw, case, slice_)), slice_


def test_importing_again_into_the_same_raw_writes_nothing(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    files = [CSV_DIR / "86087NED_cbsodata_excerpt.csv", CSV_DIR / "86087NED_R_excerpt.csv"]
    first = import_csv(raw, "86087NED", files, "2030-04-01T00:00:00Z")
    assert first.returncode == 0, first.stderr
    before = digest(raw)
    again = import_csv(raw, "86087NED", files, "2030-04-01T00:00:00Z")
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""
    assert again.stdout.strip() == "86087NED: the same snapshots are there already; nothing written"
    assert digest(raw) == before
