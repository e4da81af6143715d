"""The web process as the Procfile starts it: nginx in front of gunicorn (2 workers here), the built store.

Hostile requests at the front door: over-large, chunked, broken and deeply nested bodies, over-long lines and
too many headers, OPTIONS, missing source maps; headers on every answer (nginx's and gunicorn's own error pages
too); no version disclosure; request ids and the log format.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil

import pytest
from webprocess import LINE, ROOT, WebProcess, fields, procfile_command, raw, request

pytestmark = pytest.mark.timeout(180)

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy",
                    "X-Frame-Options", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy", "X-Request-Id")
CALLBACK = "/_dash-update-component"


@pytest.fixture(scope="module")
def web(store_dir, tmp_path_factory):
    if shutil.which("nginx") is None and not os.access("/usr/sbin/nginx", os.X_OK):
        pytest.fail("nginx is part of the production arrangement: install it (make test does, as root)")
    srv = WebProcess(store_dir=store_dir, log_dir=tmp_path_factory.mktemp("web"), workers=2).start()
    try:
        srv.wait_ready()
        yield srv
    finally:
        assert srv.stop() == 0, srv.tail()


def _has_security_headers(headers: dict[str, str], what: str) -> None:
    for name in SECURITY_HEADERS:
        assert name in headers, (what, name, headers)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers.get("Server", "nginx") == "nginx", headers.get("Server")     # no version, no "gunicorn"


def test_procfile_starts_the_launcher():
    assert procfile_command() == "python deploy/web.py"


def test_workers_and_proxy_run(web):
    names = [" ".join(p.cmdline()) for p in web.processes()]
    assert any("nginx: master" in n for n in names) and any("nginx: worker" in n for n in names), names
    assert len(web.gunicorn_workers()) == 2


def test_healthz(web):
    status, headers, _ = request(web.port, "GET", "/healthz")
    assert status == 200
    health = web.health()
    assert health["status"] == "ok" and health["data_version"] and health["version"] != "unknown"
    assert headers["Cache-Control"] == "no-store"
    _has_security_headers(headers, "/healthz")


def test_index_headers_compression_and_no_versions(web):
    status, headers, body = request(web.port, "GET", "/", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    html = gzip.decompress(body).decode()
    _has_security_headers(headers, "/")
    script_src = re.search(r"script-src ([^;]+)", headers["Content-Security-Policy"]).group(1)
    assert "'unsafe-inline'" not in script_src and "'sha256-" in script_src
    config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', html).group(1))
    for key in ("python_version", "dash_version", "plotly_version", "dash_version_url", "ddk_version"):
        assert key not in config
    assert config["requests_pathname_prefix"] == "/" and "children_props" in config  # what the renderer needs stays
    assert "react-entry-point" in html


def test_fingerprinted_asset_is_immutable_and_brotli(web):
    _, _, body = request(web.port, "GET", "/")
    src = re.search(rb'src="(/_dash-component-suites/[^"]+dash_renderer[^"]+)"', body).group(1).decode()
    status, headers, _ = request(web.port, "GET", src, {"Accept-Encoding": "br"})
    assert status == 200 and headers["Content-Encoding"] == "br"
    assert "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    status, headers, _ = request(web.port, "GET", src + ".map")
    assert status == 404, "a source map Dash does not ship"
    _has_security_headers(headers, "map")


@pytest.mark.parametrize("path", ["/_dash-component-suites/dash/dcc/async-mathjax.js.map",
                                  "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.min.js.map",
                                  "/assets/nope.css.map"])
def test_missing_static_files_are_404(web, path):
    status, headers, body = request(web.port, "GET", path)
    assert status == 404, body[:200]
    _has_security_headers(headers, path)


def test_api_answers_with_open_cors_resource_policy(web):
    status, headers, body = request(web.port, "GET", "/api/v1/indicators", {"Accept-Encoding": "gzip"})
    assert status == 200
    _has_security_headers(headers, "api")
    assert headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    data = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    assert b"youth_unemployment_rate" in data


@pytest.mark.parametrize("path", ["/api/v1/regions", "/api/v1/observations.csv", "/api/v1/need-index.csv"])
def test_options_on_the_api_advertises_get_and_head_only(web, path):
    status, headers, _ = request(web.port, "OPTIONS", path)
    assert status == 204 and headers["Allow"] == "GET, HEAD"
    status, headers, _ = request(web.port, "POST", path, body=b"")
    assert status == 405 and headers["Allow"] == "GET, HEAD"
    assert request(web.port, "OPTIONS", "/api/v1/no-such-endpoint")[0] == 404


# ------------------------------------------------------------------------------------------- bodies
def test_body_over_the_limit_is_413_with_content_length(web):
    body = b'{"output": "' + b"x" * (3 * 1024 * 1024) + b'"}'
    status, headers, _ = request(web.port, "POST", CALLBACK, {"Content-Type": "application/json"}, body)
    assert status == 413
    _has_security_headers(headers, "413")


def test_body_over_the_limit_is_413_when_chunked(web):
    chunk = b"x" * 65536
    payload = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(40)) + b"0\r\n\r\n"      # 2.5 MiB
    status, headers, _ = raw(web.port, b"POST " + CALLBACK.encode() + b" HTTP/1.1\r\nHost: x\r\n"
                             b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + payload)
    assert status == 413
    _has_security_headers(headers, "chunked 413")


def test_broken_chunked_body_is_400(web):
    status, headers, _ = raw(web.port, b"POST " + CALLBACK.encode() + b" HTTP/1.1\r\nHost: x\r\n"
                             b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n")
    assert status == 400
    _has_security_headers(headers, "broken chunk")


def test_deeply_nested_json_is_400(web):
    body = b'{"output": "x", "inputs": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    status, headers, text = request(web.port, "POST", CALLBACK, {"Content-Type": "application/json"}, body)
    assert status == 400 and b"nested" in text
    _has_security_headers(headers, "nested")


# ------------------------------------------------------------------------------------------- request lines, headers
def test_too_long_request_line_is_414_with_headers(web):
    status, headers, _ = request(web.port, "GET", "/?a=" + "a" * 9000)
    assert status == 414
    _has_security_headers(headers, "414")


def test_gunicorns_own_error_page_gets_the_headers(web):
    """More than gunicorn's limit_request_fields (100): gunicorn answers 431 itself; nginx adds the headers."""
    many = "".join(f"X-Filler-{i}: v\r\n" for i in range(150))
    status, headers, body = raw(web.port, f"GET /healthz HTTP/1.1\r\nHost: x\r\n{many}\r\n".encode())
    assert status == 431
    _has_security_headers(headers, "gunicorn 431")
    assert headers["Cache-Control"] == "no-store"


