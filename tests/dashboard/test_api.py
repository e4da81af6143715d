"""/api/v1 on a small fixed store: goldens, round trips, every bad parameter, zips, caching, fuzzing.

The fixture store is written here (not built by the ETL) so the goldens in tests/golden/exports/ only change
when the export format does. Refresh them with ``UPDATE_GOLDEN=1 pytest tests/dashboard/test_api.py``.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pagesupport import render_page, texts, to_plain

from dashboard.api import observations as api
from dashboard.data.observation_query import MAX_REGIONS
from etl.build import indicator_metadata
from etl.snapshot import dump_json

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "exports"
GOLDEN_QUERY = "indicator=neet_share,youth_ww_benefits&region=NL01,AM01,GM9990&period_from=2022&period_to=2023MM02"
COLUMNS = ["indicator", "region_code", "region_name", "region_level", "period", "period_start", "frequency", "value",
           "unit", "status", "flag", "numerator", "denominator", "derivation", "source_table", "is_demo"]
REGIONS = [("NL01", "Nederland", "land", None), ("AM01", "Groningen", "arbeidsmarktregio", "NL01"),
           ("AM02", "Friesland", "arbeidsmarktregio", "NL01"), ("GM0014", "Groningen", "gemeente", "AM01"),
           ("GM0080", "Leeuwarden", "gemeente", "AM02"),
           ("GM9990", "=HYPERLINK(\"x\");-dorp, \"Noord\"", "gemeente", "AM01")]
CBS = "https://datasets.cbs.nl/odata/v1/CBS/"
STATLINE = "https://opendata.cbs.nl/#/CBS/nl/dataset/{}/table"
MANIFEST = {
    "software": {"name": "jongeren-arbeidsmarkt", "version": "0.1.0"}, "built_at": "2026-11-26T12:00:00Z",
    "licence": "CC BY 4.0", "licence_url": "https://creativecommons.org/licenses/by/4.0/deed.nl",
    "attribution": "Bron: CBS (Centraal Bureau voor de Statistiek), StatLine, CC BY 4.0", "is_demo": True,
    "data_version": "fixture0001",
    "sources": [
        {"table_id": "85554NED", "title": "Personen met WW-uitkering", "url": CBS + "85554NED",
         "statline_url": STATLINE.format("85554NED"), "cbs_modified": "2026-07-01T06:30:00+02:00",
         "licence": "CC BY 4.0", "is_demo": False,
         "slices": [{"slice": "jonger-dan-27", "snapshot": "20260717T163006Z", "filter": "Leeftijd eq '41600'",
                     "fetched_at": "2026-07-17T16:30:06Z", "is_demo": False, "origin": "CBS v4", "files": {}}]},
        {"table_id": "86087NED", "title": "Arbeidsmarktsituatie jongeren", "url": CBS + "86087NED",
         "statline_url": STATLINE.format("86087NED"), "cbs_modified": "2026-03-01T06:30:00+01:00",
         "licence": "CC BY 4.0", "is_demo": True,
         "slices": [{"slice": "neet", "snapshot": "demo", "filter": "", "fetched_at": "2026-07-18T10:00:00Z",
                     "is_demo": True, "origin": "demo generator", "files": {}}]},
    ],
}


def _row(indicator, code, period, start, freq, value, unit, source, demo, status="definitief", flag=None,
         num=float("nan"), den=float("nan")):
    name, level = {c: (n, lvl) for c, n, lvl, _ in REGIONS}[code]
    derivation = "summed" if level == "arbeidsmarktregio" and source == "86087NED" else "published"
    return [indicator, code, name, level, period, pd.Timestamp(start), freq, value, unit, status, flag, num, den,
            derivation, source, demo]


def fixture_observations() -> pd.DataFrame:
    rows = []
    for code, base in (("NL01", 4.0), ("AM01", 5.0), ("AM02", 3.5), ("GM0014", 6.0), ("GM0080", 2.5), ("GM9990", 7.0)):
        for year in (2021, 2022, 2023):
            num, den = base * 10 + year - 2021, 1000.0 / 3
            status = "voorlopig" if year == 2023 else "definitief"
            if code == "GM0080" and year == 2022:
                rows.append(_row("neet_share", code, str(year), f"{year}-01-01", "year", float("nan"), "percent",
                                 "86087NED", True, status, "confidential"))
                continue
            rows.append(_row("neet_share", code, str(year), f"{year}-01-01", "year", 100 * num / den, "percent",
                             "86087NED", True, status, None, num, den))
    for code, base in (("NL01", 17942942.0), ("AM01", 0.1 + 0.2)):
        for month in (11, 12, 1, 2, 3):
            year = 2022 if month > 3 else 2023
            rows.append(_row("youth_ww_benefits", code, f"{year}MM{month:02d}", f"{year}-{month:02d}-01", "month",
                             base + month, "persons", "85554NED", False))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["period_start"] = frame["period_start"].astype("datetime64[ns]")
    frame["flag"] = frame["flag"].astype("str")
    frame.loc[frame["flag"] == "None", "flag"] = None
    return frame


def write_store(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    observations = fixture_observations()
    regions = pd.DataFrame(REGIONS, columns=["region_code", "region_name", "region_level", "parent_code"])
    observations.to_parquet(path / "observations.parquet", index=False)
    regions.to_parquet(path / "regions.parquet", index=False)
    (path / "indicators.json").write_bytes(dump_json(indicator_metadata(observations)))
    (path / "manifest.json").write_bytes(dump_json(MANIFEST))
    return path


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return write_store(tmp_path_factory.mktemp("store") / "store")


@pytest.fixture(scope="module")
def app(store_dir) -> Flask:
    server = Flask("test-api")
    server.config["STORE_DIR"] = str(store_dir)
    api.register(server)
    api.register(server)            # idempotent
    return server


@pytest.fixture
def client(app):
    return app.test_client()


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.data[:300]
    return response.get_json()


def golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":                 # only "1" rewrites; any other value compares
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    assert data == path.read_bytes(), f"{name} differs from its golden file (UPDATE_GOLDEN=1 to accept)"


def read_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# --- goldens --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("dialect", ["standard", "excel-nl"])
def test_csv_matches_golden_bytes(client, dialect):
    fmt = "" if dialect == "standard" else "&format=excel-nl"
    response = client.get(f"/api/v1/observations.csv?{GOLDEN_QUERY}{fmt}")
    assert response.status_code == 200
    golden(f"observations_{dialect}.csv", response.data)


def test_zip_metadata_and_readme_match_golden(client):
    files = read_zip(client.get(f"/api/v1/observations.zip?{GOLDEN_QUERY}&format=excel-nl").data)
    golden("metadata.json", files["metadata.json"])
    golden("README.txt", files["README.txt"])


# --- round trips ----------------------------------------------------------------------------------------------------

def _store_rows(store_dir: Path, **filters) -> pd.DataFrame:
    frame = pd.read_parquet(store_dir / "observations.parquet")
    for column, values in filters.items():
        frame = frame[frame[column].isin(values)]
    return frame.sort_values(["indicator", "region_code", "period_start"]).reset_index(drop=True)


@pytest.mark.parametrize("dialect", ["standard", "excel-nl"])
def test_csv_round_trip_equals_store_rows(client, store_dir, dialect):
    response = client.get(f"/api/v1/observations.csv?indicator=neet_share,youth_ww_benefits&format={dialect}")
    sep, dec = (",", ".") if dialect == "standard" else (";", ",")
    got = pd.read_csv(io.BytesIO(response.data), sep=sep, decimal=dec, encoding="utf-8-sig",
                      dtype={"period": str, "flag": str}, parse_dates=["period_start"])
    got = got.sort_values(["indicator", "region_code", "period_start"]).reset_index(drop=True)
    want = _store_rows(store_dir, indicator=["neet_share", "youth_ww_benefits"])
    assert list(got.columns) == COLUMNS and len(got) == len(want)
    got["region_name"] = got["region_name"].str.replace(r"^'(?=[=+\-@])", "", regex=True)
    for column in ("indicator", "region_code", "region_name", "region_level", "period", "frequency", "unit",
                   "status", "source_table"):
        assert got[column].tolist() == want[column].astype(str).tolist(), column
    assert (got["period_start"] == want["period_start"]).all()
    assert got["flag"].fillna("").tolist() == want["flag"].fillna("").tolist()
    assert got["is_demo"].tolist() == want["is_demo"].tolist()
    for column in ("value", "numerator", "denominator"):
        pd.testing.assert_series_equal(got[column], want[column].round(6), check_names=False, atol=1e-9)


def test_json_round_trip_equals_store_rows(client, store_dir):
    body = get_json(client, "/api/v1/observations.json?indicator=neet_share&level=gemeente")
    got = pd.DataFrame(body["data"])
    want = _store_rows(store_dir, indicator=["neet_share"], region_level=["gemeente"])
    assert list(got.columns) == COLUMNS
    assert got["region_code"].tolist() == want["region_code"].tolist()
    assert got["region_name"].tolist() == want["region_name"].tolist()      # JSON is not neutralised
    pd.testing.assert_series_equal(got["value"].astype(float), want["value"].round(6), check_names=False)
    assert body["meta"]["rows"] == len(want) and body["meta"]["data_version"] == "fixture0001"
    assert body["meta"]["query"]["level"] == "gemeente"


# --- parameters and selection ---------------------------------------------------------------------------------------

def test_repeated_and_comma_separated_parameters_are_the_same_query(client):
    a = client.get("/api/v1/observations.csv?indicator=neet_share&indicator=youth_ww_benefits&region=AM01&region=NL01")
    b = client.get("/api/v1/observations.csv?indicator=youth_ww_benefits,neet_share&region=NL01,AM01")
    c = client.get("/api/v1/observations.csv?indicator=YOUTH_WW_BENEFITS,%20neet_share,&region=nl01,am01,AM01")
    assert a.status_code == b.status_code == c.status_code == 200
    assert a.data == b.data == c.data
    assert a.headers["ETag"] == b.headers["ETag"] == c.headers["ETag"]


@pytest.mark.parametrize(("query", "periods"), [
    ("period_from=2022&period_to=2022", ["2022"]),
    ("period_from=2022-06-01", ["2023"]),
    ("period_to=2021", ["2021"]),
    ("period_from=2021KW04&period_to=2023HJ01", ["2022", "2023"]),
])
def test_period_bounds(client, query, periods):
    body = get_json(client, f"/api/v1/observations.json?indicator=neet_share&region=NL01&{query}")
    assert [r["period"] for r in body["data"]] == periods


def test_month_and_school_year_bounds(client):
    body = get_json(client, "/api/v1/observations.json?indicator=youth_ww_benefits&region=NL01"
                            "&period_from=2022MM12&period_to=2022/2023")
    assert [r["period"] for r in body["data"]] == ["2022MM12", "2023MM01", "2023MM02", "2023MM03"]


def test_level_without_data_gives_an_empty_file_with_header(client):
    response = client.get("/api/v1/observations.csv?indicator=youth_ww_benefits&level=gemeente")
    assert response.status_code == 200
    assert response.data.decode() == ",".join(COLUMNS) + "\r\n"
    assert "geen-rijen" in response.headers["Content-Disposition"]


def test_indicators_and_regions(client):
    body = get_json(client, "/api/v1/indicators")
    by_id = {i["id"]: i for i in body["data"]}
    assert by_id["neet_share"]["rows"] == 18 and by_id["neet_share"]["periods"] == {"first": "2021", "last": "2023"}
    assert by_id["neet_share"]["title_en"] and by_id["neet_share"]["definition_nl"]
    assert body["meta"]["attribution"].startswith("Bron: CBS")
    regions = get_json(client, "/api/v1/regions?level=gemeente")["data"]
    assert [r["region_code"] for r in regions] == ["GM0014", "GM0080", "GM9990"]
    assert regions[0]["parent_code"] == "AM01"
    everything = get_json(client, "/api/v1/regions")["data"]
    assert [r["region_level"] for r in everything][:2] == ["land", "arbeidsmarktregio"]
    assert everything[0]["parent_code"] is None


# --- every bad parameter --------------------------------------------------------------------------------------------

BAD = [
    ("/api/v1/observations.csv?indicator=nope", "indicator", "neet_share"),
    ("/api/v1/observations.json?indicator=neet_share,bogus", "indicator", "neet_share"),
    ("/api/v1/observations.csv?level=provincie", "level", "gemeente"),
    ("/api/v1/observations.csv?level=gemeente&level=land", "level", None),
    ("/api/v1/observations.csv?region=GM9999", "region", "GM0014"),
    ("/api/v1/observations.csv?level=gemeente&region=AM01", "region", "GM0014"),
    ("/api/v1/observations.csv?period_from=2022Q1", "period_from", "YYYYKWnn"),
    ("/api/v1/observations.csv?period_to=2023MM13", "period_to", "YYYYMMnn"),
    ("/api/v1/observations.csv?period_to=2022/2024", "period_to", "YYYY/YYYY"),
    ("/api/v1/observations.csv?period_from=2023-02-30", "period_from", "YYYY-MM-DD"),
    ("/api/v1/observations.csv?period_from=99999", "period_from", "YYYY"),
    ("/api/v1/observations.csv?period_from=2023&period_to=2022", "period_from", None),
    ("/api/v1/observations.csv?format=xlsx", "format", "excel-nl"),
    ("/api/v1/observations.zip?format=excel", "format", "standard"),
    ("/api/v1/observations.json?format=excel-nl", "format", "indicator"),
    ("/api/v1/observations.csv?indicator=neet_share&colour=red", "colour", "period_from"),
    ("/api/v1/observations.csv?a=1&b=2", "a,b", "indicator"),
    ("/api/v1/regions?level=wijk", "level", "land"),
    ("/api/v1/regions?indicator=neet_share", "indicator", "level"),
    ("/api/v1/indicators?lang=en", "lang", None),
    ("/api/v1/download.zip?x=1", "x", None),
]


@pytest.mark.parametrize(("url", "parameter", "valid"), BAD)
def test_bad_parameters_give_400_naming_the_parameter(client, url, parameter, valid):
    response = client.get(url)
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error", "parameter", "valid"}
    assert body["parameter"] == parameter
    assert parameter.split(",")[0] in body["error"]
    if valid:
        assert valid in body["valid"]
    assert "Traceback" not in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_too_many_regions(client):
    codes = ",".join(f"GM{i:04d}" for i in range(MAX_REGIONS + 1))
    body = get_json(client, f"/api/v1/observations.csv?region={codes}", 400)
    assert body["parameter"] == "region" and str(MAX_REGIONS) in body["error"]


def test_too_many_rows_is_a_clear_400(app):
    app.config["API_MAX_ROWS"] = 5
    try:
        body = get_json(app.test_client(), "/api/v1/observations.csv?indicator=neet_share", 400)
    finally:
        app.config.pop("API_MAX_ROWS")
    assert "18 rows" in body["error"] and "limit of 5" in body["error"]
    for name in ("indicator", "region", "period_from", "/api/v1/download.zip"):
        assert name in body["error"]


def test_unknown_paths_and_methods_are_json(client):
    body = get_json(client, "/api/v1/observations.xlsx", 404)
    assert "/api/v1/observations.csv" in body["valid"]
    response = client.post("/api/v1/observations.csv")
    assert response.status_code == 405 and response.get_json()["error"].startswith("method POST")
    assert client.delete("/api/v1/indicators").status_code == 405


def test_missing_store_is_503_json(tmp_path):
    server = Flask("no-store")
    server.config["STORE_DIR"] = str(tmp_path / "absent")
    api.register(server)
    response = server.test_client().get("/api/v1/indicators")
    assert response.status_code == 503
    assert response.get_json()["error"].startswith("the data store is not available")
    assert str(tmp_path) not in response.get_data(as_text=True)


# --- headers, zips, caching -----------------------------------------------------------------------------------------

def test_headers_mimetypes_and_file_names(client):
    csv = client.get(f"/api/v1/observations.csv?{GOLDEN_QUERY}")
    assert csv.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert csv.headers["Content-Disposition"] == (
        'attachment; filename="jongeren_neet_share_youth_ww_benefits_alle-niveaus_3-regios_2022-2023_20261126.csv"')
    assert csv.headers["Cache-Control"] == "public, max-age=3600"
    assert csv.headers["ETag"].startswith('"fixture0001-')
    nl = client.get("/api/v1/observations.csv?indicator=neet_share&level=arbeidsmarktregio&format=excel-nl")
    assert nl.headers["Content-Disposition"].endswith('_arbeidsmarktregio_2021-2023_20261126_excel-nl.csv"')
    z = client.get("/api/v1/observations.zip?indicator=neet_share&level=arbeidsmarktregio")
    assert z.mimetype == "application/zip"
    assert z.headers["Content-Disposition"] == \
        'attachment; filename="jongeren_neet_share_arbeidsmarktregio_2021-2023_20261126.zip"'
    js = client.get("/api/v1/observations.json?indicator=neet_share")
    assert js.mimetype == "application/json" and js.headers["Content-Disposition"].startswith("inline;")


def test_etag_differs_per_query_and_304_when_unchanged(client):
    first = client.get("/api/v1/observations.csv?indicator=neet_share")
    other = client.get("/api/v1/observations.csv?indicator=youth_ww_benefits")
    assert first.headers["ETag"] != other.headers["ETag"]
    again = client.get("/api/v1/observations.csv?indicator=neet_share",
                       headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    zipped = client.get("/api/v1/download.zip")
    assert client.get("/api/v1/download.zip", headers={"If-None-Match": zipped.headers["ETag"]}).status_code == 304


def test_observations_zip_contents(client):
    response = client.get("/api/v1/observations.zip?indicator=neet_share&level=gemeente&format=excel-nl")
    files = read_zip(response.data)
    stem = "jongeren_neet_share_gemeente_2021-2023_20261126"
    assert list(files) == [f"{stem}_excel-nl.csv", "metadata.json", "README.txt"]
    csv_direct = client.get("/api/v1/observations.csv?indicator=neet_share&level=gemeente&format=excel-nl").data
    assert files[f"{stem}_excel-nl.csv"] == csv_direct
    meta = json.loads(files["metadata.json"])
    for key in ("title", "query", "data_version", "built_at", "software", "licence", "licence_url", "attribution",
                "is_demo", "demo_statement", "rows", "periods", "files", "csv", "columns", "indicators", "sources"):
        assert key in meta, key
    assert meta["query"]["url"] == "/api/v1/observations.zip?indicator=neet_share&level=gemeente&format=excel-nl"
    assert meta["query"]["params"]["level"] == "gemeente"
    assert meta["csv"]["separator"] == ";" and meta["csv"]["decimal"] == ","
    assert meta["is_demo"] is True and meta["demo_statement"]["en"].startswith("Note: this file contains DEMO")
    assert meta["sources"][0]["table_id"] == "86087NED" and meta["sources"][0]["cbs_modified"]
    assert meta["indicators"][0]["definition_en"]
    readme = files["README.txt"].decode()
    assert "Nederlands" in readme and "English" in readme and "CC BY 4.0" in readme


def test_zip_without_demo_rows_says_nothing_about_demo(client):
    files = read_zip(client.get("/api/v1/observations.zip?indicator=youth_ww_benefits").data)
    meta = json.loads(files["metadata.json"])
    assert meta["is_demo"] is False and meta["demo_statement"] is None
    assert [s["table_id"] for s in meta["sources"]] == ["85554NED"]
    assert "DEMO" not in files["README.txt"].decode()


def test_whole_store_zip(client, store_dir):
    response = client.get("/api/v1/download.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="jongeren_alle-indicatoren_alle-niveaus_2021-2023_20261126.zip"'
    files = read_zip(response.data)
    assert list(files) == ["observations.csv", "observations_excel-nl.csv", "observations.parquet", "regions.csv",
                           "regions.parquet", "manifest.json", "metadata.json", "README.txt"]
    assert files["observations.parquet"] == (store_dir / "observations.parquet").read_bytes()
    back = pd.read_parquet(io.BytesIO(files["observations.parquet"]))
    assert len(pd.read_csv(io.BytesIO(files["observations.csv"]))) == len(back) == 28
    assert json.loads(files["metadata.json"])["rows"] == 28
    assert client.get("/api/v1/download.zip").data == response.data          # cached per data version


# --- fuzz: never a 500 ----------------------------------------------------------------------------------------------

TOKENS = ["neet_share", "youth_ww_benefits", "NL01", "AM01", "gm0014", "gemeente", "land", "2022", "2023KW02",
          "2022MM13", "2022/2023", "2021-02-29", "excel-nl", "standard", "", ",", " ", "-1", "=1+1", "%00", "\x00",
          "ü", "9" * 40, "nan", "None", "[]"]
NAMES = ["indicator", "level", "region", "period_from", "period_to", "format", "lang", "Indicator", "", "region[]"]
ENDPOINTS = ["observations.csv", "observations.json", "observations.zip", "regions", "indicators", "download.zip"]
values = st.one_of(st.sampled_from(TOKENS), st.text(max_size=30),
                   st.lists(st.sampled_from(TOKENS), max_size=4).map(",".join))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(ENDPOINTS), st.lists(st.tuples(st.one_of(st.sampled_from(NAMES), st.text(max_size=10)), values),
                                            max_size=6))
def test_fuzzed_parameters_never_give_500(client, endpoint, params):
    response = client.get(f"/api/v1/{endpoint}", query_string=params)
    assert response.status_code in (200, 400), (params, response.data[:300])
    if response.status_code == 400:
        body = response.get_json()
        assert set(body) == {"error", "parameter", "valid"} and body["error"]


# --- on the store the ETL builds, through the whole app (dashboard.app.create_app) ----------------------------------

def test_real_store_round_trip_excel_nl(app_client, app_store):
    url = ("/api/v1/observations.csv?indicator=neet_share,youth_population&level=gemeente&period_from=2020"
           "&format=excel-nl")
    response = app_client.get(url)
    assert response.status_code == 200
    numbers = ("value", "numerator", "denominator")
    got = pd.read_csv(io.BytesIO(response.data), sep=";", decimal=",", encoding="utf-8-sig", dtype={"period": str},
                      parse_dates=["period_start"], keep_default_na=False, na_values={c: [""] for c in numbers})
    obs = app_store.observations
    want = obs[obs["indicator"].isin(["neet_share", "youth_population"]) & (obs["region_level"] == "gemeente")
               & (obs["period_start"] >= "2020-01-01")]
    key = ["indicator", "region_code", "period"]
    merged = got.merge(want, on=key, suffixes=("", "_store"), validate="one_to_one")
    assert len(merged) == len(got) == len(want) > 0
    assert (merged["region_name"] == merged["region_name_store"]).all()
    for column in numbers:
        pd.testing.assert_series_equal(merged[column], merged[f"{column}_store"].round(6), check_names=False)
    assert (merged["is_demo"] == merged["is_demo_store"]).all()


def test_real_store_whole_download(app_client, app_store):
    response = app_client.get("/api/v1/download.zip")
    assert response.status_code == 200
    files = read_zip(response.data)
    assert files["observations.parquet"] == (app_store.path / "observations.parquet").read_bytes()
    assert len(pd.read_csv(io.BytesIO(files["observations.csv"]))) == len(app_store.observations)
    meta = json.loads(files["metadata.json"])
    assert meta["data_version"] == app_store.manifest["data_version"]
    assert {s["table_id"] for s in meta["sources"]} >= {"86087NED", "84780NED", "85554NED", "80590ned"}


def test_download_links_component_points_at_working_urls(app_client):
    from dashboard.ui.components.download import download_links, download_urls

    params = {"indicator": "neet_share", "level": "gemeente", "region": ["GM0363", "GM0599"], "period_from": "2020",
              "colour": "ignored"}
    urls = download_urls(params)
    assert urls["csv"] == "/api/v1/observations.csv?indicator=neet_share&level=gemeente&region=GM0363,GM0599" \
                          "&period_from=2020"
    assert urls["excel"] == urls["csv"] + "&format=excel-nl"
    for url in urls.values():
        assert app_client.get(url).status_code == 200, url
    links = download_links(params, "en")
    hrefs = [c.href for c in links.children if getattr(c, "href", None)]
    assert hrefs == [urls["csv"], urls["excel"], urls["zip"]]
    assert [c.children for c in links.children if getattr(c, "href", None)] == ["CSV", "Excel (Dutch format)",
                                                                                 "Zip with metadata"]


def test_data_page_renders_preview_from_the_url(app_client, app_store):
    page = render_page(app_client, "/data", "?indicator=neet_share&level=gemeente&region=GM0363&format=excel-nl")
    text = texts(page["content"])
    obs = app_store.observations
    n = int(((obs["indicator"] == "neet_share") & (obs["region_code"] == "GM0363")).sum())
    assert "Data downloaden" in text and f"{n} rijen" in text
    assert "/api/v1/observations.csv?indicator=neet_share&level=gemeente&region=GM0363&format=excel-nl" in text
    english = texts(render_page(app_client, "/data", "?lang=en&indicator=bogus&level=x&period_from=%00")["content"])
    assert "Download data" in english and "rows" in english


def test_data_page_callback_uses_the_api_limits(dash_app):
    from dashboard.pages.data import page

    with dash_app.server.test_request_context("/"):
        count, table, links, api_url, search = page.update_preview(["neet_share"], "gemeente", [], "2023", None,
                                                                   "standard", "en")
        assert search == "indicator=neet_share&level=gemeente&period_from=2023"
        assert api_url == "/api/v1/observations.csv?" + search
        assert table is not None and links is not None
        count, table, links, _, _ = page.update_preview([], "", [], None, None, "standard", "nl")
        assert "25.000" in texts(to_plain(count)) and table is None and links is None
        count, *_ = page.update_preview({"x": 1}, [[]], 7, [], None, "excel", ["en"])     # junk from a browser
        assert count is not None


page_params = st.dictionaries(st.sampled_from(["indicator", "level", "region", "period_from", "period_to", "format",
                                               "lang", "other"]),
                              st.one_of(values, st.lists(values, max_size=3)), max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page_params)
def test_data_page_layout_accepts_any_url(dash_app, params):
    from dashboard.pages.data import page

    with dash_app.server.test_request_context("/data"):
        lang = params.pop("lang", "nl")
        tree = to_plain(page.layout(lang if isinstance(lang, str) else "nl", **params))
    assert "/api/v1/observations.csv" in texts(tree)


def test_304_also_for_the_compressed_etag(app_client):
    url = "/api/v1/observations.json?indicator=neet_share"
    first = app_client.get(url, headers={"Accept-Encoding": "gzip"})
    assert first.headers.get("Content-Encoding") == "gzip" and first.headers["ETag"].endswith(':gzip"')
    again = app_client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.headers["ETag"] == first.headers["ETag"]


def test_the_pages_parameter_names_are_aliases(client):
    """A page's query (niveau, regio) asks the API the same as its own names (level, region)."""
    page_names = client.get("/api/v1/observations.csv?indicator=neet_share&niveau=gemeente&regio=GM0014")
    api_names = client.get("/api/v1/observations.csv?indicator=neet_share&level=gemeente&region=GM0014")
    assert page_names.status_code == api_names.status_code == 200 and page_names.data == api_names.data
    both = get_json(client, "/api/v1/observations.csv?level=gemeente&niveau=arbeidsmarktregio", 400)
    assert both["parameter"] == "level"
    wrong = get_json(client, "/api/v1/observations.csv?level=gemeente&region=AM01", 400)
    assert wrong["error"] == "region AM01 is of level arbeidsmarktregio, not of the level asked for (gemeente)"
