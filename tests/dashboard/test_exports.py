"""dashboard.data.exports: CSV dialects, number formatting, formula neutralisation, zips, metadata, file names."""

from __future__ import annotations

import io
import json
import math
import zipfile

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.data import exports
from dashboard.data.exports import format_number, frame_to_csv, neutralise

MANIFEST = {"built_at": "2026-11-26T12:00:00Z", "data_version": "abc123", "licence": "CC BY 4.0",
            "licence_url": "https://creativecommons.org/licenses/by/4.0/deed.nl", "attribution": "Bron: CBS",
            "software": {"name": "jongeren-arbeidsmarkt", "version": "0.1.0"},
            "sources": [{"table_id": "86087NED", "title": "Jongeren", "url": "https://example/86087NED",
                         "statline_url": "https://statline/86087NED", "cbs_modified": "2026-01-01T00:00:00",
                         "is_demo": True, "licence": "CC BY 4.0",
                         "slices": [{"slice": "neet", "snapshot": "demo", "fetched_at": "2026-02-01T00:00:00Z",
                                     "is_demo": True, "filter": "x", "origin": "demo"}]},
                        {"table_id": "80590ned", "title": "Werkloosheid", "slices": []}]}
INDICATORS = [{"id": "neet_share", "title_nl": "NEET", "title_en": "NEET", "definition_nl": "d", "definition_en": "d",
               "unit": "percent", "unit_label": {"nl": "%", "en": "%"}, "computation_nl": "c", "computation_en": "c",
               "source_tables": ["86087NED"], "higher_is_more_need": True, "is_demo": True},
              {"id": "unemployment_rate", "title_nl": "W", "title_en": "U", "source_tables": ["80590ned"]}]


def rows(n: int = 2, demo: bool = True) -> pd.DataFrame:
    return pd.DataFrame({
        "indicator": ["neet_share"] * n, "region_code": [f"GM{i:04d}" for i in range(n)],
        "region_name": ["=Gevaarlijk", "'s-Hertogenbosch"][:n] + ["Plaats"] * max(0, n - 2),
        "region_level": ["gemeente"] * n, "period": ["2023"] * n,
        "period_start": pd.to_datetime(["2023-01-01"] * n), "frequency": ["year"] * n,
        "value": [0.1 + 0.2, float("nan")][:n] + [1.0] * max(0, n - 2), "unit": ["percent"] * n,
        "status": ["voorlopig"] * n, "flag": [None, "confidential"][:n] + [None] * max(0, n - 2),
        "numerator": [3.0, float("nan")][:n] + [1.0] * max(0, n - 2), "denominator": [10.0] * n,
        "derivation": ["published", "carried"][:n] + ["published"] * max(0, n - 2),
        "source_table": ["86087NED"] * n, "is_demo": [demo] * n,
    })


@pytest.mark.parametrize(("value", "standard", "nl"), [
    (0.1 + 0.2, "0.3", "0,3"),
    (1 / 3, "0.333333", "0,333333"),
    (2 / 3, "0.666667", "0,666667"),
    (17942942.0, "17942942", "17942942"),
    (12.5, "12.5", "12,5"),
    (-1.25, "-1.25", "-1,25"),
    (-0.0, "0", "0"),
    (-1e-9, "0", "0"),
    (1e20, "100000000000000000000", "100000000000000000000"),
    (float("nan"), "", ""),
    (float("inf"), "", ""),
    (None, "", ""),
    (7, "7", "7"),
])
def test_format_number_is_deterministic_without_float_noise(value, standard, nl):
    assert format_number(value) == standard
    assert format_number(value, ",") == nl


@pytest.mark.parametrize("text", ["=1+1", "+31 6", "-x", "@SUM(A1)", "\tTAB", "\rCR", "=HYPERLINK(\"http://x\")"])
def test_formula_text_is_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Amsterdam", "'s-Hertogenbosch", "AM01", "2022/2023", "", "a=b"])
def test_plain_text_is_left_alone(text):
    assert neutralise(text) == text


def test_negative_numbers_stay_numbers_but_negative_text_is_neutralised():
    frame = pd.DataFrame({"number": [-1.5, -2.0], "text": ["-1.5", "=1"], "count": pd.array([-3, 4], dtype="int64")})
    lines = frame_to_csv(frame).decode().split("\r\n")
    assert lines[1] == "-1.5,'-1.5,-3"
    assert lines[2] == "-2,'=1,4"


