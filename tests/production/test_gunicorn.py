"""The production server as the Procfile starts it: gunicorn, 2 workers, the built store."""

from __future__ import annotations

import gzip
import re

import pytest

from bench.server import Gunicorn, http_get

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def server(store_dir, tmp_path_factory):
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    srv = Gunicorn(store_dir=store_dir, workers=2, log_path=log).start()
    try:
        srv.wait_ready(timeout=60)
        yield srv
    finally:
        srv.stop()


def test_procfile_runs_gunicorn_with_the_config(store_dir):
    from bench.server import ROOT
    assert (ROOT / "Procfile").read_text().strip() == "web: gunicorn -c gunicorn.conf.py dashboard.app:server"


def test_two_workers_serve(server):
    assert len(server.worker_processes()) >= 2


def test_healthz(server):
    status, headers, body = http_get(server.port, "/healthz")
    assert status == 200
    health = server.health()
    assert health["status"] == "ok" and health["data_version"]
    assert headers["Cache-Control"] == "no-store"


def test_index_headers_and_compression(server):
    status, headers, body = http_get(server.port, "/", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers.get("Content-Encoding") == "gzip"
    html = gzip.decompress(body).decode()
    csp = headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'sha256-" in script_src
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "Referrer-Policy" in headers and "Permissions-Policy" in headers
    assert "react-entry-point" in html


def test_fingerprinted_asset_is_immutable_and_brotli(server):
    _, _, body = http_get(server.port, "/")
    src = re.search(rb'src="(/_dash-component-suites/[^"]+dash_renderer[^"]+)"', body).group(1).decode()
    status, headers, _ = http_get(server.port, src, {"Accept-Encoding": "br"})
    assert status == 200
    assert headers["Content-Encoding"] == "br"
    assert "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]


def test_api_call(server):
    status, headers, body = http_get(server.port, "/api/v1/indicators", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in headers
    data = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    assert b"youth_unemployment_rate" in data


def test_no_traceback_on_bad_callback(server):
    import http.client
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("POST", "/_dash-update-component", body=b"[1, 2", headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    text = response.read().decode()
    conn.close()
    assert response.status == 400
    assert "Traceback" not in text
