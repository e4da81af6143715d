"""Hostile query strings for /api/v1 and malformed URLs everywhere: never a 500, never a traceback."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.timeout(120)

ENDPOINTS = ["/api/v1/indicators", "/api/v1/regions", "/api/v1/observations.csv", "/api/v1/observations.json",
             "/api/v1/observations.zip", "/api/v1/need-index.csv"]
PARAMS = ["indicator", "level", "region", "period_from", "period_to", "format", "period", "weights",
          "normalisation", "seed", "draws", "lang", "unknown"]
VALUES = ["", "youth_unemployment_rate", "neet_share", "nope", "arbeidsmarktregio", "gemeente", "land", "AM15",
          "GM0363", "GM9999", "AM99", "2023", "1800", "2999KW07", "2023MM13", "2022/2023", "excel-nl", "zscore",
          "minmax", "rank", "-1", "0", "10", "5001", "4294967296", "1e400", "NaN", "neet_share:-1",
          "neet_share:1e400,early_school_leaver_rate:abc", "neet_share:0", ":::", ",,,", "x" * 5000,
          "\x00", "%00", "<script>", "'; DROP TABLE x;--", "AM15,AM16,GM0363", "\u202e\u0000\ud7ff"]


def _ok(response, what: str) -> None:
    text = response.get_data(as_text=True)
    assert response.status_code < 500, f"{what}: {response.status_code} {text[:300]}"
    assert "Traceback" not in text, what


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_each_param_with_fixed_junk(prod_client, endpoint):
    for name in PARAMS:
        for value in ("GM9999", "x" * 5000, "-1", "1e400", "\x00", "a:b:c"):
            url = f"{endpoint}?{urlencode({name: value})}"
            _ok(prod_client.get(url), url[:120])


query = st.lists(st.tuples(st.sampled_from(PARAMS), st.one_of(st.sampled_from(VALUES), st.text(max_size=40))),
                 max_size=6)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(endpoint=st.sampled_from(ENDPOINTS), pairs=query)
def test_random_query_strings(prod_client, endpoint, pairs):
    url = f"{endpoint}?{urlencode(pairs)}"
    _ok(prod_client.get(url), url[:200])


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_wrong_methods(prod_client, method):
    for endpoint in ENDPOINTS:
        _ok(prod_client.open(endpoint, method=method, data=b"x" * 100), f"{method} {endpoint}")


MALFORMED = ["/%", "/%%", "/regio/%00", "/regio/%ff%fe", "/..%2f..%2fetc/passwd", "/../../etc/passwd",
             "/regio/" + "A" * 20000, "/" + "a/" * 2000, "/verkennen?region=%00&period=%ff",
             "/verkennen?" + "a=" * 4000, "/api/v1/%", "/api/v1/../../etc/passwd", "/api/v1/observations.csv/extra",
             "/_dash-component-suites/dash/../../../../etc/passwd", "/_dash-component-suites/nope/x.js",
             "/_dash-component-suites/dash/%00.js", "/assets/../../app.py", "/assets/%2e%2e/app.py",
             "/_dash-layout?x=%", "/regio/GM9999", "/regio/<script>alert(1)</script>", "/healthz/%00",
             "//etc/passwd", "/\\..\\..\\windows", "/%u0000", "/;jsessionid=1"]


@pytest.mark.parametrize("url", MALFORMED)
def test_malformed_urls(prod_client, url):
    response = prod_client.get(url)
    _ok(response, url[:80])
    assert response.status_code in (200, 400, 404, 414), (url[:80], response.status_code)
    assert b"root:" not in response.get_data()
    assert "Content-Security-Policy" in response.headers


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.text(min_size=1, max_size=200))
def test_random_paths(prod_client, path):
    url = "/" + quote(path, safe="/%?&=")
    _ok(prod_client.get(url), url[:120])


def test_still_serving(prod_client):
    assert prod_client.get("/healthz").status_code == 200
