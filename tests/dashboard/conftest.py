"""Fixtures for the dashboard shell and page tests: one store built by the ETL, one app on it.

``built_store`` (tests/conftest.py) builds the store from the committed raw snapshots into a
temp dir with ``etl.build.build_store``; nothing here reads or writes ``data/store``.

Under ``make mutation`` the environment names a store already built from the same raw snapshots
(``MUTATION_STORE``, an absolute path): the dashboard's tests then use a private copy of it instead
of building one (~30 CPU-seconds) for every mutant.  Mutants of ``dashboard/`` cannot change a store
the ETL builds (the ETL never imports the dashboard), so the copy is the store a build would give.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dashboard.app import create_app
from dashboard.data.view import StoreView
from etl.store import load_store


@pytest.fixture(scope="session")
def built_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The root conftest's freshly built store, or under ``make mutation`` a copy of the one it names."""
    prebuilt = os.environ.get("MUTATION_STORE")
    if not prebuilt:
        return request.getfixturevalue("built_store")     # the root conftest's fixture of the same name
    source = Path(prebuilt)
    if not (source / "manifest.json").is_file():
        raise RuntimeError(f"MUTATION_STORE={prebuilt} holds no built store (run `make store`)")
    store = tmp_path_factory.mktemp("prebuilt-store") / "store"
    shutil.copytree(source, store)
    return store


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
