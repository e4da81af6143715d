"""GET /api/v1/need-index.csv: columns, CSV safety, caching, and a 400 (never a 500) for every bad parameter."""

from __future__ import annotations

import csv
import io
import json

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.inputs import COMPONENTS
from dashboard.api import need_index as api_need
from dashboard.api import observations as api
from etl.synthetic import synthetic_store, write_store

URL = "/api/v1/need-index.csv"
HEADER = ["region_code", "region_name", "index", "rank", "rank_low", "rank_high", "peer_group",
          *[f"contribution_{c}" for c in COMPONENTS], "is_demo"]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    store = synthetic_store(n_regions=9, gemeenten_per_region=3, seed=5, special_names=True,
                            school_years=tuple(f"{y - 1}/{y}" for y in range(2017, 2024)),   # no 2023/2024
                            missing=[("AM04", "youth_benefit_share", "2022")], data_version="api-need-test")
    return write_store(store, tmp_path_factory.mktemp("need-store") / "store")


@pytest.fixture(scope="module")
def client(store_dir):
    app = Flask("test-api-need")
    app.config.update(STORE_DIR=str(store_dir), TESTING=True)
    api.register(app)                  # its catch-all /api/v1/<path> must not shadow need-index.csv
    api_need.register(app)
    api_need.register(app)             # twice is harmless
    return app.test_client()


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))


def test_demo_inputs_are_marked_per_row_in_the_file_name_and_a_header(client, store_dir, tmp_path):
    """The synthetic store is all demo: every row says so, the file name says _demo, the header says true."""
    r = client.get(URL)
    assert {row["is_demo"] for row in rows(r)} == {"true"}
    assert "_demo_" in r.headers["Content-Disposition"] and r.headers["X-Demo-Data"] == "true"


def test_real_inputs_are_never_marked_demo(tmp_path):
    """The same figures marked real: no demo column value, no _demo in the name, header false."""
    store = synthetic_store(n_regions=9, gemeenten_per_region=3, seed=5, data_version="real-test")
    real = store.observations.assign(is_demo=False)
    folder = write_store(type(store)(real, store.regions, store.indicators, store.manifest, store.path),
                         tmp_path / "store")
    app = Flask("test-api-need-real")
    app.config.update(STORE_DIR=str(folder), TESTING=True)
    api_need.register(app)
    r = app.test_client().get(URL)
    assert r.status_code == 200
    assert {row["is_demo"] for row in rows(r)} == {"false"}
    assert "_demo" not in r.headers["Content-Disposition"] and r.headers["X-Demo-Data"] == "false"


def test_default_request(client):
    r = client.get(URL)
    assert r.status_code == 200 and r.mimetype == "text/csv"
    disposition = r.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="jongeren_behoefte-index_arbeidsmarktregio_2023')
    assert r.headers["X-Data-Version"] == "api-need-test" and r.headers["ETag"]
    text = r.data.decode("utf-8")
    assert text.splitlines()[0].split(",") == HEADER and text.endswith("\r\n")
    table = rows(r)
    assert len(table) == 9
    assert sorted(int(x["rank"]) for x in table) == list(range(1, 10))
    for x in table:
        assert int(x["rank_low"]) <= int(x["rank"]) <= int(x["rank_high"])
        assert x["peer_group"] != ""
        total = sum(float(x[f"contribution_{c}"]) for c in COMPONENTS)
        assert abs(total - float(x["index"])) < 1e-5


def test_text_cells_are_neutralised(client):
    names = {x["region_code"]: x["region_name"] for x in rows(client.get(URL))}
    assert names["AM02"] == "'=Regio 02+" and names["AM03"] == "'-Regio, 03"


def test_example_query_from_the_issue(client):
    r = client.get(URL + "?period=2022&weights=neet_share:2,early_school_leaver_rate:1&normalisation=zscore"
                   "&level=arbeidsmarktregio&seed=42&draws=300")
    assert r.status_code == 200
    table = rows(r)
    for x in table:                     # only the two weighted components contribute
        for c in ("youth_jobseeker_rate", "youth_benefit_share", "neet_share_change"):
            assert x[f"contribution_{c}"] == "0"
    assert all(x["index"] != "" for x in table)       # AM04 lacks only an unweighted component


def test_missing_component_lists_region_last_with_empty_cells(client):
    table = rows(client.get(URL + "?period=2022"))
    assert table[-1]["region_code"] == "AM04"
    assert table[-1]["index"] == "" and table[-1]["rank"] == ""
    assert sorted(int(x["rank"]) for x in table[:-1]) == list(range(1, 9))