def test_header_cells_are_neutralised_too():
    assert frame_to_csv(pd.DataFrame({"=x": ["a"]})).decode().startswith("'=x\r\n")


def test_dialects_differ_in_bom_separator_and_decimal_mark():
    frame = pd.DataFrame({"name": ["a,b", "c;d"], "value": [1.5, 2.25]})
    standard = frame_to_csv(frame, "standard")
    excel = frame_to_csv(frame, "excel-nl")
    assert standard == b'name,value\r\n"a,b",1.5\r\nc;d,2.25\r\n'
    assert excel == '\ufeffname;value\r\na,b;1,5\r\n"c;d";2,25\r\n'.encode()
    assert not standard.startswith(b"\xef\xbb\xbf") and excel.startswith(b"\xef\xbb\xbf")


def test_observation_columns_dates_booleans_and_missing_values():
    text = exports.observations_csv(rows()).decode()
    header, first, second, end = text.split("\r\n")
    assert header == ",".join(exports.COLUMNS)
    assert first == ("neet_share,GM0000,'=Gevaarlijk,gemeente,2023,2023-01-01,year,0.3,percent,voorlopig,,3,10,"
                     "published,86087NED,true")
    assert second == ("neet_share,GM0001,'s-Hertogenbosch,gemeente,2023,2023-01-01,year,,percent,voorlopig,"
                      "confidential,,10,carried,86087NED,true")
    assert end == ""


def test_format_rows_matches_the_csv_cells():
    frame = rows()
    cells = exports.format_rows(frame, "excel-nl", exports.COLUMNS)
    body = exports.observations_csv(frame, "excel-nl").decode("utf-8-sig").split("\r\n")[1:-1]
    assert [";".join(r) for r in cells] == body


def test_json_records_round_like_the_csv():
    records = exports.observations_records(rows())
    assert records[0]["value"] == 0.3 and records[0]["period_start"] == "2023-01-01"
    assert records[1]["value"] is None and records[1]["flag"] == "confidential" and records[1]["is_demo"] is True
    json.dumps(records, allow_nan=False)


def test_sort_observations_orders_levels_land_region_gemeente():
    frame = pd.concat([rows(1).assign(region_level=lvl, region_code=code)
                       for lvl, code in [("gemeente", "GM0001"), ("land", "NL01"), ("arbeidsmarktregio", "AM01")]])
    assert list(exports.sort_observations(frame)["region_code"]) == ["NL01", "AM01", "GM0001"]


def test_file_stem_carries_indicator_level_years_and_build_date():
    frame = pd.DataFrame({"period_start": pd.to_datetime(["2017-01-01", "2024-01-01"])})
    span = exports.period_span(frame)
    assert exports.file_stem(["neet_share"], "arbeidsmarktregio", [], span, MANIFEST) == \
        "jongeren_neet_share_arbeidsmarktregio_2017-2024_20261126"
    assert exports.file_stem([], None, ["GM0363"], "2024", MANIFEST) == \
        "jongeren_alle-indicatoren_alle-niveaus_GM0363_2024_20261126"
    assert exports.file_stem(list("abcd"), "gemeente", ["A", "B"], "x", {}) == \
        "jongeren_4-indicatoren_gemeente_2-regios_x_00000000"
    assert exports.period_span(frame.iloc[:0]) == "geen-rijen"


def test_zip_is_deterministic_and_ordered():
    files = {"b.csv": b"1", "metadata.json": b"{}", "README.txt": b"hi"}
    first, second = exports.zip_bytes(files, MANIFEST), exports.zip_bytes(files, MANIFEST)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == ["b.csv", "metadata.json", "README.txt"]
        assert archive.getinfo("b.csv").date_time == (2026, 11, 26, 0, 0, 0)
        assert archive.read("README.txt") == b"hi"


