"""The real app over the built store, shared by the production tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def store_dir(request) -> Path:
    """``$STORE_DIR`` when set, else the session's freshly built store (tests/conftest.py)."""
    if os.environ.get("STORE_DIR"):
        path = Path(os.environ["STORE_DIR"])
        if not (path / "manifest.json").exists():         # a wrong STORE_DIR is a failure, never a skip
            pytest.fail(f"STORE_DIR={path} holds no store (no manifest.json): run `python -m etl build --store {path}` "
                        "or unset STORE_DIR")
        return path
    return request.getfixturevalue("built_store")


@pytest.fixture(scope="session")
def prod_app(store_dir):
    from dashboard.app import create_app
    from dashboard.web import security
    app = create_app(store_dir)
    security.install(app.server, dash_app=app)   # a no-op when create_app already did it
    app.server.config["TESTING"] = False          # errors must become 500 responses, not raise
    client = app.server.test_client()
    assert client.get("/healthz").status_code == 200
    client.get("/")                               # Dash takes over dash.callback registrations
    return app


@pytest.fixture
def prod_client(prod_app):
    return prod_app.server.test_client()