def test_gemeente_level_and_normalisations(client):
    for norm in ("zscore", "minmax", "rank"):
        r = client.get(URL + f"?level=gemeente&normalisation={norm}&draws=100")
        assert r.status_code == 200 and len(rows(r)) == 27


def test_equivalent_weights_give_the_same_body_and_etag(client):
    a = client.get(URL + "?weights=neet_share:1,youth_benefit_share:2&draws=100&seed=1")
    b = client.get(URL + "?weights=neet_share:3,youth_benefit_share:6&draws=100&seed=1")
    assert a.status_code == b.status_code == 200
    assert a.data == b.data and a.headers["ETag"] == b.headers["ETag"]


def test_deterministic_and_seed_matters(client):
    a = client.get(URL + "?seed=7&draws=200").data
    assert client.get(URL + "?seed=7&draws=200").data == a
    others = {client.get(URL + f"?seed={s}&draws=50").data for s in range(5)}
    assert len(others) > 1


def test_etag_gives_304(client):
    r = client.get(URL + "?draws=100")
    again = client.get(URL + "?draws=100", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304


BAD = [
    ("weights=foo:1", "weights", "neet_share"),
    ("weights=population:1", "weights", "neet_share"),
    ("weights=neet_share:-1", "weights", "non-negative numbers"),
    ("weights=neet_share:abc", "weights", "non-negative numbers"),
    ("weights=neet_share:nan", "weights", "non-negative numbers"),
    ("weights=neet_share:inf", "weights", "non-negative numbers"),
    ("weights=neet_share:0,youth_benefit_share:0", "weights", "at least one weight > 0"),
    ("weights=neet_share:0", "weights", "at least one weight > 0"),
    ("weights=neet_share", "weights", "neet_share"),
    ("weights=neet_share:1,neet_share:2", "weights", "neet_share"),
    ("normalisation=log", "normalisation", "zscore"),
    ("normalisation=ZSCORE", "normalisation", "rank"),
    ("period=1999", "period", "2022"),
    ("period=2023KW01", "period", "2022"),
    ("period=2024", "period", "2023"),            # a youth year without its school year
    ("period=2017", "period", "2018"),            # no year before it: no one-year change
    ("level=provincie", "level", "arbeidsmarktregio"),
    ("level=land", "level", "gemeente"),
    ("draws=5001", "draws", "10..5000"),
    ("draws=9", "draws", "10..5000"),
    ("draws=0", "draws", "10..5000"),
    ("draws=-5", "draws", "10..5000"),
    ("draws=1e3", "draws", "10..5000"),
    ("draws=many", "draws", "10..5000"),
    ("seed=-1", "seed", "0..4294967295"),
    ("seed=4294967296", "seed", "0..4294967295"),
    ("seed=abc", "seed", "0..4294967295"),
    ("lang=en", "lang", "weights"),
    ("draws=100&draws=200", "draws", None),
]


@pytest.mark.parametrize("query, parameter, valid", BAD, ids=[q for q, _, _ in BAD])
def test_bad_parameters_give_400_json(client, query, parameter, valid):
    r = client.get(f"{URL}?{query}")
    assert r.status_code == 400 and r.mimetype == "application/json"
    body = json.loads(r.data)
    assert set(body) == {"error", "parameter", "valid"}
    assert body["parameter"] == parameter and body["error"]
    if valid is not None:
        assert valid in body["valid"]


def test_period_weights_interplay(client):
    """2017 has no year before it: fine when the one-year change weighs 0."""
    r = client.get(URL + "?period=2017&weights=neet_share:1,youth_benefit_share:1")
    assert r.status_code == 200 and len(rows(r)) == 9


def test_missing_store_gives_503(tmp_path):
    app = Flask("no-store")
    app.config.update(STORE_DIR=str(tmp_path / "nothing"), TESTING=True)
    api_need.register(app)
    r = app.test_client().get(URL)
    assert r.status_code == 503 and json.loads(r.data)["error"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["weights", "period", "normalisation", "level", "seed", "draws"]),
       st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_never_a_500(client, name, value):
    r = client.get(URL, query_string={name: value})
    assert r.status_code in (200, 400), r.data[:200]


def test_the_priority_pages_parameter_names_are_aliases(client):
    """/prioriteit's query (niveau, periode, w, norm) asks the need index what level, period, weights and
    normalisation ask: the same bytes."""
    page = client.get(URL + "?niveau=gemeente&periode=2022&w=neet_share:2,early_school_leaver_rate:1&norm=rank")
    api_names = client.get(URL + "?level=gemeente&period=2022&weights=neet_share:2,early_school_leaver_rate:1"
                                 "&normalisation=rank")
    assert page.status_code == api_names.status_code == 200 and page.data == api_names.data
    assert rows(page) and {r["region_code"][:2] for r in rows(page)} == {"GM"}
