"""dashboard.web.security on a bare Flask app, a bare Dash app, and the real app."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from types import SimpleNamespace

import brotli
import dash
import pytest
from dash import Input, Output, dcc, html
from flask import Flask, jsonify

from dashboard.data.store import get_view
from dashboard.web import health, security

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                    "Permissions-Policy", "X-Frame-Options")


@pytest.fixture
def fake_store(monkeypatch):
    from dashboard.data.store import StoreStatus
    view = SimpleNamespace(manifest={"data_version": "abc123", "built_at": "2026-01-01T00:00:00Z",
                                     "software": {"version": "0.0.9"}}, is_demo=True, data_version="abc123")
    status = {"value": StoreStatus(view, None, None)}
    monkeypatch.setattr("dashboard.data.store.store_status", lambda *a, **k: status["value"])
    return status


@pytest.fixture
def flask_app():
    app = Flask(__name__)

    @app.get("/page")
    def page():
        return "<html><body><script>var a = 1;</script><p>" + "x" * 2000 + "</p></body></html>"

    @app.get("/api/v1/thing")
    def api_thing():
        return jsonify({"rows": list(range(500))})

    @app.get("/api/v1/cached")
    def api_cached():
        response = jsonify({"ok": True})
        response.headers["Cache-Control"] = "public, max-age=60"
        return response

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail /etc/passwd")

    @app.get("/api/v1/boom")
    def api_boom():
        raise ValueError("secret api detail")

    security.install(app)
    security.install(app)              # idempotent
    return app


def test_security_headers_on_every_response(flask_app):
    client = flask_app.test_client()
    for path in ("/page", "/api/v1/thing", "/nope", "/boom", "/api/v1/boom"):
        response = client.get(path)
        for header in SECURITY_HEADERS:
            assert header in response.headers, (path, header)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"


def test_csp_has_no_unsafe_script_sources_and_hashes_inline_scripts(flask_app):
    response = flask_app.test_client().get("/page")
    csp = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    expected = base64.b64encode(hashlib.sha256(b"var a = 1;").digest()).decode()
    assert f"'sha256-{expected}'" in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert "blob:" not in directives["worker-src"] and "blob:" not in directives["child-src"]   # no map worker
    assert directives["object-src"] == "'none'"


def test_inline_script_hashes_skips_src_json_and_comments():
    page = ('<!--[if IE]><script>alert(1)</script><![endif]-->'
            '<script src="/x.js"></script>'
            '<script id="c" type="application/json">{"a": 1}</script>'
            '<script type="application/javascript">var r = 2;</script>'
            '<script>var s = 3;</script>')
    tokens = security.inline_script_hashes(page)
    assert len(tokens) == 2
    digest = base64.b64encode(hashlib.sha256(b"var r = 2;").digest()).decode()
    assert tokens[0] == f"'sha256-{digest}'"


def test_errors_are_generic(flask_app):
    client = flask_app.test_client()
    response = client.get("/boom")
    assert response.status_code == 500
    assert response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert "secret" not in text and "Traceback" not in text
    response = client.get("/api/v1/boom")
    assert response.status_code == 500
    assert response.get_json()["error"] == "internal_error"
    assert "secret" not in response.get_data(as_text=True)
    response = client.get("/api/v1/unknown")
    assert response.status_code == 404
    assert response.get_json()["status"] == 404


def test_compression_gzip_and_brotli(flask_app):
    client = flask_app.test_client()
    response = client.get("/api/v1/thing", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.get_data()))["rows"][-1] == 499
    response = client.get("/page", headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    assert b"var a = 1;" in brotli.decompress(response.get_data())
    assert "Accept-Encoding" in response.headers["Vary"]
    plain = client.get("/page")
    assert "Content-Encoding" not in plain.headers


def test_cache_control_by_kind(flask_app):
    client = flask_app.test_client()
    assert client.get("/page").headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/thing").headers["Cache-Control"] == "public, max-age=300"
    assert client.get("/api/v1/cached").headers["Cache-Control"] == "public, max-age=60"
    assert client.get("/boom").headers["Cache-Control"] == "no-store"


def test_request_body_limit_is_set_and_applied(bare_dash):
    """413, not 400: the limit itself must answer (Flask's MAX_CONTENT_LENGTH is None unless set)."""
    server = bare_dash.server
    assert server.config["MAX_CONTENT_LENGTH"] == security.DEFAULT_MAX_BODY
    client = server.test_client()
    body = json.dumps(_callback_body("x" * (security.DEFAULT_MAX_BODY + 10))).encode()
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 413
    assert "Content-Security-Policy" in response.headers and response.headers["Cache-Control"] == "no-store"
    # announced too large on any path: 413 without reading it
    response = client.post("/", data=b"x" * (security.DEFAULT_MAX_BODY + 1))
    assert response.status_code == 413
    # just under the limit: answered by the callback (its value is only type-checked)
    small = json.dumps(_callback_body("x" * (security.DEFAULT_MAX_BODY - 1000))).encode()
    assert client.post("/_dash-update-component", data=small, content_type="application/json").status_code == 200


def test_chunked_body_over_the_limit_is_413_before_parsing(bare_dash, monkeypatch):
    """No Content-Length (chunked): the limit applies while reading (gunicorn sets wsgi.input_terminated)."""
    import io
    parsed = []
    monkeypatch.setattr(security, "parse_body", lambda data: parsed.append(data) or (None, "parsed"))
    body = json.dumps(_callback_body("x" * (security.DEFAULT_MAX_BODY + 10))).encode()
    environ = {"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True, "CONTENT_TYPE": "application/json"}
    response = bare_dash.server.test_client().post("/_dash-update-component", environ_overrides=environ)
    assert response.status_code == 413
    assert parsed == []


def test_unreadable_body_is_400(bare_dash):
    """A broken chunked body makes the server's stream raise (gunicorn: InvalidChunkSize): 400, not 500."""
    class Broken:
        def read(self, *args):
            raise RuntimeError("Invalid chunk size")                 # gunicorn's ParseException is an Exception
        readline = readinto = read
    environ = {"wsgi.input": Broken(), "wsgi.input_terminated": True, "CONTENT_TYPE": "application/json"}
    response = bare_dash.server.test_client().post("/_dash-update-component", environ_overrides=environ)
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("depth, status", [(20, 200), (100, 400), (5000, 400), (100_000, 400)])
def test_deeply_nested_json_is_400(bare_dash, depth, status):
    text = json.dumps({**_callback_body("x"), "extra": None}).replace('"extra": null',
                                                                     '"extra": ' + "[" * depth + "]" * depth)
    response = bare_dash.server.test_client().post("/_dash-update-component", data=text,
                                                   content_type="application/json")
    assert response.status_code == status, response.get_data(as_text=True)[:200]
    if status == 400:
        assert "nested" in response.get_json()["message"]


def test_healthz_ok(flask_app, fake_store):
    from etl import __version__
    response = flask_app.test_client().get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["data_version"] == "abc123"
    assert body["is_demo"] is True
    assert body["built_at"] == "2026-01-01T00:00:00Z"
    assert body["version"] == __version__ != "unknown"         # the software's version, from one place
    assert "reason" not in body
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_degraded_is_200_and_says_why(flask_app, fake_store):
    from dashboard.data.store import StoreStatus
    view = fake_store["value"].view
    fake_store["value"] = StoreStatus(view, None, "store file observations.parquet does not match its checksum")
    response = flask_app.test_client().get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "degraded" and "observations.parquet" in body["reason"]
    assert body["data_version"] == "abc123"


def test_healthz_503_when_no_store_at_all(flask_app, monkeypatch, tmp_path):
    from dashboard.data.store import StoreStatus
    monkeypatch.setattr("dashboard.data.store.store_status",
                        lambda *a, **k: StoreStatus(None, None, "cannot read the store in store: missing"))
    response = flask_app.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "unavailable"
    assert "missing" in body["reason"] and str(tmp_path) not in body["reason"]


def test_request_id_echoed_or_made(flask_app):
    client = flask_app.test_client()
    given = "req-0123456789abcdef"
    assert client.get("/page", headers={"X-Request-Id": given}).headers["X-Request-Id"] == given
    for bad in ("short", 'x" level=error', "a" * 200, "abc def ghi"):
        made = client.get("/page", headers={"X-Request-Id": bad}).headers["X-Request-Id"]
        assert made != bad and re.fullmatch(r"[0-9a-f]{32}", made)
    first, second = (client.get("/nope").headers["X-Request-Id"] for _ in range(2))
    assert first != second


def test_cross_origin_resource_policy(flask_app):
    client = flask_app.test_client()
    assert client.get("/page").headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert client.get("/nope").headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert client.get("/api/v1/thing").headers["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_hsts_only_over_https(flask_app):
    client = flask_app.test_client()
    assert "Strict-Transport-Security" not in client.get("/page").headers
    secure = client.get("/page", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


# ----------------------------------------------------------------- a bare Dash app
@pytest.fixture
def bare_dash():
    app = dash.Dash(__name__)
    app.layout = html.Div([dcc.Input(id="inp", value="a"), html.Div(id="out")])

    @app.callback(Output("out", "children"), Input("inp", "value"))
    def echo(value):
        return str(value)[:10]

    app.clientside_callback("function(v) { return v; }", Output("out", "title"), Input("inp", "value"))
    security.install(app.server, dash_app=app)
    return app


def test_dash_index_csp_matches_inline_scripts(bare_dash):
    response = bare_dash.server.test_client().get("/")
    html_text = response.get_data(as_text=True)
    csp = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    for token in security.inline_script_hashes(html_text):
        assert token in script_src
    for token in bare_dash.csp_hashes():
        assert token in script_src
    assert "'unsafe-inline'" not in script_src


def test_dash_fingerprinted_assets_are_immutable_and_compressed_once(bare_dash):
    client = bare_dash.server.test_client()
    index = client.get("/").get_data(as_text=True)
    src = re.search(r'src="(/_dash-component-suites/[^"]+dash_renderer[^"]+)"', index).group(1)
    first = client.get(src, headers={"Accept-Encoding": "gzip"})
    assert first.headers["Cache-Control"] == security.IMMUTABLE
    assert first.headers["Content-Encoding"] == "gzip"
    second = client.get(src, headers={"Accept-Encoding": "gzip"})
    assert second.get_data() == first.get_data()
    assert gzip.decompress(second.get_data())
    with bare_dash.server.test_request_context("/"):
        memo = get_view().memo
    kept = [key for key in memo.keys("compressed_file") if src in key]
    assert kept == [f"gzip;{src}"] and memo.peek("compressed_file", kept[0]) == first.get_data()
    client.get("/", headers={"Accept-Encoding": "gzip"})              # HTML: compressed, never kept
    assert all("_dash-component-suites/" in key for key in memo.keys("compressed_file"))


def test_pages_get_the_page_policy_and_everything_else_the_resource_policy(bare_dash):
    """A CSP governs documents: pages get script-src with their hashes; scripts, JSON and errors in JSON get
    default-src 'none' (nothing may load or run in them, nobody may frame them)."""
    client = bare_dash.server.test_client()
    index = client.get("/")
    assert "script-src 'self'" in index.headers["Content-Security-Policy"]
    src = re.search(r'src="(/_dash-component-suites/[^"]+dash_renderer[^"]+)"', index.get_data(as_text=True)).group(1)
    others = [client.get(src), client.get("/_dash-layout"), client.get("/_dash-dependencies")]
    for response in others:
        assert response.status_code == 200 and response.mimetype != "text/html"
        assert response.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def _callback_body(value):
    return {"output": "out.children", "outputs": {"id": "out", "property": "children"},
            "inputs": [{"id": "inp", "property": "value", "value": value}],
            "changedPropIds": ["inp.value"], "state": []}


def test_dash_callback_ok(bare_dash):
    response = bare_dash.server.test_client().post("/_dash-update-component", json=_callback_body("hi"))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize("body", [
    [], "x", 1, None, {}, {"output": 5},
    {"output": "nope.children", "inputs": []},
    {"output": "out.children", "inputs": "x"},
    {"output": "out.children", "inputs": [{"id": "other", "property": "value", "value": 1}]},
    {"output": "out.children", "inputs": [], "changedPropIds": []},
    {"output": "out.children", "inputs": [{"id": "inp", "property": "value"}], "changedPropIds": [1]},
    {"output": "out.children", "inputs": [[{"id": 5}]]},
])
def test_dash_malformed_callback_is_400(bare_dash, body):
    response = bare_dash.server.test_client().post("/_dash-update-component", json=body)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_dash_not_json_is_400(bare_dash):
    response = bare_dash.server.test_client().post("/_dash-update-component", data=b"{not json",
                                                   content_type="application/json")
    assert response.status_code == 400


def test_health_register_is_idempotent():
    app = Flask(__name__)
    health.register(app)
    health.register(app)
    assert "healthz" in app.view_functions


def test_frame_ancestors_configurable(monkeypatch):
    monkeypatch.setenv("CSP_FRAME_ANCESTORS", "'self' https://www.example.nl")
    app = Flask(__name__)

    @app.get("/x")
    def x():
        return "<html></html>"

    security.install(app)
    response = app.test_client().get("/x")
    assert "frame-ancestors 'self' https://www.example.nl" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers


def test_wrongly_typed_callback_values_are_400_not_500():
    from dashboard.web.guard import annotation, fits
    app = dash.Dash(__name__)
    app.layout = html.Div([dcc.Location(id="url"), dcc.Graph(id="map"), html.Div(id="out")])

    @app.callback(Output("out", "children"), Input("url", "search"), Input("map", "clickData"))
    def show(search, click):
        return (search or "").lstrip("?") + str((click or {}).get("points", [])[:1])

    security.install(app.server, dash_app=app)
    client = app.server.test_client()

    def post(search, click):
        return client.post("/_dash-update-component", json={
            "output": "out.children", "outputs": {"id": "out", "property": "children"},
            "inputs": [{"id": "url", "property": "search", "value": search},
                       {"id": "map", "property": "clickData", "value": click}],
            "changedPropIds": ["url.search"], "state": []})

    assert post("?a=1", {"points": []}).status_code == 200
    assert post(None, None).status_code == 200
    assert post({"not": "a string"}, None).status_code == 400
    assert post("?a=1", ["not", "a", "dict"]).status_code == 400
    assert post(12, None).status_code == 400
    assert fits(None, annotation(dcc.Dropdown, "value")) and fits(["a"], annotation(dcc.Dropdown, "value"))
    assert not fits({"a": 1}, annotation(dcc.Location, "pathname"))


def test_a_failing_callback_logs_one_line_naming_it(caplog):
    import io
    import logging

    from dashboard.web import logs
    app = dash.Dash(__name__)
    app.layout = html.Div([dcc.Input(id="inp", value="a"), html.Div(id="out")])

    @app.callback(Output("out", "children"), Input("inp", "value"))
    def explode(value):
        raise KeyError("secret detail")

    security.install(app.server, dash_app=app)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(logs.RequestIdFilter())
    handler.setFormatter(logs.LogfmtFormatter())
    logging.getLogger().addHandler(handler)
    try:
        with caplog.at_level(logging.INFO):
            response = app.server.test_client().post("/_dash-update-component", json=_callback_body("x"),
                                                     headers={"X-Request-Id": "callback-test-0001"})
    finally:
        logging.getLogger().removeHandler(handler)
    assert response.status_code == 500 and "secret" not in response.get_data(as_text=True)
    assert response.headers["X-Request-Id"] == "callback-test-0001"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1, lines
    line = lines[0]
    assert re.match(r"time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z level=error pid=\d+ request_id=callback-test-0001 ", line)
    assert "callback=out.children" in line and "changed=inp.value" in line
    assert "error=\"KeyError: 'secret detail'\"" in line and "traceback=\"Traceback" in line and "explode" in line


def test_logfmt_quotes_what_could_break_a_line():
    from dashboard.web.logs import quote
    assert quote("plain") == "plain"
    assert quote('a "b"\nc d') == '"a \\"b\\"\\nc d"'
    assert quote("") == '""' and quote("k=v") == '"k=v"'
