"""Callback answers kept as encoded bytes per data version (dashboard.web.answers)."""

from __future__ import annotations

import brotli
import pytest

from dashboard import testing as payloads
from dashboard.app import PAGE_ROUTER_OUTPUT, create_app
from dashboard.data.store import get_view
from dashboard.pages.explorer import page as explorer
from dashboard.web.answers import answer_key


@pytest.fixture(scope="module")
def app(built_store):
    app = create_app(built_store)
    app.server.test_client().get("/")
    return app


def _body(app, indicator: str) -> dict:
    case = next(c for c in payloads.callback_cases(app) if c.key.startswith("..explorer-indicator.value"))
    return payloads.with_values(case, {"explorer-indicator.value": indicator, "explorer-url.pathname": "/verkennen"},
                                ["explorer-indicator.value"])


def test_a_repeated_request_is_answered_from_memory_with_the_same_bytes(app, monkeypatch):
    client = app.server.test_client()
    body = _body(app, "youth_benefit_share")
    first = client.post("/_dash-update-component", json=body)
    assert first.status_code == 200
    calls = []
    monkeypatch.setattr(explorer, "parse_explorer_query", lambda *a: calls.append(a))     # would break a real run
    again = client.post("/_dash-update-component", json=body)
    assert again.status_code == 200 and again.get_data() == first.get_data() and calls == []
    with app.server.test_request_context("/"):
        assert get_view().memo.peek("answer", answer_key(body)) == first.get_data()


def test_brotli_clients_get_the_same_answer_encoded(app):
    client = app.server.test_client()
    body = _body(app, "neet_count")
    plain = client.post("/_dash-update-component", json=body).get_data()
    encoded = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "br, gzip"})
    assert encoded.headers["Content-Encoding"] == "br" and brotli.decompress(encoded.get_data()) == plain


def test_every_page_callback_and_the_page_router_is_kept(app):
    client = app.server.test_client()
    for key in ("priority-map-box.children", PAGE_ROUTER_OUTPUT):        # /prioriteit's update, the router
        case = next(c for c in payloads.callback_cases(app) if key in c.key)
        first = client.post("/_dash-update-component", json=case.body)
        assert first.status_code == 200
        with app.server.test_request_context("/"):
            assert get_view().memo.peek("answer", answer_key(case.body)) == first.get_data()
    fresh = create_app(app.server.config["STORE_DIR"])                # the app's own callbacks, before any request
    cacheable = fresh.server.config["CACHED_CALLBACK_OUTPUTS"]
    assert cacheable == {*fresh.callback_map, PAGE_ROUTER_OUTPUT}
    assert any("priority-ranking.children" in k for k in cacheable)
    assert any(k.startswith("priority-table.children@") for k in cacheable)     # a table built on request too


def test_callbacks_added_later_and_bad_bodies_are_not_kept(built_store):
    from dash import Input, Output
    app = create_app(built_store)

    @app.callback(Output("later-out", "children"), Input("later-in", "value"))
    def later(value):
        return value

    client = app.server.test_client()
    client.get("/")
    body = {"output": "later-out.children", "outputs": {"id": "later-out", "property": "children"},
            "inputs": [{"id": "later-in", "property": "value", "value": "x"}], "changedPropIds": ["later-in.value"],
            "state": []}
    assert client.post("/_dash-update-component", json=body).status_code == 200
    with app.server.test_request_context("/"):
        assert get_view().memo.peek("answer", answer_key(body)) is None
    assert answer_key({"output": 3}) is None and answer_key([]) is None
    assert answer_key({"output": "x", "inputs": [float("nan")]}) is None


def test_a_new_build_of_the_store_is_answered_anew(built_store, tmp_path, monkeypatch):
    import shutil
    store = tmp_path / "store"
    shutil.copytree(built_store, store)
    app = create_app(store)
    client = app.server.test_client()
    client.get("/")
    body = _body(app, "youth_benefit_share")
    client.post("/_dash-update-component", json=body)
    manifest = store / "manifest.json"                      # a build writes a new manifest file
    data = manifest.read_bytes()
    manifest.unlink()
    manifest.write_bytes(data)
    calls = []
    real = explorer.parse_explorer_query
    monkeypatch.setattr(explorer, "parse_explorer_query", lambda *a: calls.append(1) or real(*a))
    assert client.post("/_dash-update-component", json=body).status_code == 200
    assert calls                                            # computed again on the new view
