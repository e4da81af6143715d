"""Root conftest: make the project importable and offer one freshly built store per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:          # `.venv/bin/pytest` does not put the project on sys.path
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built by etl.build.build_store from the committed data/raw into a temp dir (data/store untouched)."""
    from etl.build import build_store

    store = tmp_path_factory.mktemp("built-store") / "store"
    build_store(ROOT / "data" / "raw", store)
    return store
