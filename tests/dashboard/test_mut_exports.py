"""Downloads: the credit line, file names, zips and README worked by hand on small frames."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from dashboard.data import exports as ex


def _frame(rows):
    return pd.DataFrame(rows, columns=["indicator", "source_table", "is_demo", "period", "period_start"])


REAL = ("neet_share", "84780NED", False, "2023", pd.Timestamp("2023-10-01"))
REAL2 = ("youth_population", "86087NED", False, "2017", pd.Timestamp("2017-10-01"))
DEMO = ("neet_share", "86087NED", True, "2020", pd.Timestamp("2020-10-01"))
EURO = ("youth_unemployment_rate", "une_rt_m", False, "2024MM01", pd.Timestamp("2024-01-01"))


def test_attribution_of_real_demo_and_mixed_rows():
    assert ex.attribution(_frame([REAL, REAL2, REAL])) == (
        "Bron: CBS, tabel(len) 84780NED, 86087NED, CC BY 4.0 / Source: CBS, table(s) 84780NED, 86087NED, CC BY 4.0")
    assert ex.attribution(_frame([DEMO])) == (
        "DEMO, geen CBS-cijfers: gegenereerd in de vorm van CBS-tabel(len) 86087NED / "
        "DEMO, not CBS figures: generated in the shape of CBS table(s) 86087NED")
    mixed = ex.attribution(_frame([REAL, DEMO, EURO]))
    parts = mixed.split("; ")
    assert len(parts) == 3
    assert parts[0].startswith("Bron: CBS, tabel(len) 84780NED,") and parts[0].endswith(ex.ROWS_REAL)
    assert parts[1].startswith("Bron: Eurostat, dataset une_rt_m ") and parts[1].endswith(ex.ROWS_REAL)
    assert parts[2].startswith("DEMO, geen CBS-cijfers") and parts[2].endswith(ex.ROWS_DEMO)
    assert "86087NED" not in parts[0]
    only_euro = ex.attribution(_frame([EURO]))
    assert only_euro.startswith("Bron: Eurostat") and "CBS, tabel" not in only_euro and "rijen" not in only_euro
    assert ex.attribution(_frame([]), {"attribution": "Bron: CBS"}) == "Bron: CBS"
    assert ex.attribution(_frame([])) == ""


def test_selection_sources_and_kind():
    frame = _frame([REAL2, DEMO, EURO, REAL, ("x", "80590ned", False, "2023", pd.Timestamp("2023-01-01"))])
    assert ex.selection_sources(frame) == {"CBS": ["80590ned", "84780NED", "86087NED"], "Eurostat": ["une_rt_m"],
                                           "demo": ["86087NED"]}
    assert ex.selection_kind(_frame([REAL])) == "real" and ex.selection_kind(_frame([])) == "real"
    assert ex.selection_kind(_frame([DEMO, DEMO])) == "demo" and ex.selection_kind(_frame([REAL, DEMO])) == "mixed"


def test_file_names():
    manifest = {"built_at": "2026-12-05T10:11:12+00:00"}
    assert ex.build_date(manifest) == "20261205"
    assert ex.build_date({}) == "00000000" and ex.build_date({"built_at": "2026-12"}) == "00000000"
    assert ex.period_span(_frame([REAL, REAL2])) == "2017-2023" and ex.period_span(_frame([REAL])) == "2023"
    assert ex.period_span(_frame([])) == "geen-rijen"
    assert ex.file_stem(["neet_share"], "gemeente", ["GM0363"], "2023", manifest) == \
        "jongeren_neet_share_gemeente_GM0363_2023_20261205"
    assert ex.file_stem(["a", "b", "c"], None, ["X", "Y"], "2017-2023", manifest) == \
        "jongeren_a_b_c_alle-niveaus_2-regios_2017-2023_20261205"
    assert ex.file_stem(["a", "b", "c", "d"], "rmc", [], "x", manifest) == "jongeren_4-indicatoren_rmc_x_20261205"
    assert ex.file_stem([], "land", [], "2023", manifest) == "jongeren_alle-indicatoren_land_2023_20261205"
    assert ex.file_stem(["a b/c"], "land", [], "2023", manifest) == "jongeren_a-b-c_land_2023_20261205"
    assert ex.file_stem(["!!"], "land", [], "2023", manifest) == "jongeren_x_land_2023_20261205"


def test_zip_entries_carry_the_build_date_and_their_order():
    data = ex.zip_bytes({"b.csv": b"1", "a.json": b"{}"}, {"built_at": "2026-12-05"})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["b.csv", "a.json"]
        assert all(i.date_time == (2026, 12, 5, 0, 0, 0) for i in infos)
        assert all(i.compress_type == zipfile.ZIP_DEFLATED and (i.external_attr >> 16) == 0o644 for i in infos)
        assert all(i.create_system == 3 for i in infos)
        assert archive.read("b.csv") == b"1"
    old = ex.zip_bytes({"a": b"x"}, {})
    with zipfile.ZipFile(io.BytesIO(old)) as archive:
        assert archive.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_readme_says_demo_files_licence_and_query_in_both_languages():
    frame = pd.DataFrame({"indicator": ["neet_share"], "source_table": ["86087NED"], "is_demo": [True],
                          "period": ["2023"], "period_start": [pd.Timestamp("2023-10-01")]})
    manifest = {"licence": "CC BY 4.0", "licence_url": "https://lic", "data_version": "v1", "built_at": "2026-12-05",
                "software": {"name": "app", "version": "1.2", "secret": "x"},
                "sources": [{"table_id": "86087NED", "title": "T", "is_demo": True,
                             "slices": [{"slice": "s", "fetched_at": "2026-01-01", "is_demo": True, "other": 1}]},
                            {"table_id": "80590ned"}]}
    meta = ex.make_metadata(frame, manifest, [{"id": "neet_share", "source_tables": ["86087NED"]},
                                              {"id": "other", "source_tables": ["80590ned"]}],
                            {"url": "/api/v1/x?y=1", "params": {}}, ["a.csv", "metadata.json"], "excel-nl")
    assert meta["title"] == ex.TITLES["demo"] and meta["is_demo"] is True and meta["rows"] == 1
    assert meta["demo_statement"] == ex.DEMO_STATEMENT and meta["software"] == {"name": "app", "version": "1.2"}
    assert [s["table_id"] for s in meta["sources"]] == ["86087NED"]
    assert meta["sources"][0]["slices"] == [{"slice": "s", "snapshot": None, "filter": None,
                                             "fetched_at": "2026-01-01", "is_demo": True, "origin": None}]
    assert meta["sources"][0]["fetched_at"] == "2026-01-01" and meta["sources"][0]["is_demo"] is True
    assert [i["id"] for i in meta["indicators"]] == ["neet_share"]
    assert meta["periods"] == {"first": "2023", "last": "2023"}
    assert meta["csv"]["separator"] == ";" and meta["csv"]["encoding"] == "UTF-8 with BOM"
    assert meta["files"] == ["a.csv", "metadata.json"] and meta["licence_url"] == "https://lic"
    text = ex.readme_text(meta)
    lines = text.split("\r\n")
    assert lines[0] == "JONGEREN OP DE ARBEIDSMARKT - DOWNLOAD" and lines[1] == "=" * 38
    assert ex.DEMO_STATEMENT["nl"] in lines and ex.DEMO_STATEMENT["en"] in lines
    assert "Bestanden: a.csv, metadata.json" in lines and "Files: a.csv, metadata.json" in lines
    assert "Vraag: /api/v1/x?y=1" in lines and "Query: /api/v1/x?y=1" in lines
    assert "Licentie: CC BY 4.0 (https://lic)" in lines and "Licence: CC BY 4.0 (https://lic)" in lines
    assert f"Vermeld bij gebruik: {meta['attribution']}" in lines and "DEMO" in meta["attribution"]
    assert "Aantal rijen: 1   Dataversie: v1   Gebouwd: 2026-12-05" in lines
    assert "  value: Waarde; leeg als CBS geen waarde geeft (zie flag)" in lines
    assert "  value: Value; empty where CBS gives none (see flag)" in lines
    assert lines.index("--- English ---") > lines.index("--- Nederlands ---")
    assert any("puntkomma" in line for line in lines) and any("semicolon" in line for line in lines)
    real = ex.make_metadata(frame.assign(is_demo=False), manifest, [], {}, ["a.csv"], None)
    assert real["demo_statement"] is None and real["csv"] is None and real["title"] == ex.TITLES["real"]
    plain = ex.readme_text(real)
    assert "DEMO" not in plain and "puntkomma" not in plain and "semicolon" not in plain
    empty = ex.make_metadata(frame.iloc[0:0], manifest, [{"id": "neet_share"}, {"id": "b"}],
                             {"params": {"indicator": ["b"]}}, [], "standard")
    assert [i["id"] for i in empty["indicators"]] == ["b"] and empty["periods"] == {"first": None, "last": None}
    assert empty["is_demo"] is False and empty["rows"] == 0


def test_metadata_by_hand_names_the_sources_of_rows_and_indicators():
    frame = pd.DataFrame({"indicator": ["neet_share", "neet_share"], "source_table": ["86087ned", "86087NED"],
                          "is_demo": [True, False], "period": ["2021", "2023"],
                          "period_start": pd.to_datetime(["2021-10-01", "2023-10-01"])})
    src = {"table_id": "86087NED", "title": "Jongeren", "url": "https://odata/86087NED", "statline_url": "https://s",
           "cbs_modified": "2024-05-01", "licence": "CC BY 4.0", "is_demo": 1,
           "slices": [{"slice": "b", "snapshot": "s2", "filter": "f", "fetched_at": "2024-06-02", "is_demo": True,
                       "origin": "live", "extra": 1},
                      {"slice": "a", "fetched_at": "2024-06-01"}]}
    manifest = {"data_version": "v9", "built_at": "2026-12-05T01:02:03", "licence": "CC BY 4.0",
                "licence_url": "https://lic", "sources": [
                    {"table_id": "80590ned", "title": "Werkloosheid"},
                    src,
                    {"table_id": "84780NED", "title": "Vsv"}]}
    indicators = [{"id": "neet_share", "title_nl": "NEET", "source_tables": ["84780ned"], "secret": 1},
                  {"id": "other", "source_tables": ["80590ned"]}]
    meta = ex.make_metadata(frame, manifest, indicators, {"url": "/q"}, ["x.csv"], "standard")
    assert meta["sources"] == [
        {"table_id": "86087NED", "title": "Jongeren", "url": "https://odata/86087NED", "statline_url": "https://s",
         "cbs_modified": "2024-05-01", "fetched_at": "2024-06-02", "licence": "CC BY 4.0", "is_demo": True,
         "slices": [{"slice": "b", "snapshot": "s2", "filter": "f", "fetched_at": "2024-06-02", "is_demo": True,
                     "origin": "live"},
                    {"slice": "a", "snapshot": None, "filter": None, "fetched_at": "2024-06-01", "is_demo": None,
                     "origin": None}]},
        {"table_id": "84780NED", "title": "Vsv", "url": None, "statline_url": None, "cbs_modified": None,
         "fetched_at": None, "licence": None, "is_demo": False, "slices": []}]
    assert meta["periods"] == {"first": "2021", "last": "2023"}
    assert meta["title"] == ex.TITLES["mixed"] and meta["is_demo"] is True
    assert meta["attribution"] == ex.attribution(frame) and "86087NED" in meta["attribution"]
    assert meta["indicators"] == [{k: indicators[0].get(k) for k in ex.INDICATOR_KEYS}]
    assert meta["data_version"] == "v9" and meta["built_at"] == "2026-12-05T01:02:03" and meta["query"] == {"url": "/q"}
    assert meta["software"] == {"name": None, "version": None}
    assert meta["csv"] == {"name": "standard", "encoding": "UTF-8", "separator": ",", "decimal": ".",
                           "line_terminator": "CRLF", "missing": "empty cell",
                           "numbers": "rounded to at most 6 decimals, no exponent, no thousands separator"}
    assert meta["columns"]["is_demo"] == {"nl": "true als de rij demonstratiegegevens bevat",
                                          "en": "true if the row holds demo data"}
    without_tables = ex.make_metadata(frame.iloc[0:0].drop(columns="source_table"), manifest, indicators,
                                      {"params": {"indicator": ["neet_share"]}}, [], None)
    assert [s["table_id"] for s in without_tables["sources"]] == ["84780NED"]
    bare = ex.make_metadata(frame.iloc[0:0], {"sources": [{"title": "no id"}]}, indicators, {}, [], None)
    assert bare["sources"] == [] and bare["attribution"] == "" and bare["is_demo"] is False
    assert [i["id"] for i in bare["indicators"]] == ["neet_share", "other"]       # no rows, no query: all
    assert ex.make_metadata(frame.iloc[0:0], {"attribution": "Bron: CBS"}, [], {}, [], None)["attribution"] == \
        "Bron: CBS"


def test_attribution_lists_every_demo_table():
    two = _frame([DEMO, ("youth_ww_benefits", "85554NED", True, "2024MM01", pd.Timestamp("2024-01-01"))])
    assert ex.attribution(two) == (
        "DEMO, geen CBS-cijfers: gegenereerd in de vorm van CBS-tabel(len) 85554NED, 86087NED / "
        "DEMO, not CBS figures: generated in the shape of CBS table(s) 85554NED, 86087NED")


def test_cells_and_json_records_by_hand():
    import numpy as np
    assert ex.format_number(pd.NaT) == "" and ex.format_number(None) == "" and ex.format_number(pd.NA) == ""
    assert ex.format_number(np.float64(2.5), ",") == "2,5" and ex.format_number(-0.0000001) == "0"
    frame = pd.DataFrame({"indicator": ["a", "b"], "value": [1.23456789, float("nan")], "is_demo": [True, False],
                          "numerator": pd.array([3, None], dtype="Int64"),
                          "period_start": pd.to_datetime(["2023-10-01", None]), "flag": [None, "confidential"]})
    records = ex.observations_records(frame)
    assert records == [
        {"indicator": "a", "period_start": "2023-10-01", "value": 1.234568, "flag": None, "numerator": 3.0,
         "is_demo": True},
        {"indicator": "b", "period_start": None, "value": None, "flag": "confidential", "numerator": None,
         "is_demo": False}]
    assert [type(r["is_demo"]) for r in records] == [bool, bool] and list(records[0]) == [
        "indicator", "period_start", "value", "flag", "numerator", "is_demo"]
    full = pd.DataFrame({c: ["x"] for c in ex.COLUMNS}).assign(value=[1.5], is_demo=[False])
    text = ex.observations_csv(full, "excel-nl").decode("utf-8-sig")
    assert text.split("\r\n")[0] == ";".join(ex.COLUMNS) and text.split("\r\n")[1].split(";")[7] == "1,5"
    assert text.split("\r\n")[1].endswith(";false") and text.endswith("\r\n")
    reordered = full[list(reversed(ex.COLUMNS))]
    assert ex.observations_csv(reordered) == ex.observations_csv(full)


GOLDEN = __import__("pathlib").Path(__file__).resolve().parents[1] / "golden" / "exports"


def test_readme_and_csv_description_are_the_reviewed_golden_files():
    """tests/golden/exports/ holds a download's metadata.json and README.txt as reviewed (test_api.py writes them
    through the API): the README of that metadata is the golden README, byte for byte, and the metadata's CSV
    description is the excel-nl dialect's."""
    import json
    meta = json.loads((GOLDEN / "metadata.json").read_text(encoding="utf-8"))
    assert ex.readme_text(meta).encode("utf-8") == (GOLDEN / "README.txt").read_bytes()
    assert meta["csv"] == ex.DIALECTS["excel-nl"].describe()
    assert meta["columns"] == {c: {"nl": nl, "en": en} for c, (nl, en) in ex.COLUMN_DOCS.items()}
    assert ex.readme_text({}).startswith("JONGEREN OP DE ARBEIDSMARKT - DOWNLOAD\r\n")
    assert "Vraag: \r\n" in ex.readme_text({}) and "Files: \r\n" in ex.readme_text({})