def test_garbage_request_is_400_with_headers(web):
    status, headers, _ = raw(web.port, b"\x16\x03\x01 not http at all\r\n\r\n")
    assert status == 400
    _has_security_headers(headers, "garbage")


# ------------------------------------------------------------------------------------------- request ids and logs
def test_request_id_is_echoed_and_logged(web):
    given = "probe-7d5c2a9e41f04b3c"
    status, headers, _ = request(web.port, "GET", "/api/v1/regions?level=arbeidsmarktregio", {"X-Request-Id": given})
    assert status == 200 and headers["X-Request-Id"] == given
    status, headers, _ = request(web.port, "GET", "/healthz", {"X-Request-Id": "bad id\" level=error"})
    made = headers["X-Request-Id"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    status, headers, _ = request(web.port, "POST", CALLBACK, {"Content-Type": "application/json",
                                                               "X-Request-Id": "too-big-0123456789"}, b"x" * 3_000_000)
    assert status == 413 and headers["X-Request-Id"] == "too-big-0123456789"
    wanted = {given, made, "too-big-0123456789"}
    lines = web.wait_for_lines(lambda lines: all(any(f"request_id={rid} " in line for line in lines) for rid in wanted))
    by_id = {f.get("request_id") for f in web.access_lines()}
    assert wanted <= by_id, lines[-10:]


def test_every_log_line_has_time_level_pid_and_request_id(web):
    request(web.port, "GET", "/verkennen")
    request(web.port, "GET", "/no/such/page")
    raw(web.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(150)) + b"\r\n")
    lines = web.lines()
    assert len(lines) > 10
    bad = [line for line in lines if not LINE.match(line)]
    assert not bad, bad[:5]
    access = web.access_lines()
    assert access and all(f["request_id"] != "-" and f["pid"].isdigit() for f in access)
    assert {f["logger"] for f in access} == {"gunicorn.access", "nginx.access"}
    for line in lines:
        f = fields(line)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}Z|\+00:00)", f["time"]), line
        assert f["level"] in ("debug", "info", "warning", "error", "critical"), line


# ------------------------------------------------------------------------------------------- HTTPS behind a proxy
def test_hsts_only_when_a_trusted_proxy_says_https(web):
    """The test client is 127.0.0.1, trusted by the default FORWARDED_ALLOW_IPS."""
    assert "Strict-Transport-Security" not in request(web.port, "GET", "/healthz")[1]
    headers = request(web.port, "GET", "/healthz", {"X-Forwarded-Proto": "https"})[1]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    big = b"x" * 3_000_000                                  # nginx's own answer gets it too
    headers = request(web.port, "POST", "/healthz", {"X-Forwarded-Proto": "https"}, big)[1]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    for spoof in ({"X-Forwarded-Ssl": "on"}, {"X-Forwarded-Protocol": "ssl"}):   # only nginx decides
        assert "Strict-Transport-Security" not in request(web.port, "GET", "/healthz", spoof)[1]


def test_forwarded_allow_ips_become_nginx_trusted_proxies():
    import sys
    sys.path.insert(0, str(ROOT / "deploy"))
    try:
        import web as launcher
    finally:
        sys.path.pop(0)
    assert launcher.trusted_proxies("*") == ("1", [])
    default, lines = launcher.trusted_proxies("127.0.0.1, 10.0.0.0/8,not-an-address, ::1")
    assert default == "0" and [line.split()[0] for line in lines] == ["127.0.0.1/32", "10.0.0.0/8", "::1/128"]