def test_metadata_describes_sources_licence_demo_and_query():
    query = {"endpoint": "/api/v1/observations.zip", "params": {"indicator": ["neet_share"]}, "url": "/x?y"}
    meta = exports.make_metadata(rows(), MANIFEST, INDICATORS, query, ["a.csv", "metadata.json", "README.txt"])
    assert meta["query"] == query
    assert meta["licence"] == "CC BY 4.0"
    assert meta["attribution"].startswith("DEMO, geen CBS-cijfers") and "86087NED" in meta["attribution"]
    assert "Bron: CBS" not in meta["attribution"]                    # demo rows are never credited to CBS
    assert meta["is_demo"] is True and "DEMO" in meta["demo_statement"]["nl"] and "DEMO" in meta["demo_statement"]["en"]
    assert [i["id"] for i in meta["indicators"]] == ["neet_share"]
    assert [s["table_id"] for s in meta["sources"]] == ["86087NED"]
    source = meta["sources"][0]
    assert source["statline_url"] and source["cbs_modified"] and source["fetched_at"] == "2026-02-01T00:00:00Z"
    assert meta["software"] == {"name": "jongeren-arbeidsmarkt", "version": "0.1.0"}
    assert meta["data_version"] == "abc123" and meta["rows"] == 2
    assert set(meta["columns"]) == set(exports.COLUMNS)
    json.dumps(meta, allow_nan=False)


def test_metadata_without_demo_rows_has_no_demo_statement():
    meta = exports.make_metadata(rows(demo=False), MANIFEST, INDICATORS, {}, [])
    assert meta["is_demo"] is False and meta["demo_statement"] is None
    assert meta["attribution"] == "Bron: CBS, tabel(len) 86087NED, CC BY 4.0 / Source: CBS, table(s) 86087NED, CC BY 4.0"
    assert "(open data van CBS)" in meta["title"]["nl"]


def test_attribution_of_mixed_rows_credits_cbs_only_for_real_rows():
    mixed = pd.concat([rows(demo=False), rows(demo=True)], ignore_index=True)
    text = exports.attribution(mixed, MANIFEST)
    real, _, demo = text.partition("; ")
    assert real.startswith("Bron: CBS, tabel(len) 86087NED") and real.endswith("(rijen met is_demo = false / rows with "
                                                                               "is_demo = false)")
    assert demo.startswith("DEMO, geen CBS-cijfers") and "DEMO, not CBS figures" in demo and "Bron: CBS" not in demo
    assert demo.endswith("(rijen met is_demo = true / rows with is_demo = true)")
    assert "demonstratiegegevens" in exports.make_metadata(mixed, MANIFEST, INDICATORS, {}, [])["title"]["nl"]
    assert "DEMO" in exports.make_metadata(rows(demo=True), MANIFEST, INDICATORS, {}, [])["title"]["en"]


def test_attribution_credits_eurostat_for_its_rows_never_cbs():
    frame = rows(demo=False).assign(source_table="une_rt_m")
    text = exports.attribution(frame, MANIFEST)
    assert text.startswith("Bron: Eurostat, dataset une_rt_m") and "Bron: CBS" not in text


def test_readme_is_dutch_and_english_with_licence_and_query():
    query = {"url": "/api/v1/observations.zip?indicator=neet_share"}
    meta = exports.make_metadata(rows(), MANIFEST, INDICATORS, query, ["a.csv"], "excel-nl")
    text = exports.readme_text(meta)
    for needle in ("Nederlands", "English", "CC BY 4.0", "DEMO, geen CBS-cijfers", query["url"], "DEMONSTRATIEGEGEVENS",
                   "DEMO DATA", "puntkomma", "semicolon"):
        assert needle in text


# --- property: what pandas reads back is what went in (rounded, neutralised) --------------------------------------

text_cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
numbers = st.one_of(st.floats(min_value=-1e12, max_value=1e12), st.integers(-10**9, 10**9).map(float),
                    st.just(float("nan")))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(text_cells, numbers), min_size=1, max_size=8), st.sampled_from(list(exports.DIALECTS)))
def test_csv_round_trips_through_pandas(cells, dialect):
    frame = pd.DataFrame({"text": [c[0] for c in cells], "number": [c[1] for c in cells]})
    spec = exports.DIALECTS[dialect]
    data = frame_to_csv(frame, dialect)
    back = pd.read_csv(io.BytesIO(data), sep=spec.separator, decimal=spec.decimal, encoding="utf-8-sig",
                       dtype={"text": str}, keep_default_na=False, na_values={"number": [""]})
    assert len(back) == len(frame)
    for original, got in zip(frame["text"], back["text"], strict=True):
        expected = neutralise(original).replace("\r\n", "\n").replace("\r", "\n")
        assert got.replace("\r\n", "\n").replace("\r", "\n") == expected
    for original, got in zip(frame["number"], back["number"], strict=True):
        if math.isnan(original):
            assert math.isnan(got)
        else:
            assert got == pytest.approx(round(original, exports.DECIMALS), abs=1e-6)
