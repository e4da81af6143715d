"""Fixtures for the dashboard shell and page tests: one store built by the ETL, one app on it.

``built_store`` (tests/conftest.py) builds the store from the committed raw snapshots into a
temp dir with ``etl.build.build_store``; nothing here reads or writes ``data/store``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.app import create_app
from dashboard.data.view import StoreView
from etl.store import load_store


@pytest.fixture(scope="session")
def app_store(built_store: Path) -> StoreView:
    """The view of the built store that pages and the API read (its memos live for the session)."""
    return StoreView(load_store(built_store))


@pytest.fixture(scope="session")
def dash_app(built_store: Path):
    return create_app(built_store)


@pytest.fixture
def app_client(dash_app):
    return dash_app.server.test_client()