def test_a_column_of_mixed_cells_is_written_cell_by_cell():
    import numpy as np
    cells = [True, False, 3, 2.50, np.int64(7), np.float64(0.1 + 0.2), np.bool_(True),
             pd.Timestamp("2023-10-01"), pd.Timestamp("2023-10-01 12:30"), None, float("nan"), pd.NA, pd.NaT,
             "=SUM(A1)", "-5 text", "plain", 1e20]
    frame = pd.DataFrame({"mixed": pd.Series(cells, dtype=object)})
    rows = ex.format_rows(frame, "excel-nl")
    assert [r[0] for r in rows] == ["true", "false", "3", "2,5", "7", "0,3", "true", "2023-10-01",
                                    "2023-10-01T12:30:00", "", "", "", "", "'=SUM(A1)", "'-5 text", "plain",
                                    "100000000000000000000"]
    assert ex.format_cell(-1.5) == "-1.5" and ex.format_cell(float("inf")) == "" and ex.format_cell(pd.NaT) == ""
    assert ex.format_cell(np.float64(2.5), ",") == "2,5" and ex.format_cell(np.int32(4)) == "4"
    assert ex.format_cell("@x") == "'@x" and ex.format_cell(pd.Timestamp("2024-01-02 00:00:01")) == \
        "2024-01-02T00:00:01"
